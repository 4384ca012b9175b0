"""Meaning checks: what the JSON Schema cannot say.

Unique ids, references that resolve, dates on the calendar and in order,
figures whose ranges make sense, source files that exist inside the data
file's folder, and quotes that are really in those files. Eras are checked as
events are: their dates, the sources they cite and their quotes.

The checks look only at values of the right type: a value of the wrong type
has already been reported by the schema check, and is skipped here rather than
reported twice.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .aliases import Words, words
from .dates import EventDate, PartialDate
from .describe import Collector, PathElem, TooManyProblems, records, shown
from .errors import DateError
from .limits import DEFAULT_LIMITS
from .problems import Problem
from .quotes import closest_passage, normalise
from .yamlio import locate, locate_key

__all__ = ["meaning_problems"]

MAX_SOURCE_BYTES = 64 * 1024 * 1024


def _str_list(record: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    items = record.get(key)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, str):
                yield index, item


class _Checker(Collector):
    def __init__(self, root: Any, path: str, base: Path | None, limit: int) -> None:
        super().__init__(root, path, limit)
        self.base = base

    def unique_ids(self, key: str, kind: str) -> set[str]:
        first: dict[str, int] = {}
        for index, record in records(self.root, key):
            ident = record.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first:
                line = locate(self.root, (key, first[ident], "id")).line
                self.add(
                    (key, index, "id"),
                    "R001",
                    f"duplicate {kind} id '{ident}', first used at line {line}",
                    "ids must be unique: choose another",
                    context=False,
                )
            else:
                first[ident] = index
        return set(first)

    def run(self) -> list[Problem]:
        source_ids = self.unique_ids("sources", "source")
        event_ids = self.unique_ids("events", "event")
        self.unique_ids("eras", "era")
        categories = self.root.get("categories")
        declared = set(categories) if isinstance(categories, dict) else None
        texts = self.source_texts()
        variants = self.aliases()
        for index, event in records(self.root, "events"):
            self.event(index, event, source_ids, event_ids, declared, texts)
            self.canonical_names(index, event, variants)
        for index, era in records(self.root, "eras"):
            self.dated_and_cited(("eras", index), era, source_ids, texts)
        for index, source in records(self.root, "sources"):
            published = source.get("published")
            if isinstance(published, str):
                self.date(("sources", index, "published"), published, partial=True)
        return self.problems

    def event(
        self,
        index: int,
        event: dict[str, Any],
        source_ids: set[str],
        event_ids: set[str],
        declared: set[str] | None,
        texts: dict[str, str],
    ) -> None:
        loc: tuple[PathElem, ...] = ("events", index)
        self.dated_and_cited(loc, event, source_ids, texts)
        category = event.get("category")
        if declared is not None and isinstance(category, str) and category not in declared:
            self.add(
                (*loc, "category"),
                "R005",
                f"category '{category}' is not declared in 'categories'",
                f"declared: {', '.join(sorted(declared))}" if declared else None,
            )
        for pos, related in _str_list(event, "related"):
            if related == event.get("id"):
                self.add((*loc, "related", pos), "R004", "an event cannot be related to itself")
            elif related not in event_ids:
                self.add(
                    (*loc, "related", pos), "R003", f"related event '{related}' does not exist"
                )
        for pos, figure in records(event, "figures"):
            self.figure((*loc, "figures", pos), figure)
        for pos, place in records(event, "places"):
            for key in ("lat", "lon"):
                value = place.get(key)
                if isinstance(value, float) and math.isnan(value):
                    self.add((*loc, "places", pos, key), "S006", f"'{key}' is not a number")

    def aliases(self) -> dict[Words, str]:
        """Check the ``aliases`` section; return each variant's words and its canonical name.

        Every name must have a letter or digit (A003) and be listed once, with its
        spelling folded (A002): a name under two canonical names is ambiguous.
        """
        section = self.root.get("aliases")
        if not isinstance(section, dict):
            return {}
        seen: dict[Words, tuple[str, int]] = {}  # words -> (its canonical name, line listed)
        variants: dict[Words, str] = {}
        for canonical, names in section.items():
            if not isinstance(canonical, str):
                continue
            listed: list[tuple[tuple[PathElem, ...], str | None, str]] = [
                (("aliases",), canonical, canonical)
            ]
            if isinstance(names, list):
                listed += [
                    (("aliases", canonical, pos), None, name)
                    for pos, name in enumerate(names)
                    if isinstance(name, str)
                ]
            in_this_list: set[str] = set()
            for loc, key, name in listed:
                if key is None:
                    if name in in_this_list:
                        continue  # an exact repeat within one list is the schema check's (S007)
                    in_this_list.add(name)
                spelled = words(name)
                if not spelled:
                    if name.strip():  # an empty name is the schema check's to report
                        self.add(
                            loc,
                            "A003",
                            f"alias {shown(name)} has no letter or digit to match",
                            key=key,
                        )
                    continue
                if spelled in seen:
                    first, line = seen[spelled]
                    self.add(
                        loc,
                        "A002",
                        f"alias {shown(name)} is already listed under {shown(first)} "
                        f"(line {line}), ignoring case and accents",
                        "list each spelling once, under one canonical name",
                        key=key,
                    )
                    continue
                mark = locate(self.root, loc) if key is None else locate_key(self.root, loc, key)
                seen[spelled] = (canonical, mark.line)
                if key is None:
                    variants[spelled] = canonical
        return variants

    def canonical_names(
        self, index: int, event: dict[str, Any], variants: dict[Words, str]
    ) -> None:
        """Warn (A001) where an actor or place name is a variant of a canonical name."""
        if not variants:
            return
        named: list[tuple[tuple[PathElem, ...], str]] = [
            (("events", index, "actors", pos), actor) for pos, actor in _str_list(event, "actors")
        ]
        for pos, place in records(event, "places"):
            name = place.get("name")
            if isinstance(name, str):
                named.append((("events", index, "places", pos, "name"), name))
        for loc, name in named:
            canonical = variants.get(words(name))
            if canonical is not None:
                self.add(
                    loc,
                    "A001",
                    f"{shown(name)} is a variant of {shown(canonical)}",
                    f"write the canonical name {shown(canonical)}, as listed under 'aliases'",
                )

    def dated_and_cited(
        self,
        loc: tuple[PathElem, ...],
        record: dict[str, Any],
        source_ids: set[str],
        texts: dict[str, str],
    ) -> None:
        """Check what events and eras share: the date, and each citation and its quote."""
        date = record.get("date")
        if isinstance(date, str):
            self.date((*loc, "date"), date)
        for pos, citation in records(record, "sources"):
            self.citation((*loc, "sources", pos), citation, source_ids, texts)

    def date(self, loc: tuple[PathElem, ...], text: str, *, partial: bool = False) -> None:
        try:
            if partial:
                PartialDate.parse(text)
            else:
                EventDate.parse(text)
        except DateError as exc:
            if exc.code != "D001":  # a malformed date is the schema check's to report
                self.add(loc, exc.code, str(exc))

    def citation(
        self,
        loc: tuple[PathElem, ...],
        citation: dict[str, Any],
        source_ids: set[str],
        texts: dict[str, str],
    ) -> None:
        source = citation.get("source")
        if not isinstance(source, str):
            return
        if source not in source_ids:
            self.add(
                (*loc, "source"),
                "R002",
                f"source '{source}' does not exist",
                f"sources: {', '.join(sorted(i for i in source_ids if i))}"
                if any(source_ids)
                else None,
            )
            return
        quote = citation.get("quote")
        if not isinstance(quote, str) or source not in texts or not quote.strip():
            return
        if normalise(quote) not in texts[source]:
            passage = closest_passage(texts[source], quote)
            self.add(
                (*loc, "quote"),
                "Q003",
                f"the quote is not found in the text of source '{source}'",
                f"closest passage: {shown(passage, 200)}" if passage else None,
            )

    def figure(self, loc: tuple[PathElem, ...], figure: dict[str, Any]) -> None:
        numbers = {
            key: figure[key]
            for key in ("value", "low", "best", "high")
            if isinstance(figure.get(key), (int, float)) and not isinstance(figure[key], bool)
        }
        for key, number in numbers.items():
            if isinstance(number, float) and not math.isfinite(number):
                self.add((*loc, key), "S006", f"'{key}' is not a finite number")
                return
        order = [k for k in ("low", "best", "high") if k in numbers]
        for lower, upper in itertools.pairwise(order):
            if numbers[lower] > numbers[upper]:
                self.add(
                    (*loc, upper),
                    "F001",
                    f"'{upper}' ({numbers[upper]}) is less than '{lower}' ({numbers[lower]})",
                    "a range runs low <= best <= high",
                )

    def source_texts(self) -> dict[str, str]:
        """Read each source's ``file``, normalised; report files that cannot be used."""
        texts: dict[str, str] = {}
        if self.base is None:
            return texts
        base = self.base.resolve()
        cache: dict[Path, str | None] = {}
        for index, source in records(self.root, "sources"):
            name, ident = source.get("file"), source.get("id")
            if not isinstance(name, str) or not isinstance(ident, str) or not name:
                continue
            loc = ("sources", index, "file")
            if not _is_plain_relative(name):
                continue  # the schema check reports absolute paths and '..'
            target = (base / name).resolve()
            if not target.is_relative_to(base):
                self.add(
                    loc,
                    "Q002",
                    f"the file {shown(name)} leads outside the data file's folder",
                    "a symbolic link points out of the folder; copy the file inside it",
                )
                continue
            if target not in cache:
                cache[target] = self.read_source(loc, name, target)
            text = cache[target]
            if text is not None:
                texts[ident] = text
        return texts

    def read_source(self, loc: tuple[PathElem, ...], name: str, target: Path) -> str | None:
        if not target.exists():
            self.add(loc, "Q001", f"the file {shown(name)} does not exist")
            return None
        if not target.is_file():
            self.add(loc, "Q001", f"{shown(name)} is not a regular file")
            return None
        try:
            with target.open("rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
        except OSError as exc:
            self.add(loc, "Q001", f"the file {shown(name)} cannot be read: {exc.strerror}")
            return None
        if len(data) > MAX_SOURCE_BYTES:
            self.add(loc, "Q001", f"the file {shown(name)} is larger than {MAX_SOURCE_BYTES} bytes")
            return None
        try:
            return normalise(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            self.add(
                loc,
                "Q001",
                f"the file {shown(name)} is not UTF-8 text (invalid byte at offset {exc.start})",
            )
            return None


def _is_plain_relative(name: str) -> bool:
    """Whether ``name`` is relative and has no '..' part (symlinks are checked later)."""
    parts = re.split(r"[/\\]", name)
    return not (name.startswith(("/", "\\")) or re.match("[A-Za-z]:", name) or ".." in parts)


def meaning_problems(
    root: Any, path: str, base: Path | None, *, limit: int = DEFAULT_LIMITS.max_problems
) -> list[Problem]:
    """Every meaning problem in a (possibly structurally invalid) data file.

    ``base`` is the data file's folder, against which sources' ``file`` paths
    resolve; ``None`` skips the file and quote checks.
    """
    if not isinstance(root, dict):
        return []
    checker = _Checker(root, path, base, limit)
    try:
        return checker.run()
    except TooManyProblems:
        return checker.problems
