"""The catalogue's version, and the public pages kept in the shared cache under it.

Every change that can alter a public page (a listing, a delisting, an approved edit, a
disqualification or reinstatement, an accepted profile change, a pavilion edit, ...) calls
``catalogue_changed()``. The version is bumped once the change is committed: bumped earlier, a
visitor could read the new version with the old rows and keep the old page under the new version.
Bumped after the commit, a page rendered from the old rows is stored under the old version, which
nobody asks for again. The bump happens before the service's request answers, so the next request,
in any process, sees the new version.

The version lives in the shared cache (Redis) and is incremented atomically there. A version
created afresh (first use, or Redis lost its keys) starts from the clock, never from a number an
older page could still be stored under. While Redis is out of reach (tops/cache.py) each process
would hold its own version, so the page cache stands aside until Redis is back.
"""

import hashlib
import time
from collections import OrderedDict
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.utils.autoreload import file_changed
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "catalogue:version"
# A cached page is only ever replaced by a new version; the timeout just frees the memory.
PAGE_SECONDS = 60 * 60
# Browsers and proxies may store a public page but must ask again before showing it: a delisting
# shows on the very next request, also in the browser that saw the product a moment before.
PUBLIC_MAX_AGE = 0


class ProcessMemory:
    """Values that never change once made (they are keyed by a catalogue version or by when
    their rows last changed), kept in this process's memory so that a page reads them without a
    round trip to the shared cache. Bounded: the least recently read go first. The values are
    shared by every request of the process: callers only read them."""

    memories: list["ProcessMemory"] = []

    def __init__(self, size: int):
        self.size = size
        self.values: OrderedDict = OrderedDict()
        ProcessMemory.memories.append(self)

    def get(self, key, default=None):
        try:
            self.values.move_to_end(key)
            return self.values[key]
        except KeyError:  # never kept, or let go meanwhile by another thread
            return default

    def put(self, key, value) -> None:
        self.values[key] = value
        while len(self.values) > self.size:
            try:
                self.values.popitem(last=False)
            except KeyError:
                break

    @classmethod
    def forget_all(cls, **kwargs) -> None:
        """Empty every memory: after a change of settings, of a template file under the
        development server, and between tests (which clear the cache and reuse row ids)."""
        for memory in cls.memories:
            memory.values.clear()


setting_changed.connect(ProcessMemory.forget_all)
file_changed.connect(ProcessMemory.forget_all)


def _shared() -> bool:
    """Whether the cache is shared by every process right now."""
    shared = getattr(cache, "is_shared", None)
    return shared() if shared else True


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or lost): start one from the clock
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        cache.incr(VERSION_KEY)


RELEASE_KEY = "catalogue:release"
_release_in_process = ProcessMemory(1)


def release() -> int:
    """The number of the code now deployed, read once per process: pages, values and product
    cards are kept under it, so that new code never serves what old code rendered, even while
    old processes still serve during a deployment. Set afresh by each ``migrate``, which every
    deployment runs first."""
    number = _release_in_process.get(RELEASE_KEY)
    if number is None:
        number = cache.get(RELEASE_KEY) or 0
        _release_in_process.put(RELEASE_KEY, number)
    return number


def new_release(**kwargs) -> None:
    """After ``migrate``: pages and cards rendered by the code deployed before are retired."""
    cache.set(RELEASE_KEY, time.time_ns() // 1000, timeout=None)
    _bump()
    ProcessMemory.forget_all()


def catalogue_changed() -> None:
    """Call from every service that changes what a public page shows, inside its transaction.

    Bumped at once and again on commit: the first retires the pages stored so far (and serves
    code that reads its own uncommitted change, such as a test inside one transaction); only the
    second guarantees that no page rendered from the old rows outlives the change."""
    _bump()
    transaction.on_commit(_bump, robust=False)


def request_catalogue_version(request) -> int | None:
    """The catalogue version this request's page is rendered under, read once per request;
    None while the cache is not shared (each process would hold its own)."""
    if not hasattr(request, "catalogue_version"):
        request.catalogue_version = catalogue_version() if _shared() else None
    return request.catalogue_version


_values_in_process = ProcessMemory(512)


def cached_for_version(name: str, compute, *args, request=None):
    """A value computed once per catalogue version (counts per pavilion, the pavilions, ...),
    shared by every process; ``args`` tell apart the values of one ``name``. Callers only read
    it. Computed afresh while the cache is not shared.
    """
    version = request_catalogue_version(request) if request is not None else None
    if version is None:
        if not _shared():
            return compute()
        version = catalogue_version()
    local_key = (version, name, *args)
    value = _values_in_process.get(local_key)
    if value is not None:
        return value
    # Under the release too: during a rolling deployment the old code keeps serving.
    key = f"catalogue:{release()}:{version}:{name}:" + ":".join(str(arg) for arg in args)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PAGE_SECONDS)
    _values_in_process.put(local_key, value)
    return value


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    # A message waiting for this visitor must be shown, not skipped by a stored page.
    return not len(messages.get_messages(request))


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        # A page that called for a CSRF token carries this visitor's token.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Set-Cookie")
    )


def _page_key(request) -> str:
    query = sorted(request.GET.lists())
    raw = "|".join(
        (request.scheme, request.get_host(), request.path, repr(query), get_language() or "")
    )
    # Under the release too: during a rolling deployment the old code keeps rendering pages.
    return f"catalogue:page:{release()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _headers(response, *, public: bool) -> None:
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)


# The query parameters the public pages read. A request with any other is answered without the
# cache: its page may differ (links repeat the parameters) and it must not fill the cache.
PAGE_PARAMETERS = frozenset({"page", "sort", "group", "q", "pavilion", "district", "p"})


# What campaign links add (a post shared on Facebook, a mailing, an advert): read by the
# visitor's analytics from the address bar, never by the pages. A page is rendered and kept
# without them, so that every visit from a campaign is served from the cache.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "msclkid", "mc_cid", "mc_eid"})
TRACKING_PREFIX = "utm_"


def _without_tracking(request) -> None:
    tracking = [
        name
        for name in request.GET
        if name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIX)
    ]
    if tracking:
        request.GET = request.GET.copy()
        for name in tracking:
            del request.GET[name]
        # Links back to the page (the language switch, og:url) are made from the query string.
        request.META["QUERY_STRING"] = request.GET.urlencode()


def public_page(view):
    """A public page for anonymous visitors, served from the shared cache under the catalogue
    version and the language. Signed-in visitors always get their own page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        _without_tracking(request)
        known = request.GET.keys() <= PAGE_PARAMETERS
        if not (known and _cacheable_request(request) and _shared()):
            response = view(request, *args, **kwargs)
            _headers(response, public=False)
            return response
        # The page is kept with the version it was rendered under; one round trip reads both.
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or catalogue_version()
        request.catalogue_version = version
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            response = stored[1]
            response["X-Catalogue-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _cacheable_response(request, response):
            _headers(response, public=True)
            cache.set(key, (version, response), PAGE_SECONDS)
        else:
            _headers(response, public=False)
        return response

    # A page from the cache needs no database connection at all; a page rendered reads only.
    return transaction.non_atomic_requests(wrapped)
