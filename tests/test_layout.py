"""Tests for the geometry of a drawn timeline, ``chronology.layout``.

Titles are wrapped by ``fit_text``, date marks stacked by ``pack_tracks``, rows shared
between lanes by ``share_rows`` and labels placed by ``LabelRows``. The properties here
are what a reader of a drawn timeline relies on: a title is never silently cut, marks and
labels never overlap, no leader line crosses a label, and a label finds room when there
is room for it.

Coordinates of the ``LabelRows`` tests are multiples of a quarter point, so that the
arithmetic (sums, the half-point edge allowance) is exact and a failure is about geometry,
not rounding.
"""

from __future__ import annotations

import doctest
import itertools
from collections.abc import Sequence
from typing import NamedTuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chronology import layout
from chronology.layout import ELLIPSIS, LabelRows, Placement, fit_text, pack_tracks, share_rows

# Modest example counts keep the file at a few seconds (label scenes are slow to draw).
PROPERTY = settings(max_examples=120, deadline=None)
SCENES = settings(max_examples=200, deadline=None)

EDGE = 0.5  # a leader line may run this close to a label's edge (layout.py's allowance)


def test_docstring_examples() -> None:
    """The examples in the chronology.layout docstrings hold."""
    failed, attempted = doctest.testmod(layout)
    assert (0, True) == (failed, attempted > 0)


# --- fit_text ---------------------------------------------------------------------------


class FitArgs(NamedTuple):
    """Arguments of one ``fit_text`` call."""

    text: str
    max_chars: int
    max_lines: int
    indent: int


_WORDS = st.text(alphabet="abcxyz\u00e9\u049b-,;:.\u2026", min_size=1, max_size=16)
_SPACES = st.sampled_from([" ", "  ", "\t", "\n", " \r\n ", "\u00a0", "\u2003", "\x1f"])


@st.composite
def titles(draw: st.DrawFn) -> str:
    """Titles: words between runs of any whitespace, with some around them; or any text."""
    if draw(st.booleans()):
        return draw(st.text(max_size=40))
    words = draw(st.lists(_WORDS, max_size=10))
    spaces = draw(st.lists(_SPACES, min_size=len(words) + 1, max_size=len(words) + 1))
    return "".join(s + w for s, w in zip(spaces, [*words, ""], strict=True))


@st.composite
def fit_args(draw: st.DrawFn) -> FitArgs:
    """A title and valid line limits for it."""
    max_chars = draw(st.integers(min_value=2, max_value=30))
    max_lines = draw(st.integers(min_value=1, max_value=4))
    indent = draw(st.integers(min_value=0, max_value=max_chars - 2))
    return FitArgs(draw(titles()), max_chars, max_lines, indent)


def normalised(text: str) -> str:
    """``text`` with runs of whitespace made one space, as a title is drawn."""
    return " ".join(text.split())


def spelled(lines: Sequence[str], text: str) -> int:
    """How much of ``text`` the ``lines`` spell out, each continuing where the one before
    stopped (after the space between them, if there is one); -1 if they do not."""
    at = 0
    for line in lines:
        if text.startswith(" ", at):
            at += 1
        if not text.startswith(line, at):
            return -1
        at += len(line)
    return at


@given(fit_args())
@PROPERTY
@example(FitArgs("Zhusan operation brings citizens home from Syria", 20, 2, 0))
@example(FitArgs("ab cdefghij", 5, 5, 0))
@example(FitArgs(",,,,,, ,,,,,,", 2, 1, 0))
@example(FitArgs(" : ::: ", 2, 2, 0))
def test_fit_text_lines_fit_their_box(args: FitArgs) -> None:
    """A wrapped title has at most max_lines lines, none longer than its room (the first
    leaves room for the date), none blank, none starting with a space."""
    lines = fit_text(*args)
    assert len(lines) <= args.max_lines
    for number, line in enumerate(lines):
        room = args.max_chars - (args.indent if number == 0 else 0)
        assert len(line) <= room, (number, line)
        assert "" != line.rstrip(" ")
        assert not line.startswith(" "), line


@given(fit_args())
@PROPERTY
@example(FitArgs("Kazakhstan independence referendum", 11, 3, 0))
def test_fit_text_lines_end_in_no_space(args: FitArgs) -> None:
    """No line ends with a space (which would widen the label's box for nothing)."""
    assert [] == [line for line in fit_text(*args) if line.endswith(" ")]


@given(fit_args())
@PROPERTY
def test_fit_text_says_when_it_shortens(args: FitArgs) -> None:
    """The lines spell the whole title, in order; or they spell its beginning and the last
    line ends with an ellipsis, so that a shortened title always says so."""
    text = normalised(args.text)
    lines = fit_text(*args)
    if len(text) == spelled(lines, text):
        return
    assert ELLIPSIS == lines[-1][-1:]
    assert -1 != spelled([*lines[:-1], lines[-1][:-1]], text)


@given(fit_args())
@PROPERTY
def test_fit_text_of_nothing_is_nothing(args: FitArgs) -> None:
    """A title that is empty or only whitespace gives no lines; any other gives some."""
    assert (normalised(args.text) == "") == (() == fit_text(*args))


@pytest.mark.parametrize("blank", ["", " ", "\t\n ", "\u00a0\u2003"])
def test_fit_text_blank(blank: str) -> None:
    """Blank titles give no lines, whatever the limits."""
    assert () == fit_text(blank, 20, 2, indent=8)


@given(fit_args())
@PROPERTY
def test_fit_text_keeps_a_short_title_whole(args: FitArgs) -> None:
    """A title that fits on the first line is drawn as it is (whitespace normalised)."""
    text = normalised(args.text)
    if text and len(text) <= args.max_chars - args.indent:
        assert (text,) == fit_text(*args)


@given(fit_args())
@PROPERTY
def test_fit_text_breaks_only_long_words(args: FitArgs) -> None:
    """When every word fits on the first line, no word is broken: the lines of a title
    that is not shortened, joined by spaces, are the title. And the lines are filled:
    the first word of each line would not have fitted on the line before it."""
    text = normalised(args.text)
    first_room = args.max_chars - args.indent
    if not text or any(len(word) > first_room for word in text.split(" ")):
        return
    lines = fit_text(*args)
    if len(text) != spelled(lines, text):
        return  # shortened: see test_fit_text_says_when_it_shortens
    assert text == " ".join(lines)
    for number, (line, after) in enumerate(itertools.pairwise(lines)):
        room = first_room if number == 0 else args.max_chars
        assert len(line) + 1 + len(after.split(" ")[0]) > room, (line, after)


@pytest.mark.parametrize(
    ("max_chars", "max_lines", "indent"),
    [(1, 2, 0), (0, 2, 0), (20, 0, 0), (20, -1, 0), (20, 2, -1), (20, 2, 19), (2, 1, 1)],
)
def test_fit_text_rejects_impossible_limits(max_chars: int, max_lines: int, indent: int) -> None:
    """Limits that leave a line less than two characters, or no line, are refused."""
    with pytest.raises(ValueError, match="two characters"):
        fit_text("some title", max_chars, max_lines, indent)


def test_fit_text_edge_indent_is_allowed() -> None:
    """The largest indent leaves two characters on the first line, and that is enough."""
    assert ("ab", "cd") == fit_text("abcd", 4, 2, indent=2)


# --- pack_tracks ------------------------------------------------------------------------


def clear(a: tuple[float, float], b: tuple[float, float], gap: float) -> bool:
    """Whether two extents are ``gap`` apart, one wholly before the other."""
    return a[1] + gap <= b[0] or b[1] + gap <= a[0]


_FLOAT_EXTENTS = st.tuples(
    st.floats(min_value=-1e3, max_value=1e3), st.floats(min_value=0.0, max_value=100.0)
).map(lambda sl: (sl[0], sl[0] + sl[1]))

# Whole points, positive lengths: comparisons are exact and no extent is a bare point.
_WHOLE_EXTENTS = st.tuples(
    st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=20)
).map(lambda sl: (float(sl[0]), float(sl[0] + sl[1])))

_GAPS = st.sampled_from([0.0, 0.5, 1.0, 2.5])


@given(
    st.lists(_FLOAT_EXTENTS, max_size=30),
    st.integers(min_value=1, max_value=5),
    st.floats(min_value=0.0, max_value=10.0),
    st.booleans(),
)
@PROPERTY
def test_pack_tracks_marks_overlap_only_in_the_last_track(
    extents: list[tuple[float, float]], max_tracks: int, gap: float, by_start: bool
) -> None:
    """Every extent gets one track in range; two in the same track are ``gap`` apart,
    unless they were piled into the last track because every track was taken. This holds
    whatever the order of the extents."""
    if by_start:
        extents.sort()
    tracks = pack_tracks(extents, max_tracks, gap)
    assert len(extents) == len(tracks)
    assert all(0 <= t < max_tracks for t in tracks)
    for (a, ta), (b, tb) in itertools.combinations(zip(extents, tracks, strict=True), 2):
        if ta == tb and not clear(a, b, gap):
            assert max_tracks - 1 == ta, (a, b)


def first_fit(extents: Sequence[tuple[float, float]], max_tracks: int, gap: float) -> list[int]:
    """The lowest track where each extent is clear of everything already there, else the
    last track: the docstring's rule, written naively."""
    placed: list[list[tuple[float, float]]] = [[] for _ in range(max_tracks)]
    tracks = []
    for extent in extents:
        track = next(
            (t for t, there in enumerate(placed) if all(clear(extent, o, gap) for o in there)),
            max_tracks - 1,
        )
        placed[track].append(extent)
        tracks.append(track)
    return tracks


def depth(extents: Sequence[tuple[float, float]], gap: float) -> int:
    """How many extents pile up at one point, counting ``gap`` after each end."""
    return max(
        (sum(1 for s, e in extents if s <= start < e + gap) for start, _ in extents), default=0
    )


@given(st.lists(_WHOLE_EXTENTS, max_size=25), st.integers(min_value=1, max_value=5), _GAPS)
@PROPERTY
@example([(0.0, 10.0), (5.0, 15.0), (12.0, 20.0)], 3, 0.0)
def test_pack_tracks_sorted_marks_take_the_lowest_free_track(
    extents: list[tuple[float, float]], max_tracks: int, gap: float
) -> None:
    """Sorted by start (as the renderer passes them), each extent goes to the lowest track
    where it is clear of everything, or to the last track when none is."""
    extents.sort()
    assert first_fit(extents, max_tracks, gap) == pack_tracks(extents, max_tracks, gap)


@given(st.lists(_WHOLE_EXTENTS, min_size=1, max_size=25), st.integers(1, 5), _GAPS)
@PROPERTY
def test_pack_tracks_uses_no_more_tracks_than_the_pile_up(
    extents: list[tuple[float, float]], max_tracks: int, gap: float
) -> None:
    """Sorted by start, the marks take as many tracks as pile up at one point (or all the
    tracks there are): a lane is never taller than it must be, and when the pile-up fits
    in ``max_tracks`` no two marks overlap at all."""
    extents.sort()
    tracks = pack_tracks(extents, max_tracks, gap)
    deepest = depth(extents, gap)
    assert min(deepest, max_tracks) == max(tracks) + 1
    if deepest <= max_tracks:
        for (a, ta), (b, tb) in itertools.combinations(zip(extents, tracks, strict=True), 2):
            assert ta != tb or clear(a, b, gap), (a, b)


@given(st.lists(st.integers(min_value=1, max_value=10), max_size=20), st.integers(1, 4))
@PROPERTY
def test_pack_tracks_marks_that_never_overlap_share_one_track(
    lengths: list[int], max_tracks: int
) -> None:
    """Extents one after the other, each ``gap`` after the last, all go to track 0."""
    extents, at = [], 0.0
    for length in lengths:
        extents.append((at, at + length))
        at += length + 1.0
    assert [0] * len(extents) == pack_tracks(extents, max_tracks, gap=1.0)


def test_pack_tracks_needs_a_track() -> None:
    """Zero tracks is refused rather than returning tracks that do not exist."""
    with pytest.raises(ValueError, match="max_tracks"):
        pack_tracks([(0.0, 1.0)], 0)


# --- share_rows -------------------------------------------------------------------------


def water_fill(needed: Sequence[int], capacity: int) -> list[int]:
    """Max-min fair shares, computed level by level: every lane gets ``min(need, L)`` for
    the highest level L the capacity allows, and the rows left over go one each to the
    first lanes that need more."""
    capacity = max(capacity, 0)
    level = 0
    while level < max(needed, default=0) and sum(min(n, level + 1) for n in needed) <= capacity:
        level += 1
    shares = [min(n, level) for n in needed]
    left = capacity - sum(shares)
    for i, need in enumerate(needed):
        if left and need > level:
            shares[i] += 1
            left -= 1
    return shares


_NEEDS = st.lists(st.integers(min_value=0, max_value=30), max_size=8)
_CAPACITIES = st.integers(min_value=-5, max_value=150)


@given(_NEEDS, _CAPACITIES)
@PROPERTY
def test_share_rows_gives_what_there_is(needed: list[int], capacity: int) -> None:
    """No lane gets more than it needs or fewer than none, the shares never exceed the
    capacity, and no row is left unused while some lane still needs one."""
    shares = share_rows(needed, capacity)
    assert len(needed) == len(shares)
    assert all(0 <= s <= n for s, n in zip(shares, needed, strict=True))
    assert min(max(capacity, 0), sum(needed)) == sum(shares)


@given(_NEEDS, st.integers(min_value=0, max_value=20))
@PROPERTY
def test_share_rows_enough_for_everyone(needed: list[int], spare: int) -> None:
    """When the capacity covers every need, every lane gets all it needs."""
    assert needed == share_rows(needed, sum(needed) + spare)


@given(_NEEDS, _CAPACITIES)
@PROPERTY
@example([10, 1, 3], 8)
def test_share_rows_a_crowded_lane_cannot_starve_the_others(
    needed: list[int], capacity: int
) -> None:
    """A lane left short has at most one row fewer than any other lane: rows go one at a
    time to the hungry lane with the fewest (the lowest index first among equals)."""
    shares = share_rows(needed, capacity)
    for a, b in itertools.permutations(range(len(needed)), 2):
        if shares[a] < needed[a]:
            assert shares[b] <= shares[a] + (1 if b < a else 0), (a, b)


@given(_NEEDS, _CAPACITIES)
@PROPERTY
def test_share_rows_is_max_min_fair(needed: list[int], capacity: int) -> None:
    """The shares are exactly the max-min fair ones, filled level by level."""
    assert water_fill(needed, capacity) == share_rows(needed, capacity)


def test_share_rows_of_no_lanes() -> None:
    """No lanes, no shares."""
    assert [] == share_rows([], 10)


# --- LabelRows --------------------------------------------------------------------------


class Label(NamedTuple):
    """A label to place: its leader's x, its width in points and its height in rows."""

    anchor: float
    width: float
    height: int


class Scene(NamedTuple):
    """Rows to place labels in, the labels in the order placed, and the anchors expected."""

    rows: int
    left: float
    right: float
    gap: float
    labels: list[Label]
    expected: list[float] | None


def quarters(low: float, high: float) -> st.SearchStrategy[float]:
    """Multiples of a quarter point in ``[low, high]``: exact arithmetic."""
    return st.integers(min_value=round(low * 4), max_value=round(high * 4)).map(lambda q: q / 4)


@st.composite
def scenes(draw: st.DrawFn) -> Scene:
    """Any rows, and labels (some too wide, some with anchors outside the rows, some on
    the same day) in any order or latest first, with all, some or no anchors expected."""
    left = draw(quarters(-20, 20))
    right = left + draw(quarters(0.25, 120))
    gap = draw(st.one_of(st.sampled_from([0.0, 0.5, 3.0, 4.0]), quarters(0, 6)))
    rows = draw(st.integers(min_value=0, max_value=6))
    days = draw(st.lists(quarters(left, right), min_size=1, max_size=4))
    anchors = st.one_of(st.sampled_from(days), quarters(left, right), quarters(left - 5, right + 5))
    widths = st.one_of(
        quarters(0.25, max((right - left) / 3, 0.25)),
        quarters(0.25, right - left + 5),
        st.sampled_from([right - left, right - left + 0.25]),
    )
    label = st.builds(Label, anchors, widths, st.integers(min_value=1, max_value=3))
    labels = draw(st.lists(label, max_size=12))
    if draw(st.booleans()):
        labels.sort(key=lambda lab: -lab.anchor)
    announce = draw(st.sampled_from(["all", "some", "none"]))
    expected: list[float] | None = None
    if announce == "all":
        expected = [lab.anchor for lab in labels]
    elif announce == "some":
        expected = draw(st.lists(st.sampled_from([lab.anchor for lab in labels] or [left])))
    return Scene(rows, left, right, gap, labels, expected)


def place_all(scene: Scene) -> tuple[LabelRows, list[Placement | None]]:
    """Place the labels of ``scene`` in order; return the rows and where each went."""
    placer = LabelRows(scene.rows, scene.left, scene.right, scene.gap)
    if scene.expected is not None:
        placer.expect(scene.expected)
    return placer, [placer.place(*label) for label in scene.labels]


def placed(spots: Sequence[Placement | None]) -> list[Placement]:
    """The labels that were placed."""
    return [spot for spot in spots if spot is not None]


def shares_a_row(a: Placement, b: Placement) -> bool:
    """Whether two boxes have a row in common."""
    return a.row < b.row + b.height and b.row < a.row + a.height


def crosses(leader: Placement, box: Placement) -> bool:
    """Whether ``leader``'s line, running down from its row, passes through the inside of
    ``box`` (more than the edge allowance from its sides)."""
    return box.row < leader.row and box.left + EDGE < leader.anchor < box.right - EDGE


def check_no_overlap(scene: Scene, spots: Sequence[Placement | None]) -> None:
    """Two labels in a common row are at least ``gap`` apart."""
    for a, b in itertools.combinations(placed(spots), 2):
        if shares_a_row(a, b):
            assert a.right + scene.gap <= b.left or b.right + scene.gap <= a.left, (a, b)


def check_no_leader_crosses_a_label(spots: Sequence[Placement | None]) -> None:
    """No label's leader line runs through another label on its way down to its mark,
    whichever of the two was placed first."""
    for a, b in itertools.permutations(placed(spots), 2):
        assert not crosses(a, b), (a, b)


def check_boxes(scene: Scene, spots: Sequence[Placement | None]) -> None:
    """A placed label is its own size, lies within ``[left, right]`` and within the rows,
    and its box spans its anchor, so that the leader line meets it. A label wider than the
    rows, or whose anchor is outside them, is never placed."""
    for label, spot in zip(scene.labels, spots, strict=True):
        if label.width > scene.right - scene.left or not scene.left <= label.anchor <= scene.right:
            assert spot is None, label
        if spot is None:
            continue
        size = (spot.anchor, spot.right - spot.left, spot.height)
        assert (label.anchor, label.width, label.height) == size
        assert scene.left <= spot.left <= spot.anchor <= spot.right <= scene.right, spot
        assert 0 <= spot.row <= spot.row + spot.height <= scene.rows, spot


def check_leader_at_an_edge(scene: Scene, spots: Sequence[Placement | None]) -> None:
    """A label starts at its anchor or ends at it; only one that fits neither way is
    pushed back inside the rows, against their right end."""
    for spot in placed(spots):
        if spot.anchor not in (spot.left, spot.right):
            assert scene.right == spot.right, spot
            assert spot.anchor + (spot.right - spot.left) > scene.right, spot


def check_used(placer: LabelRows, scene: Scene, spots: Sequence[Placement | None]) -> None:
    """``used`` is how many rows, from the bottom, hold part of a label; ``rows`` how
    many there are."""
    assert max((s.row + s.height for s in placed(spots)), default=0) == placer.used
    assert scene.rows == placer.rows


@given(scenes())
@SCENES
# The third label fits running right in row 0 but would cover the leader line of the
# second, which had to go to row 1; and a label a quarter point too wide for the rows.
@example(Scene(3, 0.0, 100.0, 0.0, [Label(20, 10, 1), Label(18, 19, 1), Label(10, 9, 1)], None))
@example(Scene(2, 0.0, 10.0, 3.0, [Label(5, 10.25, 1), Label(0, 10, 2)], [0.0]))
def test_labels_are_placed_cleanly(scene: Scene) -> None:
    """Whatever the labels, their order and the anchors expected: no two labels overlap,
    no leader line crosses a label, every label is inside the rows and meets its leader,
    and ``used`` tells the renderer how many rows to draw. (One test, several checks: the
    scenes are slow to generate.)"""
    placer, spots = place_all(scene)
    check_no_overlap(scene, spots)
    check_no_leader_crosses_a_label(spots)
    check_boxes(scene, spots)
    check_leader_at_an_edge(scene, spots)
    check_used(placer, scene, spots)


@st.composite
def staircases(draw: st.DrawFn) -> Scene:
    """Labels that all fit running right from their anchor, latest first, with as many
    rows as their heights add up to."""
    left = draw(quarters(-20, 20))
    right = left + draw(quarters(1, 120))
    gap = draw(st.one_of(st.sampled_from([0.0, 3.0, 4.0]), quarters(0, 6)))
    days = draw(st.lists(quarters(left, right - 0.25), min_size=1, max_size=4))
    labels = []
    for _ in range(draw(st.integers(min_value=0, max_value=10))):
        anchor = draw(st.one_of(st.sampled_from(days), quarters(left, right - 0.25)))
        width = draw(quarters(0.25, right - anchor))
        labels.append(Label(anchor, width, draw(st.integers(min_value=1, max_value=3))))
    labels.sort(key=lambda lab: -lab.anchor)
    rows = sum(lab.height for lab in labels)
    return Scene(rows, left, right, gap, labels, [lab.anchor for lab in labels])


@given(staircases())
@PROPERTY
def test_latest_first_labels_all_find_room(scene: Scene) -> None:
    """Placed latest first, with their anchors expected (as the renderer does), labels
    that fit running right all find a place when the rows can hold them all stacked."""
    _, spots = place_all(scene)
    assert [] == [label for label, spot in zip(scene.labels, spots, strict=True) if not spot]


def test_latest_first_labels_find_room_without_expect() -> None:
    """The staircase needs no ``expect``: "the box starts at the anchor and runs right, in
    the lowest row where it can; failing that, ... runs left" (LabelRows' docstring)."""
    placer = LabelRows(10, 0.0, 100.0, gap=3.0)
    spots = [placer.place(anchor, width) for anchor, width in [(50, 10), (45, 10), (40, 1)]]
    assert [50.0, 45.0, 40.0] == [spot.left if spot else None for spot in spots]


def test_same_day_labels_stack_up_one_leader() -> None:
    """Labels of events on the same day start at the same x, one above the other."""
    placer = LabelRows(10, 0.0, 100.0, gap=4.0)
    spots = [placer.place(30.0, width, height) for width, height in [(20, 2), (10, 1), (40, 3)]]
    assert [(0, 30.0), (2, 30.0), (3, 30.0)] == [
        (spot.row, spot.left) if spot else None for spot in spots
    ]


def test_expected_anchor_is_kept_clear() -> None:
    """A label that would cover an expected anchor goes elsewhere when it can, so that the
    expected label can still sit low."""
    placer = LabelRows(3, 0.0, 100.0, gap=3.0)
    placer.expect([50.0, 45.0, 40.0])
    spots = [placer.place(anchor, width) for anchor, width in [(50, 10), (45, 10), (40, 1)]]
    assert [(0, 50.0), (1, 45.0), (0, 40.0)] == [
        (spot.row, spot.left) if spot else None for spot in spots
    ]


def test_label_runs_left_or_is_pushed_in_at_the_right_end() -> None:
    """Near the right end a label ends at its anchor; if it cannot, it is pushed inside."""
    placer = LabelRows(2, 0.0, 100.0, gap=3.0)
    left_of = placer.place(95.0, 20.0)
    pushed = placer.place(10.0, 95.0)
    assert (0, 75.0, 95.0) == ((left_of.row, left_of.left, left_of.right) if left_of else None)
    assert (1, 5.0, 100.0) == ((pushed.row, pushed.left, pushed.right) if pushed else None)


def test_no_room_gives_none() -> None:
    """A label with no free row gets ``None``, and nothing is recorded for it."""
    placer = LabelRows(1, 0.0, 100.0, gap=3.0)
    assert None is not placer.place(10.0, 80.0)
    assert None is placer.place(20.0, 30.0)
    assert None is LabelRows(0, 0.0, 100.0).place(10.0, 5.0)
    assert 1 == placer.used


def test_zero_width_label_is_refused() -> None:
    """A box of no width is a caller's mistake (it could hide an overlap): refused."""
    placer = LabelRows(1, 0.0, 100.0, gap=0.0)
    with pytest.raises(ValueError, match="positive width"):
        placer.place(10.0, 0.0)


@pytest.mark.parametrize(("left", "right"), [(0.0, 0.0), (10.0, 5.0)])
def test_label_rows_need_width(left: float, right: float) -> None:
    """Rows with no width are refused."""
    with pytest.raises(ValueError, match="right must be greater"):
        LabelRows(3, left, right)
