"""Words for places in a data file: "event '2013-10-video'", "citation 2 of ...".

Shared by the schema and meaning checks so their messages read the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .limits import DEFAULT_LIMITS
from .problems import WARNING_CODES, Problem, Severity
from .yamlio import PathElem, locate, locate_key

__all__ = [
    "Collector",
    "PathElem",
    "TooManyProblems",
    "field_name",
    "record_name",
    "records",
    "shown",
]

_RECORDS = {"events": "event", "sources": "source", "eras": "era"}
_PARTS = {"sources": "citation", "places": "place", "figures": "figure"}
_CITING = ("events", "eras")  # records whose parts (citations, places, figures) are named


def _named(kind: str, container: Any, index: int) -> str:
    record = container[index] if isinstance(container, list) else None
    ident = record.get("id") if isinstance(record, dict) else None
    if isinstance(ident, str) and ident:
        return f"{kind} '{ident}'"
    return f"{kind} {index + 1}"


def records(parent: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mappings in the list at ``parent[key]``, with their indexes; others skipped."""
    items = parent.get(key) if isinstance(parent, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def record_name(root: Any, path: Sequence[PathElem]) -> str:
    """The record that ``path`` is inside, in words (empty at the top level)."""
    if len(path) >= 2 and isinstance(path[1], int) and path[0] in _RECORDS:
        container = root.get(path[0]) if isinstance(root, dict) else None
        name = _named(_RECORDS[str(path[0])], container, path[1])
        if path[0] in _CITING and len(path) >= 4 and isinstance(path[3], int):
            part = _PARTS.get(str(path[2]))
            if part:
                return f"{part} {path[3] + 1} of {name}"
        return name
    if len(path) >= 2 and path[0] == "categories":
        return f"category '{path[1]}'"
    return ""


def field_name(path: Sequence[PathElem]) -> str:
    """The field that ``path`` ends at, in words."""
    if not path:
        return "the file"
    last = path[-1]
    if len(path) == 2 and path[0] in _RECORDS and isinstance(last, int):
        return "the " + _RECORDS[str(path[0])]  # the record itself, named by record_name()
    if len(path) == 4 and path[0] in _CITING and path[2] in _PARTS and isinstance(last, int):
        return "the " + _PARTS[str(path[2])]
    if isinstance(last, int):
        parent = next((p for p in reversed(path) if isinstance(p, str)), "list")
        return f"item {last + 1} of '{parent}'"
    return f"'{last}'"


def shown(value: Any, limit: int = 60) -> str:
    """A value as a short repr, for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


class TooManyProblems(Exception):
    """A check has found as many problems as it may report (:attr:`Collector.limit`)."""


class Collector:
    """Collects the located problems of one file; the checks subclass it."""

    def __init__(self, root: Any, path: str, limit: int = DEFAULT_LIMITS.max_problems) -> None:
        self.root = root
        self.path = path
        self.limit = limit
        self.problems: list[Problem] = []

    def add(
        self,
        loc: Sequence[PathElem],
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: str | None = None,
        context: bool = True,
    ) -> None:
        """Record a problem at the value ``loc`` (or at the key ``key`` in it).

        The codes of ``WARNING_CODES`` are recorded as warnings, the others as errors.

        The message is prefixed with the record it is in, such as
        "event '2013-10-video': ", unless ``context`` is false.
        """
        root = self.root
        mark = locate_key(root, loc, key) if key is not None else locate(root, loc)
        where = record_name(root, loc) if context else ""
        text = f"{where}: {message}" if where else message
        severity = Severity.WARNING if code in WARNING_CODES else Severity.ERROR
        self.problems.append(Problem(self.path, mark.line, mark.column, code, text, hint, severity))
        if len(self.problems) >= self.limit:
            raise TooManyProblems
