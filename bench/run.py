"""`make bench`: seed, measure, and write bench/results.md.

Every step runs in its own process with a timeout; the whole run stays within about
15 minutes on a 2-core machine. The table compares each figure with its target.
"""

import secrets
import sys
import time

from .common import (
    ROOT,
    SCHOOL_DB,
    ensure_postgres_running,
    machine,
    production_env,
    read_json,
    run_step,
)

PAGE_P95_MS = 100
DISTRICT_FACTOR = 1.5
MAX_QUERIES = 15
DOCUMENT_SECONDS = {"protocol": 1, "quarterly": 2, "archive": 10}
THROUGHPUT_SHARE = 0.30
ARCHIVE_AGAIN_MS = 50


def steps(repeat: int) -> None:
    # One secret for every step: sessions opened by one process are read by another.
    env = production_env(SCHOOL_DB, secret_key=secrets.token_urlsafe(50))
    run_step("seed the heavy school", ["bench.seed", "school"], timeout=600, env=env)
    run_step("seed the district", ["bench.seed", "district"], timeout=600, env=env)
    run_step(
        "collect static files (manifest storage)",
        ["django", "collectstatic", "--noinput", "-v0"],
        timeout=180,
        env=env,
    )
    for kind in ("school", "district"):
        run_step(
            f"pages, {kind}",
            ["bench.pages", kind, "--repeat", str(repeat)],
            timeout=420,
            env=env,
        )
    for kind in ("protocol", "quarterly", "archive", "archive-again", "stress"):
        run_step(f"document: {kind}", ["bench.documents", kind], timeout=180, env=env)
    run_step("throughput under gunicorn", ["bench.throughput"], timeout=240, env=env)


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def table(repeat: int) -> str:
    school, district = read_json("pages-school.json"), read_json("pages-district.json")
    documents = {k: read_json(f"document-{k}.json") for k in DOCUMENT_SECONDS}
    throughput = read_json("throughput.json")
    m = machine()
    modest = district["modest_queries"]
    lines = [
        "# Benchmark (`make bench`)",
        "",
        f"Measured on {m['date']}: {m['cpu']}, {m['cores']} cores, {m['memory']} memory, "
        f"Python {m['python']}, PostgreSQL {m['postgres']}. Production settings (DEBUG off, "
        "cached templates, manifest static files), plain HTTP on 127.0.0.1.",
        "",
        "Data: the heavy school has 10 academic years, 150 staff, 10 meetings and 80 decisions "
        "a year (the current year: the meetings held so far), 600 visits a year with 10 scores "
        "each, 300 plan items a year. The district database holds the same school, row for "
        f"row, among {district['schools']} schools (the others: one year each, 25 staff, "
        "4 meetings, 60 visits, 40 plan items).",
        "",
        "## Pages",
        "",
        "Server time in-process with Django's test Client: median and 95th percentile of "
        f"{repeat} requests after a warm-up. Queries: one "
        "request, counted with CaptureQueriesContext; the last column counts them again on a "
        "modest school of the district (same page, far fewer rows).",
        "",
        "| page | role | heavy school median | heavy school p95 | district p95 | district / school "
        "| queries | queries, modest school | p95 ≤ 100 ms | district ≤ 1.5× | ≤ 15 queries, not growing |",
        "|---|---|---:|---:|---:|---:|---:|---:|:-:|:-:|:-:|",
    ]
    district_pages = {row["page"]: row for row in district["pages"]}
    for row in school["pages"]:
        other = district_pages[row["page"]]
        factor = other["p95_ms"] / row["p95_ms"] if row["p95_ms"] else float("nan")
        queries_ok = row["queries"] <= MAX_QUERIES and row["queries"] == modest[row["page"]]
        lines.append(
            f"| {row['page']} | {row['role']} | {row['median_ms']:.0f} ms | {row['p95_ms']:.0f} ms "
            f"| {other['p95_ms']:.0f} ms | {factor:.2f} | {row['queries']} "
            f"| {modest[row['page']]} | {verdict(row['p95_ms'] <= PAGE_P95_MS)} "
            f"| {verdict(factor <= DISTRICT_FACTOR)} | {verdict(queries_ok)} |"
        )
    lines += [
        "",
        "## Documents",
        "",
        "Rendered from the database in a fresh process each (language ky); time: median of 3 "
        "renders after a first, cold one; memory: peak resident memory (ru_maxrss) above the "
        "process's memory before the first render.",
        "",
        "| document | pages | cold | warm (median) | peak memory growth | target | met |",
        "|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for kind, limit in DOCUMENT_SECONDS.items():
        d = documents[kind]
        lines.append(
            f"| {d['label']} | {d['pages']} | {d['cold_s']:.2f} s | {d['median_s']:.2f} s "
            f"| {d['peak_growth_mb']:.0f} MB | ≤ {limit} s | {verdict(d['median_s'] <= limit)} |"
        )
    stress, again = read_json("document-stress.json"), read_json("document-archive-again.json")
    lines += [
        "",
        f"The {stress['label']}: {stress['pages']} pages in {stress['median_s']:.2f} s warm "
        f"({stress['cold_s']:.2f} s cold); WeasyPrint's floor, the same texts as bare "
        f"paragraphs in the same fonts: {stress['floor_pages']} pages in "
        f"{stress['floor_s']:.2f} s; the protocol takes **×{stress['ratio']}** its floor.",
        "",
        f"The {again['label']} (read back from storage, not rendered): "
        f"**{again['median_ms']:.1f} ms** (target ≤ {ARCHIVE_AGAIN_MS} ms: "
        f"{verdict(again['median_ms'] <= ARCHIVE_AGAIN_MS)}).",
    ]
    dash, bare = throughput["/"], throughput["/bench/bare/"]
    lines += [
        "",
        "## Throughput",
        "",
        f"Gunicorn, production settings, {throughput['workers']} workers on 127.0.0.1; "
        f"{throughput['clients']} client threads (each with its own deputy session) for "
        f"{throughput['seconds']:.0f} s per page. The client runs on the same 2 cores.",
        "",
        "| page | requests/s | median | errors |",
        "|---|---:|---:|---:|",
        f"| deputy's dashboard | {dash['rps']} | {dash['median_ms']:.0f} ms | {dash['errors']} |",
        f"| bare view (trivial template, same middleware) | {bare['rps']} "
        f"| {bare['median_ms']:.0f} ms | {bare['errors']} |",
        "",
        f"Dashboard / bare view: **{throughput['ratio'] * 100:.0f} %** (target ≥ 30 %: "
        f"{verdict(throughput['ratio'] >= THROUGHPUT_SHARE)}).",
        "",
    ]
    return "\n".join(lines)


def main(argv=None) -> None:
    repeat = int((argv or sys.argv[1:] or ["30"])[0])
    started = time.monotonic()
    try:
        steps(repeat)
    finally:
        ensure_postgres_running()
    text = table(repeat)
    (ROOT / "bench" / "results.md").write_text(text)
    print(text)
    print(f"make bench: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
