"""Closed-loop HTTP load: whole Huey conversations against a ``chatbot serve`` it starts.

    python -m bench.load [--levels 1,8,32] [--seconds 20] [--workers 1] [--engine native]

It creates a fresh database on ``DATABASE_URL``'s server (else the local PostgreSQL at
127.0.0.1:5432), migrates it, imports the four Huey flows and the demo seed with the CLI,
serves on a loopback port (rate limits off, logging at WARNING), and runs each concurrency
level for a fixed time. Each virtual child starts a chat and answers the reference
transcript's turns (the first option for the random preference questions) until the chat
ends, then starts another. Printed per level: interact requests/s, conversations/s,
interact latency p50/p95/p99, the server's resident memory, and the CPU each interact cost
the API processes, PostgreSQL and this client (a conversation's start counted in), with the
rate those three together would allow if they had every core to themselves: on a saturated
machine that bound, not the server alone, is what the throughput is. The database is dropped
at the end. Loopback only: the client shares the machine's cores with the server and
PostgreSQL, as on a small single-host deployment.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import subprocess
import tempfile
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bench.machine import describe

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"
HUEY_FILES = ("huey-profile-flow.json", "huey-preferences-flow.json", "huey-recommendation-flow.json", "huey-bookbot-flow.json")
CHATBOT = Path(sys.executable).with_name("chatbot")
LOCAL_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


@dataclass(slots=True)
class Level:
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    conversations: int = 0
    errors: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0
    rss_kb: int = 0
    cpu_seconds: dict[str, float] = field(default_factory=dict)


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def memory_kb(pid: int, field_name: str = "VmRSS") -> int:
    """``field_name`` of ``pid`` and its child processes (the API workers), summed."""
    total = 0
    for member in [pid, *_children(pid)]:
        try:
            lines = Path(f"/proc/{member}/status").read_text().splitlines()
        except FileNotFoundError:
            continue
        total += next((int(line.split()[1]) for line in lines if line.startswith(field_name + ":")), 0)
    return total


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def cpu_seconds(server_pid: int) -> dict[str, float]:
    """CPU time (user + system) so far of the API processes, PostgreSQL's, and this client."""
    ticks = os.sysconf("SC_CLK_TCK")
    api = [server_pid, *_children(server_pid)]
    totals = {"api": 0.0, "postgres": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, fields = stat.read_text().rsplit(")", 1)
        except (FileNotFoundError, IndexError):
            continue
        pid, values = int(stat.parent.name), fields.split()
        # utime + stime, and cutime + cstime: PostgreSQL's postmaster keeps its ended backends' time.
        used = sum(int(value) for value in values[11:15]) / ticks
        if pid in api:
            totals["api"] += used
        elif name.endswith("(postgres"):
            totals["postgres"] += used
    own = os.times()
    totals["client"] = own.user + own.system
    return totals


# -- the database and the server ----------------------------------------------------------------


async def _autocommit(url: str, statement: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def _server_url() -> str:
    configured = os.environ.get("DATABASE_URL")
    url = make_url(configured or LOCAL_SERVER).set(drivername="postgresql+asyncpg")
    return url.render_as_string(hide_password=False)


def _run(env: dict[str, str], *args: str | Path) -> None:
    result = subprocess.run([str(CHATBOT), *map(str, args)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"chatbot {args[0]} failed:\n{result.stdout}{result.stderr}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError):
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the virtual children -----------------------------------------------------------------------


def _transcript() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    steps = json.loads((FIXTURES / "reference-transcript-huey.json").read_text())["steps"]
    return steps[0]["request"]["json"]["initial_state"], [s["request"]["json"] for s in steps[1:]]


async def _conversation(
    session: aiohttp.ClientSession, initial_state: dict[str, Any], turns: list[dict[str, Any]], level: Level, deadline: float
) -> bool:
    async with session.post("/v1/chat/start", json={"flow_id": "huey-bookbot", "initial_state": initial_state}) as r:
        if r.status != 201:
            level.errors[r.status] = level.errors.get(r.status, 0) + 1
            return False
        started = await r.json()
    token, csrf, reply = started["session_token"], started["csrf_token"], started
    headers = {"X-CSRF-Token": csrf}
    for turn in turns:
        if time.monotonic() > deadline:
            return False
        value = turn["input"]
        if str(reply["current_node_id"]).startswith("pref_q"):
            value = reply["input_request"]["options"][0]["value"]
        began = time.perf_counter()
        async with session.post(
            f"/v1/chat/sessions/{token}/interact", json={"input": value, "input_type": turn.get("input_type")}, headers=headers
        ) as r:
            body = await r.json()
            level.latencies.append(time.perf_counter() - began)
            if r.status != 200:
                level.errors[r.status] = level.errors.get(r.status, 0) + 1
                return False
        reply = body
    return bool(reply.get("session_ended"))


async def _child(base: str, level: Level, deadline: float) -> None:
    initial_state, turns = _transcript()
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(base_url=base, cookie_jar=jar) as session:
        while time.monotonic() < deadline:
            if await _conversation(session, initial_state, turns, level, deadline):
                level.conversations += 1
            jar.clear()


async def run_level(base: str, concurrency: int, seconds: float, server_pid: int) -> Level:
    level = Level(concurrency)
    cpu_before = cpu_seconds(server_pid)
    began = time.monotonic()
    deadline = began + seconds
    await asyncio.gather(*(_child(base, level, deadline) for _ in range(concurrency)))
    level.elapsed = time.monotonic() - began
    level.rss_kb = memory_kb(server_pid)
    cpu_after = cpu_seconds(server_pid)
    level.cpu_seconds = {name: cpu_after[name] - cpu_before[name] for name in cpu_after}
    return level


def report(level: Level) -> str:
    rate = len(level.latencies) / level.elapsed
    ms = [1000 * percentile(level.latencies, q) for q in (0.5, 0.95, 0.99)]
    errors = f" errors={level.errors}" if level.errors else ""
    requests = max(1, len(level.latencies))
    per_request = {name: 1000 * used / requests for name, used in level.cpu_seconds.items()}
    cpu = "  ".join(f"{name} {ms:.2f}" for name, ms in per_request.items())
    cores = os.cpu_count() or 1
    bound = cores * 1000 / sum(per_request.values()) if sum(per_request.values()) > 0 else float("nan")
    return (
        f"c={level.concurrency:<3} interact {rate:7.1f} req/s  conversations {level.conversations / level.elapsed:6.2f}/s  "
        f"p50 {ms[0]:6.1f} ms  p95 {ms[1]:6.1f} ms  p99 {ms[2]:6.1f} ms  server RSS {level.rss_kb / 1024:6.1f} MiB{errors}\n"
        f"      CPU ms per interact (starts included): {cpu}  (all three: at most {bound:.0f} req/s on {cores} cores)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,8,32", help="concurrency levels, comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of each level")
    parser.add_argument("--workers", type=int, default=1, help="API processes (WORKERS)")
    parser.add_argument("--engine", choices=("native", "python"), default="native", help="EXPRESSION_ENGINE")
    args = parser.parse_args()

    server = _server_url()
    database = f"chatbot_bench_{secrets.token_hex(4)}"
    asyncio.run(_autocommit(server, f'CREATE DATABASE "{database}"'))
    url = make_url(server).set(database=database).render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_urlsafe(32),
        LOG_LEVEL="WARNING",
        LOG_FORMAT="json",
        RATE_LIMIT_ENABLED="false",
        COOKIE_INSECURE_LOCALHOST="true",
        HOST="127.0.0.1",
        PORT=str(_free_port()),
        WORKERS=str(args.workers),
        EXPRESSION_ENGINE=args.engine,
    )
    process = None
    try:
        _run(env, "migrate")
        _run(env, "import", *(FIXTURES / name for name in HUEY_FILES))
        _run(env, "import-content", FIXTURES / "admin-ui-seed.json")
        server_log = tempfile.NamedTemporaryFile(prefix="chatbot-bench-", suffix=".log", delete=False)
        process = subprocess.Popen([str(CHATBOT), "serve"], env=env, stdout=server_log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{env['PORT']}"
        for _ in range(300):
            if _answers(f"{base}/v1/healthz"):
                break
            time.sleep(0.1)
        else:
            raise SystemExit(f"chatbot serve did not start; see {server_log.name}")
        print(
            f"machine: {describe()}\nserver pid {process.pid}, {args.workers} worker(s), {args.engine} CEL, "
            f"{args.seconds:.0f} s per level",
            flush=True,
        )
        for concurrency in (int(c) for c in args.levels.split(",")):
            print(report(asyncio.run(run_level(base, concurrency, args.seconds, process.pid))), flush=True)
        print(f"server peak RSS {memory_kb(process.pid, 'VmHWM') / 1024:.1f} MiB")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=15)
        asyncio.run(_autocommit(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    return 0


if __name__ == "__main__":
    sys.exit(main())
