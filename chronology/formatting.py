"""The canonical layout of a data file: what ``chronology fmt`` writes.

:func:`format_bytes` rewrites a data file with a round-trip YAML library
(ruamel.yaml), so comments, quoting, flow lists and fields this package does
not know all survive. The canonical layout is:

* keys in the order of the schema's ``properties`` (``schema/events.schema.json``);
  keys the schema does not know follow, in the order they had;
* events sorted by date (earliest day, then precision), then id; sources by id;
  records whose sort key cannot be read stay after the others, in their order;
* dates (``date`` of events and eras, ``published`` of sources) in double quotes;
  a date written as a bare year (``date: 2013``) is quoted (``"2013"``);
* two spaces of indentation, list items indented under their key, LF line ends,
  no byte order mark, lines never re-wrapped;
* comments belong to what follows them: a comment line moves with the record or
  field below it, and takes that record's indentation. A blank line comes before
  each top-level section and each event, and nowhere else but above the comments
  that close the file, when they had one.

The result is checked before it is returned: read back by the same reader
``chronology validate`` uses, it must hold exactly the data of the original
(sorted as above) and the same comments. If it does not, nothing is written
and :class:`FormatError` says so. A file that cannot be read as YAML (any
``Y`` problem) is returned with its problems and no formatted text.

>>> result = format_bytes(b"events: []\\nsources: []\\ntitle: T  # the title\\n", "f.yaml")
>>> print(result.formatted.decode(), end="")
title: T  # the title
<BLANKLINE>
sources: []
<BLANKLINE>
events: []
"""

from __future__ import annotations

import difflib
import io
import itertools
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import ChronologyError
from .fileio import read_regular_file
from .limits import DEFAULT_LIMITS, Limits
from .problems import Problem
from .yamlio import read_yaml

if TYPE_CHECKING:
    from ruamel.yaml import YAML

__all__ = ["FormatError", "Formatted", "format_bytes", "format_file", "unified_diff"]

#: Fields holding a date, by record kind: written in double quotes.
DATE_FIELDS = {"event": "date", "era": "date", "source": "published"}

#: How many blank lines come before a child of each kind of container.
_BLANKS_BEFORE_SECTION = 1
_BLANKS_BEFORE_EVENT = 1


class FormatError(ChronologyError):
    """Formatting would change the data or lose a comment; nothing was written."""


@attrs.frozen
class Formatted:
    """The result of formatting one file.

    ``formatted`` is ``None`` when the file cannot be read as YAML; ``problems``
    then says why, and the file must be left as it was.
    """

    path: str
    original: bytes = attrs.field(repr=False)
    formatted: bytes | None = attrs.field(repr=False)
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.formatted is not None and self.formatted != self.original


# ------------------------------------------------------------------------------ key orders


def _key_orders() -> dict[str, tuple[str, ...]]:
    """The schema's field order of each kind of record (``"root"`` for the top level)."""
    from . import resources

    schema = resources.schema()
    orders = {"root": tuple(schema["properties"])}
    for name, definition in schema["$defs"].items():
        if isinstance(definition, dict) and "properties" in definition:
            orders[name] = tuple(definition["properties"])
    return orders


#: What kind of record each list or mapping under a field holds, by parent kind.
_CHILDREN: dict[tuple[str, str], str] = {
    ("root", "sources"): "source",
    ("root", "events"): "event",
    ("root", "eras"): "era",
    ("root", "categories"): "category",
    ("event", "places"): "place",
    ("event", "sources"): "citation",
    ("event", "figures"): "figure",
    ("era", "sources"): "citation",
}


# ------------------------------------------------------------------------------ comments
#
# ruamel.yaml keeps a comment with the node *before* it: the lines after a
# record's last value hang from that value. To move records, every such run of
# lines is first cut from the end of one sibling and put before the next one
# (a "pre" comment), where it travels with its record. The lines after the
# last value of the file stay at the end of the file.


def _is_map(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap

    return isinstance(node, CommentedMap)


def _is_seq(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedSeq

    return isinstance(node, CommentedSeq)


def _is_block(node: Any) -> bool:
    """A non-empty mapping or list written in block style (not ``[...]``/``{...}``)."""
    return (_is_map(node) or _is_seq(node)) and bool(node) and not node.fa.flow_style()


def _is_block_scalar(node: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(node, LiteralScalarString | FoldedScalarString)


def _keys(node: Any) -> list[Any]:
    return list(node.keys()) if _is_map(node) else list(range(len(node)))


def _slot(node: Any) -> int:
    """Where a child's end-of-line comment lives in ``ca.items``: 2 in maps, 0 in lists."""
    return 2 if _is_map(node) else 0


def _end(node: Any, key: Any) -> tuple[Any, Any]:
    """The container and key of the last value written for ``node[key]``.

    That is ``node[key]`` itself, or, for a block mapping or list, its last
    value, all the way down: the comment lines after it hang from there.
    """
    value = node[key]
    while _is_block(value):
        node, key = value, _keys(value)[-1]
        value = node[key]
    return node, key


def _token(node: Any, key: Any) -> Any:
    """The comment after ``node[key]``'s value, if any."""
    entry = node.ca.items.get(key)
    token = entry[_slot(node)] if entry else None
    value = node[key]
    if token is None and (_is_map(value) or _is_seq(value)) and value.ca.comment:
        token = value.ca.comment[0]
    return token


def _set_token(node: Any, key: Any, text: str | None, column: int) -> None:
    """Set (with ``None``: remove) the comment after ``node[key]``'s value.

    A flow mapping or list keeps its comment in two places; both are set.
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    value = node[key]
    flow = (_is_map(value) or _is_seq(value)) and value.fa.flow_style()
    token = None if text is None else CommentToken(text, CommentMark(column), None)
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    entry[_slot(node)] = token
    if flow or (value is not None and hasattr(value, "ca") and value.ca.comment):
        if value.ca.comment is None:
            value.ca.comment = [None, None]
        value.ca.comment[0] = token
    if not any(entry):
        del node.ca.items[key]


def _split(node: Any, key: Any) -> tuple[str, list[str], int]:
    """The end-of-line comment after ``node[key]`` and the lines below it, and its column."""
    token = _token(node, key)
    if token is None or not token.value:
        return "", [], 0
    lines = token.value.split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines:
        return "", [], token.column
    if _is_block_scalar(node[key]):  # its text ends with its own line end
        return "", lines, token.column
    return lines[0], lines[1:], token.column


def _cut_after(node: Any, key: Any) -> list[str]:
    """Remove and return the lines below ``node[key]``: comments and blank lines ("").

    An end-of-line comment on the value itself stays. The lines hang from the
    last value, or sit at the end (``ca.end``) of the block lists and mappings
    that close there, the innermost first.
    """
    container, last = _end(node, key)
    end_of_line, following, column = _split(container, last)
    if following:
        _set_token(container, last, f"{end_of_line}\n" if end_of_line.strip() else None, column)
    closing = []
    value = node[key]
    while _is_block(value):
        closing.append(value)
        value = value[_keys(value)[-1]]
    for block in reversed(closing):
        if block.ca.end:
            following.extend(_token_lines(block.ca.end))
            block.ca.end = []
    return following


def _put_after(node: Any, key: Any, lines: Sequence[str]) -> None:
    """Put ``lines`` below ``node[key]`` (the file's last lines)."""
    if not lines:
        return
    container, last = _end(node, key)
    end_of_line, following, column = _split(container, last)
    head = "" if _is_block_scalar(container[last]) else f"{end_of_line}\n"
    body = "".join(f"{line}\n" for line in [*following, *lines])
    _set_token(container, last, head + body, column)


def _token_lines(tokens: Sequence[Any]) -> list[str]:
    lines: list[str] = []
    for token in tokens:
        text = token.value[:-1] if token.value.endswith("\n") else token.value
        lines.extend(text.split("\n"))
    return lines


def _cut_first(parent: Any, key: Any) -> list[str]:
    """Remove and return the comment lines between ``key:`` and its block value's first child."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    node = parent[key]
    lines: list[str] = []
    entry = parent.ca.items.get(key)
    # An end-of-line comment on the `key:` line carries the lines below it too.
    key_line = (entry[2] if entry else None) or (node.ca.comment[0] if node.ca.comment else None)
    if key_line is not None and key_line.value:
        end_of_line, *lines = key_line.value.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if lines:
            kept = None
            if end_of_line.strip():
                kept = CommentToken(f"{end_of_line}\n", CommentMark(key_line.column), None)
            if entry:
                entry[2] = kept
            if node.ca.comment:
                node.ca.comment[0] = kept
    tokens: list[Any] = []
    if entry and len(entry) > 3 and entry[3]:
        tokens.extend(entry[3])
        entry[3] = None
        if not any(entry):
            del parent.ca.items[key]
    if node.ca.comment and len(node.ca.comment) > 1 and node.ca.comment[1]:
        tokens.extend(t for t in node.ca.comment[1] if all(t is not s for s in tokens))
        node.ca.comment[1] = None
    return lines + _token_lines(tokens)


def _pre(node: Any, key: Any) -> list[str]:
    """The comment lines above ``node[key]``."""
    entry = node.ca.items.get(key)
    return _token_lines(entry[1]) if entry and entry[1] else []


def _set_pre(node: Any, key: Any, lines: Sequence[str], column: int) -> None:
    """Put ``lines`` (comments, "" for a blank line) above ``node[key]`` at ``column``."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    entry = node.ca.items.setdefault(key, [None, None, None, None])
    entry[1] = [
        CommentToken(f"{line.strip()}\n" if line.strip() else "\n", CommentMark(column), None)
        for line in lines
    ] or None
    if not any(entry):
        del node.ca.items[key]


def _tidy(lines: Sequence[str], blanks: int) -> list[str]:
    """``blanks`` blank lines, then the comment lines with runs of blank lines made one."""
    kept: list[str] = []
    for line in lines:
        if line.strip() or (kept and kept[-1]):
            kept.append(line.strip())
    while kept and not kept[-1]:
        kept.pop()
    return [""] * blanks + kept


def _lift(node: Any) -> None:
    """Make every comment line in block ``node`` a "pre" comment of what follows it."""
    keys = _keys(node)
    for key in keys:
        if _is_block(node[key]):
            first = _cut_first(node, key)
            if first:
                child = node[key]
                head = _keys(child)[0]
                _set_pre(child, head, first + _pre(child, head), 0)
    for before, after in itertools.pairwise(keys):
        following = _cut_after(node, before)
        if following:
            _set_pre(node, after, following + _pre(node, after), 0)
    for key in keys:
        if _is_block(node[key]):
            _lift(node[key])


def _space(node: Any, column: int, blanks: int) -> None:
    """Give every "pre" comment in block ``node`` its indentation and blank lines.

    ``blanks`` blank lines come before each child but the first. A comment
    above an item's first key moves above the item (before its ``-``).
    """
    for position, key in enumerate(_keys(node)):
        child = node[key]
        if _is_seq(node) and _is_block(child) and _is_map(child):
            first = next(iter(child))
            moved = _pre(child, first)
            if moved:
                _set_pre(child, first, [], 0)
                _set_pre(node, key, _pre(node, key) + moved, 0)
        lines = _tidy(_pre(node, key), blanks if position else 0)
        _set_pre(node, key, lines, column)
        if _is_block(child):
            inner = _BLANKS_BEFORE_EVENT if (column, key) == (0, "events") else 0
            _space(child, column + 2, inner)


# ------------------------------------------------------------------------------ layout


def _date_sort_key(record: Any) -> tuple[Any, ...] | None:
    from .dates import EventDate
    from .errors import DateError

    if not isinstance(record, dict):
        return None
    date, ident = record.get("date"), record.get("id")
    if not isinstance(date, str) or not isinstance(ident, str):
        return None
    try:
        return (*EventDate.parse(date).sort_key, ident)
    except DateError:
        return None


def _id_sort_key(record: Any) -> tuple[Any, ...] | None:
    ident = record.get("id") if isinstance(record, dict) else None
    return (ident,) if isinstance(ident, str) else None


#: How each sorted list is ordered.
_SORTED = {"events": _date_sort_key, "sources": _id_sort_key}


def _order(items: Sequence[Any], key: Callable[[Any], tuple[Any, ...] | None]) -> list[int]:
    """The positions of ``items`` in sorted order; items without a key last, as they were."""
    keys = [key(item) for item in items]
    known = sorted((k, i) for i, k in enumerate(keys) if k is not None)
    return [i for _, i in known] + [i for i, k in enumerate(keys) if k is None]


def _sort(items: Any, key: Callable[[Any], tuple[Any, ...] | None]) -> None:
    """Sort a ruamel list in place, moving each item's comments with it."""
    order = _order(items, key)
    if order == list(range(len(items))):
        return
    values = list(items)
    comments = dict(items.ca.items)
    items.ca.items.clear()
    for new, old in enumerate(order):
        items[new] = values[old]
        if old in comments:
            items.ca.items[new] = comments[old]


def _reorder_keys(record: Any, order: Sequence[str]) -> None:
    for key in [k for k in order if k in record] + [k for k in record if k not in order]:
        record.move_to_end(key)


def _as_year(value: Any) -> bool:
    """A date written as a bare whole number (``date: 2013``), quoted as the year it means."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10000


def _quote_date(record: Any, field: str) -> None:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    value = record.get(field)
    if isinstance(value, str) and not _is_block_scalar(value):
        record[field] = DoubleQuotedScalarString(value)
    elif _as_year(value):
        record[field] = DoubleQuotedScalarString(str(int(value)))


def _canonical(node: Any, kind: str, orders: dict[str, tuple[str, ...]]) -> None:
    """Reorder, sort and quote ``node`` (a record of ``kind``) and what it holds."""
    if not _is_map(node):
        return
    if kind in orders:
        _reorder_keys(node, orders[kind])
    if kind in DATE_FIELDS:
        _quote_date(node, DATE_FIELDS[kind])
    for field, value in node.items():
        child = _CHILDREN.get((kind, str(field)))
        if child is None:
            continue
        if _is_seq(value):
            if kind == "root" and field in _SORTED:
                _sort(value, _SORTED[field])
            for item in value:
                _canonical(item, child, orders)
        elif _is_map(value) and child == "category":
            for item in value.values():
                _canonical(item, child, orders)


# ------------------------------------------------------------------------------ checking


def _plain(node: Any) -> Any:
    """ruamel values as plain Python values, comparable with :func:`read_yaml`'s."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node  # a timestamp, say: a type read_yaml never gives


class _Disagree(Exception):
    """ruamel.yaml reads a value differently from :func:`read_yaml`."""


def _same(ours: Any, theirs: Any) -> bool:
    """Equal plain values, of the same type (``1`` is not ``True``); NaN equals NaN."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ours.keys() == theirs.keys() and all(_same(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    if isinstance(ours, float) and isinstance(theirs, float) and math.isnan(ours):
        return math.isnan(theirs)
    return type(ours) is type(theirs) and ours == theirs


def _reconcile(ours: Any, theirs: Any) -> Any:
    """Make ruamel's values those ``validate`` reads (an unquoted 2019-03-23 is text).

    Returns the node to keep in place of ``theirs``; raises :class:`_Disagree`
    when the two readers see different structures.
    """
    if isinstance(ours, dict):
        if not _is_map(theirs) or [str(k) for k in theirs] != list(ours):
            raise _Disagree
        for key in list(theirs):
            theirs[key] = _reconcile(ours[str(key)], theirs[key])
        return theirs
    if isinstance(ours, list):
        if not _is_seq(theirs) or len(theirs) != len(ours):
            raise _Disagree
        for index, value in enumerate(ours):
            theirs[index] = _reconcile(value, theirs[index])
        return theirs
    if _same(ours, _plain(theirs)):
        return theirs
    if isinstance(ours, str):
        return ours
    if isinstance(ours, (int, float)) and not isinstance(ours, bool) and isinstance(theirs, str):
        return ours  # a number ruamel takes for text, such as .5 or .1e8: written as a number
    raise _Disagree


def _expected(ours: Any) -> Any:
    """The data of the original file as the formatted file must hold it."""
    if not isinstance(ours, dict):
        return ours
    expected = dict(ours)
    for field, kind in (("events", "event"), ("eras", "era"), ("sources", "source")):
        items = expected.get(field)
        if not isinstance(items, list):
            continue
        date = DATE_FIELDS[kind]
        items = [
            {**item, date: str(item[date])}
            if isinstance(item, dict) and _as_year(item.get(date))
            else item
            for item in items
        ]
        if field in _SORTED:
            items = [items[i] for i in _order(items, _SORTED[field])]
        expected[field] = items
    return expected


def _comments(text: str) -> list[str]:
    """Every comment line in YAML ``text``, stripped, sorted."""
    found: list[str] = []
    for token in _yaml().scan(text):
        parts = getattr(token, "comment", None) or []
        for part in parts:
            for comment in part if isinstance(part, list) else [part]:
                if comment is not None:
                    found.extend(line.strip() for line in comment.value.split("\n") if line.strip())
    return sorted(found)


def _verify(ours: Any, formatted: str, original: str, path: str) -> None:
    """Raise :class:`FormatError` unless ``formatted`` holds the data and comments it must."""
    again, problems = read_yaml(formatted.encode("utf-8"), path)
    if problems or not _same(_expected(ours), again):
        raise FormatError(
            f"{path}: cannot format: the result would not hold the same data "
            "(a bug in chronology fmt: please report it); the file is left as it was"
        )
    if _comments(original) != _comments(formatted):
        raise FormatError(
            f"{path}: cannot format: the result would lose or change a comment "
            "(a bug in chronology fmt: please report it); the file is left as it was"
        )


# ------------------------------------------------------------------------------ public


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or ["no message"])[0]


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never re-wrap a line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def format_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Formatted:
    """Format the contents of a data file named ``path`` (as shown in problems).

    Raises :class:`FormatError`, and nothing else, when the file cannot be rewritten
    faithfully: when the round-trip reader (ruamel.yaml) reads it differently or
    fails on it, or when the result would not hold the same data and comments (a
    bug). Nothing may be written then.
    """
    ours, problems = read_yaml(data, path, limits)
    if problems:
        return Formatted(path, data, None, tuple(problems))
    if not isinstance(ours, dict):  # not a chronology (validate says so): nothing to lay out
        return Formatted(path, data, data)
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    yaml = _yaml()
    try:
        document = _reconcile(ours, yaml.load(text))
    except _Disagree:
        raise FormatError(
            f"{path}: cannot format: ruamel.yaml reads this file differently from "
            "chronology validate; the file is left as it was"
        ) from None
    except Exception as exc:  # any failure of the round-trip reader
        # On unusual YAML the round-trip library can fail in many ways (its own
        # errors, but also NotImplementedError or IndexError from inside it): the file
        # is then left alone, whatever the failure.
        raise FormatError(
            f"{path}: cannot format: ruamel.yaml cannot read this file "
            f"({type(exc).__name__}: {_first_line(exc)}); the file is left as it was"
        ) from None
    try:
        formatted = _laid_out(document, yaml)
        _verify(ours, formatted, text, path)
    except FormatError:
        raise
    except Exception as exc:  # the writer, or the formatter itself: a bug to report
        raise FormatError(
            f"{path}: cannot format: the formatter failed ({type(exc).__name__}: "
            f"{_first_line(exc)}), a bug worth reporting with the file; the file is left "
            "as it was"
        ) from None
    return Formatted(path, data, formatted.encode("utf-8"))


def _laid_out(document: Any, yaml: YAML) -> str:
    """The round-trip ``document`` in the canonical layout, as text."""
    if _is_block(document) and _is_map(document):
        last = _keys(document)[-1]
        trailer = _cut_after(document, last) + _token_lines(document.ca.end or [])
        document.ca.end = []
        _lift(document)
        _canonical(document, "root", _key_orders())
        _space(document, 0, _BLANKS_BEFORE_SECTION)
        apart = 1 if trailer and not trailer[0].strip() else 0  # a blank line above stays
        _put_after(document, _keys(document)[-1], _tidy(trailer, apart))
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def format_file(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Formatted:
    """Format one data file, without writing it; raise :class:`OSError` if it is unreadable."""
    return format_bytes(read_regular_file(Path(path), limits.max_bytes), os.fspath(path), limits)


def unified_diff(result: Formatted) -> str:
    """What formatting changes, as a unified diff (empty when nothing changes)."""
    if result.formatted is None or not result.changed:
        return ""
    before = result.original.decode("utf-8-sig").replace("\r\n", "\n")
    after = result.formatted.decode("utf-8")
    if before == after:
        header = f"--- {result.path}\n+++ {result.path} (formatted)\n"
        return f"{header}@@ line ends or byte order mark only @@\n"
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=result.path,
        tofile=f"{result.path} (formatted)",
    )
    return "".join(
        line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n" for line in lines
    )
