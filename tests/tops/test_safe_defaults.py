"""Safe defaults: a key of the portal's own, a content security policy without inline code, the
browser features it never uses switched off, `check --deploy` clean with the production settings
README documents, and the embedded default that survives concurrent writes."""

import os
import secrets
import sqlite3
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.urls import reverse

from tests.processes import ROOT

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "0",
    "HTTPS": "1",
    "ALLOWED_HOSTS": "tops.gov.taipei",
    "CSRF_TRUSTED_ORIGINS": "https://tops.gov.taipei",
}


def _check_deploy(**environment):
    # A production machine's environment: only what README documents, none of the test run's.
    env = {
        **{name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "tops.settings",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_settings():
    result = _check_deploy(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_a_secret_key_the_portal_uses_one_of_its_own_and_says_so():
    result = _check_deploy(**{k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    assert "tops.W001" in result.stderr
    key_file = settings.LOCAL_SECRET_KEY_FILE
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert len(key_file.read_text().strip()) >= 50
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", key_file.name], cwd=ROOT, capture_output=True
    )
    assert tracked.returncode != 0, "the generated key must never be committed"


@pytest.mark.django_db
def test_pages_carry_a_policy_without_inline_code_and_switch_off_unused_features(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    features = response["Permissions-Policy"]
    assert "camera=()" in features and "geolocation=()" in features


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the embedded default's options",
)
def test_the_embedded_database_takes_thirty_writers_at_once(tmp_path):
    """30 request-like transactions (read, then write) at once on the embedded default's
    SQLite options: none fails with "database is locked"."""
    options = settings.DATABASES["default"]["OPTIONS"]
    path = tmp_path / "portal.sqlite3"
    setup = sqlite3.connect(path)
    setup.executescript(options["init_command"])  # the first connection turns WAL on, once
    setup.execute("CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT)")
    setup.commit()
    setup.close()
    start, failures = threading.Barrier(30), []

    def write(number):
        connection = sqlite3.connect(path, timeout=options["timeout"], isolation_level=None)
        try:
            connection.executescript(options["init_command"])
            start.wait(timeout=60)
            connection.execute(f"BEGIN {options['transaction_mode']}")
            count = connection.execute("SELECT count(*) FROM product").fetchone()[0]
            connection.execute("INSERT INTO product (name) VALUES (?)", (f"{number}-{count}",))
            connection.execute("COMMIT")
        except (sqlite3.OperationalError, threading.BrokenBarrierError) as error:
            failures.append(f"{type(error).__name__}: {error}")
            start.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT count(*) FROM product").fetchone()[0] == 30
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
