"""Benchmark of the public pages on PostgreSQL behind gunicorn, driven by wrk.

    .venv/bin/python scripts/benchmark.py            # 5,000 then 50,000 products
    make benchmark

It creates a throw-away database (tops_bench), seeds suppliers and 5,000 listed products,
serves the portal with gunicorn and loads each public page with wrk (installed with apt-get if
missing), then grows the catalogue to 50,000 products and measures again. Each page is measured
right after /healthz (a Django view with no database work) under the same gunicorn, so that the
printed ratio (the page's requests per second over /healthz's) is taken in the same conditions.

Each page is measured twice: warm (the page from the shared cache, as visitors get it between
two changes of the catalogue) and cold (rendered on every request: a query parameter the pages
do not read keeps the page cache out; the per-product card cache stays warm). The shared cache
is Redis when REDIS_URL is set (as in production); otherwise each gunicorn worker has its own.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", 8765
DATABASE = os.environ.get("BENCH_DATABASE", "tops_bench")
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
)

# Each wrk thread sends the page with a parameter of its own on every request: never cached.
COLD_SCRIPT = """
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function request()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "cold=" .. tid .. "-" .. counter)
end
"""


def ensure_wrk():
    if shutil.which("wrk"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("Installing wrk with apt-get", file=sys.stderr)
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
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
        [PYTHON, "-m", "gunicorn", "tops.wsgi", "--workers", str(workers)]
        + ["--bind", f"{HOST}:{PORT}", "--log-level", "warning"],
        cwd=ROOT,
        env=environment(),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(path, *, seconds, connections, threads, script=None):
    """Requests per second and the p50/p99 latency in ms of ``path`` under wrk."""
    url = f"http://{HOST}:{PORT}{path}"
    # One request first: the warm run starts with the page in the cache.
    with urllib.request.urlopen(url, timeout=30) as answer:
        answer.read()
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["-H", "Accept-Language: zh-TW"]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{path}: responses that were not 200:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1))
    return rate, p50, p99


def measure(label, pages, options, cold_script):
    print(f"\n### {label}\n", flush=True)
    print("| page | cache | req/s | p50 ms | p99 ms | /healthz req/s | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|")
    run = {
        "seconds": options.seconds,
        "connections": options.connections,
        "threads": options.threads,
    }
    for name, path in pages:
        for state in ("warm", "cold"):
            # /healthz and the page alternately, so that both see the same machine.
            ceiling, _, _ = wrk("/healthz", **run)
            script = cold_script if state == "cold" else None
            rate, p50, p99 = wrk(path, script=script, **run)
            print(
                f"| {name} | {state} | {rate:.0f} | {p50:.1f} | {p99:.1f} | {ceiling:.0f} | "
                f"{rate / ceiling:.2f} |",
                flush=True,
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=1000)
    parser.add_argument("--small", type=int, default=5000)
    parser.add_argument("--large", type=int, default=50000, help="0 to measure only --small")
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()
    ensure_wrk()

    print(
        f"{time.strftime('%Y-%m-%d')} · {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} · gunicorn --workers {options.workers} · "
        f"wrk -t{options.threads} -c{options.connections} -d{options.seconds}s · "
        f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'local memory per worker'}",
        flush=True,
    )
    fresh_database()
    manage(
        "seed_catalogue", "--suppliers", str(options.suppliers), "--products", str(options.small)
    )
    sizes = [(options.small, 0)]
    if options.large > options.small:
        sizes.append((options.large, options.large - options.small))
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as cold_script:
        cold_script.write(COLD_SCRIPT)
        cold_script.flush()
        for size, grow in sizes:
            if grow:
                manage("seed_catalogue", "--suppliers", "0", "--products", str(grow))
            analyse()
            product, supplier = sample_ids()
            pages = [
                ("home", "/"),
                ("pavilion", "/pavilions/biotech-health/"),
                ("pavilion, page 20, startups", "/pavilions/biotech-health/?group=startup&page=20"),
                ("product", f"/products/{product}/"),
                ("supplier", f"/suppliers/{supplier}/"),
                ("search 保健", f"/search/?q={quote('保健')}"),
                ("search 茶", f"/search/?q={quote('茶')}"),
                ("search 永續包裝", f"/search/?q={quote('永續包裝')}"),
                ("search bamboo", "/search/?q=bamboo"),
                ("search, no hits", f"/search/?q={quote('無此商品')}"),
                ("sitemap index", "/sitemap.xml"),
                ("sitemap, a page of products", "/sitemap-products.xml?p=2"),
            ]
            server = serve(options.workers)
            try:
                measure(f"{size:,} products", pages, options, cold_script.name)
            finally:
                server.terminate()
                server.wait()


if __name__ == "__main__":
    main()
