"""Microseconds per cached evaluation of the Huey flow's CEL expressions, per engine (not a test).

Run with ``python -m bench.cel [iterations]`` from the repository root. Each expression is compiled once (the first call),
then timed over many evaluations with the variables a real turn would pass, including the
conversion of those variables and of the result, on cel-python (``CelExpressionEngine``) and on
the Rust-backed ``common-expression-language`` (``NativeCelExpressionEngine``). The last rows
show the native engine's slow path: mixed int/double arithmetic, retried through the promoting
rewrite after the strict evaluation fails.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path
from typing import Any

# Run as ``python bench/cel.py``, this folder would come first on sys.path and this file, named
# cel.py, would shadow the ``cel`` package the native engine imports.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for bench.machine

from adapters.cel import CelExpressionEngine  # noqa: E402  (after the sys.path repair above)
from adapters.cel_native import NativeCelExpressionEngine
from domain.expressions.engine import ExpressionEngine
from bench.machine import describe

SCOPES: dict[str, Any] = {
    "user": {"hue_profile": {"hue01_dark_suspense": 2.4, "hue06_dark_gritty": 1.5,
                             "hue08_charming_courageous": 1.6, "hue10_inspiring": 1.0,
                             "hue05_funny_comic": 0.8, "hue07_silly_charming": 0.6}},
    "context": {"school_wriveted_id": "84a3b2c1-0000-4000-8000-000000000001"},
    "temp": {
        "book_count": 7,
        "pref_one_hue": {"hue06_dark_gritty": 0.5, "hue01_dark_suspense": 0.8},
        "pref_two_hue": {"hue10_inspiring": 0.5, "hue06_dark_gritty": 0.5,
                         "hue01_dark_suspense": 0.8, "hue08_charming_courageous": 0.8},
        "pref_three_hue": {"hue10_inspiring": 0.5, "hue05_funny_comic": 0.8,
                           "hue07_silly_charming": 0.6, "hue01_dark_suspense": 0.8},
    },
    "variables": {}, "session": {}, "input": {}, "output": {}, "local": {},
}

EXPRESSIONS = [
    "has(context.school_wriveted_id) && context.school_wriveted_id != ''",
    "temp.book_count > 0",
    "merge([temp.pref_one_hue, temp.pref_two_hue, temp.pref_three_hue])",
    "top_keys(user.hue_profile, 5)",
]

# Not Huey's: arithmetic mixing the int book count with a double, the native engine's retry path.
MIXED_ARITHMETIC = ["temp.book_count + 0.5", "temp.book_count * 1.5 > 10"]

ENGINES: dict[str, type[ExpressionEngine]] = {
    "cel-python": CelExpressionEngine,
    "native": NativeCelExpressionEngine,
}



def per_evaluation_us(engine: ExpressionEngine, expression: str, iterations: int) -> float:
    engine.evaluate(expression, SCOPES)
    seconds = min(
        timeit.repeat(lambda: engine.evaluate(expression, SCOPES), number=iterations, repeat=3)
    )
    return seconds / iterations * 1e6


def main(iterations: int) -> None:
    engines = {name: factory() for name, factory in ENGINES.items()}
    print(f"machine: {describe()}")
    print(f"{iterations} cached evaluations each; µs per evaluation\n")
    print("".join(f"{name:>12}" for name in engines) + f"{'speed-up':>10}  expression")
    for expression in EXPRESSIONS + MIXED_ARITHMETIC:
        timings = [per_evaluation_us(engine, expression, iterations) for engine in engines.values()]
        columns = "".join(f"{us:12.1f}" for us in timings)
        print(f"{columns}{timings[0] / timings[-1]:9.0f}x  {expression}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
