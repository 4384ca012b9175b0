"""Exports: every format read back by an independent parser, on the bundled chronology
and on small chronologies of tricky text (TeX specials, HTML, newlines, separators,
formulas, Cyrillic, Kazakh, Arabic); determinism; the JSON round trip as a property.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html.parser
import io
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from strategies import event_dates, json_values, partial_dates

import chronology
from chronology import (
    Category,
    Chronology,
    ChronologyError,
    Citation,
    Era,
    Event,
    EventDate,
    Figure,
    PartialDate,
    Place,
    Source,
)
from chronology.aliases import Aliases
from chronology.exports import (
    CSV_COLUMNS,
    FORMATS,
    export,
    from_json,
    omitted,
    read_json,
    split_list,
    to_csv,
    to_dataframe,
    to_geojson,
    to_ics,
    to_json,
    to_markdown,
    to_timelinejs,
    write,
)
from chronology.fileio import write_atomic

from conftest import REPO

BUNDLED = chronology.load()
PROPERTY = settings(max_examples=150, deadline=dt.timedelta(seconds=10))

KAZAKH = "Қазақстан Республикасының азаматтары Сирияға аттанды және елге оралды"
CYRILLIC = "Казахстан, операция «Жусан»; возвращение"
ARABIC = "عادت النساء من سوريا إلى كازاخستان"
TEX = r"50% of $x_1$ & {y} #1 ^ ~ \emph{z} \\"
HTML_TEXT = '<script>alert("x")</script> <b>bold</b> &amp; &lt;'
MARKDOWN_TEXT = "*a* _b_ `c` [d](http://e) ![f](g) # h | i ~~j~~ 1. k > l"
FORMULA = "=1+1"


def _source(source_id: str, **kw: Any) -> Source:
    fields: dict[str, Any] = {
        "title": f"Title of {source_id}",
        "publisher": "Publisher",
        "url": f"https://example.org/{source_id}",
    }
    fields.update(kw)
    return Source(id=source_id, **fields)


def _event(event_id: str, date: str, **kw: Any) -> Event:
    fields: dict[str, Any] = {
        "title": f"Event {event_id}",
        "summary": f"Summary of {event_id}.",
        "category": "cat",
        "sources": (Citation("src", f"Quote of {event_id}"),),
    }
    fields.update(kw)
    return Event(id=event_id, date=EventDate.parse(date), **fields)


def _tricky() -> Chronology:
    """Every date form, text that each format must escape, places with and without
    coordinates, an unsafe URL, a citation of an unknown source, eras and aliases."""
    sources = {
        "src": _source(
            "src",
            title="Жусан; «return», part 1",
            publisher="Caravanserai, Almaty",
            published=PartialDate.parse("2021-07-07"),
            authors=("Ksenia Bondal",),
        ),
        "tex": _source("tex", title=TEX, publisher=HTML_TEXT, published=PartialDate.parse("2019")),
        "bad-url": _source("bad-url", url="javascript:alert(1)", title="Unsafe <link>"),
    }
    categories = {
        "cat": Category("cat", "Repatriation & return, 2019", "Bringing citizens home."),
        "other": Category("other", "Other"),
    }
    events = [
        _event(
            "year",
            "2013",
            title=FORMULA,
            summary="Line one\nline two\r\nline three, with a comma; and a semicolon.",
            places=(Place("Almaty", "KZ", lat=43.222, lon=76.8512),),
            actors=("Kassym-Jomart Tokayev", "A; B"),
            tags=("women", "children"),
            notes="-2 is not a formula either",
        ),
        _event(
            "month",
            "2013-10",
            title=HTML_TEXT,
            summary=TEX,
            category="other",
            places=(
                Place("Syria", "SY"),
                Place("Al-Hol camp", "SY", region="Hasakah", lat=36.3731, lon=41.1404),
                Place("Ракка", "SY", lat=35.95, lon=39.01),
            ),
            sources=(Citation("tex", '"Quoted", she said; then \\left'),),
        ),
        _event(
            "day",
            "2019-01-06",
            title=KAZAKH,
            summary=f"{KAZAKH}. {CYRILLIC}. {ARABIC}. {KAZAKH}.",
            places=(Place("Қазақстан", "KZ", lat=48.0, lon=67.0),),
            sources=(Citation("src", KAZAKH), Citation("tex", "second quote")),
            figures=(Figure("citizens brought home", "people", value=700, approximate=True),),
        ),
        _event("approximate", "2022-01~", title=MARKDOWN_TEXT, summary="@SUM(A1)"),
        _event("uncertain", "2014?", title=ARABIC, summary="+1 more"),
        _event("both", "2014-01%", title="Tab\tand\rreturn", summary="\tstarts with a tab"),
        _event(
            "interval",
            "2019-02/2020-03",
            title="A period",
            sources=(Citation("bad-url", "unsafe"), Citation("missing", "unknown source")),
        ),
        _event("open-start", "../2021-07-07", title="Known by July 2021", related=("year",)),
        _event("open-end", "2013/..", title="Ongoing since 2013", category="undeclared"),
    ]
    eras = [
        Era(
            "closed",
            "A closed era & more",
            EventDate.parse("2014/2019-03"),
            (Citation("src", "q"),),
        ),
        Era("open", "ISIL holds territory", EventDate.parse("../2019-03"), (Citation("src", "q"),)),
        Era("single", "One year", EventDate.parse("2016"), ()),
    ]
    aliases = Aliases.from_dict({"Kazakhstan": ["Казахстан", "Қазақстан"], "Zhusan": ["Жусан"]})
    return Chronology(
        events, sources, categories, title="Tricky <text> & “quotes”", eras=eras, aliases=aliases
    )


TRICKY = _tricky()
CHRONOLOGIES = {"bundled": BUNDLED, "tricky": TRICKY}


# -- strategies -------------------------------------------------------------------------------

# Text of every kind: any Unicode character but surrogates (with controls), and words that
# matter here.
_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=16),
    st.text(st.characters(min_codepoint=0x400, max_codepoint=0x4FF), max_size=16),
    st.sampled_from([KAZAKH, CYRILLIC, ARABIC, TEX, HTML_TEXT, MARKDOWN_TEXT, FORMULA, ""]),
)
_IDS = st.one_of(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True), _TEXT)
_NUMBERS = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


_CITATIONS = st.lists(st.builds(Citation, _IDS, _TEXT, _maybe(_TEXT)), max_size=3).map(tuple)
_PLACES = st.builds(
    Place,
    _TEXT,
    _TEXT,
    _maybe(_TEXT),
    _maybe(st.floats(min_value=-90, max_value=90)),
    _maybe(st.floats(min_value=-180, max_value=180)),
)
_FIGURES = st.builds(
    Figure,
    _TEXT,
    _TEXT,
    _maybe(_NUMBERS),
    _maybe(_NUMBERS),
    _maybe(_NUMBERS),
    _maybe(_NUMBERS),
    st.booleans(),
)
_TEXTS = st.lists(_TEXT, max_size=3).map(tuple)
_EVENTS = st.builds(
    Event,
    id=_IDS,
    title=_TEXT,
    date=event_dates(),
    summary=_TEXT,
    category=_IDS,
    sources=_CITATIONS,
    places=st.lists(_PLACES, max_size=2).map(tuple),
    actors=_TEXTS,
    tags=_TEXTS,
    figures=st.lists(_FIGURES, max_size=2).map(tuple),
    related=_TEXTS,
    notes=_maybe(_TEXT),
)
_ERAS = st.builds(Era, _IDS, _TEXT, event_dates(), _CITATIONS, _maybe(_TEXT))


@st.composite
def chronologies(draw: st.DrawFn) -> Chronology:
    """Any chronology: records of any text, every date form, sources and categories keyed
    by their ids, aliases."""
    source_ids = draw(st.lists(_IDS, unique=True, max_size=3))
    sources = {
        i: draw(
            st.builds(
                Source,
                st.just(i),
                _TEXT,
                _TEXT,
                _TEXT,
                _TEXTS,
                _maybe(partial_dates()),
                _maybe(_TEXT),
                _maybe(_TEXT),
                _maybe(_TEXT),
            )
        )
        for i in source_ids
    }
    slugs = draw(st.lists(_IDS, unique=True, max_size=3))
    categories = {s: Category(s, draw(_TEXT), draw(_maybe(_TEXT))) for s in slugs}
    events = draw(st.lists(_EVENTS, unique_by=lambda e: e.id, max_size=5))
    eras = draw(st.lists(_ERAS, unique_by=lambda e: e.id, max_size=2))
    aliases = draw(st.dictionaries(_TEXT, st.lists(_TEXT, max_size=2), max_size=2))
    title = draw(_maybe(_TEXT))
    return Chronology(events, sources, categories, title=title, eras=eras, aliases=aliases)


@pytest.fixture(params=sorted(CHRONOLOGIES))
def any_chronology(request: pytest.FixtureRequest) -> Chronology:
    """The bundled chronology and the tricky one."""
    return CHRONOLOGIES[request.param]


# -- dispatch, write, fileio ------------------------------------------------------------------


class TestDispatch:
    def test_formats(self) -> None:
        """The format names are the documented ones, and each knows its suffix and media type."""
        assert ["json", "csv", "ics", "timelinejs", "markdown", "geojson"] == list(FORMATS)
        assert {name: f.name for name, f in FORMATS.items()} == {n: n for n in FORMATS}
        assert {".json", ".csv", ".ics", ".md", ".geojson"} == {f.suffix for f in FORMATS.values()}
        assert "text/calendar" == FORMATS["ics"].media_type

    @pytest.mark.parametrize(
        ("name", "function"),
        [
            ("json", to_json),
            ("csv", to_csv),
            ("ics", to_ics),
            ("timelinejs", to_timelinejs),
            ("markdown", to_markdown),
            ("geojson", to_geojson),
        ],
    )
    def test_export_dispatches(self, name: str, function: Callable[[Chronology], str]) -> None:
        """export(c, name) is the format's own function."""
        assert function(TRICKY) == export(TRICKY, name)

    def test_options_reach_their_format(self) -> None:
        """bom reaches csv and lanes reaches timelinejs."""
        assert to_csv(TRICKY, bom=True) == export(TRICKY, "csv", bom=True)
        assert to_timelinejs(TRICKY, lanes="tag") == export(TRICKY, "timelinejs", lanes="tag")

    def test_unknown_format(self) -> None:
        """An unknown format is a ValueError that names every format."""
        with pytest.raises(ValueError, match="json, csv, ics, timelinejs, markdown, geojson"):
            export(TRICKY, "xlsx")

    @pytest.mark.parametrize(
        ("name", "options", "message"),
        [
            ("json", {"bom": True}, "the json export takes no options; 'bom' is an option of csv"),
            ("csv", {"lanes": "tag"}, "the csv export takes only 'bom'; 'lanes' is an option of"),
            ("ics", {"colour": "red"}, "the ics export takes no options"),
            ("timelinejs", {"bom": False}, "the timelinejs export takes only 'lanes'"),
        ],
    )
    def test_option_the_format_does_not_take(
        self, name: str, options: dict[str, Any], message: str
    ) -> None:
        """An option of another format (or of none) is a TypeError that says which is which."""
        with pytest.raises(TypeError) as caught:
            export(TRICKY, name, **options)
        assert str(caught.value).startswith(message)

    def test_unknown_lanes(self) -> None:
        """An unknown lane mode is refused with the modes listed."""
        with pytest.raises(ChronologyError, match="category, tag, country, none"):
            export(TRICKY, "timelinejs", lanes="actor")

    @pytest.mark.parametrize("name", list(FORMATS))
    def test_write_is_exact_utf8(self, name: str, tmp_path: Path) -> None:
        """write() stores the export's UTF-8 bytes exactly: no newline translation, no BOM."""
        target = tmp_path / f"out{FORMATS[name].suffix}"
        write(TRICKY, name, target)
        assert export(TRICKY, name).encode("utf-8") == target.read_bytes()

    def test_write_csv_keeps_crlf_and_bom(self, tmp_path: Path) -> None:
        """The CSV file has CRLF line ends and, with bom=True, the UTF-8 byte order mark."""
        target = tmp_path / "out.csv"
        write(TRICKY, "csv", target, bom=True)
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbfid,date,")
        assert data.endswith(b"\r\n")

    @pytest.mark.parametrize("name", list(FORMATS))
    def test_omitted(self, name: str) -> None:
        """omitted() names exactly the events an export leaves out: open spans in ics,
        events without coordinates in geojson, none elsewhere."""
        expected = {
            "ics": ("open-start", "open-end"),
            "geojson": ("approximate", "both", "uncertain", "interval", "open-end", "open-start"),
        }.get(name, ())
        assert sorted(expected) == sorted(e.id for e in omitted(TRICKY, name))

    @PROPERTY
    @given(chronologies())
    def test_every_format_takes_any_chronology(self, c: Chronology) -> None:
        """No export fails, whatever text, dates or references a chronology holds."""
        for name in FORMATS:
            assert export(c, name)
        assert len(c) == len(to_dataframe(c))

    def test_import_is_light(self) -> None:
        """Importing the exports imports neither pandas, matplotlib nor jsonschema."""
        code = (
            "import sys, chronology.exports\n"
            "print(sorted(m for m in ('pandas', 'matplotlib', 'jsonschema') if m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
        )
        assert "[]" == result.stdout.strip()


class TestWriteAtomic:
    def test_replaces_and_leaves_no_temporary(self, tmp_path: Path) -> None:
        """The target gets the new bytes exactly and nothing else is left in the folder."""
        target = tmp_path / "out.txt"
        target.write_bytes(b"old")
        write_atomic(target, b"new\r\nline\n")
        assert b"new\r\nline\n" == target.read_bytes()
        assert ["out.txt"] == [p.name for p in tmp_path.iterdir()]

    @pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
    def test_keeps_permission_bits(self, tmp_path: Path) -> None:
        """An existing file keeps its permission bits."""
        target = tmp_path / "out.txt"
        target.write_bytes(b"old")
        target.chmod(0o640)
        write_atomic(target, b"new")
        assert 0o640 == stat.S_IMODE(target.stat().st_mode)

    def test_error_leaves_target_untouched(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the rename fails, the target keeps its old bytes and the temporary file goes."""
        target = tmp_path / "out.txt"
        target.write_bytes(b"old")

        def fail(*args: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(OSError, match="disk full"):
            write_atomic(target, b"new")
        assert b"old" == target.read_bytes()
        assert ["out.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_relative_path(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bare file name is written in the current folder."""
        monkeypatch.chdir(tmp_path)
        write_atomic("bare.txt", b"x")
        assert b"x" == (tmp_path / "bare.txt").read_bytes()


# -- determinism ------------------------------------------------------------------------------


class TestDeterminism:
    @pytest.mark.parametrize("name", list(FORMATS))
    def test_same_bytes_twice(self, name: str, any_chronology: Chronology) -> None:
        """The same chronology gives the same text, also once rebuilt from its JSON export."""
        first = export(any_chronology, name)
        assert first == export(any_chronology, name)
        assert first == export(from_json(to_json(any_chronology)), name)

    def test_same_bytes_across_processes(self) -> None:
        """Exports do not depend on the process: hash seeds differ, the bytes do not."""
        code = (
            "import hashlib, chronology, chronology.exports as x\n"
            "c = chronology.load()\n"
            "print(hashlib.sha256(''.join(x.export(c, f) for f in x.FORMATS).encode()).hexdigest())"
        )
        digests = set()
        for seed in ("0", "12345"):
            env = {**os.environ, "PYTHONHASHSEED": seed}
            result = subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
                env=env,
            )
            digests.add(result.stdout.strip())
        assert 1 == len(digests)


# -- json -------------------------------------------------------------------------------------


#: A small chronology with every part filled in, for breaking its export one field at a time.
_FULL = Chronology(
    [
        _event(
            "a",
            "2013",
            places=(Place("Almaty", "KZ", lat=43.2, lon=76.9),),
            figures=(Figure("people", "people", value=700),),
            tags=("t",),
            related=("b",),
            notes="n",
        ),
        _event("b", "2014"),
    ],
    {
        "s": _source("s", published=PartialDate.parse("2021"), authors=("A",)),
        "t": _source("t"),
    },
    {"c": Category("c", "C")},
    eras=[Era("e", "E", EventDate.parse("2013"), (Citation("s", "q"),))],
    title="T",
    aliases={"A": ["B"]},
)


def _document(c: Chronology) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(to_json(c))
    return document


class TestJson:
    def test_round_trip(self, any_chronology: Chronology) -> None:
        """from_json(to_json(c)) is c again: events, sources, categories, title, eras, aliases."""
        back = from_json(to_json(any_chronology))
        assert any_chronology == back
        assert any_chronology.aliases == back.aliases
        assert list(any_chronology.sources) == list(back.sources)
        assert list(any_chronology.categories) == list(back.categories)

    def test_layout(self) -> None:
        """The document's keys, in order, and its records as in a data file."""
        document = _document(TRICKY)
        expected_keys = [
            "format",
            "version",
            "title",
            "categories",
            "aliases",
            "sources",
            "eras",
            "events",
        ]
        assert expected_keys == list(document)
        assert ("chronology", 1) == (document["format"], document["version"])
        assert {"label": "Other"} == document["categories"]["other"]
        assert [s.to_dict() for s in TRICKY.sources.values()] == document["sources"]
        events = document["events"]
        assert [e.id for e in TRICKY] == [e["id"] for e in events]
        for event, record in zip(TRICKY, events, strict=True):
            record = dict(record)
            del record["when"]
            assert event.to_dict() == record

    def test_empty_optional_parts_are_left_out(self) -> None:
        """A chronology without title, categories, aliases or eras has only the required keys."""
        document = _document(Chronology([_event("a", "2013")]))
        assert ["format", "version", "sources", "events"] == list(document)

    @pytest.mark.parametrize(
        ("date", "when"),
        [
            ("2013", ("2013-01-01", "2013-12-31", "year", False, False, "2013")),
            ("2013-10~", ("2013-10-01", "2013-10-31", "month", True, False, "c. Oct 2013")),
            ("2019-01-06?", ("2019-01-06", "2019-01-06", "day", False, True, "6 Jan 2019?")),
            ("2014-01%", ("2014-01-01", "2014-01-31", "month", True, True, "c. Jan 2014?")),
            ("2019-02/2020-03", ("2019-02-01", "2020-03-31", "month", False, False, None)),
            ("../2021-07-07", (None, "2021-07-07", "day", False, False, "by 7 Jul 2021")),
            ("2013/..", ("2013-01-01", None, "year", False, False, "from 2013")),
        ],
    )
    def test_when(self, date: str, when: tuple[Any, ...]) -> None:
        """Each event's derived 'when' right after its date: days, precision, flags, label."""
        record = _document(Chronology([_event("a", date)]))["events"][0]
        keys = ("earliest", "latest", "precision", "approximate", "uncertain", "label")
        expected = dict(zip(keys, when, strict=True))
        expected["label"] = EventDate.parse(date).label()
        assert ["id", "title", "date", "when"] == list(record)[:4]
        assert expected == record["when"]

    def test_text_is_kept_as_written(self) -> None:
        """Non-ASCII text is written as itself (ensure_ascii off), two-space indent, final LF."""
        text = to_json(TRICKY)
        assert KAZAKH in text
        assert ARABIC in text
        assert text.endswith("}\n")
        assert '\n  "version": 1,' in text

    def test_when_is_ignored(self) -> None:
        """from_json ignores 'when': a wrong one does not change the chronology."""
        document = _document(TRICKY)
        for record in document["events"]:
            record["when"] = {"label": "nonsense", "earliest": 3}
        assert TRICKY == from_json(json.dumps(document))

    def test_bytes_and_bom(self) -> None:
        """UTF-8 bytes and a leading byte order mark are read as the text."""
        text = to_json(TRICKY)
        assert TRICKY == from_json(text.encode("utf-8"))
        assert TRICKY == from_json(b"\xef\xbb\xbf" + text.encode("utf-8"))
        assert TRICKY == from_json("\ufeff" + text)

    def test_read_json(self, tmp_path: Path) -> None:
        """read_json reads a written export; its errors name the file."""
        path = tmp_path / "c.json"
        write(TRICKY, "json", path)
        assert TRICKY == read_json(path)
        path.write_text("[]", encoding="utf-8")
        with pytest.raises(ChronologyError, match=r"c\.json: not a valid chronology export"):
            read_json(path)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "not JSON (line 1, column 1"),
            ("{", "not JSON"),
            (b"\xff\xfe", "not UTF-8 text"),
            ("[]", "the document: expected an object, not a list"),
            ('{"version": 1, "sources": [], "events": []}', 'expected "format": "chronology"'),
            ('{"format": "other", "version": 1}', 'expected "format": "chronology"'),
            ('{"format": "chronology", "version": 2, "sources": [], "events": []}', "newer"),
            ('{"format": "chronology", "version": "1", "sources": [], "events": []}', "version"),
            ('{"format": "chronology", "version": true, "sources": [], "events": []}', "version"),
            ('{"format": "chronology", "version": 1, "events": []}', "missing field 'sources'"),
            ('{"format": "chronology", "version": 1, "sources": {}, "events": []}', "a list"),
            ('{"format": "chronology", "version": 1, "sources": [], "events": [], "x": 1}', "'x'"),
            ('{"format": "chronology", "format": "chronology"}', "'format' appears twice"),
            ('{"format": "chronology", "version": NaN}', "NaN is not a JSON number"),
            ("[" * 100_000 + "]" * 100_000, "not readable JSON"),
            ('{"format": "chronology", "version": 1' + ', "a": 1' * 2 + "}", "appears twice"),
        ],
    )
    def test_not_an_export(self, text: str | bytes, message: str) -> None:
        """Anything that is not an export raises one ChronologyError saying what is wrong."""
        with pytest.raises(ChronologyError, match="not a valid chronology export") as caught:
            from_json(text)
        assert message in str(caught.value)

    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            (("events", 0, "id"), 7, "events[0].id: expected text, not a number"),
            (("events", 0, "date"), 2013, "expected text, not a number"),
            (("events", 0, "date"), "2013-13", "months run from 01 to 12"),
            (("events", 0, "date"), "2019-02-30", "not on the calendar"),
            (("events", 0, "tags"), "women", ".tags: expected a list, not text"),
            (("events", 0, "tags"), [1], ".tags[0]: expected text"),
            (("events", 0, "places"), [{"name": "A"}], "missing field 'country'"),
            (("events", 0, "places"), [{"name": "A", "country": "KZ", "lat": "1"}], ".lat"),
            (("events", 0, "places"), [{"name": "A", "country": "KZ", "lat": True}], ".lat"),
            (("events", 0, "figures"), [{"what": "w", "unit": "u", "value": False}], ".value"),
            (("events", 0, "figures"), [{"what": "w", "unit": "u", "approximate": 1}], "true or"),
            (("events", 0, "sources"), [{"source": "s"}], "missing field 'quote'"),
            (("events", 0, "sources"), None, ".sources: expected a list, not null"),
            (("events", 0, "notes"), 1.5, ".notes: expected text"),
            (("events", 0, "title"), "\ud800", "lone surrogate"),
            (("events", 0, "colour"), "red", "unknown field 'colour'"),
            (("events", 1, "id"), "a", "event ids must be unique; repeated: a"),
            (("sources", 0, "published"), "2021-99", "months run from 01 to 12"),
            (("sources", 1, "id"), "s", "repeated source id 's'"),
            (("categories",), [], "categories: expected an object, not a list"),
            (("categories", "c"), {"description": "d"}, "missing field 'label'"),
            (("aliases",), {"A": "B"}, "aliases.A: expected a list, not text"),
            (("eras", 0, "date"), "../..", "at least one known end"),
            (("title",), ["T"], "title: expected text, not a list"),
        ],
    )
    def test_invalid_field(self, path: tuple[str | int, ...], value: Any, message: str) -> None:
        """A wrong field raises ChronologyError naming where it is, never KeyError or TypeError."""
        document = _document(_FULL)
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(ChronologyError) as caught:
            from_json(json.dumps(document))
        assert message in str(caught.value)
        assert 1 == len(str(caught.value).splitlines())

    def test_not_text(self) -> None:
        """Something other than text or bytes is a ChronologyError too."""
        with pytest.raises(ChronologyError, match="expected text or bytes, not int"):
            from_json(12)  # type: ignore[arg-type]

    @PROPERTY
    @given(json_values(st.text(max_size=8)))
    def test_any_json_is_an_export_or_one_error(self, value: Any) -> None:
        """Any JSON value is read as a chronology or refused with ChronologyError, nothing else."""
        with contextlib.suppress(ChronologyError):
            from_json(json.dumps(value))

    @PROPERTY
    @given(
        st.sampled_from(
            [
                ("title",),
                ("categories",),
                ("categories", "c"),
                ("categories", "c", "label"),
                ("aliases",),
                ("sources",),
                ("sources", 0),
                ("sources", 0, "published"),
                ("sources", 0, "authors"),
                ("eras",),
                ("eras", 0),
                ("eras", 0, "sources"),
                ("events",),
                ("events", 0),
                ("events", 0, "date"),
                ("events", 0, "places"),
                ("events", 0, "places", 0),
                ("events", 0, "places", 0, "lat"),
                ("events", 0, "figures", 0),
                ("events", 0, "figures", 0, "value"),
                ("events", 0, "sources", 0),
                ("events", 0, "related"),
                ("version",),
            ]
        ),
        json_values(st.text(max_size=8)),
    )
    def test_any_wrong_field_is_one_error(self, path: tuple[str | int, ...], value: Any) -> None:
        """Replacing any part of a valid export by any JSON value gives a chronology or a
        ChronologyError, never another exception."""
        document = _document(_FULL)
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with contextlib.suppress(ChronologyError):
            from_json(json.dumps(document))

    @PROPERTY
    @given(chronologies())
    def test_round_trip_property(self, c: Chronology) -> None:
        """Any chronology survives the JSON round trip, and its export is a fixed point."""
        text = to_json(c)
        back = from_json(text)
        assert c == back
        assert c.aliases == back.aliases
        assert text == to_json(back)


# -- csv --------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _unguard(cell: str) -> str:
    """A cell without the formula guard: a leading apostrophe is never data."""
    return cell.removeprefix("'")


class TestCsv:
    def test_header_and_rows(self, any_chronology: Chronology) -> None:
        """A header of the documented columns, then one row per event, in order."""
        text = to_csv(any_chronology)
        assert ",".join(CSV_COLUMNS) + "\r\n" == text[: text.index("\r\n") + 2]
        rows = _csv_rows(text)
        assert [e.id for e in any_chronology] == [r["id"] for r in rows]
        assert all(list(CSV_COLUMNS) == list(r) for r in rows)

    def test_values_read_back(self, any_chronology: Chronology) -> None:
        """Every cell reads back, with the csv module, as the event's value: text exactly
        (newlines, commas, quotes included), lists split by split_list, days in ISO."""
        rows = {r["id"]: r for r in _csv_rows(to_csv(any_chronology))}
        for event in any_chronology:
            row = {k: _unguard(v) for k, v in rows[event.id].items()}
            date = event.date
            expected_scalars = {
                "date": str(date),
                "date_label": date.label(),
                "earliest": date.earliest.isoformat() if date.earliest else "",
                "latest": date.latest.isoformat() if date.latest else "",
                "precision": date.precision.name.lower(),
                "approximate": "true" if date.is_approximate else "false",
                "uncertain": "true" if date.is_uncertain else "false",
                "title": event.title,
                "summary": event.summary,
                "category": event.category,
                "notes": event.notes or "",
            }
            assert expected_scalars == {k: row[k] for k in expected_scalars}
            sources = any_chronology.sources
            expected_lists = {
                "places": [p.name for p in event.places],
                "countries": list(dict.fromkeys(p.country for p in event.places)),
                "actors": list(event.actors),
                "tags": list(event.tags),
                "sources": [c.source for c in event.sources],
                "quotes": [c.quote for c in event.sources],
                "urls": [
                    sources[c.source].url if c.source in sources else "" for c in event.sources
                ],
                "related": list(event.related),
            }
            assert expected_lists == {k: split_list(row[k]) for k in expected_lists}

    def test_tricky_cells(self) -> None:
        """The joining rule and the formula guard, on the tricky events' raw cells."""
        rows = {r["id"]: r for r in _csv_rows(to_csv(TRICKY))}
        assert "'=1+1" == rows["year"]["title"]
        assert "'-2 is not a formula either" == rows["year"]["notes"]
        assert "Kassym-Jomart Tokayev; A\\; B" == rows["year"]["actors"]
        assert "'@SUM(A1)" == rows["approximate"]["summary"]
        assert "'+1 more" == rows["uncertain"]["summary"]
        assert "'\tstarts with a tab" == rows["both"]["summary"]
        assert "Syria; Al-Hol camp; Ракка" == rows["month"]["places"]
        assert "SY" == rows["month"]["countries"]
        assert "javascript:alert(1); " == rows["interval"]["urls"]
        assert "Repatriation & return, 2019" == rows["year"]["category_label"]
        assert (
            "Line one\nline two\r\nline three, with a comma; and a semicolon."
            == (rows["year"]["summary"])
        )

    @pytest.mark.parametrize(
        ("value", "cell"),
        [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@x", "'@x"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("x=1", "x=1"),
            ("'=1", "''=1"),
            ("'90s", "''90s"),
            (" =1", "' =1"),
            ("\n=1", "'\n=1"),
            ("\u00a0-1", "'\u00a0-1"),
            ("  x", "  x"),
        ],
    )
    def test_formula_guard(self, value: str, cell: str) -> None:
        """A cell that starts like a formula (OWASP's = + - @ tab CR, a line feed, or = + - @
        after whitespace), or with an apostrophe, gets a leading apostrophe."""
        c = Chronology([_event("a", "2013", title=value)])
        assert cell == _csv_rows(to_csv(c))[0]["title"]

    def test_line_ends_are_crlf(self) -> None:
        """Records end in CRLF; a bare LF appears only inside a quoted cell that has one."""
        c = Chronology([_event("a", "2013"), _event("b", "2014")])
        text = to_csv(c)
        assert 3 == text.count("\r\n")
        assert "\n" not in text.replace("\r\n", "")

    def test_bom(self) -> None:
        """bom=True adds exactly a leading U+FEFF."""
        assert "\ufeff" + to_csv(TRICKY) == to_csv(TRICKY, bom=True)

    @PROPERTY
    @given(st.lists(_TEXT, max_size=5).filter(lambda items: items != [""]))
    def test_split_list_inverts_the_join(self, items: list[str]) -> None:
        """split_list reads back any list of items, whatever ';', '\\' or spaces they hold."""
        c = Chronology([_event("a", "2013", tags=tuple(items))])
        cell = _csv_rows(to_csv(c))[0]["tags"]
        assert items == split_list(_unguard(cell))

    @PROPERTY
    @given(chronologies())
    def test_any_text_reads_back(self, c: Chronology) -> None:
        """Whatever text a chronology holds, each cell reads back as written once its
        leading apostrophe (if any) is removed, and list cells split into their items."""
        rows = _csv_rows(to_csv(c))
        assert len(c) == len(rows)
        for event, row in zip(c, rows, strict=True):
            cells = {k: _unguard(v) for k, v in row.items()}
            assert (event.id, event.title, event.summary) == (
                cells["id"],
                cells["title"],
                cells["summary"],
            )
            lists = {"tags": event.tags, "actors": event.actors, "related": event.related}
            lists["quotes"] = tuple(c.quote for c in event.sources)
            for name, items in lists.items():
                if items != ("",):  # one empty item is an empty cell, as no items are
                    assert list(items) == split_list(cells[name])

    def test_pandas_reads_it(self, any_chronology: Chronology) -> None:
        """pandas.read_csv reads the file: one row per event, days parsed as dates (NaT when
        open), text intact; also with the byte order mark."""
        for bom in (False, True):
            frame = pd.read_csv(
                io.BytesIO(to_csv(any_chronology, bom=bom).encode("utf-8")),
                encoding="utf-8-sig",
                parse_dates=["earliest", "latest"],
                dtype={c: str for c in CSV_COLUMNS if c not in ("earliest", "latest")},
                keep_default_na=False,
            )
            assert list(CSV_COLUMNS) == list(frame.columns)
            assert [e.id for e in any_chronology] == list(frame["id"])
            assert "M" == frame["earliest"].dtype.kind == frame["latest"].dtype.kind
            earliest = [None if pd.isna(d) else d.date() for d in frame["earliest"]]
            assert [e.date.earliest for e in any_chronology] == earliest
            latest = [None if pd.isna(d) else d.date() for d in frame["latest"]]
            assert [e.date.latest for e in any_chronology] == latest
            summaries = [_unguard(s) for s in frame["summary"]]
            assert [e.summary.replace("\r\n", "\n") for e in any_chronology] == [
                s.replace("\r\n", "\n") for s in summaries
            ]


# -- ics --------------------------------------------------------------------------------------


def _unescape_ics_free(text: str) -> str:
    """What an iCalendar TEXT value of ``text`` decodes to: CR/CRLF as LF, controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or not (ord(ch) < 32 or ord(ch) == 127))


def _categories(component: icalendar.cal.Component) -> list[str]:
    """The CATEGORIES of a component, as icalendar decodes them."""
    value = component["CATEGORIES"]
    assert isinstance(value, icalendar.vCategory)
    return [str(category) for category in value.cats]


class TestIcs:
    def _calendar(self, c: Chronology) -> icalendar.Calendar:
        return icalendar.Calendar.from_ical(to_ics(c))

    def test_calendar_properties(self, any_chronology: Chronology) -> None:
        """VERSION 2.0, the package's PRODID and the Gregorian calendar."""
        calendar = self._calendar(any_chronology)
        assert "VCALENDAR" == calendar.name
        assert "2.0" == calendar["VERSION"]
        assert f"-//chronology//chronology {chronology.__version__}//EN" == calendar["PRODID"]
        assert "GREGORIAN" == calendar["CALSCALE"]

    def test_one_event_per_bounded_span(self, any_chronology: Chronology) -> None:
        """Every event with both ends known is one VEVENT, in order; the rest are omitted()."""
        uids = [str(v["UID"]) for v in self._calendar(any_chronology).walk("VEVENT")]
        bounded = [e for e in any_chronology if e.date.earliest and e.date.latest]
        assert [f"{e.id}@chronology" for e in bounded] == uids
        left_out = [e for e in any_chronology if e not in bounded]
        assert left_out == list(omitted(any_chronology, "ics"))

    def test_every_field(self, any_chronology: Chronology) -> None:
        """Each VEVENT's fields, as icalendar decodes them: an all-day span from the earliest
        day to the day after the latest, title, description, category, places and URL."""
        c = any_chronology
        published = [s.published.earliest for s in c.sources.values() if s.published]
        first_day = max(published, default=dt.date(1970, 1, 1))
        stamp = dt.datetime.combine(first_day, dt.time(), tzinfo=dt.timezone.utc)
        for vevent in self._calendar(c).walk("VEVENT"):
            event = c[str(vevent["UID"]).removesuffix("@chronology")]
            assert event.date.latest is not None
            assert stamp == vevent.decoded("DTSTAMP")
            assert event.date.earliest == vevent.decoded("DTSTART")
            assert event.date.latest + dt.timedelta(days=1) == vevent.decoded("DTEND")
            assert not isinstance(vevent.decoded("DTSTART"), dt.datetime)
            assert _unescape_ics_free(event.title) == str(vevent["SUMMARY"])
            description = str(vevent["DESCRIPTION"])
            assert description.startswith(event.date.label() + "\n\n")
            assert _unescape_ics_free(event.summary) in description
            for citation in event.sources:
                assert f'"{_unescape_ics_free(citation.quote)}"' in description
                if citation.source in c.sources:
                    assert c.sources[citation.source].title in description
            label = c.categories[event.category].label if event.category in c.categories else ""
            assert [label or event.category] == _categories(vevent)
            if event.places:
                assert "; ".join(p.name for p in event.places) == str(vevent["LOCATION"])
            else:
                assert "LOCATION" not in vevent
            first = c.sources.get(event.sources[0].source) if event.sources else None
            if first is not None and first.url.startswith("https://"):
                assert first.url == str(vevent["URL"])
            else:
                assert "URL" not in vevent

    def test_tricky_text(self) -> None:
        """Backslashes, semicolons, commas and newlines survive escaping; an unsafe URL is
        not given as the URL."""
        events = {str(v["UID"]): v for v in self._calendar(TRICKY).walk("VEVENT")}
        month = events["month@chronology"]
        assert HTML_TEXT == str(month["SUMMARY"])
        assert TEX in str(month["DESCRIPTION"])
        assert '""Quoted", she said; then \\left"' in str(month["DESCRIPTION"])
        assert "Tab\tand\nreturn" == str(events["both@chronology"]["SUMMARY"])
        assert "URL" not in events["interval@chronology"]
        assert ["Repatriation & return, 2019"] == _categories(events["year@chronology"])

    def test_lines_are_crlf_and_folded(self, any_chronology: Chronology) -> None:
        """Lines end in CRLF, none is longer than 75 octets, a fold never splits a UTF-8
        character, and unfolding gives back lines that fit no fold."""
        data = to_ics(any_chronology).encode("utf-8")
        assert data.endswith(b"END:VCALENDAR\r\n")
        lines = data[:-2].split(b"\r\n")
        assert all(b"\n" not in line and b"\r" not in line for line in lines)
        assert max(len(line) for line in lines) <= 75
        for line in lines:
            line.decode("utf-8")  # each physical line is whole characters
        assert any(line.startswith(b" ") for line in lines)  # long lines were folded
        unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
        assert all(not line.startswith(" ") for line in unfolded.split("\r\n"))

    def test_long_kazakh_text_folds_and_unfolds(self) -> None:
        """A long Kazakh summary is folded into many lines and decodes back exactly."""
        summary = " ".join([KAZAKH] * 6)
        c = Chronology([_event("k", "2019-01-06", title=KAZAKH, summary=summary)])
        text = to_ics(c)
        assert text.count("\r\n ") > 5
        vevent = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
        assert KAZAKH == str(vevent["SUMMARY"])
        assert summary in str(vevent["DESCRIPTION"])

    def test_dtstamp_without_publication_dates(self) -> None:
        """Without any publication date, DTSTAMP is the Unix epoch."""
        text = to_ics(Chronology([_event("a", "2013")], {"src": _source("src")}))
        assert "\r\nDTSTAMP:19700101T000000Z\r\n" in text


# -- timelinejs -------------------------------------------------------------------------------

_TL_DATE = {
    "type": "object",
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer"},
        "display_date": {"type": "string"},
    },
    "required": ["year"],
    "additionalProperties": False,
}
_TL_TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
#: The TimelineJS3 JSON format, from its documentation (timeline.knightlab.com/docs/json-format):
#: slides, eras, date and text objects, with only the documented properties.
TIMELINEJS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "date": _TL_DATE,
        "text": _TL_TEXT,
        "slide": {
            "type": "object",
            "properties": {
                "start_date": {"$ref": "#/$defs/date"},
                "end_date": {"$ref": "#/$defs/date"},
                "text": {"$ref": "#/$defs/text"},
                "media": {"type": "object", "required": ["url"]},
                "group": {"type": "string"},
                "display_date": {"type": "string"},
                "background": {"type": "object"},
                "autolink": {"type": "boolean"},
                "unique_id": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "era": {
            "type": "object",
            "properties": {
                "start_date": {"$ref": "#/$defs/date"},
                "end_date": {"$ref": "#/$defs/date"},
                "text": {"$ref": "#/$defs/text"},
            },
            "required": ["start_date", "end_date"],
            "additionalProperties": False,
        },
    },
    "type": "object",
    "properties": {
        "events": {
            "type": "array",
            "items": {"allOf": [{"$ref": "#/$defs/slide"}, {"required": ["start_date"]}]},
        },
        "title": {"$ref": "#/$defs/slide"},
        "eras": {"type": "array", "items": {"$ref": "#/$defs/era"}},
        "scale": {"enum": ["human", "cosmological"]},
    },
    "required": ["events"],
    "additionalProperties": False,
}


class _Tags(html.parser.HTMLParser):
    """The tags and attributes of an HTML fragment, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse_html(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


def _tl_date(date: PartialDate) -> dict[str, int]:
    parts = {"year": date.year, "month": date.month, "day": date.day}
    return {k: v for k, v in parts.items() if v is not None}


class TestTimelineJs:
    def _document(self, c: Chronology, lanes: str = "category") -> dict[str, Any]:
        document: dict[str, Any] = json.loads(to_timelinejs(c, lanes=lanes))
        return document

    @pytest.mark.parametrize("lanes", ["category", "tag", "country", "none"])
    def test_schema(self, any_chronology: Chronology, lanes: str) -> None:
        """The export is valid TimelineJS3 JSON in every lane mode."""
        jsonschema.Draft202012Validator.check_schema(TIMELINEJS_SCHEMA)
        jsonschema.validate(self._document(any_chronology, lanes), TIMELINEJS_SCHEMA)

    def test_slides(self, any_chronology: Chronology) -> None:
        """One slide per event: dates as precise as the data, the label as display date,
        the id as unique_id, the escaped title as headline, the category label as group."""
        c = any_chronology
        slides = self._document(c)["events"]
        assert [e.id for e in c] == [s["unique_id"] for s in slides]
        for event, slide in zip(c, slides, strict=True):
            value = event.date.value
            start: PartialDate | None
            end: PartialDate | None
            if isinstance(value, PartialDate):
                start, end = value, None
            elif value.start is None:
                start, end = value.end, None
            else:
                start, end = value.start, value.end
            assert start is not None
            assert _tl_date(start) == slide["start_date"]
            assert (_tl_date(end) if end else None) == slide.get("end_date")
            assert event.date.label() == html.unescape(slide["display_date"])
            assert event.title == html.unescape(slide["text"]["headline"])
            category = c.categories.get(event.category)
            assert (category.label if category else event.category) == html.unescape(slide["group"])

    def test_text_is_escaped_html(self, any_chronology: Chronology) -> None:
        """Slide text is only <p>, <blockquote> and <a href> of http(s) addresses; the data
        shows as text (a <script> title is &lt;script&gt;)."""
        c = any_chronology
        for event, slide in zip(c, self._document(c)["events"], strict=True):
            parsed = _parse_html(slide["text"]["text"])
            assert {"p", "blockquote", "a"} >= {tag for tag, _ in parsed.tags}
            for tag, attributes in parsed.tags:
                if tag == "a":
                    assert ["href"] == [name for name, _ in attributes]
                    assert str(attributes[0][1]).startswith(("https://", "http://"))
                else:
                    assert [] == attributes
            text = "".join(parsed.text)
            assert event.summary in text
            assert all(citation.quote in text for citation in event.sources)
            headline = _parse_html(slide["text"]["headline"])
            assert ([], event.title) == (headline.tags, "".join(headline.text))

    def test_tricky(self) -> None:
        """The HTML title is escaped, the javascript: address is not linked, and the open
        dates start at their known end."""
        slides = {s["unique_id"]: s for s in self._document(TRICKY)["events"]}
        assert "&lt;script&gt;" in slides["month"]["text"]["headline"]
        assert "javascript:" not in slides["interval"]["text"]["text"]
        assert "— Unsafe &lt;link&gt;, Publisher" in slides["interval"]["text"]["text"]
        assert {"year": 2021, "month": 7, "day": 7} == slides["open-start"]["start_date"]
        assert "end_date" not in slides["open-start"]
        assert "by 7 Jul 2021" == slides["open-start"]["display_date"]
        assert {"year": 2013} == slides["open-end"]["start_date"]
        assert "end_date" not in slides["open-end"]
        assert {"year": 2020, "month": 3} == slides["interval"]["end_date"]
        assert "Repatriation &amp; return, 2019" == slides["year"]["group"]

    def test_title_and_eras(self) -> None:
        """The title slide carries the escaped title; only eras with both ends known appear."""
        document = self._document(TRICKY)
        assert "Tricky &lt;text&gt; &amp; “quotes”" == document["title"]["text"]["headline"]
        expected = [
            {
                "start_date": {"year": 2014},
                "end_date": {"year": 2019, "month": 3},
                "text": {"headline": "A closed era &amp; more"},
            },
            {
                "start_date": {"year": 2016},
                "end_date": {"year": 2016},
                "text": {"headline": "One year"},
            },
        ]
        assert expected == document["eras"]

    @pytest.mark.parametrize(
        ("lanes", "groups"),
        [
            ("tag", {"year": "women", "month": "(no tag)"}),
            (
                "country",
                {
                    "year": "Kazakhstan (KZ)",
                    "month": "Syrian Arab Republic (SY)",
                    "both": "(no place)",
                },
            ),
            ("none", {"year": None, "month": None}),
        ],
    )
    def test_lanes(self, lanes: str, groups: dict[str, str | None]) -> None:
        """group is the first tag, the first place's country, or absent, as lanes says."""
        slides = {s["unique_id"]: s for s in self._document(TRICKY, lanes)["events"]}
        assert groups == {k: slides[k].get("group") for k in groups}


# -- markdown ---------------------------------------------------------------------------------


def _markdown_tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").use(footnote_plugin).parse(text)


def _plain(inline: Token) -> str:
    """The text an inline token shows, footnote references left out."""
    out = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def _one_line(text: str) -> str:
    """``text`` as Markdown shows it: whitespace runs as one space, no control characters
    (C0, DEL, C1)."""
    shown = " ".join(text.split())
    return "".join(ch for ch in shown if not (ord(ch) < 32 or 127 <= ord(ch) <= 159)).strip()


class TestMarkdown:
    def test_structure(self, any_chronology: Chronology) -> None:
        """A title heading, a year heading per year in order, one bullet per event under its
        year, and no raw HTML anywhere."""
        c = any_chronology
        tokens = _markdown_tokens(to_markdown(c))
        headings = [
            (tokens[i].tag, tokens[i + 1].content)
            for i, t in enumerate(tokens)
            if t.type == "heading_open"
        ]
        years = list(dict.fromkeys(f"{e.date.anchor.year:04d}" for e in c))
        title = _plain(tokens[1])
        assert [("h1", tokens[1].content)] + [("h2", y) for y in years] == headings
        assert (_one_line(c.title or "") or "Chronology") == title
        items = [t for t in tokens if t.type == "list_item_open"]
        assert len(c) == len(items)
        assert not any(t.type.startswith("html") for t in tokens)
        for t in tokens:
            assert not any(ch.type.startswith("html") for ch in t.children or [])

    def test_bullets_show_the_data_as_written(self, any_chronology: Chronology) -> None:
        """Each bullet reads '<label> — <title>. <summary>' exactly, whatever markup the text
        holds, with the label in bold and one footnote per cited source."""
        c = any_chronology
        tokens = _markdown_tokens(to_markdown(c))
        inlines = [
            tokens[i + 2]
            for i, t in enumerate(tokens)
            if t.type == "list_item_open" and tokens[i + 1].type == "paragraph_open"
        ]
        for event, inline in zip(c, inlines, strict=True):
            title = _one_line(event.title)
            if not title.endswith((".", "!", "?", "…")):
                title += "."
            expected = f"{_one_line(event.date.label())} — {title}"
            if _one_line(event.summary):
                expected += f" {_one_line(event.summary)}"
            assert expected == _plain(inline).strip()
            children = inline.children or []
            assert ["strong_open", "text", "strong_close"] == [ch.type for ch in children[1:4]]
            refs = [ch.meta["label"] for ch in children if ch.type == "footnote_ref"]
            cited = list(dict.fromkeys(citation.source for citation in event.sources))
            assert len(cited) == len(refs)

    def test_footnotes_resolve(self, any_chronology: Chronology) -> None:
        """Every footnote reference resolves to a definition, one per cited source, which
        gives the source's publisher, title and address."""
        c = any_chronology
        text = to_markdown(c)
        tokens = _markdown_tokens(text)
        refs = {
            ch.meta["label"] for t in tokens for ch in t.children or [] if ch.type == "footnote_ref"
        }
        defined = [t.meta["label"] for t in tokens if t.type == "footnote_open"]
        cited = list(dict.fromkeys(ci.source for e in c for ci in e.sources))
        assert len(cited) == len(defined) == len(set(defined))
        assert refs == set(defined)
        assert "[^" not in "".join(_plain(t) for t in tokens if t.type == "inline")
        bodies = [_plain(tokens[i + 2]) for i, t in enumerate(tokens) if t.type == "footnote_open"]
        for source_id, body in zip(cited, bodies, strict=True):
            source = c.sources.get(source_id)
            if source is None:
                assert _one_line(source_id) == body
                continue
            assert body.startswith(f'{_one_line(source.publisher)}, "{_one_line(source.title)}"')

    @PROPERTY
    @given(chronologies())
    def test_any_text_shows_as_written(self, c: Chronology) -> None:
        """Whatever text a chronology holds, the document keeps its structure and every
        bullet and footnote shows the text as written."""
        self.test_structure(c)
        self.test_bullets_show_the_data_as_written(c)
        self.test_footnotes_resolve(c)

    def test_rendered_html_is_safe(self) -> None:
        """Rendered to HTML, the <script> title is text, and the javascript: address is not a
        link."""
        html_text = MarkdownIt("commonmark").use(footnote_plugin).render(to_markdown(TRICKY))
        assert "<script>" not in html_text
        assert "&lt;script&gt;" in html_text
        assert 'href="javascript:' not in html_text

    def test_tricky_bullets(self) -> None:
        """The tricky chronology's bullets, as written: escapes, and footnote labels."""
        lines = to_markdown(TRICKY).splitlines()
        assert "# Tricky \\<text\\> \\& “quotes”" == lines[0]
        assert "9 events, 2013\u20132022, citing 4 sources." == lines[2]
        bullets = [line for line in lines if line.startswith("- ")]
        assert [
            "- **from 2013** — Ongoing since 2013. Summary of open-end. [^src]",
            "- **2013** — =1+1. Line one line two line three, with a comma; and a semicolon."
            " [^src]",
            r'- **Oct 2013** — \<script\>alert("x")\</script\> \<b\>bold\</b\> \&amp; \&lt;. '
            r"50% of \$x\_1\$ \& {y} \#1 ^ \~ \\emph{z} \\\\ [^tex]",
        ] == bullets[:3]
        assert (
            r"- **c. Jan 2022** — \*a\* \_b\_ \`c\` \[d\](http://e) !\[f\](g) \# h \| i "
            r"\~\~j\~\~ 1. k \> l. @SUM(A1) [^src]"
        ) == bullets[-1]
        footnotes = [line for line in lines if line.startswith("[^")]
        assert [
            '[^src]: Caravanserai, Almaty, "Жусан; «return», part 1", 2021-07-07. '
            "<https://example.org/src>",
            r'[^tex]: \<script\>alert("x")\</script\> \<b\>bold\</b\> \&amp; \&lt;, '
            r'"50% of \$x\_1\$ \& {y} \#1 ^ \~ \\emph{z} \\\\", 2019.'
            " <https://example.org/tex>",
            '[^bad-url]: Publisher, "Unsafe \\<link\\>". javascript:alert(1)',
            "[^missing]: missing",
        ] == footnotes


# -- geojson ----------------------------------------------------------------------------------


class TestGeoJson:
    def test_feature_collection(self, any_chronology: Chronology) -> None:
        """An RFC 7946 FeatureCollection of Points at [lon, lat] within range, one per event
        and place with coordinates, in order, with the event's and place's properties."""
        c = any_chronology
        document = json.loads(to_geojson(c))
        assert ["type", "features"] == list(document)
        assert "FeatureCollection" == document["type"]
        expected = [(e, p) for e in c for p in e.places if p.lat is not None and p.lon is not None]
        features = document["features"]
        assert len(expected) == len(features) > 0
        for (event, place), feature in zip(expected, features, strict=True):
            assert ["type", "geometry", "properties"] == list(feature)
            assert "Feature" == feature["type"]
            assert {"type": "Point", "coordinates": [place.lon, place.lat]} == feature["geometry"]
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180
            assert -90 <= lat <= 90
            properties = feature["properties"]
            date = event.date
            assert {
                "id": event.id,
                "title": event.title,
                "date": str(date),
                "date_label": date.label(),
                "earliest": date.earliest.isoformat() if date.earliest else None,
                "latest": date.latest.isoformat() if date.latest else None,
                "precision": date.precision.name.lower(),
                "category": event.category,
                "place": place.name,
                "region": place.region,
                "country": place.country,
            } == {
                k: properties[k]
                for k in (
                    "id",
                    "title",
                    "date",
                    "date_label",
                    "earliest",
                    "latest",
                    "precision",
                    "category",
                    "place",
                    "region",
                    "country",
                )
            }

    def test_tricky(self) -> None:
        """An event at three places, two with coordinates, is two features in place order."""
        features = json.loads(to_geojson(TRICKY))["features"]
        month = [f for f in features if f["properties"]["id"] == "month"]
        assert [[41.1404, 36.3731], [39.01, 35.95]] == [f["geometry"]["coordinates"] for f in month]
        assert ["Hasakah", None] == [f["properties"]["region"] for f in month]
        assert "https://example.org/tex" == month[0]["properties"]["url"]

    def test_invalid_coordinates_are_left_out(self) -> None:
        """A place with coordinates out of range, or not finite, gives no feature."""
        places = (Place("A", "KZ", lat=91.0, lon=0.0), Place("B", "KZ", lat=float("nan"), lon=0.0))
        c = Chronology([_event("a", "2013", places=places)])
        assert [] == json.loads(to_geojson(c))["features"]
        assert ["a"] == [e.id for e in omitted(c, "geojson")]


# -- dataframe --------------------------------------------------------------------------------


class TestDataFrame:
    def test_columns_and_dtypes(self, any_chronology: Chronology) -> None:
        """The CSV columns with real dtypes: dates (NaT when open), ordered precision,
        categorical category, booleans, and lists as tuples."""
        c = any_chronology
        frame = to_dataframe(c)
        assert list(CSV_COLUMNS) == list(frame.columns)
        assert [e.id for e in c] == list(frame["id"])
        assert "datetime64[us]" == str(frame["earliest"].dtype) == str(frame["latest"].dtype)
        earliest = [None if pd.isna(d) else d.date() for d in frame["earliest"]]
        assert [e.date.earliest for e in c] == earliest
        latest = [None if pd.isna(d) else d.date() for d in frame["latest"]]
        assert [e.date.latest for e in c] == latest
        precision = frame["precision"]
        assert ["year", "month", "day"] == list(precision.cat.categories)
        assert precision.cat.ordered
        assert [e.date.precision.name.lower() for e in c] == list(precision)
        assert "category" == str(frame["category"].dtype)
        assert list(c.categories) == list(frame["category"].cat.categories)[: len(c.categories)]
        assert [e.category for e in c] == list(frame["category"])
        assert "bool" == str(frame["approximate"].dtype) == str(frame["uncertain"].dtype)
        assert [e.date.is_uncertain for e in c] == list(frame["uncertain"])
        assert [e.tags for e in c] == list(frame["tags"])
        assert [tuple(p.name for p in e.places) for e in c] == list(frame["places"])
        assert [e.title for e in c] == list(frame["title"])

    def test_filtering(self) -> None:
        """The dtypes work as meant: precision compares in order, dates filter by range."""
        frame = to_dataframe(BUNDLED)
        coarse = frame[frame["precision"] <= "month"]
        assert all(e.date.precision.name != "DAY" for e in BUNDLED if e.id in set(coarse["id"]))
        late = frame[frame["earliest"] >= pd.Timestamp("2021-01-01")]
        expected = [e.id for e in BUNDLED if e.date.earliest and e.date.earliest.year >= 2021]
        assert expected == list(late["id"])

    def test_empty(self) -> None:
        """A chronology without events gives an empty frame with the same columns."""
        frame = to_dataframe(Chronology([]))
        assert (0, len(CSV_COLUMNS)) == frame.shape

    def test_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, a ModuleNotFoundError says how to install it."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ModuleNotFoundError) as caught:
            to_dataframe(TRICKY)
        assert "to_dataframe() needs pandas: pip install 'chronology[dataframe]'" == str(
            caught.value
        )


# -- docs -------------------------------------------------------------------------------------

_EXAMPLE = re.compile(r"<!-- example: (\S+) (\S+) -->\n```\w*\n(.*?)\n```", re.DOTALL)


def _doc_examples() -> list[tuple[str, str, str]]:
    text = (REPO / "docs" / "export.md").read_text(encoding="utf-8")
    return [(m[1], m[2], m[3]) for m in _EXAMPLE.finditer(text)]


class TestDocs:
    def test_every_format_has_an_example(self) -> None:
        """docs/export.md shows an example of every format."""
        assert sorted(FORMATS) == sorted(name for name, _, _ in _doc_examples())

    @pytest.mark.parametrize(("name", "event_id", "example"), _doc_examples())
    def test_examples_are_real_output(self, name: str, event_id: str, example: str) -> None:
        """Each example in docs/export.md is the real export of that bundled event (JSON
        examples as values, the others line for line, '...' standing for lines left out)."""
        output = export(BUNDLED, name)
        if name == "json":
            records = json.loads(output)["events"]
            assert [r for r in records if r["id"] == event_id] == [json.loads(example)]
        elif name == "timelinejs":
            slides = json.loads(output)["events"]
            assert [s for s in slides if s["unique_id"] == event_id] == [json.loads(example)]
        elif name == "geojson":
            features = json.loads(output)["features"]
            mine = [f for f in features if f["properties"]["id"] == event_id]
            assert [json.loads(example)] == mine[:1]
        else:
            lines = output.replace("\r\n", "\n").split("\n")
            shown = [line for line in example.split("\n") if line != "..."]
            if name == "ics":  # one VEVENT, found by its UID line
                offset = next(i for i, line in enumerate(shown) if line.startswith("UID:"))
                start = lines.index(shown[offset]) - offset
                assert shown == lines[start : start + len(shown)]
            else:
                assert [line for line in shown if line not in lines] == []
            assert any(event_id in line for line in shown) or name == "markdown"
