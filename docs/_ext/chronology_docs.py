"""Local Sphinx extension: lets the Markdown pages, written to be read on GitHub, build
as a site without a warning and without changing what they say.

- Links out of ``docs/`` to a repository file (``../schema/events.schema.json``,
  ``../CONTRIBUTING.md#run-the-checks-locally``) are rewritten as the page is read:
  to the page that holds that file on the site (CONTRIBUTING.md is the
  ``contributing`` page), else to a download of the file itself, so the link still
  leads to what it names. CONTRIBUTING.md, included from the repository root, gets the
  same treatment for its root-relative links (``.pre-commit-config.yaml``).
- ``csv`` blocks are plain text (Pygments has no CSV lexer), and ``json`` blocks that
  abridge a document with ``...`` are highlighted as JSON with the ellipsis as a
  comment, instead of failing to highlight.
- Pages made from the code, each time the site is built: ``{schema-fields} RECORD``
  is the table of a record's fields, from schema/events.schema.json;
  ``{date-forms}`` is a table of date forms whose days, order, labels and marks come
  from the date parser and the renderer; the gallery's pictures are drawn into
  ``docs/_generated/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pygments.lexers.data import JsonLexer
from pygments.lexers.special import TextLexer
from pygments.token import Comment, Error, _TokenType
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

# Repository files that are pages of the site, by their path from the repository root.
PAGES = {"CONTRIBUTING.md": "contributing.md"}

# An inline Markdown link's target: `](target)` or `](target#anchor)`.
_LINK = re.compile(r"\]\((?P<target>[^)\s#]+)(?P<anchor>#[^)\s]*)?\)")


def _rewrite(text: str, base: Path, docs: Path, root: Path) -> str:
    """Rewrite the links of ``text`` (a page in ``base``) that leave ``docs``."""

    def replace(match: re.Match[str]) -> str:
        target, anchor = match["target"], match["anchor"] or ""
        if ":" in target:  # a URL, or already `path:`/`project:`
            return match[0]
        path = (base / target).resolve()
        if not path.is_file() or path.is_relative_to(docs) or not path.is_relative_to(root):
            return match[0]
        relative = path.relative_to(root).as_posix()
        if relative in PAGES:
            return f"]({PAGES[relative]}{anchor})"
        # A file, not a page: link to a copy of it (a download has no anchors).
        return f"](path:{Path('..', relative).as_posix()})"

    return _LINK.sub(replace, text)


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    docs = Path(app.srcdir).resolve()
    base = Path(app.env.doc2path(docname)).resolve().parent
    source[0] = _rewrite(source[0], base, docs, docs.parent)


def _include_read(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    docs = Path(app.srcdir).resolve()
    included = (docs / relative_path).resolve()
    if included.parent == docs.parent:  # CONTRIBUTING.md and the like, at the root
        # Its `docs/...` links are made relative by the include's `:relative-docs:`;
        # the others are relative to the root, so make them relative to `docs/`.
        content[0] = _rewrite(content[0], included.parent, docs, docs.parent).replace(
            "](path:../docs/", "](path:"
        )


class AbridgedJsonLexer(JsonLexer):  # type: ignore[misc]
    """JSON where ``...`` stands for what is left out."""

    name = "JSON (abridged)"
    aliases: ClassVar[list[str]] = ["json"]

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        for index, token, value in super().get_tokens_unprocessed(text):
            yield index, (Comment if token is Error and set(value) == {"."} else token), value


# -- the field reference, generated from the JSON Schema -----------------------------

#: How the schema's types and shared definitions are named in the field reference.
_TYPE_WORDS = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true or false",
    "object": "mapping",
    "array": "list",
    "slug": "slug",
    "edtf-date": "date",
    "iso-date": "publication date",
    "url": "URL",
    "language": "language tag",
    "country": "country code",
    "relative-path": "relative path",
    "non-empty-string": "text",
}


def _kind(rule: dict[str, Any]) -> str:
    """A field's type, in the words of the data format: `text`, `list of places`, ..."""
    reference = rule.get("$ref")
    if isinstance(reference, str):
        name = reference.rsplit("/", 1)[-1]
        return _TYPE_WORDS.get(name, name)  # a record: place, citation, figure, ...
    kind = rule.get("type")
    if kind == "array" and isinstance(rule.get("items"), dict):
        return f"list of {_kind(rule['items'])}"
    if kind == "object" and isinstance(rule.get("additionalProperties"), dict):
        return f"mapping of {_kind(rule['additionalProperties'])}"
    if isinstance(kind, list):
        return " or ".join(_TYPE_WORDS.get(k, k) for k in kind)
    return _TYPE_WORDS.get(str(kind), str(kind))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(headings: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a Markdown table; each cell on one line, its ``|`` escaped."""
    return [
        "| " + " | ".join(headings) + " |",
        "|" + "---|" * len(headings),
        *("| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows),
    ]


def field_table(schema: dict[str, Any], record: str) -> list[str]:
    """The Markdown table of a record's fields (``root`` for the file itself)."""
    rules = schema if record == "root" else schema["$defs"][record]
    required = set(rules.get("required", []))
    return markdown_table(
        ("field", "type", "required", "what it holds"),
        (
            (
                f"`{name}`",
                _kind(rule),
                "yes" if name in required else "",
                rule.get("description", ""),
            )
            for name, rule in rules["properties"].items()
        ),
    )


class SchemaFields(SphinxDirective):
    """``{schema-fields} RECORD``: the table of a record's fields, from the schema."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        schema_path = Path(self.env.srcdir).parent / "schema" / "events.schema.json"
        self.env.note_dependency(str(schema_path))
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        record = self.arguments[0]
        if record != "root" and record not in schema["$defs"]:
            raise self.error(f"no record {record!r} in {schema_path.name}")
        return self.parse_text_to_nodes("\n".join(field_table(schema, record)))


# -- constants re-exported by a package keep the comment that documents them ----------


def _comment_of(package: str, name: str) -> list[str] | None:
    """The ``#:`` comment of ``name`` in ``package`` or in one of its modules."""
    import importlib
    import pkgutil

    from sphinx.pycode import ModuleAnalyzer

    modules = [package]
    path = getattr(importlib.import_module(package), "__path__", None)
    if path is not None:
        modules += [f"{package}.{info.name}" for info in pkgutil.iter_modules(path)]
    for module in modules:
        comment = ModuleAnalyzer.for_module(module).find_attr_docs().get(("", name))
        if comment:
            return list(comment)
    return None


def _document_constant(
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Give a public constant the ``#:`` comment of the module that defines it.

    autodoc reads the comments of the module a name is documented in: a constant that
    ``chronology.exports`` imports from one of its modules would show the docstring of
    its type (``int([x]) -> integer``) instead. A public constant with no comment at
    all is a warning, so the build fails on it.
    """
    if what != "data" or not name.startswith("chronology."):
        return
    package, _, short = name.rpartition(".")
    comment = _comment_of(package, short)
    if comment is None:
        logger.warning("%s has no #: comment to document it", name, type="chronology")
        return
    lines[:] = comment


# -- the table of date forms, from the date parser and the renderer ------------------

#: The columns a ``date-forms`` table may show, by their option name, and their headings.
DATE_COLUMNS = {
    "form": "form",
    "written": "written",
    "means": "means",
    "earliest": "earliest day",
    "latest": "latest day",
    "sorts": "sorts on",
    "label": "labelled",
    "drawn": "drawn as",
}


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else "(open)"


def date_form_row(form: str, written: str, means: str) -> dict[str, str]:
    """One row of the table: what the parser and the renderer make of ``written``."""
    from chronology import EventDate
    from chronology.render import Mark

    date = EventDate.parse(written)
    return {
        "form": form,
        "written": f'`"{written}"`',
        "means": means,
        "earliest": _day(date.earliest),
        "latest": _day(date.latest),
        "sorts": date.anchor.isoformat(),
        "label": f"`{date.label()}`",
        "drawn": Mark.of(date).words,
    }


def _draw_forms(rows: list[tuple[str, str, str]], path: Path) -> None:
    """Draw each form in a lane of its own, with the real renderer."""
    import chronology
    from chronology.render import render

    slugs = [re.sub(r"[^a-z0-9]+", "-", form.lower()).strip("-") for form, _, _ in rows]
    events = [
        {
            "id": f"form-{slug}",
            "title": f'"{written}"',
            "date": written,
            "summary": means,
            "category": slug,
            "sources": [{"source": "docs", "quote": written}],
        }
        for slug, (_, written, means) in zip(slugs, rows, strict=True)
    ]
    forms = chronology.Chronology.from_data(
        {
            "sources": [{"id": "docs", "title": "", "publisher": "", "url": "https://x.org"}],
            "categories": {slug: {"label": row[0]} for slug, row in zip(slugs, rows, strict=True)},
            "events": events,
        }
    )
    render(forms, path, dpi=80, size=(10.0, None), title="The forms of a date", footer=False)


class DateForms(SphinxDirective):
    """``{date-forms}``: a table of date forms, one ``form | written | means`` per line
    of content, whose other columns (earliest and latest day, the day it sorts on, its
    label, how it is drawn) are computed by the date parser and the renderer.

    Options: ``:columns:`` the columns to show (of :data:`DATE_COLUMNS`, all by
    default); ``:order:`` dates to list as they sort; ``:picture:`` a file name in
    ``_generated/`` to draw the forms into, with the real renderer.
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "columns": directives.unchanged,
        "order": directives.unchanged,
        "picture": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        from chronology import DateError, EventDate

        rows = []
        for line in self.content:
            if line.strip():
                cells = [cell.strip() for cell in line.split("|")]
                if len(cells) != 3:
                    raise self.error(f"expected `form | written | means`, got {line!r}")
                rows.append((cells[0], cells[1], cells[2]))
        columns = (self.options.get("columns") or " ".join(DATE_COLUMNS)).split()
        if unknown := [c for c in columns if c not in DATE_COLUMNS]:
            raise self.error(f"unknown columns {unknown}; choose from {list(DATE_COLUMNS)}")
        try:
            table = [date_form_row(*row) for row in rows]
            order = sorted(EventDate.parse(d) for d in self.options.get("order", "").split())
        except DateError as error:
            raise self.error(str(error)) from None
        lines = markdown_table(
            [DATE_COLUMNS[c] for c in columns], ([row[c] for c in columns] for row in table)
        )
        if order:
            lines += ["", "In order: " + " < ".join(f'`"{d}"`' for d in order) + "."]
        if picture := self.options.get("picture"):
            out = Path(self.env.srcdir) / "_generated"
            out.mkdir(exist_ok=True)
            _draw_forms(rows, out / picture)
            lines += [
                "",
                f"![The date forms above, drawn by chronology render](_generated/{picture})",
            ]
        return self.parse_text_to_nodes("\n".join(lines))


# -- the gallery, drawn by the build -----------------------------------------------

#: The pictures drawn by the build (the gallery's, and getting started's): file name,
#: what to draw, and how.
GALLERY = [
    *(
        (f"lanes-{mode}.png", "bundled", {"lanes": mode})
        for mode in ("category", "tag", "country", "none")
    ),
    *((f"theme-{theme}.png", "bundled", {"theme": theme}) for theme in ("dark", "print")),
    ("repatriation-2019-2022.png", "repatriation", {}),
    ("protests.png", "protests", {"size": (8.0, None)}),  # getting-started.md, step 4
    ("generated-10000.png", "generated", {}),
]


def _draw_gallery(app: Sphinx) -> None:
    """Draw every picture of :data:`GALLERY` into ``docs/_generated/`` (git-ignored),
    from the data as it is now, so the pages show what the code draws today."""
    import chronology
    from chronology.render import render

    docs = Path(app.srcdir)
    out = docs / "_generated"
    out.mkdir(exist_ok=True)
    bundled = chronology.load(docs.parent / "events.yaml")
    sys.path.insert(0, str(docs.parent))  # benchmarks/ is not installed with the package
    from benchmarks.generate import generate

    chosen = {
        "bundled": lambda: bundled,
        "repatriation": lambda: bundled.between("2019", "2022").tagged(
            "zhusan", "rusafa", "returnees"
        ),
        "protests": lambda: bundled.in_category("protest"),
        "generated": lambda: chronology.Chronology.from_data(generate(10_000, seed=0).data),
    }
    for name, what, options in GALLERY:
        render(chosen[what](), out / name, dpi=80, **options)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _draw_gallery)
    app.add_directive("schema-fields", SchemaFields)
    app.add_directive("date-forms", DateForms)
    app.connect("autodoc-process-docstring", _document_constant)
    app.connect("source-read", _source_read)
    app.connect("include-read", _include_read)
    app.add_lexer("json", AbridgedJsonLexer)
    # Pygments has no CSV lexer: CSV blocks are shown as plain text, as on GitHub.
    app.add_lexer("csv", TextLexer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
