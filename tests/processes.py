"""What tests need to start the portal's own processes (a Celery worker, manage.py, web
processes) on the test database: where the project is, the database's URL, the worker's command
line, and web processes to send requests to."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

import requests

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


@contextmanager
def web_processes(*, name: str, redis_url: str, count: int = 2, database_access=nullcontext):
    """``count`` gunicorn processes of the portal (one worker each) on the test database and
    ``redis_url``, with the suite's own settings and production's choices where they matter;
    yields their base URLs. On the way out they are stopped and their database sessions
    (``PGAPPNAME`` = ``name``) waited for, inside ``database_access()``."""
    from django.conf import settings
    from django.db import connection

    ports = [free_port() for _ in range(count)]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "REDIS_URL": redis_url,
        "PGAPPNAME": name,
        "CONN_MAX_AGE": "0",
        "DEBUG": "0",
        "SECRET_KEY": f"{name}-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXY_COUNT": "0",
        "LOG_LEVEL": "WARNING",
    }
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "test-artifacts" / f"{name}-gunicorn.log", "w")  # noqa: SIM115
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tops.wsgi"]
            + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 60
        while not all(answers(f"http://127.0.0.1:{port}/healthz") for port in ports):
            assert time.monotonic() < deadline, f"gunicorn did not start (test-artifacts/{name})"
            time.sleep(0.2)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=20)
        log.close()
        with database_access(), connection.cursor() as cursor:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [name]
                )
                if cursor.fetchone()[0] == 0:
                    break
                time.sleep(0.1)
