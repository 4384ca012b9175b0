"""Structure checks: the JSON Schema, with errors turned into located problems.

jsonschema is imported here, when a file is validated, never at package import.
Each schema error becomes a :class:`~chronology.problems.Problem` with a stable
code and a message in the data file's own words: the field, the record it is
in, and a hint on how to fix it.
"""

from __future__ import annotations

import difflib
import functools
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from . import resources
from ._countries import COUNTRY_NAMES, ISO_3166_ALPHA2
from .dates import EventDate, PartialDate
from .describe import Collector, PathElem, TooManyProblems, field_name, shown
from .errors import DateError
from .limits import DEFAULT_LIMITS
from .problems import Problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

__all__ = ["explained_problems", "schema_problems"]

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}

_COUNTRY_MISTAKES = {"UK": "GB", "EL": "GR", "EN": "GB"}


@functools.cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(resources.schema())


@functools.cache
def _def_names() -> dict[int, str]:
    """Map each ``$defs`` subschema (by identity) to its name."""
    return {id(sub): name for name, sub in resources.schema()["$defs"].items()}


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


@attrs.frozen
class _Error:
    """One schema error, reduced to what the messages need."""

    loc: tuple[PathElem, ...]
    value: Any
    rule: Any
    schema: dict[str, Any]
    message: str


class _Explainer(Collector):
    """Turns the schema errors of one file into problems."""

    def __init__(self, root: Any, path: str, limit: int = DEFAULT_LIMITS.max_problems) -> None:
        super().__init__(root, path, limit)
        self.reported_missing: set[tuple[tuple[PathElem, ...], str]] = set()
        self.reported_keys: set[tuple[tuple[PathElem, ...], str | None]] = set()

    def explain(self, error: ValidationError, prefix: tuple[PathElem, ...] = ()) -> None:
        """Add the problems of one error; ``prefix`` is the path of the value that was
        validated on its own (a record of a list), empty for the whole file."""
        schema = error.schema if isinstance(error.schema, dict) else {}
        found = _Error(
            (*prefix, *error.absolute_path),
            error.instance,
            error.validator_value,
            schema,
            error.message,
        )
        if "propertyNames" in error.relative_schema_path:
            self.on_key(found)
            return
        handler = getattr(self, f"on_{error.validator}", self.on_other)
        handler(found)

    def on_key(self, error: _Error) -> None:
        """A mapping key (a category slug, a canonical name) breaks the rule for names.

        A key can break several parts of the rule at once (an empty name is both too
        short and blank): it is reported once.
        """
        key = error.value if isinstance(error.value, str) else None
        if (error.loc, key) in self.reported_keys:
            return
        self.reported_keys.add((error.loc, key))
        section = error.loc[0] if error.loc else None
        if section == "categories":
            rule = _description(resources.schema()["$defs"]["slug"])
        else:
            names = resources.schema()["properties"].get(str(section), {}).get("propertyNames", {})
            rule = _description(names)
        self.add(
            error.loc,
            "S004",
            f"the name {shown(error.value)} is not valid",
            f"expected {rule}" if section == "categories" else rule,
            key=key,
        )

    def on_type(self, error: _Error) -> None:
        loc = error.loc
        expected = error.rule
        types = [expected] if isinstance(expected, str) else list(expected)
        want = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        value = error.value
        if not loc:
            self.add(
                loc,
                "S001",
                f"the file must be a mapping with 'sources' and 'events', not {_kind(value)}",
                "see docs/format.md",
            )
            return
        hint = None
        if "string" in types and isinstance(value, (int, float)) and not isinstance(value, bool):
            name = loc[-1] if isinstance(loc[-1], str) else "value"
            hint = f'an unquoted {value} is a number: write {name}: "{value}"'
        elif "string" in types and isinstance(value, bool):
            hint = "unquoted true and false are booleans: put the text in quotes"
        elif value is None:
            hint = "the value is empty: fill it in or remove the field"
        self.add(loc, "S001", f"{field_name(loc)} must be {want}, not {_kind(value)}", hint)

    def on_required(self, error: _Error) -> None:
        loc = error.loc
        instance = error.value
        for name in error.rule:
            if name in instance or (loc, name) in self.reported_missing:
                continue
            self.reported_missing.add((loc, name))
            self.add(loc, "S002", f"missing required field '{name}'")

    def on_dependentRequired(self, error: _Error) -> None:
        loc = error.loc
        for field, needed in error.rule.items():
            if field not in error.value:
                continue
            for name in needed:
                if name not in error.value:
                    self.add(loc, "S002", f"'{field}' needs '{name}' too", key=field)

    def on_additionalProperties(self, error: _Error) -> None:
        loc = error.loc
        allowed = sorted(error.schema.get("properties", {}))
        for key in error.value:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
            self.add(loc, "S003", f"unknown field '{key}'", hint, key=key)

    def on_pattern(self, error: _Error) -> None:
        loc, value = error.loc, error.value
        if value == "":
            return  # an empty text is reported once, by minLength
        name = _def_names().get(id(error.schema))
        if name in ("edtf-date", "iso-date"):
            self.on_date(error, partial=name == "iso-date")
        elif name == "non-empty-string":
            self.add(loc, "S005", f"{field_name(loc)} is blank")
        else:
            desc = _description(error.schema)
            self.add(
                loc,
                "S004",
                f"{field_name(loc)} is not valid: {shown(value)}",
                f"expected {desc}" if desc else None,
            )

    def on_date(self, error: _Error, *, partial: bool) -> None:
        """A malformed date; calendar and order errors are left to the meaning check."""
        try:
            if partial:
                PartialDate.parse(error.value)
            else:
                EventDate.parse(error.value)
        except DateError as exc:
            if exc.code != "D001":
                return
            message = str(exc)
        else:  # pragma: no cover - the parser accepts nothing the pattern refuses
            message = f"{shown(error.value)} is not a date"
        hint = (
            "a publication date is YYYY, YYYY-MM or YYYY-MM-DD"
            if partial
            else "see the date forms in docs/format.md"
        )
        self.add(error.loc, "D001", message, hint)

    def on_enum(self, error: _Error) -> None:
        loc = error.loc
        value = error.value
        if _def_names().get(id(error.schema)) == "country":
            self.add(
                loc,
                "S004",
                f"{shown(value)} is not an ISO 3166-1 alpha-2 country code",
                _country_hint(value),
            )
            return
        choices = ", ".join(repr(v) for v in error.rule)
        self.add(loc, "S004", f"{field_name(loc)} {shown(value)} is not one of {choices}")

    def on_minLength(self, error: _Error) -> None:
        loc = error.loc
        self.add(loc, "S005", f"{field_name(loc)} is empty")

    def on_maxLength(self, error: _Error) -> None:
        loc = error.loc
        limit = error.rule
        hint = (
            "keep the title a short headline; the summary holds the detail"
            if (len(loc) == 3 and loc[0] == "events" and loc[-1] == "title")
            else None
        )
        self.add(
            loc,
            "S005",
            f"{field_name(loc)} is {len(error.value)} characters long; the limit is {limit}",
            hint,
        )

    def on_minItems(self, error: _Error) -> None:
        loc = error.loc
        need = error.rule
        self.add(
            loc,
            "S005",
            f"{field_name(loc)} is an empty list",
            f"it needs at least {need} item{'s' if need != 1 else ''}",
        )

    def on_minimum(self, error: _Error) -> None:
        self.out_of_range(error, "below the minimum")

    def on_maximum(self, error: _Error) -> None:
        self.out_of_range(error, "above the maximum")

    def out_of_range(self, error: _Error, where: str) -> None:
        self.add(
            error.loc, "S006", f"{field_name(error.loc)} {error.value} is {where} of {error.rule}"
        )

    def on_uniqueItems(self, error: _Error) -> None:
        loc = error.loc
        items = list(error.value)
        for index, item in enumerate(items):
            if item in items[:index]:
                self.add(
                    (*loc, index),
                    "S007",
                    f"{field_name(loc)} lists {shown(item)} twice",
                    "remove the repeat",
                )
                return

    def on_other(self, error: _Error) -> None:
        loc = error.loc
        desc = _description(error.schema)
        if desc:
            self.add(
                loc,
                "S004",
                f"{field_name(loc)} does not have the expected form",
                f"expected {desc}",
            )
        else:
            self.add(loc, "S004", error.message)


def _description(schema: dict[str, Any]) -> str | None:
    """A schema description for a terminal: Markdown code quotes become plain quotes."""
    desc = schema.get("description")
    return desc.replace("`", "'") if isinstance(desc, str) else None


def _country_hint(value: Any) -> str:
    if isinstance(value, str):
        upper = value.strip().upper()
        if upper in _COUNTRY_MISTAKES:
            code = _COUNTRY_MISTAKES[upper]
            return f"did you mean '{code}' ({COUNTRY_NAMES[code]})?"
        if upper in ISO_3166_ALPHA2:
            return f"write it in capitals: '{upper}' ({COUNTRY_NAMES[upper]})"
        by_name = {name.lower(): code for code, name in COUNTRY_NAMES.items()}
        close = difflib.get_close_matches(value.lower(), list(by_name), n=1, cutoff=0.75)
        if close:
            code = by_name[close[0]]
            return f"did you mean '{code}' ({COUNTRY_NAMES[code]})?"
    return "use a two-letter code from ISO 3166-1, such as 'KZ' for Kazakhstan"


def schema_problems(
    root: Any, path: str, *, limit: int = DEFAULT_LIMITS.max_problems
) -> list[Problem]:
    """Every way ``root`` breaks the schema, as located problems.

    A compiled validator (jsonschema-rs) answers whether the file, and then each
    record of its lists, is valid; jsonschema explains only the top level and the
    records found invalid, so an invalid file costs little more than a valid one.
    The problems are the same as :func:`explained_problems` finds by explaining the
    whole file (a test runs both over valid and invalid corpora).
    """
    plan = _plan()
    try:
        if plan.whole.is_valid(root):
            return []
        failed = {
            name: [i for i, item in enumerate(items) if not fast.is_valid(item)]
            for name, (fast, _) in plan.sections.items()
            if isinstance(items := _get(root, name), list)
        }
    except (ValueError, TypeError, OverflowError):  # pragma: no cover - values it cannot take
        return explained_problems(root, path)
    explainer = _Explainer(root, path, limit)
    try:
        for error in plan.top.iter_errors(root):
            explainer.explain(error)
        for name, positions in failed.items():
            items, slow = root[name], plan.sections[name][1]
            for index in positions:
                for error in slow.iter_errors(items[index]):
                    explainer.explain(error, (name, index))
    except TooManyProblems:
        pass  # the caller says that checking stopped
    return _in_order(explainer.problems)


def explained_problems(root: Any, path: str) -> list[Problem]:
    """The problems of :func:`schema_problems`, found by jsonschema alone over the whole
    file: the reference that the fast path must agree with."""
    explainer = _Explainer(root, path)
    try:
        for error in _validator().iter_errors(root):
            explainer.explain(error)
    except TooManyProblems:
        pass
    return _in_order(explainer.problems)


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Problems in the file's order, and by code and message where they share a place,
    so that the order does not depend on the order in which they were found."""
    return sorted(problems, key=lambda p: (p.line, p.column, p.code, p.message))


def _get(root: Any, name: str) -> Any:
    return root.get(name) if isinstance(root, dict) else None


class _Fast(Protocol):
    def is_valid(self, instance: Any) -> bool: ...


@attrs.frozen
class _Plan:
    """The validators of the fast path, compiled once.

    ``whole``: the compiled validator of the whole file. ``top``: jsonschema with the
    schema less the ``items`` of each list section, for what is wrong outside records.
    ``sections``: for each list section (events, sources, eras), the compiled validator
    of one record and jsonschema's validator of one record.
    """

    whole: _Fast
    top: Validator
    sections: dict[str, tuple[_Fast, Validator]]


@functools.cache
def _plan() -> _Plan:
    import jsonschema_rs
    from jsonschema import Draft202012Validator

    schema = resources.schema()
    compiled = jsonschema_rs.validator_map_for(schema, validate_formats=False)
    full = _validator()
    properties = dict(schema["properties"])
    sections: dict[str, tuple[_Fast, Validator]] = {}
    for name, rule in schema["properties"].items():
        items = rule.get("items")
        if rule.get("type") == "array" and isinstance(items, dict):
            fast = _compiled(compiled.get(f"#/properties/{name}/items"))
            sections[name] = (fast, full.evolve(schema=items))
            properties[name] = {key: value for key, value in rule.items() if key != "items"}
    top = Draft202012Validator({**schema, "properties": properties})
    return _Plan(_compiled(compiled.get("#")), top, sections)


def _compiled(validator: _Fast | None) -> _Fast:
    if validator is None:  # pragma: no cover - every subschema is compiled
        raise AssertionError("a subschema of the schema was not compiled")
    return validator
