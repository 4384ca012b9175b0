"""Adding one event to a data file: the work of ``chronology new``.

:class:`Target` is the data file an event is added to; its ``check_*``
methods check one field against it (the date's form, that a source exists,
that a quote is in the source's text) and return what is wrong, or ``None``,
so that a prompt can ask again at once. :func:`add_event` builds the record in
the canonical layout (the one ``chronology fmt`` writes) and inserts its text
at its place in date order: every other byte of the file, comments included,
stays as it was. The result is read back before it is returned; it must hold
the old data with exactly the new event added.

>>> target = Target.from_bytes(
...     b"sources:\\n  - {id: s, title: S, publisher: P, url: 'https://x.org'}\\n"
...     b"events:\\n  - {id: a, title: A, date: '2019', summary: S, sources: []}\\n",
...     "events.yaml",
... )
>>> target.check_date("2019-13")
"'2019-13' has month 13: months run from 01 to 12"
>>> new = add_event(target, Draft(title="B", date="2018-10", summary="What happened.",
...                               citations=(("s", "the words"),)))
>>> print(new.text.decode(), end="")
sources:
  - {id: s, title: S, publisher: P, url: 'https://x.org'}
events:
  - id: 2018-10-b
    title: B
    date: "2018-10"
    summary: What happened.
    sources:
      - source: s
        quote: "the words"
<BLANKLINE>
  - {id: a, title: A, date: '2019', summary: S, sources: []}
"""

from __future__ import annotations

import functools
import io
import os
import re
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .errors import ChronologyError, DateError, InvalidChronologyError
from .fileio import read_regular_file
from .limits import DEFAULT_LIMITS
from .yamlio import YMap, YSeq, read_yaml, unpack_mark

__all__ = [
    "Added",
    "Draft",
    "ScaffoldError",
    "Target",
    "add_event",
    "ask_draft",
    "split_place",
    "suggest_id",
]

#: Summaries longer than this are written as folded blocks (``>-``), wrapped to fit.
_LINE_WIDTH = 92
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COUNTRY = re.compile(r"[A-Z]{2}")


class ScaffoldError(ChronologyError):
    """The event cannot be added: ``problems`` (one line each) says why."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@attrs.frozen
class Draft:
    """An event as a contributor gives it: text fields and (source, quote) pairs.

    ``places`` are ``(name, country code)`` pairs. ``id`` may be left out: it is
    then made from the date and the title (:func:`suggest_id`).
    """

    title: str = ""
    date: str = ""
    summary: str = ""
    category: str | None = None
    citations: tuple[tuple[str, str], ...] = ()
    places: tuple[tuple[str, str], ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    notes: str | None = None
    id: str | None = None


@attrs.frozen
class Added:
    """The data file with the event added: its new bytes, and where the record starts."""

    text: bytes
    id: str
    line: int


# ------------------------------------------------------------------------------ the file


@attrs.frozen
class Target:
    """A data file that an event is added to, read and located."""

    path: str
    data: bytes = attrs.field(repr=False)
    root: Any = attrs.field(repr=False)
    base: Path | None = None

    @classmethod
    def from_bytes(cls, data: bytes, path: str, base: Path | None = None) -> Target:
        """Read ``data``; raise :class:`InvalidChronologyError` if it is not readable YAML.

        ``base`` is the folder sources' ``file`` paths are relative to (``None``:
        quotes are not checked against source texts).
        """
        root, problems = read_yaml(data, path)
        if problems:
            raise InvalidChronologyError(problems)
        if not isinstance(root, YMap):
            raise ScaffoldError([f"{path}: the file is not a mapping of sections"])
        return cls(path, data, root, base)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Target:
        """Read a data file; raise :class:`OSError` if it cannot be read."""
        file = Path(path)
        data = read_regular_file(file, DEFAULT_LIMITS.max_bytes)
        return cls.from_bytes(data, os.fspath(path), file.parent)

    def _records(self, key: str) -> list[dict[str, Any]]:
        items = self.root.get(key)
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []

    @property
    def source_ids(self) -> list[str]:
        """The ids of the file's sources, in file order."""
        return [s["id"] for s in self._records("sources") if isinstance(s.get("id"), str)]

    @property
    def event_ids(self) -> set[str]:
        """The ids of the file's events."""
        return {e["id"] for e in self._records("events") if isinstance(e.get("id"), str)}

    @property
    def categories(self) -> list[str]:
        """The declared category slugs (empty when the file declares none)."""
        declared = self.root.get("categories")
        return [str(k) for k in declared] if isinstance(declared, dict) else []

    def source_text(self, source_id: str) -> str | None:
        """The text of a source's local ``file``, if it has one that can be read."""
        if self.base is None:
            return None
        for source in self._records("sources"):
            if source.get("id") == source_id and isinstance(source.get("file"), str):
                file = (self.base / source["file"]).resolve()
                if not file.is_relative_to(self.base.resolve()):
                    return None
                try:
                    return read_regular_file(file, DEFAULT_LIMITS.max_bytes).decode(
                        "utf-8", errors="replace"
                    )
                except OSError:
                    return None
        return None

    # -------------------------------------------------------------------- field checks

    def check_title(self, title: str) -> str | None:
        """What is wrong with a title, or ``None``."""
        if not title.strip():
            return "the title is empty"
        if len(title) > 200:
            return f"the title has {len(title)} characters; keep it under 200"
        return None

    def check_date(self, date: str) -> str | None:
        """What is wrong with a date, or ``None``."""
        from .dates import EventDate

        if not date.strip():
            return "the date is empty"
        try:
            EventDate.parse(date)
        except DateError as exc:
            return str(exc)
        return None

    def check_category(self, category: str) -> str | None:
        """What is wrong with a category, or ``None``."""
        if self.categories and category not in self.categories:
            return f"no category {category!r}; the file declares {', '.join(self.categories)}"
        if not _SLUG.fullmatch(category):
            return f"{category!r} is not a slug (lower-case words joined by '-')"
        return None

    def check_summary(self, summary: str) -> str | None:
        """What is wrong with a summary, or ``None``."""
        return None if summary.strip() else "the summary is empty"

    def check_source(self, source_id: str) -> str | None:
        """What is wrong with a source id, or ``None``."""
        if source_id in self.source_ids:
            return None
        known = ", ".join(self.source_ids) or "none yet: add the source to `sources` first"
        return f"no source {source_id!r}; the file has {known}"

    def check_quote(self, source_id: str, quote: str) -> str | None:
        """What is wrong with a quote of a source, or ``None``.

        When the source has a local text, the quote must be in it.
        """
        from .quotes import closest_passage, contains

        if not quote.strip():
            return "the quote is empty"
        text = self.source_text(source_id)
        if text is not None and not contains(text, quote):
            closest = closest_passage(text, quote)
            return f"the quote is not in {source_id}'s text; the closest passage is {closest!r}"
        return None

    def check_place(self, place: str) -> str | None:
        """What is wrong with a ``NAME,CC`` place, or ``None``."""
        name, country = split_place(place)
        if not name or not _COUNTRY.fullmatch(country):
            return f"{place!r} is not NAME,CC (a name and a two-letter ISO country code)"
        return None

    def check_places(self, answer: str) -> str | None:
        """What is wrong with ``NAME,CC`` places separated by ';' (none is fine), or ``None``."""
        for place in _items(answer):
            problem = self.check_place(place)
            if problem is not None:
                return problem
        return None

    def check_id(self, ident: str) -> str | None:
        """What is wrong with a new event's id, or ``None``."""
        if not _SLUG.fullmatch(ident):
            return f"{ident!r} is not an id (lower-case letters and digits joined by '-')"
        if ident in self.event_ids:
            return f"an event {ident!r} already exists"
        return None

    def check_related(self, ident: str) -> str | None:
        """What is wrong with a related event's id, or ``None``."""
        return None if ident in self.event_ids else f"no event {ident!r} to relate to"

    def problems(self, draft: Draft) -> list[str]:
        """Everything wrong with ``draft``, field by field (empty when it can be added)."""
        found: list[str] = []

        def check(what: str, message: str | None) -> None:
            if message is not None:
                found.append(f"{what}: {message}")

        check("title", self.check_title(draft.title))
        check("date", self.check_date(draft.date))
        check("summary", self.check_summary(draft.summary))
        if draft.category is not None:
            check("category", self.check_category(draft.category))
        elif self.categories:
            found.append(f"category: give one of {', '.join(self.categories)}")
        if not draft.citations:
            found.append("source: give at least one source and its quote")
        for source, quote in draft.citations:
            problem = self.check_source(source)
            check("source", problem)
            if problem is None:
                check("quote", self.check_quote(source, quote))
        for name, country in draft.places:
            check("place", self.check_place(f"{name},{country}" if country else name))
        for ident in draft.related:
            check("related", self.check_related(ident))
        if draft.id is not None:
            check("id", self.check_id(draft.id))
        return found


def split_place(text: str) -> tuple[str, str]:
    """``"Almaty,KZ"`` as ``("Almaty", "KZ")``; without a comma, the name and ``""``."""
    name, comma, country = text.rpartition(",")
    return (name.strip(), country.strip()) if comma else (text.strip(), "")


def suggest_id(target: Target, date: str, title: str) -> str:
    """An unused id made of the date's digits and the title's first words."""
    digits = "-".join(re.findall(r"\d+", date)[:3])
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)[:6]
    base = "-".join([digits, *words] if digits else words) or "event"
    ident, n = base, 2
    while ident in target.event_ids:
        ident, n = f"{base}-{n}", n + 1
    return ident


# ------------------------------------------------------------------------------ writing


def _record(draft: Draft, ident: str) -> Any:
    """The event as a ruamel mapping in the canonical layout."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def flow(items: Sequence[str]) -> CommentedSeq:
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    record = CommentedMap()
    record["id"] = ident
    record["title"] = draft.title.strip()
    record["date"] = DoubleQuotedScalarString(draft.date.strip())
    if draft.category is not None:
        record["category"] = draft.category
    record["summary"] = _wrapped(draft.summary.strip(), indent=6)
    if draft.places:
        places = CommentedSeq()
        for name, country in draft.places:
            place = CommentedMap(name=name.strip(), country=country.strip())
            place.fa.set_flow_style()
            places.append(place)
        record["places"] = places
    if draft.actors:
        record["actors"] = flow([a.strip() for a in draft.actors])
    if draft.tags:
        record["tags"] = flow([t.strip() for t in draft.tags])
    citations = CommentedSeq()
    for source, quote in draft.citations:
        citations.append(
            CommentedMap(source=source, quote=DoubleQuotedScalarString(" ".join(quote.split())))
        )
    record["sources"] = citations
    if draft.related:
        record["related"] = flow(list(draft.related))
    if draft.notes:
        record["notes"] = _wrapped(draft.notes.strip(), indent=6)
    return record


def _wrapped(text: str, indent: int) -> Any:
    """``text`` as a folded block (``>-``) wrapped to the line width, if it is long."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    text = " ".join(text.split())
    if len(text) + indent <= _LINE_WIDTH - 12:
        return text
    lines = textwrap.wrap(text, _LINE_WIDTH - indent, break_long_words=False)
    folded = FoldedScalarString(" ".join(lines))
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
        at += 1
    folded.fold_pos = positions
    return folded


def _record_text(record: Any, dash_column: int) -> list[str]:
    """The record's lines as one item of a block list whose ``-`` is at ``dash_column``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 1 << 20
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump({"events": [record]}, out)
    lines = out.getvalue().splitlines(keepends=True)[1:]  # without "events:"
    shift = dash_column - 2
    if shift >= 0:
        return [" " * shift + line if line.strip() else line for line in lines]
    return [line[-shift:] if line.strip() else line for line in lines]


def _sort_key(record: Any) -> tuple[Any, ...] | None:
    from .formatting import _date_sort_key

    return _date_sort_key(record)


def _leading_start(lines: Sequence[str], line: int) -> int:
    """The first of the comment and blank lines directly above 0-based ``line``."""
    while line > 0 and (not lines[line - 1].strip() or lines[line - 1].lstrip().startswith("#")):
        line -= 1
    return line


def _dash_column(lines: Sequence[str], events: YSeq) -> int:
    mark = unpack_mark(events.item_marks[0])
    text = lines[mark.line - 1]
    dash = text.rfind("-", 0, mark.column - 1)
    return dash if dash >= 0 else max(mark.column - 3, 0)


def add_event(target: Target, draft: Draft) -> Added:
    """The file's new text with ``draft`` added at its place in date order.

    Raises :class:`ScaffoldError` listing every problem of the draft, or of
    the file when the event cannot be placed.
    """
    problems = target.problems(draft)
    if problems:
        raise ScaffoldError(problems)
    ident = draft.id or suggest_id(target, draft.date, draft.title)
    record = _record(draft, ident)
    new_key = _sort_key(record)
    text = target.data.decode("utf-8-sig")
    bom = "\ufeff" if target.data.startswith(b"\xef\xbb\xbf") else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    events = target.root.get("events")
    if isinstance(events, YSeq) and events and _is_block_list(lines, events):
        later = [
            i
            for i, event in enumerate(events)
            if new_key is not None and (key := _sort_key(event)) is not None and key > new_key
        ]
        record_lines = _record_text(record, _dash_column(lines, events))
        if later:
            index = later[0]
            at = _leading_start(lines, unpack_mark(events.item_marks[index]).line - 1)
            if index == 0:  # first: right below `events:`, a blank line before the next
                chunk = [*record_lines, "\n"]
            elif not lines[at].strip():  # a blank line, then the next event's comments
                chunk = ["\n", *record_lines]
            else:
                chunk = record_lines
        else:
            index = len(events)
            at = _end_of_events(lines, target.root, events)
            chunk = ["\n", *record_lines]
        new_lines = [*lines[:at], *chunk, *lines[at:]]
        first_line = at + chunk.index(record_lines[0]) + 1
    elif "events" not in target.root:  # a new last section, above the file's last comments
        index = 0
        at = _leading_start(lines, len(lines))
        chunk = ["\n", "events:\n", *_record_text(record, 2)]
        new_lines = [*lines[:at], *chunk, *lines[at:]]
        first_line = at + 3
    else:
        raise ScaffoldError(
            [
                f"{target.path}: `events` is not a block list of records, so the new "
                "event has no place to go; write `events:` with its records below it"
            ]
        )
    new_text = bom + "".join(new_lines).replace("\n", newline)
    _verify(target, new_text.encode("utf-8"), index, ident)
    return Added(new_text.encode("utf-8"), ident, first_line)


def _is_block_list(lines: Sequence[str], events: YSeq) -> bool:
    """Whether ``events`` is written as a block list (``- ...`` lines), not ``[...]``."""
    mark = unpack_mark(events.item_marks[0])
    before = lines[mark.line - 1][: mark.column - 1]
    return before.strip() == "-"


def _end_of_events(lines: Sequence[str], root: YMap, events: YSeq) -> int:
    """The 0-based line after the last event's last line."""
    keys = list(root)
    position = keys.index("events")
    end = len(lines)
    if position + 1 < len(keys):
        end = unpack_mark(root.key_marks[keys[position + 1]]).line - 1
    last = unpack_mark(events.item_marks[-1]).line - 1
    while end > last + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    return end


def _verify(target: Target, new: bytes, index: int, ident: str) -> None:
    """The new text must hold the old data with the new event at ``index``, and nothing else."""
    from .formatting import _plain, _same

    again, problems = read_yaml(new, target.path)
    old_events = target.root.get("events")
    expected = dict(target.root)
    events = list(old_events) if isinstance(old_events, list) else []
    if problems or not isinstance(again, dict) or not isinstance(again.get("events"), list):
        raise ScaffoldError([f"{target.path}: the new event could not be inserted cleanly"])
    added = again["events"][index] if index < len(again["events"]) else None
    if not isinstance(added, dict) or added.get("id") != ident:
        raise ScaffoldError([f"{target.path}: the new event could not be inserted cleanly"])
    events.insert(index, added)
    expected["events"] = events
    if not _same(_plain(expected), _plain(again)):
        raise ScaffoldError([f"{target.path}: the new event could not be inserted cleanly"])


# ------------------------------------------------------------------------------ asking

Ask = Callable[[str], str]
Say = Callable[[str], None]


def _ask_until(ask: Ask, say: Say, prompt: str, check: Callable[[str], str | None]) -> str:
    """Ask until the answer passes ``check``; say what is wrong with each one that does not."""
    while True:
        answer = ask(prompt).strip()
        problem = check(answer)
        if problem is None:
            return answer
        say(f"  {problem}")


def _items(answer: str) -> tuple[str, ...]:
    """The items of a ';'-separated answer."""
    return tuple(item.strip() for item in answer.split(";") if item.strip())


def _optional_list(ask: Ask, prompt: str) -> tuple[str, ...]:
    return _items(ask(prompt))


def ask_draft(target: Target, given: Draft, ask: Ask, say: Say) -> Draft:
    """Complete ``given`` by asking for each field it lacks, checking each answer at once.

    ``ask(prompt)`` returns the user's answer (raising :class:`EOFError` to stop);
    ``say(text)`` shows a line. Optional fields (places, actors, tags) are asked
    for only when no required field was given on the command line.
    """
    from .dates import EventDate

    interactive = not (given.title or given.date or given.summary or given.citations)
    title = given.title or _ask_until(ask, say, "Title: ", target.check_title)
    date = given.date
    if not date:
        say("Date, as precise as the source: 2013, 2013-10, 2013-10-05, 2013~, 2019-01/2019-05")
        date = _ask_until(ask, say, "Date: ", target.check_date)
    if target.check_date(date) is None:
        say(f"  = {EventDate.parse(date).label()}")
    category = given.category
    if category is None and target.categories:
        say(f"Categories: {', '.join(target.categories)}")
        category = _ask_until(ask, say, "Category: ", target.check_category)
    summary = given.summary or _ask_until(ask, say, "Summary: ", target.check_summary)
    citations = list(given.citations)
    if not citations:
        say(f"Sources: {', '.join(target.source_ids)}")
        while True:
            source = _ask_until(ask, say, "Source id: ", target.check_source)
            quote = _ask_until(
                ask, say, "Quote (copied exactly): ", functools.partial(target.check_quote, source)
            )
            citations.append((source, quote))
            if not ask("Another source? [y/N] ").strip().lower().startswith("y"):
                break
    places, actors, tags = given.places, given.actors, given.tags
    if interactive:
        answer = _ask_until(
            ask, say, "Places, as NAME,CC; separated by ';' (optional): ", target.check_places
        )
        places = places + tuple(split_place(p) for p in _items(answer))
        actors = actors + _optional_list(ask, "Actors, separated by ';' (optional): ")
        tags = tags + _optional_list(ask, "Tags, separated by ';' (optional): ")
    ident = given.id
    if ident is None:
        suggested = suggest_id(target, date, title)
        answer = ask(f"Id [{suggested}]: ").strip()
        while answer and (problem := target.check_id(answer)) is not None:
            say(f"  {problem}")
            answer = ask(f"Id [{suggested}]: ").strip()
        ident = answer or suggested
    return attrs.evolve(
        given,
        title=title,
        date=date,
        category=category,
        summary=summary,
        citations=tuple(citations),
        places=places,
        actors=actors,
        tags=tags,
        id=ident,
    )
