"""What changed between two versions of a data file, in words a reviewer reads.

:func:`read_side` reads one version: a path, or ``REV:PATH`` read from git (such
as ``origin/main:events.yaml``). :func:`compare` reads both as YAML and lists the
events added, removed and changed, matched by ``id``, with each changed field; and
the same, briefly, for sources, eras, categories, aliases and the title.
:func:`render_changes` prints the :class:`Changes` as text for a terminal,
Markdown for a pull request comment, or JSON for tools.

The data need not be valid: a reviewer wants the diff of a broken file too. Values
are compared as parsed data, so moving a record, reordering keys or re-wrapping a
folded block without changing its text is not a change; ``2013`` and ``"2013"``
differ, as do ``1`` and ``true``.

>>> old = ("a.yaml", b"sources: []\\nevents:\\n  - {id: x, title: X, date: '2013'}\\n")
>>> new = ("b.yaml", b"sources: []\\nevents:\\n  - {id: x, title: X, date: '2014'}\\n")
>>> print(render_changes(compare(old, new), "text"), end="")
a.yaml → b.yaml: 1 → 1 event: 0 added, 0 removed, 1 changed
<BLANKLINE>
Changed events:
  ~ x (2014) X
      date: "2013" → "2014"
"""

from __future__ import annotations

import bisect
import collections
import itertools
import json
import math
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

import attrs

from .errors import ChronologyError, InvalidChronologyError
from .limits import DEFAULT_LIMITS
from .terminal import plural, visible
from .yamlio import read_yaml

__all__ = [
    "FORMATS",
    "Changes",
    "DiffError",
    "FieldChange",
    "Record",
    "RecordChange",
    "Section",
    "compare",
    "field_order",
    "read_side",
    "render_changes",
]

#: The output formats of :func:`render_changes`.
FORMATS = ("text", "markdown", "json")

FORMAT_VERSION = 1

#: How long git may take to print one file.
GIT_TIMEOUT = 60.0


def field_order(kind: str) -> tuple[str, ...]:
    """The fields of a kind of record (``"event"``, ``"source"``, ``"era"``,
    ``"category"``) in the schema's order, ``$defs.KIND.properties``.

    >>> field_order("era")
    ('id', 'label', 'date', 'sources', 'notes')
    """
    from .resources import schema

    try:
        properties = schema()["$defs"][kind]["properties"]
    except (RuntimeError, KeyError):  # pragma: no cover - a broken installation
        return ()
    return tuple(properties)


#: Fields that hold lists: compared item by item, not as a whole.
LIST_FIELDS = frozenset({"places", "actors", "tags", "figures", "sources", "related", "authors"})

#: Items of a list longer than this are shortened with "…" (unless that hides a change).
_ITEM_LIMIT = 200

Kind = Literal["changed", "set", "unset", "items", "reordered"]


class DiffError(ChronologyError):
    """A version of a data file cannot be read from git."""


# ------------------------------------------------------------------------------ reading


def read_side(spec: str) -> tuple[str, bytes]:
    """Read one version of a data file: a path, or ``REV:PATH`` read from git.

    A spec that names an existing file is a path, even with a ``:`` in it;
    otherwise a spec with a ``:`` is a git revision and a path in it, as
    ``git cat-file blob REV:PATH`` reads it (run in the current folder; the
    path is relative to the top of the repository unless it starts with
    ``./``). Returns the label the report names it by (the spec as given) and
    at most ``DEFAULT_LIMITS.max_bytes + 1`` bytes of it.

    Raises :class:`OSError` when a file cannot be read and :class:`DiffError`
    when git cannot give the file.
    """
    from .fileio import read_regular_file

    limit = DEFAULT_LIMITS.max_bytes
    if ":" not in spec or os.path.exists(spec):
        return spec, read_regular_file(spec, limit)
    return spec, _git_blob(spec, limit)


def _git_blob(spec: str, limit: int) -> bytes:
    """The first ``limit + 1`` bytes of ``git cat-file blob SPEC``, or :class:`DiffError`."""
    if spec.startswith("-"):
        raise DiffError(f"cannot read {spec}: a revision may not start with '-'")
    try:
        process = subprocess.Popen(
            ["git", "cat-file", "blob", spec],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        raise DiffError(f"cannot read {spec}: git is not installed (or not on PATH)") from None
    except OSError as exc:
        raise DiffError(f"cannot read {spec}: cannot run git: {exc.strerror or exc}") from None
    stdout, stderr = process.stdout, process.stderr
    assert stdout is not None
    assert stderr is not None
    timer = threading.Timer(GIT_TIMEOUT, process.kill)
    timer.start()
    try:
        data = stdout.read(limit + 1)
        if len(data) > limit:
            process.kill()
        error = stderr.read(64 * 1024).decode("utf-8", "replace")
        code = process.wait()
    finally:
        timer.cancel()
        stdout.close()
        stderr.close()
    if len(data) > limit:
        return data
    if code != 0:
        raise DiffError(f"cannot read {spec}: {_git_message(error, code)}")
    return data


def _git_message(stderr: str, code: int) -> str:
    """Git's own reason, from its first ``fatal:``/``error:`` line, made one line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    chosen = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
    if chosen is None:
        chosen = lines[0] if lines else f"git exited with status {code}"
        if code < 0:
            chosen = "git took too long, or was stopped"
    for prefix in ("fatal:", "error:"):
        chosen = chosen.removeprefix(prefix).strip()
    return visible(chosen)


# ------------------------------------------------------------------------------ the changes


@attrs.frozen
class FieldChange:
    """One field (or top-level key) that differs between two versions of a record.

    ``kind`` says how: ``"changed"`` (``old`` → ``new``), ``"set"`` (only ``new``
    has it), ``"unset"`` (only ``old`` has it), ``"items"`` (a list with items
    ``added`` and ``removed``) or ``"reordered"`` (the same items in another order).
    """

    field: str
    kind: Kind
    old: Any = None
    new: Any = None
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()


@attrs.frozen
class Record:
    """A record of one version: its ``key`` (its id, or ``#N`` by position), the
    words that name it and its whole data."""

    key: str
    id: str | None
    title: Any
    date: Any
    data: Any = attrs.field(eq=False, repr=False)


@attrs.frozen
class RecordChange:
    """A record in both versions, as it is in the new one, and the fields that differ."""

    record: Record
    fields: tuple[FieldChange, ...]


@attrs.frozen
class Section:
    """The records of one kind (``"events"``, ``"sources"``...) added, removed and changed."""

    name: str
    old_count: int
    new_count: int
    added: tuple[Record, ...] = ()
    removed: tuple[Record, ...] = ()
    changed: tuple[RecordChange, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether no record of this kind was added, removed or changed."""
        return not (self.added or self.removed or self.changed)


@attrs.frozen
class Changes:
    """Everything that differs between two versions of a data file.

    ``other`` holds the title and any other top-level key that changed;
    ``notes`` says what could not be compared (such as ``events`` that is not a list).
    """

    old_label: str
    new_label: str
    events: Section
    sources: Section
    eras: Section
    categories: Section
    aliases: Section
    other: tuple[FieldChange, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def sections(self) -> tuple[Section, ...]:
        """The sections in the order they are reported."""
        return (self.events, self.sources, self.eras, self.categories, self.aliases)

    @property
    def empty(self) -> bool:
        """Whether nothing a reader cares about changed."""
        return all(s.empty for s in self.sections) and not self.other and not self.notes


# ------------------------------------------------------------------------------ comparing


def _key(value: Any) -> Any:
    """A value as canonical, type-tagged data: equal keys mean equal parsed values.

    Mapping keys are sorted (their order is not a change); ``1``, ``1.0``, ``true``
    and ``"1"`` all differ; NaN equals NaN.
    """
    if isinstance(value, dict):
        return ["d", sorted([str(k), _key(v)] for k, v in value.items())]
    if isinstance(value, list):
        return ["l", [_key(v) for v in value]]
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, int):
        return ["i", str(value)]
    if isinstance(value, float):
        return ["f", repr(value)]
    if value is None:
        return ["n"]
    return ["s", str(value)]


def _same(a: Any, b: Any) -> bool:
    return bool(_key(a) == _key(b))


def _token(value: Any) -> str:
    return json.dumps(_key(value), ensure_ascii=False)


def _plain(value: Any) -> Any:
    """A parsed value as plain JSON-ready data (NaN and infinities as text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value


def _field_order(names: Sequence[str], known: Sequence[str]) -> list[str]:
    """``names`` in the schema's order, unknown ones after them, sorted."""
    return [n for n in known if n in names] + sorted(n for n in names if n not in known)


def _unmatched(items: list[Any], tokens: list[Any], others: list[Any]) -> list[Any]:
    """The ``items`` (with their ``tokens``) left over once each of ``others`` (tokens)
    has cancelled one equal item: what ``items`` has more of, as a multiset."""
    left = collections.Counter(others)
    unmatched = []
    for item, token in zip(items, tokens, strict=True):
        if left[token]:
            left[token] -= 1
        else:
            unmatched.append(item)
    return unmatched


def _list_change(name: str, old: list[Any], new: list[Any]) -> FieldChange | None:
    """How a list field changed: items added and removed (as multisets), or reordered."""
    old_tokens, new_tokens = [_token(v) for v in old], [_token(v) for v in new]
    if old_tokens == new_tokens:
        return None
    removed = _unmatched(old, old_tokens, new_tokens)
    added = _unmatched(new, new_tokens, old_tokens)
    if not added and not removed:
        return FieldChange(name, "reordered")
    return FieldChange(name, "items", added=tuple(added), removed=tuple(removed))


def _value_change(name: str, old: Any, new: Any, missing: tuple[bool, bool]) -> FieldChange | None:
    """How one field changed; ``missing`` says whether the old and new records lack it."""
    old_missing, new_missing = missing
    if old_missing and new_missing:
        return None
    if name in LIST_FIELDS and (old_missing and isinstance(new, list) and new):
        return FieldChange(name, "items", added=tuple(new))
    if name in LIST_FIELDS and (new_missing and isinstance(old, list) and old):
        return FieldChange(name, "items", removed=tuple(old))
    if old_missing:
        return FieldChange(name, "set", new=new)
    if new_missing:
        return FieldChange(name, "unset", old=old)
    if _same(old, new):
        return None
    if name in LIST_FIELDS and isinstance(old, list) and isinstance(new, list):
        return _list_change(name, old, new)
    return FieldChange(name, "changed", old=old, new=new)


def _field_changes(old: Any, new: Any, known: Sequence[str]) -> tuple[FieldChange, ...]:
    """The fields of a mapping record that differ (a record that is not one is one value)."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        change = _value_change("(record)", old, new, (False, False))
        return (change,) if change is not None else ()
    names = _field_order(sorted(set(old) | set(new)), known)
    found = (_value_change(n, old.get(n), new.get(n), (n not in old, n not in new)) for n in names)
    return tuple(c for c in found if c is not None)


def _records(items: Any, title_field: str) -> list[Record]:
    """The records of a list, keyed by their id; one without a usable id by position."""
    if not isinstance(items, list):
        return []
    seen: set[str] = set()
    records = []
    for index, item in enumerate(items):
        raw = item.get("id") if isinstance(item, dict) else None
        ident = raw if isinstance(raw, str) and raw and not raw.startswith("#") else None
        key = ident if ident is not None and ident not in seen else f"#{index + 1}"
        seen.add(key)
        title = item.get(title_field) if isinstance(item, dict) else None
        date = item.get("date") if isinstance(item, dict) else None
        records.append(Record(key, ident, title, date, item))
    return records


def _mapping_records(mapping: Any, title_field: str | None) -> list[Record]:
    """The entries of a mapping (categories, aliases) as records keyed by their key."""
    if not isinstance(mapping, dict):
        return []
    records = []
    for key, value in mapping.items():
        if title_field is None:  # aliases: the variants are the words that name it
            title = value if not isinstance(value, list) else ", ".join(map(_shown_value, value))
        else:
            title = value.get(title_field) if isinstance(value, dict) else None
        records.append(Record(str(key), str(key), title, None, value))
    return records


def _section(
    name: str,
    old: list[Record],
    new: list[Record],
    changes: Callable[[Any, Any], tuple[FieldChange, ...]],
) -> Section:
    """Match records by key: added (in new order), removed (in old order), changed."""
    old_by_key = {r.key: r for r in old}
    new_keys = {r.key for r in new}
    changed = []
    for record in new:
        before = old_by_key.get(record.key)
        if before is not None:
            fields = changes(before.data, record.data)
            if fields:
                changed.append(RecordChange(record, fields))
    return Section(
        name,
        len(old),
        len(new),
        added=tuple(r for r in new if r.key not in old_by_key),
        removed=tuple(r for r in old if r.key not in new_keys),
        changed=tuple(changed),
    )


def _alias_changes(old: Any, new: Any) -> tuple[FieldChange, ...]:
    """How an alias's variants changed: the spellings added and removed."""
    if _same(old, new):
        return ()
    if isinstance(old, list) and isinstance(new, list):
        change = _list_change("variants", old, new)
        return (change,) if change is not None else ()
    return (FieldChange("variants", "changed", old=old, new=new),)


#: Top-level keys compared record by record: the container each must be, the field
#: that titles a record, and the schema definition whose fields are compared field by
#: field (aliases, which have no definition, compare their spellings).
_SECTIONS: dict[str, tuple[type, str | None, str | None]] = {
    "events": (list, "title", "event"),
    "sources": (list, "title", "source"),
    "eras": (list, "label", "era"),
    "categories": (dict, "label", "category"),
    "aliases": (dict, None, None),
}


def _shape_notes(old: Any, new: Any, old_label: str, new_label: str) -> list[str]:
    """What cannot be compared record by record because it has the wrong shape."""
    notes = []
    for side, root in ((old_label, old), (new_label, new)):
        if root is not None and not isinstance(root, dict):
            notes.append(f"{side}: the file is not a mapping of sections")
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return notes if not _same(old, new) else []
    for name, (container, _, _) in _SECTIONS.items():
        if _same(old.get(name), new.get(name)):
            continue
        what = "a list" if container is list else "a mapping"
        for side, root in ((old_label, old), (new_label, new)):
            value = root.get(name)
            if name in root and not isinstance(value, container):
                notes.append(f"{side}: '{name}' is not {what}, so its records are not compared")
    return notes


def _field_comparer(definition: str | None) -> Callable[[Any, Any], tuple[FieldChange, ...]]:
    """How two versions of a record are compared: field by field, or as alias spellings."""
    if definition is None:
        return _alias_changes
    known = field_order(definition)
    return lambda old, new: _field_changes(old, new, known)


def compare(old: tuple[str, bytes], new: tuple[str, bytes]) -> Changes:
    """Compare two versions of a data file, each a label and its bytes.

    Raises :class:`~chronology.errors.InvalidChronologyError` with the problems
    of both when either is not readable YAML; the data need not be valid otherwise.
    """
    (old_label, old_data), (new_label, new_data) = old, new
    old_root, old_problems = read_yaml(old_data, old_label)
    new_root, new_problems = read_yaml(new_data, new_label)
    if old_problems or new_problems:
        raise InvalidChronologyError([*old_problems, *new_problems])
    a = old_root if isinstance(old_root, dict) else {}
    b = new_root if isinstance(new_root, dict) else {}

    sections = {}
    for name, (container, title_field, definition) in _SECTIONS.items():
        if container is list and title_field is not None:
            old_records, new_records = (_records(r.get(name), title_field) for r in (a, b))
        else:
            old_records, new_records = (_mapping_records(r.get(name), title_field) for r in (a, b))
        sections[name] = _section(name, old_records, new_records, _field_comparer(definition))
    others = sorted((set(a) | set(b)) - set(_SECTIONS), key=lambda n: (n != "title", n))
    other = (_value_change(n, a.get(n), b.get(n), (n not in a, n not in b)) for n in others)
    return Changes(
        old_label,
        new_label,
        **sections,
        other=tuple(c for c in other if c is not None),
        notes=tuple(_shape_notes(old_root, new_root, old_label, new_label)),
    )


# ------------------------------------------------------------------------------ words


def _json_text(value: Any) -> str:
    """A value as one line of JSON (text quoted, newlines escaped)."""
    return json.dumps(_plain(value), ensure_ascii=False)


def _cut(text: str, limit: int = _ITEM_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _json_text(value)


def _item_words(field: str, item: Any) -> str | None:
    """A list item in a few words, or ``None`` when it has no short form."""
    if field in {"tags", "actors", "related", "authors", "variants"} and isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return None
    if field == "sources" and isinstance(item.get("source"), str):
        quote = item.get("quote")
        words = f"{item['source']}: " + (
            f"“{_cut(quote)}”" if isinstance(quote, str) else _json_text(quote)
        )
        locator = item.get("locator")
        return words + (f" ({locator})" if isinstance(locator, str) else "")
    if field == "places" and isinstance(item.get("name"), str):
        country = item.get("country")
        return f"{item['name']}" + (f" ({country})" if isinstance(country, str) else "")
    if field == "figures" and isinstance(item.get("what"), str):
        amounts = [
            f"{n} {_number(item[n])}" if n != "value" else _number(item[n])
            for n in ("value", "low", "best", "high")
            if n in item
        ]
        about = "c. " if item.get("approximate") is True else ""
        unit = item.get("unit")
        return f"{item['what']}: {about}{', '.join(amounts)}" + (
            f" {unit}" if isinstance(unit, str) else ""
        )
    return None


def _items_words(field: str, change: FieldChange) -> tuple[list[str], list[str]]:
    """Words for the items added and removed; in full JSON where short words would
    hide the difference (two items that read the same) or there is no short form."""
    added = [_item_words(field, v) for v in change.added]
    removed = [_item_words(field, v) for v in change.removed]
    clash = {w for w in added if w is not None} & {w for w in removed if w is not None}
    counts = collections.Counter(w for w in [*added, *removed] if w is not None)
    clash |= {w for w, n in counts.items() if n > 1}

    def words(items: tuple[Any, ...], short: list[str | None]) -> list[str]:
        return [
            s if s is not None and s not in clash else _json_text(v)
            for v, s in zip(items, short, strict=True)
        ]

    return words(change.added, added), words(change.removed, removed)


_SINGULAR = {
    "events": "event",
    "sources": "source",
    "eras": "era",
    "categories": "category",
    "aliases": "alias",
}


def _record_label(section: str, record: Record) -> str:
    """``id`` or ``event #3``: how the report names a record."""
    if record.id is not None:
        return record.id
    return f"{_SINGULAR[section]} {record.key}"


def _shown_value(value: Any) -> str:
    """A title or date shown as it is when it is text, else as JSON."""
    return value if isinstance(value, str) else _json_text(value)


def _header(changes: Changes) -> tuple[str, str, str]:
    """The labels and the counts: "55 → 56 events: 1 added, 0 removed, 2 changed"."""
    events = changes.events
    count = plural(events.new_count, "event")
    return (
        changes.old_label,
        changes.new_label,
        f"{events.old_count} → {count}: {len(events.added)} added, "
        f"{len(events.removed)} removed, {len(events.changed)} changed",
    )


def _counts(section: Section) -> str:
    return (
        f"{len(section.added)} added, {len(section.removed)} removed, "
        f"{len(section.changed)} changed"
    )


_TITLES = {
    "events": "events",
    "sources": "Sources",
    "eras": "Eras",
    "categories": "Categories",
    "aliases": "Aliases",
}

_NOTHING = "No changes to events or sources."


# ------------------------------------------------------------------------------ text


def _text_record(section: str, record: Record) -> str:
    parts = [_record_label(section, record) + (":" if section == "aliases" else "")]
    if record.date is not None:
        parts.append(f"({_shown_value(record.date)})")
    if record.title is not None:
        parts.append(_shown_value(record.title))
    return " ".join(parts)


#: What a reviewer reads of an added event besides its id, date and title.
_ADDED_DETAILS = ("category", "summary", "places", "actors", "sources")


def _details(record: Record) -> Iterator[tuple[str, str]]:
    """The fields of an added event a reviewer checks, as (field, words) pairs."""
    data = record.data if isinstance(record.data, dict) else {}
    for field in _ADDED_DETAILS:
        value = data.get(field)
        if isinstance(value, list):
            for item in value:
                words = _item_words(field, item)
                yield field, words if words is not None else _json_text(item)
        elif value is not None:
            yield field, _shown_value(value)


def _text_fields(fields: Sequence[FieldChange], indent: str) -> Iterator[str]:
    for change in fields:
        name = change.field
        if change.kind == "changed":
            yield f"{indent}{name}: {_json_text(change.old)} → {_json_text(change.new)}"
        elif change.kind == "set":
            yield f"{indent}{name}: (none) → {_json_text(change.new)}"
        elif change.kind == "unset":
            yield f"{indent}{name}: {_json_text(change.old)} → (none)"
        elif change.kind == "reordered":
            yield f"{indent}{name}: the same items in another order"
        else:
            added, removed = _items_words(name, change)
            yield from (f"{indent}{name}: - {w}" for w in removed)
            yield from (f"{indent}{name}: + {w}" for w in added)


def _text_section(section: Section) -> Iterator[str]:
    name = section.name
    if name == "events":
        for title, records, mark in (
            ("Added events:", section.added, "+"),
            ("Removed events:", section.removed, "-"),
        ):
            if records:
                yield title
                for record in records:
                    yield f"  {mark} {_text_record(name, record)}"
                    if mark == "+":
                        yield from (f"      {f}: {w}" for f, w in _details(record))
        if section.changed:
            yield "Changed events:"
            for change in section.changed:
                yield f"  ~ {_text_record(name, change.record)}"
                yield from _text_fields(change.fields, "      ")
        return
    yield f"{_TITLES[name]}: {_counts(section)}"
    yield from (f"  + {_text_record(name, r)}" for r in section.added)
    yield from (f"  - {_text_record(name, r)}" for r in section.removed)
    for change in section.changed:
        yield f"  ~ {_text_record(name, change.record)}"
        yield from _text_fields(change.fields, "      ")


def text_changes(changes: Changes) -> str:
    """The changes as plain lines for a terminal."""
    old, new, counts = _header(changes)
    lines = [f"{old} → {new}: {counts}"]
    if changes.empty:
        lines.append(_NOTHING)
    for section in changes.sections:
        if not section.empty:
            lines.append("")
            lines.extend(_text_section(section))
    if changes.other:
        lines.append("")
        lines.extend(_text_fields(changes.other, ""))
    if changes.notes:
        lines.append("")
        lines.extend(f"Note: {note}" for note in changes.notes)
    return "".join(f"{visible(line)}\n" for line in lines)


# ------------------------------------------------------------------------------ markdown

# ASCII punctuation that means something to (GitHub-flavoured) Markdown, escaped with
# a backslash; '<', '>' and '&' become entities so that no HTML or entity gets through.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
# At the start of a list item, '-', '+' and '1.' would start a list of their own.
_MD_LEADING = re.compile(r"^(?:([-+])|(\d+)([.)]))")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_ZWJ = "\u200d"
# Autolinks (www.x, http://x, a@b.c) and @mentions: a zero-width joiner after 'www',
# before '//' and after '@' keeps GitHub from turning text into links or mentions.
_MD_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?<=@)")


def md_text(text: str) -> str:
    r"""Untrusted text made inert in Markdown: no link, image, HTML, heading,
    emphasis, mention or line break gets through; it reads the same once rendered.

    >>> md_text("[x](http://evil) <b>@me</b>")
    '\\[x\\](http:\u200d//evil) &lt;b&gt;@\u200dme&lt;/b&gt;'
    """
    text = " ".join(visible(text).split())
    out = "".join(_MD_ENTITIES.get(c, c) for c in _MD_SPECIAL.sub(r"\\\1", text))
    out = _MD_LEADING.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", out)
    return _MD_AUTOLINK.sub(_ZWJ, out)


def md_code(text: str) -> str:
    """Text as a Markdown code span, whatever backticks it holds.

    >>> md_code("a`b"), md_code("`")
    ('``a`b``', '`` ` ``')
    """
    text = " ".join(visible(text).split()) or " "
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or text.isspace() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_value(value: Any) -> str:
    """A field value: one word as code, other text in quotes, anything else as JSON code."""
    if isinstance(value, str) and value and not any(c.isspace() for c in value):
        return md_code(value)
    if isinstance(value, str) and value.strip():
        return f"“{md_text(value)}”"
    return md_code(_json_text(value))


def _md_values(old: Any, new: Any) -> tuple[str, str]:
    """Old and new values shown so that they differ (as JSON when words would not)."""
    a, b = _md_value(old), _md_value(new)
    if a == b:
        a, b = md_code(_json_text(old)), md_code(_json_text(new))
    return a, b


def _md_record(section: str, record: Record) -> str:
    parts = [md_code(_record_label(section, record)) + (":" if section == "aliases" else "")]
    if record.date is not None:
        parts.append(f"({md_code(_shown_value(record.date))})")
    if record.title is not None:
        parts.append(md_text(_shown_value(record.title)))
    return " ".join(parts)


def _md_fields(fields: Sequence[FieldChange], indent: str) -> Iterator[str]:
    for change in fields:
        name = f"{indent}- {md_text(change.field)}:"
        if change.kind == "changed":
            old, new = _md_values(change.old, change.new)
            yield f"{name} {old} → {new}"
        elif change.kind == "set":
            yield f"{name} set to {_md_value(change.new)}"
        elif change.kind == "unset":
            yield f"{name} removed (was {_md_value(change.old)})"
        elif change.kind == "reordered":
            yield f"{name} the same items in another order"
        else:
            added, removed = _items_words(change.field, change)
            yield from (f"{name} removed {md_text(w)}" for w in removed)
            yield from (f"{name} added {md_text(w)}" for w in added)


def _md_section(section: Section) -> Iterator[str]:
    name = section.name
    if name == "events":
        for title, records in (("Added", section.added), ("Removed", section.removed)):
            if records:
                yield f"#### {title} events"
                yield ""
                for record in records:
                    yield f"- {_md_record(name, record)}"
                    if title == "Added":
                        yield from (f"  - {f}: {md_text(w)}" for f, w in _details(record))
                yield ""
        if section.changed:
            yield "#### Changed events"
            yield ""
            for change in section.changed:
                yield f"- {_md_record(name, change.record)}"
                yield from _md_fields(change.fields, "  ")
            yield ""
        return
    yield f"#### {_TITLES[name]}: {_counts(section)}"
    yield ""
    yield from (f"- added {_md_record(name, r)}" for r in section.added)
    yield from (f"- removed {_md_record(name, r)}" for r in section.removed)
    for change in section.changed:
        yield f"- changed {_md_record(name, change.record)}"
        yield from _md_fields(change.fields, "  ")
    yield ""


#: The most bytes of Markdown :func:`markdown_changes` prints: GitHub refuses a job
#: summary over 1 MiB (1,048,576 bytes), and this leaves room for the rest of a step's.
MARKDOWN_MAX_BYTES = 1_000_000


def _cut_lines(lines: list[str], limit: int) -> list[str]:
    """``lines`` (joined with line feeds) cut after the last whole line that fits in
    ``limit`` UTF-8 bytes, with a closing note that says how much is left out."""
    # The bytes up to the end of each line, its line feed included.
    ends = list(itertools.accumulate(len(line.encode("utf-8")) + 1 for line in lines))
    if not ends or ends[-1] <= limit:
        return lines
    note_room = 300  # the note below, with room to spare for its numbers
    kept = lines[: bisect.bisect_right(ends, limit - note_room)]
    left = len(lines) - len(kept)
    return [
        *kept,
        "",
        f"> The report is cut here: {left} more lines would pass the {limit:,}-byte limit "
        "of a job summary. Run `chronology diff` locally, or use `--format json`, for "
        "the whole report.",
    ]


def markdown_changes(changes: Changes, *, limit: int = MARKDOWN_MAX_BYTES) -> str:
    """The changes as Markdown for a pull request comment or a job summary, at most
    ``limit`` bytes of UTF-8: a longer report is cut after a whole line, with a note."""
    old, new, counts = _header(changes)
    lines = [f"### Changes to the chronology: {md_code(old)} → {md_code(new)}", ""]
    lines += [f"**{counts}**", ""]
    if changes.empty:
        lines += [_NOTHING, ""]
    for section in changes.sections:
        if not section.empty:
            lines.extend(_md_section(section))
    if changes.other:
        lines += ["#### Other changes", ""]
        lines.extend(_md_fields(changes.other, ""))
        lines.append("")
    if changes.notes:
        lines.extend(f"> {md_text(note)}" for note in changes.notes)
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(_cut_lines(lines, limit)) + "\n"


# ------------------------------------------------------------------------------ JSON


def _json_field(change: FieldChange) -> dict[str, Any]:
    out: dict[str, Any] = {"field": change.field, "change": change.kind}
    if change.kind in {"changed", "unset"}:
        out["old"] = _plain(change.old)
    if change.kind in {"changed", "set"}:
        out["new"] = _plain(change.new)
    if change.kind == "items":
        out["added"] = [_plain(v) for v in change.added]
        out["removed"] = [_plain(v) for v in change.removed]
    return out


def _json_record(record: Record, *, data: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": record.key,
        "id": record.id,
        "title": _plain(record.title),
        "date": _plain(record.date),
    }
    if data:
        out["record"] = _plain(record.data)
    return out


def _json_section(section: Section) -> dict[str, Any]:
    def by_key(records: Sequence[Record]) -> list[Record]:
        return sorted(records, key=lambda r: r.key)

    return {
        "old_count": section.old_count,
        "new_count": section.new_count,
        "added": [_json_record(r, data=True) for r in by_key(section.added)],
        "removed": [_json_record(r, data=True) for r in by_key(section.removed)],
        "changed": [
            {**_json_record(c.record, data=False), "fields": [_json_field(f) for f in c.fields]}
            for c in sorted(section.changed, key=lambda c: c.record.key)
        ],
    }


def json_changes(changes: Changes) -> str:
    """The changes as one JSON document (``"version": 1``) for tools."""
    document: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "old": changes.old_label,
        "new": changes.new_label,
        "empty": changes.empty,
    }
    for section in changes.sections:
        document[section.name] = _json_section(section)
    document["other"] = [_json_field(f) for f in changes.other]
    document["notes"] = list(changes.notes)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_RENDERERS: dict[str, Callable[[Changes], str]] = {
    "text": text_changes,
    "markdown": markdown_changes,
    "json": json_changes,
}


def render_changes(changes: Changes, format: str) -> str:
    """The changes as ``"text"``, ``"markdown"`` or ``"json"``."""
    try:
        renderer = _RENDERERS[format]
    except KeyError:
        raise ValueError(f"unknown format {format!r}: one of {', '.join(FORMATS)}") from None
    return renderer(changes)
