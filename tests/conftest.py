import contextlib
import functools
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from tests import builders
from tests.factories import OrganisationFactory, UserFactory
from tests.mailbox import Mailbox
from tests.processes import ROOT, celery_worker_command, database_url
from tests.registry_server import RegistryServer
from tops.catalogue import ProcessMemory
from tops.storage import private_storage

TESTS = Path(__file__).resolve().parent

# The folders whose tests read the portal's messages in English: each of their tests is marked
# ``english`` (see _english_if_marked). The others read them as a visitor would.
IN_ENGLISH = {"awards", "catalog", "programme", "reports", "review", "suppliers"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "english: the test runs with English active (the portal's messages, e-mail)"
    )


@pytest.fixture(scope="session", autouse=True)
def _private_storage_in_a_temporary_folder(tmp_path_factory):
    """Files uploaded by tests go to throw-away folders, not the working tree."""
    folder = tmp_path_factory.mktemp("private-media")
    public = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder, "base_url": None},
        },
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=public):
        private_storage.reset()
        yield folder
    private_storage.reset()


@pytest.fixture
def admin_user(db):
    """pytest-django's superuser (behind ``admin_client``), with its two-step log-in set up as
    every staff member's is."""
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def tasks_in_process():
    """Tasks run in this process, even where a broker is configured: for tests that read what
    a task did from this process's memory."""
    from tops.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def private_store(tmp_path, settings):
    """A private store of the test's own, for tests that look at every file in it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private-store", "base_url": None},
        },
    }
    private_storage.reset()
    yield private_storage
    private_storage.reset()


@pytest.fixture(scope="session")
def _registry_server():
    server = RegistryServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def registry(_registry_server, settings):
    """Every test asks the local registry server, never the real one; by default it holds no
    company (the registry's empty answer), and a test adds what it needs."""
    _registry_server.reset()
    settings.COMPANY_REGISTRY_URL = _registry_server.url
    yield _registry_server
    _registry_server.reset()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache (Redis in CI), and pages, cards and counts in it
    and in this process's memory: no test inherits another's."""
    cache.clear()
    ProcessMemory.forget_all()
    yield
    cache.clear()
    ProcessMemory.forget_all()


@pytest.fixture(scope="session")
def mail_folder():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return None
    return Path(tempfile.mkdtemp(prefix="tops-mail-"))


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup, django_db_blocker, mail_folder, _private_storage_in_a_temporary_folder
):
    """A real Celery worker process on the test database and the tests' file stores, started
    when a broker is configured."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        yield None
        return
    from tops.celery import app

    app.control.purge()
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(database),
        "EMAIL_URL": f"filemail:///{mail_folder}",
        "PRIVATE_MEDIA_ROOT": str(_private_storage_in_a_temporary_folder),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "test-artifacts" / "celery-worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        celery_worker_command(),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=1):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(
                "the Celery worker did not start: see test-artifacts/celery-worker.log"
            )
    _worker_running.append(worker)
    yield worker
    _worker_running.clear()
    worker.terminate()
    worker.wait(timeout=30)
    log.close()
    with django_db_blocker.unblock():
        _wait_for_other_sessions_to_end()


# The worker process, once a test has started it (it then serves every later test).
_worker_running: list = []


def _wait_for_the_worker_to_be_idle(timeout: float = 30):
    """Until the worker has no task in hand: a task started by what a test committed (a
    picture's renditions, a mail) must not be reading the tables while they are emptied."""
    from tops.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # One worker: its answer ends the wait for replies at once.
        inspect = app.control.inspect(timeout=1, limit=1)
        busy = [*((inspect.active() or {}).values()), *((inspect.reserved() or {}).values())]
        if not any(busy):
            return
        time.sleep(0.1)


@pytest.fixture(autouse=True)
def _worker_idle_before_the_database_is_emptied(request):
    """A transactional test's database is emptied after it; with a worker running, that waits
    for the worker to finish what the test gave it."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        yield
        return
    # Requested from here, the database is set up before this fixture and emptied after it.
    request.getfixturevalue("transactional_db")
    yield
    if _worker_running:
        _wait_for_the_worker_to_be_idle()


def _wait_for_other_sessions_to_end(timeout: float = 10):
    """PostgreSQL ends a departed client's session a moment later; dropping the test database
    before then fails."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.2)


@pytest.fixture
def mailbox(transactional_db, django_db_serialized_rollback, mail_folder, celery_worker_process):
    """The mail sent. It leaves when a transaction commits, so tests reading it are
    transactional; their database is restored afterwards with what the migrations made
    (the staff roles, the site)."""
    box = Mailbox(mail_folder)
    box.clear()
    return box


def pytest_collection_modifyitems(items):
    """A test reading the mailbox commits its transactions, so the database has to be restored
    afterwards; saying so on the test itself makes the restore data exist in any selection.
    The tests of the folders in IN_ENGLISH are marked ``english``."""
    for item in items:
        # A transactional test without serialized rollback ends by re-creating the content types
        # and permissions, which a later serialized restore then inserts again: refuse the mix.
        marker = item.get_closest_marker("django_db")
        if (
            marker is not None
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test needs serialized_rollback=True"
            )
        if "mailbox" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if item.path.is_relative_to(TESTS) and item.path.relative_to(TESTS).parts[0] in IN_ENGLISH:
            item.add_marker(pytest.mark.english)


@pytest.fixture(autouse=True)
def _english_if_marked(request):
    """A test marked ``english`` runs with English active, whatever the settings' language."""
    marked = request.node.get_closest_marker("english") is not None
    with translation.override("en") if marked else contextlib.nullcontext():
        yield


# The people and states most tests start from; tests/builders.py makes them.


@pytest.fixture
def reviewer(db):
    return builders.reviewer()


@pytest.fixture
def organizer(db):
    return builders.organizer()


@pytest.fixture
def buyer(db):
    """The organisation applying to be listed: a buyer until approved."""
    return OrganisationFactory(tax_id="22099131", account__email="buyer@example.com")


@pytest.fixture
def draft(buyer):
    """The buyer's application, just started."""
    return builders.draft_application(buyer)


@pytest.fixture
def complete_draft(draft):
    """The buyer's application, ready to be submitted."""
    return builders.complete_application(draft)


@pytest.fixture
def submitted(draft):
    """The buyer's application, submitted: waiting for a reviewer."""
    return builders.submitted_application(draft)


@pytest.fixture
def list_product(reviewer):
    """Create a product and have the reviewer list it:
    ``list_product(supplier, name, pavilion="lifestyle", description=..., summary=...)``."""
    return functools.partial(builders.listed_product, by=reviewer)
