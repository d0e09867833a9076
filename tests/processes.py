"""What tests need to start the portal's own processes (a Celery worker, manage.py) on the test
database: where the project is, the database's URL, the worker's command line."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_url(database: dict) -> str:
    """The URL of a Django database setting, for a process started with DATABASE_URL."""
    name = database["NAME"]
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{name}"
    user = database.get("USER") or "postgres"
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def celery_worker_command(*pool: str) -> list[str]:
    """A Celery worker of the portal, by default in one process (``--pool=solo``)."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "tops",
        "worker",
        *(pool or ("--pool=solo",)),
        "--loglevel=INFO",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]
