"""What every benchmark step shares: the databases, the production-like environment, the
machine, and running a step in a subprocess with a timeout."""

import datetime
import json
import os
import platform
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DATA = ROOT / "bench" / "data"  # step outputs (JSON), not committed

PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"
# The benchmark's own databases; CI's kenesh_ci and test_* databases are never touched.
SCHOOL_DB = "kenesh_bench_school"
DISTRICT_DB = "kenesh_bench_district"
BENCH_DATABASES = (SCHOOL_DB, DISTRICT_DB)

HOST = "127.0.0.1"
# Logins of the measured school (the same in both databases); their password is never used:
# the benchmark opens sessions directly.
ROLE_LOGINS = {
    "deputy": "deputy",
    "director": "director",
    "teacher": "teacher",
    "secretary": "secretary",
    "mahead": "mahead",
}
MEASURED_SCHOOL = "Ош шаарындагы №5 Т. Сатылганов атындагы орто мектеби"


def database_url(name: str) -> str:
    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def production_env(database: str, *, secret_key: str | None = None) -> dict:
    """The environment of the production settings, on plain HTTP at 127.0.0.1."""
    env = dict(os.environ)
    for name in ("DEBUG", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.bench_settings",
        SECRET_KEY=secret_key or os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(database),
        # Plain HTTP on the loopback: no redirect to HTTPS, cookies not secure-only.
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def setup_django(database: str) -> None:
    """Configure this process with the production settings on a benchmark database."""
    os.environ.update(production_env(database))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def run_step(label: str, args: list[str], *, timeout: float, env: dict | None = None) -> float:
    """Run `python -m bench.<module> ...` in a subprocess; stop it at the timeout."""
    started = time.monotonic()
    print(f"== {label} (timeout {int(timeout)} s)", flush=True)
    try:
        subprocess.run([PYTHON, "-m", *args], cwd=ROOT, env=env, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"{label}: stopped after the {int(timeout)} s timeout") from None
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"{label}: failed with exit code {error.returncode}") from None
    elapsed = time.monotonic() - started
    print(f"   {label}: {elapsed:.0f} s", flush=True)
    return elapsed


def write_json(name: str, data) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / name).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def read_json(name: str):
    return json.loads((DATA / name).read_text())


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.5 is the median, 0.95 the 95th percentile)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return float("nan")
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    postgres = ""
    try:
        postgres = subprocess.run(
            ["psql", "-h", PG_HOST, "-U", PG_USER, "-Atc", "SHOW server_version"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "postgres": postgres,
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }


def rss_kib(pid: int | str = "self") -> int:
    """Resident memory of a process, in KiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pg_version() -> str:
    """The installed PostgreSQL cluster version (ls /etc/postgresql)."""
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir() if p.is_dir())
    return versions[-1]


def pg_is_up() -> bool:
    result = subprocess.run(
        ["pg_isready", "-h", PG_HOST, "-p", str(PG_PORT), "-t", "2"],
        capture_output=True,
        timeout=10,
    )
    return result.returncode == 0


def ensure_postgres_running() -> None:
    """Never leave PostgreSQL stopped: start the cluster if it does not answer."""
    if pg_is_up():
        return
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), "main", "start"],
        timeout=60,
        check=False,
    )
    for _ in range(30):
        if pg_is_up():
            return
        time.sleep(1)
