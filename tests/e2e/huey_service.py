"""A ``chatbot serve`` process loaded the way an operator loads it, for the e2e tests.

The run's database is emptied, the Huey flows are imported with ``chatbot import`` and the
demo school's content, users and theme with ``chatbot import-content``; then ``chatbot
serve`` runs on a free port until the test is done.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests import shared_fixtures
from tests.support import free_port, wait_until

CHATBOT = Path(sys.executable).with_name("chatbot")
SECRET_KEY = "e2e-signing-key-0123456789abcdef0123456789"


def environment(database_url: str, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET_KEY,
        LOG_FORMAT="json",
        LOG_LEVEL="WARNING",
        HOST="127.0.0.1",
        COOKIE_INSECURE_LOCALHOST="true",
        **overrides,
    )
    return env


def chatbot(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHATBOT), *map(str, args)], env=env, capture_output=True, text=True, timeout=120
    )


def load_huey(env: dict[str, str]) -> list[str]:
    """Import the four Huey flows and the demo seed's content; the lines the CLI printed."""
    flows = chatbot(env, "import", *(shared_fixtures.FIXTURES / name for name in reversed(shared_fixtures.HUEY_FILES)))
    assert flows.returncode == 0, flows.stdout + flows.stderr
    content = chatbot(env, "import-content", shared_fixtures.FIXTURES / "admin-ui-seed.json")
    assert content.returncode == 0, content.stdout + content.stderr
    return flows.stdout.splitlines() + content.stdout.splitlines()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError):
        return False


def serve(env: dict[str, str], log_path: Path) -> Iterator[tuple[str, int]]:
    """Run ``chatbot serve``; yield its base URL and process id until the caller is done."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen([str(CHATBOT), "serve"], env={**env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            if not wait_until(lambda: _answers(f"{base}/v1/healthz"), timeout=30):
                raise RuntimeError(f"chatbot serve did not start:\n{log_path.read_text()}")
            yield base, process.pid
        finally:
            process.terminate()
            process.wait(timeout=15)
