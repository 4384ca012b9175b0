"""Warnings about valid data (W001 to W004), ``--strict``, and ``--format github``.

Each warning is checked on a minimal file at its exact line and column, with the
near misses that must not trigger it; the duplicate rule's fast sweep is compared
with a plain all-pairs implementation written here, on generated events.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import DateText, date_texts

import chronology
from chronology import heuristics
from chronology.aliases import words
from chronology.heuristics import Dated, likely_duplicates, short_quote, warning_problems
from chronology.problems import Problem, Severity
from chronology.quotes import normalise
from chronology.report import escape_data, escape_property, github_report
from chronology.validate import Report, check_bytes

from conftest import Run

#: Two sources with archived copies (so no W004), then the events from line 13 on.
HEADER = """\
sources:
  - id: fox
    title: A fox
    publisher: Example Press
    url: https://example.org/fox
    archived_url: https://web.archive.org/web/2013/https://example.org/fox
  - id: dog
    title: A dog
    publisher: Example Press
    url: https://example.org/dog
    archived_url: https://web.archive.org/web/2013/https://example.org/dog
events:
"""

#: One event: eight lines. Event ``k`` (from 0) starts on line 13 + 8k, its title is on
#: line 14 + 8k at column 12, its date on line 15 + 8k at column 11, and its quote on
#: line 20 + 8k at column 16.
EVENT = """\
  - id: {id}
    title: {title}
    date: {date}
    summary: Something happened.
    category: animals
    sources:
      - source: {source}
        quote: {quote}
"""

SENTENCE = "The quick brown fox jumps over the lazy dog."


def event(
    ident: str,
    title: str = "The fox jumps",
    date: str = "2013",
    *,
    source: str = "fox",
    quote: str = SENTENCE,
) -> dict[str, str]:
    """The fields of one event of the file made by :func:`data_file`."""
    return {"id": ident, "title": title, "date": date, "source": source, "quote": quote}


def data_file(*events: dict[str, str], header: str = HEADER) -> bytes:
    """A data file with ``events``, every text field double-quoted (JSON is valid YAML)."""
    blocks = [EVENT.format(**{k: json.dumps(v) for k, v in e.items()}) for e in events]
    return (header + "".join(blocks)).encode("utf-8")


def found(data: bytes, today: dt.date = dt.date(2026, 1, 1)) -> list[tuple[int, int, str]]:
    """(line, column, code) of every problem of ``data``; W002 against ``today``."""
    return [(p.line, p.column, p.code) for p in problems(data, today)]


def problems(data: bytes, today: dt.date = dt.date(2026, 1, 1)) -> list[Problem]:
    """The schema-valid file's problems: warnings as of ``today``, and any errors."""
    report = check_bytes(data, "x.yaml")
    assert [] == list(report.errors), report.errors
    return warning_problems(report.data, "x.yaml", today)


# --- W001: likely duplicates -----------------------------------------------------------


def test_w001_similar_titles_is_reported_at_the_later_title() -> None:
    """Titles sharing 3 of their 4 words, on overlapping dates, are one W001 on the title
    of the event listed later, naming the other event and its line."""
    data = data_file(
        event("a", "The fox jumps", "2013", quote=SENTENCE),
        event("b", "The brown fox jumps", "2013-06", quote="jumps over the lazy dog"),
    )
    (problem,) = problems(data)
    assert (22, 12, "W001", Severity.WARNING) == (
        problem.line,
        problem.column,
        problem.code,
        problem.severity,
    )
    assert (
        "event 'b': likely a duplicate of event 'a' (line 13): their dates may overlap "
        "and their titles share most of their words"
    ) == problem.message
    assert "merge them" in (problem.hint or "")


def test_w001_same_quote_is_reported_at_the_later_quote() -> None:
    """Different titles citing the same quote of the same source (after whitespace
    normalisation) on overlapping dates are one W001 at the later event's quote."""
    data = data_file(
        event("a", "The fox jumps", "2013-05", quote=SENTENCE),
        event("b", "A dog lies in the sun", "2013", quote=SENTENCE.replace(" ", "\n  ")),
    )
    (problem,) = problems(data)
    assert (28, 16, "W001") == (problem.line, problem.column, problem.code)
    assert (
        "event 'b': likely a duplicate of event 'a' (line 13): their dates may overlap "
        "and both cite this quote of source 'fox'"
    ) == problem.message


def test_w001_is_on_the_event_listed_later_whatever_the_dates() -> None:
    """The pair is reported on the later record in the file, even when its date is earlier."""
    data = data_file(event("late", date="2014-03"), event("early", date="2014"))
    assert [(22, 12, "W001")] == found(data)
    assert "event 'early': likely a duplicate of event 'late'" in problems(data)[0].message


def test_w001_three_copies_are_two_warnings() -> None:
    """Three copies of an event: each copy after the first is warned once, naming the
    first one listed."""
    data = data_file(event("a"), event("b"), event("c"))
    messages = [p.message.partition(" (line")[0] for p in problems(data)]
    assert [
        "event 'b': likely a duplicate of event 'a'",
        "event 'c': likely a duplicate of event 'a'",
    ] == messages


@pytest.mark.parametrize(
    ("dates", "named"),
    [
        (("2013-06", "2013-03/2013-06", "2013"), "b"),  # none starts before c: the first
        (("2013-06", "2013", "2013-03"), "b"),  # only b starts before c
        (("2013", "2013-06", "2013-03"), "a"),  # only a starts before c
    ],
)
def test_w001_names_the_first_listed_that_starts_no_later(
    dates: tuple[str, str, str], named: str
) -> None:
    """The third copy names, of the copies listed before it, the first listed among
    those that start no later than it, or else the first to start."""
    data = data_file(*(event(ident, date=d) for ident, d in zip("abc", dates, strict=True)))
    assert [
        "event 'b': likely a duplicate of event 'a'",
        f"event 'c': likely a duplicate of event '{named}'",
    ] == [p.message.partition(" (line")[0] for p in problems(data)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # similar titles, but dates that cannot share a day
        (event("a", date="2013-10"), event("b", date="2013-11")),
        (event("a", date="../2012-12-31"), event("b", date="2013")),
        (event("a", date="2013-10-05"), event("b", date="2013-10-04~")),  # ~ does not widen
        # overlapping dates, titles under the threshold: 3 shared of 5, 2 of 5, none
        (
            event("a", "The fox jumps", quote=SENTENCE),
            event("b", "The fox jumps high again", quote="jumps over the lazy dog"),
        ),
        (
            event("a", "Protesters storm city hall", quote=SENTENCE),
            event("b", "Protesters storm airport", quote="jumps over the lazy dog"),
        ),
        (event("a", "!!!", quote=SENTENCE), event("b", "!!!", quote="over the lazy dog")),
        # the same quote, but of another source, or in other case
        (event("a", "A fox", source="fox"), event("b", "A dog", source="dog")),
        (event("a", "A fox"), event("b", "A dog", quote=SENTENCE.lower())),
    ],
    ids=[
        "months-apart",
        "open-start-ends-before",
        "days-apart-approximate",
        "3-of-5-words",
        "2-of-5-words",
        "no-words",
        "other-source",
        "other-case",
    ],
)
def test_w001_near_misses_are_not_reported(first: dict[str, str], second: dict[str, str]) -> None:
    """Near misses of the rule are not duplicates: dates that cannot overlap, titles that
    share less than 3/4 of their words, a quote of another source or in other case."""
    assert [] == found(data_file(first, second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2010/..", "2020-02-29"),  # an open end reaches any later day
        ("../2013-01-01", "2013"),  # an open start ends on a day of 2013
        ("2013", "2013-12-31"),  # a year covers each of its days
        ("2013-10/2014-02", "2014-02-28"),
        ("2013-10-05%", "2013-10"),
    ],
)
def test_w001_any_overlap_of_the_days_counts(first: str, second: str) -> None:
    """Dates that may share a single day are overlapping, open ends included."""
    data = data_file(event("a", date=first), event("b", date=second))
    assert [(22, 12, "W001")] == found(data)


def test_w001_3_of_4_words_is_the_threshold() -> None:
    """Exactly 3/4 of the words shared is similar; the folded words count, each once."""
    assert heuristics.similar_titles(words("The FOX jumps"), words("the fox, jumps — high!"))
    assert heuristics.similar_titles(words("Fox fox jumps"), words("fox jumps"))
    assert not heuristics.similar_titles(words("a b c d e"), words("a b c d f g"))
    assert heuristics.similar_titles(words("a b c d e f g"), words("a b c d e f g h"))


def test_w001_skips_records_it_cannot_read() -> None:
    """Events without a readable date, title or citation are skipped, never a crash."""
    root = {
        "events": [
            {"id": "a", "title": "The fox jumps", "date": "2013-02-30"},
            {"id": "b", "title": "The fox jumps", "date": 2013},
            {"id": "c", "title": 7, "date": "2013", "sources": "fox"},
            {"id": "d", "date": "2013", "sources": [{"source": 1, "quote": "x"}, "y"]},
            "not a record",
            {"title": "The fox jumps", "date": "2013"},
            {"id": "e", "title": "The fox jumps", "date": "2013"},
        ],
        "sources": "not a list",
        "eras": [{"date": ["2999"]}, 5],
    }
    (problem,) = warning_problems(root, "x.yaml", dt.date(2026, 1, 1))
    assert "event 'e': likely a duplicate of event 6 (line 1)" in problem.message


def test_warnings_of_a_file_that_is_not_a_mapping() -> None:
    """A file that holds a list or a text has no warnings (the schema check reports it)."""
    assert [[], []] == [warning_problems([1], "x.yaml"), warning_problems("x", "x.yaml")]


@pytest.mark.parametrize("same_title", [True, False], ids=["one-title", "rare-word-each"])
def test_sweep_does_not_compare_all_pairs(
    monkeypatch: pytest.MonkeyPatch, same_title: bool
) -> None:
    """3,000 events all in the same year (every pair overlaps), with one title, or with
    titles that share common words but differ in a rare one: the sweep compares titles a
    few times, not for each of the 4.5 million pairs, and warns each copy once."""
    calls = 0
    similar_sets = heuristics._similar_sets

    def counting(a: frozenset[str], b: frozenset[str]) -> bool:
        nonlocal calls
        calls += 1
        return similar_sets(a, b)

    monkeypatch.setattr(heuristics, "_similar_sets", counting)
    items = [
        Dated(
            n,
            100 + n % 7,
            465,
            ("the", "fox", "jumps") if same_title else ("the", "fox", f"n{n}", "jumps"),
            frozenset({("fox", f"q{n}")}),
        )
        for n in range(3000)
    ]
    warned = likely_duplicates(items)
    assert (2999 if same_title else 0) == len(warned)
    assert all(0 == other for other, _ in warned.values())
    assert calls <= 3000


# --- the sweep against a plain all-pairs implementation --------------------------------

_TITLE_WORDS = st.lists(st.sampled_from(["the", "fox", "dog", "jumps", "Lazy", "lázy"]), max_size=5)
_QUOTES = st.sampled_from(["the quick fox", "the lazy dog", "the  quick fox", "THE LAZY DOG"])


@st.composite
def event_lists(draw: st.DrawFn) -> list[tuple[str, DateText, str, str]]:
    """Events as (title, date, source, quote), from few words, dates, sources and quotes,
    so that duplicates of both kinds are common."""
    count = draw(st.integers(min_value=0, max_value=12))
    return [
        (
            " ".join(draw(_TITLE_WORDS)),
            draw(date_texts()),
            draw(st.sampled_from(["fox", "dog"])),
            draw(_QUOTES),
        )
        for _ in range(count)
    ]


def _root(events: list[tuple[str, DateText, str, str]], ids: list[str]) -> dict[str, Any]:
    return {
        "events": [
            {"id": i, "title": t, "date": d.text, "sources": [{"source": s, "quote": q}]}
            for i, (t, d, s, q) in zip(ids, events, strict=True)
        ]
    }


def _may_share_a_day(a: DateText, b: DateText) -> bool:
    """An independent overlap: neither ends before the other starts (None: open)."""
    a_before = a.latest is not None and b.earliest is not None and a.latest < b.earliest
    b_before = b.latest is not None and a.earliest is not None and b.latest < a.earliest
    return not (a_before or b_before)


def _named_by_rule(partners: Sequence[tuple[int, DateText | int]], start: DateText | int) -> int:
    """Which of an event's earlier-listed duplicates (index, date) the warning names: the
    first listed among those that start no later than it does, else the first to start."""

    def first_day(date: DateText | int) -> int:
        if isinstance(date, int):
            return date
        return -1 if date.earliest is None else date.earliest.toordinal()

    before = [i for i, d in partners if first_day(d) <= first_day(start)]
    if before:
        return min(before)
    return min(partners, key=lambda p: (first_day(p[1]), p[0]))[0]


def _reference(
    events: list[tuple[str, DateText, str, str]], related: frozenset[frozenset[int]] = frozenset()
) -> dict[int, int]:
    """The rule as docs/problems.md states it, over all pairs: each event with a likely
    duplicate listed before it, and the one its warning names. Events related to each
    other are never duplicates."""
    named = {}
    for j, b in enumerate(events):
        partners = []
        for i, a in enumerate(events[:j]):
            if frozenset((i, j)) in related:
                continue
            first, second = set(words(a[0])), set(words(b[0]))
            similar = bool(first and second) and Fraction(
                len(first & second), len(first | second)
            ) >= Fraction(3, 4)
            same_quote = a[2] == b[2] and " ".join(a[3].split()) == " ".join(b[3].split())
            if _may_share_a_day(a[1], b[1]) and (similar or same_quote):
                partners.append((i, a[1]))
        if partners:
            named[j] = _named_by_rule(partners, b[1])
    return named


def _flagged(root: dict[str, Any]) -> dict[str, str]:
    """The warned event ids of the W001 warnings about ``root``, with the ids they name."""
    problems = warning_problems(root, "x.yaml", dt.date.max)
    named = [re.findall(r"event '([^']+)'", p.message) for p in problems if p.code == "W001"]
    assert len(named) == len({ids[0] for ids in named}), "an event is warned once"
    return {ids[0]: ids[1] for ids in named}


@settings(max_examples=300, deadline=None)
@given(event_lists())
def test_sweep_warns_as_the_all_pairs_rule(
    events: list[tuple[str, DateText, str, str]],
) -> None:
    """The fast sweep warns exactly the events that have a likely duplicate listed before
    them (by a plain all-pairs implementation of the rule), each once, naming the one
    the rule says."""
    ids = [f"e{n}" for n in range(len(events))]
    expected = {ids[j]: ids[i] for j, i in _reference(events).items()}
    assert expected == _flagged(_root(events, ids))


@settings(max_examples=300, deadline=None)
@given(event_lists(), st.data())
def test_related_events_are_never_duplicates(
    events: list[tuple[str, DateText, str, str]], data: st.DataObject
) -> None:
    """Events that list each other in `related` (either way round) are distinct by the
    curator's word: the sweep leaves those pairs out, and otherwise warns as the rule says."""
    ids = [f"e{n}" for n in range(len(events))]
    pairs = (
        data.draw(
            st.lists(
                st.tuples(st.sampled_from(range(len(events))), st.sampled_from(range(len(events))))
            )
        )
        if events
        else []
    )
    related = frozenset(frozenset(pair) for pair in pairs if pair[0] != pair[1])
    root = _root(events, ids)
    for first, second in pairs:
        if first != second:
            root["events"][first].setdefault("related", []).append(ids[second])
    expected = {ids[j]: ids[i] for j, i in _reference(events, related).items()}
    assert expected == _flagged(root)


@settings(max_examples=200, deadline=None)
@given(event_lists().filter(lambda e: len(e) >= 2), st.randoms(use_true_random=False))
def test_w001_is_symmetric_in_the_order_of_the_file(
    events: list[tuple[str, DateText, str, str]], random: Any
) -> None:
    """Two events are flagged as duplicates whichever of them is listed first: the later
    one names the earlier."""
    a, b = random.sample(events, 2)
    forward, backward = _flagged(_root([a, b], ["a", "b"])), _flagged(_root([b, a], ["b", "a"]))
    assert (forward == {"b": "a"}) == (backward == {"a": "b"})
    assert {} in (forward, backward) or (forward, backward) == ({"b": "a"}, {"a": "b"})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(0, 30),
            st.lists(st.sampled_from("abcdefgh"), max_size=10),
            st.sets(st.sampled_from(["q1", "q2", "q3"]), max_size=2),
            st.booleans(),
            st.booleans(),
        ),
        max_size=15,
    )
)
def test_likely_duplicates_agrees_with_all_pairs(
    specs: list[tuple[int, int, list[str], set[str], bool, bool]],
) -> None:
    """On items with open ends, long titles, repeated words and shared quotes,
    likely_duplicates warns exactly the items with an earlier-listed item for which
    Dated.duplicates holds, naming the one the rule says."""
    items = []
    for n, (start, length, title, quotes, open_start, open_end) in enumerate(specs):
        first = dt.date(2013, 1, 1).toordinal() + start
        items.append(
            Dated(
                n,
                dt.date.min.toordinal() - 1 if open_start else first,
                dt.date.max.toordinal() + 1 if open_end else first + length,
                tuple(title),
                frozenset(("fox", q) for q in quotes),
            )
        )
    expected = {}
    for j, item in enumerate(items):
        partners = [(i, items[i].earliest) for i in range(j) if items[i].duplicates(item)]
        if partners:
            expected[j] = _named_by_rule(partners, item.earliest)
    assert expected == {p: other for p, (other, _) in likely_duplicates(items).items()}


# --- W002: dates in the future ---------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "today", "warned"),
    [
        ("2020-06", dt.date(2020, 5, 31), True),  # starts tomorrow
        ("2020-06", dt.date(2020, 6, 1), False),  # starts today
        ("2021~", dt.date(2020, 12, 31), True),
        ("2021/..", dt.date(2020, 12, 31), True),
        ("2019/2021", dt.date(2020, 1, 1), False),  # a period that has begun
        ("../2030", dt.date(2020, 1, 1), False),  # an unknown start
    ],
)
def test_w002_event_date_after_today(date: str, today: dt.date, warned: bool) -> None:
    """An event whose earliest possible day is after ``today`` gets W002 at its date."""
    expected = [(15, 11, "W002")] if warned else []
    assert expected == found(data_file(event("a", date=date)), today)


def test_w002_message_says_when_the_date_starts() -> None:
    """The message quotes the date and its earliest day, without today's date."""
    (problem,) = problems(data_file(event("a", date="2999-06~")))
    assert (
        "event 'a': the date '2999-06~' is in the future: it starts on 2999-06-01 at the earliest"
    ) == problem.message


def test_w002_era_and_source_published_after_today() -> None:
    """An era's date and a source's `published` are checked against today too."""
    header = HEADER.replace("  - id: dog\n", '  - id: dog\n    published: "2021-02"\n').replace(
        "events:\n",
        'eras:\n  - id: x\n    label: X\n    date: "2021-02~"\n    sources:\n'
        "      - source: fox\n        quote: The quick brown fox jumps\n"
        "events:\n",
    )
    data = data_file(event("a", date="2020"), header=header)
    assert [(8, 16, "W002"), (16, 11, "W002")] == found(data, dt.date(2021, 1, 31))
    assert [] == found(data, dt.date(2021, 2, 1))
    assert (
        "'published' is in the future: '2021-02' starts on 2021-02-01 at the earliest"
        == (problems(data, dt.date(2021, 1, 31))[0].message.partition(": ")[2])
    )


def test_w002_uses_the_real_today_by_default() -> None:
    """check_bytes (and so `chronology validate`) compares with the clock's today."""
    far, near = dt.date.today().year + 2, dt.date.today().year - 1
    assert ["W002"] == [
        p.code for p in check_bytes(data_file(event("a", date=str(far))), "x.yaml").problems
    ]
    assert [] == list(check_bytes(data_file(event("a", date=str(near))), "x.yaml").problems)


# --- W003: short quotes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "warned"),
    [
        ("the lazy dog", True),  # 3 words, 12 characters
        ("dog", True),
        ("over the lazy dog", False),  # 4 words
        ("Internationally recognised legislation", False),  # 3 words, 38 characters
        ("a  b\n c", True),
        ("他在二零一三年去了叙利亚", True),  # one run of 12 letters
        ("他在二零一三年去了叙利亚并在那里住了两年然后回到了哈萨克斯坦", False),  # 30
    ],
)
def test_w003_short_quote(quote: str, warned: bool) -> None:
    """A quote of fewer than 4 words and fewer than 25 characters gets W003 at the quote."""
    expected = [(20, 16, "W003")] if warned else []
    assert expected == found(data_file(event("a", quote=quote)))


def test_w003_message_counts_the_words() -> None:
    """The message says how many words, and the hint the limits."""
    (problem,) = problems(data_file(event("a", quote="lazy dog")))
    assert (
        "citation 1 of event 'a': the quote is suspiciously short (2 words)"
        == (problem.message.partition(":  ")[0].split(": a few")[0])
    )
    assert "at least 4 words or 25 characters" in (problem.hint or "")


@given(st.text(max_size=40))
def test_short_quote_is_the_documented_rule(quote: str) -> None:
    """short_quote is: fewer than 4 words and fewer than 25 characters once normalised."""
    expected = len(words(quote)) < 4 and len(normalise(quote)) < 25
    assert expected == short_quote(quote)


def test_w003_in_an_era() -> None:
    """An era's short quote is warned as an event's is."""
    header = HEADER.replace(
        "events:\n",
        'eras:\n  - id: x\n    label: X\n    date: "2013"\n    sources:\n'
        "      - source: fox\n        quote: lazy dog\n"
        "events:\n",
    )
    assert [(18, 16, "W003")] == found(data_file(event("a"), header=header))


# --- W004: no archived copy ------------------------------------------------------------


def test_w004_source_without_archived_url_at_its_url() -> None:
    """A source without `archived_url` gets W004 at its `url` key; one with it, none."""
    header = HEADER.replace(
        "    archived_url: https://web.archive.org/web/2013/https://example.org/dog\n", ""
    )
    (problem,) = problems(data_file(event("a"), header=header))
    assert (10, 5, "W004") == (problem.line, problem.column, problem.code)
    assert (
        "source 'dog': no 'archived_url': if the page at 'url' changes or disappears, "
        "no one can check the quotes against it"
    ) == problem.message
    assert "https://web.archive.org/save" in (problem.hint or "")


def test_w004_source_without_url_is_warned_at_the_record() -> None:
    """Without a `url` either (a schema error), W004 points at the record."""
    root_problems = check_bytes(
        b"sources:\n  - id: fox\n    title: T\nevents: []\n", "x.yaml"
    ).problems
    assert (2, 5, "W004") in [(p.line, p.column, p.code) for p in root_problems]


# --- the label, strict, and the reporters ----------------------------------------------


def test_warning_label_in_text() -> None:
    """A warning reads `CODE warning: message`; an error `CODE message`."""
    error = Problem("x.yaml", 1, 2, "R001", "bad", "fix it")
    warning = Problem("x.yaml", 1, 2, "W004", "hmm", "fix it", Severity.WARNING)
    assert ["x.yaml:1:2: R001 bad (fix it)", "x.yaml:1:2: W004 warning: hmm (fix it)"] == [
        str(error),
        str(warning),
    ]


def test_strict_makes_every_warning_an_error() -> None:
    """Report.strict() keeps each problem, code and place, with severity error."""
    data = data_file(event("a", quote="dog"), event("b", date="2013-02-30"))
    report = check_bytes(data, "x.yaml")
    strict = report.strict()
    assert ["W003", "D002"] == [p.code for p in report.problems]
    assert [Severity.WARNING, Severity.ERROR] == [p.severity for p in report.problems]
    assert [(p.line, p.column, p.code, p.message) for p in report.problems] == [
        (p.line, p.column, p.code, p.message) for p in strict.problems
    ]
    assert [Severity.ERROR] * 2 == [p.severity for p in strict.problems]
    assert (False, 2, ()) == (strict.valid, len(strict.errors), strict.warnings)
    assert report.data is strict.data


def test_load_accepts_a_file_with_only_warnings(tmp_path: Path) -> None:
    """load() loads a file whose problems are all warnings; it is valid."""
    (tmp_path / "x.yaml").write_bytes(data_file(event("a", quote="dog"), event("b")))
    assert ["a", "b"] == [e.id for e in chronology.load(tmp_path / "x.yaml")]


def test_escaping_follows_the_actions_toolkit() -> None:
    """Data escapes %, CR and LF (in that order: no double escaping); properties also
    escape ':' and ','."""
    assert "100%25 sure%0D%0Anext: a, b%253A" == escape_data("100% sure\r\nnext: a, b%3A")
    assert "C%3A/x%2Cy%25%0A" == escape_property("C:/x,y%\n")


def test_github_report_escapes_a_hostile_problem() -> None:
    """A path and message with %, line breaks, ':' and ',' stay one annotation line."""
    problem = Problem("a:b,c%.yaml", 3, 9, "W003", "50% of\nit: a, b", "hint\r", Severity.WARNING)
    error = Problem("a:b,c%.yaml", 4, 1, "R001", "plain")
    out, err = github_report([Report("a:b,c%.yaml", (problem, error))], [("x,y", "gone\n")])
    assert "" == err
    assert [
        "::warning file=a%3Ab%2Cc%25.yaml,line=3,col=9,title=W003::50%25 of%0Ait: a, b (hint%0D)",
        "::error file=a%3Ab%2Cc%25.yaml,line=4,col=1,title=R001::plain",
        "::error title=chronology validate::cannot read x,y: gone%0A",
        "Found 1 error and 1 warning in 1 of 1 file",
    ] == out.splitlines()


def _warnings_only(folder: Path) -> None:
    (folder / "x.yaml").write_bytes(data_file(event("a", quote="lazy dog")))


def test_cli_strict_exit_status(run: Run, tmp_path: Path) -> None:
    """A file with only warnings exits 0; with --strict it exits 1, the warning an error."""
    _warnings_only(tmp_path)
    plain = run("validate", "x.yaml", cwd=tmp_path)
    strict = run("validate", "--strict", "x.yaml", cwd=tmp_path)
    line = (
        "x.yaml:20:16: W003{} citation 1 of event 'a': the quote is suspiciously short "
        "(2 words): a few words rarely show what the event says, and may be found in the "
        "source by chance (quote the whole sentence that supports the event: at least 4 "
        "words or 25 characters)"
    )
    assert (
        0,
        [line.format(" warning:"), "x.yaml: valid, 1 event from 2 sources, with 1 warning"],
    ) == (
        plain.returncode,
        plain.stdout.splitlines(),
    )
    assert (1, [line.format(""), "Found 1 error and 0 warnings in 1 of 1 file"]) == (
        strict.returncode,
        strict.stdout.splitlines(),
    )


def test_cli_strict_json_severity(run: Run, tmp_path: Path) -> None:
    """--strict --format json gives the warning's code with severity error, and valid false."""
    _warnings_only(tmp_path)
    document = json.loads(
        run("validate", "--strict", "--format", "json", "x.yaml", cwd=tmp_path).stdout
    )
    assert (False, [("W003", "error")]) == (
        document["valid"],
        [(p["code"], p["severity"]) for p in document["problems"]],
    )


def test_cli_format_github(run: Run, tmp_path: Path) -> None:
    """--format github prints one annotation per problem on the file and line, then the
    summary; --strict turns ::warning into ::error; an unreadable path is an ::error."""
    (tmp_path / "x.yaml").write_bytes(
        data_file(event("a", quote="lazy dog"), event("b", date="2013-02-30"))
    )
    result = run("validate", "--format", "github", "x.yaml", "nope.yaml", cwd=tmp_path)
    short = (
        "title=W003::citation 1 of event 'a': the quote is suspiciously short (2 words): "
        "a few words rarely show what the event says, and may be found in the source by "
        "chance (quote the whole sentence that supports the event: at least 4 words or 25 "
        "characters)"
    )
    assert 2 == result.returncode
    assert "" == result.stderr
    assert [
        f"::warning file=x.yaml,line=20,col=16,{short}",
        "::error file=x.yaml,line=23,col=11,title=D002::event 'b': '2013-02-30' is not on "
        "the calendar: February 2013 has 28 days",
        "::error title=chronology validate::cannot read nope.yaml: No such file or directory",
        "Found 1 error and 1 warning in 1 of 1 file",
    ] == result.stdout.splitlines()
    strict = run("validate", "--format", "github", "--strict", "x.yaml", cwd=tmp_path)
    assert 1 == strict.returncode
    assert strict.stdout.startswith(f"::error file=x.yaml,line=20,col=16,{short}\n")
