"""Time ``chronology.render`` on generated chronologies against plain matplotlib baselines.

Run it from the repository root as ``python -m benchmarks.render [--sizes 50,500,5000]
[--repeat 3]``. For each size it generates a chronology (``benchmarks.generate``, seed 0)
into a temporary folder and loads it once (neither is timed), then times, best of
``--repeat`` runs with :func:`time.perf_counter` (garbage collection left on, as usual):

- *render*: ``render(chronology, tmp / "t.png")``, the whole figure written to PNG;
- *scatter*: a plain :class:`~matplotlib.figure.Figure` of the same size and dpi as the
  rendered one, with a single ``ax.scatter`` of the events' anchor days (x: the ordinal
  day of ``event.date.anchor``; y: the index of the event's category lane), saved to PNG
  with the Agg backend: about the least matplotlib can do with these events;
- *naive* (sizes up to 1,000 only): matplotlib's gallery timeline ("Timeline with
  lines, dates, and text"): stems of alternating heights, markers on a baseline, and one
  ``ax.annotate`` per event with its title at the top of its stem, with no overlap
  avoidance, in a constrained-layout figure of the same size and dpi, saved to PNG.

It prints the times, the ratios render/scatter and render/naive (the point: absolute
times depend on the machine, the ratios much less), and the level of detail: how many
events got a label. ``render`` returns only the figure, so the count comes from
``chronology.render.draw`` into an Axes placed as the rendered figure's, whose
``Timeline.labels`` holds the labelled events (not timed).

Before the first size, one small chronology is drawn all three ways, untimed, so that
one-off costs (importing the backend, loading fonts) fall on no measurement.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import attrs
import matplotlib
import matplotlib.dates as mdates
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import chronology
from benchmarks.generate import generate, write
from chronology.render import draw, render

__all__ = ["Row", "main", "measure", "naive_gallery", "scatter_baseline"]

#: The naive gallery approach is timed only up to this many events (past it, it is an
#: unreadable smear that takes a long time to draw).
NAIVE_MAX = 1000

#: Stem heights of the gallery example, cycled through (its older form; the current one
#: derives them from version numbers).
LEVELS = (-5.0, 5.0, -3.0, 3.0, -1.0, 1.0)

T = TypeVar("T")


@attrs.frozen
class Row:
    """One size's measurements, in seconds (``naive`` is ``None`` above :data:`NAIVE_MAX`)."""

    events: int
    size: tuple[float, float]  # the rendered figure's (width, height), in inches
    render: float
    scatter: float
    naive: float | None
    labelled: int
    unlabelled: int


def _best_of(repeat: int, action: Callable[[], T]) -> tuple[float, T]:
    """The shortest of ``repeat`` timed calls of ``action``, and the last call's result."""
    best = float("inf")
    result: T | None = None
    for _ in range(repeat):
        result = None  # let the previous figure go before the next run
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    assert result is not None
    return best, result


def _lane_index(c: chronology.Chronology) -> dict[str, int]:
    """Lane positions by category: declared ones in order, then any others by name."""
    order = {slug: i for i, slug in enumerate(c.categories)}
    for slug in sorted({e.category for e in c} - order.keys()):
        order[slug] = len(order)
    return order


def scatter_baseline(
    c: chronology.Chronology, path: Path, size: tuple[float, float], dpi: float
) -> Figure:
    """One ``ax.scatter`` of the events' anchor days by category lane, saved to ``path``."""
    lanes = _lane_index(c)
    x = np.array([e.date.anchor.toordinal() for e in c], dtype=float)
    y = np.array([lanes[e.category] for e in c], dtype=float)
    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.scatter(x, y)
    fig.savefig(path, format="png")
    return fig


def naive_gallery(
    c: chronology.Chronology, path: Path, size: tuple[float, float], dpi: float
) -> Figure:
    """Matplotlib's gallery timeline of ``c``'s titles, with no overlap avoidance."""
    dates = np.array([e.date.anchor for e in c], dtype="datetime64[D]")
    levels = [LEVELS[i % len(LEVELS)] for i in range(len(dates))]
    fig = Figure(figsize=size, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set(title=c.title or "Chronology")
    ax.vlines(dates, 0, levels, color="tab:red")
    ax.axhline(0, c="black")
    ax.plot(dates, np.zeros(len(dates)), "ko", mfc="white")
    for date, level, event in zip(dates, levels, c, strict=True):
        ax.annotate(
            event.title,
            xy=(date, level),
            xytext=(-3, np.sign(level) * 3),
            textcoords="offset points",
            verticalalignment="bottom" if level > 0 else "top",
            bbox={"boxstyle": "square", "pad": 0, "lw": 0, "fc": (1, 1, 1, 0.7)},
            parse_math=False,  # titles hold "$": not maths
        )
    ax.xaxis.set(
        major_locator=mdates.YearLocator(),  # type: ignore[no-untyped-call]
        major_formatter=mdates.DateFormatter("%Y"),  # type: ignore[no-untyped-call]
    )
    ax.yaxis.set_visible(False)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.margins(y=0.1)
    fig.savefig(path, format="png")
    return fig


def _labels(c: chronology.Chronology, rendered: Figure) -> tuple[int, int]:
    """How many events ``render`` labels (and leaves unlabelled) in ``rendered``."""
    (placed,) = rendered.axes
    probe = Figure(figsize=tuple(rendered.get_size_inches()), dpi=rendered.dpi)
    timeline = draw(c, probe.add_axes(placed.get_position().bounds))
    return len(timeline.labels), len(timeline.unlabelled)


def measure(n: int, repeat: int, seed: int = 0) -> Row:
    """Generate ``n`` events and time render and the baselines on them."""
    with tempfile.TemporaryDirectory(prefix="chronology-render-") as folder:
        tmp = Path(folder)
        c = chronology.load(write(generate(n, seed=seed), tmp / "data"))
        rendered_time, rendered = _best_of(repeat, lambda: render(c, tmp / "t.png"))
        width, height = (float(v) for v in rendered.get_size_inches())
        size, dpi = (width, height), float(rendered.dpi)
        scatter_time, _ = _best_of(
            repeat, lambda: scatter_baseline(c, tmp / "scatter.png", size, dpi)
        )
        naive_time = None
        if n <= NAIVE_MAX:
            naive_time, _ = _best_of(repeat, lambda: naive_gallery(c, tmp / "naive.png", size, dpi))
        labelled, unlabelled = _labels(c, rendered)
    return Row(n, size, rendered_time, scatter_time, naive_time, labelled, unlabelled)


def _warm_up() -> None:
    """Draw a small chronology all three ways, untimed, to pay one-off costs."""
    with tempfile.TemporaryDirectory(prefix="chronology-render-") as folder:
        tmp = Path(folder)
        c = chronology.load(write(generate(20), tmp / "data"))
        fig = render(c, tmp / "t.png")
        size = (float(fig.get_size_inches()[0]), float(fig.get_size_inches()[1]))
        scatter_baseline(c, tmp / "scatter.png", size, fig.dpi)
        naive_gallery(c, tmp / "naive.png", size, fig.dpi)
        _labels(c, fig)


COLUMNS = (
    ("events", 7),
    ("figure (in)", 11),
    ("render s", 8),
    ("scatter s", 9),
    ("render/scatter", 14),
    ("naive s", 7),
    ("render/naive", 12),
    ("labelled", 15),
)


def _cells(row: Row) -> list[str]:
    naive = "-" if row.naive is None else f"{row.naive:.3f}"
    versus_naive = "-" if row.naive is None else f"{row.render / row.naive:.2f}"
    return [
        f"{row.events:,}",
        f"{row.size[0]:g} x {row.size[1]:.1f}",
        f"{row.render:.3f}",
        f"{row.scatter:.3f}",
        f"{row.render / row.scatter:.1f}",
        naive,
        versus_naive,
        f"{row.labelled:,} of {row.labelled + row.unlabelled:,}",
    ]


def _line(cells: Sequence[str]) -> str:
    return "  ".join(cell.rjust(width) for cell, (_, width) in zip(cells, COLUMNS, strict=True))


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be numbers of events, at least 1")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m benchmarks.render [--sizes 50,500,5000] [--repeat 3]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.render",
        description="Time rendering generated chronologies against plain matplotlib baselines.",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[50, 500, 5000],
        metavar="N,N,...",
        help="numbers of events, comma-separated (default 50,500,5000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, metavar="R", help="runs per timing; best counts (3)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, ", end="")
    print(f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()})", end="")
    # Other work on the machine slows every measurement: say how busy it is.
    print(f", load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "")
    print(
        f"best of {args.repeat}; naive = matplotlib's gallery timeline "
        f"(one annotate per event), up to {NAIVE_MAX:,} events"
    )
    print()
    _warm_up()
    print(_line([name for name, _ in COLUMNS]))
    print(_line(["-" * width for _, width in COLUMNS]))
    for n in args.sizes:
        print(_line(_cells(measure(n, args.repeat))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
