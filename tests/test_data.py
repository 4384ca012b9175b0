"""The curated chronology itself: the data is the product too.

These tests pin what the foundation issue requires the data to contain, as precisely
as the sources give it, so that an edit that loses an event, invents precision or
breaks a quote fails here before review.
"""

from __future__ import annotations

import re

import pytest

import chronology
from chronology.dates import EventDate

from conftest import REPO

CHRONOLOGY = chronology.load(REPO / "events.yaml")

#: Events the issue requires, with their dates exactly as precise as the sources.
REQUIRED = {
    "2013-asya-family-goes-to-syria": "2013",
    "2013-10-militant-video": "2013-10",
    "2014-01-asya-family-returns-almaty": "2014-01",
    "2014-01-husband-arrested": "2014-01",
    "2015-kazakh-citizens-in-syria-400": "2015",
    "2016-kazakh-citizens-in-syria-200": "2016",
    "2016-iom-regional-field-assessment": "2016",
    "2013-pavlodar-interfaith-centre-opens": "2013",
    "2017-10-inabat-club-meetings-begin": "2017-10",
    "2019-03-isil-military-defeat": "2019-03",
    "2021-zhusan-rusafa-repatriation": "../2021-07-07",
    "2021-adaptation-centres-first-month": "../2021-07-07",
    "2019-poor-mothers-protests": "2019-02/2020-03",
    "2020-06-09-silent-protest-resumes": "2020-06-09",
    "2019-09-supreme-court-privacy-ruling": "2019-09",
    "2018-01-30-kiss-video-posted": "2018-01-30",
    "2015-constitutional-chamber-anti-lgbt-ruling": "2015",
    "2022-01-anti-government-protests": "2022-01",
    "2022-01-state-of-emergency": "2022-01",
    "2022-01-scn-webinar-rehabilitation": "2022-01",
}


#: The sources of the bundled file that have no archived copy (W004): true, and reported.
UNARCHIVED = {"aljazeera-2021", "caravanserai-2017", "caravanserai-2018", "hrw-2019"}
UNARCHIVED |= {"rferl-2020", "scn-2022"}

#: Pairs of bundled events that cite one sentence of a source on overlapping dates: two
#: events that happened together, each listing the other in `related`, so not W001.
SHARED_QUOTES = {
    ("2014-01-husband-arrested", "2014-01-asya-family-returns-almaty"),
    ("2020-03-covid-restrictions-pause-protests", "2019-poor-mothers-protests"),
    ("2020-06-09-silent-protest-resumes", "2020-06-08-night-outside-labour-ministry"),
}


def _warned(code: str) -> set[tuple[str, ...]]:
    """The records that the bundled file's ``code`` warnings are about: the ids of the
    events (the one warned, then the other) or of the source they name first."""
    problems = chronology.validate(REPO / "events.yaml")
    named = [
        re.findall(r"(?:source|event) '([^']+)'", p.message) for p in problems if p.code == code
    ]
    return {tuple(ids[:2] if code == "W001" else ids[:1]) for ids in named}


def test_bundled_chronology_validates_without_errors() -> None:
    """The curated file passes every check, quotes included: its only problems are the
    warnings that its sources have no archived copy (W004)."""
    problems = chronology.validate(REPO / "events.yaml")
    assert ["W004"] * len(UNARCHIVED) == sorted(p.code for p in problems)


def test_bundled_sources_without_archived_copy_are_warned() -> None:
    """Six bundled sources have no archived_url: W004 says so for each one, and no other."""
    assert {(ident,) for ident in UNARCHIVED} == _warned("W004")


@pytest.mark.parametrize(("later", "earlier"), sorted(SHARED_QUOTES))
def test_events_sharing_a_sentence_are_related_not_duplicates(later: str, earlier: str) -> None:
    """Two bundled events told by one sentence are related both ways, which is what keeps
    W001 quiet about them; without the link, W001 would flag the later one."""
    from chronology.heuristics import warning_problems
    from chronology.yamlio import read_yaml

    assert (True, True) == (
        earlier in CHRONOLOGY[later].related,
        later in CHRONOLOGY[earlier].related,
    )
    root, _ = read_yaml((REPO / "events.yaml").read_bytes(), "events.yaml")
    for event in root["events"]:
        if event["id"] in (later, earlier):
            event["related"] = [r for r in event["related"] if r not in (later, earlier)]
    flagged = [p.message for p in warning_problems(root, "events.yaml") if p.code == "W001"]
    assert [f"event '{later}': likely a duplicate of event '{earlier}'"] == [
        m.split(" (line")[0] for m in flagged if m.startswith(f"event '{later}'")
    ]


def test_at_least_35_events_from_all_six_sources() -> None:
    """The chronology curates at least 35 events and cites every source it lists."""
    cited = {c.source for e in CHRONOLOGY for c in e.sources}
    assert len(CHRONOLOGY) >= 35
    assert set(CHRONOLOGY.sources) == cited


@pytest.mark.parametrize(("event_id", "date"), REQUIRED.items())
def test_required_event_with_its_source_precision(event_id: str, date: str) -> None:
    """Each required event is present, dated exactly as precisely as its source."""
    assert EventDate.parse(date) == CHRONOLOGY[event_id].date


def test_zhusan_and_rusafa_figures_keep_the_sources_approximation() -> None:
    """'around 700 ... including 520 children': 700 is approximate, 520 is not."""
    figures = {f.what: f for f in CHRONOLOGY["2021-zhusan-rusafa-repatriation"].figures}
    assert (700, True) == (
        figures["citizens brought home"].value,
        figures["citizens brought home"].approximate,
    )
    assert (520, False) == (
        figures["children among them"].value,
        figures["children among them"].approximate,
    )


def test_inferred_dates_are_explained_in_notes() -> None:
    """An interval or relative date is the curator's inference: notes must say why."""
    unexplained = [
        e.id
        for e in CHRONOLOGY
        if (e.date.is_interval or "last" in " ".join(c.quote for c in e.sources)) and not e.notes
    ]
    assert [] == unexplained


def test_chronology_is_titled() -> None:
    """The data names itself: the default title of the timelines rendered from it."""
    assert "Kazakhstan's citizens in the Syrian conflict and their return" == CHRONOLOGY.title


def test_isil_era_ends_with_the_defeat_and_invents_no_start() -> None:
    """The ISIL era ends in March 2019, as dated by Al Jazeera, and its start stays open."""
    (era,) = CHRONOLOGY.eras
    assert ("isil-territorial-control", EventDate.parse("../2019-03")) == (era.id, era.date)
    assert CHRONOLOGY["2019-03-isil-military-defeat"].date.latest == era.date.latest
    assert True is (
        "The world has moved on to other problems since the military defeat of this terrorist "
        "group in March 2019." in [c.quote for c in era.sources if c.source == "aljazeera-2021"]
    )


def test_era_dates_are_explained_in_notes() -> None:
    """An era's period is the curator's reading of the sources: notes must say how."""
    assert [] == [era.id for era in CHRONOLOGY.eras if not era.notes]


def test_titles_are_short_headlines() -> None:
    """Titles are headlines: at most 80 characters and no trailing full stop."""
    too_long = [e.id for e in CHRONOLOGY if len(e.title) > 80 or e.title.endswith(".")]
    assert [] == too_long


def test_file_lists_events_in_chronological_order() -> None:
    """events.yaml keeps its events in the library's sort order, so diffs stay readable."""
    text = (REPO / "events.yaml").read_text(encoding="utf-8").split("\nevents:\n")[1]
    in_file = re.findall(r"^  - id: (\S+)\n    title:", text, flags=re.MULTILINE)
    assert [e.id for e in CHRONOLOGY] == in_file


def test_no_day_is_invented() -> None:
    """Day precision only where a quote gives a day, or the cited source was published on it."""
    day_words = re.compile(
        r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?\b"
        r"|\d{2}\.\d{2}\.\d{4}|day)"
    )
    suspicious = [
        e.id
        for e in CHRONOLOGY
        if not e.date.is_interval
        and e.date.precision is chronology.Precision.DAY
        and not any(day_words.search(c.quote) for c in e.sources)
        and str(e.date) not in {str(CHRONOLOGY.sources[c.source].published) for c in e.sources}
    ]
    assert [] == suspicious


def test_readme_quotes_the_real_summary() -> None:
    """The README's example output of `chronology validate` matches the bundled data."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    summary = (
        f"events.yaml: valid, {len(CHRONOLOGY)} events from {len(CHRONOLOGY.sources)} sources, "
        f"with {len(UNARCHIVED)} warnings"
    )
    assert summary in readme
