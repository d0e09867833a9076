"""Backups: the database (pg_dump's custom format on PostgreSQL, SQLite's online backup on the
embedded default) and both stores (public media and private documents, through the storage
API, so a local folder and an object-store bucket are read the same way), with a manifest of
every file's SHA-256 and every table's row count. A restore checks the checksums as it goes
and refuses a database that is not empty."""

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connection, transaction
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


def _tables() -> list[str]:
    tables = []
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table not in tables and not model._meta.proxy and model._meta.managed:
            tables.append(table)
    return sorted(tables)


def row_counts(cursor=None) -> dict[str, int]:
    """Rows per table, read through ``cursor`` (or the default connection's)."""
    with contextlib.nullcontext(cursor) if cursor else connection.cursor() as reader:
        counts = {}
        for table in _tables():
            reader.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = reader.fetchone()[0]
    return counts


def _postgresql_environment() -> dict:
    """libpq's own variables, so that no password shows in the process list."""
    database = settings.DATABASES["default"]
    variables = {
        "PGHOST": database.get("HOST") or "127.0.0.1",
        "PGPORT": str(database.get("PORT") or 5432),
        "PGUSER": database.get("USER") or "postgres",
        "PGDATABASE": database["NAME"],
    }
    if database.get("PASSWORD"):
        variables["PGPASSWORD"] = database["PASSWORD"]
    if database.get("OPTIONS", {}).get("sslmode"):
        variables["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    return {**os.environ, **variables}


def _dump_postgresql(path: Path) -> dict[str, int]:
    """pg_dump and the row counts from one snapshot, so that they agree on a busy portal."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        subprocess.run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
            check=True,
            env=_postgresql_environment(),
        )
        return row_counts(cursor)


def _dump_sqlite(path: Path) -> dict[str, int]:
    """SQLite's online backup; the counts are read from the copy itself."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    counts = {}
    for table in _tables():
        counts[table] = target.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    target.close()
    return counts


def backup(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        database_file = "database.dump"
        tables = _dump_postgresql(folder / database_file)
    else:
        database_file = "database.sqlite3"
        tables = _dump_sqlite(folder / database_file)
    # Files are copied after the dump: one deleted in between is listed as missing (its row
    # was already gone or going); one added in between has no row in the dump and is kept.
    files, missing = {}, []
    for store in STORES:
        storage = storages[store]
        for name in _walk(storage):
            path = folder / "stores" / store / name
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with storage.open(name, "rb") as source, path.open("wb") as copy:
                    shutil.copyfileobj(source, copy)
            except FileNotFoundError:
                path.unlink(missing_ok=True)
                missing.append(f"{store}/{name}")
                continue
            files[f"{store}/{name}"] = _sha256(path)
    manifest = {
        "made_at": timezone.now().isoformat(),
        "database": {
            "vendor": connection.vendor,
            "file": database_file,
            "sha256": _sha256(folder / database_file),
        },
        "tables": tables,
        "files": files,
        "missing": missing,
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
                f"--dbname={settings.DATABASES['default']['NAME']}",
                str(folder / database["file"]),
            ],
            check=True,
            env=_postgresql_environment(),
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
