"""Requests per second under gunicorn (production settings, 2 workers, 127.0.0.1 only):
the deputy's dashboard against a bare view rendering a trivial template through the same
middleware, both for a logged-in deputy.

    python -m bench.throughput [--seconds 15] [--clients 4]
"""

import argparse
import sys
import threading
import time

from .common import SCHOOL_DB, median, setup_django, write_json
from .server import Gunicorn, get, session_cookie

PAGES = [("deputy's dashboard", "/"), ("bare view", "/bench/bare/")]


def hammer(port, path, cookies, *, seconds, clients) -> dict:
    """`clients` threads request the path back to back for `seconds`."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    done, errors, latencies = [0], [0], []

    def loop(cookie):
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status = get(port, path, cookies=cookie)[0]
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    done[0] += 1
                    latencies.append(elapsed * 1000)
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(cookies[i],)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - started
    return {
        "requests": done[0],
        "errors": errors[0],
        "rps": round(done[0] / elapsed, 1),
        "median_ms": round(median(latencies), 1),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args(argv)
    setup_django(SCHOOL_DB)
    # One session per client, as separate browsers would have.
    cookies = [session_cookie("deputy") for _ in range(args.clients)]
    result = {"workers": 2, "clients": args.clients, "seconds": args.seconds}
    with Gunicorn(SCHOOL_DB, workers=2) as server:
        for label, path in PAGES:
            for _ in range(10):  # warm-up: templates cached, connections open
                status = get(server.port, path, cookies=cookies[0])[0]
                if status != 200:
                    raise SystemExit(f"{label} {path}: HTTP {status}")
            row = hammer(server.port, path, cookies, seconds=args.seconds, clients=args.clients)
            result[path] = {"label": label, **row}
            print(
                f"   {label}: {row['rps']} requests/s, median {row['median_ms']} ms, "
                f"{row['errors']} errors",
                flush=True,
            )
    result["ratio"] = round(result["/"]["rps"] / result["/bench/bare/"]["rps"], 3)
    print(f"   dashboard / bare view: {result['ratio'] * 100:.0f} %", flush=True)
    write_json("throughput.json", result)


if __name__ == "__main__":
    sys.exit(main())
