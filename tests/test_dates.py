"""Tests for dates of the data format, ``chronology.dates`` (docs/format.md, "Dates")."""

from __future__ import annotations

import calendar
import datetime as dt
import doctest
import random
import re
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
    intervals,
    partial_dates,
    single_date_texts,
    years,
)

from chronology import dates
from chronology.dates import DateInterval, EventDate, PartialDate, Precision
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


# --- Labels -------------------------------------------------------------------------

DASH = "\u2013"  # EN DASH
MONTH_ABBREVIATIONS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
LABEL_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .?" + DASH
)


def read_label_end(text: str, like: PartialDate | None = None) -> PartialDate:
    """Read one end of a label ("c. 5 Oct 2013?"); a collapsed start takes the rest from ``like``.

    A collapsed start ("8" of "8\u20139 Jun 2020", "Jan" of "Jan\u2013Feb 2022") has no year: it
    takes its year, and its month if it has none, from the end. Only unqualified ends collapse.
    """
    approximate, uncertain = text.startswith("c. "), text.endswith("?")
    words = text.removeprefix("c. ").removesuffix("?").split(" ")
    year = int(words.pop()) if re.fullmatch("[0-9]{4}", words[-1]) else None
    is_month = bool(words) and words[-1] in MONTH_ABBREVIATIONS
    month = MONTH_ABBREVIATIONS.index(words.pop()) + 1 if is_month else None
    day = int(words.pop()) if words and re.fullmatch("[1-9][0-9]?", words[-1]) else None
    assert [] == words, f"unexpected words in {text!r}"
    if year is None:
        assert like is not None, f"{text!r} has no year"
        assert "" == like.qualifier, f"the qualified end {like} lent its year to {text!r}"
        assert (False, False) == (approximate, uncertain), f"qualified {text!r} lost its year"
        year, month = like.year, month or like.month
    return PartialDate(year, month, day, approximate, uncertain)


def read_label(label: str) -> EventDate:
    """Read a label back into the date it names: a test oracle independent of label()."""
    if label.startswith("by "):
        return EventDate(DateInterval(None, read_label_end(label.removeprefix("by "))))
    if label.startswith("from "):
        return EventDate(DateInterval(read_label_end(label.removeprefix("from ")), None))
    if DASH not in label:
        return EventDate(read_label_end(label))
    left, right = (part.strip(" ") for part in label.split(DASH))
    end = read_label_end(right)
    return EventDate(DateInterval(read_label_end(left, like=end), end))


@st.composite
def close_intervals(draw: st.DrawFn) -> DateInterval:
    """Periods inside one year, often one month, ends often unqualified: the merged labels.

    ``intervals()`` seldom draws two unqualified ends of one precision in one year.
    """
    year = draw(years())
    first = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    month_end = first.replace(day=calendar.monthrange(year, first.month)[1])
    last = draw(
        st.one_of(
            st.just(first),
            st.dates(first, month_end),
            st.dates(first, dt.date(year, 12, 31)),
        )
    )
    precision = draw(st.sampled_from(Precision))
    qualifiers = st.sampled_from(["", "", "", *sorted(QUALIFIERS)])

    def cut(day: dt.date) -> PartialDate:
        month = day.month if precision >= Precision.MONTH else None
        day_number = day.day if precision is Precision.DAY else None
        return PartialDate(day.year, month, day_number, *QUALIFIERS[draw(qualifiers)])

    return DateInterval(cut(first), cut(last))


def labelled_dates() -> st.SearchStrategy[EventDate]:
    """Any date, with extra weight on the periods whose labels merge their ends."""
    return st.one_of(event_dates(), close_intervals().map(EventDate))


def known_ends(date: EventDate) -> list[PartialDate]:
    """The single date, or the known ends of a period."""
    if isinstance(date.value, PartialDate):
        return [date.value]
    return [end for end in (date.value.start, date.value.end) if end is not None]


class TestLabel:
    """label(): short English text for timelines and exports, never more precise than the data."""

    @pytest.mark.parametrize(
        ("label", "text"),
        [
            ("6 Jan 2019", "2019-01-06"),
            ("Oct 2013", "2013-10"),
            ("2013", "2013"),
            ("c. Oct 2013", "2013-10~"),
            ("Oct 2013?", "2013-10?"),
            ("c. Oct 2013?", "2013-10%"),
            ("c. 2014?", "2014%"),
            ("c. 5 Oct 2013", "2013-10-05~"),
            ("0033", "0033"),
            ("1 Jan 0001", "0001-01-01"),
            ("31 Dec 9999", "9999-12-31"),
        ],
    )
    def test_documented_single_dates(self, label: str, text: str) -> None:
        """A day reads "6 Jan 2019", a month "Oct 2013", a year "2013"; ~ is "c. ", ? is "?"."""
        assert label == parse(text).label()

    @pytest.mark.parametrize(
        ("label", "text"),
        [
            ("Feb 2019 \u2013 Jun 2020", "2019-02/2020-06"),
            ("Jan\u2013Feb 2022", "2022-01/2022-02"),
            ("8\u20139 Jun 2020", "2020-06-08/2020-06-09"),
            ("30 Jan \u2013 31 Mar 2018", "2018-01-30/2018-03-31"),
            ("30 Dec 2019 \u2013 2 Jan 2020", "2019-12-30/2020-01-02"),
            ("2013\u20132014", "2013/2014"),
            ("Oct 2013 \u2013 2014", "2013-10/2014"),
            ("Oct 2013 \u2013 2013", "2013-10/2013"),
            ("2013 \u2013 May 2013", "2013/2013-05"),
            ("5 Oct 2013 \u2013 Oct 2013", "2013-10-05/2013-10"),
            ("Oct 2013", "2013-10/2013-10"),
            ("c. 2013 \u2013 Jan 2014?", "2013~/2014-01?"),
            ("c. Jan 2022 \u2013 c. Feb 2022", "2022-01~/2022-02~"),
            ("8 Jun 2020 \u2013 9 Jun 2020?", "2020-06-08/2020-06-09?"),
            ("c. 2013", "2013~/2013~"),
            ("by 7 Jul 2021", "../2021-07-07"),
            ("by Jul 2021", "../2021-07"),
            ("by c. 2021", "../2021~"),
            ("from 2019", "2019/.."),
            ("from Mar 2019?", "2019-03?/.."),
        ],
    )
    def test_documented_intervals(self, label: str, text: str) -> None:
        """Ends join with an en dash; unqualified ends share year and month; open ends say so."""
        assert label == parse(text).label()

    @pytest.mark.parametrize("month", range(1, 13))
    def test_month_names_are_english(self, month: int) -> None:
        """Months are the hard-coded English abbreviations, whatever the locale says."""
        assert f"{MONTH_ABBREVIATIONS[month - 1]} 2013" == parse(f"2013-{month:02d}").label()

    @given(labelled_dates())
    @PROPERTY
    def test_same_label_on_every_type(self, date: EventDate) -> None:
        """An EventDate's label is its value's, so either may be labelled."""
        assert date.value.label() == date.label()

    @given(labelled_dates())
    @PROPERTY
    def test_label_reads_back_as_the_date(self, date: EventDate) -> None:
        """A label names exactly the date: no precision or qualifier lost, none invented.

        The one label shared by two dates is that of a period whose ends are the same
        date, e.g. ``2013-10/2013-10``, which reads as the single date ``2013-10``.
        """
        value = date.value
        if isinstance(value, DateInterval) and value.start == value.end:
            assert value.start is not None
            date = EventDate(value.start)
        assert date == read_label(date.label())

    @given(close_intervals())
    @PROPERTY
    def test_merged_label_reads_back_as_the_period(self, interval: DateInterval) -> None:
        """Ends that share their year (and month) in the label still read back as themselves."""
        assert interval.start is not None
        expected = interval.start if interval.start == interval.end else interval
        assert EventDate(expected) == read_label(interval.label())

    @given(st.one_of(intervals(), close_intervals()))
    @PROPERTY
    def test_qualified_ends_are_never_merged(self, interval: DateInterval) -> None:
        """A qualified end keeps its whole label: "c. Jan 2022 \u2013 c. Feb 2022", not merged."""
        if interval.start != interval.end:
            for end in (interval.start, interval.end):
                if end is not None and end.qualifier:
                    assert end.label() in interval.label()

    @given(partial_dates())
    @PROPERTY
    def test_single_date_label_keeps_precision(self, date: PartialDate) -> None:
        """A month or year has no day number in its label, a year no month; the year is there."""
        label = date.label()
        numbers = re.findall("[0-9]+", label)
        days = [n for n in numbers if len(n) < 4]
        months = [w for w in re.findall("[A-Za-z]+", label) if w in MONTH_ABBREVIATIONS]
        assert (date.precision is Precision.DAY, date.precision > Precision.YEAR) == (
            bool(days),
            bool(months),
        )
        assert [f"{date.year:04d}"] == [n for n in numbers if len(n) == 4]

    @given(labelled_dates())
    @PROPERTY
    def test_label_never_more_precise_than_the_date(self, date: EventDate) -> None:
        """No day number unless an end gives a day, no month unless one gives a month.

        An interval's precision is that of its coarser end, so ``2013/2013-10-05`` (a year)
        rightly shows the day of its end: the rule holds for each end, not for the coarser.
        """
        label = date.label()
        ends = known_ends(date)
        numbers = re.findall("[0-9]+", label)
        days = {int(n) for n in numbers if len(n) < 4}
        months = {w for w in re.findall("[A-Za-z]+", label) if w in MONTH_ABBREVIATIONS}
        assert {e.day for e in ends if e.day is not None} == days
        assert {MONTH_ABBREVIATIONS[e.month - 1] for e in ends if e.month is not None} == months
        if all(e.precision is not Precision.DAY for e in ends):
            assert set() == days

    @given(labelled_dates())
    @PROPERTY
    def test_label_shows_every_year(self, date: EventDate) -> None:
        """Every known end's year is in the label, as four digits, and no other year."""
        years_shown = {n for n in re.findall("[0-9]+", date.label()) if len(n) == 4}
        assert {f"{e.year:04d}" for e in known_ends(date)} == years_shown

    @given(labelled_dates())
    @PROPERTY
    def test_label_characters(self, date: EventDate) -> None:
        """Labels use ASCII letters, digits, space, '.', '?' and the en dash only."""
        label = date.label()
        assert set() == set(label) - LABEL_CHARACTERS
        assert label == label.strip()
        assert "  " not in label

    @given(labelled_dates())
    @PROPERTY
    def test_label_shows_qualifiers(self, date: EventDate) -> None:
        """ "c." appears exactly when an end is approximate, "?" exactly when one is uncertain."""
        label = date.label()
        assert (date.is_approximate, date.is_uncertain) == ("c. " in label, "?" in label)

    def test_docstring_examples(self) -> None:
        """The examples in the chronology.dates docstrings, labels included, hold."""
        failed, attempted = doctest.testmod(dates)
        assert (0, True) == (failed, attempted > 0)
