"""The tabular exports: CSV (:func:`to_csv`) and a pandas DataFrame (:func:`to_dataframe`).

Both have one row per event with the columns :data:`CSV_COLUMNS`; pandas is
imported by :func:`to_dataframe` only.

The CSV text guards against formula injection (OWASP's "CSV injection"): a cell
whose first character other than whitespace is ``=``, ``+``, ``-`` or ``@``, or
that starts with a tab, a carriage return or a line feed, gets a leading ``'``,
so that a spreadsheet shows it as text instead of running it (``=HYPERLINK(...)``
or ``@SUM(...)`` in a title stays text, and so does `` =1+1``, which some
spreadsheets trim and then run). A cell that starts with ``'`` gets one too, so a
reader gets the data back exactly by removing one leading apostrophe wherever
there is one. The price: text that merely starts like a formula, such as a title
"-2 degrees" or a note "+1 more", shows in a spreadsheet with an apostrophe
(``'-2 degrees``) in its cell. The DataFrame holds the data as it is: the guard
belongs to the CSV text, not to the values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..chronology import Chronology
from ..model import Event
from ._common import _category_label, _url_of

if TYPE_CHECKING:
    import pandas


#: The columns of the CSV export, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "date_label",
    "earliest",
    "latest",
    "precision",
    "approximate",
    "uncertain",
    "title",
    "summary",
    "category",
    "category_label",
    "places",
    "countries",
    "actors",
    "tags",
    "sources",
    "quotes",
    "urls",
    "related",
    "notes",
)

#: The columns that hold lists (joined in CSV cells, tuples in a DataFrame).
_LIST_COLUMNS: tuple[str, ...] = (
    "places",
    "countries",
    "actors",
    "tags",
    "sources",
    "quotes",
    "urls",
    "related",
)

#: The separator of the items of a list cell.
LIST_SEPARATOR = "; "

#: The characters that make a spreadsheet read a cell as a formula (OWASP's list, with a
#: line feed), and the apostrophe itself, so that a leading apostrophe is never data.
_GUARDED_START = ("=", "+", "-", "@", "\t", "\r", "\n", "'")
#: The formula characters that are guarded after leading whitespace too (`` =1+1``).
_FORMULA_START = ("=", "+", "-", "@")


def _join(items: Iterable[str]) -> str:
    """List items in one cell: ``\\`` and ``;`` in an item are escaped with a backslash."""
    return LIST_SEPARATOR.join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def split_list(cell: str) -> list[str]:
    """The items of a list cell of the CSV export: the inverse of its joining rule.

    Items are joined with ``"; "``; a ``;`` or ``\\`` inside an item is written
    ``\\;`` or ``\\\\``. An empty cell is an empty list.

    >>> from chronology.exports import split_list
    >>> split_list(r"Almaty; Syria")
    ['Almaty', 'Syria']
    >>> split_list(r"one\\; two; three\\\\")
    ['one; two', 'three\\\\']
    >>> split_list("")
    []
    >>> split_list("a;b")  # written by hand: the space after ';' is optional
    ['a', 'b']
    """
    if not cell:
        return []
    items: list[str] = []
    current: list[str] = []
    i, size = 0, len(cell)
    while i < size:
        character = cell[i]
        if character == "\\" and i + 1 < size:
            current.append(cell[i + 1])
            i += 2
            continue
        if character == ";":
            items.append("".join(current))
            current = []
            i += 2 if cell[i + 1 : i + 2] == " " else 1  # one space after ';' belongs to it
            continue
        current.append(character)
        i += 1
    items.append("".join(current))
    return items


def _cell(value: str) -> str:
    """A cell that no spreadsheet runs as a formula: a leading ``'`` when it starts like one.

    Whitespace before a formula character does not hide it (some spreadsheets trim
    cells before reading them). A cell that starts with ``'`` gets one more, so a
    reader gets the data back by removing one leading apostrophe wherever there is one.

    >>> _cell("=1+1"), _cell("  =1+1"), _cell("'90s"), _cell("x=1"), _cell("  x")
    ("'=1+1", "'  =1+1", "''90s", 'x=1', '  x')
    """
    if value.startswith(_GUARDED_START) or value.lstrip().startswith(_FORMULA_START):
        return "'" + value
    return value


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _row(chronology: Chronology, event: Event) -> dict[str, Any]:
    """One event as the values of the CSV and DataFrame columns (lists as tuples)."""
    date = event.date
    return {
        "id": event.id,
        "date": str(date),
        "date_label": date.label(),
        "earliest": date.earliest,
        "latest": date.latest,
        "precision": date.precision.name.lower(),
        "approximate": date.is_approximate,
        "uncertain": date.is_uncertain,
        "title": event.title,
        "summary": event.summary,
        "category": event.category,
        "category_label": _category_label(chronology, event.category),
        "places": tuple(p.name for p in event.places),
        "countries": tuple(dict.fromkeys(p.country for p in event.places)),
        "actors": event.actors,
        "tags": event.tags,
        "sources": tuple(c.source for c in event.sources),
        "quotes": tuple(c.quote for c in event.sources),
        "urls": tuple(_url_of(chronology, c) for c in event.sources),
        "related": event.related,
        "notes": event.notes,
    }


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _flag(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return _join(value)
    return str(value)


def to_csv(chronology: Chronology, *, bom: bool = False) -> str:
    """One row per event, with a header row (:data:`CSV_COLUMNS`); RFC 4180, CRLF line ends.

    ``earliest`` and ``latest`` are ISO days (empty for an open end), flags are
    ``true`` or ``false``. List cells (places, countries, actors, tags, sources,
    quotes, urls, related) join their items with ``"; "``, escaping ``;`` and
    ``\\`` inside an item with a backslash (see :func:`split_list`); item *i* of
    ``sources``, ``quotes`` and ``urls`` belongs to the event's citation *i*. A
    cell that starts with ``=``, ``+``, ``-`` or ``@`` (after any whitespace), a tab,
    a carriage return or a line feed gets a leading ``'`` so that no spreadsheet
    runs it as a formula, and so does a cell that starts with ``'``: a leading
    apostrophe is never data (see the module's documentation). ``bom=True``
    starts the text with a byte order mark, for Excel.

    >>> from chronology import Chronology, Citation, Event, EventDate
    >>> from chronology.exports import to_csv
    >>> e = Event("e", "=1+1", EventDate.parse("2013"), "A; B", "c", (Citation("s", "q;"),))
    >>> print(to_csv(Chronology([e])).splitlines()[1])
    e,2013,2013,2013-01-01,2013-12-31,year,false,false,'=1+1,A; B,c,c,,,,,s,q\\;,,,
    """
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in chronology:
        row = _row(chronology, event)
        writer.writerow(_cell(_csv_text(row[column])) for column in CSV_COLUMNS)
    return ("\ufeff" if bom else "") + stream.getvalue()


def to_dataframe(chronology: Chronology) -> pandas.DataFrame:
    """One row per event, with the columns of the CSV export (:data:`CSV_COLUMNS`) and dtypes.

    ``earliest`` and ``latest`` are ``datetime64[us]`` (``NaT`` for an open end;
    microseconds reach years 1 to 9999), ``precision`` an ordered categorical
    (year < month < day), ``category`` a categorical of the chronology's
    categories, ``approximate`` and ``uncertain`` booleans, and the list columns
    hold tuples. Needs pandas: ``pip install 'chronology[dataframe]'``.

    >>> import chronology
    >>> from chronology.exports import to_dataframe
    >>> df = to_dataframe(chronology.load().in_category("protest"))
    >>> df.shape
    (9, 21)
    >>> str(df["earliest"].dtype), int(df["earliest"].isna().sum())  # one open start
    ('datetime64[us]', 1)
    >>> list(df["precision"].cat.categories), df.loc[0, "places"]
    (['year', 'month', 'day'], ('Astana',))
    """
    try:
        import numpy as np
        import pandas as pd
    except ImportError as error:
        raise ModuleNotFoundError(
            "to_dataframe() needs pandas: pip install 'chronology[dataframe]'", name="pandas"
        ) from error
    rows = [_row(chronology, event) for event in chronology]
    columns: dict[str, Any] = {name: [row[name] for row in rows] for name in CSV_COLUMNS}
    for name in ("earliest", "latest"):
        days = ["NaT" if day is None else day.isoformat() for day in columns[name]]
        columns[name] = pd.Series(np.array(days, dtype="datetime64[us]"), dtype="datetime64[us]")
    columns["precision"] = pd.Categorical(
        columns["precision"], categories=["year", "month", "day"], ordered=True
    )
    used = sorted(set(columns["category"]) - set(chronology.categories))
    columns["category"] = pd.Categorical(
        columns["category"], categories=[*chronology.categories, *used]
    )
    for name in ("approximate", "uncertain"):
        columns[name] = pd.Series(columns[name], dtype=bool)
    for name in _LIST_COLUMNS:
        columns[name] = pd.Series(columns[name], dtype=object)
    return pd.DataFrame(columns, columns=list(CSV_COLUMNS))
