"""The web app under load: requests per second and latency of the person page and the search
API on an archive of 20,000 persons, served by `habeas serve` in its own process and loaded
from this one over loopback with concurrent requests.

    python bench/web_bench.py [--persons 20000] [--docs 40000] [--concurrency 16] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive_bench import TOPICS, fill  # noqa: E402

from habeas.store.archive import Archive  # noqa: E402

PASSWORD = "bench password, long enough"


async def load(base: str, paths: list[str], headers: dict, cookies: dict, concurrency: int, seconds: float):
    times: list[float] = []
    failures = 0
    stop = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient, rng: random.Random) -> None:
        nonlocal failures
        while time.perf_counter() < stop:
            start = time.perf_counter()
            response = await client.get(rng.choice(paths))
            times.append(time.perf_counter() - start)
            failures += response.status_code != 200

    async with httpx.AsyncClient(base_url=base, headers=headers, cookies=cookies, timeout=30,
                                 limits=httpx.Limits(max_connections=concurrency)) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client, random.Random(i)) for i in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(times)
    return {"rps": len(times) / elapsed, "p50": statistics.median(ordered) * 1000,
            "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000, "requests": len(times), "failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--docs", type=int, default=40_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/habeas.db"
        archive = Archive.open(url)
        fill(archive, args.docs, args.persons)
        archive.add_user("bench", "editor", PASSWORD)
        token = archive.add_token("bench")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        habeas = str(Path(sys.executable).with_name("habeas"))
        server = subprocess.Popen([habeas, "serve", "--db", url, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{base}/login", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            login = httpx.post(f"{base}/login", data={"name": "bench", "password": PASSWORD})
            cookies = dict(login.cookies)
            rng = random.Random(5)
            persons = [f"/persons/{rng.randint(1, args.persons)}" for _ in range(500)]
            searches = [f"/api/v1/search?q={rng.choice(TOPICS)[0]}" for _ in range(50)]
            results = {
                "person page": asyncio.run(load(base, persons, {}, cookies, args.concurrency, args.seconds)),
                "search API": asyncio.run(load(base, searches, {"Authorization": f"Bearer {token}"}, {},
                                               args.concurrency, args.seconds)),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{args.persons:,} persons, {args.docs:,} documents (SQLite), {args.concurrency} concurrent clients, "
          f"{args.seconds:.0f} s each, server and load in separate processes on loopback")
    for name, r in results.items():
        print(f"{name:12}  {r['rps']:7.1f} req/s   p50 {r['p50']:6.1f} ms   p95 {r['p95']:6.1f} ms   "
              f"({r['requests']} requests, {r['failures']} not 200)")


if __name__ == "__main__":
    main()
