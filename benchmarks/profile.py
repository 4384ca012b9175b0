"""Where `chronology validate` spends its time: each stage timed, then profiled.

    python -m benchmarks.profile                      # a generated file of 10,000 events
    python -m benchmarks.profile --size 100000 --top 15
    python -m benchmarks.profile --file events.yaml   # any data file

Times the stages of checking one file in this process (reading the YAML, the
structure check, the meaning checks with the quotes, the warnings), best of
``--repeat``, then runs each stage once more under :mod:`cProfile` and prints the
functions with the most time of their own. The conclusions drawn from these
profiles are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import generate, write
from chronology.checks import meaning_problems
from chronology.heuristics import warning_problems
from chronology.schemacheck import schema_problems
from chronology.yamlio import read_yaml


def _stages(data: bytes, path: Path) -> list[tuple[str, Callable[[], Any]]]:
    """The stages of ``check_bytes``, each as a call that does that stage alone."""
    name = str(path)
    root, problems = read_yaml(data, name)
    if problems:
        raise SystemExit(f"{name}: cannot be read as YAML: {problems[0]}")
    return [
        ("read YAML", lambda: read_yaml(data, name)),
        ("structure (schema)", lambda: schema_problems(root, name)),
        ("meaning and quotes", lambda: meaning_problems(root, name, path.parent)),
        ("warnings", lambda: warning_problems(root, name)),
    ]


def _best(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def _profile(stage: str, call: Callable[[], Any], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(call)
    print(f"\n--- {stage}: the {top} functions with the most time of their own (cProfile)")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="events to generate")
    parser.add_argument("--file", type=Path, help="profile this data file instead")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the stage times")
    parser.add_argument("--top", type=int, default=10, help="functions listed per stage")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or write(generate(args.size, seed=0), Path(tmp) / "generated")
        data = path.read_bytes()
        load = os.getloadavg()[0]
        print(f"{path}: {len(data) / 1e6:.1f} MB, Python {sys.version.split()[0]}, load {load:.2f}")
        stages = _stages(data, path)
        total = 0.0
        print(f"\n{'stage':<22}{'best s':>9}{'found':>9}")
        for stage, call in stages:
            seconds, result = _best(call, args.repeat)
            total += seconds
            found = len(result[1]) if stage == "read YAML" else len(result)
            print(f"{stage:<22}{seconds:>9.3f}{found:>9}")
        print(f"{'total':<22}{total:>9.3f}")
        for stage, call in stages:
            _profile(stage, call, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
