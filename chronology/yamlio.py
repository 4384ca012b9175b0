"""Safe, located YAML reading.

A data file is read into plain Python values (``dict``, ``list``, ``str``,
``int``, ``float``, ``bool``, ``None``) that remember where each came from, so
that every later problem can point at a line and column.

The reader follows the YAML 1.2 core schema (``yes`` is text, an unquoted
``2019-03-23`` is text, only ``true``/``false`` are booleans) and accepts only
plain YAML: tags, anchors, aliases and second documents are problems, never
features. It works on libyaml's event stream, so nothing is constructed before
it has been checked, and it stops early at the limits in :class:`Limits`.

>>> root, problems = read_yaml(b"sources: []\\nevents:\\n  - id: x\\n    date: 2013\\n", "f.yaml")
>>> problems
[]
>>> root["events"][0]["date"], locate(root, ("events", 0, "date"))
(2013, Mark(line=4, column=11))
"""

from __future__ import annotations

import codecs
import gc
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import attrs
import yaml

from .limits import DEFAULT_LIMITS, Limits
from .problems import Problem

try:  # libyaml, the C parser; PyYAML is built with it on every common platform
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

__all__ = [
    "Limits",
    "Mark",
    "YMap",
    "YSeq",
    "locate",
    "locate_key",
    "pack_mark",
    "read_yaml",
    "unpack_mark",
]


@attrs.frozen
class Mark:
    """A 1-based line and column in a file."""

    line: int
    column: int


class YMap(dict[str, Any]):
    """A mapping that remembers where it, its keys and its values are.

    The positions are packed into one ``int`` each (:func:`pack_mark`), which is
    cheaper to make and to keep than a :class:`Mark` for every value of a large
    file; :func:`locate` and :func:`locate_key` give them back as marks.
    """

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: int) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, int] = {}
        self.value_marks: dict[str, int] = {}


class YSeq(list[Any]):
    """A sequence that remembers where it and its items are (packed as in :class:`YMap`)."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: int) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[int] = []


def pack_mark(line: int, column: int) -> int:
    """A 1-based line and column as one int (columns stay below 2**32: files are smaller).

    >>> unpack_mark(pack_mark(12, 5))
    Mark(line=12, column=5)
    """
    return line << 32 | column


def unpack_mark(packed: int) -> Mark:
    """The :class:`Mark` that :func:`pack_mark` packed."""
    return Mark(packed >> 32, packed & 0xFFFFFFFF)


PathElem = str | int

# YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")

# Characters YAML 1.2 allows in a stream (c-printable), as a negated class, less the
# three that libyaml (YAML 1.1) takes for line breaks while YAML 1.2 takes them for
# text: reading them either way would silently change a quote or shift line numbers.
_LINE_SEPARATORS = "\x85\u2028\u2029"
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_LONE_CR = re.compile("\r(?!\n)")

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

_MAX_REPORTED_CHARACTERS = 20


class _Stop(Exception):
    """Reading cannot go on; the problem has been recorded."""


def _position(text: str, index: int) -> Mark:
    """The 1-based line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return Mark(text.count("\n", 0, index) + 1, index - line_start + 1)


#: The first characters of the plain scalars that are numbers (or .inf and .nan).
_NUMBER_START = frozenset("0123456789+-.")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


def _resolve_plain(value: str) -> Any:
    """Type a plain (unquoted, untagged) scalar by the YAML 1.2 core schema."""
    if value in _NULLS:
        return None
    if value[0] not in _NUMBER_START:  # most scalars: text, or a boolean
        return _BOOL.get(value, value)
    if _INT10.fullmatch(value):
        return int(value)
    if _INT8.fullmatch(value):
        return int(value[2:], 8)
    if _INT16.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value) or _INF.fullmatch(value):
        return float(value.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf"))
    if _NAN.fullmatch(value):
        return float("nan")
    return value


def _decode(data: bytes, path: str) -> str:
    """Check that ``data`` is UTF-8 YAML text, or raise :class:`_Stop`."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise _Stop(Problem(path, 1, 1, "Y001", f"the file is {name}", hint="save it as UTF-8"))
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode("utf-8")
        mark = _position(good + "\0", len(good))
        raise _Stop(
            Problem(
                path,
                mark.line,
                mark.column,
                "Y001",
                f"invalid UTF-8 byte 0x{body[exc.start]:02x}",
                hint="save the file as UTF-8",
            )
        ) from None
    return text


def _check_characters(text: str, path: str) -> list[Problem]:
    """Control characters YAML forbids (each, up to a cap) and the first lone CR."""
    problems = []
    if "\0" in text:
        mark = _position(text, text.index("\0"))
        return [
            Problem(
                path,
                mark.line,
                mark.column,
                "Y001",
                "the file contains NUL bytes: it is not UTF-8 text (UTF-16 without a BOM?)",
                hint="save it as UTF-8",
            )
        ]
    for match in itertools.islice(_NOT_PRINTABLE.finditer(text), _MAX_REPORTED_CHARACTERS):
        mark = _position(text, match.start())
        code = ord(match.group())
        if match.group() in _LINE_SEPARATORS:
            message = f"U+{code:04X} is a line break to some YAML readers and text to others"
        else:
            message = f"control character U+{code:04X} is not allowed in YAML"
        problems.append(
            Problem(
                path,
                mark.line,
                mark.column,
                "Y002",
                message,
                hint=f"remove it, or write it as \\u{code:04x} in a double-quoted string",
            )
        )
    lone_cr = _LONE_CR.search(text)
    if lone_cr is not None:
        mark = _position(text, lone_cr.start())
        problems.append(
            Problem(
                path,
                mark.line,
                mark.column,
                "Y001",
                "a carriage return without a line feed",
                hint="use LF or CRLF line ends",
            )
        )
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _mark(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


def _packed(event: Any) -> int:
    start = event.start_mark
    return pack_mark(start.line + 1, start.column + 1)


class _Builder:
    """Turns libyaml's events into located values, recording every problem."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.problems: list[Problem] = []

    def problem(self, mark: Mark, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.column, code, message, hint))

    def check_node(self, event: Any) -> None:
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                _mark(event),
                "Y005",
                f"alias '*{anchor}' is not allowed",
                hint="write the value out in full",
            )
        elif anchor is not None:
            self.problem(
                _mark(event),
                "Y005",
                f"anchor '&{anchor}' is not allowed",
                hint="remove the anchor",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.problem(
                _mark(event),
                "Y004",
                f"the tag '{tag}' is not allowed",
                hint="only plain YAML is read: remove the tag, and quote the value if it is text",
            )

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        if len(value) > self.limits.max_string:
            self.problem(
                _mark(event),
                "Y009",
                f"a string of {len(value)} characters is longer than the limit "
                f"of {self.limits.max_string}",
            )
            return None
        if event.style or event.tag is not None:
            return value
        digits = len(value.lstrip("+-").removeprefix("0x").removeprefix("0o"))
        if digits > self.limits.max_number_digits and (
            _INT10.fullmatch(value) or _INT8.fullmatch(value) or _INT16.fullmatch(value)
        ):
            self.problem(
                _mark(event),
                "Y009",
                f"a number of {digits} digits is longer than the limit "
                f"of {self.limits.max_number_digits}",
            )
            return None
        return _resolve_plain(value)

    def build(self, parser: Any) -> Any:
        """Read one document's node tree; return the root value.

        This loop runs once per node of the file, so it is written for speed: the
        event's class is compared by identity, and what most nodes need (a scalar
        without anchor or tag, added to the open list or mapping) is done in line.
        """
        # Each frame: [container, pending key (or None), the pending key's mark]
        stack: list[list[Any]] = []
        get_event = parser.get_event
        scalar, add = self.scalar, self.add
        max_depth = self.limits.max_depth
        nodes_left = self.limits.max_nodes
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                nodes_left -= 1
                if nodes_left < 0:
                    self.too_many_nodes(event)
                if event.anchor is not None or event.tag is not None:
                    self.check_node(event)
                value = scalar(event)
                start = event.start_mark
                mark = (start.line + 1) << 32 | (start.column + 1)
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                nodes_left -= 1
                if nodes_left < 0:
                    self.too_many_nodes(event)
                self.check_node(event)
                if len(stack) >= max_depth:
                    self.problem(
                        _mark(event),
                        "Y009",
                        f"the data is nested deeper than {max_depth} levels",
                    )
                    raise _Stop()
                container = YMap(_packed(event)) if kind is _MAPPING_START else YSeq(_packed(event))
                stack.append([container, None, None])
                continue
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                value = stack.pop()[0]
                mark = value.mark
            elif kind is _ALIAS:
                self.check_node(event)
                value, mark = None, _packed(event)
            else:  # pragma: no cover - the parser emits nothing else inside a document
                raise AssertionError(f"unexpected YAML event {event!r}")
            if not stack:
                return value
            frame = stack[-1]
            container = frame[0]
            if frame[2] is not None:  # the value of a key: the most common case
                key, key_mark = frame[1], frame[2]
                frame[1] = frame[2] = None
                if key is not _INVALID_KEY:
                    container[key] = value
                    container.key_marks[key] = key_mark
                    container.value_marks[key] = mark
            else:  # an item of a list, or a key
                add(frame, value, mark)

    def too_many_nodes(self, event: Any) -> NoReturn:
        """Stop reading at the first value past the limit on values (a Y009)."""
        self.problem(
            _mark(event),
            "Y009",
            f"the file holds more than {self.limits.max_nodes:,} values (lists, mappings, "
            "keys and scalars): reading stops here",
        )
        raise _Stop()

    def add(self, frame: list[Any], value: Any, mark: int) -> None:
        """Add a finished node to the innermost open container: an item of a list, or
        a key of a mapping (:meth:`build` adds the values of keys itself)."""
        container = frame[0]
        if isinstance(container, YSeq):
            container.append(value)
            container.item_marks.append(mark)
            return
        # The node is a key.
        if not isinstance(value, str):
            if isinstance(value, (YMap, YSeq)):
                kind = "mapping" if isinstance(value, YMap) else "list"
                message, hint = f"a {kind} cannot be a key", "keys are field names"
            else:
                shown = {None: "null", True: "true", False: "false"}.get(value, repr(value))
                message = f"the key {shown} is not a string"
                hint = f"quote the key if it is meant as text: '{shown}'"
            self.problem(unpack_mark(mark), "Y008", message, hint=hint)
            frame[1], frame[2] = _INVALID_KEY, mark
        elif value in container.key_marks:
            first = unpack_mark(container.key_marks[value])
            self.problem(
                unpack_mark(mark),
                "Y007",
                f"duplicate key '{value}', first at line {first.line}",
                hint="each field may appear once; YAML readers disagree on which one wins",
            )
            frame[1], frame[2] = _INVALID_KEY, mark
        else:
            frame[1], frame[2] = value, mark


_SCALAR = yaml.ScalarEvent
_ALIAS = yaml.AliasEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_INVALID_KEY: Any = object()


def _without_gc(build: Callable[[Any], Any], parser: Any) -> Any:
    """``build(parser)`` with the cyclic garbage collector paused.

    Building a large file makes millions of containers and no cycles; each
    collection the allocations trigger scans all of them again (on 10,000
    events, a sixth of the reading time). Reference counting still frees
    everything, and the collector is back on as soon as the tree is built.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return build(parser)
    finally:
        if paused:
            gc.enable()


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a ': ' inside a value: put the whole value in quotes"),
    (
        "did not find expected key",
        "check the quotes and the indentation of this line and the lines above it",
    ),
    ("did not find expected '-' indicator", "items of one list must line up"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """A YAML syntax error as a problem, with a hint for the common mistakes."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = exc.problem or "the YAML cannot be read"
    context = exc.context_mark
    if (
        exc.context
        and context is not None
        and (context.line, context.column)
        != (
            line - 1,
            column - 1,
        )
    ):
        where = f"line {context.line + 1}, column {context.column + 1}"
        message = f"{message}, {exc.context} that starts at {where}"
    hint = next((h for key, h in _SYNTAX_HINTS if key in message), None)
    rows = text.split("\n", line)
    row = rows[line - 1] if mark is not None and line <= len(rows) else ""
    if row[column - 1 : column] == "\t":
        hint = "YAML indents with spaces, not tabs"
    return Problem(path, line, column, "Y003", message, hint)


def read_yaml(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, list[Problem]]:
    """Read YAML bytes into located values.

    Returns the root value (``None`` when the file cannot be read) and the
    problems found. Any problem means the root must not be trusted.
    """
    if len(data) > limits.max_bytes:
        return None, [
            Problem(
                path,
                1,
                1,
                "Y009",
                f"the file is {len(data)} bytes, more than the limit of {limits.max_bytes}",
            )
        ]
    try:
        text = _decode(data, path)
    except _Stop as stop:
        return None, list(stop.args)
    problems = _check_characters(text, path)
    if problems:
        return None, problems
    builder = _Builder(path, limits)
    root: Any = None
    try:
        parser = _Parser(text)
        documents = 0
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.problem(
                        _mark(event),
                        "Y006",
                        "a second YAML document is not allowed",
                        hint="a data file holds one document; remove the '---' line",
                    )
                    raise _Stop()
                root = _without_gc(builder.build, parser)
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(exc, text, path))
    except yaml.YAMLError as exc:  # reader errors carry no mark
        builder.problem(Mark(1, 1), "Y003", str(exc).splitlines()[0])
    if builder.problems:
        return None, builder.problems
    if root is None:
        return None, [
            Problem(path, 1, 1, "Y010", "the file holds no data", hint="see docs/format.md")
        ]
    return root, []


_START = pack_mark(1, 1)


def _walk(root: Any, path: Iterable[PathElem]) -> tuple[Any, int]:
    node = root
    mark = root.mark if isinstance(root, (YMap, YSeq)) else _START
    for elem in path:
        if isinstance(node, YMap) and isinstance(elem, str) and elem in node:
            mark = node.value_marks[elem]
            node = node[elem]
        elif isinstance(node, YSeq) and isinstance(elem, int) and 0 <= elem < len(node):
            mark = node.item_marks[elem]
            node = node[elem]
        else:
            break
    return node, mark


def locate(root: Any, path: Iterable[PathElem]) -> Mark:
    """Where the value at ``path`` (keys and indexes from the root) starts."""
    return unpack_mark(_walk(root, path)[1])


def locate_key(root: Any, path: Iterable[PathElem], key: str) -> Mark:
    """Where ``key`` is written in the mapping at ``path`` (or the mapping itself)."""
    node, mark = _walk(root, path)
    if isinstance(node, YMap) and key in node.key_marks:
        return unpack_mark(node.key_marks[key])
    return unpack_mark(mark)
