"""Turns per second of the Huey Bookbot on the memory adapters, and where the time goes (not a test).

Run from the repository root with ``python -m bench.engine [conversations] [--profile]``.
One process, one event loop, the use cases wired as ``tests/world.py`` wires them (memory
unit of work, the real interpreter, and cel-python or, with ``--engine native``, the native
CEL engine): so this measures the engine and the use cases, not PostgreSQL or HTTP. A turn is one start or one interact call; each
conversation is the reference transcript's (10 turns), answering the three picture questions
with whatever option is offered first so any random draw completes.

Finished conversations are dropped from the memory store between conversations: the memory
unit of work copies its whole store on every commit (to roll back), so keeping them makes
each turn slower as sessions pile up, which would measure the fake, not the engine.
``--keep-sessions`` keeps them, to show that effect.

The CEL figure times every ``evaluate`` the interpreter makes, through a wrapper on the
engine, including the conversion of variables and results.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping
from uuid import UUID

from adapters.cel.engine import CelExpressionEngine
from adapters.cel_native.engine import NativeCelExpressionEngine
from application.replies import conversation_reply
from application.use_cases.interact import Interact
from application.use_cases.start_session import StartSession
from bench.machine import describe
from tests.world import MemoryWorld

SEED = 2
SCHOOL_CONTEXT = {"context": {"school_wriveted_id": "84a5ade6-7f75-4155-831a-1d84c6256fc3"}}
FIRST_OFFERED = None  # placeholder input: answer with the first option the question offers
ANSWERS: list[tuple[Any, str]] = [
    ("hello", "choice"),
    ("yes", "choice"),
    ("9", "choice"),
    ("The 13-Storey Treehouse", "choice"),
    (FIRST_OFFERED, "image_choice"),
    (FIRST_OFFERED, "image_choice"),
    (FIRST_OFFERED, "image_choice"),
    ("acknowledged", "continue"),
    ("done", "choice"),
]
TURNS_PER_CONVERSATION = 1 + len(ANSWERS)


@dataclass
class EvaluationTimer:
    """Wraps an engine's ``evaluate`` and adds up its calls and time."""

    evaluate: Callable[[str, Mapping[str, Any]], Any]
    calls: int = 0
    seconds: float = 0.0

    def __call__(self, expression: str, variables: Mapping[str, Any]) -> Any:
        started = time.perf_counter()
        try:
            return self.evaluate(expression, variables)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


@dataclass
class Timing:
    conversations: int
    seconds: float
    cel_calls: int
    cel_seconds: float

    @property
    def turns(self) -> int:
        return self.conversations * TURNS_PER_CONVERSATION


def first_option(reply: Mapping[str, Any]) -> Any:
    options = (reply.get("input_request") or {}).get("options") or []
    if not options:
        raise RuntimeError(f"expected a question with options at {reply.get('current_node_id')!r}")
    return options[0]["value"]


async def converse(world: MemoryWorld, flow_id: UUID) -> None:
    started = await world.start(StartSession(flow=str(flow_id), initial_state=SCHOOL_CONTEXT))
    reply: Mapping[str, Any] = conversation_reply(started.session, started.turn)
    for answer, input_type in ANSWERS:
        given = first_option(reply) if answer is FIRST_OFFERED else answer
        reply = (await world.interact(Interact(started.session.token, given, input_type))).reply
    if not reply.get("session_ended"):
        raise RuntimeError(f"the conversation did not end; it stopped at {reply.get('current_node_id')!r}")


def forget_conversations(world: MemoryWorld) -> None:
    world.store.sessions.clear()
    world.store.history.clear()
    world.store.replies.clear()


ENGINES = {"python": CelExpressionEngine, "native": NativeCelExpressionEngine}


async def run(
    conversations: int,
    profiler: cProfile.Profile | None = None,
    *,
    keep_sessions: bool = False,
    engine: str = "python",
) -> Timing:
    world = MemoryWorld(seed=SEED, engine=ENGINES[engine]())
    flow_id = await world.load_huey()
    await converse(world, flow_id)  # warm-up: compiles every expression and fills the flow cache
    forget_conversations(world)
    timer = EvaluationTimer(world.engine.evaluate)
    # The interpreter holds this engine object, so an instance attribute reroutes its calls.
    world.engine.evaluate = timer  # type: ignore[method-assign]
    if profiler is not None:
        profiler.enable()
    started = time.perf_counter()
    for _ in range(conversations):
        await converse(world, flow_id)
        if not keep_sessions:
            forget_conversations(world)
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
    return Timing(conversations, seconds, timer.calls, timer.seconds)



def report(timing: Timing) -> None:
    turns = timing.turns
    print(f"machine: {describe()}")
    print(f"{timing.conversations} conversations, {turns} turns in {timing.seconds:.2f} s")
    print(f"  {turns / timing.seconds:10.0f} turns/s")
    print(f"  {timing.conversations / timing.seconds:10.1f} conversations/s")
    print(f"  {timing.seconds / turns * 1e6:10.0f} µs per turn (mean)")
    print(f"  {timing.cel_seconds / max(timing.cel_calls, 1) * 1e6:10.0f} µs per CEL evaluation "
          f"({timing.cel_calls / turns:.1f} per turn, {timing.cel_seconds / timing.seconds:.0%} of the time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conversations", nargs="?", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="also profile one run (top 15 by cumulative time)")
    parser.add_argument("--keep-sessions", action="store_true", help="keep finished conversations in the store")
    parser.add_argument("--engine", choices=sorted(ENGINES), default="python", help="the CEL adapter to measure")
    arguments = parser.parse_args()
    print(f"CEL engine: {arguments.engine}")
    report(asyncio.run(run(arguments.conversations, keep_sessions=arguments.keep_sessions, engine=arguments.engine)))
    if arguments.profile:
        profiler = cProfile.Profile()
        asyncio.run(
            run(arguments.conversations, profiler, keep_sessions=arguments.keep_sessions, engine=arguments.engine)
        )
        print("\nprofile (cProfile slows everything; compare shares, not absolute times):")
        pstats.Stats(profiler).strip_dirs().sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
