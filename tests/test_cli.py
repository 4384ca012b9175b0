"""The ``chronology`` command, driven through the real console script."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import yaml

import chronology
from benchmarks.generate import generate, write
from chronology import Chronology

from conftest import FIXTURES, REPO, Run

PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) .+$")


def _copy_fixture(name: str, folder: Path) -> Path:
    shutil.copytree(FIXTURES / "seeds", folder / "seeds", dirs_exist_ok=True)
    target = folder / name
    shutil.copy(FIXTURES / name, target)
    return target


class TestValidateBundled:
    def test_bundled_chronology_is_valid_with_one_line_summary(self, run: Run) -> None:
        """`chronology validate events.yaml` exits 0: a line per warning (each labelled
        `warning:`; tests/test_data.py pins which), then one summary line."""
        result = run("validate", "events.yaml")
        warnings = chronology.validate()
        assert 0 == result.returncode, result.stdout + result.stderr
        assert [
            *(
                f"events.yaml:{p.line}:{p.column}: {p.code} warning: {p.message} ({p.hint})"
                for p in warnings
            ),
            f"events.yaml: valid, 55 events from 6 sources, with {len(warnings)} warnings",
        ] == result.stdout.splitlines()
        assert "" == result.stderr

    def test_default_path_is_events_yaml_in_current_folder(self, run: Run) -> None:
        """With no PATH, validate checks ./events.yaml."""
        result = run("validate")
        assert 0 == result.returncode
        assert run("validate", "events.yaml").stdout == result.stdout

    def test_default_path_missing_is_a_usage_error(self, run: Run, tmp_path: Path) -> None:
        """With no PATH and no ./events.yaml, validate says so and exits 2."""
        result = run("validate", cwd=tmp_path)
        assert 2 == result.returncode
        assert "cannot read events.yaml: No such file or directory" in result.stderr


class TestValidateProblems:
    def test_problems_are_path_line_col_code_message(self, run: Run, tmp_path: Path) -> None:
        """Each problem is one `PATH:LINE:COL: CODE message` line, PATH as typed."""
        sub = tmp_path / "sub"
        sub.mkdir()
        _copy_fixture("invalid-unknown-field.yaml", sub)
        result = run("validate", "sub/invalid-unknown-field.yaml", cwd=tmp_path)
        lines = result.stdout.splitlines()
        assert 1 == result.returncode
        assert [
            "sub/invalid-unknown-field.yaml:7:5: W004 warning: source 'fox': no 'archived_url': "
            "if the page at 'url' changes or disappears, no one can check the quotes against "
            "it (save the page in an archive, such as https://web.archive.org/save, and add "
            "the copy's address as 'archived_url')",
            "sub/invalid-unknown-field.yaml:18:5: S003 event '2013-fox-jumps': "
            "unknown field 'titel' (did you mean 'title'?)",
            "Found 1 error and 1 warning in 1 of 1 file",
        ] == lines

    def test_every_problem_is_reported_not_just_the_first(self, run: Run, tmp_path: Path) -> None:
        """A file with many mistakes gets one line for each, in file order."""
        _copy_fixture("valid-minimal.yaml", tmp_path)
        broken = (tmp_path / "valid-minimal.yaml").read_text(encoding="utf-8")
        broken = broken.replace('date: "2013"', "date: 2013").replace(
            "category: animals", "category: animals\n    titel: x\n    tags: [Bad]"
        )
        (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
        result = run("validate", "broken.yaml", cwd=tmp_path)
        found = [PROBLEM_LINE.match(line) for line in result.stdout.splitlines()[:-1]]
        assert 1 == result.returncode
        assert ["W004", "S001", "S003", "S004"] == [m["code"] for m in found if m]
        lines = [int(m["line"]) for m in found if m]
        assert sorted(lines) == lines

    def test_json_format_gives_the_same_problems(self, run: Run, tmp_path: Path) -> None:
        """`--format json` reports the same problems as the text format, as data."""
        _copy_fixture("meaning-quote-not-found.yaml", tmp_path)
        text = run("validate", "meaning-quote-not-found.yaml", cwd=tmp_path)
        as_json = run("validate", "--format", "json", "meaning-quote-not-found.yaml", cwd=tmp_path)
        document = json.loads(as_json.stdout)
        assert 1 == as_json.returncode
        assert False is document["valid"]
        label = {"error": "", "warning": " warning:"}
        shown = [
            f"{p['path']}:{p['line']}:{p['column']}: {p['code']}{label[p['severity']]} "
            f"{p['message']} ({p['hint']})"
            for p in document["problems"]
        ]
        assert text.stdout.splitlines()[:-1] == shown

    def test_several_files_exit_1_if_any_is_invalid(self, run: Run, tmp_path: Path) -> None:
        """Checking a valid and an invalid file together exits 1 and counts both."""
        _copy_fixture("valid-minimal.yaml", tmp_path)
        _copy_fixture("meaning-calendar.yaml", tmp_path)
        result = run("validate", "valid-minimal.yaml", "meaning-calendar.yaml", cwd=tmp_path)
        assert 1 == result.returncode
        assert "Found 1 error and 2 warnings in 2 of 2 files" == result.stdout.splitlines()[-1]


class TestUsageErrors:
    def test_missing_file_exits_2_without_traceback(self, run: Run, tmp_path: Path) -> None:
        """A path that does not exist is a usage error (exit 2) with a one-line message."""
        result = run("validate", "nope.yaml", cwd=tmp_path)
        assert 2 == result.returncode
        assert "chronology validate: cannot read nope.yaml: No such file or directory\n" == (
            result.stderr
        )

    def test_directory_exits_2(self, run: Run, tmp_path: Path) -> None:
        """A directory given as PATH is a usage error, not a crash."""
        result = run("validate", str(tmp_path))
        assert 2 == result.returncode
        assert "is a directory" in result.stderr
        assert "Traceback" not in result.stderr

    def test_unknown_option_exits_2(self, run: Run) -> None:
        """An unknown option is a usage error."""
        result = run("validate", "--colour")
        assert 2 == result.returncode
        assert "unrecognized arguments: --colour" in result.stderr

    def test_version(self, run: Run) -> None:
        """`chronology --version` prints the package version."""
        result = run("--version")
        assert (0, f"chronology {chronology.__version__}\n") == (result.returncode, result.stdout)


class TestNeverATraceback:
    def test_broken_files_get_problems_not_tracebacks(self, run: Run, tmp_path: Path) -> None:
        """Hostile and broken files give located problems and exit 1, never a traceback."""
        cases = {
            "binary.yaml": b"\x00\x01\x02\xff\xfe",
            "utf16.yaml": "a: 1\n".encode("utf-16"),
            "python-tag.yaml": b"a: !!python/object/apply:os.system ['touch pwned']\n",
            "laughs.yaml": b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
            "deep.yaml": b"[" * 10_000,
            "tab.yaml": b"sources:\n\t- id: x\n",
            "empty.yaml": b"",
            "scalar.yaml": b"just text\n",
            "two-docs.yaml": b"a: 1\n---\nb: 2\n",
            "dup.yaml": b"sources: []\nsources: []\n",
        }
        for name, data in cases.items():
            (tmp_path / name).write_bytes(data)
        result = run("validate", *cases, cwd=tmp_path)
        assert 1 == result.returncode
        assert "Traceback" not in result.stdout + result.stderr
        assert not (tmp_path / "pwned").exists()
        matches = [PROBLEM_LINE.match(line) for line in result.stdout.splitlines()[:-1]]
        flagged = {m["path"] for m in matches if m}
        assert None not in matches
        assert set(cases) == flagged


def test_load_works_from_any_folder(tmp_path: Path) -> None:
    """After install, `chronology.load()` finds the bundled data from any working folder."""
    import subprocess
    import sys

    code = "import chronology; c = chronology.load(); print(len(c), c[0].title, c[0].date)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    first = chronology.load()[0]
    assert 0 == result.returncode, result.stderr
    assert f"{len(chronology.load())} {first.title} {first.date}\n" == result.stdout


class TestRender:
    def test_writes_each_format_by_extension(self, run: Run, tmp_path: Path) -> None:
        """`chronology render -o OUT` writes PNG, SVG or PDF by OUT's extension and says
        what it wrote."""
        magic = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}
        count = len(chronology.load())
        for fmt, start in magic.items():
            out = tmp_path / f"timeline.{fmt}"
            result = run("render", "events.yaml", "-o", str(out))
            assert 0 == result.returncode, result.stderr
            assert out.read_bytes().startswith(start)
            assert result.stdout.startswith(f"{out}: {count} events, 14x")

    def test_two_processes_write_the_same_bytes(self, run: Run, tmp_path: Path) -> None:
        """Separate runs (different hash seeds) give byte-identical files."""
        for fmt in ("png", "svg", "pdf"):
            a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
            assert 0 == run("render", "-o", str(a), "--theme", "dark").returncode
            assert 0 == run("render", "-o", str(b), "--theme", "dark").returncode
            assert a.read_bytes() == b.read_bytes()

    def test_without_a_path_outside_a_project_draws_the_bundled_chronology(
        self, run: Run, tmp_path: Path
    ) -> None:
        """Installed and run anywhere, `chronology render -o t.png` draws the bundled data."""
        result = run("render", "-o", "t.png", cwd=tmp_path)
        assert 0 == result.returncode, result.stderr
        assert (tmp_path / "t.png").is_file()

    def test_filters_choose_the_events(self, run: Run, tmp_path: Path) -> None:
        """--from/--to/--category/--tag/--place narrow what is drawn, as the library does."""
        expected = len(chronology.load().between("2019", "2022").in_category("protest", "policy"))
        result = run(
            "render",
            "-o",
            str(tmp_path / "t.png"),
            "--from",
            "2019",
            "--to",
            "2022",
            "--category",
            "protest",
            "--category",
            "policy",
        )
        assert 0 == result.returncode, result.stderr
        assert f"{tmp_path / 't.png'}: {expected} events" == result.stdout.split(",")[0]

    def test_no_matching_event_is_an_error_and_writes_nothing(
        self, run: Run, tmp_path: Path
    ) -> None:
        """A filter that matches nothing exits 1 with a sentence, and writes no file."""
        result = run("render", "-o", str(tmp_path / "t.png"), "--tag", "no-such-tag")
        assert 1 == result.returncode
        assert "no events to draw" in result.stderr
        assert [] == list(tmp_path.iterdir())

    def test_invalid_data_is_reported_as_problems(self, run: Run, tmp_path: Path) -> None:
        """An invalid file is not drawn: its problems are printed PATH:LINE:COL: CODE."""
        path = _copy_fixture("meaning-unknown-source.yaml", tmp_path)
        result = run("render", str(path), "-o", str(tmp_path / "t.png"))
        assert 1 == result.returncode
        assert result.stderr.splitlines()
        assert all(PROBLEM_LINE.match(line) for line in result.stderr.splitlines()[:-1])
        assert not (tmp_path / "t.png").exists()

    def test_usage_errors_exit_2_without_a_traceback(self, run: Run, tmp_path: Path) -> None:
        """A bad extension, a bad date, a missing file or folder: one clear line, exit 2."""
        cases = [
            ("-o", str(tmp_path / "t.jpg")),
            ("-o", str(tmp_path / "t.png"), "--from", "2019-13"),
            ("-o", str(tmp_path / "t.png"), "--size", "wide"),
            (str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "t.png")),
            ("-o", str(tmp_path / "no" / "such" / "t.png")),
            ("-o", str(tmp_path / "t.png"), "--from", "2022", "--to", "2019"),
        ]
        for args in cases:
            result = run("render", *args)
            assert 2 == result.returncode, args
            assert "Traceback" not in result.stderr
            assert result.stderr.strip(), args


# ------------------------------------------------------------------------------ list, show, export

#: A small chronology with every field `show` prints, and `related` links both ways.
SHOW_YAML = """\
title: Foxes and dogs
categories:
  animals: {label: Animals}
  weather: {label: Weather}
sources:
  - id: fox
    title: A sentence about a fox
    publisher: Example Press
    authors: [A. Writer, B. Reader]
    published: "2013-10"
    url: https://example.org/fox
    archived_url: https://web.archive.org/web/2013/https://example.org/fox
    file: seeds/fox.txt
events:
  - id: 2012-storm
    title: A storm in the forest
    date: "2012"
    category: weather
    summary: A storm blew through the forest.
    sources:
      - source: fox
        quote: left the forest
    related: [2013-foxes-leave]
  - id: 2013-foxes-leave
    title: Foxes leave the forest
    date: "2013-10~"
    category: animals
    summary: >-
      About 700 foxes left the forest in the autumn, by the publisher's count, and a
      few dogs went with them.
    places:
      - {name: Almaty, country: KZ, region: Almaty Region, lat: 43.2389, lon: 76.8897}
      - {name: The forest, country: KZ}
    actors: [The foxes, The dogs]
    tags: [foxes, forest]
    figures:
      - {what: foxes, value: 700, unit: foxes, approximate: true}
      - {what: dogs, low: 1, best: 2, high: 3, unit: dogs}
    sources:
      - source: fox
        quote: "In 2013, around 700 foxes left the forest."
        locator: line 2
      - source: fox
        quote: "The quick brown fox jumps over the lazy dog."
    related: [2014-fox-jumps]
    notes: The count is the publisher's, not the curator's.
  - id: 2014-fox-jumps
    title: The fox jumps
    date: "2014/.."
    category: animals
    summary: A quick brown fox jumps over a lazy dog.
    sources:
      - source: fox
        quote: "The quick brown fox jumps over the lazy dog."
"""


def _data_file(folder: Path, text: str, name: str = "data.yaml") -> Path:
    """Write a data file whose sources can cite `tests/fixtures/seeds/fox.txt`."""
    shutil.copytree(FIXTURES / "seeds", folder / "seeds", dirs_exist_ok=True)
    target = folder / name
    target.write_text(text, encoding="utf-8")
    return target


def _foxes(folder: Path, titles: Sequence[str]) -> Path:
    """A valid data file of one event per title, in the order given."""
    events = [
        {
            "id": f"{2000 + i}-event-{i}",
            "title": title,
            "date": str(2000 + i),
            "summary": "A quick brown fox jumps over a lazy dog.",
            "category": "animals",
            "sources": [{"source": "fox", "quote": "The quick brown fox jumps over the lazy dog."}],
        }
        for i, title in enumerate(titles)
    ]
    data = {
        "sources": [
            {
                "id": "fox",
                "title": "A sentence about a fox",
                "publisher": "Example Press",
                "url": "https://example.org/fox",
                "file": "seeds/fox.txt",
            }
        ],
        "events": events,
    }
    return _data_file(folder, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _width(text: str) -> int:
    """Terminal columns, counted independently of the code under test."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ids(table: str) -> list[str]:
    """The ID column of a `chronology list` table (the DATE column before it is ASCII)."""
    header, *rows, _count = table.splitlines()
    start = header.index("ID")
    return [row[start:].split()[0] for row in rows]


def _run_bytes(
    script: str, *args: str, cwd: Path | str = REPO, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """Run the console script without decoding or newline translation."""
    return subprocess.run(
        [script, *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, timeout=120, check=False
    )


class TestList:
    def test_one_row_per_event_in_date_order_then_a_count(self, run: Run) -> None:
        """`chronology list` prints a header, one row per event in date order, and `N events`."""
        result = run("list")
        lines = result.stdout.splitlines()
        everything = chronology.load()
        assert (0, "") == (result.returncode, result.stderr)
        assert ["DATE", "ID", "CATEGORY", "TITLE"] == lines[0].split()
        assert [e.id for e in everything] == _ids(result.stdout)
        assert f"{len(everything)} events" == lines[-1]

    def test_columns_line_up(self, run: Run) -> None:
        """Every ID, CATEGORY and TITLE starts in the header's column, after two spaces;
        no line ends in a space."""
        result = run("list")
        header, *rows, _count = result.stdout.splitlines()
        starts = [header.index(name) for name in ("ID", "CATEGORY", "TITLE")]
        for row in rows:
            assert [("  ", False)] * 3 == [(row[s - 2 : s], row[s].isspace()) for s in starts]
            assert row == row.rstrip()
        cells = [row[starts[1] : starts[2]].strip() for row in rows]
        assert [e.category for e in chronology.load()] == cells

    def test_titles_are_whole_when_not_a_terminal(self, run: Run) -> None:
        """Piped or redirected, titles are never shortened, however long."""
        result = run("list")
        titles = {e.title for e in chronology.load()}
        assert all(
            any(line.endswith(title) for line in result.stdout.splitlines()) for title in titles
        )
        assert "…" not in result.stdout

    def test_width_shortens_titles_counting_wide_characters_as_two(
        self, run: Run, tmp_path: Path
    ) -> None:
        """`--width` shortens titles with '…' so each line fits, East Asian wide characters
        counting two columns; the shortened title is the start of the real one."""
        titles = [
            "日本語のタイトルはとても長いです 狐が怠け者の犬を飛び越える話",
            "Short",
            "Ж" * 40,
        ]
        path = _foxes(tmp_path, titles)
        result = run("list", str(path), "--width", "50")
        header, *rows, count = result.stdout.splitlines()
        start = header.index("TITLE")
        shown = [row[start:] for row in rows]
        assert 0 == result.returncode, result.stderr
        assert [] == [line for line in result.stdout.splitlines() if _width(line) > 50]
        assert ["日本語のタイトルは…", "Short", "Ж" * 19 + "…"] == shown
        assert "3 events" == count

    def test_control_characters_cannot_move_the_cursor(self, run: Run, tmp_path: Path) -> None:
        """ESC, carriage return and bidirectional overrides in data are shown as escapes."""
        path = _foxes(tmp_path, ["Evil \x1b[2J\x1b[31mred\r title\u202e"])
        result = run("list", str(path))
        assert 0 == result.returncode, result.stderr
        assert "Evil \\x1b[2J\\x1b[31mred\\r title\\u202e" == result.stdout.splitlines()[1][-37:]
        assert not {"\x1b", "\r", "\u202e"} & set(result.stdout)

    def test_limit_lists_the_first_n_and_says_how_many_matched(self, run: Run) -> None:
        """`--limit N` lists the first N events and ends with `N of M events`."""
        result = run("list", "--limit", "3", "--tag", "women")
        women = chronology.load().tagged("women")
        assert 0 == result.returncode, result.stderr
        assert [e.id for e in women[:3]] == _ids(result.stdout)
        assert f"3 of {len(women)} events" == result.stdout.splitlines()[-1]

    def test_json_is_the_json_export_of_the_chosen_events(self, run: Run) -> None:
        """`list --format json` prints exactly `exports.to_json` of the filtered chronology."""
        from chronology import exports

        result = run("list", "--format", "json", "--category", "protest")
        chosen = chronology.load().in_category("protest")
        document = json.loads(result.stdout)
        assert 0 == result.returncode, result.stderr
        assert exports.to_json(chosen) == result.stdout
        assert [e.id for e in chosen] == [e["id"] for e in document["events"]]

    def test_nothing_matched_exits_1_with_one_line(self, run: Run) -> None:
        """A filter that matches no event exits 1 with one line on stderr and no table."""
        result = run("list", "--tag", "no-such-tag")
        count = len(chronology.load())
        assert (1, "") == (result.returncode, result.stdout)
        assert (
            f"chronology list: no event matches: the filters match none of the {count} events\n"
            == result.stderr
        )

    def test_without_a_path_outside_a_project_lists_the_bundled_chronology(
        self, run: Run, tmp_path: Path
    ) -> None:
        """With no PATH and no ./events.yaml, list shows the bundled chronology."""
        assert run("list").stdout == run("list", cwd=tmp_path).stdout


def _library(query: Callable[[Chronology], Chronology]) -> list[str]:
    return [e.id for e in query(chronology.load())]


FILTERS: list[tuple[list[str], Callable[[Chronology], Chronology]]] = [
    (["--from", "2019", "--to", "2020"], lambda c: c.between("2019", "2020")),
    (
        ["--from", "2019", "--to", "2020", "--inside"],
        lambda c: c.between("2019", "2020", inside=True),
    ),
    (["--to", "2014", "--inside"], lambda c: c.between(None, "2014", inside=True)),
    (
        ["--category", "protest", "--category", "justice"],
        lambda c: c.in_category("protest", "justice"),
    ),
    (["--tag", "women"], lambda c: c.tagged("women")),
    (["--place", "Almaty"], lambda c: c.at_place("Almaty")),
    (["--country", "SY"], lambda c: c.in_country("SY")),
    (["--country", "Syria", "--country", "iq"], lambda c: c.in_country("Syria", "iq")),
    (["--actor", "Tokayev"], lambda c: c.involving("Tokayev")),
    (["--source", "hrw-2019"], lambda c: c.citing("hrw-2019")),
    (["--text", "repatriation"], lambda c: c.search("repatriation")),
    (
        ["--from", "2019", "--tag", "women", "--country", "KZ"],
        lambda c: c.between("2019").tagged("women").in_country("KZ"),
    ),
    (
        ["--source", "caravanserai-2017", "--actor", "Asya", "--text", "Almaty", "--to", "2014"],
        lambda c: (
            c.citing("caravanserai-2017").involving("Asya").search("Almaty").between(None, "2014")
        ),
    ),
]


class TestFilters:
    @pytest.mark.parametrize(("args", "query"), FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
    def test_each_filter_chooses_what_the_library_chooses(
        self, run: Run, args: list[str], query: Callable[[Chronology], Chronology]
    ) -> None:
        """Every filter option, alone, repeated and combined, lists the events of the
        matching `Chronology` query, and each one really narrows the list."""
        expected = _library(query)
        result = run("list", *args)
        assert 0 < len(expected) < len(chronology.load())
        assert 0 == result.returncode, result.stderr
        assert expected == _ids(result.stdout)

    def test_render_and_export_take_the_same_filters(self, run: Run, tmp_path: Path) -> None:
        """render and export choose the same events as list for the same filters."""
        args = ["--actor", "Tokayev", "--country", "KZ", "--text", "terrorists"]
        expected = _library(lambda c: c.involving("Tokayev").in_country("KZ").search("terrorists"))
        drawn = run("render", "-o", str(tmp_path / "t.png"), *args)
        exported = run("export", "--format", "json", *args)
        assert 0 == drawn.returncode, drawn.stderr
        assert f"{tmp_path / 't.png'}: {len(expected)} events" == drawn.stdout.split(",")[0]
        assert expected == [e["id"] for e in json.loads(exported.stdout)["events"]]

    def test_inside_needs_a_period(self, run: Run) -> None:
        """`--inside` without --from or --until is a usage error (exit 2)."""
        result = run("list", "--inside")
        assert (2, "") == (result.returncode, result.stdout)
        assert "chronology list: --inside needs a period: give --from, --until or both\n" == (
            result.stderr
        )

    def test_text_without_a_word_is_a_usage_error(self, run: Run) -> None:
        """`--text` with nothing to look for exits 2 with the library's sentence."""
        result = run("list", "--text", " - ")
        assert 2 == result.returncode
        assert result.stderr.startswith("chronology list: nothing to search for in ' - '")

    def test_period_that_ends_before_it_starts_is_a_usage_error(self, run: Run) -> None:
        """`--from 2022 --to 2019` exits 2 and says why."""
        result = run("list", "--from", "2022", "--to", "2019")
        assert 2 == result.returncode
        assert "chronology list: the period from 2022 to 2019 starts after it ends\n" == (
            result.stderr
        )


SHOWN = """\
Foxes leave the forest
  id        2013-foxes-leave
  date      c. Oct 2013 (2013-10~)
            2013-10-01 .. 2013-10-31, month precision, approximate
  category  Animals (animals)
  places    Almaty (Almaty Region, KZ) at 43.2389, 76.8897
            The forest (KZ)
  actors    The foxes
            The dogs
  tags      foxes, forest
  figures   foxes: c. 700 foxes
            dogs: 1\u20133 dogs (best estimate 2)

  About 700 foxes left the forest in the
  autumn, by the publisher's count, and a few
  dogs went with them.

Sources
  1. A sentence about a fox (fox)
     Example Press, 2013-10, by A. Writer, B. Reader
     https://example.org/fox
     archived: https://web.archive.org/web/2013/https://example.org/fox
     at: line 2
     > In 2013, around 700 foxes left the
     > forest.
  2. A sentence about a fox (fox), as above
     > The quick brown fox jumps over the lazy
     > dog.

Related
  2012       2012-storm      weather   A storm in\u2026
  from 2014  2014-fox-jumps  animals   The fox jum\u2026

Notes
  The count is the publisher's, not the
  curator's.
"""


class TestShow:
    def test_shows_every_field_quote_and_related_event(self, run: Run, tmp_path: Path) -> None:
        """`show ID` prints the date and what it means, places, actors, tags, figures, the
        wrapped summary, each citation with its source and verbatim quote, related events
        both ways (listed by it and listing it) and the notes."""
        path = _data_file(tmp_path, SHOW_YAML)
        result = run("show", "2013-foxes-leave", str(path), "--width", "46")
        assert (0, "") == (result.returncode, result.stderr)
        assert SHOWN == result.stdout

    def test_open_ended_date(self, run: Run, tmp_path: Path) -> None:
        """An open end is shown as '(open)', and an event with no places shows no places."""
        path = _data_file(tmp_path, SHOW_YAML)
        result = run("show", "2014-fox-jumps", str(path))
        lines = result.stdout.splitlines()
        assert 0 == result.returncode, result.stderr
        assert [
            "  date      from 2014 (2014/..)",
            "            2014-01-01 .. (open), year precision",
        ] == lines[2:4]
        assert not any(line.startswith("  places") for line in lines)

    def test_related_both_ways_and_quotes_in_the_bundled_chronology(self, run: Run) -> None:
        """For a bundled event, Related lists the events it names and those naming it, and
        each quote is printed verbatim (only the line breaks differ)."""
        everything = chronology.load()
        event = everything["2013-asya-family-goes-to-syria"]
        naming = [e.id for e in everything if event.id in e.related]
        expected = [e.id for e in everything if e.id in event.related or e.id in naming]
        result = run("show", event.id)
        text = result.stdout
        related = text[text.index("\nRelated\n") :].split("\n\n")[0].splitlines()[2:]
        quoted = " ".join(line.split("> ", 1)[1] for line in text.splitlines() if "     > " in line)
        assert 0 == result.returncode, result.stderr
        assert set(naming) - set(event.related)
        ids = {e.id for e in everything}
        assert expected == [next(w for w in line.split() if w in ids) for line in related]
        assert " ".join(c.quote for c in event.sources) == quoted

    def test_json_has_the_event_its_sources_and_related_ids(self, run: Run, tmp_path: Path) -> None:
        """`show --format json` gives the event record with `when`, the cited sources' records
        and the related ids both ways."""
        path = _data_file(tmp_path, SHOW_YAML)
        result = run("show", "2013-foxes-leave", str(path), "--format", "json")
        event = chronology.load(path)["2013-foxes-leave"]
        source = chronology.load(path).sources["fox"]
        when = {
            "label": "c. Oct 2013",
            "earliest": "2013-10-01",
            "latest": "2013-10-31",
            "precision": "month",
            "approximate": True,
            "uncertain": False,
        }
        assert 0 == result.returncode, result.stderr
        assert {
            "version": 1,
            "event": {**event.to_dict(), "when": when},
            "sources": {"fox": source.to_dict()},
            "related": ["2012-storm", "2014-fox-jumps"],
        } == json.loads(result.stdout)

    def test_json_event_is_the_json_exports_record(self, run: Run, tmp_path: Path) -> None:
        """The event in `show --format json` is exactly its record in the JSON export."""
        from chronology import exports

        path = _data_file(tmp_path, SHOW_YAML)
        result = run("show", "2013-foxes-leave", str(path), "--format", "json")
        exported = json.loads(exports.to_json(chronology.load(path)))["events"]
        assert [e for e in exported if e["id"] == "2013-foxes-leave"] == [
            json.loads(result.stdout)["event"]
        ]

    def test_unknown_id_exits_1_and_suggests_close_ids(self, run: Run, tmp_path: Path) -> None:
        """An unknown id exits 1 with one line that suggests up to three close ids."""
        path = _data_file(tmp_path, SHOW_YAML)
        typo = run("show", "2013-foxes-leaves", str(path))
        nothing = run("show", "zzz", str(path))
        assert (1, "") == (typo.returncode, typo.stdout)
        assert (
            "chronology show: no event '2013-foxes-leaves' (did you mean '2013-foxes-leave'?)\n"
            == typo.stderr
        )
        assert (1, "chronology show: no event 'zzz'\n") == (nothing.returncode, nothing.stderr)


class TestExport:
    def test_command_names_the_formats_of_the_exports_module(self) -> None:
        """The formats `export --format` accepts are exactly those `chronology.exports` has."""
        from chronology import exports
        from chronology.cli import EXPORT_FORMATS

        assert sorted(exports.FORMATS) == sorted(EXPORT_FORMATS)

    @pytest.mark.parametrize("fmt", ["json", "csv", "ics", "timelinejs", "markdown", "geojson"])
    def test_file_and_standard_output_get_the_same_bytes(
        self, chronology_script: str, tmp_path: Path, fmt: str
    ) -> None:
        """`export -o FILE` writes what `export` prints (CRLF kept), and says how many
        events it wrote (those the format holds) and in what format."""
        from chronology import exports

        out = tmp_path / f"out.{fmt}"
        to_file = _run_bytes(chronology_script, "export", "--format", fmt, "-o", str(out))
        to_stdout = _run_bytes(chronology_script, "export", "--format", fmt)
        everything = chronology.load()
        written = len(everything) - len(exports.omitted(everything, fmt))
        assert 0 == to_file.returncode, to_file.stderr
        assert f"{out}: {written} events ({fmt})\n".encode() == to_file.stdout
        assert out.read_bytes() == to_stdout.stdout

    def test_json_parses_with_every_event(self, run: Run) -> None:
        """The JSON export parses and holds the chosen events in order."""
        result = run("export", "--format", "json", "--tag", "women")
        assert 0 == result.returncode, result.stderr
        assert _library(lambda c: c.tagged("women")) == [
            e["id"] for e in json.loads(result.stdout)["events"]
        ]

    def test_csv_parses_with_a_row_per_event_and_bom_on_request(
        self, run: Run, tmp_path: Path
    ) -> None:
        """The CSV export reads back with the csv module, one row per event; `--bom` starts
        the file with a UTF-8 byte order mark."""
        out = tmp_path / "events.csv"
        result = run("export", "-o", str(out), "--bom")
        raw = out.read_bytes()
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert 0 == result.returncode, result.stderr
        assert raw.startswith(b"\xef\xbb\xbf")
        assert [e.id for e in chronology.load()] == [row["id"] for row in rows]

    def test_ics_leaves_out_open_ended_events_and_says_how_many(
        self, chronology_script: str, tmp_path: Path
    ) -> None:
        """The iCalendar export parses with `icalendar`, has one VEVENT per event with both
        ends, and a warning line counts the events left out."""
        icalendar = pytest.importorskip("icalendar")
        result = _run_bytes(chronology_script, "export", "--format", "ics")
        everything = chronology.load()
        left_out = sum(1 for e in everything if None in (e.date.earliest, e.date.latest))
        calendar = icalendar.Calendar.from_ical(result.stdout)
        assert 0 == result.returncode, result.stderr
        assert 0 < left_out
        assert len(everything) - left_out == len(calendar.walk("VEVENT"))
        assert (
            f"chronology export: warning: left out {left_out} events with an open start or "
            "end: a calendar entry needs both ends\n"
        ).encode() == result.stderr

    def test_geojson_and_timelinejs_parse(self, run: Run) -> None:
        """The GeoJSON export is a FeatureCollection; the TimelineJS export is JSON."""
        geojson = run("export", "--format", "geojson")
        timeline = run("export", "--format", "timelinejs", "--lanes", "country")
        assert (0, 0) == (geojson.returncode, timeline.returncode)
        assert "FeatureCollection" == json.loads(geojson.stdout)["type"]
        assert json.loads(timeline.stdout)

    def test_markdown_names_every_event(self, run: Run) -> None:
        """The Markdown export mentions every chosen event's title."""
        result = run("export", "--format", "markdown", "--category", "protest")
        assert 0 == result.returncode, result.stderr
        assert all(e.title in result.stdout for e in chronology.load().in_category("protest"))

    def test_format_follows_the_output_extension(self, run: Run, tmp_path: Path) -> None:
        """Without --format, `-o x.csv` writes CSV (and .json, .ics, .md, .geojson likewise)."""
        for name, fmt in [("a.csv", "csv"), ("b.md", "markdown"), ("c.geojson", "geojson")]:
            result = run("export", "-o", str(tmp_path / name))
            assert 0 == result.returncode, result.stderr
            assert result.stdout.endswith(f" ({fmt})\n")

    def test_misused_options_exit_2(self, run: Run, tmp_path: Path) -> None:
        """--bom without csv, --lanes without timelinejs, `--to DATE`, an unknown extension
        without --format and no format at all are usage errors, and write nothing."""
        cases = {
            ("--format", "json", "--bom"): "chronology export: --bom is for csv only, not json\n",
            ("--format", "csv", "--lanes", "tag"): (
                "chronology export: --lanes is for timelinejs only, not csv\n"
            ),
            ("-o", str(tmp_path / "x.txt")): (
                f"chronology export: cannot tell the format from '{tmp_path / 'x.txt'}': give "
                "--to (json, csv, ics, timelinejs, markdown, geojson)\n"
            ),
            (): (
                "chronology export: give --to (json, csv, ics, timelinejs, markdown, "
                "geojson) or -o with a known extension\n"
            ),
        }
        for args, message in cases.items():
            result = run("export", *args)
            assert (2, "", message) == (result.returncode, result.stdout, result.stderr)
        wrong = run("export", "--to", "2019")
        assert 2 == wrong.returncode
        assert (
            "'2019' is a date, but in export --to names the format; end the period with "
            "--until 2019" in wrong.stderr
        )
        assert [] == list(tmp_path.iterdir())

    def test_unwritable_output_exits_2(self, run: Run, tmp_path: Path) -> None:
        """A file in a folder that does not exist cannot be written: exit 2, one line."""
        out = tmp_path / "no" / "such" / "x.json"
        result = run("export", "-o", str(out))
        assert 2 == result.returncode
        assert result.stderr.startswith(f"chronology export: cannot write {out}: ")
        assert 1 == len(result.stderr.splitlines())


class TestEveryCommandsErrors:
    def test_invalid_data_prints_its_problems_and_exits_1(self, run: Run, tmp_path: Path) -> None:
        """list, show and export report an invalid file's problems as PATH:LINE:COL: CODE
        lines and a summary, exit 1, and print nothing on stdout."""
        path = _copy_fixture("meaning-unknown-source.yaml", tmp_path)
        commands = (["list", str(path)], ["show", "x", str(path)], ["export", str(path), "-fcsv"])
        for command in commands:
            result = run(*command)
            *problems, summary = result.stderr.splitlines()
            assert (1, "") == (result.returncode, result.stdout), command
            assert problems
            assert all(PROBLEM_LINE.match(line) for line in problems)
            assert summary.startswith("Found 1 error")

    def test_unreadable_path_exits_2_with_one_line(self, run: Run, tmp_path: Path) -> None:
        """A missing file or a folder as PATH exits 2 with `chronology CMD: cannot read ...`."""
        commands = (
            ["list", "missing.yaml"],
            ["show", "x", "missing.yaml"],
            ["export", "missing.yaml", "--format", "json"],
        )
        for command in commands:
            result = run(*command, cwd=tmp_path)
            message = (
                f"chronology {command[0]}: cannot read missing.yaml: No such file or directory"
            )
            assert (2, "", f"{message}\n") == (result.returncode, result.stdout, result.stderr)
        folder = run("list", str(tmp_path))
        assert 2 == folder.returncode
        assert f"chronology list: cannot read {tmp_path}: is a directory\n" == folder.stderr

    def test_never_a_traceback(self, run: Run, tmp_path: Path) -> None:
        """Bad options and bad data give a one-line message or problems, never a traceback."""
        broken = tmp_path / "broken.yaml"
        broken.write_bytes(b"\x00\xff: [")
        cases = [
            ("list", "--limit", "0"),
            ("list", "--limit", "many"),
            ("list", "--from", "2019-13"),
            ("list", "--format", "xml"),
            ("list", str(broken)),
            ("show",),
            ("show", "x", str(broken)),
            ("show", "x", "--width", "-3"),
            ("export", "--format", "pdf"),
            ("export", str(broken), "--format", "csv"),
            ("list", "--country", "Atlantis"),
            ("list", "--text", ""),
        ]
        for args in cases:
            result = run(*args)
            assert result.returncode in (1, 2), args
            assert "Traceback" not in result.stderr, args
            assert result.stderr.strip(), args

    def test_usage_errors_are_one_line(self, run: Run) -> None:
        """A bad option value is one `chronology CMD: ...` line pointing at --help."""
        result = run("list", "--limit", "0")
        assert (
            "chronology list: argument --limit: expected a whole number of at least 1, not '0' "
            "(see 'chronology list --help')\n"
        ) == result.stderr

    def test_a_closed_pipe_is_quiet(self, chronology_script: str) -> None:
        """When the reader has gone before anything is written, list stops quietly."""
        read, write = os.pipe()
        os.close(read)
        try:
            result = _run_bytes(chronology_script, "list", stdout=write)
        finally:
            os.close(write)
        assert (1, b"") == (result.returncode, result.stderr)

    def test_list_into_head_is_quiet(self, tmp_path: Path, chronology_script: str) -> None:
        """`chronology list BIG | head -1` prints the header and nothing on stderr."""
        path = write(generate(1500, seed=3), tmp_path / "big")
        errors = tmp_path / "errors.txt"
        result = subprocess.run(
            f'"{chronology_script}" list "{path}" 2>"{errors}" | head -1',
            shell=True,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.stdout.startswith("DATE ")
        assert 1 == len(result.stdout.splitlines())
        assert "" == errors.read_text()


def test_terminal_doctests() -> None:
    """The examples in chronology.terminal's docstrings (widths, shortening, figures) hold."""
    import doctest

    import chronology.terminal

    failed, attempted = doctest.testmod(chronology.terminal)
    assert (0, True) == (failed, attempted > 0)


def _console_examples(markdown: str) -> list[tuple[str, str]]:
    """The `$ command` lines of the console blocks of a Markdown page, with their output."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", markdown, flags=re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


def test_docs_cli_examples_are_real_output(chronology_script: str, tmp_path: Path) -> None:
    """Every example in docs/cli.md prints what the page shows (stdout and stderr, in
    order), so the page cannot drift from the command."""
    shutil.copy(REPO / "events.yaml", tmp_path)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds", dirs_exist_ok=True)
    shutil.copy(FIXTURES / "invalid-unknown-field.yaml", tmp_path)
    examples = _console_examples((REPO / "docs" / "cli.md").read_text(encoding="utf-8"))
    folder = str(Path(chronology_script).parent)
    checked = []
    for command, output in examples:
        if "--help" in command:
            continue  # abridged on the page
        result = subprocess.run(
            f"{command} 2>&1",
            shell=True,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"},
            timeout=120,
            check=False,
        )
        checked.append((command, output == result.stdout, result.stdout))
    assert [(c, True) for c, _ok, _out in checked] == [(c, ok) for c, ok, _out in checked], [
        out for _c, ok, out in checked if not ok
    ]
    assert len(checked) >= 10
