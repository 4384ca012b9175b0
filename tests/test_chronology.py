"""The Chronology collection and the typed records it holds."""

from __future__ import annotations

import attrs
import pytest

import chronology
from chronology import Chronology, Citation, Event, EventDate


def _event(event_id: str, date: str) -> Event:
    return Event(
        id=event_id,
        title=event_id,
        date=EventDate.parse(date),
        summary="s",
        category="c",
        sources=(Citation("src", "q"),),
    )


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
