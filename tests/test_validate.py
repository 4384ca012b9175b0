"""Validation as a Python API, and its agreement with the JSON Schema.

The fixtures in ``tests/fixtures`` are small data files whose first lines say what
check-jsonschema (``# schema: valid|invalid``) and ``chronology validate``
(``# expect: CODE ...``) must find in them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import json_values

import chronology
from chronology.limits import Limits
from chronology.problems import CODES, Problem
from chronology.schemacheck import schema_problems
from chronology.validate import check_bytes
from chronology.yamlio import read_yaml

from conftest import FIXTURES, REPO

FIXTURE_FILES = sorted(FIXTURES.glob("*.yaml"))


def _header(path: Path) -> tuple[str, set[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    schema = lines[0].removeprefix("# schema: ")
    codes = set(lines[1].removeprefix("# expect:").split())
    return schema, codes


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_reports_exactly_its_codes(path: Path) -> None:
    """Each fixture gets exactly the problem codes its header names, and no others."""
    _, expected = _header(path)
    actual = {p.code for p in chronology.validate(path)}
    assert expected == actual


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_check_jsonschema_agrees(path: Path) -> None:
    """check-jsonschema with our schema accepts and rejects what the header says.

    Files it rejects are exactly the ones whose problems the schema can express; the
    ``meaning-*`` files are schema-valid and only ``chronology validate`` rejects them.
    """
    schema, codes = _header(path)
    script = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(script), "--schemafile", str(REPO / "schema" / "events.schema.json"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (0 if schema == "valid" else 1) == result.returncode, result.stdout
    if schema == "invalid":
        assert codes, "a schema-invalid fixture must also be invalid for chronology"


def test_check_jsonschema_accepts_the_bundled_chronology() -> None:
    """The published schema accepts the curated events.yaml, as chronology does."""
    script = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(script), "--schemafile", "schema/events.schema.json", "events.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert 0 == result.returncode, result.stdout


class TestLoad:
    def test_load_raises_one_error_carrying_every_problem(self, tmp_path: Path) -> None:
        """load() raises InvalidChronologyError (a ValueError) with all the problems."""
        shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
        text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
        text = text.replace('date: "2013"', 'date: "2013-02-30"').replace(
            "source: fox", "source: x"
        )
        (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(chronology.InvalidChronologyError) as info:
            chronology.load(tmp_path / "bad.yaml")
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, chronology.ChronologyError)
        assert ["D002", "R002"] == [p.code for p in info.value.problems]
        assert str(info.value).startswith(f"{tmp_path / 'bad.yaml'}:12:11: D002 ")

    def test_load_of_a_missing_file_raises_oserror(self, tmp_path: Path) -> None:
        """A path that does not exist raises FileNotFoundError, not a data error."""
        with pytest.raises(FileNotFoundError):
            chronology.load(tmp_path / "nope.yaml")

    def test_load_returns_typed_events(self) -> None:
        """A valid file loads into Event objects with parsed dates and citations."""
        c = chronology.load(FIXTURES / "valid-full.yaml")
        event = c["2013-foxes-leave"]
        assert chronology.EventDate.parse("2013~") == event.date
        assert (chronology.Place("Almaty", "KZ", "Almaty Region", 43.2389, 76.8897),) == (
            event.places
        )
        assert (
            chronology.Figure("foxes", "foxes", value=700, approximate=True) == (event.figures[0])
        )
        assert "line 2" == event.sources[0].locator
        assert chronology.PartialDate.parse("2013-10") == c.sources["fox"].published
        assert "Animals" == c.categories["animals"].label

    def test_load_returns_the_title_and_typed_eras_in_date_order(self) -> None:
        """A file's title and eras load too: eras as Era objects, sorted like events."""
        c = chronology.load(FIXTURES / "valid-full.yaml")
        assert "Foxes and dogs" == c.title
        assert ["foxes-roam", "dog-naps"] == [era.id for era in c.eras]
        assert (
            chronology.Era(
                "dog-naps",
                "The dog naps",
                chronology.EventDate.parse("../2013-10"),
                (chronology.Citation("fox", "over the lazy dog", "line 1"),),
                "The text does not say when the nap began.",
            )
            == c.eras[1]
        )

    def test_title_and_eras_are_optional(self) -> None:
        """A file without a title or eras loads with title None and no eras."""
        c = chronology.load(FIXTURES / "valid-minimal.yaml")
        assert (None, ()) == (c.title, c.eras)

    def test_validate_returns_problems_as_values(self) -> None:
        """validate() returns Problem values; an empty list for a valid file with nothing to
        warn about."""
        assert [] == chronology.validate(FIXTURES / "valid-full.yaml")
        problems = chronology.validate(FIXTURES / "meaning-related-self.yaml")
        assert [
            ("W004", chronology.Severity.WARNING),
            ("R004", chronology.Severity.ERROR),
        ] == [(p.code, p.severity) for p in problems]
        assert (
            chronology.Problem(
                str(FIXTURES / "meaning-related-self.yaml"),
                18,
                15,
                "R004",
                "event '2013-fox-jumps': an event cannot be related to itself",
            )
            == problems[1]
        )


#: Each mistake in an era, and where it is reported: (line, column, code).
ERA_MISTAKES = {
    "meaning-era-calendar": (21, 11, "D002"),  # "2019-02-29/2019-03"
    "meaning-era-interval-order": (21, 11, "D003"),  # "2019/2018-12"
    "meaning-era-unknown-source": (23, 17, "R002"),  # source: dog
    "meaning-era-quote-not-found": (24, 16, "Q003"),  # quote: The quick red fox
    "meaning-era-duplicate-id": (25, 9, "R001"),  # the second id: fox-era
    "invalid-era-missing-sources": (19, 5, "S002"),  # the era record
}


@pytest.mark.parametrize("name", ERA_MISTAKES)
def test_era_mistake_is_reported_at_its_line_and_column(name: str) -> None:
    """Eras are checked as events are, and each error points at the value at fault."""
    problems = chronology.validate(FIXTURES / f"{name}.yaml")
    assert [ERA_MISTAKES[name]] == [(p.line, p.column, p.code) for p in problems if p.is_error]


def test_same_mistake_in_an_era_and_an_event_gives_the_same_problem() -> None:
    """An unknown source, a bad date or a missing quote reads the same in an era as in an event.

    Only the record named at the start of the message may differ. (Both files also get
    the same warning, W004, about their source.)
    """
    era_problems = [
        p for p in chronology.validate(FIXTURES / "meaning-era-unknown-source.yaml") if p.is_error
    ]
    event_problems = [
        p for p in chronology.validate(FIXTURES / "meaning-unknown-source.yaml") if p.is_error
    ]
    assert [("R002", "source 'dog' does not exist", "sources: fox")] == [
        (p.code, p.message.rpartition(": ")[2], p.hint) for p in era_problems
    ]
    assert [(p.code, p.message.rpartition(": ")[2], p.hint) for p in event_problems] == [
        (p.code, p.message.rpartition(": ")[2], p.hint) for p in era_problems
    ]


class TestQuotes:
    def _check(self, quote: str, text: str) -> list[str]:
        """The codes of the errors (not the warnings, such as W003) with ``quote`` cited."""
        data = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
        data = data.replace(
            "quote: The quick brown fox jumps over the lazy dog.", f"quote: {quote!r}"
        )
        return [p.code for p in check_bytes(data.encode(), "x.yaml", self.base).errors]

    @pytest.fixture(autouse=True)
    def _base(self, tmp_path: Path) -> None:
        (tmp_path / "seeds").mkdir()
        (tmp_path / "seeds" / "fox.txt").write_text(
            "The \u201cquick\u201d brown fox\u2019s jump \u2014 over the\n   lazy dog.",
            encoding="utf-8",
        )
        self.base = tmp_path

    @pytest.mark.parametrize(
        "quote",
        [
            '"quick" brown',  # straight quotes for curly ones
            "fox's jump",  # straight apostrophe
            "jump -- over",  # -- for an em dash
            "jump - over the lazy",  # - for an em dash, newline and spaces collapsed
        ],
    )
    def test_quote_matches_after_normalising(self, quote: str) -> None:
        """Quotes match through curly quotes, dashes and whitespace differences."""
        assert [] == self._check(quote, "")

    @pytest.mark.parametrize("quote", ["The quick brown fox", "lazy dogs", "LAZY DOG"])
    def test_quote_that_differs_in_words_or_case_is_not_found(self, quote: str) -> None:
        """Verbatim means verbatim: other words or other case are reported (Q003)."""
        assert ["Q003"] == self._check(quote, "")

    def test_source_file_outside_the_folder_via_symlink(self, tmp_path: Path) -> None:
        """A source file reached through a symlink out of the data folder is refused."""
        outside = tmp_path / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text("The quick brown fox jumps over the lazy dog.")
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        (data_dir / "seeds").symlink_to(outside, target_is_directory=True)
        data = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
        data = data.replace("seeds/fox.txt", "seeds/secret.txt")
        report = check_bytes(data.encode(), "x.yaml", data_dir)
        assert ["Q002"] == [p.code for p in report.errors]


def _minimal() -> dict[str, Any]:
    return {
        "sources": [
            {"id": "fox", "title": "T", "publisher": "P", "url": "https://x.org", "file": "f.txt"}
        ],
        "events": [
            {
                "id": "e",
                "title": "T",
                "date": "2013",
                "summary": "S",
                "category": "c",
                "sources": [{"source": "fox", "quote": "q"}],
                "places": [{"name": "N", "country": "KZ", "lat": 1, "lon": 2}],
                "figures": [{"what": "w", "unit": "u", "low": 1, "high": 2}],
                "related": ["e"],
            }
        ],
        "categories": {"c": {"label": "C"}},
        "title": "T",
        "eras": [
            {
                "id": "r",
                "label": "L",
                "date": "../2013",
                "sources": [{"source": "fox", "quote": "q"}],
                "notes": "N",
            }
        ],
    }


_PATHS = [
    ("sources",),
    ("sources", 0),
    ("sources", 0, "id"),
    ("sources", 0, "file"),
    ("sources", 0, "url"),
    ("events",),
    ("events", 0),
    ("events", 0, "id"),
    ("events", 0, "date"),
    ("events", 0, "title"),
    ("events", 0, "category"),
    ("events", 0, "sources"),
    ("events", 0, "sources", 0),
    ("events", 0, "sources", 0, "source"),
    ("events", 0, "sources", 0, "quote"),
    ("events", 0, "places", 0),
    ("events", 0, "places", 0, "lat"),
    ("events", 0, "places", 0, "country"),
    ("events", 0, "figures", 0),
    ("events", 0, "figures", 0, "low"),
    ("events", 0, "related"),
    ("events", 0, "related", 0),
    ("categories",),
    ("categories", "c"),
    ("title",),
    ("eras",),
    ("eras", 0),
    ("eras", 0, "id"),
    ("eras", 0, "label"),
    ("eras", 0, "date"),
    ("eras", 0, "sources"),
    ("eras", 0, "sources", 0, "source"),
    ("eras", 0, "sources", 0, "quote"),
]


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    """Put ``value`` at ``path`` if the path still leads somewhere (earlier changes may cut it)."""
    node = document
    for depth, key in enumerate(path, start=1):
        fits = (isinstance(node, dict) and isinstance(key, str)) or (
            isinstance(node, list) and isinstance(key, int) and key < len(node)
        )
        if not fits:
            return
        if depth == len(path):
            node[key] = value
            return
        node = node[key] if not isinstance(node, dict) or key in node else None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PATHS), json_values(text=st.text(max_size=12))),
        min_size=1,
        max_size=4,
    )
)
def test_any_wrong_value_anywhere_gives_problems_not_exceptions(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[tuple[Any, ...], Any]]
) -> None:
    """Whatever value lands in whatever field, validation reports problems and never raises."""
    document = _minimal()
    for path, value in changes:
        _set(document, path, value)
    base = tmp_path_factory.mktemp("data")
    (base / "f.txt").write_text("q", encoding="utf-8")
    report = check_bytes(json.dumps(document).encode(), "x.yaml", base)
    assert all(p.code in CODES and p.line >= 1 and p.column >= 1 for p in report.problems)
    if report.valid:
        chronology.Chronology.from_data(report.data)  # a valid file always loads


def test_checking_stops_at_the_problem_limit() -> None:
    """A file with more problems than Limits.max_problems lists that many, after one
    Y009 problem at 1:1 that says checking stopped: millions of broken items cost no
    more than the limit's worth of messages."""
    data = b"sources: []\nevents:\n" + b"- 1\n" * 50
    report = check_bytes(data, "x.yaml", limits=Limits(max_problems=5))
    assert (6, ("Y009", 1, 1)) == (len(report.problems), _where(report.problems[0]))
    assert "checking stopped after 5 problems" in report.problems[0].message
    assert report.problems[1:] == check_bytes(data, "x.yaml").problems[:5]
    # The checks themselves stop at the limit: the rest is never worked out.
    root, _ = read_yaml(data, "x.yaml")
    assert 5 == len(schema_problems(root, "x.yaml", limit=5))


def test_a_file_under_the_problem_limit_is_checked_whole() -> None:
    """Below the limit nothing is cut and no Y009 is added."""
    data = b"sources: []\nevents:\n" + b"- 1\n" * 3
    report = check_bytes(data, "x.yaml", limits=Limits(max_problems=5))
    assert ["S005", "S001", "S001", "S001"] == [p.code for p in report.problems]


def _where(problem: Problem) -> tuple[str, int, int]:
    return problem.code, problem.line, problem.column
