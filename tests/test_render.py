"""Drawn timelines: what the picture promises, measured in the drawn figure.

Labels are checked where matplotlib actually put them (``get_window_extent``),
not where the layout meant to put them, so a wrong text-width estimate or a
misplaced artist fails here.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.testing.compare import compare_images
from matplotlib.text import Text
from strategies import event_dates

import chronology
from benchmarks.generate import generate, write
from chronology import (
    Chronology,
    Citation,
    DateInterval,
    Era,
    Event,
    EventDate,
    PartialDate,
    Place,
    Precision,
)
from chronology.render import Mark, RenderWarning, _ticks, draw, render, save

from conftest import REPO

GOLDEN = REPO / "tests" / "golden"


def _event(event_id: str, date: str, title: str = "", category: str = "a", **kw: object) -> Event:
    return Event(
        id=event_id,
        title=title or f"Event {event_id}",
        date=EventDate.parse(date),
        summary="s",
        category=category,
        sources=(Citation("src", "q"),),
        **kw,  # type: ignore[arg-type]
    )


def _marks_chronology() -> Chronology:
    """One event of every kind of date the picture draws differently, and an era."""
    events = [
        _event("day", "2019-03-05", "A day-precise event"),
        _event("month", "2019-06", "A month-precise event"),
        _event("year", "2018", "A year-precise event", category="b"),
        _event("interval", "2019-02/2020-03", "A period of thirteen months", category="b"),
        _event("approx", "2019-10~", "An approximate month", category="c"),
        _event("uncertain", "2020-01-15?", "An uncertain day", category="c"),
        _event("open-start", "../2020-06-01", "Known only to have happened by June 2020"),
        _event("open-end", "2020-09/..", "Ongoing since September 2020", category="b"),
    ]
    era = Era(
        id="era",
        label="A shaded era",
        date=EventDate.parse("2018-06/2019-06"),
        sources=(Citation("src", "q"),),
    )
    return Chronology(events, title="Every kind of mark", eras=(era,))


def _texts(figure: Figure) -> list[Text]:
    return [
        t
        for t in figure.findobj(Text)
        if isinstance(t, Text) and t.get_visible() and t.get_text().strip()
    ]


def _boxes(figure: Figure) -> list[tuple[str, float, float, float, float]]:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]  # lays out the legend and ticks
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    boxes = []
    for text in _texts(figure):
        box = text.get_window_extent(renderer)
        boxes.append((text.get_text(), box.x0, box.y0, box.x1, box.y1))
    return boxes


def _overlaps(boxes: list[tuple[str, float, float, float, float]]) -> list[tuple[str, str]]:
    """Pairs of text boxes that overlap by more than half a pixel each way."""
    found = []
    ordered = sorted(boxes, key=lambda b: b[1])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b[1] >= a[3] - 0.5:
                break
            if min(a[3], b[3]) - max(a[1], b[1]) > 0.5 and min(a[4], b[4]) - max(a[2], b[2]) > 0.5:
                found.append((a[0], b[0]))
    return found


def _outside(figure: Figure, boxes: list[tuple[str, float, float, float, float]]) -> list[str]:
    width, height = figure.get_size_inches() * figure.dpi
    return [
        text
        for text, x0, y0, x1, y1 in boxes
        if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5 or y1 > height + 0.5
    ]


def _generated(n: int, tmp_path: Path, seed: int = 1) -> Chronology:
    return chronology.load(write(generate(n, seed=seed), tmp_path / f"g{n}"))


@pytest.fixture(scope="module")
def bundled() -> Chronology:
    return chronology.load()


class TestLabelsAreReadable:
    @pytest.mark.parametrize("lanes", ["category", "tag", "country", "none"])
    def test_bundled_labels_never_overlap_or_leave_the_canvas(
        self, bundled: Chronology, lanes: str
    ) -> None:
        """Every text of the bundled timeline (labels, lanes, ticks, legend, footer) is
        clear of every other and inside the figure, in every lane mode."""
        figure = render(bundled, lanes=lanes)  # type: ignore[arg-type]
        boxes = _boxes(figure)
        assert [] == _overlaps(boxes)
        assert [] == _outside(figure, boxes)

    def test_bundled_events_are_all_labelled_at_the_default_size(self, bundled: Chronology) -> None:
        """At the default size every bundled event gets its label: no overview needed."""
        shown = [t.get_text() for t in _texts(render(bundled))]
        unlabelled = [
            e.id
            for e in bundled
            if not any(e.title.startswith(s) and len(s) >= min(5, len(e.title)) for s in shown)
        ]
        assert [] == unlabelled
        assert [] == [s for s in shown if s.endswith(" labelled")]

    @pytest.mark.parametrize(
        ("n", "size"),
        [(30, (10.0, None)), (220, (14.0, None)), (550, (14.0, None)), (550, (8.0, 6.0))],
    )
    def test_generated_labels_never_overlap_or_leave_the_canvas(
        self, tmp_path: Path, n: int, size: tuple[float, float | None]
    ) -> None:
        """Generated chronologies of every date form and several sizes (550 is ten times
        the bundled data) keep every text clear and on the canvas."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RenderWarning)
            figure = render(_generated(n, tmp_path), size=size)
        boxes = _boxes(figure)
        assert [] == _overlaps(boxes)
        assert [] == _outside(figure, boxes)

    def test_too_many_events_switch_to_overview(self, tmp_path: Path) -> None:
        """Past what fits, the figure keeps its size limit, labels what fits and says
        how many lanes are in overview; unlabelled events are reported, not dropped."""
        many = _generated(2000, tmp_path)
        figure = Figure(figsize=(14, 12), dpi=72)
        ax = figure.add_axes((0.15, 0.1, 0.7, 0.85))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RenderWarning)
            timeline = draw(many, ax)
        labelled, unlabelled = set(timeline.labels), set(timeline.unlabelled)
        assert {e.id for e in many} == labelled | unlabelled
        assert set() == labelled & unlabelled
        assert 0 < len(labelled) < 2000
        notes = [t.get_text() for t in _texts(figure) if t.get_text().endswith("labelled")]
        assert notes, "overview lanes say how many of their events are labelled"


@pytest.fixture(scope="module")
def drawn() -> Figure:
    figure = Figure(figsize=(12, 8), dpi=100)
    ax = figure.add_axes((0.15, 0.1, 0.65, 0.85))
    draw(_marks_chronology(), ax)
    return figure


class TestHonestDates:
    def _rectangles(self, figure: Figure) -> list[Rectangle]:
        return [p for p in figure.axes[0].patches if isinstance(p, Rectangle)]

    def test_a_month_is_drawn_over_all_its_days(self, drawn: Figure) -> None:
        """'2019-06' is a bar from 1 June to the end of 30 June, not a point on a day."""
        start, end = dt.date(2019, 6, 1).toordinal(), dt.date(2019, 7, 1).toordinal()
        spans = [(r.get_x(), r.get_x() + r.get_width()) for r in self._rectangles(drawn)]
        assert any(abs(a - start) < 1e-6 and abs(b - end) < 1e-6 for a, b in spans)

    def test_a_day_is_a_dot_and_an_uncertain_day_a_hollow_one(self, drawn: Figure) -> None:
        """Day-precise dates are dots at their day; '?' leaves the dot unfilled."""
        dots = {
            line.get_xdata()[0]: line.get_markerfacecolor()  # type: ignore[index]
            for line in drawn.axes[0].lines
            if line.get_marker() == "o"
        }
        assert dt.date(2019, 3, 5).toordinal() + 0.5 in dots
        assert "none" == dots[dt.date(2020, 1, 15).toordinal() + 0.5]

    def test_approximate_dates_are_hatched_and_faded(self, drawn: Figure) -> None:
        """'2019-10~' is a hatched, see-through bar; certain bars are neither."""
        start = dt.date(2019, 10, 1).toordinal()
        approx = [r for r in self._rectangles(drawn) if abs(r.get_x() - start) < 1e-6]
        assert 1 == len(approx)
        assert approx[0].get_hatch()
        assert to_rgba(approx[0].get_facecolor())[3] < 1.0

    def test_open_ends_run_out_to_the_edge_with_an_arrow(self, drawn: Figure) -> None:
        """'../2020-06-01' runs from the left edge; '2020-09/..' to the right edge."""
        left, right = drawn.axes[0].get_xlim()
        arrows = {
            line.get_marker(): line.get_xdata()[0]  # type: ignore[index]
            for line in drawn.axes[0].lines
            if line.get_marker() in ("<", ">")
        }
        assert {"<": left, ">": right} == arrows

    def test_the_words_for_each_mark_say_what_is_drawn(self) -> None:
        """docs/format.md's table of date forms takes its "drawn as" column from
        Mark.words: each form's words name the marks the tests above find drawn."""
        expected = {
            "2013": "a bar over all its days",
            "2020-06-09": "a dot on its day",
            "2020-06-09?": "a hollow dot on its day",
            "2020-06-09~": "a faded dot on its day",
            "2022-01~": "a faded hatched bar over all its days",
            "2014?": "a faded bar with a dashed outline over all its days",
            "2014-01%": "a faded hatched bar with a dashed outline over all its days",
            "2019-02/2020-03": "a bar over all its days",
            "2019-02-01/2019-02-01": "a bar over all its days",
            "../2021-07-07": (
                "a dot on its day, and a dashed line with an arrow out to the left edge"
            ),
            "2013~/..": (
                "a faded hatched bar over all its days,"
                " and a dashed line with an arrow out to the right edge"
            ),
        }
        actual = {text: Mark.of(EventDate.parse(text)).words for text in expected}
        assert expected == actual

    @given(event_dates())
    def test_a_mark_follows_the_date(self, date: EventDate) -> None:
        """The mark is a dot exactly for a single day (or an open interval's known
        day), approximate and uncertain exactly as the drawn part is, and open at the
        end the date leaves open."""
        mark = Mark.of(date)
        value = date.value
        known: PartialDate | DateInterval | None = value
        expected_open = None
        if isinstance(value, DateInterval) and value.start is None:
            known, expected_open = value.end, "start"
        elif isinstance(value, DateInterval) and value.end is None:
            known, expected_open = value.start, "end"
        assert known is not None
        is_day = isinstance(known, PartialDate) and known.precision is Precision.DAY
        expected = (
            "dot" if is_day else "bar",
            known.is_approximate,
            known.is_uncertain,
            expected_open,
        )
        assert expected == (mark.shape, mark.approximate, mark.uncertain, mark.open_end)

    def test_eras_are_shaded_and_named(self, drawn: Figure) -> None:
        """The era is a shaded band over its days, named in the figure."""
        start = dt.date(2018, 6, 1).toordinal()
        end = dt.date(2019, 7, 1).toordinal()
        bands = [
            r
            for r in self._rectangles(drawn)
            if abs(r.get_x() - start) < 1e-6 and abs(r.get_x() + r.get_width() - end) < 1e-6
        ]
        assert 1 == len(bands)
        assert "A shaded era" in [t.get_text() for t in _texts(drawn)]

    def test_labels_say_the_date_as_the_source_gives_it(self, drawn: Figure) -> None:
        """Labels carry the human date, never more precise than the data."""
        shown = {t.get_text() for t in _texts(drawn)}
        assert {
            "5 Mar 2019",
            "Jun 2019",
            "2018",
            "c. Oct 2019",
            "by 1 Jun 2020",
            "from Sep 2020",
        } <= shown


class TestText:
    def test_titles_are_drawn_literally(self, tmp_path: Path) -> None:
        """TeX and format characters, Cyrillic, Kazakh and right-to-left text are drawn
        as written: no mathtext, no crash, no warning."""
        titles = [
            "Costs $5 and $6 for 50% of {people}",
            r"Back\slash \frac{1}{2} and ^_^",
            "Қазақстан: Жусан операциясы",
            "Операция «Жусан» — возвращение",
            "שלום and مرحبا",
        ]
        c = Chronology(_event(f"e{i}", f"201{i}", t) for i, t in enumerate(titles))
        figure = render(c, tmp_path / "t.svg")
        drawn = {t.get_text(): t for t in _texts(figure)}
        for title in titles:
            text = next(t for s, t in drawn.items() if title.startswith(s) or s in title)
            assert False is text.get_parse_math()
        assert (tmp_path / "t.svg").read_bytes().startswith(b"<?xml")

    def test_a_missing_glyph_warns_once(self) -> None:
        """Characters no font has are replaced and reported in one warning, not one per
        glyph from matplotlib."""
        c = Chronology(
            [_event("a", "2019", "Unicorn \U0001f984 one"), _event("b", "2020", "\U0001f984 two")]
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            render(c)
        assert [RenderWarning] == [w.category for w in caught]
        assert "U+1F984" in str(caught[0].message)


class TestReproducible:
    @pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
    def test_same_input_same_bytes(self, bundled: Chronology, tmp_path: Path, fmt: str) -> None:
        """Two renders of the same data and options are byte-identical, with no dates or
        random ids in the file."""
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        bundled.render(first)
        bundled.render(second, theme="light")
        assert first.read_bytes() == second.read_bytes()
        year = str(dt.date.today().year).encode()
        if fmt != "png":
            assert b"CreationDate" not in first.read_bytes()
            assert year not in first.read_bytes().split(b"<!--")[0][:200]

    def test_golden_image(self, tmp_path: Path) -> None:
        """The marks chronology still looks as it did when a person checked it. To
        accept a deliberate change: CHRONOLOGY_UPDATE_GOLDEN=1 pytest tests/test_render.py"""
        actual = tmp_path / "marks.png"
        golden = GOLDEN / "marks.png"
        render(_marks_chronology(), actual, size=(10.0, None), dpi=80)
        if os.environ.get("CHRONOLOGY_UPDATE_GOLDEN"):
            golden.parent.mkdir(exist_ok=True)
            golden.write_bytes(actual.read_bytes())
        assert None is compare_images(str(golden), str(actual), tol=3)


class TestLanesAndColours:
    def test_a_category_keeps_its_colour_when_others_are_filtered_out(
        self, bundled: Chronology
    ) -> None:
        """Lane colours follow the category, not which lanes happen to be drawn."""

        def stripe_colours(c: Chronology) -> list[tuple[float, ...]]:
            figure = Figure(figsize=(12, 10))
            ax = figure.add_axes((0.15, 0.1, 0.7, 0.85))
            draw(c, ax)
            return [
                to_rgba(r.get_facecolor())
                for r in ax.patches
                if isinstance(r, Rectangle) and r.get_zorder() == 5
            ]

        everything = stripe_colours(bundled)
        protest_only = stripe_colours(bundled.in_category("protest"))
        position = list(bundled.categories).index("protest")
        assert protest_only == [everything[position]]

    def test_country_lanes_name_the_country(self) -> None:
        """Country lanes are named in words, with events in each of their countries."""
        c = Chronology(
            [
                _event("a", "2019", places=(Place("Almaty", "KZ"), Place("Al-Hol", "SY"))),
                _event("b", "2020"),
            ]
        )
        figure = Figure(figsize=(10, 6))
        timeline = draw(c, figure.add_axes((0.2, 0.1, 0.6, 0.8)), lanes="country")
        assert ("KZ", "SY", "(no place)") == timeline.lanes
        assert {"Kazakhstan (KZ)", "(no place)"} <= {t.get_text() for t in _texts(figure)}


class TestAxis:
    def test_long_spans_are_labelled_in_years(self) -> None:
        """A decade gets year ticks at 1 January."""
        x0, x1 = dt.date(2011, 1, 1).toordinal(), dt.date(2022, 3, 1).toordinal()
        positions, labels = _ticks(x0, x1, 800.0)
        assert "2012" == labels[1]
        assert dt.date(2012, 1, 1).toordinal() == positions[1]

    def test_short_spans_are_labelled_in_months(self) -> None:
        """Half a year gets month ticks named in English whatever the locale."""
        x0, x1 = dt.date(2019, 1, 1).toordinal(), dt.date(2019, 6, 30).toordinal()
        assert ["Jan 2019", "Feb 2019", "Mar 2019", "Apr 2019", "May 2019", "Jun 2019"] == (
            _ticks(x0, x1, 800.0)[1]
        )


class TestSave:
    def test_unknown_extension_is_refused_before_writing(self, tmp_path: Path) -> None:
        """Only .png, .svg and .pdf are written; anything else is a clear error."""
        with pytest.raises(chronology.ChronologyError, match=r"\.png, \.svg, \.pdf"):
            save(Figure(), tmp_path / "t.jpg")
        assert [] == list(tmp_path.iterdir())

    def test_no_events_is_an_error(self) -> None:
        """An empty chronology (e.g. filtered to nothing) cannot be drawn."""
        with pytest.raises(chronology.ChronologyError, match="no events"):
            render(Chronology([]))


def _walk(figure: Figure) -> Iterator[object]:
    yield from figure.findobj()


def test_matplotlib_is_not_imported_by_import_chronology() -> None:
    """Rendering is the only thing that needs matplotlib; ``import chronology`` stays light."""
    import subprocess
    import sys

    code = "import sys, chronology; chronology.load(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False" == out.stdout.strip()


def test_line2d_is_what_dots_are_made_of() -> None:
    """Guard for the tests above: dots are Line2D markers (if the drawing changes to
    scatter, TestHonestDates must change with it)."""
    figure = Figure(figsize=(8, 5))
    draw(Chronology([_event("d", "2019-03-05")]), figure.add_axes((0.2, 0.1, 0.6, 0.8)))
    assert any(isinstance(a, Line2D) and a.get_marker() == "o" for a in _walk(figure))


def test_the_readme_picture_is_the_bundled_chronology_as_drawn_today(
    bundled: Chronology, tmp_path: Path
) -> None:
    """The timeline the README shows is what `chronology render` draws from today's data.
    After changing events.yaml: chronology render events.yaml -o docs/images/timeline.png"""
    actual = tmp_path / "timeline.png"
    bundled.render(actual)
    assert None is compare_images(str(REPO / "docs/images/timeline.png"), str(actual), tol=3)
