"""Microseconds per cached evaluation of the Huey flow's CEL expressions (not a test).

Run with ``python bench/cel.py [iterations]``. Each expression is compiled once (the first call),
then timed over many evaluations with the variables a real turn would pass, including the
conversion of those variables and of the result.
"""

from __future__ import annotations

import os
import platform
import sys
import timeit
from pathlib import Path
from typing import Any

from adapters.cel import CelExpressionEngine

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


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def main(iterations: int) -> None:
    engine = CelExpressionEngine()
    print(f"cpu: {cpu_model()} x {os.cpu_count()}; python {platform.python_version()}")
    print(f"{iterations} cached evaluations each\n")
    for expression in EXPRESSIONS:
        engine.evaluate(expression, SCOPES)
        seconds = min(
            timeit.repeat(lambda: engine.evaluate(expression, SCOPES), number=iterations, repeat=3)
        )
        print(f"{seconds / iterations * 1e6:9.1f} µs  {expression}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
