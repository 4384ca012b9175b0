"""The Chronology collection and the typed records it holds."""

from __future__ import annotations

import datetime as dt
import doctest

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import DateText, date_texts

import chronology
import chronology.chronology
from chronology import Chronology, Citation, Era, Event, EventDate, Place

BUNDLED = chronology.load()


def _event(
    event_id: str,
    date: str,
    *,
    category: str = "c",
    tags: tuple[str, ...] = (),
    places: tuple[Place, ...] = (),
) -> Event:
    return Event(
        id=event_id,
        title=event_id,
        date=EventDate.parse(date),
        summary="s",
        category=category,
        sources=(Citation("src", "q"),),
        places=places,
        tags=tags,
    )


def _era(era_id: str, date: str) -> Era:
    return Era(era_id, era_id, EventDate.parse(date), (Citation("src", "q"),))


def _ids(c: Chronology) -> list[str]:
    return [e.id for e in c]


class TestChronology:
    def test_events_are_sorted_by_date_then_id(self) -> None:
        """Events come out in the documented order whatever order they went in."""
        c = Chronology(
            [
                _event("b", "2014"),
                _event("z", "2013-10"),
                _event("a", "2013-10"),
                _event("y", "2013"),
            ]
        )
        assert ["y", "a", "z", "b"] == [e.id for e in c]

    def test_lookup_by_id(self) -> None:
        """An event is found by id with [] and get(); a missing id raises or defaults."""
        c = Chronology([_event("a", "2013")])
        assert c[0] is c["a"] is c.get("a")
        assert None is c.get("nope")
        assert "a" in c  # type: ignore[comparison-overlap]
        with pytest.raises(KeyError):
            c["nope"]

    def test_slices_and_filters_are_chronologies(self) -> None:
        """Slicing and filter() return new Chronology objects with the same sources."""
        c = chronology.load()
        assert isinstance(c[:3], Chronology)
        assert 3 == len(c[:3])
        women = c.filter(lambda e: "women" in e.tags)
        assert isinstance(women, Chronology)
        assert c.sources == women.sources
        assert all("women" in e.tags for e in women)
        assert 0 < len(women) < len(c)

    def test_duplicate_ids_are_refused(self) -> None:
        """A chronology cannot hold two events with one id."""
        with pytest.raises(ValueError, match="repeated: a"):
            Chronology([_event("a", "2013"), _event("a", "2014")])

    def test_records_are_frozen(self) -> None:
        """Events cannot be changed in place (they are shared between chronologies)."""
        event = _event("a", "2013")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            event.title = "changed"  # type: ignore[misc]

    def test_equal_data_gives_equal_chronologies(self) -> None:
        """Loading the same file twice gives equal chronologies."""
        assert chronology.load() == chronology.load()

    def test_title_and_eras_are_kept_by_every_derived_chronology(self) -> None:
        """Slices and every filter keep the sources, categories, title and eras."""
        c = BUNDLED
        derived = [
            c[:3],
            c.filter(lambda e: True),
            c.between("2019"),
            c.in_category("protest"),
            c.tagged("women"),
            c.at_place("KZ"),
        ]
        kept = {(d.title, d.eras, tuple(d.sources), tuple(d.categories)) for d in derived}
        assert {(c.title, c.eras, tuple(c.sources), tuple(c.categories))} == kept

    def test_eras_are_sorted_like_events(self) -> None:
        """Eras come out in the events' date order, an open start at its end, then by id."""
        c = Chronology(
            [],
            eras=[_era("late", "2015/.."), _era("by-2014", "../2014"), _era("early", "2013/2016")],
        )
        assert ["early", "by-2014", "late"] == [e.id for e in c.eras]

    def test_duplicate_era_ids_are_refused(self) -> None:
        """A chronology cannot hold two eras with one id."""
        with pytest.raises(ValueError, match="era ids must be unique; repeated: a"):
            Chronology([], eras=[_era("a", "2013"), _era("a", "2014")])

    def test_title_and_eras_take_part_in_equality(self) -> None:
        """Two chronologies with the same events but another title or eras are not equal."""
        events = [_event("a", "2013")]
        assert Chronology(events, title="A") == Chronology(events, title="A")
        assert Chronology(events, title="A") != Chronology(events, title="B")
        assert Chronology(events) != Chronology(events, eras=[_era("x", "2013")])

    def test_a_chronology_without_title_or_eras(self) -> None:
        """The title defaults to None and the eras to an empty tuple."""
        c = Chronology([_event("a", "2013")])
        assert (None, ()) == (c.title, c.eras)


class TestBetween:
    EVENTS = (
        _event("year-2013", "2013"),
        _event("oct-2013", "2013-10"),
        _event("day-2013-10-05", "2013-10-05"),
        _event("nov-2013", "2013-11"),
        _event("by-2021-07-07", "../2021-07-07"),
        _event("from-2019", "2019/.."),
        _event("span-2019-2020", "2019-02/2020-03"),
    )
    C = Chronology(EVENTS)

    def test_a_date_string_means_every_day_it_covers(self) -> None:
        """between("2013-10", "2013-10") is the whole of October 2013, not its first day."""
        assert ["year-2013", "oct-2013", "day-2013-10-05", "by-2021-07-07"] == _ids(
            self.C.between("2013-10", "2013-10")
        )

    def test_may_overlap_keeps_wider_and_open_dates(self) -> None:
        """A year overlaps a month in it; an open start overlaps anything up to its end."""
        assert ["year-2013", "by-2021-07-07"] == _ids(self.C.between("2013-03", "2013-04"))
        assert ["by-2021-07-07"] == _ids(self.C.between("1900", "1900"))
        assert ["from-2019"] == _ids(self.C.between("2021-07-08", "2030"))

    def test_inside_keeps_only_events_certainly_in_the_period(self) -> None:
        """inside=True drops events that may reach out of the period, open ones included."""
        assert ["oct-2013", "day-2013-10-05"] == _ids(
            self.C.between("2013-10", "2013-10", inside=True)
        )
        assert ["span-2019-2020"] == _ids(self.C.between("2019", "2020", inside=True))

    def test_an_unbounded_side_holds_open_ends_inside(self) -> None:
        """With no start, an open start is certainly inside; with no end, an open end is."""
        assert [
            "year-2013",
            "oct-2013",
            "day-2013-10-05",
            "nov-2013",
            "span-2019-2020",
            "by-2021-07-07",
        ] == _ids(self.C.between(end="2021-07", inside=True))
        assert ["from-2019", "span-2019-2020"] == _ids(self.C.between("2019", inside=True))
        assert _ids(self.C) == _ids(self.C.between(inside=True))

    def test_dates_and_date_strings_are_the_same_bounds(self) -> None:
        """datetime.date bounds (datetimes too) mean those days, like day-precision strings."""
        assert _ids(self.C.between("2013-10-01", "2013-10-31")) == _ids(
            self.C.between(dt.date(2013, 10, 1), dt.datetime(2013, 10, 31, 23, 59))
        )

    @pytest.mark.parametrize("text", ["2013-13", "2019-02-30", "last year", ""])
    def test_a_bound_that_is_not_a_date_raises_date_error(self, text: str) -> None:
        """A malformed or impossible date string raises chronology.DateError."""
        with pytest.raises(chronology.DateError):
            self.C.between(text)
        with pytest.raises(chronology.DateError):
            self.C.between(end=text)

    def test_a_period_that_ends_before_it_starts_raises_value_error(self) -> None:
        """between(start, end) with start after end is a ValueError, not an empty result."""
        with pytest.raises(ValueError, match="starts"):
            self.C.between("2019-03", "2019-02")
        assert ["year-2013", "oct-2013", "day-2013-10-05", "nov-2013", "by-2021-07-07"] == _ids(
            self.C.between("2013-10", "2013")
        )

    def test_on_the_bundled_data(self) -> None:
        """In the curated data, March 2019 overlaps the ISIL defeat and the mothers' protests."""
        march = _ids(BUNDLED.between("2019-03", "2019-03"))
        assert True is ("2019-03-isil-military-defeat" in march)
        assert True is ("2019-poor-mothers-protests" in march)
        inside = BUNDLED.between("2019-03", "2019-03", inside=True)
        assert ["2019-03-isil-military-defeat"] == _ids(inside)


def _overlaps(date: DateText, first: dt.date | None, last: dt.date | None) -> bool:
    after_start = first is None or date.latest is None or date.latest >= first
    return after_start and (last is None or date.earliest is None or date.earliest <= last)


def _within(date: DateText, first: dt.date | None, last: dt.date | None) -> bool:
    after_start = first is None or (date.earliest is not None and date.earliest >= first)
    return after_start and (last is None or (date.latest is not None and date.latest <= last))


@settings(max_examples=200, deadline=dt.timedelta(seconds=5))
@given(dates=st.lists(date_texts(), max_size=12), start=date_texts(), end=date_texts())
def test_between_keeps_exactly_the_events_that_may_overlap(
    dates: list[DateText], start: DateText, end: DateText
) -> None:
    """between(a, b) keeps the events whose [earliest, latest] meets [a.earliest, b.latest].

    Open ends are unbounded on both sides; inside=True keeps exactly the events whose
    days all lie in the period, a subset of the others. The expectation is computed from
    the strategy's own calendar, not from chronology.dates.
    """
    first, last = start.earliest, end.latest
    assume(first is None or last is None or first <= last)
    c = Chronology(_event(f"e{i}", d.text) for i, d in enumerate(dates))
    overlap = {f"e{i}" for i, d in enumerate(dates) if _overlaps(d, first, last)}
    within = {f"e{i}" for i, d in enumerate(dates) if _within(d, first, last)}
    assert overlap == set(_ids(c.between(start.text, end.text)))
    assert within == set(_ids(c.between(start.text, end.text, inside=True)))
    assert within <= overlap


class TestSimpleFilters:
    SY = Place("Al-Hol camp", "SY")
    C = Chronology(
        [
            _event("a", "2013", category="protest", tags=("women",), places=(SY,)),
            _event("b", "2014", category="justice", tags=("women", "children")),
            _event("c", "2015", category="policy", places=(Place("Almaty", "KZ"),)),
        ]
    )

    def test_in_category_keeps_events_in_any_of_the_categories(self) -> None:
        """in_category matches any of its slugs; an unknown slug matches nothing."""
        assert ["a", "b"] == _ids(self.C.in_category("protest", "justice"))
        assert [] == _ids(self.C.in_category("nope"))

    def test_tagged_keeps_events_with_any_of_the_tags(self) -> None:
        """tagged matches an event carrying any one of the tags."""
        assert ["b"] == _ids(self.C.tagged("children"))
        assert ["a", "b"] == _ids(self.C.tagged("women", "children"))

    @pytest.mark.parametrize("name", ["al-hol camp", "AL-HOL CAMP", "sy", "SY"])
    def test_at_place_matches_name_or_country_whatever_the_case(self, name: str) -> None:
        """at_place matches a place's name or ISO country code, case-insensitively."""
        assert ["a"] == _ids(self.C.at_place(name))

    def test_at_place_matches_any_of_the_names(self) -> None:
        """at_place with several names keeps events at any of them; unknown names match none."""
        assert ["a", "c"] == _ids(self.C.at_place("Almaty", "SY"))
        assert [] == _ids(self.C.at_place("Narnia", "ZZ"))

    @pytest.mark.parametrize("name", ["Syria", "syrian arab republic", "SYRIA"])
    def test_at_place_matches_a_country_by_its_english_name(self, name: str) -> None:
        """A country's English name (short ISO name or common name) finds every place in it."""
        assert ["a"] == _ids(self.C.at_place(name))

    def test_no_argument_matches_nothing(self) -> None:
        """Any of no categories, tags or places is none: the result is empty, not everything."""
        assert [[], [], []] == [
            _ids(self.C.in_category()),
            _ids(self.C.tagged()),
            _ids(self.C.at_place()),
        ]

    def test_filters_compose_by_chaining(self) -> None:
        """Chained filters keep the events that pass all of them, in any order."""
        c = BUNDLED
        chained = c.tagged("women").at_place("kz").between("2019", "2020")
        expected = [
            e.id
            for e in c
            if "women" in e.tags
            and any(p.country == "KZ" for p in e.places)
            and e.date.overlaps(EventDate.parse("2019/2020"))
        ]
        assert expected == _ids(chained)
        assert chained == c.between("2019", "2020").at_place("KZ").tagged("women")
        assert 0 < len(chained)

    def test_bundled_syria_by_name_and_by_code(self) -> None:
        """In the curated data, "syria" by name finds the same events as "SY" by code."""
        assert _ids(BUNDLED.at_place("SY")) == _ids(BUNDLED.at_place("syria"))
        assert True is ("2021-zhusan-rusafa-repatriation" in _ids(BUNDLED.at_place("syria")))


def test_docstring_examples() -> None:
    """The examples in the docstrings of chronology.chronology and chronology.model hold."""
    results = [doctest.testmod(chronology.chronology), doctest.testmod(chronology.model)]
    assert [(0, True), (0, True)] == [(r.failed, r.attempted > 0) for r in results]
