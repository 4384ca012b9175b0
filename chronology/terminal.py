"""Events for a terminal: the table of ``chronology list`` and the page of ``chronology show``.

Pure text formatting, apart from the command line: each function takes events and
returns text. Text from a data file is made :func:`visible` first, so that no
control character, line separator or bidirectional override in it can move the
cursor, change colours or reorder what is shown; widths count East Asian wide
characters as two columns.
"""

from __future__ import annotations

import json
import textwrap
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .chronology import Chronology
    from .dates import EventDate
    from .model import Event, Figure, Place

__all__ = [
    "cell_width",
    "figure_text",
    "place_text",
    "plural",
    "shorten",
    "show_json",
    "show_text",
    "table",
    "visible",
    "visible_json",
]


#: Characters that would move the cursor, change colours or reorder text on a terminal,
#: beyond the C0/C1 controls: line and paragraph separators, bidirectional overrides.
_UNSAFE = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str, keep: str = "") -> str:
    r"""``text`` with control characters written out as escapes (``\x1b``, ``\u202e``).

    Data is shown on terminals, where an ESC or a carriage return in a title
    could move the cursor or rewrite what was printed; ``keep`` names
    characters to leave as they are.

    >>> visible("a\x1b[2Jb\tc", keep="\t")
    'a\\x1b[2Jb\tc'

    A lone surrogate (which no terminal encoding can write) is escaped too.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in keep or not _unsafe(char):
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def _unsafe(char: str) -> bool:
    """Whether ``char`` must not reach a terminal raw: a C0 or C1 control, a lone
    surrogate, a line or paragraph separator, or a bidirectional override."""
    return unicodedata.category(char) in ("Cc", "Cs") or char in _UNSAFE


def cell_width(text: str) -> int:
    """How many terminal columns ``text`` takes: East Asian wide characters take two,
    combining marks none.

    >>> cell_width("abc"), cell_width("日本"), cell_width("é")
    (3, 4, 1)
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending in "…" when anything was cut.

    >>> shorten("Zhusan and Rusafa", 10), shorten("日本語のタイトル", 8), shorten("short", 5)
    ('Zhusan an…', '日本語…', 'short')
    """
    if cell_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = cell_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_width(text))


#: The narrowest a shortened title gets, however narrow the terminal.
_MIN_TITLE = 12


def table(events: Iterable[Event], width: int | None = None) -> list[str]:
    """The lines of the ``list`` table: DATE, ID, CATEGORY and TITLE, aligned.

    Titles are shortened with "…" so that lines fit ``width`` columns (``None``:
    never shortened); columns are separated by two spaces and lines carry no
    trailing spaces.
    """
    rows = [["DATE", "ID", "CATEGORY", "TITLE"]]
    rows += [
        [visible(e.date.label()), visible(e.id), visible(e.category), visible(e.title)]
        for e in events
    ]
    widths = [max(cell_width(row[i]) for row in rows) for i in range(3)]
    lead = sum(widths) + 2 * len(widths)
    lines = []
    for *cells, title in rows:
        if width is not None:
            title = shorten(title, max(width - lead, _MIN_TITLE))
        lines.append(
            "  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)) + "  " + title
        )
    return lines


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _days(date: EventDate) -> str:
    first = date.earliest.isoformat() if date.earliest else "(open)"
    last = date.latest.isoformat() if date.latest else "(open)"
    return first if first == last else f"{first} .. {last}"


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def figure_text(figure: Figure) -> str:
    r"""A figure in words, as precise and as hedged as its source.

    >>> from chronology.model import Figure
    >>> figure_text(Figure("Kazakh citizens in Syria", "people", value=700, approximate=True))
    'Kazakh citizens in Syria: c. 700 people'
    >>> print(ascii(figure_text(Figure("returnees", "people", low=500, best=600.5, high=800))))
    'returnees: 500\u2013800 people (best estimate 600.5)'
    >>> figure_text(Figure("children", "children", low=100))
    'children: at least 100 children'
    """
    about = "c. " if figure.approximate else ""
    if not figure.is_range:
        amount = _number(figure.value)
    elif figure.low is not None and figure.high is not None:
        amount = f"{_number(figure.low)}\u2013{_number(figure.high)}"
    elif figure.low is not None:
        amount = f"at least {_number(figure.low)}"
    elif figure.high is not None:
        amount = f"at most {_number(figure.high)}"
    else:
        amount = _number(figure.best)
    best = (
        f" (best estimate {_number(figure.best)})"
        if figure.is_range and figure.best is not None and (figure.low, figure.high) != (None, None)
        else ""
    )
    return f"{figure.what}: {about}{amount} {figure.unit}{best}"


def place_text(place: Place) -> str:
    """A place in words: ``name (region, CC) at lat, lon``.

    >>> from chronology.model import Place
    >>> place_text(Place("Almaty", "KZ", "Almaty Region", 43.2389, 76.8897))
    'Almaty (Almaty Region, KZ) at 43.2389, 76.8897'
    """
    where = ", ".join(p for p in (place.region, place.country) if p)
    text = f"{place.name} ({where})"
    if place.has_coordinates:
        text += f" at {place.lat}, {place.lon}"
    return text


class _Page:
    """Lines of text for a terminal ``width`` columns wide."""

    def __init__(self, width: int) -> None:
        self.width = max(width, 20)
        self.lines: list[str] = []

    def add(self, text: str = "") -> None:
        self.lines.append(visible(text))

    def field(self, name: str, values: Iterable[str]) -> None:
        for i, value in enumerate(values):
            self.add(f"  {name if i == 0 else '':<10}{value}")

    def prose(self, text: str, indent: str = "  ") -> None:
        wrapped = textwrap.wrap(
            visible(text, keep=" \t\n\r\x0b\x0c"),  # textwrap turns these into spaces
            width=self.width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        self.lines.extend(wrapped or [indent.rstrip()])


def show_text(chronology: Chronology, event: Event, width: int) -> str:
    """One event in full, as text ``width`` columns wide."""
    date = event.date
    category = chronology.categories.get(event.category)
    hedges = [
        word
        for word, on in (("approximate", date.is_approximate), ("uncertain", date.is_uncertain))
        if on
    ]
    page = _Page(width)
    page.add(event.title)
    page.field("id", [event.id])
    page.field(
        "date",
        [
            f"{date.label()} ({date})",
            ", ".join([_days(date), f"{date.precision.name.lower()} precision", *hedges]),
        ],
    )
    page.field("category", [f"{category.label} ({event.category})" if category else event.category])
    page.field("places", [place_text(p) for p in event.places])
    page.field("actors", event.actors)
    page.field("tags", [", ".join(event.tags)] if event.tags else [])
    page.field("figures", [figure_text(f) for f in event.figures])
    page.add()
    page.prose(event.summary)
    page.add()
    page.add("Sources")
    shown: set[str] = set()
    for number, citation in enumerate(event.sources, 1):
        source = chronology.sources.get(citation.source)
        lead = f"  {number}. "
        if source is None:
            page.add(f"{lead}{citation.source}")
        elif citation.source in shown:
            page.add(f"{lead}{source.title} ({source.id}), as above")
        else:
            shown.add(citation.source)
            published = f", {source.published}" if source.published else ""
            authors = f", by {', '.join(source.authors)}" if source.authors else ""
            page.add(f"{lead}{source.title} ({source.id})")
            page.add(f"     {source.publisher}{published}{authors}")
            page.add(f"     {source.url}")
            if source.archived_url:
                page.add(f"     archived: {source.archived_url}")
        if citation.locator:
            page.add(f"     at: {citation.locator}")
        page.prose(citation.quote, indent="     > ")
    related = chronology.related(event.id)
    if related:
        page.add()
        page.add("Related")
        page.lines.extend("  " + line for line in table(related, page.width - 2)[1:])
    if event.notes:
        page.add()
        page.add("Notes")
        page.prose(event.notes)
    return "".join(line.rstrip() + "\n" for line in page.lines)


def show_json(chronology: Chronology, event: Event) -> str:
    """One event as a JSON document: its record as in the JSON export (with ``when``), the
    records of the sources it cites, and the ids of its related events both ways."""
    from .exports import to_json

    alone = chronology.filter(lambda e: e.id == event.id)
    cited = dict.fromkeys(c.source for c in event.sources)
    document = {
        "version": 1,
        "event": json.loads(to_json(alone))["events"][0],
        "sources": {
            sid: chronology.sources[sid].to_dict() for sid in cited if sid in chronology.sources
        },
        "related": [e.id for e in chronology.related(event.id)],
    }
    return visible_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def visible_json(text: str) -> str:
    r"""JSON text with the characters that :func:`visible` escapes written as ``\uXXXX``,
    for printing JSON (``show --format json``, ``list --format json``) on a terminal.

    :func:`json.dumps` escapes only C0 controls; C1 controls (``\x9b`` is a CSI on
    some terminals), line separators and bidirectional overrides would reach the
    terminal raw. They can only be inside strings, where ``\uXXXX`` means the same,
    so the document reads back unchanged.

    >>> print(visible_json(json.dumps("a\x9b[2J\u202eb", ensure_ascii=False)))
    "a\u009b[2J\u202eb"
    """
    if text.isprintable():
        return text
    return "".join(
        f"\\u{ord(char):04x}" if _unsafe(char) and char not in "\n\t" else char for char in text
    )
