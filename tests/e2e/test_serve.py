"""``chatbot serve`` as a real process, over real HTTP, on the run's database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import shutil
import tempfile

import pytest

from tests.support import free_port, wait_until

CHATBOT = Path(sys.executable).with_name("chatbot")


def _environment(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(LOG_FORMAT="json", HOST="127.0.0.1", **overrides)
    return env


def _get(url: str) -> tuple[int, dict[str, str], dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def _answers(url: str) -> bool:
    try:
        return _get(url)[0] == 200
    except (urllib.error.URLError, ConnectionError):
        return False


def _served(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Run ``chatbot serve`` with ``env`` until the caller is done; yield its base URL."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(CHATBOT), "serve"],
            env={**env, "PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            if not wait_until(lambda: _answers(f"{base}/v1/healthz"), timeout=30):
                pytest.fail(f"chatbot serve did not start:\n{log_path.read_text()}")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=15)


@pytest.fixture
def service(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A ``chatbot serve`` process on the run's database."""
    yield from _served(_environment(DATABASE_URL=database_url), tmp_path / "serve.log")


@pytest.fixture
def embedded_service(tmp_path: Path) -> Iterator[str]:
    """A ``chatbot serve`` process with no DATABASE_URL: the embedded database in DATA_DIR."""
    # PostgreSQL runs as an unprivileged user when we are root; it must reach the files.
    data_dir = Path(tempfile.mkdtemp(prefix="chatbot-e2e-"))
    data_dir.chmod(0o755)
    try:
        yield from _served(_environment(DATA_DIR=str(data_dir)), tmp_path / "serve.log")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def test_a_served_chatbot_is_alive_and_ready(service: str) -> None:
    health = _get(f"{service}/v1/healthz")
    ready = _get(f"{service}/v1/readyz")

    assert health[0] == 200 and health[2] == {"status": "ok"}
    assert ready[0] == 200 and ready[2]["status"] == "ready"
    assert ready[1].get("X-Request-ID")


def test_with_no_configuration_serve_starts_migrates_and_readies_its_own_database(
    embedded_service: str,
) -> None:
    status, _, body = _get(f"{embedded_service}/v1/readyz")

    assert status == 200 and body["status"] == "ready"


def _serve_once(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHATBOT), "serve"], env=_environment(**env), capture_output=True, text=True, timeout=60
    )


def test_an_unreachable_database_stops_serve_with_one_line_naming_the_setting() -> None:
    port = free_port()

    result = _serve_once(DATABASE_URL=f"postgresql://postgres@127.0.0.1:{port}/postgres")

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: DATABASE_URL: could not connect to 127.0.0.1:{port}/postgres (connection refused)"
    ]


def test_a_malformed_database_url_stops_serve_with_one_line_naming_the_setting() -> None:
    result = _serve_once(DATABASE_URL="postgres//missing-colon")

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: DATABASE_URL: ")
