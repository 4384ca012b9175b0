"""Time ``chronology validate`` against ``check-jsonschema`` and PyYAML, in the same run.

Run it from the repository root as ``python -m benchmarks.validate [--size 10000]
[--large 100000] [--repeat 3] [--large-repeat 1]``, or ``--quick`` for a smoke run
(1,000 and 5,000 events, one run each). It generates the files (``benchmarks.generate``,
seed 0) into a temporary folder, in a separate process (not timed), then times whole
processes, each a fresh Python started for that one measurement:

- *valid*: ``chronology validate FILE`` on ``--size`` events, against
  ``check-jsonschema --schemafile schema/events.schema.json FILE`` on the same file
  (which checks the JSON Schema only: no dates, references or quotes);
- *invalid*: ``chronology validate`` on the same number of events with ``--errors``
  mistakes planted (default one event in ten), against the valid file's time; its
  output is then checked: every error line must read ``PATH:LINE:COL: CODE ...`` with
  LINE and COL at least 1, as many of them as the summary line counts, and each planted
  mistake's code must be reported on an error line naming the event it was planted in;
- *large*: ``chronology validate`` on ``--large`` events, against a process that only
  loads the same file with ``yaml.load(data, Loader=yaml.CSafeLoader)``: wall time and
  peak memory (max RSS).

Each figure is the best of ``--repeat`` runs (``--large-repeat`` for the large file):
the shortest wall time (:func:`time.perf_counter` around spawning and waiting) and the
smallest peak RSS (``ru_maxrss`` of :func:`os.wait4`'s resource usage, KiB on Linux).
The processes are started by a small launcher process, not by this one: on Linux a
child's ``ru_maxrss`` is at least the peak RSS of the process that spawned it (the
kernel counts the parent's memory mapped at the moment of ``exec``), so spawning from
a small process keeps that floor low (the header prints it). ``chronology validate``'s
output goes to a file and is parsed from there, never to the terminal.

A process that exits with an unexpected status (``chronology validate``: 0 for a valid
file, 1 for an invalid one; the baselines: 0) is a failure of the benchmark: its row
says so, the end of its output is printed, and the script exits with status 1. Missing
a target is not a failure: the ``target`` column says whether this run met it.
Absolute times depend on the machine and on what else it is doing (the header prints
the load average); compare the ratios, and only within one run.
"""

from __future__ import annotations

import argparse
import collections
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import attrs

__all__ = ["Launcher", "Located", "Measured", "Row", "check_located", "main"]

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "events.schema.json"

#: The targets, and the sizes they are set at.
TARGET_SIZE = 10_000
TARGET_LARGE = 100_000
TARGET_SPEEDUP = 5.0  # check-jsonschema time / chronology validate time, at least
TARGET_INVALID = 2.0  # invalid file's time / valid file's time, at most

#: The launcher: reads one JSON request a line (argv, output file), runs it with its
#: output in that file and stdin from /dev/null, and answers with the wall time, peak
#: RSS and exit status. Run as ``python -I -S`` so that it stays small.
LAUNCHER = """\
import json, os, sys, time
for line in sys.stdin:
    request = json.loads(line)
    fd = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, fd, 1),
        (os.POSIX_SPAWN_DUP2, fd, 2),
    ]
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(request["argv"][0], request["argv"], os.environ,
                             file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
    finally:
        os.close(fd)
    answer = {"seconds": seconds, "max_rss_kib": usage.ru_maxrss,
              "exit_code": os.waitstatus_to_exitcode(status)}
    sys.stdout.write(json.dumps(answer) + "\\n")
    sys.stdout.flush()
"""

#: Writes a generated chronology to OUTDIR and prints its mistakes as JSON; run in its
#: own process so that this one (and the launcher) never holds the generated data.
GENERATE = """\
import json, sys
from pathlib import Path
from benchmarks.generate import generate, write
n, errors, outdir = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
generated = generate(n, seed=0, errors=errors)
print(write(generated, outdir))
print(json.dumps([[m.kind, m.event_id, m.code] for m in generated.mistakes]))
"""

#: The baseline that only loads the file, with libyaml.
YAML_LOAD = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb').read(), Loader=yaml.CSafeLoader)"


@attrs.frozen
class Measured:
    """The best of some runs of one command: wall time (s) and peak RSS (KiB).

    ``failure`` says what went wrong (an unexpected exit status) if anything did; then
    the figures are those of the runs before, if any, and are not to be compared.
    """

    seconds: float
    max_rss_kib: int
    runs: int
    failure: str | None = None
    output: Path | None = None  # the last run's output (stdout and stderr)

    @property
    def mib(self) -> float:
        return self.max_rss_kib / 1024


class Launcher:
    """A small process that spawns the measured commands (see :data:`LAUNCHER`)."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, argv: Sequence[str], output: Path) -> tuple[float, int, int]:
        """Run ``argv`` once: its wall time (s), peak RSS (KiB) and exit status."""
        stdin, stdout = self._pipes()
        stdin.write(json.dumps({"argv": list(argv), "output": str(output)}) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise RuntimeError("the launcher process died")
        answer = json.loads(line)
        return float(answer["seconds"]), int(answer["max_rss_kib"]), int(answer["exit_code"])

    def best_of(
        self, repeat: int, argv: Sequence[str], output: Path, expected: int = 0
    ) -> Measured:
        """The shortest time and smallest peak RSS of ``repeat`` runs of ``argv``.

        Stops at the first run whose exit status is not ``expected``.
        """
        best, least, runs = float("inf"), 0, 0
        for _ in range(repeat):
            seconds, rss, code = self.run(argv, output)
            if code != expected:
                failure = f"exited {code} (expected {expected})"
                return Measured(best, least, runs, failure, output)
            runs += 1
            best = min(best, seconds)
            least = rss if runs == 1 else min(least, rss)
        return Measured(best, least, runs, None, output)

    def close(self) -> None:
        stdin, _ = self._pipes()
        stdin.close()
        self._process.wait()

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        return self._process.stdin, self._process.stdout


@attrs.frozen
class Planted:
    """A mistake ``benchmarks.generate`` planted: its kind, event and expected code."""

    kind: str
    event_id: str
    code: str


def generate_file(n: int, errors: int, outdir: Path) -> tuple[Path, list[Planted]]:
    """Generate ``n`` events (seed 0) with ``errors`` mistakes into ``outdir``, in a
    separate process; the data file's path and the planted mistakes."""
    done = subprocess.run(
        [sys.executable, "-c", GENERATE, str(n), str(errors), str(outdir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"generating {n:,} events with {errors:,} mistakes failed "
            f"(exit {done.returncode}):\n{done.stderr[-3000:]}"
        )
    path, mistakes = done.stdout.splitlines()[-2:]
    return Path(path), [Planted(*m) for m in json.loads(mistakes)]


@attrs.frozen
class Located:
    """What the output of ``chronology validate`` on an invalid file says, checked."""

    errors: int  # error lines of the form PATH:LINE:COL: CODE ..., LINE and COL >= 1
    warnings: int
    summarised: int | None  # the errors the summary line counts
    mislocated: tuple[str, ...]  # problem lines with a line or column below 1
    other: tuple[str, ...]  # lines that are neither problems nor the summary
    codes: dict[str, int]  # error lines by code
    found: int  # planted mistakes reported with their code, on a line naming their event
    missing: tuple[Planted, ...]  # planted mistakes not found so

    @property
    def ok(self) -> bool:
        return (
            not self.mislocated
            and not self.other
            and self.summarised == self.errors
            and not self.missing
        )


SUMMARY = re.compile(r"Found (\d+) errors? and (\d+) warnings? in ")


def check_located(output: Path, path: Path, planted: Sequence[Planted]) -> Located:
    """Read ``chronology validate``'s text output for ``path`` and check every error is
    located and every planted mistake reported (see :class:`Located`)."""
    problem = re.compile(re.escape(str(path)) + r":(-?\d+):(-?\d+): ([A-Z]+\d+)( warning:)? ")
    texts: dict[str, set[str]] = collections.defaultdict(set)  # code -> its lines' text
    codes: collections.Counter[str] = collections.Counter()
    errors = warnings = 0
    summarised: int | None = None
    mislocated: list[str] = []
    other: list[str] = []
    with output.open(encoding="utf-8", errors="replace") as lines:
        for raw in lines:
            line = raw.rstrip("\n")
            match = problem.match(line)
            if match is None:
                summary = SUMMARY.match(line)
                if summary is not None and summarised is None:
                    summarised = int(summary.group(1))
                elif line.strip():
                    other.append(line)
                continue
            if int(match.group(1)) < 1 or int(match.group(2)) < 1:
                mislocated.append(line)
            if match.group(4):
                warnings += 1
                continue
            errors += 1
            codes[match.group(3)] += 1
            texts[match.group(3)].add(line[match.end() :])
    missing = tuple(
        m for m in planted if not any(f"'{m.event_id}'" in text for text in texts.get(m.code, ()))
    )
    return Located(
        errors,
        warnings,
        summarised,
        tuple(mislocated),
        tuple(other),
        dict(codes),
        len(planted) - len(missing),
        missing,
    )


@attrs.frozen
class Row:
    """One printed line: a figure beside its baseline, their ratio and the target."""

    measure: str
    value: str
    baseline: str
    base_value: str
    ratio: str
    target: str


COLUMNS = (
    ("measure", 34, "<"),
    ("chronology", 14, ">"),
    ("baseline", 22, "<"),
    ("baseline fig.", 13, ">"),
    ("ratio", 16, ">"),
    ("target", 30, "<"),
)


def _line(cells: Sequence[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True)
    ).rstrip()


def _verdict(target: str, met: bool, exact: bool) -> str:
    """``target: met`` or ``missed``, starred when the size is not the target's."""
    return f"{target}: {'met' if met else 'missed'}{'' if exact else '*'}"


def _speed(speedup: float) -> str:
    """A ratio baseline time / chronology time, said as faster or slower."""
    if speedup >= 1:
        return f"{speedup:.2f}x faster"
    return f"{1 / speedup:.2f}x slower"


def _failed(what: str, measured: Measured) -> str:
    return f"FAILED: {what} {measured.failure}"


def _tail(output: Path | None, lines: int = 5) -> list[str]:
    if output is None or not output.exists():
        return []
    with output.open(encoding="utf-8", errors="replace") as text:
        return list(collections.deque((line.rstrip("\n") for line in text), maxlen=lines))


def _command(name: str) -> list[str] | None:
    """The console script ``name`` beside this Python, or ``None``."""
    script = Path(sys.executable).parent / name
    if script.exists():
        return [str(script)]
    found = shutil.which(name)
    return [found] if found else None


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _progress(message: str) -> None:
    sys.stdout.flush()
    print(f"# {message}", file=sys.stderr, flush=True)


def _count(n: int) -> str:
    return f"{n:,}"


def _count_or(n: int | None) -> str:
    return "?" if n is None else f"{n:,}"


@attrs.define
class Benchmark:
    """The measurements of one run, as rows, and whether any of them failed."""

    launcher: Launcher
    tmp: Path
    chronology: list[str]
    rows: list[Row] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    failed: bool = False

    def add(self, row: Row) -> None:
        """Keep ``row`` and print it as a line of the table."""
        self.rows.append(row)
        print(_line(attrs.astuple(row)), flush=True)

    def fail(self, row: Row, what: str, measured: Measured) -> None:
        self.add(row)
        self.failed = True
        self.notes.append(f"{what} {measured.failure}; the end of its output:")
        self.notes.extend(f"    {line}" for line in _tail(measured.output))

    def validate(self, path: Path, repeat: int, expected: int, name: str) -> Measured:
        return self.launcher.best_of(
            repeat, [*self.chronology, "validate", str(path)], self.tmp / f"{name}.out", expected
        )

    def small(self, size: int, errors: int, repeat: int) -> None:
        """The valid file against check-jsonschema, and the invalid one against it."""
        exact = size == TARGET_SIZE
        _progress(f"generating {size:,} events, and again with {errors:,} mistakes ...")
        valid, _ = generate_file(size, 0, self.tmp / "valid")
        invalid, planted = generate_file(size, errors, self.tmp / "invalid")

        _progress(f"timing chronology validate on {size:,} events, best of {repeat} ...")
        mine = self.validate(valid, repeat, 0, "valid")
        label = f"validate {size:,} events, s"
        if mine.failure:
            self.fail(
                Row(label, "-", "", "", "-", _failed("chronology validate", mine)),
                f"chronology validate {valid}",
                mine,
            )
        checker = _command("check-jsonschema")
        if checker is None:
            self.notes.append(
                "check-jsonschema is not installed (pip install check-jsonschema, or the "
                "project's bench extra): its comparison is skipped."
            )
            if not mine.failure:
                self.add(Row(label, f"{mine.seconds:.3f}", "", "", "-", "skipped"))
        else:
            _progress(f"timing check-jsonschema on {size:,} events, best of {repeat} ...")
            argv = [*checker, "--schemafile", str(SCHEMA), str(valid)]
            theirs = self.launcher.best_of(repeat, argv, self.tmp / "check-jsonschema.out")
            if theirs.failure:
                self.fail(
                    Row(label, "-", "check-jsonschema", "-", "-", "not measured"),
                    "check-jsonschema",
                    theirs,
                )
            elif not mine.failure:
                speedup = theirs.seconds / mine.seconds
                self.add(
                    Row(
                        label,
                        f"{mine.seconds:.3f}",
                        "check-jsonschema",
                        f"{theirs.seconds:.3f}",
                        _speed(speedup),
                        _verdict(
                            f">= {TARGET_SPEEDUP:g}x faster", speedup >= TARGET_SPEEDUP, exact
                        ),
                    )
                )

        _progress(
            f"timing chronology validate on {size:,} events with {errors:,} mistakes, "
            f"best of {repeat} ..."
        )
        broken = self.validate(invalid, repeat, 1, "invalid")
        label = f"validate {size:,} + {errors:,} errors, s"
        if broken.failure:
            self.fail(
                Row(label, "-", "", "", "-", _failed("chronology validate", broken)),
                f"chronology validate {invalid}",
                broken,
            )
            return
        slowdown = broken.seconds / mine.seconds if not mine.failure else float("nan")
        self.add(
            Row(
                label,
                f"{broken.seconds:.3f}",
                "the valid file",
                f"{mine.seconds:.3f}" if not mine.failure else "-",
                f"{slowdown:.2f}x the time" if not mine.failure else "-",
                _verdict(f"<= {TARGET_INVALID:g}x", slowdown <= TARGET_INVALID, exact)
                if not mine.failure
                else "not measured",
            )
        )
        assert broken.output is not None
        located = check_located(broken.output, invalid, planted)
        kinds = {m.code for m in planted}
        found_kinds = kinds - {m.code for m in located.missing}
        self.add(
            Row(
                "errors located (lines)",
                f"{located.errors:,} of {_count_or(located.summarised)}",
                "planted mistakes",
                _count(len(planted)),
                f"{located.found:,} found",
                _verdict("all, every code", located.ok, True),
            )
        )
        self.notes.append(
            f"invalid file: {located.errors:,} error lines (codes: "
            + ", ".join(f"{code} {n}" for code, n in sorted(located.codes.items()))
            + f"), {located.warnings:,} warnings; the summary line counts "
            f"{located.summarised if located.summarised is not None else 'no'} errors; "
            f"{len(found_kinds)} of {len(kinds)} planted codes reported on a line naming "
            f"their event, {located.found:,} of {len(planted):,} mistakes"
        )
        for what, lines in (
            ("problem lines with LINE or COL below 1", located.mislocated),
            ("lines that are neither a located problem nor the summary", located.other),
        ):
            if lines:
                self.notes.append(f"{len(lines):,} {what}, the first: {lines[0]}")
        for m in located.missing[:5]:
            self.notes.append(f"not reported: {m.code} {m.kind} in event {m.event_id!r}")

    def large(self, size: int, repeat: int) -> None:
        """chronology validate on the large file against a plain CSafeLoader load."""
        exact = size == TARGET_LARGE
        _progress(f"generating {size:,} events ...")
        path, _ = generate_file(size, 0, self.tmp / "large")
        _progress(f"timing chronology validate on {size:,} events, best of {repeat} ...")
        mine = self.validate(path, repeat, 0, "large")
        _progress(f"timing a CSafeLoader load of {size:,} events, best of {repeat} ...")
        theirs = self.launcher.best_of(
            repeat, [sys.executable, "-c", YAML_LOAD, str(path)], self.tmp / "load.out"
        )
        label, rss_label = f"validate {size:,} events, s", f"peak RSS {size:,} events, MiB"
        if mine.failure or theirs.failure:
            for measured, what in ((mine, "chronology validate"), (theirs, "the CSafeLoader load")):
                if measured.failure:
                    self.fail(
                        Row(label, "-", "CSafeLoader load", "-", "-", _failed(what, measured)),
                        what,
                        measured,
                    )
            return
        speedup = theirs.seconds / mine.seconds
        memory = mine.max_rss_kib / theirs.max_rss_kib
        self.add(
            Row(
                label,
                f"{mine.seconds:.2f}",
                "CSafeLoader load",
                f"{theirs.seconds:.2f}",
                _speed(speedup),
                _verdict("faster (> 1x)", speedup > 1, exact),
            )
        )
        self.add(
            Row(
                rss_label,
                f"{mine.mib:.0f}",
                "CSafeLoader load",
                f"{theirs.mib:.0f}",
                f"{memory:.2f}x its RSS",
                _verdict("<= 1x", memory <= 1, exact),
            )
        )

    def context(self) -> None:
        """A bare ``import yaml`` process, for scale (no target)."""
        bare = self.launcher.best_of(
            3, [sys.executable, "-c", "import yaml"], self.tmp / "import-yaml.out"
        )
        if bare.failure:
            self.notes.append(f"python -c 'import yaml' {bare.failure}")
            return
        self.notes.append(
            f"for scale: python -c 'import yaml' takes {bare.seconds:.3f} s and "
            f"{bare.mib:.1f} MiB peak RSS"
        )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m benchmarks.validate [--size N] [--large N] ...``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.validate",
        description="Time chronology validate against check-jsonschema and a PyYAML load.",
    )
    parser.add_argument(
        "--size",
        type=_positive,
        metavar="N",
        help="events for the check-jsonschema and invalid-file comparisons (10000)",
    )
    parser.add_argument(
        "--errors", type=_positive, metavar="K", help="mistakes in the invalid file (N // 10)"
    )
    parser.add_argument(
        "--large",
        type=_positive,
        metavar="N",
        help="events for the CSafeLoader comparison (100000; 0 skips it)",
    )
    parser.add_argument(
        "--repeat", type=_positive, metavar="R", help="runs per --size timing; best counts (3)"
    )
    parser.add_argument(
        "--large-repeat", type=_positive, metavar="R", help="runs per --large timing (1)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: --size 1000 --large 5000 --repeat 1 unless given",
    )
    args = parser.parse_args(argv)
    size = args.size if args.size is not None else (1000 if args.quick else TARGET_SIZE)
    large = args.large if args.large is not None else (5000 if args.quick else TARGET_LARGE)
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    large_repeat = args.large_repeat if args.large_repeat is not None else 1
    errors = args.errors if args.errors is not None else size // 10
    if size < 1 or repeat < 1 or large_repeat < 1:
        parser.error("--size, --repeat and --large-repeat must be at least 1")
    if errors > size:
        parser.error("--errors must be at most --size")
    chronology = _command("chronology") or [sys.executable, "-m", "chronology"]

    print(
        f"Python {platform.python_version()}, chronology {_version('chronology')}, "
        f"PyYAML {_version('PyYAML')}, check-jsonschema {_version('check-jsonschema')} "
        f"(jsonschema {_version('jsonschema')}), ",
        end="",
    )
    print(f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()})", end="")
    # Other work on the machine slows every measurement: say how busy it is.
    print(f", load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "")

    launcher = Launcher()
    try:
        with tempfile.TemporaryDirectory(prefix="chronology-validate-") as folder:
            bench = Benchmark(launcher, Path(folder), chronology)
            # /bin/true uses next to no memory: its peak RSS is the launcher's (see above).
            true = shutil.which("true")
            floor = launcher.best_of(1, [true], bench.tmp / "true.out") if true else None
            print(
                f"each figure a separate process, best of {repeat} ({size:,} events) and of "
                f"{large_repeat} ({large:,}); peak RSS from wait4, floor "
                + (f"{floor.mib:.1f} MiB" if floor and not floor.failure else "unknown")
            )
            print()
            print(_line([name for name, _, _ in COLUMNS]))
            print(_line(["-" * width for _, width, _ in COLUMNS]), flush=True)
            started = time.perf_counter()
            try:
                bench.small(size, errors, repeat)
                if large:
                    bench.large(large, large_repeat)
                bench.context()
            except RuntimeError as error:  # generating a file failed
                bench.failed = True
                bench.notes.append(str(error))
            _progress(f"done in {time.perf_counter() - started:.0f} s")
    finally:
        launcher.close()

    print()
    if size != TARGET_SIZE or (large and large != TARGET_LARGE):
        print(
            f"* the targets are set at {TARGET_SIZE:,} and {TARGET_LARGE:,} events; at "
            "other sizes the verdict only hints"
        )
    for note in bench.notes:
        print(note)
    if bench.failed:
        print("The benchmark FAILED (see above).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
