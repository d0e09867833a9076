"""The shared cache (Redis) with a fallback: while Redis is out of reach, each process uses its
own memory and logs a warning, so that log-in, sign-up and their limits keep working (per
process, as on the embedded default) instead of failing."""

import logging
import time

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# After a failure, do not make every call wait on a dead server: try it again after this.
RETRY_AFTER_SECONDS = 5


class RedisWithLocalFallback(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.redis = RedisCache(location, params)
        self.local = LocMemCache(f"fallback-{location}", params)
        self._redis_down_until = 0.0

    def ping(self) -> bool:
        """For the readiness check: ask Redis itself, never the fallback."""
        return self.redis._cache.get_client().ping()

    def _call(self, method, *args, **kwargs):
        if time.monotonic() >= self._redis_down_until:
            try:
                return getattr(self.redis, method)(*args, **kwargs)
            except (RedisConnectionError, RedisTimeoutError, OSError) as error:
                self._redis_down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning("Redis is out of reach, this process caches locally: %s", error)
        return getattr(self.local, method)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        self.local.clear()
        return self._call("clear")

    def close(self, **kwargs):
        self.redis.close(**kwargs)
