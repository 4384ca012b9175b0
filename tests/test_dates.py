"""Tests for dates of the data format, ``chronology.dates`` (docs/format.md, "Dates")."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    QUALIFIERS,
    DateText,
    date_strings,
    date_texts,
    event_dates,
    partial_dates,
    single_date_texts,
    years,
)

from chronology.dates import EventDate, PartialDate, Precision
from chronology.errors import ChronologyError, DateError

# The machine is slow and noisy: generous deadlines, modest example counts.
PROPERTY = settings(max_examples=150, deadline=dt.timedelta(seconds=5))

D = dt.date
Y, M, DAY = Precision.YEAR, Precision.MONTH, Precision.DAY


def parse(text: str) -> EventDate:
    """Parse a date string of the data format."""
    return EventDate.parse(text)


def sort_day(text: str) -> dt.date:
    """The day a date sorts at, as format.md says: earliest day, or an open start's end's."""
    end_or_date = text.removeprefix("../")
    earliest = parse(end_or_date).earliest
    assert earliest is not None
    return earliest


def closed_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The earliest and latest day of a date that has both."""
    date = parse(text)
    assert date.earliest is not None
    assert date.latest is not None
    return date.earliest, date.latest


class TestParse:
    """Every form of the format.md table parses to the right precision, qualifiers and days."""

    @pytest.mark.parametrize(
        ("text", "precision", "approximate", "uncertain", "earliest", "latest"),
        [
            ("2013", Y, False, False, D(2013, 1, 1), D(2013, 12, 31)),
            ("2013-10", M, False, False, D(2013, 10, 1), D(2013, 10, 31)),
            ("2020-06-09", DAY, False, False, D(2020, 6, 9), D(2020, 6, 9)),
            ("2022-01~", M, True, False, D(2022, 1, 1), D(2022, 1, 31)),
            ("2014?", Y, False, True, D(2014, 1, 1), D(2014, 12, 31)),
            ("2014-01%", M, True, True, D(2014, 1, 1), D(2014, 1, 31)),
            ("2019-02/2020-03", M, False, False, D(2019, 2, 1), D(2020, 3, 31)),
            ("../2021-07", M, False, False, None, D(2021, 7, 31)),
            ("2013/..", Y, False, False, D(2013, 1, 1), None),
            ("2013~/2014-01?", Y, True, True, D(2013, 1, 1), D(2014, 1, 31)),
            ("2020-02-29", DAY, False, False, D(2020, 2, 29), D(2020, 2, 29)),
            ("2000-02-29", DAY, False, False, D(2000, 2, 29), D(2000, 2, 29)),
            ("2013-02", M, False, False, D(2013, 2, 1), D(2013, 2, 28)),
            ("2016-02", M, False, False, D(2016, 2, 1), D(2016, 2, 29)),
            ("2000-02", M, False, False, D(2000, 2, 1), D(2000, 2, 29)),
            ("1900-02", M, False, False, D(1900, 2, 1), D(1900, 2, 28)),
            ("2013-04", M, False, False, D(2013, 4, 1), D(2013, 4, 30)),
            ("0001", Y, False, False, D(1, 1, 1), D(1, 12, 31)),
            ("9999-12-31", DAY, False, False, D(9999, 12, 31), D(9999, 12, 31)),
        ],
    )
    def test_documented_forms(
        self,
        text: str,
        precision: Precision,
        approximate: bool,
        uncertain: bool,
        earliest: dt.date | None,
        latest: dt.date | None,
    ) -> None:
        """Each documented date form means the days the format.md table gives it."""
        date = parse(text)
        assert (precision, approximate, uncertain, earliest, latest) == (
            date.precision,
            date.is_approximate,
            date.is_uncertain,
            date.earliest,
            date.latest,
        )

    @pytest.mark.parametrize(
        ("text", "is_interval"),
        [("2013", False), ("2013-10-05~", False), ("2013/2014", True), ("../2013", True)],
    )
    def test_interval_flag(self, text: str, is_interval: bool) -> None:
        """Only START/END dates are reported as periods."""
        assert is_interval == parse(text).is_interval

    @pytest.mark.parametrize("text", ["2013-10/2013", "2013/2013-05", "2013-10-05/2013-10"])
    def test_interval_end_may_be_coarser_than_start(self, text: str) -> None:
        """An interval end written less precisely may still mean a day after the start."""
        assert text == str(parse(text))

    @given(single_date_texts(), st.sampled_from(sorted(QUALIFIERS)))
    @PROPERTY
    def test_qualifiers_do_not_widen_bounds(self, date: DateText, qualifier: str) -> None:
        """A qualifier states the source's confidence; it never changes the earliest/latest day."""
        bare = date.text.rstrip("~?%")
        plain, qualified = parse(bare), parse(bare + qualifier)
        assert (plain.earliest, plain.latest) == (qualified.earliest, qualified.latest)
        assert QUALIFIERS[qualifier] == (qualified.is_approximate, qualified.is_uncertain)


class TestInvalid:
    """Text that is not a date of the data format is refused with the right problem code."""

    @pytest.mark.parametrize(
        "text",
        [
            "13",
            "201",
            "20130",
            "10000",
            "2013-1",
            "2013-001",
            "2013-10-5",
            "2013~~",
            "2013~?",
            "~2013",
            "2013-10~-05",
            "../..",
            "..",
            "",
            "2013/",
            "/2013",
            "2013/2014/2015",
            "2013//2014",
            " 2013",
            "2013 ",
            "2013\n",
            "2013-10-05T10:00",
            "-2013",
            "+2013",
            "2013/10",
            "2013.10",
            "\u0662\u0660\u0661\u0663",  # Arabic-Indic digits: int() would read them as 2013
            "\uff12\uff10\uff11\uff13",  # fullwidth digits
            "\u0968\u0966\u0967\u0969-10",  # Devanagari digits
        ],
    )
    def test_not_a_date(self, text: str) -> None:
        """Malformed date text is D001, including digits that are not ASCII."""
        with pytest.raises(DateError) as info:
            parse(text)
        assert "D001" == info.value.code

    @pytest.mark.parametrize("value", [2013, 2013.0, None, b"2013"])
    def test_not_text(self, value: Any) -> None:
        """An unquoted YAML 2013 (a number) or any non-text value is D001, not a crash."""
        with pytest.raises(DateError) as info:
            EventDate.parse(value)
        assert "D001" == info.value.code

    @pytest.mark.parametrize(
        "text",
        [
            "2013-13",
            "2013-00",
            "0000",
            "0000-01-01",
            "2019-02-29",
            "1900-02-29",
            "2100-02-29",
            "2019-02-30",
            "2013-04-31",
            "2013-10-00",
            "2013-10-32",
            "2013-13~",
            "2019-02-29/2020",
            "../2019-02-29",
            "2013/2013-13",
        ],
    )
    def test_not_on_the_calendar(self, text: str) -> None:
        """Well-formed text naming a day, month or year that does not exist is D002."""
        with pytest.raises(DateError) as info:
            parse(text)
        assert "D002" == info.value.code

    @pytest.mark.parametrize(
        "text", ["2014/2013", "2013-05/2013-04", "2013-10-06/2013-10-05", "2014-01/2013"]
    )
    def test_interval_ending_before_start(self, text: str) -> None:
        """An interval whose end is wholly before its start is D003."""
        with pytest.raises(DateError) as info:
            parse(text)
        assert "D003" == info.value.code

    def test_date_error_is_value_error(self) -> None:
        """Callers catching ValueError or ChronologyError also catch bad dates."""
        with pytest.raises(DateError) as info:
            parse("2013-13")
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, ChronologyError)

    def test_message_quotes_the_text(self) -> None:
        """The error message shows the offending text so the user can find it."""
        with pytest.raises(DateError, match="'2013-1'"):
            parse("2013-1")


class TestRoundTrip:
    """Dates are written back exactly as they were given."""

    @given(date_strings())
    @PROPERTY
    def test_text_round_trip(self, text: str) -> None:
        """Parsing and printing a valid date string gives the same string back."""
        assert text == str(parse(text))

    @given(event_dates())
    @PROPERTY
    def test_value_round_trip(self, date: EventDate) -> None:
        """Printing a date and parsing the text gives an equal date."""
        assert date == parse(str(date))

    @given(partial_dates())
    @PROPERTY
    def test_partial_date_round_trip(self, date: PartialDate) -> None:
        """A single date printed and parsed again is unchanged."""
        assert date == PartialDate.parse(str(date))

    @pytest.mark.parametrize("text", ["2013", "2013-10-05%", "../2021-07", "2013~/.."])
    def test_repr_shows_text(self, text: str) -> None:
        """repr() shows the date as written, for readable test and debug output."""
        assert f"EventDate({text!r})" == repr(parse(text))


class TestBounds:
    """The earliest and latest day a date may mean."""

    @given(date_texts())
    @PROPERTY
    def test_bounds_follow_the_calendar(self, date: DateText) -> None:
        """Earliest and latest days are the first and last day of the written period."""
        parsed = parse(date.text)
        assert (date.earliest, date.latest) == (parsed.earliest, parsed.latest)

    @given(event_dates())
    @PROPERTY
    def test_earliest_not_after_latest(self, date: EventDate) -> None:
        """No date ends before it starts."""
        if date.earliest is not None and date.latest is not None:
            assert date.earliest <= date.latest
        else:
            assert date.is_interval

    @given(years(), st.integers(1, 12), st.integers(1, 28))
    @PROPERTY
    def test_year_contains_its_months_and_days(self, year: int, month: int, day: int) -> None:
        """A month lies inside its year, and a day inside its month."""
        nested = [f"{year:04d}", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-{day:02d}"]
        (y_first, y_last), (m_first, m_last), (d_first, d_last) = map(closed_bounds, nested)
        assert y_first <= m_first <= d_first
        assert d_last <= m_last <= y_last

    @given(single_date_texts())
    @PROPERTY
    def test_day_precise_date_is_one_day(self, date: DateText) -> None:
        """A date written to the day means that day only."""
        parsed = parse(date.text)
        if parsed.precision is Precision.DAY:
            assert parsed.earliest == parsed.latest
        else:
            assert (date.earliest, date.latest) == (parsed.earliest, parsed.latest)
            assert date.earliest != date.latest


class TestOrder:
    """Dates sort as format.md "Order" and the EventDate docstring say."""

    # Earliest possible day first; an open start sorts at its end's earliest day; on the
    # same day the wider date first (an open end widest of all), then by text.
    DOCUMENTED = (
        "../2012-06",
        "2012-12-31",
        "2013/..",
        "2013/2014",
        "../2013",
        "2013",
        "2013-01",
        "2013-01-01",
        "2013-01-02",
        "2013-10",
        "2013-10-05",
        "2013-12-31",
        "2014",
        "2021-07",
        "../2021-07-07",
        "2021-07-07",
        "2021-07-08",
    )

    def test_documented_order(self) -> None:
        """Sorting a shuffled chronology gives the documented order."""
        shuffled = list(self.DOCUMENTED)
        random.Random(20130).shuffle(shuffled)
        assert list(self.DOCUMENTED) == [str(d) for d in sorted(parse(s) for s in shuffled)]

    @pytest.mark.parametrize(
        ("earlier", "later"),
        [
            ("2013", "2013-10"),
            ("2013-10", "2013-10-05"),
            ("2013-10-05", "2014"),
            ("2013", "2013-01-01"),
            ("2013/..", "2013"),
            ("2013/..", "2013-01-01"),
            ("2012-12-31", "2013/.."),
            ("2013/..", "2013-12-31"),
            ("../2013", "2013"),
            ("2012-12-31", "../2013"),
            ("2013-06", "../2013-06-30"),
            ("../2013-06-30", "2013-07"),
            ("../0001-06", "0001-06-02"),
        ],
    )
    def test_documented_pairs(self, earlier: str, later: str) -> None:
        """Each documented ordering rule holds for a pair of dates, both ways round."""
        a, b = parse(earlier), parse(later)
        assert (True, False, True, False) == (a < b, b < a, b > a, a > b)
        assert [a, b] == sorted([b, a])

    def test_year_is_not_first_of_january(self) -> None:
        """A year never sorts or compares as if it were 1 January of that year."""
        year, day = parse("2013"), parse("2013-01-01")
        assert year != day
        assert year.sort_key != day.sort_key
        assert year < day

    @given(event_dates(), event_dates())
    @PROPERTY
    def test_order_is_total(self, a: EventDate, b: EventDate) -> None:
        """For any two dates exactly one of a < b, a == b, a > b holds."""
        outcomes = [a < b, a == b, a > b]
        assert 1 == outcomes.count(True)
        assert (a == b) == (a.sort_key == b.sort_key) == (str(a) == str(b))
        assert (a <= b) == (a < b or a == b)
        assert (a >= b) == (a > b or a == b)

    @given(event_dates(), event_dates(), event_dates())
    @PROPERTY
    def test_order_is_transitive(self, a: EventDate, b: EventDate, c: EventDate) -> None:
        """The order is consistent: sorting three dates never contradicts a comparison."""
        x, y, z = sorted([a, b, c])
        assert x <= y <= z
        assert x <= z

    @given(st.lists(event_dates(), max_size=12), st.randoms(use_true_random=False))
    @PROPERTY
    def test_sort_is_deterministic(self, dates: list[EventDate], rnd: random.Random) -> None:
        """A chronology sorts the same whatever order its events were listed in."""
        shuffled = list(dates)
        rnd.shuffle(shuffled)
        assert [str(d) for d in sorted(dates)] == [str(d) for d in sorted(shuffled)]

    @given(date_texts(), date_texts())
    @PROPERTY
    def test_sorts_by_documented_day_then_width(self, a: DateText, b: DateText) -> None:
        """An earlier sorting day sorts first; on the same day the longer-lasting date first."""
        date_a, date_b = parse(a.text), parse(b.text)
        day_a, day_b = sort_day(a.text), sort_day(b.text)
        if day_a != day_b:
            assert (day_a < day_b) == (date_a < date_b)
        elif (a.latest or dt.date.max) != (b.latest or dt.date.max):
            assert ((a.latest or dt.date.max) > (b.latest or dt.date.max)) == (date_a < date_b)

    @given(years(), st.integers(1, 12), st.integers(1, 28), st.sampled_from(sorted(QUALIFIERS)))
    @PROPERTY
    def test_wider_date_first(self, year: int, month: int, day: int, qualifier: str) -> None:
        """A year sorts before its months and a month before its days; none equals another."""
        texts = [f"{year:04d}", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-{day:02d}"]
        dates = [parse(t + qualifier) for t in texts]
        assert dates == sorted([dates[2], dates[0], dates[1]])
        assert 3 == len({d.sort_key for d in dates})


class TestOverlap:
    """overlaps() and certainly_before(): whether two dates may share a day."""

    @pytest.mark.parametrize(
        ("a", "b", "overlaps"),
        [
            ("2013", "2013-10", True),
            ("2013", "2013-12-31", True),
            ("2013", "2014-01", False),
            ("2013-12-31", "2014", False),
            ("2013-10-05", "2013-10-05", True),
            ("2013/2014", "2014-06", True),
            ("2019-02/2020-03", "2020-04", False),
            ("../2013", "0001", True),
            ("../2013", "2013-12-31", True),
            ("../2013", "2014", False),
            ("2013/..", "9999-12-31", True),
            ("2013/..", "2012-12-31", False),
            ("../2013", "2013/..", True),
            ("../2012", "2013/..", False),
            ("../2013", "../1000", True),
            ("2013/..", "9000/..", True),
        ],
    )
    def test_documented_overlaps(self, a: str, b: str, overlaps: bool) -> None:
        """Dates overlap exactly when they may share a day; open ends reach without limit."""
        assert (overlaps, overlaps) == (parse(a).overlaps(parse(b)), parse(b).overlaps(parse(a)))

    @pytest.mark.parametrize(
        ("a", "b", "before"),
        [
            ("2013", "2014", True),
            ("2013-12-31", "2014", True),
            ("2013", "2013-12-31", False),
            ("2013", "2013-10", False),
            ("2014", "2013", False),
            ("../2012", "2013", True),
            ("2013", "2014/..", True),
            ("2013/..", "9999", False),
            ("2013", "../2014", False),
        ],
    )
    def test_documented_certainly_before(self, a: str, b: str, before: bool) -> None:
        """A date is certainly before another only when every possible day of it is earlier."""
        assert before == parse(a).certainly_before(parse(b))

    @given(date_texts(), date_texts())
    @PROPERTY
    def test_overlap_matches_bounds(self, a: DateText, b: DateText) -> None:
        """Two dates overlap unless one's latest day is before the other's earliest day."""
        a_first = a.latest is not None and b.earliest is not None and a.latest < b.earliest
        b_first = b.latest is not None and a.earliest is not None and b.latest < a.earliest
        date_a, date_b = parse(a.text), parse(b.text)
        assert (not (a_first or b_first)) == date_a.overlaps(date_b) == date_b.overlaps(date_a)
        assert a_first == date_a.certainly_before(date_b)
        assert b_first == date_b.certainly_before(date_a)

    @given(event_dates(), event_dates())
    @PROPERTY
    def test_certainly_before_excludes_overlap(self, a: EventDate, b: EventDate) -> None:
        """certainly_before() is false whenever the dates overlap, and never true both ways."""
        if a.overlaps(b):
            assert (False, False) == (a.certainly_before(b), b.certainly_before(a))
        assert not (a.certainly_before(b) and b.certainly_before(a))

    @given(event_dates())
    @PROPERTY
    def test_date_overlaps_itself(self, date: EventDate) -> None:
        """Every date may share a day with itself and is not before itself."""
        assert (True, False) == (date.overlaps(date), date.certainly_before(date))


class TestEquality:
    """Equal dates are equal values, usable as set members and dict keys."""

    def test_equal_text_equal_values(self) -> None:
        """Parsing the same text twice gives equal values with equal hashes."""
        a, b = parse("2013-10~/2014?"), parse("2013-10~/2014?")
        assert a == b
        assert hash(a) == hash(b)

    def test_usable_in_sets(self) -> None:
        """Duplicates collapse in a set; different precision or qualifiers stay apart."""
        texts = ["2013", "2013", "2013-01", "2013-01-01", "2013~", "2013?", "2013%", "2013/.."]
        assert set(texts) == {str(d) for d in {parse(t) for t in texts}}
        assert 7 == len({parse(t) for t in texts})

    @pytest.mark.parametrize(
        ("a", "b"),
        [("2013", "2013-01-01"), ("2013", "2013~"), ("2013", "2013/2013"), ("2013/..", "2013")],
    )
    def test_different_dates_are_unequal(self, a: str, b: str) -> None:
        """Dates that mean different things never compare equal."""
        assert parse(a) != parse(b)

    def test_not_equal_to_text(self) -> None:
        """A date is not equal to its string, and ordering against text is a TypeError."""
        text: object = "2013"
        assert parse("2013") != text
        with pytest.raises(TypeError):
            _ = parse("2013") < "2014"

    @given(st.lists(date_strings(), max_size=10))
    @PROPERTY
    def test_distinct_text_distinct_values(self, texts: list[str]) -> None:
        """Different date strings give different values; the same string gives equal ones."""
        values = {parse(t) for t in texts}
        assert len(set(texts)) == len(values)
        assert {t: parse(t) for t in texts} == {str(v): v for v in values}
