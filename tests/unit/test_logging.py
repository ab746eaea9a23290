"""Log lines: one JSON shape for our events and the standard library's, filtered by level."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from entrypoints.logging import configure_logging


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


def lines(captured: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in captured.splitlines() if line.strip()]


def test_calls_below_the_level_write_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("WARNING", "json")
    log = structlog.get_logger("chat")
    log.info("request.finished", route="/v1/chat/start")
    log.warning("pool.exhausted", waited_ms=12)
    written = lines(capsys.readouterr().err)
    assert [entry["event"] for entry in written] == ["pool.exhausted"]
    assert written[0]["level"] == "warning" and written[0]["waited_ms"] == 12 and written[0]["logger"] == "chat"


def test_the_standard_librarys_lines_share_the_shape(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    logging.getLogger("aiohttp.server").info("listening on %s", "127.0.0.1")
    structlog.get_logger("api").info("request.finished", status=200)
    written = lines(capsys.readouterr().err)
    assert [(entry["event"], entry["level"]) for entry in written] == [
        ("listening on 127.0.0.1", "info"),
        ("request.finished", "info"),
    ]
    assert all("timestamp" in entry for entry in written)


def test_exceptions_carry_their_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    try:
        raise ValueError("bad state")
    except ValueError:
        structlog.get_logger("worker").exception("turn.failed")
    (entry,) = lines(capsys.readouterr().err)
    assert entry["level"] == "error" and "ValueError: bad state" in str(entry["exception"])
