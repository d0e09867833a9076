"""A backup restores into a fresh database and fresh stores with the same rows and files."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from suppliers.models import DocumentKind
from tests.builders import draft_application, upload_document
from tests.factories import OrganisationFactory
from tests.processes import ROOT, database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the same kind as the test database, and its URL."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}", None
        return
    name = f"tops_restore_{uuid.uuid4().hex[:8]}"
    server = database_url({**connection.settings_dict, "NAME": "postgres"})
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = database_url({**connection.settings_dict, "NAME": name})
    yield url, name
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _restore(folder, database_url, media, private):
    """``manage.py restore`` as operations run it, into the given database and store folders."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tops.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private),
    }
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _count(url, table, where="1=1"):
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as restored:
            return restored.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]
    with psycopg.connect(url) as restored:
        return restored.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def test_a_backup_restores_into_a_fresh_database_and_stores(
    tmp_path, fresh_database, private_store
):
    organisation = OrganisationFactory(name="備份測試股份有限公司")
    document = upload_document(draft_application(organisation), DocumentKind.COMPANY_PROFILE)
    folder = tmp_path / "backup"

    call_command("backup", str(folder))

    manifest = json.loads((folder / "manifest.json").read_text())
    assert f"private/{document.file.name}" in manifest["files"]
    assert manifest["tables"]["accounts_organisation"] >= 1

    url, _ = fresh_database
    private = tmp_path / "private-media"
    restored = _restore(folder, url, tmp_path / "media", private)
    assert restored.returncode == 0, restored.stderr
    assert "counts and checksums match" in restored.stdout
    assert _count(url, "accounts_organisation", "name = '備份測試股份有限公司'") == 1
    copy = private / document.file.name
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == document.sha256

    # A second restore into the same, no longer fresh, database is refused.
    again = _restore(folder, url, tmp_path / "media", private)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_restored(
    tmp_path, fresh_database, private_store
):
    document = upload_document(
        draft_application(OrganisationFactory()), DocumentKind.COMPANY_PROFILE
    )
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    (folder / "stores" / "private" / document.file.name).write_bytes(b"not the document")

    url, _ = fresh_database
    refused = _restore(folder, url, tmp_path / "m", tmp_path / "p")
    assert refused.returncode != 0 and "does not match its checksum" in refused.stderr
    assert not (tmp_path / "p").exists()
