"""Writers are atomic and keep to the folder they were given.

``chronology fmt``, ``chronology new``, ``export -o`` and ``render -o`` all write
with :func:`chronology.fileio.write_atomic`. These tests check, through the real
commands, that a writer killed at any moment leaves the old file or the new one
(never a mix), that a temporary file left by a killed writer is named so that it
cannot be mistaken for data, that a full disk leaves the old file and no
temporary file, and the symbolic-link rule (see docs/threat-model.md).
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from chronology.fileio import SymlinkOutsideError, is_temporary, write_atomic

from conftest import FIXTURES, REPO, Run

#: Valid YAML that ``chronology fmt`` reorders (the doctest of chronology.formatting).
MESSY = b"events: []\nsources: []\ntitle: T  # the title\n"
FORMATTED = b"title: T  # the title\n\nsources: []\n\nevents: []\n"

#: How many times the kill test kills ``chronology fmt``.
KILLS = 30


def _fmt_command(path: Path) -> list[str]:
    return [sys.executable, "-m", "chronology", "fmt", str(path)]


def _leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# ------------------------------------------------------------------------ killed writers


@pytest.fixture(scope="module")
def messy_chronology(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes, float]:
    """A large generated data file that needs formatting: its folder, the original
    bytes, the formatted bytes (from a run that was not killed) and that run's time."""
    sys.path.insert(0, str(REPO))
    try:
        from benchmarks.generate import generate, write
    finally:
        sys.path.remove(str(REPO))
    folder = tmp_path_factory.mktemp("kill")
    path = write(generate(100, seed=3), folder)
    original = path.read_bytes()
    check = subprocess.run(
        [sys.executable, "-m", "chronology", "fmt", "--check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "would reformat" in check.stderr, check.stderr
    copy = folder / "copy.yaml"
    copy.write_bytes(original)
    started = time.monotonic()
    done = subprocess.run(_fmt_command(copy), capture_output=True, timeout=120, check=False)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    formatted = copy.read_bytes()
    copy.unlink()
    assert formatted != original
    return path, original, formatted, took


def _kill_when_written(process: subprocess.Popen[bytes], folder: Path, limit: float) -> bool:
    """Kill ``process`` as soon as a temporary file appears in ``folder`` (or after
    ``limit`` seconds); whether it was killed (False: it had finished)."""
    deadline = time.monotonic() + limit
    while process.poll() is None:
        if time.monotonic() > deadline or any(is_temporary(p) for p in os.listdir(folder)):
            process.send_signal(signal.SIGKILL)
            return True
    return False


def test_fmt_killed_at_random_moments_leaves_old_or_new(
    messy_chronology: tuple[Path, bytes, bytes, float],
) -> None:
    """SIGKILL ``chronology fmt`` many times: at random moments spread over its run,
    at random moments around its end, and the moment its temporary file appears.
    After each kill the file is exactly the original or exactly the formatted bytes,
    and anything else left in the folder is a recognisable temporary file."""
    path, original, formatted, took = messy_chronology
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    watched = late = KILLS // 4
    spread = KILLS - watched - late
    # Stratified over [0, 1.2 * took]; then uniform over [0.8, 1.4] * took; then watched.
    delays: list[float | None] = [took * 1.2 * (i + rng.random()) / spread for i in range(spread)]
    delays += [took * (0.8 + 0.6 * rng.random()) for _ in range(late)]
    delays += [None] * watched
    outcomes: dict[str, int] = {"old": 0, "new": 0, "finished first": 0, "temporary left": 0}
    for delay in delays:
        path.write_bytes(original)
        process = subprocess.Popen(
            _fmt_command(path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if delay is None:
            killed = _kill_when_written(process, path.parent, 5 * took)
        else:
            time.sleep(delay)
            killed = process.poll() is None
            if killed:
                process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        outcomes["finished first"] += not killed
        data = path.read_bytes()
        when = "when written" if delay is None else f"after {delay:.3f} s"
        why = f"seed {seed}, kill {when}, a clean run takes {took:.3f} s"
        assert data in (original, formatted), f"a mix of old and new bytes ({why})"
        outcomes["old" if data == original else "new"] += 1
        stray = _leftovers(path.parent, "events.yaml", "seeds")
        assert all(is_temporary(name) for name in stray), f"{stray} ({why})"
        outcomes["temporary left"] += len(stray)
        for name in stray:
            (path.parent / name).unlink()
    print(f"\nkill test: seed {seed}, a clean run {took:.2f} s, {KILLS} kills: {outcomes}")
    assert outcomes["old"] + outcomes["new"] == KILLS
    assert outcomes["old"] > 0


def test_killed_between_write_and_rename(tmp_path: Path) -> None:
    """Killed after the new bytes are written but before the rename (fsync made slow,
    so the kill lands there every time): the old file is intact, the temporary file
    left behind is named ``.events.yaml.*.~tmp``, and the next ``fmt`` works and
    neither reads nor removes it."""
    path = tmp_path / "events.yaml"
    path.write_bytes(MESSY)
    slow_fsync = (
        "import os, sys, time\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    real(fd)\n"
        "    sys.stderr.write('FSYNCED\\n'); sys.stderr.flush()\n"
        "    time.sleep(60)\n"
        "os.fsync = slow\n"
        "from chronology.cli import main\n"
        "sys.exit(main(['fmt', sys.argv[1]]))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", slow_fsync, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        assert process.stderr.readline() == "FSYNCED\n"
    finally:
        process.kill()
        process.wait(timeout=60)
        if process.stderr is not None:
            process.stderr.close()
    assert path.read_bytes() == MESSY
    stray = _leftovers(tmp_path, "events.yaml")
    assert len(stray) == 1, stray
    assert is_temporary(stray[0]), stray
    assert stray[0].startswith(".events.yaml.")
    assert (tmp_path / stray[0]).read_bytes() == FORMATTED
    done = subprocess.run(_fmt_command(path), capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == FORMATTED
    assert _leftovers(tmp_path, "events.yaml") == stray


# ------------------------------------------------------------------------ failed writes


class _FullDisk:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()


def test_disk_full_leaves_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from chronology import cli

    path = tmp_path / "events.yaml"
    path.write_bytes(MESSY)
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    assert cli.main(["fmt", str(path)]) == 2
    assert path.read_bytes() == MESSY
    assert _leftovers(tmp_path) == ["events.yaml"]
    assert f"chronology fmt: cannot write {path}: No space left on device\n" in (
        capsys.readouterr().err
    )
    with pytest.raises(OSError, match="No space left"):
        write_atomic(tmp_path / "new.txt", b"x")
    assert _leftovers(tmp_path) == ["events.yaml"]


def test_permissions_are_kept(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(MESSY)
    path.chmod(0o640)
    result = run("fmt", "events.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode)) == (FORMATTED, 0o640)


# ------------------------------------------------------------------------ symbolic links


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """``work/`` (where the user runs) and ``outside/``, each with a valid data file."""
    work, outside = tmp_path / "work", tmp_path / "outside"
    for folder in (work, outside):
        folder.mkdir()
        shutil.copy(FIXTURES / "valid-full.yaml", folder / "events.yaml")
        shutil.copytree(FIXTURES / "seeds", folder / "seeds")
    return work, outside


def _one_error(stderr: str, command: str, name: str) -> None:
    assert "Traceback" not in stderr
    line = (
        f"chronology {command}: cannot write {name}: "
        "is a symbolic link to a file outside its folder; not written through it"
    )
    assert line in stderr.splitlines(), stderr


def test_fmt_refuses_a_link_out_of_the_folder(run: Run, tmp_path: Path) -> None:
    work, outside = tmp_path / "work", tmp_path / "outside"
    work.mkdir()
    outside.mkdir()
    (outside / "events.yaml").write_bytes(MESSY)
    (work / "link.yaml").symlink_to("../outside/events.yaml")
    result = run("fmt", "link.yaml", cwd=work)
    assert result.returncode == 2
    _one_error(result.stderr, "fmt", "link.yaml")
    assert (outside / "events.yaml").read_bytes() == MESSY
    assert os.readlink(work / "link.yaml") == "../outside/events.yaml"
    assert _leftovers(work) == ["link.yaml"]
    assert _leftovers(outside) == ["events.yaml"]


def test_fmt_follows_a_link_inside_the_folder(run: Run, tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(MESSY)
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    result = run("fmt", "link.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert os.readlink(tmp_path / "link.yaml") == "real.yaml"
    assert (tmp_path / "real.yaml").read_bytes() == FORMATTED
    assert _leftovers(tmp_path) == ["link.yaml", "real.yaml"]


def test_a_folder_named_through_a_link_is_fine(run: Run, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "events.yaml").write_bytes(MESSY)
    (tmp_path / "alias").symlink_to("real")
    result = run("fmt", "alias/events.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "real" / "events.yaml").read_bytes() == FORMATTED


#: ``chronology new`` options that add a valid event to tests/fixtures/valid-full.yaml.
NEW_EVENT = (
    "--no-input",
    "--title",
    "A new event",
    "--date",
    "2020-01-01",
    "--category",
    "animals",
    "--summary",
    "S.",
    "--source",
    "fox",
    "--quote",
    "quick brown fox",
)


def test_new_refuses_a_link_out_of_the_folder(run: Run, folders: tuple[Path, Path]) -> None:
    work, outside = folders
    before = (outside / "events.yaml").read_bytes()
    (work / "link.yaml").symlink_to("../outside/events.yaml")
    result = run("new", "link.yaml", *NEW_EVENT, cwd=work)
    assert result.returncode == 2, result.stderr
    _one_error(result.stderr, "new", "link.yaml")
    assert (outside / "events.yaml").read_bytes() == before
    assert os.readlink(work / "link.yaml") == "../outside/events.yaml"
    assert _leftovers(outside, "events.yaml", "seeds") == []


def test_new_follows_a_link_inside_the_folder(run: Run, folders: tuple[Path, Path]) -> None:
    work, _ = folders
    (work / "link.yaml").symlink_to("events.yaml")
    result = run("new", "link.yaml", *NEW_EVENT, cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "link.yaml").is_symlink()
    assert b"A new event" in (work / "events.yaml").read_bytes()


@pytest.mark.parametrize("name", ["out.csv", "out.md", "out.ics"])
def test_export_refuses_a_link_out_of_the_folder(
    run: Run, folders: tuple[Path, Path], name: str
) -> None:
    work, outside = folders
    (outside / name).write_bytes(b"precious\n")
    (work / name).symlink_to(f"../outside/{name}")
    result = run("export", "events.yaml", "-o", name, cwd=work)
    assert result.returncode == 2
    _one_error(result.stderr, "export", name)
    assert (outside / name).read_bytes() == b"precious\n"
    assert os.readlink(work / name) == f"../outside/{name}"


def test_export_follows_a_link_inside_the_folder(run: Run, folders: tuple[Path, Path]) -> None:
    work, _ = folders
    (work / "real.csv").write_bytes(b"old\n")
    (work / "out.csv").symlink_to("real.csv")
    result = run("export", "events.yaml", "-o", "out.csv", cwd=work)
    assert result.returncode == 0, result.stderr
    assert os.readlink(work / "out.csv") == "real.csv"
    assert (work / "real.csv").read_bytes().startswith(b"id,")
    dangling = work / "later.csv"
    dangling.symlink_to("not-yet.csv")
    assert run("export", "events.yaml", "-o", "later.csv", cwd=work).returncode == 0
    assert dangling.is_symlink()
    assert (work / "not-yet.csv").is_file()


def test_render_refuses_a_link_out_of_the_folder(run: Run, folders: tuple[Path, Path]) -> None:
    work, outside = folders
    (outside / "timeline.svg").write_bytes(b"precious\n")
    (work / "timeline.svg").symlink_to("../outside/timeline.svg")
    result = run("render", "events.yaml", "-o", "timeline.svg", cwd=work)
    assert result.returncode == 2
    _one_error(result.stderr, "render", "timeline.svg")
    assert (outside / "timeline.svg").read_bytes() == b"precious\n"
    assert _leftovers(work, "events.yaml", "seeds") == ["timeline.svg"]


def test_write_atomic_link_rules(tmp_path: Path) -> None:
    """The rule in the library itself: chains and loops of links too."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_bytes(b"b\n")
    (tmp_path / "a" / "hop").symlink_to("../b/x")
    (tmp_path / "a" / "chain").symlink_to("hop")  # inside, then out
    (tmp_path / "a" / "loop").symlink_to("loop")
    (tmp_path / "a" / "x").write_bytes(b"a\n")
    (tmp_path / "a" / "back").symlink_to("../a/x")  # leaves and comes back: inside
    for name in ("hop", "chain", "loop"):
        with pytest.raises(SymlinkOutsideError):
            write_atomic(tmp_path / "a" / name, b"new\n")
    assert (tmp_path / "b" / "x").read_bytes() == b"b\n"
    write_atomic(tmp_path / "a" / "back", b"new\n")
    assert (tmp_path / "a" / "x").read_bytes() == b"new\n"
    assert (tmp_path / "a" / "back").is_symlink()
    assert _leftovers(tmp_path / "a") == ["back", "chain", "hop", "loop", "x"]
