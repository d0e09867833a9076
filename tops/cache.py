"""The shared cache (Redis) with a fallback: while Redis is out of reach, each process uses its
own memory and logs a warning, so that log-in, sign-up and their limits keep working (per
process, as on the embedded default) instead of failing."""

import logging
import time

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# After a failure, do not make every call wait on a dead server: try it again after this.
RETRY_AFTER_SECONDS = 5


def _delegated(method: str):
    """A cache method answered by Redis, or by the fallback while Redis is out of reach."""

    def call(self, *args, **kwargs):
        return self._call(method, *args, **kwargs)

    call.__name__ = method
    return call


class _ClientPerPool(RedisCacheClient):
    """Django builds a new redis client, with its table of several hundred reply handlers, for
    every command: a fifth of a cached page's time. One client per connection pool serves all of
    them (a client is safe to share; its pool hands out the connections)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class RedisWithLocalFallback(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.redis = RedisCache(location, params)
        self.redis._class = _ClientPerPool
        self.local = LocMemCache(f"fallback-{location}", params)
        self._redis_down_until = 0.0

    def ping(self) -> bool:
        """For the readiness check: ask Redis itself, never the fallback."""
        return self.redis._cache.get_client().ping()

    def is_shared(self) -> bool:
        """False while this process answers from its own memory (Redis out of reach)."""
        return time.monotonic() >= self._redis_down_until

    def _call(self, method, *args, **kwargs):
        if time.monotonic() >= self._redis_down_until:
            try:
                return getattr(self.redis, method)(*args, **kwargs)
            except (RedisConnectionError, RedisTimeoutError, OSError) as error:
                self._redis_down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning("Redis is out of reach, this process caches locally: %s", error)
        return getattr(self.local, method)(*args, **kwargs)

    add = _delegated("add")
    get = _delegated("get")
    set = _delegated("set")
    touch = _delegated("touch")
    delete = _delegated("delete")
    get_many = _delegated("get_many")
    has_key = _delegated("has_key")
    incr = _delegated("incr")
    set_many = _delegated("set_many")
    delete_many = _delegated("delete_many")

    def clear(self):
        self.local.clear()
        return self._call("clear")

    def close(self, **kwargs):
        self.redis.close(**kwargs)
