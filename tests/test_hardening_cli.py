"""Nothing a contributor writes can crash, hang, fool or damage the command line.

For any bytes given as a data file, ``validate``, ``render``, ``list``, ``export``,
``fmt`` and ``diff`` either succeed or exit non-zero with ``PATH:LINE:COL: CODE
message`` lines (or a one-line ``chronology CMD: ...`` error): never a traceback,
never a hang, never unbounded memory. The property tests run the commands in
process through :func:`chronology.cli.main`; special files (FIFOs, devices) go
through the real console script, with a timeout, so that a hang fails the test
instead of stopping the run.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import json_text, json_values, yamlish_bytes

from chronology.cli import main

from conftest import REPO

BUNDLED = REPO / "events.yaml"

#: ``PATH:LINE:COL: CODE message`` (``CODE warning: message`` for a warning).
PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]\d{3}) .+$")
COMMAND_LINE = re.compile(r"^chronology (validate|render|list|show|export|new|fmt|diff): \S.*$")
FMT_LINES = re.compile(
    r"^(would reformat .+|formatted .+|\d+ files? (would be reformatted|reformatted), "
    r"\d+ already formatted(, \d+ could not be formatted)?)$"
)
SUMMARY = re.compile(
    r"^(.+: valid, \d+ events? from \d+ sources?(, with \d+ warnings?)?"
    r"|\d+ files valid, .+"
    r"|Found \d+ errors? and \d+ warnings? in \d+ of \d+ files?)$"
)
#: Characters that must never reach the terminal raw from data (a tab or a newline is fine).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: The exit statuses docs/cli.md gives every command.
EXIT_STATUSES = {0, 1, 2}


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Run with ``folder`` as the current folder."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run ``chronology ARGS`` in process; return the exit status, stdout and stderr.

    Any exception other than :class:`SystemExit` escapes, and fails the test.
    """
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    with _inside(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    out.flush()
    err.flush()
    stdout = out_bytes.getvalue().decode("utf-8")
    stderr = err_bytes.getvalue().decode("utf-8")
    return code, stdout, stderr


def assert_lines(text: str, *, allow: tuple[re.Pattern[str], ...] = ()) -> None:
    """Every non-empty line is a located problem, a one-line command message, or ``allow``;
    no line holds a control character that could forge a line or drive the terminal."""
    assert "Traceback" not in text
    assert not UNSAFE.search(text), text
    for line in text.splitlines():
        if not line:
            continue
        problem = PROBLEM.match(line)
        if problem:
            assert int(problem["line"]) >= 1, line
            assert int(problem["column"]) >= 1, line
            continue
        assert COMMAND_LINE.match(line) or any(p.match(line) for p in allow), line


def check_command(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run a command and check what every command promises about its status and stderr."""
    code, stdout, stderr = invoke(*args, cwd=cwd)
    assert code in EXIT_STATUSES, (args, code, stderr)
    assert_lines(stderr, allow=(FMT_LINES, SUMMARY))
    assert "Traceback" not in stdout
    return code, stdout, stderr


def run_every_command(data: bytes) -> None:
    """Give ``data`` to every command that reads a data file, and check each answer."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copytree(REPO / "seeds", folder / "seeds")
        path = folder / "events.yaml"
        path.write_bytes(data)
        shown = str(path)

        code, stdout, _ = check_command("validate", shown, cwd=folder)
        assert_lines(stdout, allow=(SUMMARY,))
        valid = code == 0
        code, stdout, _ = check_command("validate", "--format", "json", shown, cwd=folder)
        assert json.loads(stdout)["valid"] is valid
        assert code == (0 if valid else 1)

        code, _, _ = check_command("render", shown, "-o", str(folder / "out.png"), cwd=folder)
        if not valid:
            assert code == 1
        code, _, _ = check_command("list", shown, cwd=folder)
        assert valid or code == 1
        code, _, _ = check_command("list", "--format", "json", shown, cwd=folder)
        assert valid or code == 1
        for fmt, extension in [
            ("json", "json"),
            ("csv", "csv"),
            ("ics", "ics"),
            ("timelinejs", "json"),
            ("markdown", "md"),
            ("geojson", "geojson"),
        ]:
            out = str(folder / f"out-{fmt}.{extension}")
            code, _, _ = check_command("export", shown, "--to", fmt, "-o", out, cwd=folder)
            assert valid or code == 1

        code, stdout, _ = check_command("diff", shown, shown, cwd=folder)
        if code == 0:
            assert stdout.splitlines()[-1] == "No changes to events or sources."
        else:
            assert code == 1
        check_command("diff", shown, str(BUNDLED), cwd=folder)
        check_command("diff", "--format", "json", str(BUNDLED), shown, cwd=folder)

        check_command("fmt", "--check", shown, cwd=folder)
        assert path.read_bytes() == data, "fmt --check changed the file"
        code, _, stderr = check_command("fmt", shown, cwd=folder)
        if "left as it was" in stderr or code == 2:
            assert path.read_bytes() == data, "fmt changed a file it could not read"
        if code == 0 and path.read_bytes() != data:
            # What fmt writes reads back as the same kind of file: fmt is idempotent.
            code, _, _ = check_command("fmt", "--check", shown, cwd=folder)
            assert code == 0


# ------------------------------------------------------------------------------ properties


def _bundled_sample() -> dict[str, Any]:
    """The bundled chronology cut down to a few events: a valid file to spoil."""
    document = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    events = document["events"][:3]
    cited = {citation["source"] for event in events for citation in event.get("sources", [])}
    ids = {event["id"] for event in events}
    for event in events:
        if "related" in event:
            event["related"] = [r for r in event["related"] if r in ids]
    document["events"] = events
    document.pop("eras", None)  # they cite sources the sample leaves out
    document["sources"] = [s for s in document["sources"] if s["id"] in cited]
    return dict(document)


SAMPLE = _bundled_sample()


@st.composite
def spoilt_chronologies(draw: st.DrawFn) -> bytes:
    """The sample chronology with a few values (or whole records) replaced by anything."""
    document = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "event", "source", "citation", "place"]))
        # json_text has control characters too, which both dumpers write as escapes.
        value = draw(st.one_of(json_values(), json_values(json_text())))
        if where == "top":
            document[draw(st.sampled_from([*document, "extra"]))] = value
            continue
        records = document["sources"] if where == "source" else document["events"]
        if not isinstance(records, list) or not records:
            continue
        record = records[draw(st.integers(0, len(records) - 1))]
        if not isinstance(record, dict):
            continue
        if where in ("citation", "place"):
            key = "sources" if where == "citation" else "places"
            items = record.get(key)
            if not isinstance(items, list) or not items or not isinstance(items[0], dict):
                record[key] = value
                continue
            record = items[0]
        keys = [*record, "extra"] if record else ["extra"]
        record[draw(st.sampled_from(keys))] = value
    style = draw(st.sampled_from(["block", "flow", "json"]))
    if style == "json":
        text = json.dumps(document, ensure_ascii=False, indent=2)
    else:
        text = yaml.safe_dump(
            document, allow_unicode=True, sort_keys=False, default_flow_style=style == "flow"
        )
    return text.encode("utf-8")


_SETTINGS = settings(
    max_examples=50,
    deadline=20_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(yamlish_bytes())
def test_any_bytes_every_command(data: bytes) -> None:
    """No bytes make any command crash, hang, print a traceback or damage the file."""
    run_every_command(data)


@_SETTINGS
@given(spoilt_chronologies())
def test_wrong_values_every_command(data: bytes) -> None:
    """A valid chronology with wrong values in any field crashes no command."""
    run_every_command(data)


def test_sample_is_valid(tmp_path: Path) -> None:
    """The chronology the property spoils is valid to begin with (else it tests little)."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(SAMPLE, allow_unicode=True, sort_keys=False), "utf-8")
    code, stdout, _ = invoke("validate", str(path), cwd=tmp_path)
    assert code == 0, stdout


# ------------------------------------------------------------------------------ special files


def _special(tmp_path: Path, kind: str) -> Path:
    """A path of ``kind`` in ``tmp_path``: a folder, a FIFO, a device or a symlink."""
    path = tmp_path / "special.yaml"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dev-null":
        path.symlink_to("/dev/null")
    elif kind == "link-to-directory":
        (tmp_path / "folder").mkdir()
        path.symlink_to(tmp_path / "folder", target_is_directory=True)
    elif kind == "link-to-fifo":
        os.mkfifo(tmp_path / "pipe")
        path.symlink_to(tmp_path / "pipe")
    elif kind == "dangling-link":
        path.symlink_to(tmp_path / "nowhere.yaml")
    elif kind == "missing":
        pass
    return path


SPECIAL_KINDS = [
    "directory",
    "fifo",
    "dev-zero",
    "dev-null",
    "link-to-directory",
    "link-to-fifo",
    "dangling-link",
    "missing",
]


def _special_commands(path: str, folder: Path) -> list[list[str]]:
    return [
        ["validate", path],
        ["render", path, "-o", str(folder / "out.png")],
        ["list", path],
        ["show", "2011-asya-marriage", path],
        ["export", path, "--to", "json", "-o", str(folder / "out.json")],
        ["fmt", "--check", path],
        ["fmt", path],
        ["diff", path, str(BUNDLED)],
        ["diff", str(BUNDLED), path],
        ["new", path, "--no-input", "--title", "T", "--date", "2020", "--summary", "S."],
    ]


class _Hung(Exception):
    """A command ran past its time."""


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise :class:`_Hung` in the running code after ``seconds`` (interrupting a blocked
    ``open`` of a FIFO too), so that a hang fails the test instead of stopping the run."""

    def hung(signum: int, frame: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and SIGALRM")
@pytest.mark.parametrize("kind", SPECIAL_KINDS)
def test_special_files_are_refused_quickly(tmp_path: Path, kind: str) -> None:
    """A folder, FIFO, device or broken link as the data file: one line and exit 2, at once,
    from every command that reads one (in process, under a time limit)."""
    path = _special(tmp_path, kind)
    for args in _special_commands(str(path), tmp_path):
        try:
            with _time_limit(10):
                code, _, stderr = check_command(*args, cwd=tmp_path)
        except _Hung:  # pragma: no cover - the failure it guards against
            pytest.fail(f"chronology {' '.join(args)} hung on a {kind}")
        assert code == 2, (args, stderr)
        errors = [
            line for line in stderr.splitlines() if line.startswith(f"chronology {args[0]}: ")
        ]
        assert errors, (args, stderr)
        assert all(str(path) in line for line in errors), (args, stderr)
    assert kind == "missing" or os.path.lexists(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("command", ["validate", "list", "fmt", "diff"])
def test_fifo_through_the_console_script(tmp_path: Path, command: str) -> None:
    """The real console script refuses a FIFO at once (a subprocess timeout guards a hang)."""
    path = _special(tmp_path, "fifo")
    args = [command, str(path)] + ([str(BUNDLED)] if command == "diff" else [])
    try:
        process = subprocess.run(
            [
                shutil.which("chronology") or str(Path(sys.executable).with_name("chronology")),
                *args,
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=20,
            check=False,
        )
    except subprocess.TimeoutExpired:  # pragma: no cover - the failure it guards against
        pytest.fail(f"chronology {command} hung on a FIFO")
    assert process.returncode == 2, process.stderr
    assert process.stderr.startswith(f"chronology {command}: cannot read {path}"), process.stderr
    assert_lines(process.stderr, allow=(FMT_LINES, SUMMARY))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that cannot be opened (no read permission): one line and exit 2. The
    refusal is simulated, since the tests may run as root, who can read any file."""
    import builtins
    import errno

    from chronology import fileio

    path = tmp_path / "events.yaml"
    path.write_bytes(BUNDLED.read_bytes())

    def denied(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file).resolve() == path.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(fileio, "open", denied, raising=False)
    for args in _special_commands(str(path), tmp_path)[:-1]:
        code, _, stderr = check_command(*args, cwd=tmp_path)
        assert code == 2, (args, stderr)


# ------------------------------------------------------------------------------ positions


def _located(tmp_path: Path, data: bytes) -> list[tuple[int, int, str]]:
    """``validate``'s problems for ``data`` as (line, column, code)."""
    path = tmp_path / "events.yaml"
    path.write_bytes(data)
    code, stdout, _ = check_command("validate", str(path), cwd=tmp_path)
    assert code == 1, stdout
    found = []
    for line in stdout.splitlines():
        match = PROBLEM.match(line)
        if match:
            assert match["path"] == str(path)
            found.append((int(match["line"]), int(match["column"]), match["code"]))
    return found


MINIMAL = """\
title: T
categories:
  c: {label: C}
sources:
  - id: s
    title: S
    publisher: P
    url: https://example.org/s
events:
"""


def _problem_codes(tmp_path: Path, data: bytes) -> dict[tuple[int, int], str]:
    return {(line, column): code for line, column, code in _located(tmp_path, data)}


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        (
            "an unknown field",
            MINIMAL + "  - id: e\n    title: E\n    dates: '2020'\n",
            (12, 5),
        ),
        (
            "a tab inside a quoted string before the mistake",
            MINIMAL + '  - id: e\n    title: "a\tb"\n    dates: "2020"\n',
            (12, 5),
        ),
        (
            "a tab inside a plain scalar on the same line",
            MINIMAL + "  - {id: e, title: a\tb, bad: 1}\n",
            (10, 25),
        ),
        (
            "a literal block scalar above",
            MINIMAL
            + "  - id: e\n    title: E\n    summary: |\n      one\n\n      two\n    dates: x\n",
            (16, 5),
        ),
        (
            "a folded block scalar above",
            MINIMAL
            + "  - id: e\n    summary: >-\n      one\n      two\n    title: E\n    dates: x\n",
            (15, 5),
        ),
        (
            "a multi-line quoted scalar above",
            MINIMAL + '  - id: e\n    title: "one\n      two"\n    dates: x\n',
            (13, 5),
        ),
        (
            "a flow mapping",
            MINIMAL + "  - {id: e, title: E, dates: x}\n",
            (10, 23),
        ),
        (
            "a flow mapping over two lines",
            MINIMAL + "  - {id: e, title: E,\n     dates: x}\n",
            (11, 6),
        ),
        (
            "non-ASCII text before the mistake",
            MINIMAL + "  - {id: e, title: Жусан 🙂, dates: x}\n",
            (10, 29),
        ),
    ],
)
@pytest.mark.parametrize("variant", ["plain", "bom", "crlf", "bom+crlf"])
def test_positions(
    tmp_path: Path, name: str, text: str, where: tuple[int, int], variant: str
) -> None:
    """The unknown field ``dates`` is reported at its own line and column, whatever is
    around it: a BOM, CRLF line ends, tabs, block, folded and flow scalars, non-ASCII."""
    data = text.encode("utf-8")
    if "crlf" in variant:
        data = data.replace(b"\n", b"\r\n")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    found = _problem_codes(tmp_path, data)
    assert where in found, (name, found)


@pytest.mark.parametrize("variant", ["plain", "bom", "crlf"])
def test_position_of_a_wrong_date(tmp_path: Path, variant: str) -> None:
    """A wrong date is reported where the date's value starts."""
    data = (MINIMAL + "  - id: e\n    title: E\n    date: '2020-13'\n").encode()
    if variant == "crlf":
        data = data.replace(b"\n", b"\r\n")
    if variant == "bom":
        data = b"\xef\xbb\xbf" + data
    lines = {(line, column) for line, column, _ in _located(tmp_path, data)}
    assert (12, 11) in lines, lines


@pytest.mark.parametrize(
    ("data", "where", "code"),
    [
        (b"title: [a\n", (2, 1), "Y003"),
        (b"title: T\r\nevents: \x01\r\n", (2, 9), "Y002"),
        (b"\xef\xbb\xbftitle: T\nevents: \xff\n", (2, 9), "Y001"),
        (b"title: T\n\tevents: []\n", (2, 1), "Y003"),
        (b"title: &a T\nevents: *a\n", (1, 8), "Y005"),
        (b"title: !!str T\n", (1, 8), "Y004"),
        (b"title: T\ntitle: U\n", (2, 1), "Y007"),
    ],
)
def test_yaml_problem_positions(
    tmp_path: Path, data: bytes, where: tuple[int, int], code: str
) -> None:
    """Reading problems point at the offending character."""
    found = _problem_codes(tmp_path, data)
    assert found.get(where) == code, found


# ------------------------------------------------------------------------------ limits


def _quick(tmp_path: Path, data: bytes, seconds: float = 15) -> list[tuple[int, int, str]]:
    started = time.monotonic()
    found = _located(tmp_path, data)
    assert time.monotonic() - started < seconds
    return found


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    """10,000 nested brackets: refused at the depth limit, quickly, without a crash."""
    found = _quick(tmp_path, b"title: " + b"[" * 10_000 + b"]" * 10_000 + b"\n")
    assert [code for _, _, code in found] == ["Y009"]


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    """Deeply nested block mappings: refused at the depth limit."""
    text = "".join(f"{' ' * i}k{i}:\n" for i in range(2000)) + " " * 2000 + "x\n"
    found = _quick(tmp_path, text.encode())
    assert "Y009" in [code for _, _, code in found] or "Y003" in [c for _, _, c in found]


def test_huge_scalar_is_refused(tmp_path: Path) -> None:
    """A 50 MB single-line scalar: refused by the string limit, quickly."""
    found = _quick(tmp_path, b"title: " + b"x" * (50 * 1024 * 1024) + b"\n", seconds=30)
    assert [code for _, _, code in found] == ["Y009"]


def test_huge_number_is_refused(tmp_path: Path) -> None:
    """A number of 5,000 digits is refused (not turned into an int, which Python limits)."""
    found = _quick(tmp_path, b"title: T\nevents: " + b"9" * 5000 + b"\n")
    assert (2, 9, "Y009") in found


def test_huge_number_in_every_command(tmp_path: Path) -> None:
    """A huge number, a huge float and a float overflow crash no command."""
    run_every_command(b"title: T\nevents:\n  - date: " + b"9" * 5000 + b"\n")
    run_every_command(b"title: 1e99999\nevents:\n  - date: " + b"9" * 5000 + b".5\n")


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    """Aliases are refused outright, so a billion laughs costs nothing."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    data = ("\n".join(lines) + "\n").encode()
    found = _quick(tmp_path, data, seconds=5)
    assert found
    assert {code for _, _, code in found} == {"Y005"}
    run_every_command(data)


# ------------------------------------------------------------------------------ regressions


@pytest.mark.parametrize("data", [b".\t", b"a: .\t\n", b"> #", b"a: > #\n"])
def test_fmt_when_ruamel_cannot_read_what_libyaml_can(tmp_path: Path, data: bytes) -> None:
    """``.<TAB>`` is text to libyaml but a scanner error to ruamel.yaml, and ``> #`` made
    the formatter fail (an AttributeError in formatting._comments): fmt printed a
    traceback. Now it formats them, or says it cannot, exits 1 and leaves the file."""
    path = tmp_path / "events.yaml"
    path.write_bytes(data)
    for args in (["fmt", "--check", str(path)], ["fmt", "--diff", str(path)], ["fmt", str(path)]):
        code, _, stderr = check_command(*args, cwd=tmp_path)
        assert code in (0, 1), stderr
        if "cannot format" in stderr or args[1] != str(path):
            assert path.read_bytes() == data


@pytest.mark.parametrize(
    "error",
    [
        AttributeError("'str' object has no attribute 'value'"),
        RecursionError("maximum recursion depth exceeded"),
        ValueError("two\nlines \x1b[2J"),
    ],
)
def test_fmt_survives_a_formatter_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """Whatever the formatter raises, fmt says in one line that the file cannot be
    formatted, exits 1, goes on with the next file, and writes nothing."""
    import chronology.formatting

    def broken(path: str) -> Any:
        raise error

    monkeypatch.setattr(chronology.formatting, "format_file", broken)
    paths = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for path in paths:
        path.write_bytes(b"title: T\n")
    code, _, stderr = check_command("fmt", *map(str, paths), cwd=tmp_path)
    assert code == 1
    lines = stderr.splitlines()
    assert len(lines) == 3, stderr
    assert all("cannot format" in line for line in lines[:2])
    assert lines[2] == "0 files reformatted, 0 already formatted, 2 could not be formatted"
    assert all(path.read_bytes() == b"title: T\n" for path in paths)


@pytest.mark.parametrize("command", ["validate", "list", "render", "export", "diff", "fmt"])
def test_control_characters_in_data_stay_in_one_line(tmp_path: Path, command: str) -> None:
    """An id or title with an escaped newline or ESC (``"a\\nb\\u001b[2J"``) was printed raw
    inside problem lines: it broke the line in two (a forged ``PATH:LINE:COL`` line) and
    drove the terminal. Problem lines now show such characters as escapes."""
    path = tmp_path / "events.yaml"
    path.write_bytes(
        b'title: T\nsources: []\nevents:\n  - id: "a\\nx.yaml:1:1: E999 forged\\u001b[2J"\n'
    )
    args = {
        "validate": ["validate", str(path)],
        "list": ["list", str(path)],
        "render": ["render", str(path), "-o", str(tmp_path / "out.png")],
        "export": ["export", str(path), "--to", "json"],
        "diff": ["diff", str(path), str(BUNDLED)],
        "fmt": ["fmt", "--check", str(path)],
    }[command]
    code, stdout, stderr = invoke(*args, cwd=tmp_path)
    output = stdout + stderr
    assert not UNSAFE.search(output)
    assert not any(line.startswith("x.yaml:1:1") for line in output.splitlines()), output
    if command not in ("diff", "fmt"):
        assert code == 1
        assert "a\\nx.yaml:1:1: E999 forged\\x1b[2J" in output


@settings(max_examples=20, deadline=20_000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(yamlish_bytes(), spoilt_chronologies()))
def test_new_on_any_file(data: bytes) -> None:
    """``new`` on any bytes adds the event or refuses in lines, leaving a refused file
    byte for byte as it was (and ``--dry-run`` never writes)."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copytree(REPO / "seeds", folder / "seeds")
        path = folder / "events.yaml"
        path.write_bytes(data)
        args = ["new", str(path), "--no-input", "--title", "T", "--date", "2020"]
        args += ["--summary", "S.", "--category", "conflict", "--source", "caravanserai-2017"]
        args += ["--quote", "She married her husband, also of Almaty, in 2011."]
        check_command(*args, "--dry-run", cwd=folder)
        assert path.read_bytes() == data
        code, _, _ = check_command(*args, cwd=folder)
        if code != 0:
            assert path.read_bytes() == data


# ------------------------------------------------------------------------------ network


def test_no_command_uses_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command runs on the bundled chronology with the network cut off: any name
    lookup or connection raises. Source addresses are checked for their form and
    copied into exports, never fetched (docs/threat-model.md promises it)."""
    import socket

    attempts: list[object] = []

    def cut_off(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is cut off in this test")

    for name in ("getaddrinfo", "gethostbyname", "create_connection"):
        monkeypatch.setattr(socket, name, cut_off)
    monkeypatch.setattr(socket.socket, "connect", cut_off)
    monkeypatch.setattr(socket.socket, "connect_ex", cut_off)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    path = tmp_path / "events.yaml"
    path.write_bytes(BUNDLED.read_bytes())
    shown = str(path)
    commands = [
        ["validate", shown],
        ["render", shown, "-o", str(tmp_path / "out.png")],
        ["list", shown],
        ["show", "2011-asya-marriage", shown],
        ["fmt", "--check", shown],
        ["diff", shown, str(BUNDLED)],
        [
            "new",
            shown,
            "--no-input",
            "--dry-run",
            "--title",
            "A test event for the network",
            "--date",
            "2020",
            "--category",
            "protest",
            "--summary",
            "S.",
            "--source",
            "aljazeera-2021",
            "--quote",
            "Efforts to repatriate ISIL fighters",
        ],
    ]
    for fmt in ("json", "csv", "ics", "timelinejs", "markdown", "geojson"):
        commands.append(["export", shown, "--to", fmt, "-o", str(tmp_path / f"out.{fmt}")])
    codes = [invoke(*args, cwd=tmp_path)[0] for args in commands]
    assert ([0] * len(commands), []) == (codes, attempts)
