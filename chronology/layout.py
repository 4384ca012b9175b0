"""Where things go on a timeline: pure geometry, with no matplotlib.

Everything here works in *points* (1/72 inch) along a horizontal time axis, so
it can be tested, and property-tested, without drawing anything:

- :func:`fit_text` wraps a title into a few short lines, ending with an
  ellipsis when it has to shorten it;
- :func:`pack_tracks` stacks overlapping date marks into thin tracks;
- :class:`LabelRows` assigns each label a place in rows above its mark, greedily,
  so that no two labels overlap and no leader line crosses a label;
- :func:`share_rows` divides a fixed number of rows between lanes.
"""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["ELLIPSIS", "LabelRows", "Placement", "fit_text", "pack_tracks", "share_rows"]

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


def fit_text(text: str, max_chars: int, max_lines: int, indent: int = 0) -> tuple[str, ...]:
    """Wrap ``text`` into at most ``max_lines`` lines of at most ``max_chars`` characters.

    The first line holds ``indent`` characters fewer, leaving room for something
    drawn before it (a label's date). Runs of whitespace become one space.
    Words longer than a line are broken. When the text does not fit, the last
    line ends with an ellipsis, so a shortened title always says so.

    >>> fit_text("Zhusan operation brings citizens home from Syria", 20, 2)
    ('Zhusan operation', 'brings citizens…')
    >>> fit_text("Zhusan operation brings citizens home", 20, 2, indent=8)
    ('Zhusan', 'operation brings…')
    >>> fit_text("  short  ", 20, 2)
    ('short',)
    """
    if max_chars < 2 or max_lines < 1 or not 0 <= indent <= max_chars - 2:
        raise ValueError("need two characters on every line and at least one line")
    words = " ".join(text.split())
    if not words:
        return ()
    lines = textwrap.wrap(
        words,
        max_chars,
        initial_indent=" " * indent,
        break_long_words=True,
        break_on_hyphens=False,
    )
    lines[0] = lines[0][indent:]
    lines = [line.rstrip() for line in lines]
    if len(lines) <= max_lines:
        return tuple(lines)
    kept = lines[:max_lines]
    room = max_chars - (indent if max_lines == 1 else 0)
    last = kept[-1]
    if len(last) + 1 > room:
        cut = last[: room - 1]
        space = cut.rfind(" ")
        last = cut[:space] if space >= room // 2 else cut
    kept[-1] = last.rstrip(" ,;:-") + ELLIPSIS
    return tuple(kept)


def pack_tracks(
    extents: Sequence[tuple[float, float]], max_tracks: int, gap: float = 0.0
) -> list[int]:
    """Give each ``(start, end)`` extent the lowest track where it overlaps nothing.

    Extents are visited in the order given (pass them sorted by start for the
    classic greedy packing). When every track is taken the extent goes to the
    last track, overlapping what is there: the caller decides how many tracks
    are worth their height.

    >>> pack_tracks([(0, 10), (5, 15), (12, 20)], max_tracks=3)
    [0, 1, 0]
    """
    if max_tracks < 1:
        raise ValueError("max_tracks must be at least 1")
    ends: list[float] = []
    tracks: list[int] = []
    for start, end in extents:
        for track, last_end in enumerate(ends):
            if start >= last_end + gap:
                ends[track] = end
                tracks.append(track)
                break
        else:
            if len(ends) < max_tracks:
                ends.append(end)
                tracks.append(len(ends) - 1)
            else:
                ends[-1] = max(ends[-1], end)
                tracks.append(max_tracks - 1)
    return tracks


def share_rows(needed: Sequence[int], capacity: int) -> list[int]:
    """Divide ``capacity`` rows fairly between lanes that need ``needed`` rows each.

    Rows are handed out one at a time to the lane with the fewest so far among
    those that still need more (max-min fairness): a lane that needs little
    gets all it needs, and a crowded lane cannot starve the others. No lane
    gets more than it needs, and the shares never sum to more than ``capacity``.

    >>> share_rows([10, 1, 3], capacity=8)
    [4, 1, 3]
    """
    shares = [0] * len(needed)
    for _ in range(max(capacity, 0)):
        hungry = [i for i, need in enumerate(needed) if shares[i] < need]
        if not hungry:
            break
        shares[min(hungry, key=lambda i: (shares[i], i))] += 1
    return shares


@attrs.frozen
class Placement:
    """Where a label went: its lowest ``row``, how many rows it spans, and its box."""

    row: int
    height: int
    left: float
    right: float
    anchor: float


_EDGE = 0.5  # a leader line may run this close to a label's edge without crossing it


class _Row:
    """One row: its labels (disjoint, sorted) and the leader lines passing through it."""

    __slots__ = ("ends", "leaders", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.leaders: list[float] = []

    def is_free(self, left: float, right: float, gap: float) -> bool:
        i = bisect.bisect_left(self.starts, right + gap)
        if i and self.ends[i - 1] + gap > left:
            return False
        return not self._leader_inside(left, right)

    def _leader_inside(self, left: float, right: float) -> bool:
        j = bisect.bisect_right(self.leaders, left + _EDGE)
        return j < len(self.leaders) and self.leaders[j] < right - _EDGE

    def covers(self, x: float) -> bool:
        """Whether a label's inside covers ``x`` (running along its edge is fine)."""
        i = bisect.bisect_left(self.starts, x - _EDGE)
        return bool(i) and self.ends[i - 1] - _EDGE > x

    def add_box(self, left: float, right: float) -> None:
        i = bisect.bisect_left(self.starts, left)
        self.starts.insert(i, left)
        self.ends.insert(i, right)

    def add_leader(self, x: float) -> None:
        bisect.insort(self.leaders, x)


class LabelRows:
    """Greedy placement of labels in rows above their marks.

    A label is a box ``width`` wide and ``height`` rows tall whose leader line
    runs straight down from ``anchor`` to its mark. It goes in the lowest rows
    where its box is clear of every other box (with ``gap`` points to spare)
    and of every leader line passing through, and where its own leader line
    crosses no box on the way down (it may run along a box's edge, so labels
    of events on the same day stack up one leader). The box starts at the
    anchor and runs right, in the lowest row where it can; failing that, it
    ends at the anchor and runs left; failing that too, it is pushed inside
    ``[left, right]``. Placed from the latest anchor to the earliest, labels
    that run right never block each other's leader lines. Anchors announced
    with :meth:`expect` are kept clear where possible: a box that would cover
    one (and so force that label above it) is tried only after the boxes that
    would not. Labels are placed in the order :meth:`place` is called, so the
    caller decides who goes first. A label with no room gets ``None``;
    nothing is ever placed overlapping.
    """

    def __init__(self, rows: int, left: float, right: float, gap: float = 3.0) -> None:
        if right <= left:
            raise ValueError("the row is empty: right must be greater than left")
        self.left, self.right, self.gap = left, right, gap
        self._rows = [_Row() for _ in range(rows)]
        self._pending: list[float] = []

    def expect(self, anchors: Iterable[float]) -> None:
        """Announce the anchors of labels still to be placed."""
        self._pending = sorted([*self._pending, *anchors])

    def _covers_pending(self, start: float, end: float) -> bool:
        i = bisect.bisect_right(self._pending, start + _EDGE)
        return i < len(self._pending) and self._pending[i] < end - _EDGE

    @property
    def rows(self) -> int:
        """How many rows there are."""
        return len(self._rows)

    @property
    def used(self) -> int:
        """How many rows, counted from the bottom, hold any part of a label."""
        return max((i + 1 for i, r in enumerate(self._rows) if r.starts), default=0)

    def _starts(self, anchor: float, width: float) -> list[list[float]]:
        """Box starts to try, each in every row before the next: running right from the
        anchor; running left to it; pushed back inside the row (the anchor is then
        inside the box, so it goes last)."""
        exact = [
            start
            for start in (anchor, anchor - width)
            if self.left <= start and start + width <= self.right
        ]
        groups = (
            [[s for s in exact if not self._covers_pending(s, s + width)]] if self._pending else []
        )
        groups += [[start] for start in exact]
        pushed = min(max(anchor, self.left), self.right - width)
        if all(pushed not in group for group in groups):
            groups.append([pushed])
        return groups

    def place(self, anchor: float, width: float, height: int = 1) -> Placement | None:
        """Find a place for a label; record it and return where, or ``None``."""
        if width <= 0 or height < 1:
            raise ValueError("a label needs a positive width and at least one row")
        i = bisect.bisect_left(self._pending, anchor)
        if i < len(self._pending) and self._pending[i] == anchor:
            del self._pending[i]
        if width > self.right - self.left or not self.left <= anchor <= self.right:
            return None
        for starts in self._starts(anchor, width):
            spot = self._lowest(anchor, width, height, starts)
            if spot is not None:
                return spot
        return None

    def _lowest(
        self, anchor: float, width: float, height: int, starts: Sequence[float]
    ) -> Placement | None:
        rows = self._rows
        for row in range(len(rows) - height + 1):
            for start in starts:
                end = start + width
                if all(rows[r].is_free(start, end, self.gap) for r in range(row, row + height)):
                    for r in range(row, row + height):
                        rows[r].add_box(start, end)
                    for r in range(row):
                        rows[r].add_leader(anchor)
                    return Placement(row, height, start, end, anchor)
            if rows[row].covers(anchor):
                return None  # the leader line could not get past this row
        return None
