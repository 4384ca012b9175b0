"""Tests for the JSON Schema of the data format, ``schema/events.schema.json``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from chronology._countries import COUNTRY_NAMES, ISO_3166_ALPHA2

SCHEMA_PATH = Path(__file__).parents[1] / "schema" / "events.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
EDTF = re.compile(SCHEMA["$defs"]["edtf-date"]["pattern"])

VALID_DATES = [
    "2013",
    "2013-10",
    "2013-10-05",
    "2022-01~",
    "2014?",
    "2014-01%",
    "2019-02/2020-03",
    "../2021-07",
    "2013/..",
    "2013~/2014-01?",
    "0001",
]

INVALID_DATES = [
    "13",
    "2013-13",
    "2013-00",
    "2013-10-32",
    "2013-1",
    "2013~~",
    "../..",
    "",
    "2013/",
    "/2013",
    "0000",
    "2013 ",
    "2013-10-05T10:00",
    "-2013",
    "2013-10~-05",
]


def minimal_document() -> dict[str, Any]:
    """Return a fresh minimal valid document: one source, one event."""
    return {
        "sources": [
            {
                "id": "tengrinews-2019",
                "title": "Citizens brought home",
                "publisher": "Tengrinews",
                "url": "https://example.org/article",
            }
        ],
        "events": [
            {
                "id": "zhusan-2019",
                "title": "Operation Zhusan",
                "date": "2019-01",
                "summary": "Citizens were brought home.",
                "category": "repatriation",
                "sources": [{"source": "tengrinews-2019", "quote": "brought home"}],
            }
        ],
    }


def errors(document: Any) -> list[str]:
    """Return the schema's error messages for a document."""
    return [error.message for error in VALIDATOR.iter_errors(document)]


def walk(schema: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (JSON pointer, subschema) for every subschema that must carry a description.

    Those are the entries of every ``properties`` and ``$defs`` mapping, at any depth.
    """
    if isinstance(schema, dict):
        for key, value in schema.items():
            here = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            if key in ("properties", "$defs") and isinstance(value, dict):
                for name, subschema in value.items():
                    sub = f"{here}/{name.replace('~', '~0').replace('/', '~1')}"
                    yield sub, subschema
                    yield from walk(subschema, sub)
            else:
                yield from walk(value, here)
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from walk(item, f"{pointer}/{index}")


def test_schema_is_valid_draft_2020_12() -> None:
    """The schema file is itself a valid Draft 2020-12 schema."""
    Draft202012Validator.check_schema(SCHEMA)
    assert "https://json-schema.org/draft/2020-12/schema" == SCHEMA["$schema"]


def test_schema_has_id_title_and_description() -> None:
    """The schema names itself and says what it is for."""
    assert "urn:chronology:schema:events:1" == SCHEMA["$id"]
    assert True is bool(SCHEMA.get("title"))
    assert True is bool(SCHEMA.get("description"))


def test_every_property_has_a_description() -> None:
    """Every property and $defs entry at every depth is documented."""
    pointers = [pointer for pointer, _ in walk(SCHEMA)]
    missing = [
        pointer
        for pointer, subschema in walk(SCHEMA)
        if not (isinstance(subschema, dict) and subschema.get("description"))
    ]
    assert [] == missing
    assert True is ("/$defs/event/properties/title" in pointers)


def test_every_object_forbids_unknown_fields() -> None:
    """Every object schema with fixed properties rejects fields it does not list."""
    loose = [
        pointer
        for pointer, subschema in walk(SCHEMA)
        if isinstance(subschema, dict)
        and "properties" in subschema
        and subschema.get("additionalProperties") is not False
    ]
    assert [] == loose
    assert False is SCHEMA["additionalProperties"]


def test_country_enum_is_iso_3166_alpha2() -> None:
    """The schema's country codes are exactly the package's ISO 3166-1 alpha-2 list."""
    enum = SCHEMA["$defs"]["country"]["enum"]
    assert sorted(ISO_3166_ALPHA2) == enum
    assert 249 == len(enum)
    assert 249 == len(ISO_3166_ALPHA2)
    assert True is ("GB" in enum)
    assert False is ("UK" in enum)
    assert False is ("XK" in enum)
    assert ISO_3166_ALPHA2 == frozenset(COUNTRY_NAMES)
    assert "United Kingdom" == COUNTRY_NAMES["GB"]


@pytest.mark.parametrize("date", VALID_DATES)
def test_edtf_pattern_accepts(date: str) -> None:
    """The date pattern accepts every form format.md documents."""
    assert True is bool(EDTF.search(date))
    assert [] == errors(_with_date(date))


@pytest.mark.parametrize("date", INVALID_DATES)
def test_edtf_pattern_rejects(date: str) -> None:
    """The date pattern rejects malformed dates."""
    assert False is bool(EDTF.search(date))
    assert 1 == len(errors(_with_date(date)))


def _with_date(date: str) -> dict[str, Any]:
    """Return the minimal document with its event's date replaced."""
    document = minimal_document()
    document["events"][0]["date"] = date
    return document


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """Draw a single EDTF date of random precision with an optional qualifier."""
    year = draw(st.integers(min_value=1, max_value=9999))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=28))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    qualifier = draw(st.sampled_from(["", "~", "?", "%"]))
    text = f"{year:04d}"
    if precision in ("month", "day"):
        text += f"-{month:02d}"
    if precision == "day":
        text += f"-{day:02d}"
    return text + qualifier


@given(start=edtf_dates(), end=edtf_dates())
def test_edtf_pattern_accepts_generated_dates(start: str, end: str) -> None:
    """Any well-formed date, interval or open interval matches the pattern."""
    for date in (start, end, f"{start}/{end}", f"../{end}", f"{start}/.."):
        assert (date, True) == (date, bool(EDTF.search(date)))


def test_minimal_document_is_valid() -> None:
    """A document with one source and one event has no schema errors."""
    assert [] == errors(minimal_document())


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    """Return a mutation that sets the value at a path inside the document."""

    def mutate(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    """Return a mutation that deletes the key at a path inside the document."""

    def mutate(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


EVENT = ("events", 0)


def _era(**fields: Any) -> dict[str, Any]:
    """Return a valid era record, with ``fields`` changed (a value of None removes the field)."""
    era: dict[str, Any] = {
        "id": "isil-territorial-control",
        "label": "ISIL holds territory",
        "date": "../2019-03",
        "sources": [{"source": "tengrinews-2019", "quote": "March 2019"}],
    }
    era.update(fields)
    return {key: value for key, value in era.items() if value is not None}


# name -> (mutation, the validator keyword that must report it)
MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown event key": (_set((*EVENT, "titel"), "x"), "additionalProperties"),
    "$ref key in an event": (
        _set((*EVENT, "$ref"), "#/events/0"),
        "additionalProperties",
    ),
    "date as an integer": (_set((*EVENT, "date"), 2013), "type"),
    "missing title": (_delete((*EVENT, "title")), "required"),
    "ftp url": (_set(("sources", 0, "url"), "ftp://x"), "pattern"),
    "country UK": (
        _set((*EVENT, "places"), [{"name": "London", "country": "UK"}]),
        "enum",
    ),
    "figure with value and low": (
        _set((*EVENT, "figures"), [{"what": "a", "unit": "b", "value": 7, "low": 1}]),
        "oneOf",
    ),
    "figure with neither value nor range": (
        _set((*EVENT, "figures"), [{"what": "a", "unit": "b"}]),
        "oneOf",
    ),
    "figure with value and best": (
        _set((*EVENT, "figures"), [{"what": "a", "unit": "b", "value": 7, "best": 1}]),
        "not",
    ),
    "lat without lon": (
        _set((*EVENT, "places"), [{"name": "Almaty", "country": "KZ", "lat": 43.2}]),
        "dependentRequired",
    ),
    "title of 81 characters": (_set((*EVENT, "title"), "x" * 81), "maxLength"),
    "empty sources on the event": (_set((*EVENT, "sources"), []), "minItems"),
    "category not a slug": (_set((*EVENT, "category"), "Not A Slug"), "pattern"),
    "title of 121 characters": (_set(("title",), "x" * 121), "maxLength"),
    "blank title": (_set(("title",), "   "), "pattern"),
    "title as a number": (_set(("title",), 2019), "type"),
    "empty list of eras": (_set(("eras",), []), "minItems"),
    "era without sources": (_set(("eras",), [_era(sources=None)]), "required"),
    "era with no citation": (_set(("eras",), [_era(sources=[])]), "minItems"),
    "era citation without a quote": (
        _set(("eras",), [_era(sources=[{"source": "tengrinews-2019"}])]),
        "required",
    ),
    "era label of 61 characters": (_set(("eras",), [_era(label="x" * 61)]), "maxLength"),
    "era id not a slug": (_set(("eras",), [_era(id="ISIL")]), "pattern"),
    "era date malformed": (_set(("eras",), [_era(date="March 2019")]), "pattern"),
    "unknown era key": (_set(("eras",), [_era(title="x")]), "additionalProperties"),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_single_mutation_is_invalid(name: str) -> None:
    """Each single mistake in an otherwise valid document is one error of the right kind."""
    mutate, keyword = MUTATIONS[name]
    document = minimal_document()
    mutate(document)
    assert [keyword] == [str(error.validator) for error in VALIDATOR.iter_errors(document)]


@pytest.mark.parametrize(
    "figure",
    [
        {"value": 700, "approximate": True},
        {"low": 80, "high": 200},
        {"low": 80},
        {"high": 200, "best": 150},
    ],
)
def test_figure_shapes_that_are_valid(figure: dict[str, Any]) -> None:
    """A single value, or a range with low and/or high and an optional best, is valid."""
    document = minimal_document()
    document["events"][0]["figures"] = [{"what": "people", "unit": "people", **figure}]
    assert [] == errors(document)


def test_full_document_is_valid() -> None:
    """A document that uses every optional field is valid."""
    document = minimal_document()
    document["categories"] = {"repatriation": {"label": "Repatriation", "description": "x"}}
    document["title"] = "x" * 120
    document["eras"] = [
        _era(label="x" * 60, notes="The start is not given."),
        _era(id="later", date="2019-03/.."),
    ]
    document["eras"][0]["sources"][0]["locator"] = "paragraph 1"
    document["sources"][0].update(
        {
            "authors": ["A. Author"],
            "published": "2019-01-07",
            "file": "seeds/000_x.txt",
            "language": "ru",
            "archived_url": "http://archive.example/x",
        }
    )
    document["events"][0].update(
        {
            "tags": ["zhusan"],
            "places": [
                {
                    "name": "Almaty",
                    "country": "KZ",
                    "region": "Almaty",
                    "lat": 43.2,
                    "lon": 76.9,
                }
            ],
            "actors": ["KNB"],
            "figures": [{"what": "citizens", "value": 47, "unit": "people"}],
            "related": ["other-event"],
            "notes": "The month is inferred.",
        }
    )
    document["events"][0]["sources"][0]["locator"] = "part 2"
    assert [] == errors(document)


@pytest.mark.parametrize(
    "path",
    ["/etc/x", "\\x", "C:/x", "c:x", "../x", "seeds/../../x", "a\\..\\b", "a/..", ""],
)
def test_relative_path_rejects_escapes(path: str) -> None:
    """A source's file may not be absolute, on a drive, or climb out with `..`."""
    document = minimal_document()
    document["sources"][0]["file"] = path
    assert True is (len(errors(document)) >= 1)


def test_category_keys_must_be_slugs() -> None:
    """Keys of the categories mapping are slugs."""
    document = minimal_document()
    document["categories"] = {"Not A Slug": {"label": "x"}}
    assert True is (len(errors(document)) >= 1)
