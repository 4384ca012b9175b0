"""Time how long ``chronology`` takes to start: its import and ``chronology --version``.

Run it from the repository root as ``python -m benchmarks.startup [--repeat 10]``.
Each measurement is a fresh process, run ``--repeat`` times; the best run counts (the
median is printed beside it, to show the noise):

- *import*: ``python -X importtime -c "import chronology"``; the cumulative time of the
  ``chronology`` package, read from the interpreter's own report on standard error
  (microseconds, printed in ms), against ``import json`` measured the same way;
- *--version*: the wall time of the whole ``chronology --version`` process (the
  console script beside this Python, or ``python -m chronology``; spawning and waiting,
  :func:`time.perf_counter`), against ``python -c pass``.

``-X importtime`` adds some overhead of its own, so its figures are a little higher
than a plain import's. Below the table it lists the imports under ``chronology`` that
took longest in the best run. Absolute times depend on the machine and on what else it
is doing (the header prints the load average); compare within one run.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import attrs

__all__ = ["Import", "import_time", "main", "wall_time"]

TARGET_IMPORT_MS = 100.0
TARGET_VERSION_MS = 200.0


@attrs.frozen
class Import:
    """One module's line of ``-X importtime``: its own and cumulative time, in µs."""

    name: str
    depth: int
    self_us: int
    cumulative_us: int


def parse_importtime(stderr: str) -> list[Import]:
    """The lines of an ``-X importtime`` report, in order (children before parents)."""
    imports = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        if not own.strip().isdigit():  # the header line
            continue
        name = name[1:]  # one space after the bar, then two per level
        depth = (len(name) - len(name.lstrip())) // 2
        imports.append(Import(name.strip(), depth, int(own), int(cumulative)))
    return imports


def import_time(module: str) -> tuple[int, list[Import]]:
    """The cumulative import time of top-level ``module`` in a fresh process (µs), and
    the report's lines of the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    imports = parse_importtime(done.stderr)
    for i, entry in enumerate(imports):
        if entry.depth == 0 and entry.name == module:
            start = i
            while start > 0 and imports[start - 1].depth > 0:
                start -= 1
            return entry.cumulative_us, imports[start:i]
    raise RuntimeError(f"-X importtime reported no top-level import of {module!r}")


def wall_time(argv: Sequence[str]) -> tuple[float, int, str]:
    """The wall time of one process (s), its exit status and its standard output."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start, done.returncode, done.stdout


def _command(name: str) -> list[str]:
    script = Path(sys.executable).parent / name
    return [str(script)] if script.exists() else [sys.executable, "-m", name]


@attrs.frozen
class Row:
    measure: str
    best: str
    median: str
    baseline: str
    base_best: str
    ratio: str
    target: str


COLUMNS = (
    ("measure", 33, "<"),
    ("best ms", 8, ">"),
    ("median ms", 9, ">"),
    ("baseline", 20, "<"),
    ("baseline ms", 11, ">"),
    ("ratio", 6, ">"),
    ("target", 16, "<"),
)


def _line(cells: Sequence[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True)
    ).rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m benchmarks.startup [--repeat N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.startup",
        description="Time importing chronology and running `chronology --version`.",
    )
    parser.add_argument(
        "--repeat", type=int, default=10, metavar="R", help="runs per figure; best counts (10)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(
        f"Python {platform.python_version()}, "
        f"chronology {importlib.metadata.version('chronology')}, ",
        end="",
    )
    print(f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()})", end="")
    print(f", load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "")
    print(f"each figure a fresh process, best (and median) of {args.repeat}")
    print()

    # Runs alternate between the measured command and its baseline, so that a busy
    # moment of the machine falls on both alike; one untimed run each warms the caches.
    mine_us: list[int] = []
    json_us: list[int] = []
    best_tree: list[Import] = []
    version: list[float] = []
    bare: list[float] = []
    chronology = [*_command("chronology"), "--version"]
    failures: list[str] = []
    import_time("chronology")
    import_time("json")
    wall_time(chronology)
    for _ in range(args.repeat):
        us, tree = import_time("chronology")
        if not mine_us or us < min(mine_us):
            best_tree = tree
        mine_us.append(us)
        json_us.append(import_time("json")[0])
        seconds, code, out = wall_time(chronology)
        if code != 0 or not out.startswith("chronology "):
            failures.append(f"chronology --version exited {code}, printing {out!r}")
            break
        version.append(seconds)
        bare.append(wall_time([sys.executable, "-c", "pass"])[0])

    rows = [
        Row(
            "import chronology (-X importtime)",
            f"{min(mine_us) / 1000:.1f}",
            f"{statistics.median(mine_us) / 1000:.1f}",
            "import json",
            f"{min(json_us) / 1000:.1f}",
            f"{min(mine_us) / min(json_us):.0f}x",
            f"<= {TARGET_IMPORT_MS:g} ms: "
            + ("met" if min(mine_us) / 1000 <= TARGET_IMPORT_MS else "missed"),
        )
    ]
    if version:
        rows.append(
            Row(
                "chronology --version",
                f"{min(version) * 1000:.1f}",
                f"{statistics.median(version) * 1000:.1f}",
                "python -c pass",
                f"{min(bare) * 1000:.1f}",
                f"{min(version) / min(bare):.1f}x",
                f"<= {TARGET_VERSION_MS:g} ms: "
                + ("met" if min(version) * 1000 <= TARGET_VERSION_MS else "missed"),
            )
        )
    else:
        rows.append(Row("chronology --version", "-", "-", "python -c pass", "-", "-", "FAILED"))
    print(_line([name for name, _, _ in COLUMNS]))
    print(_line(["-" * width for _, width, _ in COLUMNS]))
    for row in rows:
        print(_line(attrs.astuple(row)))
    print()
    direct = sorted(
        (entry for entry in best_tree if entry.depth == 1),
        key=lambda entry: entry.cumulative_us,
        reverse=True,
    )
    print(
        "slowest imports directly under chronology (best run, cumulative ms): "
        + ", ".join(f"{entry.name} {entry.cumulative_us / 1000:.1f}" for entry in direct[:6])
    )
    for failure in failures:
        print(f"The benchmark FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
