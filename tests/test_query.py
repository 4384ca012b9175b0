"""Queries of a Chronology: the indexed answers equal a plain scan's, on any chronology.

Each query of :class:`chronology.Chronology` is answered from lookup tables
(:mod:`chronology.index`); these tests generate chronologies and queries and compare
every answer with a scan over the events written here, in the simplest way, with
the days each date may mean taken from the calendar (``strategies.date_texts``), not
from ``chronology.dates``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import DateText, date_texts

import chronology
from chronology import Chronology, Citation, Event, EventDate, Place
from chronology.aliases import Aliases, words

BUNDLED = chronology.load()

CATEGORIES = ("protest", "justice", "policy")
TAGS = ("women", "children", "zhusan", "returnees")
PLACES = (
    Place("Astana", "KZ"),
    Place("Nur-Sultan", "KZ"),
    Place("Al-Hol camp", "SY"),
    Place("Almaty", "KZ"),
    Place("Baghdad", "IQ"),
)
ACTORS = ("Kassym-Jomart Tokayev", "Tokaev", "Asya (pseudonym)", "Human Rights Watch", "ISIS")
SOURCES = ("aljazeera", "hrw", "rferl")
WORDS = ("Zhusan", "Zhushan", "repatriation", "women", "Жусан", "rally", "ISIL", "court")
ALIASES = Aliases.from_dict(
    {
        "Astana": ["Nur-Sultan"],
        "Kassym-Jomart Tokayev": ["Tokaev", "Tokayev"],
        "Zhusan": ["Zhushan", "Жусан"],
        "ISIL": ["ISIS", "Islamic State"],
    }
)


@st.composite
def chronologies(draw: st.DrawFn) -> tuple[Chronology, dict[str, DateText]]:
    """A chronology of up to 25 events, and the days each event's date may mean."""
    count = draw(st.integers(min_value=0, max_value=25))
    dates = draw(st.lists(date_texts(), min_size=count, max_size=count))
    ids = [f"e{i:02d}" for i in range(count)]
    events = []
    for event_id, date in zip(ids, dates, strict=True):
        events.append(
            Event(
                id=event_id,
                title=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3))) or "x",
                date=EventDate.parse(date.text),
                summary=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3))) or "y",
                category=draw(st.sampled_from(CATEGORIES)),
                sources=tuple(
                    Citation(s, draw(st.sampled_from(WORDS)))
                    for s in draw(st.lists(st.sampled_from(SOURCES), min_size=1, unique=True))
                ),
                places=tuple(draw(st.lists(st.sampled_from(PLACES), max_size=2, unique=True))),
                actors=tuple(draw(st.lists(st.sampled_from(ACTORS), max_size=2, unique=True))),
                tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
                related=tuple(
                    draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) if ids else ()
                ),
            )
        )
    aliases = draw(st.sampled_from([ALIASES, Aliases()]))
    days = dict(zip(ids, dates, strict=True))
    return Chronology(events, aliases=aliases), days


def _scan(c: Chronology, keep: Callable[[Event], bool]) -> list[str]:
    return [e.id for e in c if keep(e)]


def _ids(c: Chronology) -> list[str]:
    return [e.id for e in c]


def _may_overlap(days: DateText, first: dt.date | None, last: dt.date | None) -> bool:
    starts_in_time = last is None or days.earliest is None or days.earliest <= last
    ends_in_time = first is None or days.latest is None or days.latest >= first
    return starts_in_time and ends_in_time


def _inside(days: DateText, first: dt.date | None, last: dt.date | None) -> bool:
    after = first is None or (days.earliest is not None and days.earliest >= first)
    before = last is None or (days.latest is not None and days.latest <= last)
    return after and before


def _name_matches(aliases: Aliases, query: str, name: str) -> bool:
    """The query's words appear in order in the name, each group of spellings as one."""
    return aliases.matches(query, name)


def _text_matches(aliases: Aliases, query: str, event: Event) -> bool:
    text = "\n".join((event.title, event.summary, *(c.quote for c in event.sources)))
    return any(
        all(
            any(
                w == q if q.startswith("#") else w.startswith(q)
                for form in aliases.forms(text)
                for w in form
            )
            for q in query_form
        )
        for query_form in aliases.forms(query)
        if query_form
    )


bounds = st.one_of(st.none(), date_texts())


class TestIndexedEqualsScan:
    @settings(max_examples=200)
    @given(chronologies(), bounds, bounds, st.booleans())
    def test_between(
        self,
        drawn: tuple[Chronology, dict[str, DateText]],
        start: DateText | None,
        end: DateText | None,
        inside: bool,
    ) -> None:
        """between() keeps exactly the events that may share a day with the period (or, with
        inside=True, lie certainly within it), whatever their precision and open ends."""
        c, days = drawn
        first = start.earliest if start is not None else None
        last = end.latest if end is not None else None
        if first is not None and last is not None and first > last:
            with pytest.raises(ValueError, match="starts after it ends"):
                c.between(start and start.text, end and end.text)
            return
        check = _inside if inside else _may_overlap
        expected = _scan(c, lambda e: check(days[e.id], first, last))
        actual = c.between(start and start.text, end and end.text, inside=inside)
        assert expected == _ids(actual)

    @settings(max_examples=300)
    @given(
        st.integers(0, 40),
        st.lists(
            st.tuples(
                st.booleans(),
                st.booleans(),
                st.integers(-2, 2),
                st.sampled_from([0, 1, 2, 3, 4, 6, 7, 8, 14, 15, 16, 30, 31, 32, 62, 63, 64]),
            ),
            max_size=30,
        ),
        st.booleans(),
    )
    def test_between_at_the_edges_of_spans(
        self, length: int, spans: list[tuple[bool, bool, int, int]], inside: bool
    ) -> None:
        """Day intervals lasting about a power of two days (the index buckets events by
        how long they may last, takes whole slices of those certain to match and checks
        the rest), starting or ending within two days of either end of a period: the
        answer is a scan's, for periods from one day long, for the whole chronology and
        for a few of its events (which are checked one by one)."""
        first = dt.date(2013, 3, 1)
        last = first + dt.timedelta(length)
        events, days = [], {}
        for i, (at_first, by_start, offset, span) in enumerate(spans):
            edge = (first if at_first else last) + dt.timedelta(offset)
            begin = edge if by_start else edge - dt.timedelta(span)
            days[f"e{i:02d}"] = (begin, begin + dt.timedelta(span))
            events.append(
                Event(
                    id=f"e{i:02d}",
                    title="x",
                    date=EventDate.parse(f"{begin}/{begin + dt.timedelta(span)}"),
                    category="policy",
                    summary="x",
                    sources=(Citation("hrw", "x"),),
                )
            )
        # Events far off, so that the events above are a small part of the chronology,
        # which a query narrows event by event rather than through the whole index.
        far = (
            [
                attrs.evolve(events[0], id=f"far{i}", date=EventDate.parse("2000"))
                for i in range(4 * len(events) + 1)
            ]
            if events
            else []
        )
        c = Chronology(events + far)
        few = c.filter(lambda e: e.id in days)
        if inside:
            expected = _scan(few, lambda e: first <= days[e.id][0] and days[e.id][1] <= last)
        else:
            expected = _scan(few, lambda e: days[e.id][0] <= last and days[e.id][1] >= first)
        assert (expected, expected) == (
            [i for i in _ids(c.between(first, last, inside=inside)) if i in days],
            _ids(few.between(first, last, inside=inside)),
        )

    @given(chronologies(), st.lists(st.sampled_from((*CATEGORIES, "nope")), max_size=3))
    def test_in_category(self, drawn: tuple[Chronology, object], slugs: list[str]) -> None:
        """in_category keeps the events filed under any of the slugs."""
        c, _ = drawn
        assert _scan(c, lambda e: e.category in slugs) == _ids(c.in_category(*slugs))

    @given(chronologies(), st.lists(st.sampled_from((*TAGS, "nope")), max_size=3))
    def test_tagged(self, drawn: tuple[Chronology, object], tags: list[str]) -> None:
        """tagged keeps the events carrying any of the tags."""
        c, _ = drawn
        assert _scan(c, lambda e: bool(set(e.tags) & set(tags))) == _ids(c.tagged(*tags))

    @given(chronologies(), st.lists(st.sampled_from((*SOURCES, "nope")), max_size=3))
    def test_citing(self, drawn: tuple[Chronology, object], ids: list[str]) -> None:
        """citing keeps the events that cite any of the sources."""
        c, _ = drawn
        expected = _scan(c, lambda e: any(s.source in ids for s in e.sources))
        assert expected == _ids(c.citing(*ids))

    @given(
        chronologies(),
        st.lists(
            st.sampled_from(["KZ", "kz", "Kazakhstan", "SY", "Syria", "IQ", "ZZ"]), max_size=2
        ),
    )
    def test_in_country(self, drawn: tuple[Chronology, object], countries: list[str]) -> None:
        """in_country matches ISO codes and English names, whatever their case."""
        c, _ = drawn
        names = {"kazakhstan": "KZ", "syria": "SY"}
        codes = {names.get(x.casefold(), x.upper()) for x in countries}
        expected = _scan(c, lambda e: any(p.country in codes for p in e.places))
        assert expected == _ids(c.in_country(*countries))

    @given(
        chronologies(),
        st.lists(
            st.sampled_from(
                ["Tokayev", "tokaev", "Kassym", "asya", "Islamic State", "HRW", "Rights Watch"]
            ),
            max_size=2,
        ),
    )
    def test_involving(self, drawn: tuple[Chronology, object], names: list[str]) -> None:
        """involving matches every spelling the aliases list, as a scan with matches() would."""
        c, _ = drawn
        expected = _scan(
            c, lambda e: any(_name_matches(c.aliases, q, a) for q in names for a in e.actors)
        )
        assert expected == _ids(c.involving(*names))

    @given(
        chronologies(),
        st.lists(
            st.sampled_from(["astana", "Nur Sultan", "al-hol", "camp", "SY", "Iraq"]), max_size=2
        ),
    )
    def test_at_place(self, drawn: tuple[Chronology, object], names: list[str]) -> None:
        """at_place matches place names in any spelling, and country codes and names."""
        c, _ = drawn
        countries = {"SY": "SY", "Iraq": "IQ"}
        expected = _scan(
            c,
            lambda e: any(
                _name_matches(c.aliases, q, p.name) or countries.get(q) == p.country
                for q in names
                for p in e.places
            ),
        )
        assert expected == _ids(c.at_place(*names))

    @settings(max_examples=60)
    @given(
        chronologies(),
        st.lists(
            st.sampled_from(["zhus", "ZHUSHAN", "жусан", "repatri", "women rally", "isil"]),
            min_size=1,
            max_size=1,
        ),
    )
    def test_search(self, drawn: tuple[Chronology, object], query: list[str]) -> None:
        """search keeps the events whose text has, for every query word, a word it begins,
        counting the aliases' spellings as one."""
        c, _ = drawn
        expected = _scan(c, lambda e: _text_matches(c.aliases, query[0], e))
        assert expected == _ids(c.search(query[0]))

    @given(chronologies(), st.data())
    def test_related_both_ways(self, drawn: tuple[Chronology, object], data: st.DataObject) -> None:
        """related(x) is what x lists and what lists x, in chronological order."""
        c, _ = drawn
        if not c:
            return
        event = data.draw(st.sampled_from(list(c)))
        expected = _scan(c, lambda e: e.id in event.related or event.id in e.related)
        assert expected == _ids(c.related(event.id))
        assert all(event.id in _ids(c.related(other.id)) for other in c.related(event))

    @settings(max_examples=200)
    @given(chronologies(), st.data())
    def test_chained_queries_equal_one_scan(
        self, drawn: tuple[Chronology, dict[str, DateText]], data: st.DataObject
    ) -> None:
        """Queries compose: a chain, in any order, keeps the events that pass every step,
        and each result is a chronology that answers further queries the same way."""
        c, days = drawn
        steps: list[tuple[Callable[[Chronology], Chronology], Callable[[Event], bool]]] = [
            (lambda x: x.tagged("women"), lambda e: "women" in e.tags),
            (lambda x: x.in_category("protest", "policy"), lambda e: e.category != "justice"),
            (
                lambda x: x.between("2000", "2020"),
                lambda e: _may_overlap(days[e.id], dt.date(2000, 1, 1), dt.date(2020, 12, 31)),
            ),
            (lambda x: x.in_country("KZ"), lambda e: any(p.country == "KZ" for p in e.places)),
            (lambda x: x[1:], lambda e: True),
            (lambda x: x[::2], lambda e: True),
            (
                lambda x: x.between("2005", "2015", inside=True),
                lambda e: _inside(days[e.id], dt.date(2005, 1, 1), dt.date(2015, 12, 31)),
            ),
        ]
        slices = {steps[4][0]: slice(1, None), steps[5][0]: slice(None, None, 2)}
        chosen = data.draw(st.permutations(steps))[: data.draw(st.integers(1, len(steps)))]
        result, expected = c, list(c)
        for query, keep in chosen:
            result = query(result)
            if query in slices:
                expected = expected[slices[query]]
            else:
                expected = [e for e in expected if keep(e)]
        assert [e.id for e in expected] == _ids(result)
        assert all(result.get(e.id) is e for e in expected)
        missing = [e.id for e in c if e not in expected]
        assert [None] * len(missing) == [result.get(i) for i in missing]

    @given(chronologies(), st.sampled_from(chronology.chronology.GROUPINGS))
    def test_group_by_and_counts(self, drawn: tuple[Chronology, object], key: str) -> None:
        """group_by puts each event in the group of each of its keys (canonical names for
        places and actors); counts gives the sizes, in the same order."""
        c, _ = drawn

        def canonical(name: str) -> str:
            return c.aliases.canonical(name) or name

        keys: dict[str, Callable[[Event], set[object]]] = {
            "year": lambda e: {e.date.anchor.year},
            "category": lambda e: {e.category},
            "tag": lambda e: set(e.tags),
            "place": lambda e: {canonical(p.name) for p in e.places},
            "country": lambda e: {p.country for p in e.places},
            "actor": lambda e: {canonical(a) for a in e.actors},
            "source": lambda e: {s.source for s in e.sources},
        }
        groups = c.group_by(key)  # type: ignore[arg-type]
        expected = {
            k: _scan(c, lambda e, k=k: k in keys[key](e))  # type: ignore[misc]
            for k in {k for e in c for k in keys[key](e)}
        }
        assert expected == {k: _ids(v) for k, v in groups.items()}
        assert {k: len(v) for k, v in groups.items()} == c.counts(key)  # type: ignore[arg-type]
        assert list(groups) == list(c.counts(key))  # type: ignore[arg-type]
        sizes = [len(v) for v in groups.values()]
        if key == "year":
            assert sorted(groups) == list(groups)
        else:
            assert sorted(sizes, reverse=True) == sizes


class TestQueries:
    def test_between_takes_dates_and_date_strings(self) -> None:
        """A datetime.date bound is that day; a date string is every day it covers."""
        by_string = BUNDLED.between("2019-03", "2019-03")
        by_days = BUNDLED.between(dt.date(2019, 3, 1), dt.date(2019, 3, 31))
        assert _ids(by_string) == _ids(by_days)
        assert 0 < len(by_string)

    def test_every_day_of_a_span_finds_it(self) -> None:
        """An event spanning 1 to 40 days is found from each of its days, including the last
        (the date index searches back as far as the longest span of each bucket)."""
        start = dt.date(2020, 1, 1)
        events = [
            _event(f"span-{n:02d}", f"2020-01-01/{start + dt.timedelta(days=n - 1)}")
            for n in range(1, 41)
        ]
        c = Chronology(events)
        missed = [
            (e.id, day)
            for e in c
            for day in (e.date.earliest, e.date.latest)
            if day is not None and e.id not in _ids(c.between(day, day))
        ]
        assert [] == missed

    def test_year_overlaps_month_but_is_not_inside_it(self) -> None:
        """An event dated 2013 may overlap October 2013, but is not certainly inside it."""
        c = Chronology([_event("y", "2013"), _event("m", "2013-10"), _event("d", "2013-10-05")])
        assert ["y", "m", "d"] == _ids(c.between("2013-10", "2013-10"))
        assert ["m", "d"] == _ids(c.between("2013-10", "2013-10", inside=True))
        assert ["d"] == _ids(c.between("2013-10-05", "2013-10-05", inside=True))

    def test_open_ends_overlap_what_they_may_reach(self) -> None:
        """An open end (2019/..) may reach any later period; an open start, any earlier one;
        neither is ever certainly inside a bounded period."""
        c = Chronology([_event("from", "2019/.."), _event("by", "../2015"), _event("in", "2017")])
        assert ["from"] == _ids(c.between("2030", "2031"))
        assert ["by"] == _ids(c.between("1990", "1990"))
        assert ["in"] == _ids(c.between("2010", "2025", inside=True))
        assert ["by", "in"] == _ids(c.between(end="2018", inside=True))

    def test_search_ignores_case_accents_and_spelling(self) -> None:
        """The bundled chronology finds its Zhusan events by any spelling the aliases list."""
        expected = _ids(BUNDLED.search("Zhusan"))
        assert 0 < len(expected)
        assert [expected] * 3 == [_ids(BUNDLED.search(q)) for q in ("zhushan", "ЖУСАН", "Zhúsan")]

    def test_search_needs_a_word(self) -> None:
        """An empty search is a mistake, not a match-everything."""
        with pytest.raises(ValueError, match="at least one word"):
            BUNDLED.search(" -- ")

    def test_related_of_unknown_event_raises(self) -> None:
        """related() of an id the chronology does not hold raises KeyError."""
        with pytest.raises(KeyError):
            BUNDLED.related("no-such-event")
        with pytest.raises(KeyError):
            BUNDLED.tagged("lgbt").related("2021-zhusan-rusafa-repatriation")

    def test_group_by_rejects_unknown_key(self) -> None:
        """group_by names the keys it takes when given another."""
        with pytest.raises(ValueError, match="year, category, tag, place, country, actor"):
            BUNDLED.group_by("colour")  # type: ignore[arg-type]

    def test_bundled_places_group_under_canonical_names(self) -> None:
        """In the bundled data the capital is one place, however a query spells it."""
        assert _ids(BUNDLED.at_place("Astana")) == _ids(BUNDLED.at_place("Нур-Султан"))
        assert len(BUNDLED.at_place("Astana")) == BUNDLED.counts("place")["Astana"]

    def test_chronology_is_immutable(self) -> None:
        """Its record cannot be changed in place: attributes and mappings are read-only."""
        with pytest.raises(AttributeError):
            BUNDLED.title = "other"  # type: ignore[misc]
        with pytest.raises(TypeError):
            BUNDLED.sources["x"] = BUNDLED.sources["hrw-2019"]  # type: ignore[index]


def _event(event_id: str, date: str) -> Event:
    return Event(event_id, event_id, EventDate.parse(date), "s", "c", (Citation("s", "q"),))


def test_words_of_bundled_aliases_are_distinct() -> None:
    """Every spelling in the bundled aliases is its own (validate would report A002)."""
    spellings = [words(n) for k, vs in BUNDLED.aliases.names.items() for n in (k, *vs)]
    assert len(set(spellings)) == len(spellings)
