#!/usr/bin/env python3
"""Bootstrap behind the README's two commands. Standard library only.

    python3 tasks.py serve   # .venv, install, embedded database, migrate, serve on :8080
    python3 tasks.py test    # .venv, install with test extras, import contracts, whole suite

The virtual environment is created on first use and reinstalled only when
pyproject.toml changes (a stamp file in .venv remembers what was installed).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
PYTEST_NO_TESTS_COLLECTED = 5


def ensure_environment(extra: str | None) -> None:
    """Create .venv if missing and install the project (with ``extra``) if out of date."""
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f".[{extra}]" if extra else "."
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    fingerprint = hashlib.sha256(pyproject + target.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    print(f"installing {target} into {VENV}", flush=True)
    call([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    call([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target])
    stamp.write_text(fingerprint)


def call(command: list[str]) -> None:
    """Run ``command`` in the repository; stop with its exit status if it fails."""
    status = subprocess.call(command, cwd=ROOT)
    if status != 0:
        sys.exit(status)


def serve(arguments: list[str]) -> int:
    ensure_environment(None)
    return subprocess.call([str(BIN / "chatbot"), "serve", *arguments], cwd=ROOT)


def test(arguments: list[str]) -> int:
    ensure_environment("test")
    call([str(BIN / "lint-imports")])
    # Features are bound twice: after the suite (its scenarios on the memory adapters), the same
    # scenarios run again over HTTP against the real application on PostgreSQL.
    failed = 0
    for run in ([*arguments], ["features", "--driver=http"]):
        status = subprocess.call([str(BIN / "pytest"), *run], cwd=ROOT)
        if status == PYTEST_NO_TESTS_COLLECTED:
            # "No tests ran" must never pass for a green suite.
            print(f"error: pytest {' '.join(run)} collected no tests", file=sys.stderr)
            status = 1
        failed = failed or status
    return failed


COMMANDS = {"serve": serve, "test": test}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(f"usage: python3 tasks.py {{{','.join(COMMANDS)}}} [arguments...]", file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
