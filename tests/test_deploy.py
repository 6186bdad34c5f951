"""The deployment files of deploy/ (docs/deploy.md): nginx accepts the site, the limits agree
with the application's, the units restart rather than reload, the lock pins what is needed."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

DEPLOY = Path(settings.BASE_DIR) / "deploy"
SITE = DEPLOY / "nginx" / "kenesh.conf"


def _size_in_bytes(value):
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def test_nginx_lets_an_upload_at_the_limit_reach_the_application():
    (value,) = re.findall(r"^\s*client_max_body_size\s+(\S+);", SITE.read_text(), re.M)
    # The form's other fields come with the file: a margin above the application's limit.
    assert _size_in_bytes(value) >= settings.UPLOAD_MAX_BYTES + 1024 * 1024


def test_nginx_passes_the_headers_the_application_reads():
    site = SITE.read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site  # SECURE_PROXY_SSL_HEADER
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site  # TRUSTED_PROXY_COUNT=1
    assert "proxy_set_header Host $host;" in site  # ALLOWED_HOSTS
    assert "proxy_set_header X-Request-ID $request_id;" in site  # the logs' request id
    bind = re.search(r"GUNICORN_BIND=(\S+)", (DEPLOY / "systemd" / "kenesh.service").read_text())
    assert f"server {bind.group(1)} " in site


def test_nginx_accepts_the_site(tmp_path):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx; .ci/run installs it)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=kenesh.example.kg", "-keyout", str(tmp_path / "privkey.pem")]
        + ["-out", str(tmp_path / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    site = SITE.read_text().replace("/etc/ssl/kenesh/", f"{tmp_path}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "kenesh.conf").write_text(site)
    # Debian's nginx.conf includes the sites inside http { }: the same here.
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n  include {tmp_path}/kenesh.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
        + ["-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_application_unit_restarts_and_never_reloads():
    unit = (DEPLOY / "systemd" / "kenesh.service").read_text()
    # config/gunicorn.conf.py preloads the application: a HUP would keep the old code.
    assert (
        "preload_app = True"
        in (Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py").read_text()
    )
    assert not re.search(r"^ExecReload", unit, re.M)
    assert re.search(r"^Restart=on-failure$", unit, re.M)
    assert re.search(r"^User=kenesh$", unit, re.M)
    assert "Environment=KENESH_ENV_FILE=/etc/kenesh/kenesh.env" in unit


def test_the_timers_start_their_services():
    for name in ("kenesh-backup", "kenesh-housekeeping"):
        timer = (DEPLOY / "systemd" / f"{name}.timer").read_text()
        service = (DEPLOY / "systemd" / f"{name}.service").read_text()
        assert "Persistent=true" in timer
        assert "WantedBy=timers.target" in timer
        assert "Type=oneshot" in service
        assert re.search(r"^User=kenesh$", service, re.M)


def test_the_scripts_parse():
    for script, shell in (("kenesh-backup", "bash"), ("kenesh-manage", "sh")):
        path = DEPLOY / script
        assert path.stat().st_mode & 0o111, f"{script} is not executable"
        subprocess.run([shell, "-n", str(path)], check=True)


def test_the_lock_pins_every_requirement_at_a_version_it_allows():
    lock = {}
    for line in (Path(settings.BASE_DIR) / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            lock[canonicalize_name(name)] = version
    for line in (Path(settings.BASE_DIR) / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{requirement.name} is not pinned in requirements.lock"
        assert requirement.specifier.contains(lock[name], prereleases=True), requirement


def test_the_readme_lists_every_variable_the_configuration_reads():
    read = set()
    for path in (Path(settings.BASE_DIR) / "config").glob("*.py"):
        source = path.read_text()
        read |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", source))
        read |= set(
            re.findall(r"os\.environ(?:\.get|\.setdefault)?\(\s*\"([A-Z][A-Z0-9_]+)\"", source)
        )
        read |= set(re.findall(r"\"([A-Z][A-Z0-9_]+)\" in os\.environ", source))
    read -= {"DJANGO_SETTINGS_MODULE"}
    assert {"SECRET_KEY", "DATABASE_URL", "LOG_LEVEL", "GUNICORN_BIND"} <= read  # the scan works
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    table = readme[readme.index("### Variables") :]
    table = table[: table.index("\n\n", table.index("| variable |"))]
    listed = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert read - listed == set(), "variables read in config/ but missing from the README"
