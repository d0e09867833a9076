"""The parts the fault tests break on purpose: a Redis server, a mail server and Celery
workers of their own, started here, on the test database (PostgreSQL: the worker processes
share it). The broker of this process is pointed at that Redis while a test runs."""

import asyncio
import email
import email.policy
import os
import signal
import socket
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from tests.processes import ROOT, celery_worker_command, database_url, free_port

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not settings.REDIS_URL,
    reason="the fault tests run on PostgreSQL + Redis with worker processes",
)


def wait_until(condition, timeout=30.0, every=0.1, what="the condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)


class RedisServer:
    """A Redis that keeps nothing on disk: a restart loses what it held, as the one in the
    issue did."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self._answers, what="Redis to start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def restart(self):
        self.stop()
        self.start()

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class Sink:
    """What a mail server does with mail: it records each message it accepted (after DATA),
    by Message-ID. ``mode``: "up", "slow" (each recipient takes ``delay`` seconds, so a
    send can be caught in the middle) or "hang" (never answers a recipient)."""

    def __init__(self):
        self.received = []
        self.mode = "up"
        self.delay = 1.0
        self.in_progress = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.in_progress += 1
        try:
            if self.mode == "hang":
                await asyncio.sleep(3600)
            elif self.mode == "slow":
                await asyncio.sleep(self.delay)
        finally:
            self.in_progress -= 1
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(str(message["Message-ID"]))
        return "250 Message accepted for delivery"

    def count(self):
        return Counter(self.received)


class MailServer:
    def __init__(self):
        self.port = free_port()
        self.sink = Sink()
        self.controller = None

    def start(self):
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class Worker:
    """A Celery worker process on the test database, sending through ``mail_server``."""

    def __init__(self, broker: RedisServer, mail_server: MailServer, pool="solo", log=None):
        self.broker, self.mail_server, self.pool, self.log = broker, mail_server, pool, log
        self.process = None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(settings.DATABASES["default"]),
            "REDIS_URL": self.broker.url,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.mail_server.port}",
            "EMAIL_TIMEOUT": "2",
            "CELERY_VISIBILITY_TIMEOUT": "5",
        }
        pool = () if self.pool == "solo" else ("--pool=prefork", "--concurrency=2")
        self.process = subprocess.Popen(
            celery_worker_command(*pool),
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(self._ready, timeout=60, every=0.3, what="the worker to start")

    def _ready(self):
        if self.process.poll() is not None:
            raise AssertionError("the worker exited: see test-artifacts/fault-workers.log")
        return (self.pool == "solo" or bool(self.children())) and self._answers_ping()

    def _answers_ping(self):
        from tops.celery import app

        return bool(app.control.ping(timeout=0.5))

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill(self):
        """SIGKILL, as the out-of-memory killer or a lost machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_server():
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis_server):
    """This process publishes to the fault tests' Redis while the test runs."""
    from tops.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager

    def forget_pools():
        # kombu keeps one pool per broker address; this process's own (the suite's broker)
        # must stay open for the tests after this one, so only this test's pool is closed.
        app._pool = None
        app.amqp._producer_pool = None

    forget_pools()
    app.conf.broker_url, app.conf.task_always_eager = redis_server.url, False
    yield redis_server
    if app._pool is not None:
        app._pool.force_close_all()
    forget_pools()
    app.conf.broker_url, app.conf.task_always_eager = saved


@pytest.fixture
def start_worker(transactional_db, broker, mail_server):
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "test-artifacts" / "fault-workers.log", "a")  # noqa: SIM115
    workers = []

    def start(pool="solo"):
        worker = Worker(broker, mail_server, pool=pool, log=log)
        worker.start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    log.close()
