"""Backups: the database (pg_dump's custom format on PostgreSQL, SQLite's online backup on the
embedded default) and both stores (public media and private documents, through the storage
API, so a local folder and an object-store bucket are read the same way), with a manifest of
every file's SHA-256 and every table's row count. A restore checks the checksums as it goes
and refuses a database that is not empty."""

import hashlib
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

STORES = ("default", "private")


class RestoreRefused(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as content:
        for block in iter(lambda: content.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _walk(storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _database_url_for_tools() -> str:
    database = settings.DATABASES["default"]
    user = database.get("USER") or "postgres"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgresql://{user}{password}@{host}:{port}/{database['NAME']}"


def backup(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        database_file = "database.dump"
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                f"--file={folder / database_file}",
                _database_url_for_tools(),
            ],
            check=True,
        )
    else:
        database_file = "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(folder / database_file)
        connection.connection.backup(target)
        target.close()
    files = {}
    for store in STORES:
        storage = storages[store]
        for name in _walk(storage):
            path = folder / "stores" / store / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, path.open("wb") as copy:
                shutil.copyfileobj(source, copy)
            files[f"{store}/{name}"] = _sha256(path)
    manifest = {
        "made_at": timezone.now().isoformat(),
        "database": {
            "vendor": connection.vendor,
            "file": database_file,
            "sha256": _sha256(folder / database_file),
        },
        "tables": row_counts(),
        "files": files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def restore(folder: Path) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text())
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        raise RestoreRefused(f"the backup is of {database['vendor']}, not {connection.vendor}")
    if _sha256(folder / database["file"]) != database["sha256"]:
        raise RestoreRefused("the database file does not match its checksum")
    if connection.introspection.table_names():
        raise RestoreRefused("the database is not empty: restore into a fresh one")
    for name, digest in manifest["files"].items():
        if _sha256(folder / "stores" / name) != digest:
            raise RestoreRefused(f"{name} does not match its checksum")
    if connection.vendor == "postgresql":
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={_database_url_for_tools()}",
                str(folder / database["file"]),
            ],
            check=True,
        )
    else:
        connection.close()
        shutil.copyfile(folder / database["file"], settings.DATABASES["default"]["NAME"])
    for name in manifest["files"]:
        store, _, stored_name = name.partition("/")
        with (folder / "stores" / name).open("rb") as content:
            saved = storages[store].save(stored_name, File(content))
        if saved != stored_name:
            raise RestoreRefused(f"the store already held {stored_name}: restore into a fresh one")
    restored = row_counts()
    if restored != manifest["tables"]:
        raise RestoreRefused("the restored row counts differ from the backup's")
    return manifest
