"""The portal scaled out on one machine, on loopback, as it would run on several:

    nginx ─┬─ gunicorn A ─┐
           └─ gunicorn B ─┼─ PostgreSQL (database tops_cluster)
                          ├─ Redis (AOF on: the queue survives a restart)
    Celery worker 1, 2 ───┤
    Celery beat ──────────┴─ S3-compatible store (moto's server): a public and a private bucket

nginx serves the static files and proxies /media/ to the public bucket; private documents are
reached only through the portal's signed, short-lived URLs. No sticky sessions.

`--check` drives a journey across it (a buyer logs in on A and uploads a document that B
serves; a reviewer works on B and requests corrections, which mails the applicant), with
public traffic through nginx, while it kills a worker, restarts Redis and restarts gunicorn A;
then it prints what it did and counted and fails unless there were no errors, no lost and no
duplicated mail. Without `--check` it starts everything and waits (Ctrl-C stops it).

Production uses a real S3-compatible object store, a managed or replicated PostgreSQL and a
persistent Redis; moto only stands in for the store here.
"""

import argparse
import contextlib
import email
import email.policy
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
DATABASE = "tops_cluster"
POSTGRES = os.environ.get("CLUSTER_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
PASSWORD = "tops-demo-2026"  # seed_demo's
BUYER, REVIEWER = "22099131", "reviewer"  # seed_demo's buyer and reviewer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise SystemExit(f"cluster: timed out waiting for {what}")


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.3)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class MailSink:
    """The mail server: records each accepted message's Message-ID."""

    def __init__(self):
        self.received = []
        self.recipients = Counter()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(str(message["Message-ID"]))
        self.recipients.update(envelope.rcpt_tos)
        return "250 OK"


class Cluster:
    def __init__(self, folder: Path):
        self.folder = folder
        self.ports = {name: free_port() for name in ("nginx", "a", "b", "redis", "s3", "smtp")}
        self.processes: dict[str, subprocess.Popen] = {}
        self.log = open(folder / "cluster.log", "a")  # noqa: SIM115
        self.sink = MailSink()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tops.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{self.ports['nginx']}",
            "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "OBJECT_STORAGE_BUCKET": "tops-public",
            "PRIVATE_OBJECT_STORAGE_BUCKET": "tops-private",
            "OBJECT_STORAGE_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['s3']}",
            "OBJECT_STORAGE_REGION": "us-east-1",
            "OBJECT_STORAGE_ACCESS_KEY": "cluster",
            "OBJECT_STORAGE_SECRET_KEY": "cluster",
            "OBJECT_STORAGE_PUBLIC_DOMAIN": f"127.0.0.1:{self.ports['nginx']}/media",
            "OBJECT_STORAGE_PUBLIC_PROTOCOL": "http:",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.ports['smtp']}",
            "STATIC_ROOT": str(folder / "static"),
            "LOG_FORMAT": "json",
            "TRUSTED_PROXY_COUNT": "1",
        }
        for name in ("EMAIL_TIMEOUT", "CELERY_VISIBILITY_TIMEOUT"):
            self.env.pop(name, None)

    # The parts -------------------------------------------------------------------------

    def start(self, name, command, ready):
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(ready, f"{name} to start")

    def stop(self, name, sig=signal.SIGTERM):
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def start_redis(self):
        self.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.ports["redis"]),
                "--bind",
                "127.0.0.1",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--dir",
                str(self.folder),
            ],
            lambda: port_open(self.ports["redis"]),
        )

    def start_gunicorn(self, name):
        self.start(
            name,
            [
                PYTHON,
                "-m",
                "gunicorn",
                "tops.wsgi",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                "2",
                "--graceful-timeout",
                "10",
                # Each instance would otherwise open its control socket at one shared path.
                "--no-control-socket",
            ],
            lambda: requests.get(f"http://127.0.0.1:{self.ports[name]}/healthz", timeout=1).ok,
        )

    def start_worker(self, name):
        self.start(
            name,
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "tops",
                "worker",
                "--pool=prefork",
                "--concurrency=2",
                "--loglevel=INFO",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            lambda: True,
        )

    def manage(self, *arguments):
        subprocess.run(
            [PYTHON, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def up(self):
        from aiosmtpd.controller import Controller

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
        self.smtp = Controller(self.sink, hostname="127.0.0.1", port=self.ports["smtp"])
        self.smtp.start()
        self.start(
            "s3",
            [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])],
            lambda: port_open(self.ports["s3"]),
        )
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=self.env["OBJECT_STORAGE_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster",
        )
        s3.create_bucket(Bucket="tops-public")
        s3.create_bucket(Bucket="tops-private")
        self.start_redis()
        self.manage("migrate", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage("seed_demo")
        self.start_gunicorn("a")
        self.start_gunicorn("b")
        self.start_worker("worker1")
        self.start_worker("worker2")
        self.start(
            "beat",
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "tops",
                "beat",
                "--loglevel=INFO",
                "-s",
                str(self.folder / "beat-schedule"),
            ],
            lambda: True,
        )
        self.write_nginx_conf()
        self.start(
            "nginx",
            [
                "nginx",
                "-p",
                str(self.folder),
                "-c",
                str(self.folder / "nginx.conf"),
                "-e",
                "stderr",
            ],
            lambda: port_open(self.ports["nginx"]),
        )

    def write_nginx_conf(self):
        p = self.ports
        (self.folder / "nginx.conf").write_text(f"""
daemon off;
master_process on;
worker_processes 1;
pid {self.folder}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    access_log {self.folder}/nginx-access.log;
    client_body_temp_path {self.folder}/nginx-body;
    proxy_temp_path {self.folder}/nginx-proxy;
    fastcgi_temp_path {self.folder}/nginx-fastcgi;
    uwsgi_temp_path {self.folder}/nginx-uwsgi;
    scgi_temp_path {self.folder}/nginx-scgi;
    include /etc/nginx/mime.types;
    client_max_body_size 85m;
    upstream portal {{
        server 127.0.0.1:{p["a"]} max_fails=1 fail_timeout=3s;
        server 127.0.0.1:{p["b"]} max_fails=1 fail_timeout=3s;
    }}
    server {{
        listen 127.0.0.1:{p["nginx"]};
        location /static/ {{ alias {self.folder}/static/; expires 1h; }}
        location /media/ {{ proxy_pass http://127.0.0.1:{p["s3"]}/tops-public/; }}
        location / {{
            proxy_pass http://portal;
            proxy_next_upstream error timeout http_502;
            proxy_set_header Host $http_host;
            proxy_set_header X-Request-ID $request_id;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
""")

    def down(self):
        for name in list(self.processes):
            with contextlib.suppress(Exception):
                self.stop(name, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.smtp.stop()
        self.log.close()

    def url(self, through="nginx"):
        return f"http://127.0.0.1:{self.ports[through]}"


# The journey ---------------------------------------------------------------------------


def csrf(session, url):
    page = session.get(url, timeout=10)
    page.raise_for_status()
    return page, session.cookies.get("csrftoken")


def log_in(session, base, login):
    _, token = csrf(session, f"{base}/accounts/login/")
    answer = session.post(
        f"{base}/accounts/login/",
        {"login": login, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=10,
    )
    assert answer.ok and "sessionid" in session.cookies, f"log-in of {login}: {answer.status_code}"


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def second_step(session, base):
    """The authenticator app's code, for a staff log-in."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
    answer = post(session, base, "/accounts/2fa/authenticate/", {"code": code})
    assert answer.ok and "/2fa/" not in answer.url, "the second step was refused"


def post(session, base, path, data, files=None):
    token = session.cookies.get("csrftoken")
    answer = session.post(
        f"{base}{path}",
        {**data, "csrfmiddlewaretoken": token},
        files=files,
        headers={"Referer": f"{base}{path}"},
        timeout=15,
    )
    assert answer.status_code < 500, f"POST {path}: {answer.status_code}"
    return answer


def one_page_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer, content = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(content)
    return content.getvalue()


class Traffic(threading.Thread):
    """Visitors reading public pages through nginx while the faults happen."""

    PAGES = ("/", "/search/?q=茶", "/accounts/login/", "/healthz")

    def __init__(self, base):
        super().__init__(daemon=True)
        self.base, self.stopping = base, threading.Event()
        self.statuses = Counter()

    def run(self):
        with requests.Session() as session:
            while not self.stopping.is_set():
                for page in self.PAGES:
                    try:
                        self.statuses[session.get(self.base + page, timeout=10).status_code] += 1
                    except requests.RequestException:
                        self.statuses["no answer"] += 1


def check(cluster: Cluster) -> int:
    import django

    os.environ.update(cluster.env)
    django.setup()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the mail server's chatter
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import User
    from tops.models import OutgoingMail

    # The reviewer has set up an authenticator app (staff log in in two steps).
    TOTP.activate(User.objects.get(username=REVIEWER), TOTP_SECRET)

    done = []
    a, b = cluster.url("a"), cluster.url("b")
    traffic = Traffic(cluster.url())
    traffic.start()

    # A buyer logs in on A, starts an application and uploads a document there...
    buyer = requests.Session()
    log_in(buyer, a, BUYER)
    post(buyer, a, "/supplier/application/start/", {})
    pdf = one_page_pdf()
    csrf(buyer, f"{a}/supplier/application/documents/")
    uploaded = post(
        buyer,
        a,
        "/supplier/application/documents/",
        {"kind": "product_evidence"},
        files={"product_evidence-file": ("型錄.pdf", pdf, "application/pdf")},
    )
    assert uploaded.history and uploaded.history[0].status_code == 302, "the upload was refused"
    done.append("buyer logged in on A and uploaded a document")

    cluster.stop("worker1", signal.SIGKILL)
    done.append("killed worker 1 (SIGKILL)")

    # ...and B serves it: the page links the portal's URL, which redirects to a signed one.
    page = buyer.get(f"{b}/supplier/application/documents/", timeout=10).text
    link = re.search(r'href="(/supplier/documents/[0-9a-f-]{36}/)"', page).group(1)
    signed = buyer.get(f"{b}{link}", allow_redirects=False, timeout=10)
    assert signed.status_code == 302 and "Signature=" in signed.headers["Location"]
    assert requests.get(signed.headers["Location"], timeout=10).content == pdf
    anonymous = requests.get(f"{b}{link}", allow_redirects=False, timeout=10)
    assert "Signature=" not in anonymous.headers.get("Location", ""), "a stranger got the file"
    done.append("gunicorn B served it through a signed, short-lived URL")

    cluster.stop("redis")
    cluster.start_redis()
    done.append("restarted Redis (AOF on)")

    # A reviewer, on B, takes the waiting application and asks for corrections: a mail.
    reviewer = requests.Session()
    log_in(reviewer, b, REVIEWER)
    second_step(reviewer, b)
    queue = reviewer.get(f"{b}/admin/suppliers/application/?status=submitted", timeout=10).text
    pk = re.search(r"/admin/suppliers/application/(\d+)/change/", queue).group(1)
    post(reviewer, b, f"/admin/suppliers/application/{pk}/take/", {})
    corrections = reviewer.get(f"{b}/admin/suppliers/application/{pk}/corrections/", timeout=10)
    part = re.search(r'name="parts" value="([^"]+)"', corrections.text).group(1)
    post(
        reviewer,
        b,
        f"/admin/suppliers/application/{pk}/corrections/",
        {"parts": part, "note": "請補正"},
    )
    done.append("a reviewer on B took the application and requested corrections")

    cluster.stop("a")
    cluster.start_gunicorn("a")
    done.append("restarted gunicorn A")

    # Password resets through nginx: more mail, across the restarts.
    for login_email in ("applicant@example.com", "buyer@example.com"):
        visitor = requests.Session()
        _, token = csrf(visitor, f"{cluster.url()}/accounts/password/reset/")
        post(visitor, cluster.url(), "/accounts/password/reset/", {"email": login_email})
    cluster.start_worker("worker1")
    done.append("asked for two password resets through nginx; worker 1 back")

    time.sleep(3)
    traffic.stopping.set()
    traffic.join()
    wait_for(
        lambda: not OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists(),
        "the outbox to empty",
        timeout=180,
    )
    expected = set(OutgoingMail.objects.values_list("message_id", flat=True))
    time.sleep(2)
    delivered = Counter(cluster.sink.received)
    lost = len(expected - set(delivered))
    duplicates = sum(count - 1 for count in delivered.values())
    requests_made = sum(traffic.statuses.values())
    errors = sum(
        n for status, n in traffic.statuses.items() if status == "no answer" or status >= 500
    )

    print("cluster check:")
    for step in done:
        print(f"  - {step}")
    print(f"  requests through nginx: {requests_made}, errors (5xx or no answer): {errors}")
    print(f"  by status: {dict(sorted(traffic.statuses.items(), key=str))}")
    print(
        f"  mails expected: {len(expected)}, delivered: {len(set(delivered) & expected)}, "
        f"lost: {lost}, duplicates: {duplicates}"
    )
    # The journey's own mail, counted at the mail server by recipient: the corrections notice
    # and a password reset to the applicant, a password reset to the buyer.
    journey = {"applicant@example.com": 2, "buyer@example.com": 1}
    reached = {address: cluster.sink.recipients[address] for address in journey}
    print(f"  the journey's mail by recipient: {reached} (expected at least {journey})")
    ok = (
        errors == 0
        and lost == 0
        and duplicates == 0
        and all(reached[address] >= count for address, count in journey.items())
    )
    print("  result:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="drive the journey and the faults")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tops-cluster-"))
    cluster = Cluster(folder)
    try:
        cluster.up()
        if options.check:
            return check(cluster)
        print(f"TOPS cluster at {cluster.url()} (logs: {folder}/cluster.log); Ctrl-C stops it.")
        signal.pause()
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.down()
        print(f"cluster logs: {folder}/cluster.log")


if __name__ == "__main__":
    sys.exit(main())
