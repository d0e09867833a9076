"""Benchmark of the public pages on PostgreSQL behind gunicorn.

    .venv/bin/python scripts/benchmark.py            # 5,000 then 50,000 products

It creates a throw-away database (tops_bench), seeds 1,000 suppliers and 5,000 products,
serves the portal with gunicorn, loads each public page with a small threaded HTTP load
generator, then grows the catalogue to 50,000 products and measures again. Each page's
requests per second and p50/p95/p99 latency are printed beside /healthz, a Django view
that touches no database, measured the same way in the same run: the ratio shows what
each page costs above Django's own ceiling on this machine.
"""

import argparse
import http.client
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", 8765
DATABASE = "tops_bench"
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
)


def environment():
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "MEDIA_ROOT": str(ROOT / "bench-media"),
        "LOG_LEVEL": "WARNING",
    }


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=environment(), check=True)


def fresh_database():
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    manage("migrate", "--verbosity", "0")


def sample_ids():
    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as connection:
        product = connection.execute(
            "SELECT id FROM catalog_product WHERE status = 'listed' ORDER BY id LIMIT 1 OFFSET 100"
        ).fetchone()[0]
        supplier = connection.execute(
            "SELECT supplier_id FROM catalog_product WHERE id = %s", (product,)
        ).fetchone()[0]
    return product, supplier


def analyse():
    with psycopg.connect(
        DATABASE_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as connection:
        connection.execute("VACUUM ANALYZE")


def serve(workers):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "tops.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment(),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, PORT, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def load(path, requests, concurrency):
    """Send ``requests`` GETs to ``path`` from ``concurrency`` threads, each on its own
    keep-alive connection; return (requests per second, latencies in ms)."""
    latencies, errors = [], []
    lock = threading.Lock()
    share = [
        requests // concurrency + (1 if i < requests % concurrency else 0)
        for i in range(concurrency)
    ]

    def worker(count):
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        mine = []
        for _ in range(count):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Language": "zh-TW"})
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors.append(response.status)
        with lock:
            latencies.extend(mine)

    for _ in range(20):  # warm up
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        connection.request("GET", path)
        connection.getresponse().read()
    threads = [threading.Thread(target=worker, args=(count,)) for count in share]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} responses were not 200: {set(errors)}")
    return requests / elapsed, latencies


def percentile(values, share):
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def measure(label, pages, requests, concurrency):
    print(f"\n### {label}\n")
    print("| page | req/s | p50 ms | p95 ms | p99 ms | share of /healthz req/s |")
    print("|---|---:|---:|---:|---:|---:|")
    ceiling = None
    for name, path in pages:
        rate, latencies = load(path, requests, concurrency)
        ceiling = ceiling or rate
        print(
            f"| {name} | {rate:.0f} | {percentile(latencies, 50):.1f} | "
            f"{percentile(latencies, 95):.1f} | {percentile(latencies, 99):.1f} | "
            f"{rate / ceiling:.0%} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=1000)
    parser.add_argument("--small", type=int, default=5000)
    parser.add_argument("--large", type=int, default=50000)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()

    print(
        f"{time.strftime('%Y-%m-%d')} · {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} · gunicorn --workers {options.workers} · "
        f"{options.requests} requests per page from {options.concurrency} connections"
    )
    fresh_database()
    manage(
        "seed_catalogue", "--suppliers", str(options.suppliers), "--products", str(options.small)
    )
    for size, grow in ((options.small, 0), (options.large, options.large - options.small)):
        if grow:
            manage("seed_catalogue", "--suppliers", "0", "--products", str(grow))
        analyse()
        product, supplier = sample_ids()
        pages = [
            ("/healthz (ceiling)", "/healthz"),
            ("home", "/"),
            ("pavilion", "/pavilions/biotech-health/"),
            ("pavilion, page 20, startups", "/pavilions/biotech-health/?group=startup&page=20"),
            ("product", f"/products/{product}/"),
            ("supplier", f"/suppliers/{supplier}/"),
            ("search 保健", f"/search/?q={quote('保健')}"),
            ("search 永續包裝", f"/search/?q={quote('永續包裝')}"),
        ]
        server = serve(options.workers)
        try:
            measure(f"{size:,} products", pages, options.requests, options.concurrency)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
