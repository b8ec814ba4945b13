"""The web app under load: requests per second and latency of the person page and the search
API on an archive of 20,000 persons, served by `habeas serve` (its default number of worker
processes, or --workers) in processes of its own and loaded from this one over loopback, by 1
client and then by 20 concurrent ones. Targets at 20 clients: p95 ≤ 150 ms, and at least the
requests per second of the single client (more clients must not make it slower). Each run
also prints the server's CPU time per request (its processes' user + system time over the run):
on a machine busy with other work, latencies grow while that cost does not.

    python bench/web_bench.py [--persons 20000] [--docs 40000] [--concurrency 1,20] [--seconds 10] [--workers N]
                              [--archive FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
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


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process `pid` and its descendants (Linux /proc):
    the server's own cost, apart from the load this process makes and the machine's other work."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        if current in stats:
            total += int(stats[current][11]) + int(stats[current][12])   # utime, stime
        todo += children.get(current, [])
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--docs", type=int, default=40_000)
    parser.add_argument("--concurrency", default="1,20", help="client counts, one run each (default 1,20)")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=None, help="habeas serve --workers (default: its own)")
    parser.add_argument("--archive", type=Path, default=None,
                        help="an SQLite file kept between runs: filled when it does not exist yet, else reused "
                             "(made with the same --persons and --docs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.archive or Path(tmp) / "habeas.db"
        url = f"sqlite:///{path}"
        fresh = not path.exists()
        archive = Archive.open(url)
        if fresh:
            fill(archive, args.docs, args.persons)
            archive.add_user("bench", "editor", PASSWORD)
        token = archive.add_token("bench")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        habeas = str(Path(sys.executable).with_name("habeas"))
        workers = ["--workers", str(args.workers)] if args.workers else []
        server = subprocess.Popen([habeas, "serve", "--db", url, "--port", str(port), *workers],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{base}/login", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            form = httpx.get(f"{base}/login")
            csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
            login = httpx.post(f"{base}/login", data={"name": "bench", "password": PASSWORD, "csrf": csrf},
                               cookies=form.cookies)
            cookies = dict(login.cookies)
            if "habeas_session" not in cookies:
                raise SystemExit(f"could not log in: {login.status_code}")
            rng = random.Random(5)
            persons = [f"/persons/{rng.randint(1, args.persons)}" for _ in range(500)]
            searches = [f"/api/v1/search?q={rng.choice(TOPICS)[0]}" for _ in range(50)]
            # Pages no one asked for yet (an offset of its own each): what a search costs when
            # the server has not kept its page (habeas.store.pagecache). No target.
            unkept = [f"/api/v1/search?q={topic}&offset={offset}" for topic, _ in TOPICS for offset in range(1, 1000)]
            rng.shuffle(unkept)
            levels = [int(c) for c in args.concurrency.split(",")]
            results = {}
            bearer = {"Authorization": f"Bearer {token}"}
            for name, paths, headers, jar in (("person page", persons, {}, cookies),
                                              ("search API", searches, bearer, {}),
                                              ("search, unkept", unkept, bearer, {})):
                if name != "search, unkept":
                    asyncio.run(load(base, paths, headers, jar, max(levels), 1.0))   # warm-up: connections, caches
                for level in levels:
                    cpu = server_cpu(server.pid)
                    if name == "search, unkept":    # each run pages of its own
                        paths = unkept[levels.index(level)::len(levels)]
                    results[(name, level)] = asyncio.run(load(base, paths, headers, jar, level, args.seconds))
                    results[(name, level)]["cpu_ms"] = ((server_cpu(server.pid) - cpu) * 1000
                                                        / max(1, results[(name, level)]["requests"]))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{args.persons:,} persons, {args.docs:,} documents (SQLite), habeas serve --workers "
          f"{args.workers or 'default (' + str(os.cpu_count()) + ')'}, {args.seconds:.0f} s per run, server and "
          f"load in separate processes on loopback; load average {os.getloadavg()[0]:.2f} "
          f"({os.cpu_count()} cores)")
    for (name, level), r in results.items():
        line = (f"{name:14} {level:3} clients  {r['rps']:7.1f} req/s   p50 {r['p50']:6.1f} ms   p95 {r['p95']:6.1f} ms"
                f"   server CPU {r['cpu_ms']:5.1f} ms/req   ({r['requests']} requests, {r['failures']} not 200)")
        if level == max(levels) and len(levels) > 1 and name != "search, unkept":
            serial = results[(name, min(levels))]["rps"]
            ok = r["p95"] <= 150 and r["rps"] >= serial
            line += f"   p95 ≤ 150 ms and ≥ {serial:.1f} req/s: {'ok' if ok else 'MISSED'}"
        print(line)

if __name__ == "__main__":
    main()
