"""Drawing a chronology as a timeline with matplotlib.

Importing this module imports matplotlib; ``import chronology`` does not.

How a timeline is drawn (the rules the pictures follow, documented for readers
in ``docs/render.md``):

- Time runs left to right. Events are grouped into horizontal *lanes* (by
  category, tag or country, or one lane for all).
- A date is drawn over the days it may cover, and never as more precise than
  it is: a day is a dot; a month, a year or an interval is a bar over all its
  possible days; an approximate date (``~``) is hatched and faded, an uncertain
  one (``?``) has a dashed outline (a hollow dot for a day); an open end
  (``../2021-07-07``) is a dashed line that runs out to the edge, with an arrow.
- Each event gets a label (its date, then its title wrapped to two lines)
  placed by :class:`chronology.layout.LabelRows` above its mark, with a leader
  line down to the mark. Labels never overlap each other, never cross a
  leader line, and never leave the plot.
- When a lane has more events than its labels can fit (*overview* level of
  detail), labels go to as many events as fit: first the earliest event of
  each stretch of the axis, so every busy period gets some, then the rest (or
  in the order of the ``priority`` given), only labelled events keep their marks, and a density
  strip at the bottom of the lane shows every event of the lane, each spread
  over its possible days. The lane's caption says how many are labelled.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from ._countries import COUNTRY_NAMES
from .dates import DateInterval, EventDate, Precision
from .errors import ChronologyError
from .fonts import DEFAULT_FONTS, FontChain
from .layout import LabelRows, fit_text, pack_tracks, share_rows
from .model import Era, Event
from .themes import THEMES, Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .chronology import Chronology

__all__ = ["FORMATS", "LANE_MODES", "Mark", "RenderWarning", "Timeline", "draw", "render", "save"]

LaneMode = Literal["category", "tag", "country", "none"]
#: How events are grouped into lanes: by category, tag or country, or all in one lane.
LANE_MODES: tuple[str, ...] = ("category", "tag", "country", "none")
#: The file formats a timeline is saved in, chosen by the path's suffix.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

# Geometry, in points.
TITLE_CHARS = 42  # a label's title is wrapped to two lines of this many characters
TITLE_LINES = 2
UNIT = 1.32  # height of one label row, in multiples of the label font size
TRACK = 6.0  # height of one track of date marks
MAX_TRACKS = 4
OVERVIEW_TRACKS = 2  # tracks for the labelled marks of a lane in overview
LANE_PAD = 4.0
GAP = 4.0  # horizontal space kept between labels
INSET = 2.0  # space between a label's text and the edges of its box
DATE_GAP = 3.0  # space between a label's date and its title
MAX_LABEL_ROWS = 400  # rows a lane may ask for when the height is free
DOT = 4.2  # diameter of a day's dot
MIN_BAR = 3.0  # narrowest bar: a month on a decade-long axis is still visibly a bar

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class RenderWarning(UserWarning):
    """Something was drawn differently from the data, e.g. a glyph no font has.

    It is issued once per drawing, naming the characters replaced by U+FFFD.
    Catch it to check a render, or filter it with :mod:`warnings` to silence it:

    >>> import warnings
    >>> import chronology
    >>> from chronology.render import RenderWarning, render
    >>> protests = chronology.load().in_category("protest")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     fig = render(protests, title="Protests \\u5e74", size=(6, None), dpi=50)
    >>> [w.category.__name__ for w in caught]
    ['RenderWarning']
    >>> "no font has a glyph for" in str(caught[0].message), "(U+5E74)" in str(caught[0].message)
    (True, True)
    """


@attrs.frozen
class _Item:
    event: Event
    start: float  # first possible day (ordinal), or the left edge for an open start
    end: float  # the day after the last possible day, or the right edge for an open end
    anchor: float  # where the leader line meets the mark


@attrs.frozen
class _Lane:
    key: str
    label: str
    colour: str
    items: tuple[_Item, ...]


@attrs.frozen
class _Label:
    item: _Item
    date: str
    lines: tuple[str, ...]  # the title, wrapped; the first line follows the date
    date_width: float  # where the first line starts, after the date
    width: float


@attrs.define
class Timeline:
    """What :func:`draw` drew, so callers can adjust it before saving.

    ``labels`` maps each labelled event id to its text artists (date line
    first); ``unlabelled`` lists the ids of events drawn without a label
    (overview lanes); ``lanes`` names the lanes from top to bottom.

    >>> import chronology
    >>> from matplotlib.figure import Figure
    >>> from chronology.render import draw
    >>> protests = chronology.load().in_category("protest").between("2019", "2019")
    >>> timeline = draw(protests, Figure(figsize=(8, 3), dpi=50).add_subplot())
    >>> timeline.lanes, timeline.unlabelled
    (('protest',), ())
    >>> [text.get_text() for text in timeline.labels["2019-fire-kills-five-children"]]
    ['by Feb 2019', 'Five children of one family', 'die in a night fire']
    """

    figure: Figure
    ax: Axes
    lanes: tuple[str, ...]
    labels: dict[str, list[Text]]
    unlabelled: tuple[str, ...]
    legend_handles: list[Any]
    missing_glyphs: frozenset[str]

    @property
    def texts(self) -> list[Text]:
        """Every label's text artists."""
        return [t for texts in self.labels.values() for t in texts]


# -- data to lanes ------------------------------------------------------------------------


def _ordinal(day: dt.date) -> float:
    return float(day.toordinal())


def _extent(date: EventDate) -> tuple[float | None, float | None]:
    start = _ordinal(date.earliest) if date.earliest is not None else None
    end = _ordinal(date.latest) + 1.0 if date.latest is not None else None
    return start, end


def _range(events: Sequence[Event]) -> tuple[float, float]:
    """The days the axis shows: every known day of the events, padded a little."""
    known = [x for e in events for x in _extent(e.date) if x is not None]
    low, high = min(known), max(known)
    pad = max((high - low) * 0.03, 20.0)
    return low - pad, high + pad


def _items(events: Iterable[Event], x0: float, x1: float) -> list[_Item]:
    items = []
    for event in events:
        start, end = _extent(event.date)
        anchor = start if start is not None else _ordinal(event.date.anchor)
        items.append(
            _Item(
                event,
                start if start is not None else x0,
                end if end is not None else x1,
                anchor=anchor,
            )
        )
    return items


def _lanes(chronology: Chronology, mode: str, theme: Theme, x0: float, x1: float) -> list[_Lane]:
    items = _items(chronology, x0, x1)
    if mode == "none":
        return [_Lane("all", "All events", theme.colour("all", 0), tuple(items))]
    groups: dict[str, list[_Item]] = {}
    if mode == "category":
        order = list(chronology.categories)
        for item in items:
            groups.setdefault(item.event.category, []).append(item)
        keys = sorted(groups, key=lambda k: (order.index(k) if k in order else len(order), k))
        lanes = []
        for key in keys:
            category = chronology.categories.get(key)
            position = order.index(key) if key in order else None
            label = category.label if category else key
            lanes.append(_Lane(key, label, theme.colour(key, position), tuple(groups[key])))
        return lanes
    none_key = "(no tag)" if mode == "tag" else "(no place)"
    for item in items:
        if mode == "tag":
            keys_of = list(dict.fromkeys(item.event.tags))
        else:
            keys_of = list(dict.fromkeys(p.country for p in item.event.places))
        for key in keys_of or [none_key]:
            groups.setdefault(key, []).append(item)
    keys = sorted(groups, key=lambda k: (k == none_key, -len(groups[k]), k))
    lanes = []
    for key in keys:
        label = key
        if mode == "country" and key in COUNTRY_NAMES:
            label = f"{COUNTRY_NAMES[key]} ({key})"
        lanes.append(_Lane(key, label, theme.colour(key), tuple(groups[key])))
    return lanes


# -- layout ---------------------------------------------------------------------------------


@attrs.frozen
class _LanePlan:
    lane: _Lane
    labels: dict[int, tuple[_Label, int, float]]  # item index -> (label, row, left point)
    tracks: dict[int, int]  # item index -> track, for the items that get a mark
    n_tracks: int
    rows: int
    overview: bool


@attrs.frozen
class _Plan:
    lanes: tuple[_LanePlan, ...]
    era_rows: int
    eras: tuple[tuple[Era, float, float, tuple[str, ...], int, float], ...]
    unit: float
    capped: bool = False  # the labels did not all fit the height, so rows were shared

    def lane_height(self, plan: _LanePlan) -> float:
        strip = TRACK if plan.overview else 0.0
        return 2 * LANE_PAD + strip + plan.n_tracks * TRACK + LANE_PAD + plan.rows * self.unit

    @property
    def height(self) -> float:
        eras = self.era_rows * self.unit + (LANE_PAD if self.era_rows else 0.0)
        return eras + sum(self.lane_height(p) for p in self.lanes)


class _Measure:
    def __init__(self, theme: Theme, fonts: Sequence[str]) -> None:
        self.theme = theme
        self.regular = FontChain(fonts)
        self.bold = FontChain(fonts, bold=True)
        self._labels: dict[int, _Label] = {}

    def clean(self, text: str) -> str:
        return self.bold.clean(self.regular.clean(text))

    @property
    def missing(self) -> frozenset[str]:
        return frozenset(self.regular.missing | self.bold.missing)

    def label(self, item: _Item) -> _Label:
        """The label of ``item``: its date, then its title starting on the same line."""
        label = self._labels.get(id(item))
        if label is None:
            label = self._labels[id(item)] = self._label(item)
        return label

    def _label(self, item: _Item) -> _Label:
        date = self.clean(item.event.date.label())
        indent = min(round(len(date) * 1.15) + 2, TITLE_CHARS - 12)
        title = fit_text(self.clean(item.event.title), TITLE_CHARS, TITLE_LINES, indent)
        date_width = self.bold.width(date, self.theme.date_size) + DATE_GAP
        lines = title or ("",)
        widths = [date_width + self.regular.width(lines[0], self.theme.label_size)]
        widths += [self.regular.width(line, self.theme.label_size) for line in lines[1:]]
        return _Label(item, date, lines, date_width, max(widths) + 2 * INSET)


def _anchor_points(label: _Label, width: float, scale: float, x0: float) -> float:
    return min(max((label.item.anchor - x0) * scale, 0.0), width)


def _place_lane(
    lane: _Lane,
    labels: Sequence[_Label],
    order: Sequence[int],
    rows: int,
    width: float,
    reach: float,
    scale: float,
    x0: float,
) -> tuple[dict[int, tuple[_Label, int, float]], int]:
    """Place the labels of ``order`` (item indexes) in ``rows`` rows; return them and rows used.

    Marks lie in ``[0, width]``; labels may run on to ``reach``, into the margin.
    """
    placer = LabelRows(rows, 0.0, reach, GAP)
    placer.expect(_anchor_points(labels[i], width, scale, x0) for i in order)
    placed: dict[int, tuple[_Label, int, float]] = {}
    for index in order:
        label = labels[index]
        anchor = _anchor_points(label, width, scale, x0)
        spot = placer.place(anchor, label.width, len(label.lines))
        if spot is not None:
            placed[index] = (label, spot.row, spot.left)
    return placed, placer.used


def _tracks(
    items: Sequence[_Item], indexes: Iterable[int], scale: float, x0: float, most: int
) -> dict[int, int]:
    chosen = sorted(indexes, key=lambda i: (items[i].start, items[i].end))
    extents = []
    for i in chosen:
        left, right = (items[i].start - x0) * scale, (items[i].end - x0) * scale
        if right - left < MIN_BAR:
            middle = (left + right) / 2
            left, right = middle - MIN_BAR / 2, middle + MIN_BAR / 2
        extents.append((left, right))
    return dict(zip(chosen, pack_tracks(extents, most, gap=1.0), strict=True))


def _order(items: Sequence[_Item], priority: Callable[[Event], Any] | None) -> list[int]:
    """The order labels are placed in: latest first, so that each label starts at its
    mark and runs right, above the labels of later events, and no leader line has to
    cross a label; or by ``priority``, lowest first."""
    indexes = sorted(range(len(items)), key=lambda i: (-items[i].anchor, -i))
    if priority is not None:
        indexes.sort(key=lambda i: priority(items[i].event))
    return indexes


SPREAD = 120.0  # in overview, the first labels go one to each stretch this many points wide


def _spread(items: Sequence[_Item], order: Sequence[int], scale: float, x0: float) -> list[int]:
    """Overview order: first the earliest event of each stretch of the axis, so busy and
    quiet periods alike get labels; then the rest; each group latest first."""
    first: dict[int, int] = {}
    for i in sorted(order, key=lambda i: (items[i].anchor, i)):
        first.setdefault(int((items[i].anchor - x0) * scale // SPREAD), i)
    leaders = set(first.values())
    return [i for i in order if i in leaders] + [i for i in order if i not in leaders]


def _plan(
    lanes: Sequence[_Lane],
    eras: Sequence[Era],
    measure: _Measure,
    x0: float,
    x1: float,
    width: float,
    height: float | None,
    priority: Callable[[Event], Any] | None,
    reach: float | None = None,
) -> _Plan:
    scale = width / (x1 - x0)
    reach = width if reach is None else max(reach, width)
    unit = measure.theme.label_size * UNIT

    era_spots = []
    if eras:
        placer = LabelRows(8, 0.0, width, GAP)
        for era in eras:
            start, end = _extent(era.date)
            left = max((start if start is not None else x0) - x0, 0.0) * scale
            right = min((end if end is not None else x1) - x0, x1 - x0) * scale
            if right <= left:
                continue
            text = fit_text(measure.clean(era.label), 60, 1)
            text_width = measure.regular.width(text[0], measure.theme.label_size) if text else 0.0
            anchor = min(left + 2.0, width)
            spot = placer.place(anchor, min(text_width, width), 1)
            era_spots.append(
                (
                    era,
                    left,
                    right,
                    text if spot else (),
                    spot.row if spot else 0,
                    spot.left if spot else 0.0,
                )
            )
        era_rows = placer.used
    else:
        era_rows = 0

    all_labels = [[measure.label(item) for item in lane.items] for lane in lanes]
    orders = [_order(lane.items, priority) for lane in lanes]

    free_rows = [
        _place_lane(lane, labels, order, MAX_LABEL_ROWS, width, reach, scale, x0)
        for lane, labels, order in zip(lanes, all_labels, orders, strict=True)
    ]
    needed = [used for _, used in free_rows]
    placements = [placed for placed, _ in free_rows]
    fits = [len(placed) == len(lane.items) for placed, lane in zip(placements, lanes, strict=True)]

    def lane_plans(rows: Sequence[int], overview: Sequence[bool]) -> list[_LanePlan]:
        plans = []
        for lane, placed, n_rows, over in zip(lanes, placements, rows, overview, strict=True):
            marked = placed.keys() if over else range(len(lane.items))
            most = OVERVIEW_TRACKS if over else MAX_TRACKS
            tracks = _tracks(lane.items, marked, scale, x0, most)
            n_tracks = max(tracks.values(), default=-1) + 1
            plans.append(_LanePlan(lane, placed, tracks, max(n_tracks, 1), n_rows, over))
        return plans

    plans = lane_plans(needed, [not f for f in fits])
    plan = _Plan(tuple(plans), era_rows, tuple(era_spots), unit)
    if height is None or plan.height <= height:
        return plan

    # Not everything fits: share the rows there are, and label what fits in them.
    # Any lane may end in overview: count its strip and fewer tracks.
    fixed = plan.height - sum(p.rows for p in plans) * unit
    fixed += sum(
        TRACK + (min(p.n_tracks, OVERVIEW_TRACKS) - p.n_tracks) * TRACK
        for p in plans
        if not p.overview
    )
    capacity = max(int((height - fixed) // unit), 0)
    shares = share_rows(needed, capacity)
    if priority is None:
        orders = [
            _spread(lane.items, order, scale, x0) for lane, order in zip(lanes, orders, strict=True)
        ]
    placements = [
        _place_lane(lane, labels, order, rows, width, reach, scale, x0)[0] if rows else {}
        for lane, labels, order, rows in zip(lanes, all_labels, orders, shares, strict=True)
    ]
    overview = [len(p) < len(lane.items) for p, lane in zip(placements, lanes, strict=True)]
    return _Plan(tuple(lane_plans(shares, overview)), era_rows, tuple(era_spots), unit, True)


# -- drawing ----------------------------------------------------------------------------------


def _ticks(x0: float, x1: float, width: float) -> tuple[list[float], list[str]]:
    """Tick positions and English labels: years for long spans, months for short ones."""
    first = dt.date.fromordinal(math.ceil(x0))
    last = dt.date.fromordinal(math.floor(x1))
    max_ticks = max(int(width // 60), 2)
    years = last.year - first.year + 1
    if years > 3:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if years / s <= max_ticks)
        start = first.year if first == dt.date(first.year, 1, 1) else first.year + 1
        start += (-start) % step
        days = [dt.date(y, 1, 1) for y in range(start, last.year + 1, step)]
        return [_ordinal(d) for d in days], [str(d.year) for d in days]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(s for s in (1, 2, 3, 6, 12) if months / s <= max_ticks)
    days = []
    year, month = first.year, first.month
    if first.day != 1:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while (year, month) <= (last.year, last.month):
        if (month - 1) % step == 0:
            days.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    labels = [f"{_MONTHS[d.month - 1]} {d.year}" for d in days]
    return [_ordinal(d) for d in days], labels


def _drawn_part(date: EventDate) -> tuple[EventDate, Literal["start", "end"] | None]:
    """The part of ``date`` drawn as a dot or a bar, and which end is open, if one is:
    an interval with an open end is drawn as its known end (and a line to the edge)."""
    value = date.value
    if isinstance(value, DateInterval):
        if value.start is None and value.end is not None:
            return EventDate(value.end), "start"
        if value.end is None and value.start is not None:
            return EventDate(value.start), "end"
    return date, None


@attrs.frozen
class Mark:
    """How :func:`draw` draws a date: the one decision the painter follows and the
    documentation's table of date forms describes, so the two cannot disagree.

    A date with an open end is drawn as its known end, plus a dashed line with an
    arrow out to the edge of the plot.

    >>> from chronology import EventDate
    >>> from chronology.render import Mark
    >>> Mark.of(EventDate.parse("2013-10~"))
    Mark(shape='bar', approximate=True, uncertain=False, open_end=None)
    >>> Mark.of(EventDate.parse("../2021-07-07")).words
    'a dot on its day, and a dashed line with an arrow out to the left edge'
    """

    #: ``"dot"`` for a single day, ``"bar"`` for anything longer: the days it may cover.
    shape: Literal["dot", "bar"]
    #: Faded (and a bar hatched): the date is approximate (``~`` or ``%``).
    approximate: bool
    #: A hollow dot or a bar with a dashed outline: the date is uncertain (``?``, ``%``).
    uncertain: bool
    #: ``"start"`` or ``"end"`` when that end is open (``..``), else None.
    open_end: Literal["start", "end"] | None

    @classmethod
    def of(cls, date: EventDate) -> Mark:
        """The mark of ``date``: for an open interval, the mark of its known end."""
        known, open_end = _drawn_part(date)
        day = not known.is_interval and known.precision is Precision.DAY
        return cls("dot" if day else "bar", known.is_approximate, known.is_uncertain, open_end)

    @property
    def words(self) -> str:
        """The mark in English, as the documentation's table of date forms shows it."""
        if self.shape == "dot":
            looks = [w for w, on in (("faded", self.approximate), ("hollow", self.uncertain)) if on]
            text = " ".join(["a", *looks, "dot on its day"])
        else:
            faded = self.approximate or self.uncertain
            looks = [w for w, on in (("faded", faded), ("hatched", self.approximate)) if on]
            outline = " with a dashed outline" if self.uncertain else ""
            text = " ".join(["a", *looks, "bar"]) + f"{outline} over all its days"
        if self.open_end is not None:
            edge = "left" if self.open_end == "start" else "right"
            text += f", and a dashed line with an arrow out to the {edge} edge"
        return text

    def style(self, colour: str) -> dict[str, Any]:
        """The keyword arguments of the bar's Rectangle patch (and of the legend's)."""
        return {
            "facecolor": matplotlib.colors.to_rgba(
                colour, 0.35 if (self.approximate or self.uncertain) else 1.0
            ),
            "edgecolor": colour,
            "hatch": "//////" if self.approximate else None,
            "linestyle": "--" if self.uncertain else "-",
            "linewidth": 0.8,
        }


class _Painter:
    """Adds the artists of one planned timeline to an Axes whose y unit is one point."""

    def __init__(
        self, ax: Axes, theme: Theme, fonts: Sequence[str], x0: float, x1: float, width: float
    ) -> None:
        self.ax, self.theme, self.fonts = ax, theme, list(fonts)
        self.x0, self.x1, self.scale = x0, x1, width / (x1 - x0)

    def x(self, points: float) -> float:
        return self.x0 + points / self.scale

    def text(self, x: float, y: float, s: str, **kwargs: Any) -> Text:
        kwargs.setdefault("color", self.theme.foreground)
        return self.ax.text(
            x, y, s, parse_math=False, usetex=False, family=self.fonts, clip_on=False, **kwargs
        )

    def mark(self, item: _Item, y: float, colour: str) -> None:
        ax, date = self.ax, item.event.date
        mark = Mark.of(date)
        left, right = item.start, item.end
        if mark.open_end is not None:
            to_left = mark.open_end == "start"
            start, end = _extent(_drawn_part(date)[0])  # the days of the known end
            assert start is not None
            assert end is not None
            left, right = start, end
            ax.plot(
                [self.x0, left] if to_left else [right, self.x1],
                [y, y],
                color=colour,
                linestyle=(0, (2.0, 1.5)),
                linewidth=1.0,
                solid_capstyle="butt",
                zorder=3,
            )
            ax.plot(
                [self.x0 if to_left else self.x1],
                [y],
                marker="<" if to_left else ">",
                markersize=4.5,
                color=colour,
                linestyle="none",
                zorder=3,
            )
        if mark.shape == "dot":
            ax.plot(
                [(left + right) / 2],
                [y],
                marker="o",
                markersize=DOT,
                linestyle="none",
                markerfacecolor="none" if mark.uncertain else colour,
                markeredgecolor=colour,
                markeredgewidth=0.8,
                alpha=0.45 if mark.approximate else 1.0,
                zorder=4,
            )
            return
        width_pts = (right - left) * self.scale
        if width_pts < MIN_BAR:
            middle = (left + right) / 2
            left, right = middle - MIN_BAR / 2 / self.scale, middle + MIN_BAR / 2 / self.scale
        height = TRACK * 0.62
        ax.add_patch(
            Rectangle(
                (left, y - height / 2),
                right - left,
                height,
                zorder=4,
                **mark.style(colour),
            )
        )

    def density(self, items: Sequence[_Item], y0: float, colour: str) -> None:
        bins = max(int((self.x1 - self.x0) * self.scale / 2.0), 1)
        edges = np.linspace(self.x0, self.x1, bins + 1)
        counts = np.zeros(bins)
        for item in items:
            lo = max(item.start, self.x0)
            hi = max(min(item.end, self.x1), lo + 1.0)
            a = int(np.searchsorted(edges, lo, side="right")) - 1
            b = int(np.searchsorted(edges, hi, side="left"))
            a, b = max(a, 0), min(max(b, a + 1), bins)
            counts[a:b] += 1.0 / (b - a)
        peak = counts.max() or 1.0
        rgba = np.zeros((1, bins, 4))
        rgba[0, :, :3] = matplotlib.colors.to_rgb(colour)
        rgba[0, :, 3] = np.sqrt(counts / peak) * 0.95
        self.ax.imshow(
            rgba,
            extent=(self.x0, self.x1, y0, y0 + TRACK * 0.8),
            aspect="auto",
            interpolation="nearest",
            origin="lower",
            zorder=2,
        )


def _legend_handles(theme: Theme) -> list[Any]:
    colour = theme.muted
    return [
        Line2D(
            [], [], marker="o", markersize=DOT, linestyle="none", color=colour, label="exact day"
        ),
        Patch(facecolor=colour, edgecolor=colour, label="month, year or period (all its days)"),
        Patch(**Mark.of(EventDate.parse("2000~")).style(colour), label="approximate (~)"),
        Patch(**Mark.of(EventDate.parse("2000?")).style(colour), label="uncertain (?)"),
        Line2D(
            [],
            [],
            marker="<",
            markersize=4.5,
            linestyle=(0, (2.0, 1.5)),
            color=colour,
            label="open start or end",
        ),
    ]


def _layout_for(
    chronology: Chronology, eras: Sequence[Era] | None
) -> tuple[float, float, tuple[Era, ...]]:
    if not len(chronology):
        raise ChronologyError("there are no events to draw")
    chosen = tuple(chronology.eras if eras is None else eras)
    x0, x1 = _range(chronology.events)
    return x0, x1, chosen


def _draw_plan(
    ax: Axes,
    plan: _Plan,
    measure: _Measure,
    fonts: Sequence[str],
    x0: float,
    x1: float,
    width: float,
    height: float,
    lane_label_x: float,
) -> Timeline:
    theme = measure.theme
    paint = _Painter(ax, theme, fonts, x0, x1, width)
    ax.set_xlim(x0, x1)
    ax.set_ylim(0.0, height)
    ax.set_facecolor(theme.background)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(theme.muted)
    ax.tick_params(
        axis="x",
        colors=theme.muted,
        labelcolor=theme.foreground,
        labelsize=theme.tick_size,
        length=3,
    )
    ax.set_yticks([])
    ticks, tick_labels = _ticks(x0, x1, width)
    ax.set_xticks(ticks, tick_labels)
    for t in ax.get_xticklabels():
        t.set_fontfamily(list(fonts))
    ax.vlines(ticks, 0.0, height, colors=theme.grid, linewidth=0.6, zorder=0)

    labels: dict[str, list[Text]] = {}
    unlabelled: list[str] = []
    top = height
    # Eras: shaded behind everything, named in rows at the top.
    era_band = plan.era_rows * plan.unit + (LANE_PAD if plan.era_rows else 0.0)
    for era, left, right, text, row, text_left in plan.eras:
        start, end = _extent(era.date)
        lo, hi = paint.x(left), paint.x(right)
        ax.add_patch(
            Rectangle(
                (lo, 0.0),
                hi - lo,
                height,
                facecolor=theme.era,
                alpha=theme.era_alpha,
                linewidth=0,
                zorder=0.5,
            )
        )
        fade = min((hi - lo) * 0.25, (x1 - x0) * 0.06)
        # An open end fades out towards the edge, in six steps.
        for is_open, edge, direction in ((start is None, lo, 1.0), (end is None, hi, -1.0)):
            for step in range(6 if is_open else 0):
                near = edge + direction * fade * step / 6
                far = edge + direction * fade * (step + 1) / 6
                ax.add_patch(
                    Rectangle(
                        (min(near, far), 0.0),
                        fade / 6,
                        height,
                        facecolor=theme.background,
                        alpha=0.6 * (1 - step / 6),
                        linewidth=0,
                        zorder=0.6,
                    )
                )
        if text:
            y = top - (row + 1) * plan.unit + theme.label_size * 0.3
            paint.text(
                paint.x(text_left),
                y,
                text[0],
                fontsize=theme.label_size,
                color=theme.muted,
                style="italic",
                va="baseline",
                ha="left",
            )
    top -= era_band

    lane_names = []
    for number, lp in enumerate(plan.lanes):
        lane, colour = lp.lane, lp.lane.colour
        lane_height = plan.lane_height(lp)
        bottom = top - lane_height
        lane_names.append(lane.key)
        if theme.band and number % 2 == 0:
            ax.add_patch(
                Rectangle(
                    (x0, bottom),
                    x1 - x0,
                    lane_height,
                    facecolor=theme.band,
                    linewidth=0,
                    zorder=0.1,
                )
            )
        if theme.band is None and number:
            ax.axhline(top, color=theme.grid, linewidth=0.6, zorder=0.2)
        ax.add_patch(
            Rectangle(
                (x0, bottom + 1.0),
                3.0 / paint.scale,
                lane_height - 2.0,
                facecolor=colour,
                linewidth=0,
                zorder=5,
            )
        )
        caption = fit_text(measure.clean(lane.label), 18, 2)
        caption_y = bottom + lane_height / 2
        paint.text(
            lane_label_x,
            caption_y,
            "\n".join(caption),
            fontsize=theme.lane_size,
            weight="bold",
            ha="right",
            va="center",
            transform=ax.get_yaxis_transform(),
        )
        y = bottom + LANE_PAD
        if lp.overview:
            paint.density(lane.items, y, colour)
            shown = len(lp.labels)
            note = f"{shown:,} of {len(lane.items):,} labelled"
            paint.text(
                lane_label_x,
                caption_y - theme.lane_size * 1.3 * len(caption) / 2 - 1.0,
                note,
                fontsize=theme.date_size,
                color=theme.muted,
                ha="right",
                va="top",
                transform=ax.get_yaxis_transform(),
            )
            y += TRACK
        track_y = {t: y + (t + 0.5) * TRACK for t in range(lp.n_tracks)}
        for index, track in lp.tracks.items():
            paint.mark(lane.items[index], track_y[track], colour)
        label_base = y + lp.n_tracks * TRACK + LANE_PAD
        leaders = []
        for index, (label, row, left) in sorted(lp.labels.items()):
            item = label.item
            row_top = label_base + (row + len(label.lines)) * plan.unit
            first = row_top - plan.unit + theme.label_size * 0.3
            x = left + INSET
            date = paint.text(
                paint.x(x),
                first,
                label.date,
                fontsize=theme.date_size,
                weight="bold",
                color=theme.muted,
                va="baseline",
            )
            # The title follows the date where the date really ends (the layout
            # reserved a little more, so this never reaches further).
            title = ax.annotate(
                label.lines[0],
                xy=(1.0, 0.0),
                xycoords=date,
                xytext=(DATE_GAP, theme.date_size * 0.22),
                textcoords="offset points",
                va="baseline",
                fontsize=theme.label_size,
                color=theme.foreground,
                family=list(fonts),
                parse_math=False,
                usetex=False,
                annotation_clip=False,
            )
            artists: list[Text] = [date, title]
            for n, line in enumerate(label.lines[1:], start=2):
                baseline = row_top - n * plan.unit + theme.label_size * 0.3
                artists.append(
                    paint.text(paint.x(x), baseline, line, fontsize=theme.label_size, va="baseline")
                )
            labels.setdefault(item.event.id, []).extend(artists)
            anchor = min(max(item.anchor, x0), x1)
            mark_y = track_y[lp.tracks[index]]
            leaders.append([(anchor, mark_y), (anchor, label_base + row * plan.unit)])
        if leaders:
            ax.add_collection(LineCollection(leaders, colors=colour, linewidths=0.6, zorder=3.5))
        unlabelled.extend(
            lane.items[i].event.id for i in range(len(lane.items)) if i not in lp.labels
        )
        top = bottom
    return Timeline(
        figure=ax.figure,  # type: ignore[arg-type]
        ax=ax,
        lanes=tuple(lane_names),
        labels=labels,
        unlabelled=tuple(dict.fromkeys(u for u in unlabelled if u not in labels)),
        legend_handles=_legend_handles(theme),
        missing_glyphs=measure.missing,
    )


def _check_options(lanes: str, theme: str) -> Theme:
    if lanes not in LANE_MODES:
        raise ChronologyError(f"unknown lane mode {lanes!r}; choose one of {', '.join(LANE_MODES)}")
    if theme not in THEMES:
        raise ChronologyError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")
    return THEMES[theme]


def _warn_missing(missing: frozenset[str]) -> None:
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(missing)[:8])
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        warnings.warn(
            RenderWarning(
                f"no font has a glyph for {shown}{more}; drawn as \N{REPLACEMENT CHARACTER}"
            ),
            stacklevel=3,
        )


def draw(
    chronology: Chronology,
    ax: Axes,
    *,
    lanes: LaneMode = "category",
    theme: str = "light",
    eras: Sequence[Era] | None = None,
    priority: Callable[[Event], Any] | None = None,
    fonts: Sequence[str] = DEFAULT_FONTS,
) -> Timeline:
    """Draw ``chronology`` into an existing matplotlib ``ax``; return what was drawn.

    The layout fits the Axes' current size on its figure, so size the figure
    first. ``eras`` defaults to the chronology's own. When there is not room
    for every label, they go first to the earliest event of each stretch of
    the axis, then to the rest; or in the order of the ``priority`` key
    (lowest first). ``Timeline.unlabelled`` lists the events left without one.

    >>> import chronology
    >>> from matplotlib.figure import Figure
    >>> from chronology.render import draw
    >>> events = chronology.load().between("2019", "2021")
    >>> fig = Figure(figsize=(8, 5), dpi=50)
    >>> timeline = draw(events, fig.add_subplot(), lanes="none")
    >>> timeline.lanes, timeline.figure is fig
    (('all',), True)
    >>> set(timeline.labels) | set(timeline.unlabelled) == {event.id for event in events}
    True
    """
    style = _check_options(lanes, theme)
    x0, x1, chosen = _layout_for(chronology, eras)
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    position = ax.get_position()
    w_in, h_in = figure.get_size_inches()
    width, height = position.width * w_in * 72.0, position.height * h_in * 72.0
    measure = _Measure(style, fonts)
    reach = width + max((1.0 - position.x1) * w_in * 72.0 - 6.0, 0.0)
    plan = _plan(
        _lanes(chronology, lanes, style, x0, x1),
        chosen,
        measure,
        x0,
        x1,
        width,
        height,
        priority,
        reach,
    )
    timeline = _draw_plan(
        ax, plan, measure, fonts, x0, x1, width, height, lane_label_x=-8.0 / width
    )
    _warn_missing(timeline.missing_glyphs)
    return timeline


def _source_line(chronology: Chronology) -> str:
    used = {c.source for e in chronology for c in e.sources}
    for era in chronology.eras:
        used.update(c.source for c in era.sources)
    sources = sorted(
        (s for key, s in chronology.sources.items() if key in used),
        key=lambda s: (s.published.earliest if s.published else dt.date.max, s.id),
    )
    parts = []
    for s in sources:
        when = f", {s.published.label()}" if s.published else ""
        parts.append(
            f"{s.publisher}, \N{LEFT DOUBLE QUOTATION MARK}{s.title}"
            f"\N{RIGHT DOUBLE QUOTATION MARK}{when}"
        )
    return "Sources: " + "; ".join(parts) + "." if parts else ""


def _wrap_to_width(
    text: str, chain: FontChain, size: float, width: float, max_lines: int
) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if chain.width(candidate, size) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and chain.width(last + " \N{HORIZONTAL ELLIPSIS}", size) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines = [*lines[: max_lines - 1], last + " \N{HORIZONTAL ELLIPSIS}"]
    return lines


def _legend_columns(theme: Theme, measure: _Measure, available: float) -> int:
    """How many legend entries fit side by side in ``available`` points."""
    size = theme.label_size
    widest = (
        max(measure.regular.width(h.get_label(), size) for h in _legend_handles(theme))
        + (2.2 + 0.8 + 1.6) * size
    )
    return max(1, min(5, int(available // widest)))


def render(
    chronology: Chronology,
    path: str | os.PathLike[str] | None = None,
    *,
    lanes: LaneMode = "category",
    theme: str = "light",
    title: str | None = None,
    subtitle: str | None = None,
    size: tuple[float, float | None] = (14.0, None),
    dpi: float = 150.0,
    eras: Sequence[Era] | None = None,
    priority: Callable[[Event], Any] | None = None,
    fonts: Sequence[str] = DEFAULT_FONTS,
    legend: bool = True,
    footer: bool = True,
) -> Figure:
    """Draw ``chronology`` as a complete figure, save it to ``path`` if given, and return it.

    ``size`` is (width, height) in inches; a height of ``None`` fits the
    events (between 2.5 inches and 1.3 times the width; past that, the overview
    level of detail takes over). The title defaults to the chronology's
    ``title``, the subtitle to a count of what is drawn, and the footer cites
    every source the drawn events use. See :func:`save` for the formats.

    >>> import tempfile
    >>> from pathlib import Path
    >>> import chronology
    >>> from chronology.render import render
    >>> protests = chronology.load().in_category("protest")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     fig = render(protests, Path(folder) / "protests.png", size=(6, None), dpi=50)
    ...     (Path(folder) / "protests.png").read_bytes()[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    >>> type(fig).__module__, type(fig).__name__, float(fig.get_figwidth())
    ('matplotlib.figure', 'Figure', 6.0)
    """
    style = _check_options(lanes, theme)
    width_in, height_in = size
    if width_in <= 2 or (height_in is not None and height_in <= 2):
        raise ChronologyError("the figure must be more than 2 inches wide and high")
    if dpi <= 0 or dpi > 1200:
        raise ChronologyError("dpi must be between 1 and 1200")
    x0, x1, chosen = _layout_for(chronology, eras)
    measure = _Measure(style, fonts)
    lane_list = _lanes(chronology, lanes, style, x0, x1)

    with matplotlib.rc_context({**_RC, "font.family": list(fonts)}):  # type: ignore[dict-item]
        fig_w = width_in * 72.0
        captions = [fit_text(measure.clean(lane.label), 18, 2) for lane in lane_list]
        margin_left = 14.0 + max(
            (measure.bold.width(line, style.lane_size) for c in captions for line in c),
            default=0.0,
        )
        margin_left = max(
            margin_left,
            measure.regular.width("000,000 of 000,000 labelled", style.date_size) + 14.0,
        )
        # Labels start at their marks and run right, so the last ones need a margin
        # as wide as a label; at most a quarter of the figure.
        widest = max(measure.label(item).width for lane in lane_list for item in lane.items)
        margin_right = min(widest, fig_w / 4) + 12.0
        width = fig_w - margin_left - margin_right
        reach = fig_w - margin_left - 6.0
        if width < 72.0:
            raise ChronologyError("the figure is too narrow for its lane names")

        heading = title if title is not None else (chronology.title or "Chronology")
        heading_lines = _wrap_to_width(
            measure.clean(heading), measure.bold, style.title_size, fig_w - 36.0, 2
        )
        if subtitle is None:
            known = [d for e in chronology for d in (e.date.earliest, e.date.latest) if d]
            first, last = min(known).year, max(known).year
            span = str(first) if first == last else f"{first}\N{EN DASH}{last}"
            subtitle = f"{len(chronology):,} events, {span}"
        sub_lines = (
            _wrap_to_width(
                measure.clean(subtitle), measure.regular, style.subtitle_size, fig_w - 36.0, 2
            )
            if subtitle
            else []
        )
        top_margin = (
            14.0
            + len(heading_lines) * style.title_size * 1.25
            + (len(sub_lines) * style.subtitle_size * 1.3 + 6.0)
            + 8.0
        )
        foot_lines = (
            _wrap_to_width(
                measure.clean(_source_line(chronology)),
                measure.regular,
                style.footer_size,
                fig_w - 36.0,
                3,
            )
            if footer
            else []
        )
        legend_columns = _legend_columns(style, measure, fig_w - margin_left - 12.0)
        legend_rows = -(-5 // legend_columns)
        bottom_margin = 10.0 + style.tick_size * 2.2
        bottom_margin += style.label_size * (1.6 * legend_rows + 1.0) if legend else 0.0
        bottom_margin += len(foot_lines) * style.footer_size * 1.35 + 6.0

        if height_in is None:
            # The height fits the events, up to 1.3 times the width (then rows are shared).
            tallest = 1.3 * fig_w
            room = tallest - top_margin - bottom_margin
            plan = _plan(lane_list, chosen, measure, x0, x1, width, room, priority, reach)
            fig_h = tallest if plan.capped else top_margin + plan.height + bottom_margin
            fig_h = max(fig_h, 2.5 * 72.0)
        else:
            fig_h = height_in * 72.0
            room = fig_h - top_margin - bottom_margin
            if room < 36.0:
                raise ChronologyError("the figure is too short for its title, axis and footer")
            plan = _plan(lane_list, chosen, measure, x0, x1, width, room, priority, reach)
        plot_h = fig_h - top_margin - bottom_margin

        fig = Figure(figsize=(width_in, fig_h / 72.0), dpi=dpi, facecolor=style.background)
        ax = fig.add_axes(
            (margin_left / fig_w, bottom_margin / fig_h, width / fig_w, plot_h / fig_h)
        )
        timeline = _draw_plan(
            ax, plan, measure, fonts, x0, x1, width, plot_h, lane_label_x=-8.0 / width
        )

        def fig_text(x: float, y: float, s: str, **kwargs: Any) -> None:
            kwargs.setdefault("color", style.foreground)
            fig.text(
                x / fig_w,
                y / fig_h,
                s,
                parse_math=False,
                usetex=False,
                family=list(fonts),
                **kwargs,
            )

        y = fig_h - 14.0
        for line in heading_lines:
            fig_text(18.0, y, line, fontsize=style.title_size, weight="bold", va="top")
            y -= style.title_size * 1.25
        y -= 4.0
        for line in sub_lines:
            fig_text(18.0, y, line, fontsize=style.subtitle_size, color=style.muted, va="top")
            y -= style.subtitle_size * 1.3
        y = 8.0
        for line in reversed(foot_lines):
            fig_text(18.0, y, line, fontsize=style.footer_size, color=style.muted, va="bottom")
            y += style.footer_size * 1.35
        if legend:
            fig.legend(
                handles=timeline.legend_handles,
                loc="lower left",
                bbox_to_anchor=(margin_left / fig_w, (y + 2.0) / fig_h),
                ncols=legend_columns,
                frameon=False,
                fontsize=style.label_size,
                labelcolor=style.foreground,
                handlelength=2.2,
                columnspacing=1.6,
                borderaxespad=0.0,
                borderpad=0.0,
                prop={"family": list(fonts), "size": style.label_size},
            )
        if path is not None:
            save(fig, path)
    _warn_missing(timeline.missing_glyphs)
    return fig


_RC: dict[str, Any] = {
    "svg.hashsalt": "chronology",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "text.usetex": False,
    "text.parse_math": False,
    "axes.unicode_minus": False,
    "path.simplify": True,
}

_METADATA: Mapping[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": "chronology"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "chronology", "Producer": None},
}


def save(figure: Figure, path: str | os.PathLike[str], *, dpi: float | None = None) -> Path:
    """Save ``figure`` to ``path`` in the format its extension names (png, svg or pdf).

    The bytes depend only on the figure: no timestamps, no random ids. The
    file is written with :func:`chronology.fileio.write_atomic` (to a temporary
    name beside ``path``, then renamed over it), so a reader never sees a
    half-written file.

    >>> import tempfile
    >>> from pathlib import Path
    >>> import chronology
    >>> from chronology.render import render, save
    >>> fig = render(chronology.load().in_category("protest"), size=(6, None), dpi=50)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     first = save(fig, Path(folder) / "protests.svg")
    ...     again = save(fig, Path(folder) / "again.svg")
    ...     first.suffix, first.read_bytes() == again.read_bytes()
    ('.svg', True)
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ChronologyError(
            f"cannot tell the format of {str(target)!r}: its name must end in "
            + ", ".join(f".{f}" for f in FORMATS)
        )
    from .fileio import write_atomic

    stream = io.BytesIO()
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        figure.savefig(
            stream,
            format=fmt,
            dpi=dpi or figure.dpi,
            metadata=_METADATA[fmt],
            facecolor=figure.get_facecolor(),
        )
    write_atomic(target, stream.getvalue())
    return target
