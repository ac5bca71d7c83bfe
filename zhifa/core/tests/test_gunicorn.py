"""gunicorn with the project's gunicorn.conf.py serves the app, and its access log names each
request by the same id the response (and the app's logs and ledger) carry."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _get(url: str, request_id: str):
    request = urllib.request.Request(url, headers={"X-Request-ID": request_id})
    try:
        return urllib.request.urlopen(request, timeout=20)
    except urllib.error.HTTPError as error:
        return error


def test_gunicorn_serves_the_app_and_logs_the_request_id(db, tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env={
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            "DATABASE_URL": _database_url(),
            "ZHIFA_VAR_DIR": str(tmp_path),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = _get(f"http://127.0.0.1:{port}/healthz", "probe-gunicorn-1")
                break
            except (ConnectionError, TimeoutError, urllib.error.URLError):
                # Not listening yet, or the worker still importing the app on a loaded machine.
                assert server.poll() is None, "gunicorn stopped"
                assert time.monotonic() < deadline, "gunicorn did not answer in 60 s"
                time.sleep(0.3)
        assert response.status == 200
        assert response.headers["X-Request-ID"] == "probe-gunicorn-1"
        assert b'"status": "ok"' in response.read()
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    access = [line for line in output.splitlines() if "GET /healthz" in line]
    assert access, output
    assert "[probe-gunicorn-1]" in access[0]
    assert '" 200 ' in access[0]
