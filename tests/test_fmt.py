"""``chronology fmt``: the canonical layout, kept comments, and files never damaged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import date_strings

from chronology import formatting
from chronology.formatting import FormatError, format_bytes
from chronology.yamlio import read_yaml

from conftest import Run

MESSY = """\
# head comment

events:  # the events
  # about b
  - title: B   # eol b
    id: b
    date: 2020
    # about summary of b
    summary: >-
      folded text that is
      long
    category: x

  # about a


  # still about a
  - date: 2019-03-23
    id: a
    sources: [{source: s, quote: q}]  # eol a sources
    title: A
    summary: s
    category: x
    x-reviewed-by: someone
  # about c
  - {id: c, date: "2018", title: C, summary: s, category: x, sources: [{source: s, quote: q}]}
sources:
  - id: t
    title: T
    url: https://t.org
    publisher: P
  - id: s
    title: S   # eol title
    url: https://x.org
    publisher: P
    # before published
    published: 2019
title: T
# end comment 1

# end comment 2
"""

CANONICAL = """\
# head comment

title: T

sources:
  - id: s
    title: S   # eol title
    publisher: P
    # before published
    published: "2019"
    url: https://x.org
  - id: t
    title: T
    publisher: P
    url: https://t.org

events:  # the events
  # about c
  - {id: c, title: C, date: "2018", category: x, summary: s, sources: [{source: s, quote: q}]}

  # about a

  # still about a
  - id: a
    title: A
    date: "2019-03-23"
    category: x
    summary: s
    sources: [{source: s, quote: q}]  # eol a sources
    x-reviewed-by: someone

  # about b
  - id: b
    title: B   # eol b
    date: "2020"
    category: x
    # about summary of b
    summary: >-
      folded text that is
      long
# end comment 1

# end comment 2
"""


def test_canonical_layout() -> None:
    """Keys in schema order, events by date, sources by id, dates quoted, comments with
    what follows them, unknown fields kept last: the layout the docs promise."""
    assert CANONICAL == format_bytes(MESSY.encode(), "f.yaml").formatted.decode()  # type: ignore[union-attr]


def test_canonical_is_a_fixed_point() -> None:
    """Formatting a formatted file changes nothing."""
    result = format_bytes(CANONICAL.encode(), "f.yaml")
    assert (False, CANONICAL.encode()) == (result.changed, result.formatted)


def test_closing_comments_keep_a_blank_line_above_them() -> None:
    """The comments at the end of a file stay there, and a blank line above them stays
    (runs of blank lines made one); without one, none is added."""
    body = "title: T\nsources: []\nevents: []\n"
    apart = format_bytes(f"{body}\n\n# closing\n\n# last\n".encode(), "f.yaml").formatted
    close = format_bytes(f"{body}# closing\n".encode(), "f.yaml").formatted
    expected_apart = "title: T\n\nsources: []\n\nevents: []\n\n# closing\n\n# last\n"
    expected_close = "title: T\n\nsources: []\n\nevents: []\n# closing\n"
    assert (expected_apart.encode(), expected_close.encode()) == (apart, close)


def test_bundled_data_is_formatted(run: Run) -> None:
    """The repository's own events.yaml passes `fmt --check` (the pre-commit hook and CI)."""
    result = run("fmt", "--check", "events.yaml")
    assert (0, "0 files would be reformatted, 1 already formatted\n") == (
        result.returncode,
        result.stderr,
    )


def test_check_reports_and_changes_nothing(run: Run, tmp_path: Path) -> None:
    """--check exits 1 and names the file, and leaves it byte for byte."""
    (tmp_path / "events.yaml").write_text(MESSY, encoding="utf-8")
    result = run("fmt", "--check", cwd=tmp_path)
    assert (
        1,
        "would reformat events.yaml\n1 file would be reformatted, 0 already formatted\n",
    ) == (
        result.returncode,
        result.stderr,
    )
    assert MESSY == (tmp_path / "events.yaml").read_text(encoding="utf-8")


def test_diff_shows_the_change(run: Run, tmp_path: Path) -> None:
    """--diff prints a unified diff that turns the file into the formatted one."""
    path = tmp_path / "events.yaml"
    path.write_text("sources: []\nevents: []\ntitle: T\n", encoding="utf-8")
    result = run("fmt", "--diff", "events.yaml", cwd=tmp_path)
    expected = (
        "--- events.yaml\n"
        "+++ events.yaml (formatted)\n"
        "@@ -1,3 +1,5 @@\n"
        "+title: T\n"
        "+\n"
        " sources: []\n"
        "+\n"
        " events: []\n"
        "-title: T\n"
    )
    assert (0, expected) == (result.returncode, result.stdout)
    assert "sources: []\nevents: []\ntitle: T\n" == path.read_text(encoding="utf-8")


def test_writes_then_has_nothing_to_do(run: Run, tmp_path: Path) -> None:
    """A plain run rewrites the file; a second run finds nothing to change."""
    path = tmp_path / "events.yaml"
    path.write_text(MESSY, encoding="utf-8")
    first = run("fmt", cwd=tmp_path)
    second = run("fmt", cwd=tmp_path)
    assert (0, "formatted events.yaml\n1 file reformatted, 0 already formatted\n") == (
        first.returncode,
        first.stderr,
    )
    assert (0, "0 files reformatted, 1 already formatted\n") == (second.returncode, second.stderr)
    assert CANONICAL == path.read_text(encoding="utf-8")


def test_unreadable_yaml_is_left_exactly(run: Run, tmp_path: Path) -> None:
    """A file that is not YAML gets PATH:LINE:COL problems, exit 1, and keeps its bytes."""
    path = tmp_path / "events.yaml"
    broken = b"events:\n  - id: a\n    title: [unclosed\n# comment\n"
    path.write_bytes(broken)
    result = run("fmt", "events.yaml", cwd=tmp_path)
    assert 1 == result.returncode
    assert result.stderr.startswith("events.yaml:5:1: Y003 did not find expected")
    assert result.stderr.endswith(
        "chronology fmt: events.yaml: left as it was: it cannot be read as YAML\n"
        "0 files reformatted, 0 already formatted, 1 could not be formatted\n"
    )
    assert broken == path.read_bytes()


def test_missing_file_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    """A path that does not exist: one line, exit 2, no traceback."""
    result = run("fmt", "nope.yaml", cwd=tmp_path)
    assert (
        2,
        "chronology fmt: cannot read nope.yaml: No such file or directory\n"
        "0 files reformatted, 0 already formatted, 1 could not be formatted\n",
    ) == (result.returncode, result.stderr)


def test_failed_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the new file cannot be written (the disk is full), the old one is intact,
    no temporary file is left, and the error is one line with exit status 2."""
    import errno

    from chronology import cli

    path = tmp_path / "events.yaml"
    path.write_text(MESSY, encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert 2 == cli.main(["fmt", str(path)])
    assert (MESSY, ["events.yaml"]) == (
        path.read_text(encoding="utf-8"),
        sorted(p.name for p in tmp_path.iterdir()),
    )
    assert (
        f"chronology fmt: cannot write {path}: No space left on device\n" in capsys.readouterr().err
    )


def test_interrupted_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted between writing the new bytes and the rename, the old file stays whole
    and no temporary file is left behind."""
    from chronology import cli

    path = tmp_path / "events.yaml"
    path.write_text(MESSY, encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert 130 == cli.main(["fmt", str(path)])
    assert (MESSY, ["events.yaml"]) == (
        path.read_text(encoding="utf-8"),
        sorted(p.name for p in tmp_path.iterdir()),
    )


def test_line_ends_and_bom_become_canonical() -> None:
    """CRLF line ends and a byte order mark are dropped; the data stays."""
    original = "\ufefftitle: T\r\nsources: []\r\nevents: []\r\n".encode()
    assert b"title: T\n\nsources: []\n\nevents: []\n" == format_bytes(original, "f").formatted


def test_values_read_as_validate_reads_them() -> None:
    """An unquoted 2019-03-23 or yes is text to `validate`, and fmt keeps it text."""
    result = format_bytes(b"title: yes\nsources: []\nevents:\n  - date: 2019-03-23\n", "f")
    data, problems = read_yaml(result.formatted or b"", "f")
    assert ([], "yes", "2019-03-23") == (problems, data["title"], data["events"][0]["date"])


def test_a_bad_result_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """If formatting ever lost data, nothing would be returned to write (FormatError)."""
    monkeypatch.setattr(formatting, "_quote_date", lambda record, field: record.pop(field, None))
    with pytest.raises(FormatError, match="would not hold the same data"):
        format_bytes(b"sources: []\nevents:\n  - id: a\n    date: '2019'\n", "f")


# ------------------------------------------------------------------------------ properties

_WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
#: Any text a data file may hold (no control characters, surrogates or line separators).
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")),
    max_size=20,
)


@st.composite
def messy_files(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A data file written in a random key order with comments around its events.

    Returns the text and, for each event id, the comment written right above it.
    """
    ids = draw(st.lists(_WORDS, min_size=1, max_size=8, unique=True))
    comments: dict[str, str] = {}
    lines = ["# head", "events:"]
    for ident in ids:
        fields = {
            "id": json.dumps(ident),
            "title": json.dumps(draw(_TEXT), ensure_ascii=False),
            "date": json.dumps(draw(date_strings())),
            "summary": json.dumps(draw(_WORDS)),
            "category": json.dumps(draw(_WORDS)),
        }
        if draw(st.booleans()):
            fields["x-unknown"] = json.dumps(draw(_WORDS))
        order = draw(st.permutations(list(fields)))
        if draw(st.booleans()):
            comments[ident] = f"# about {ident}"
            lines.extend([""] * draw(st.integers(0, 2)))
            lines.append(" " * draw(st.integers(0, 6)) + comments[ident])
        for n, key in enumerate(order):
            eol = f"  # eol {ident} {key}" if draw(st.booleans()) else ""
            lines.append(f"  {'- ' if n == 0 else '  '}{key}: {fields[key]}{eol}")
    sources = ["sources:", '  - {id: s, title: S, publisher: P, url: "https://x.org"}']
    sections = [lines[1:], sources, ['title: "T"']]
    text = "\n".join(
        [lines[0], *(line for part in draw(st.permutations(sections)) for line in part)]
    )
    return text + "\n", comments


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_files())
def test_fmt_keeps_data_and_comments(case: tuple[str, dict[str, str]]) -> None:
    """For any file: fmt is idempotent, keeps every value (events sorted by date then id),
    and each comment written above an event is still right above that event."""
    text, comments = case
    before, problems = read_yaml(text.encode(), "f")
    assert [] == problems
    result = format_bytes(text.encode(), "f")
    assert result.formatted is not None
    again = format_bytes(result.formatted, "f")
    assert (False, result.formatted) == (again.changed, again.formatted)
    after, _ = read_yaml(result.formatted, "f")
    assert sorted(before["events"], key=lambda e: e["id"]) == sorted(
        after["events"], key=lambda e: e["id"]
    )
    assert (before["sources"], before["title"]) == (after["sources"], after["title"])
    lines = result.formatted.decode().splitlines()
    for ident, comment in comments.items():
        where = lines.index(f"  {comment}")
        assert lines[where + 1].startswith(f"  - id: {json.dumps(ident)}")


def test_module_examples() -> None:
    """The examples in chronology.formatting's docstrings run as written."""
    import doctest

    failed, attempted = doctest.testmod(formatting)
    assert (0, True) == (failed, attempted > 0)
