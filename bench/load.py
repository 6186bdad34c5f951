"""A bounded mixed load on gunicorn (production settings, PostgreSQL, 127.0.0.1 only),
a PostgreSQL restart in the middle of it, and the memory of a worker over 200 protocol PDFs.

    python -m bench.load [--users 50] [--seconds 60] [--restart-at 25] [--pdfs 200]

Simulated users, each with its own session, think 1–4 s between actions:
- deputies mark decisions of the current year done and reopen them, through the real
  form with its CSRF token;
- teachers open the visit form and save a visit as a draft;
- directors download protocol PDFs (stored once approved) and the quarterly report PDF.
Every request, its time and its outcome are kept; errors are counted per 5-second window.
The database restart is `pg_ctlcluster --skip-systemctl-redirect <version> main restart`;
the application is not restarted. Gunicorn is stopped at the end whatever happens.
"""

import argparse
import datetime
import random
import re
import subprocess
import sys
import threading
import time

from .common import (
    SCHOOL_DB,
    ensure_postgres_running,
    machine,
    percentile,
    pg_is_up,
    pg_version,
    rss_kib,
    setup_django,
    write_json,
)
from .server import Gunicorn, request, session_cookie

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
WINDOW = 5  # seconds


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (end offset s, elapsed ms, ok, kind, status)
        self.start = time.monotonic()

    def add(self, started, elapsed, ok, kind, status):
        # A request counts in the window it ends in: the answer is what the user sees.
        with self.lock:
            self.rows.append((started + elapsed - self.start, elapsed * 1000, ok, kind, status))


class User:
    """One simulated browser: its cookies, a CSRF token when a form was read."""

    def __init__(self, port, cookies, recorder, rng):
        self.port, self.cookies, self.recorder, self.rng = port, dict(cookies), recorder, rng

    def call(self, method, path, kind, *, form=None, expect=(200,)):
        body, headers = None, {}
        if form is not None:
            from urllib.parse import urlencode

            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            status, content, response_headers = request(
                self.port, method, path, cookies=self.cookies, body=body, headers=headers
            )
        except OSError:
            status, content, response_headers = 0, b"", []
        elapsed = time.monotonic() - started
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                key, _sep, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        ok = status in expect
        self.recorder.add(started, elapsed, ok, kind, status)
        return ok, content

    def token(self, content):
        found = TOKEN.search(content)
        return found.group(1).decode() if found else ""


def deputy(user, decisions, stop):
    """Close a decision through its form, later reopen it (R4.4)."""
    today = datetime.date.today().isoformat()
    while not stop.is_set():
        decision = user.rng.choice(decisions)
        path = f"/meetings/decisions/{decision}/"
        ok, content = user.call("GET", path, "deputy: decision page")
        if ok:
            if b'name="note"' in content:
                form = {"action": "done", "done_on": today, "note": "Аткарылды (текшерүү)."}
            else:
                form = {"action": "reopen"}
            form["csrfmiddlewaretoken"] = user.token(content)
            user.call("POST", path, "deputy: decision status", form=form, expect=(302,))
        stop.wait(user.rng.uniform(1, 4))


def teacher(user, visit_form, stop):
    """Record a visit to a colleague's lesson as a draft (R6.1)."""
    while not stop.is_set():
        ok, content = user.call("GET", "/observations/new/", "teacher: visit form")
        if ok:
            form = dict(visit_form(user.rng))
            form["csrfmiddlewaretoken"] = user.token(content)
            user.call("POST", "/observations/new/", "teacher: save draft", form=form, expect=(302,))
        stop.wait(user.rng.uniform(1, 4))


def director(user, protocols, quarterly, stop):
    while not stop.is_set():
        if user.rng.random() < 0.8:
            meeting = user.rng.choice(protocols)
            user.call("GET", f"/meetings/{meeting}/protocol.pdf", "director: protocol PDF")
        else:
            user.call("GET", quarterly, "director: quarterly PDF")
        stop.wait(user.rng.uniform(1, 4))


def plan(users: int):
    """Logins and sessions of the simulated users; the objects they work on."""
    from django.db.models import Q
    from django_scopes import scopes_disabled

    from meetings.models import Decision, Meeting
    from members.models import Staff, Subject
    from observations.models import CriteriaSet
    from school.models import School
    from school.selectors import current_academic_year

    from .common import MEASURED_SCHOOL

    with scopes_disabled():
        school = School.objects.get(name=MEASURED_SCHOOL)
        year = current_academic_year(school)
        decisions = list(
            Decision.objects.filter(meeting__council__academic_year=year)
            .exclude(meeting__status=Meeting.Status.PLANNED)
            .values_list("pk", flat=True)
        )
        protocols = list(
            Meeting.objects.filter(
                council__academic_year__school=school, status=Meeting.Status.APPROVED
            ).values_list("pk", flat=True)
        )
        held = Meeting.objects.filter(
            council__academic_year=year, status=Meeting.Status.HELD
        ).first()
        teachers = list(
            Staff.objects.filter(school=school, left_on__isnull=True)
            .filter(~Q(user__isnull=False))
            .values_list("pk", "subjects")
        )
        subjects = list(Subject.objects.filter(school=school).values_list("pk", flat=True))
        card = CriteriaSet.objects.get(school=school, is_current=True, is_default=True)
        criteria = list(card.criteria.values_list("pk", flat=True))
        scale = (card.scale_min, card.scale_max)

    deputies = max(1, users * 3 // 10)
    directors = max(1, users // 5)
    teachers_n = users - deputies - directors

    def visit_form(rng):
        teacher_pk, subject = rng.choice(teachers)
        form = {
            "teacher": teacher_pk,
            "date": datetime.date.today().isoformat(),
            "lesson_number": rng.randint(1, 7),
            "grade": rng.randint(5, 11),
            "class_letter": rng.choice("АБВГ"),
            "subject": subject or rng.choice(subjects),
            "topic": "Сабактын темасы (жүктөм текшерүүсү)",
            "lesson_type": "combined",
            "purpose": "mutual",
            "strengths": "Сабактын максаты так коюлду.",
            "action": "draft",
        }
        for pk in criteria:
            form[f"score_{pk}"] = rng.randint(*scale)
        return form

    sessions = {
        "deputy": [session_cookie("deputy") for _ in range(deputies)],
        "director": [session_cookie("director") for _ in range(directors)],
        "teacher": [session_cookie(f"teacher{n % 40 + 1:02d}") for n in range(teachers_n)],
    }
    return {
        "sessions": sessions,
        "decisions": decisions,
        "protocols": protocols,
        "held": held.pk,
        "visit_form": visit_form,
        "quarterly": "/reports/quarterly.pdf",
    }


def restart_postgres(log: dict) -> None:
    version = pg_version()
    log["version"] = version
    log["started"] = time.monotonic()
    try:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
            timeout=90,
            check=True,
            capture_output=True,
        )
    finally:
        log["finished"] = time.monotonic()
        ensure_postgres_running()
        log["up"] = pg_is_up()


def run_load(port, setup, *, seconds, restart_at) -> dict:
    recorder = Recorder()
    stop = threading.Event()
    threads = []
    rng = random.Random(9)
    deputies = setup["sessions"]["deputy"]
    for number, cookies in enumerate(deputies):
        # Each deputy works on decisions of their own: two people closing the same decision
        # at the same second is a conflict the page answers with 403, not a fault.
        own = setup["decisions"][number :: len(deputies)]
        user = User(port, cookies, recorder, random.Random(rng.random()))
        threads.append(threading.Thread(target=deputy, args=(user, own, stop)))
    for cookies in setup["sessions"]["teacher"]:
        user = User(port, cookies, recorder, random.Random(rng.random()))
        threads.append(threading.Thread(target=teacher, args=(user, setup["visit_form"], stop)))
    for cookies in setup["sessions"]["director"]:
        user = User(port, cookies, recorder, random.Random(rng.random()))
        threads.append(
            threading.Thread(
                target=director, args=(user, setup["protocols"], setup["quarterly"], stop)
            )
        )
    restart = {}
    restarter = threading.Timer(restart_at, restart_postgres, args=(restart,))
    for thread in threads:
        thread.daemon = True
        thread.start()
    restarter.start()
    try:
        time.sleep(seconds)
    finally:
        stop.set()
        restarter.cancel()
        restarter.join(timeout=120)
        for thread in threads:
            thread.join(timeout=40)
        ensure_postgres_running()
    elapsed = time.monotonic() - recorder.start
    return summarise(recorder, restart, elapsed, seconds)


def summarise(recorder, restart, elapsed, seconds) -> dict:
    rows = recorder.rows
    times = [r[1] for r in rows if r[2]]
    statuses = {}
    for r in rows:
        if not r[2]:
            statuses[r[4]] = statuses.get(r[4], 0) + 1
    windows = []
    for start in range(0, int(seconds + 0.999), WINDOW):
        inside = [r for r in rows if start <= r[0] < start + WINDOW]
        windows.append(
            {
                "from_s": start,
                "requests": len(inside),
                "errors": sum(1 for r in inside if not r[2]),
            }
        )
    restart_from = restart.get("started", recorder.start) - recorder.start
    restart_to = restart.get("finished", recorder.start) - recorder.start
    # The restart window: from the restart command until PostgreSQL is back, plus one
    # 5-second window for the requests that were waiting on the old connections.
    window_end = restart_to + WINDOW
    outside = [r for r in rows if not r[2] and not (restart_from <= r[0] <= window_end)]
    last_error = max((r[0] for r in rows if not r[2]), default=None)
    kinds = {}
    for _t, ms, ok, kind, _status in rows:
        entry = kinds.setdefault(kind, {"requests": 0, "errors": 0, "times": []})
        entry["requests"] += 1
        if ok:
            entry["times"].append(ms)
        else:
            entry["errors"] += 1
    by_kind = {
        kind: {
            "requests": e["requests"],
            "errors": e["errors"],
            "p95_ms": round(percentile(e["times"], 0.95)) if e["times"] else None,
        }
        for kind, e in sorted(kinds.items())
    }
    return {
        "requests": len(rows),
        "rps": round(len(rows) / elapsed, 1),
        "p95_ms": round(percentile(times, 0.95)),
        "median_ms": round(percentile(times, 0.5)),
        "errors": sum(1 for r in rows if not r[2]),
        "errors_outside_restart": len(outside),
        "error_statuses": {str(k): v for k, v in sorted(statuses.items())},
        "restart_from_s": round(restart_from, 1),
        "restart_to_s": round(restart_to, 1),
        "postgres_back": restart.get("up"),
        "last_error_s": round(last_error, 1) if last_error is not None else None,
        "windows": windows,
        "by_kind": by_kind,
    }


def pdf_memory(held_meeting: int, count: int) -> dict:
    """One worker renders the protocol of a held meeting `count` times (a protocol not yet
    approved is rendered on every request); its resident memory before and after."""
    from django.db import connections

    connections.close_all()  # this process's connection did not live through the restart
    cookies = session_cookie("deputy")
    path = f"/meetings/{held_meeting}/protocol.pdf"
    with Gunicorn(SCHOOL_DB, workers=1) as server:
        worker = server.worker_pids()[0]
        before = rss_kib(worker)
        status = request(server.port, "GET", path, cookies=cookies)[0]
        if status != 200:
            raise SystemExit(f"protocol PDF: HTTP {status}")
        after_first = rss_kib(worker)
        started = time.monotonic()
        failures = 0
        samples = {1: round(after_first / 1024, 1)}
        for number in range(2, count + 1):
            if request(server.port, "GET", path, cookies=cookies, timeout=60)[0] != 200:
                failures += 1
            if number % 25 == 0:
                samples[number] = round(rss_kib(worker) / 1024, 1)
        elapsed = time.monotonic() - started
        after = rss_kib(worker)
        same_worker = worker in server.worker_pids()
    return {
        "pdfs": count,
        "failures": failures,
        "seconds": round(elapsed, 1),
        "rss_before_mb": round(before / 1024, 1),
        "rss_after_first_mb": round(after_first / 1024, 1),
        "rss_after_mb": round(after / 1024, 1),
        "growth_mb": round((after - after_first) / 1024, 1),
        "growth_from_start_mb": round((after - before) / 1024, 1),
        "same_worker": same_worker,
        "samples_mb": samples,
    }


def write_markdown(result: dict, path) -> str:
    m, load, pdf = result["machine"], result["load"], result["pdf_memory"]
    last_error = "none" if load["last_error_s"] is None else f"{load['last_error_s']} s"
    statuses = ", ".join(f"{k}: {v}" for k, v in load["error_statuses"].items()) or "none"
    lines = [
        "# Load check (`make load`)",
        "",
        f"Measured on {m['date']}: {m['cpu']}, {m['cores']} cores, {m['memory']} memory, "
        f"Python {m['python']}, PostgreSQL {m['postgres']}. Gunicorn with the production "
        "settings, 2 workers, on 127.0.0.1; the heavy school's database.",
        "",
        f"{result['users']} simulated users for {result['seconds']} s "
        f"({result['mix']}), each thinking 1–4 s between actions.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| requests | {load['requests']} |",
        f"| requests per second | {load['rps']} |",
        f"| median | {load['median_ms']} ms |",
        f"| 95th percentile | {load['p95_ms']} ms |",
        f"| errors | {load['errors']} |",
        f"| PostgreSQL restarted | from {load['restart_from_s']} s to {load['restart_to_s']} s |",
        f"| errors outside the restart window | {load['errors_outside_restart']} |",
        f"| errors by HTTP status (0: no answer) | {statuses} |",
        f"| last error at | {last_error} |",
        "",
        "Requests and errors per 5-second window, by the time the answer came:",
        "",
        "| from | requests | errors |",
        "|---:|---:|---:|",
    ]
    for window in load["windows"]:
        mark = (
            " (restart)"
            if window["from_s"] <= load["restart_to_s"]
            and window["from_s"] + WINDOW > load["restart_from_s"]
            else ""
        )
        lines.append(f"| {window['from_s']} s{mark} | {window['requests']} | {window['errors']} |")
    lines += ["", "By action:", "", "| action | requests | errors | 95th percentile |"]
    lines.append("|---|---:|---:|---:|")
    for kind, row in load["by_kind"].items():
        lines.append(f"| {kind} | {row['requests']} | {row['errors']} | {row['p95_ms']} ms |")
    lines += [
        "",
        f"One worker rendered the protocol PDF of a held meeting {pdf['pdfs']} times "
        f"({pdf['seconds']} s, {pdf['failures']} failures): resident memory "
        f"{pdf['rss_before_mb']} MB before the first, {pdf['rss_after_first_mb']} MB after it, "
        f"{pdf['rss_after_mb']} MB after the last: growth {pdf['growth_mb']} MB after the first "
        f"PDF ({pdf['growth_from_start_mb']} MB from the start).",
        "",
        "Resident memory of that worker along the way:",
        "",
        "| PDFs rendered | resident memory |",
        "|---:|---:|",
        *[f"| {n} | {mb} MB |" for n, mb in pdf["samples_mb"].items()],
        "",
    ]
    text = "\n".join(lines)
    path.write_text(text)
    return text


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-at", type=float, default=25)
    parser.add_argument("--pdfs", type=int, default=200)
    args = parser.parse_args(argv)
    from .common import ROOT

    ensure_postgres_running()
    setup_django(SCHOOL_DB)
    setup = plan(args.users)
    counts = {k: len(v) for k, v in setup["sessions"].items()}
    mix = (
        f"{counts['deputy']} deputies changing decisions' status, {counts['teacher']} teachers "
        f"saving visits as drafts, {counts['director']} directors downloading PDFs"
    )
    print(f"== load: {args.users} users for {args.seconds:.0f} s ({mix})", flush=True)
    try:
        with Gunicorn(SCHOOL_DB, workers=2) as server:
            load = run_load(server.port, setup, seconds=args.seconds, restart_at=args.restart_at)
    finally:
        ensure_postgres_running()
    for window in load["windows"]:
        print(
            f"   {window['from_s']:3d} s  {window['requests']:4d} requests  "
            f"{window['errors']:3d} errors",
            flush=True,
        )
    print(
        f"   {load['rps']} requests/s, p95 {load['p95_ms']} ms, {load['errors']} errors "
        f"({load['errors_outside_restart']} outside the restart window "
        f"{load['restart_from_s']}–{load['restart_to_s']} s)",
        flush=True,
    )
    print(f"== {args.pdfs} protocol PDFs in one worker", flush=True)
    pdf = pdf_memory(setup["held"], args.pdfs)
    print(f"   resident memory growth {pdf['growth_mb']} MB", flush=True)
    result = {
        "machine": machine(),
        "users": args.users,
        "seconds": args.seconds,
        "mix": mix,
        "load": load,
        "pdf_memory": pdf,
    }
    write_json("load.json", result)
    print(write_markdown(result, ROOT / "bench" / "load-results.md"))


if __name__ == "__main__":
    sys.exit(main())
