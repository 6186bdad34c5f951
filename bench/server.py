"""Gunicorn with the production settings on 127.0.0.1, and a small HTTP client for it."""

import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from .common import GUNICORN, HOST, ROOT, production_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """`with Gunicorn(database, workers=2) as server:` serves until the block ends, then
    stops (and, if it has to, kills) the master and its workers."""

    def __init__(self, database: str, *, workers: int = 2, log: Path | None = None):
        self.database = database
        self.workers = workers
        self.port = free_port()
        self.log = log or ROOT / "bench" / "data" / f"gunicorn-{workers}w.log"
        self.process = None

    def __enter__(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        # The same secret as this process: sessions opened here are valid there.
        env = production_env(self.database, secret_key=os.environ.get("SECRET_KEY"))
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--backlog",
                "256",
                "--control-socket",
                str(self.log.with_suffix(".ctl")),
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log}")
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log_file.close()

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def get(port: int, path: str, *, cookies: dict | None = None, timeout: float = 30):
    """GET a path; returns (status, body bytes, headers)."""
    return request(port, "GET", path, cookies=cookies, timeout=timeout)


def request(port, method, path, *, cookies=None, body=None, headers=None, timeout=30.0):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        sent = {"Host": f"{HOST}:{port}", **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, response.read(), response.getheaders()
    finally:
        connection.close()


def session_cookie(username: str) -> dict:
    """A session of the user opened directly in the database (as after a login)."""
    from django.conf import settings
    from django.test import Client

    from school.models import User

    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(username=username))
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
