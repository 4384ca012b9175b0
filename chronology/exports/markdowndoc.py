"""The Markdown export: :func:`to_markdown`, a readable document with source footnotes."""

from __future__ import annotations

import itertools
import re

from ..chronology import Chronology
from ._common import _counts, _is_web_url

# ASCII punctuation that means something inline in CommonMark or GitHub Markdown
# (``$`` is GitHub's math, ``~`` its strikethrough, ``|`` its tables); each is written
# with a backslash.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# What would start a block (heading, list, quote, thematic break) at the start of a line.
_MD_BLOCK_START = re.compile(r"^([-+=>#]|\d+[.)])")
_SPACE = re.compile(r"\s+")
# Control characters (C0, DEL and C1), once whitespace is collapsed: Markdown has no way to
# show them, and a raw ESC or CSI (U+009B) would act on a terminal that shows the file.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_FOOTNOTE_LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _md(text: str, *, line_start: bool = False) -> str:
    """``text`` as Markdown that shows it literally, on one line.

    Runs of whitespace become one space, and control characters are dropped.

    ``line_start``: the text starts a line, so a list marker, quote or heading
    at its start is escaped too.
    """
    text = _MD_INLINE.sub(r"\\\1", _CONTROL.sub("", _SPACE.sub(" ", text)).strip())
    match = _MD_BLOCK_START.match(text) if line_start else None
    if match:
        end = match.end()
        text = text[: end - 1] + "\\" + text[end - 1 :]
    return text


def _sentence(text: str) -> str:
    """``text`` ending with a full stop, unless it already ends a sentence."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "\u2026")) else text + "."


def _footnote_labels(chronology: Chronology) -> dict[str, str]:
    """A footnote label for each cited source, in order of first citation.

    A source id that is a slug is its own label; any other gets ``source-N``.
    """
    labels: dict[str, str] = {}
    used: set[str] = set()
    cited = [c.source for event in chronology for c in event.sources]
    for source_id in dict.fromkeys(cited):
        if _FOOTNOTE_LABEL.fullmatch(source_id) and source_id not in used:
            labels[source_id] = source_id
            used.add(source_id)
    number = 0
    for source_id in dict.fromkeys(cited):
        if source_id in labels:
            continue
        number += 1
        while f"source-{number}" in used or f"source-{number}" in chronology.sources:
            number += 1
        labels[source_id] = f"source-{number}"
        used.add(labels[source_id])
    return {s: labels[s] for s in dict.fromkeys(cited)}


def _footnote(chronology: Chronology, source_id: str) -> str:
    source = chronology.sources.get(source_id)
    if source is None:
        return _md(source_id, line_start=True)
    text = f'{_md(source.publisher, line_start=True)}, "{_md(source.title)}"'
    if source.published is not None:
        text += f", {source.published}"
    text += "."
    if _is_web_url(source.url):
        text += f" <{source.url}>"
    else:
        text += f" {_md(source.url)}"
    return text


def to_markdown(chronology: Chronology) -> str:
    """The chronology as a Markdown document (CommonMark with footnotes, as GitHub reads it).

    A ``#`` title, a line of counts, then a ``##`` heading per year (the year each
    event sorts in) with one bullet per event: the date label in bold, the title,
    the summary and a footnote for each source it cites. The footnotes at the end
    give each source's publisher, title, publication date and address. Every
    text from the data is escaped, so it shows as written and never as markup
    or HTML; line breaks in it become spaces.

    >>> from chronology import Chronology, Citation, Event, EventDate
    >>> from chronology.exports import to_markdown
    >>> e = Event("e", "A *bold* claim", EventDate.parse("2013~"), "S.", "c", (Citation("s", "q"),))
    >>> print(to_markdown(Chronology([e], title="T")))
    # T
    <BLANKLINE>
    1 event, 2013, citing 1 source.
    <BLANKLINE>
    ## 2013
    <BLANKLINE>
    - **c. 2013** — A \\*bold\\* claim. S. [^s]
    <BLANKLINE>
    [^s]: s
    <BLANKLINE>
    """
    labels = _footnote_labels(chronology)
    noun = "source" if len(labels) == 1 else "sources"
    lines = [f"# {_md(chronology.title or '') or 'Chronology'}", ""]
    counts = _counts(chronology)
    lines += [f"{counts[0].upper()}{counts[1:]}, citing {len(labels)} {noun}.", ""]
    for year, events in itertools.groupby(chronology, key=lambda e: e.date.anchor.year):
        lines += [f"## {year:04d}", ""]
        for event in events:
            cited = dict.fromkeys(c.source for c in event.sources)
            text = f"- **{_md(event.date.label())}** \u2014 {_sentence(_md(event.title))}"
            summary = _md(event.summary)
            if summary:
                text += f" {summary}"
            if cited:
                text += " " + "".join(f"[^{labels[s]}]" for s in cited)
            lines.append(text)
        lines.append("")
    for source_id, label in labels.items():
        lines.append(f"[^{label}]: {_footnote(chronology, source_id)}")
    if labels:
        lines.append("")
    return "\n".join(lines)
