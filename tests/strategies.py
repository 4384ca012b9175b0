"""Hypothesis strategies shared by the test files: dates of the data format and YAML values.

The date strategies build their text and their bounds from the calendar, independently
of ``chronology.dates``, so that tests can compare the package against them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, NamedTuple

from hypothesis import strategies as st

from chronology.dates import DateInterval, EventDate, PartialDate

__all__ = [
    "QUALIFIERS",
    "YAML_1_1_WORDS",
    "DateText",
    "date_strings",
    "date_texts",
    "event_dates",
    "intervals",
    "json_documents",
    "json_text",
    "json_values",
    "partial_dates",
    "single_date_texts",
    "yaml_raw_text",
    "yaml_strings",
    "yamlish_bytes",
    "years",
]

#: The EDTF qualifiers and what they say: (approximate, uncertain).
QUALIFIERS: dict[str, tuple[bool, bool]] = {
    "": (False, False),
    "~": (True, False),
    "?": (False, True),
    "%": (True, True),
}


class DateText(NamedTuple):
    """A date string of the data format with the days it may mean (``None``: open)."""

    text: str
    earliest: dt.date | None
    latest: dt.date | None


def years() -> st.SearchStrategy[int]:
    """Years 0001..9999, often the edges and a few close years (so that dates collide)."""
    return st.one_of(
        st.sampled_from([1, 2, 1900, 2000, 2012, 2013, 2014, 9998, 9999]),
        st.integers(min_value=1, max_value=9999),
    )


@st.composite
def single_date_texts(draw: st.DrawFn) -> DateText:
    """A ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string with an optional qualifier."""
    year = draw(years())
    precision = draw(st.sampled_from(["year", "month", "day"]))
    qualifier = draw(st.sampled_from(sorted(QUALIFIERS)))
    if precision == "year":
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return DateText(f"{year:04d}{qualifier}", first, last)
    month = draw(st.integers(min_value=1, max_value=12))
    days_in_month = calendar.monthrange(year, month)[1]
    if precision == "month":
        first, last = dt.date(year, month, 1), dt.date(year, month, days_in_month)
        return DateText(f"{year:04d}-{month:02d}{qualifier}", first, last)
    day = draw(st.integers(min_value=1, max_value=days_in_month))
    the_day = dt.date(year, month, day)
    return DateText(f"{year:04d}-{month:02d}-{day:02d}{qualifier}", the_day, the_day)


@st.composite
def interval_texts(draw: st.DrawFn) -> DateText:
    """A valid ``START/END`` string: the end never precedes the start; one end may be ``..``."""
    a = draw(single_date_texts())
    b = draw(single_date_texts())
    if b.latest is not None and a.earliest is not None and b.latest < a.earliest:
        a, b = b, a
    shape = draw(st.sampled_from(["closed", "open start", "open end"]))
    if shape == "open start":
        return DateText(f"../{b.text}", None, b.latest)
    if shape == "open end":
        return DateText(f"{a.text}/..", a.earliest, None)
    return DateText(f"{a.text}/{b.text}", a.earliest, b.latest)


def date_texts() -> st.SearchStrategy[DateText]:
    """Any valid date string of the data format, with its earliest and latest day."""
    return st.one_of(single_date_texts(), interval_texts())


def date_strings() -> st.SearchStrategy[str]:
    """Any valid date string of the data format."""
    return date_texts().map(lambda d: d.text)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """A :class:`PartialDate` built from its fields (not parsed)."""
    year = draw(years())
    precision = draw(st.sampled_from(["year", "month", "day"]))
    approximate, uncertain = draw(st.sampled_from(list(QUALIFIERS.values())))
    month = day = None
    if precision != "year":
        month = draw(st.integers(min_value=1, max_value=12))
    if precision == "day":
        assert month is not None
        day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day, approximate, uncertain)


@st.composite
def intervals(draw: st.DrawFn) -> DateInterval:
    """A valid :class:`DateInterval` built from its fields; one end may be open (``None``)."""
    a = draw(partial_dates())
    b = draw(partial_dates())
    if b.latest < a.earliest:
        a, b = b, a
    shape = draw(st.sampled_from(["closed", "open start", "open end"]))
    if shape == "open start":
        return DateInterval(None, b)
    if shape == "open end":
        return DateInterval(a, None)
    return DateInterval(a, b)


def event_dates() -> st.SearchStrategy[EventDate]:
    """Any :class:`EventDate`: a partial date or an interval."""
    return st.one_of(partial_dates(), intervals()).map(EventDate)


# --- YAML ---------------------------------------------------------------------------

#: Words that YAML 1.1 (PyYAML's resolver) or the YAML 1.2 core schema give a
#: meaning other than text, and text that looks like YAML syntax.
YAML_1_1_WORDS: tuple[str, ...] = (
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "NO",
    "On",
    "OFF",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "",
    " ",
    "2013",
    "2013-10",
    "2019-03-23",
    "2019-03-23 10:00:00",
    "0x1f",
    "0o17",
    "017",
    "0b101",
    "1_000",
    "12:30",
    "1e5",
    "+.5",
    ".inf",
    "-.Inf",
    ".NaN",
    "-",
    "- x",
    "? x",
    ": x",
    "a: b",
    "# c",
    "a #b",
    "&a",
    "*a",
    "!t",
    "'",
    '"',
    "|",
    ">",
    "@x",
    "`x",
    "%x",
    "---",
    "...",
    "[x]",
    "{x: y}",
    "x,",
    "<<",
    "=",
    " lead",
    "trail ",
    "tab\there",
    "two\nlines",
    "\u00e9t\u00e9",
)

# Characters that YAML 1.2 allows unescaped (c-printable), minus the ones libyaml
# (a YAML 1.1 reader) takes for line breaks: U+0085, U+2028 and U+2029. Those have
# their own tests in test_yamlio.py, so that a property does not hide behind them.
_RAW_CHARACTERS = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\ufffe\uffff\u2028\u2029",
)


def yaml_raw_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Text made of characters a YAML 1.2 file may hold as they are (no controls)."""
    return st.text(_RAW_CHARACTERS, max_size=max_size)


def json_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Text for ``json.dumps`` (which escapes what it must): Basic Multilingual Plane only.

    YAML's ``\\u`` escape is one 16-bit character and YAML has no surrogate pairs, so
    JSON's escape ``"\\ud83d\\ude00"`` for characters beyond U+FFFF is not YAML;
    those characters are covered by :func:`yaml_raw_text`.
    """
    return st.one_of(
        st.sampled_from(YAML_1_1_WORDS),
        st.text(st.characters(max_codepoint=0xFFFF, codec="utf-8"), max_size=max_size),
    )


def yaml_strings(max_size: int = 12) -> st.SearchStrategy[str]:
    """Text a YAML writer has to get right: special words, YAML syntax, any printable text."""
    return st.one_of(st.sampled_from(YAML_1_1_WORDS), yaml_raw_text(max_size))


def json_values(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """JSON-like values: dicts with text keys, lists, text, ints, booleans and ``None``."""
    strings = yaml_strings() if text is None else text
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        strings,
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(strings, children, max_size=4),
        ),
        max_leaves=12,
    )


def json_documents(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """A whole data file's value: a mapping or a list (a lone ``null`` is an empty file)."""
    strings = yaml_strings() if text is None else text
    values = json_values(strings)
    return st.one_of(
        st.dictionaries(strings, values, max_size=4),
        st.lists(values, max_size=4),
    )


# Pieces of YAML syntax and of broken text, so that random bytes reach the parser's
# corners (indicators, tags, anchors, directives, encodings, bad bytes).
_YAML_PIECES: tuple[bytes, ...] = (
    b"a",
    b"1",
    b"0x",
    b":",
    b": ",
    b" ",
    b"  ",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b"- ",
    b"? ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"'",
    b'"',
    b"\\",
    b"\\u",
    b"|",
    b">",
    b"#",
    b"&a ",
    b"*a",
    b"!",
    b"!!str ",
    b"%YAML 1.2\n",
    b"%TAG ! tag:x,2000:\n",
    b"---",
    b"...",
    b"~",
    b"null",
    b"true",
    b".inf",
    b"\xc3\xa9",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\x01",
    b"\x7f",
)


def yamlish_bytes() -> st.SearchStrategy[bytes]:
    """Bytes that are often almost YAML: pieces of syntax, text and invalid bytes."""
    return st.one_of(
        st.binary(max_size=64),
        st.lists(st.sampled_from(_YAML_PIECES), max_size=24).map(b"".join),
    )
