"""Time the indexed queries of ``Chronology`` against a plain scan, in the same run.

Run it from the repository root as ``python -m benchmarks.query [--size 100000]
[--calls 20]``. It generates a chronology (``benchmarks.generate``, seed 0) and builds
it straight from the generated data, without YAML (neither is timed). Then, for
each query:

- *first call*: the first call, which also builds the lookup tables that query needs
  (built once per loaded chronology and shared with every chronology derived from it);
- *indexed*: the median of ``--calls`` further calls, in milliseconds;
- *scan*: the median of a few calls of ``Chronology.filter`` with a predicate that
  gives the same answer: what a query costs without an index;
- *scan/indexed*: how many times faster the indexed query is.

Each query's answer is checked against the scan's before anything is printed, so a
fast wrong answer cannot look good. The figures that matter are the ratios and the
milliseconds per call after the first; the machine's noise moves both, so compare
runs on the same machine only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence

import attrs

from benchmarks.generate import generate
from chronology import Chronology, Event
from chronology.dates import may_overlap

__all__ = ["Query", "Row", "main", "measure", "queries"]


@attrs.frozen
class Query:
    """A query, and a predicate that a scan keeps the same events with."""

    name: str
    run: Callable[[Chronology], Chronology]
    keep: Callable[[Event], bool]


@attrs.frozen
class Row:
    """What one query measured."""

    name: str
    matches: int
    first_ms: float
    indexed_ms: float
    scan_ms: float

    @property
    def ratio(self) -> float:
        return self.scan_ms / self.indexed_ms if self.indexed_ms else float("inf")


def _overlaps(first: dt.date, last: dt.date) -> Callable[[Event], bool]:
    return lambda e: may_overlap(e.date.earliest, e.date.latest, first, last)


def queries(c: Chronology) -> list[Query]:
    """The queries timed: each kind of index, plus a chain of three."""
    aliases = c.aliases
    actor = max(c.counts("actor").items(), key=lambda kv: (kv[1], kv[0]))[0]
    place = next(iter(c.counts("place")))
    middle = c[len(c) // 2]
    related_id = next(e.id for e in c[len(c) // 2 :] if e.related)
    related_event = c[related_id]
    mar_2019 = (dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    word = next(w for w in middle.title.split() if len(w) >= 6 and w.isalpha())[:5]
    return [
        Query(
            "between one month",
            lambda x: x.between("2019-03", "2019-03"),
            _overlaps(*mar_2019),
        ),
        Query(
            "between one day",
            lambda x: x.between(middle.date.anchor, middle.date.anchor),
            _overlaps(middle.date.anchor, middle.date.anchor),
        ),
        Query(
            "between one year, inside",
            lambda x: x.between("2019", "2019", inside=True),
            lambda e: (
                e.date.earliest is not None
                and e.date.latest is not None
                and e.date.earliest >= dt.date(2019, 1, 1)
                and e.date.latest <= dt.date(2019, 12, 31)
            ),
        ),
        Query(
            "in_category", lambda x: x.in_category("research"), lambda e: e.category == "research"
        ),
        Query("tagged", lambda x: x.tagged("ngo"), lambda e: "ngo" in e.tags),
        Query(
            "citing",
            lambda x: x.citing(c[0].sources[0].source),
            lambda e: any(s.source == c[0].sources[0].source for s in e.sources),
        ),
        Query(
            "in_country",
            lambda x: x.in_country("SY"),
            lambda e: any(p.country == "SY" for p in e.places),
        ),
        Query(
            "at_place (any spelling)",
            lambda x: x.at_place(place),
            lambda e: (
                any(aliases.matches(place, p.name) for p in e.places)
                or any(p.country.upper() == place.upper() for p in e.places)
            ),
        ),
        Query(
            "involving (any spelling)",
            lambda x: x.involving(actor),
            lambda e: any(aliases.matches(actor, a) for a in e.actors),
        ),
        Query(
            f"search one word ({word!r})",
            lambda x: x.search(word),
            lambda e: _says(aliases, word, e),
        ),
        Query(
            "related",
            lambda x: x.related(related_id),
            lambda e: e.id in related_event.related or related_id in e.related,
        ),
        Query(
            "chain: tagged, between, in_category",
            lambda x: x.tagged("women").between("2019", "2020").in_category("protest"),
            lambda e: (
                "women" in e.tags
                and e.category == "protest"
                and _overlaps(dt.date(2019, 1, 1), dt.date(2020, 12, 31))(e)
            ),
        ),
    ]


def _says(aliases: object, word: str, e: Event) -> bool:
    from chronology.aliases import Aliases

    assert isinstance(aliases, Aliases)
    text = "\n".join((e.title, e.summary, *(s.quote for s in e.sources)))
    query = aliases.forms(word)
    return any(
        all(any(w.startswith(q) for f in aliases.forms(text) for w in f) for q in form)
        for form in query
    )


def _median_ms(call: Callable[[], object], times: int) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(c: Chronology, query: Query, calls: int, scans: int = 3) -> Row:
    """Time ``query`` on ``c``: the first call, the median of later calls, and a scan."""
    start = time.perf_counter()
    answer = query.run(c)
    first = (time.perf_counter() - start) * 1000
    expected = [e.id for e in c.filter(query.keep)]
    if [e.id for e in answer] != expected:
        raise AssertionError(f"{query.name}: the indexed answer differs from the scan's")
    indexed = _median_ms(lambda: query.run(c), calls)
    scan = _median_ms(lambda: c.filter(query.keep), scans)
    return Row(query.name, len(answer), first, indexed, scan)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m benchmarks.query [--size N] [--calls K]``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.query", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="events (default 100000)")
    parser.add_argument("--calls", type=int, default=20, help="timed calls per query")
    args = parser.parse_args(argv)
    print(f"# {platform.python_implementation()} {platform.python_version()}, {sys.platform}")
    print(f"# generating {args.size} events (seed 0) ...", flush=True)
    c = Chronology.from_data(generate(args.size).data)
    print(f"# {len(c)} events, {c[0].date} .. {c[-1].date}")
    header = f"{'query':38} {'matches':>8} {'first ms':>9} {'indexed ms':>11} {'scan ms':>9}"
    print(header + f" {'scan/indexed':>13}")
    for query in queries(c):
        row = measure(c, query, args.calls)
        print(
            f"{row.name:38} {row.matches:8d} {row.first_ms:9.1f} {row.indexed_ms:11.3f} "
            f"{row.scan_ms:9.1f} {row.ratio:12.0f}x",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
