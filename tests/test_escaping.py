"""Escaping: text from the data reaches each output format as text, never as markup, formulas
or terminal commands, and an independent parser reads it back as written.

The hardening rule: text that reaches matplotlib, terminals, Markdown, CSV (formula injection),
iCalendar and HTML-bearing formats is escaped for that format. Each test takes any text (any
Unicode string, and a sample of nasty ones: formulas, HTML, Markdown, TeX, ANSI escapes, bidi
overrides) and checks both sides: the dangerous form does not appear, and the text comes back.
"""

from __future__ import annotations

import csv
import datetime as dt
import html.parser
import io
import json
import re

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from chronology import Category, Chronology, Citation, Event, EventDate, Place, Source
from chronology.exports import (
    from_json,
    to_csv,
    to_geojson,
    to_ics,
    to_json,
    to_markdown,
    to_timelinejs,
)
from chronology.render import draw, render
from chronology.terminal import show_json, show_text, table, visible

PROPERTY = settings(max_examples=120, deadline=dt.timedelta(seconds=10))

#: Strings that each mean something to some output format.
NASTY = [
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    " =1+1",
    "\u00a0-2+3",
    "@SUM(A1:A9)",
    "+1 more",
    "-2 degrees",
    "\t=1",
    "\r=1",
    "\n=1",
    "'=1",
    "a;=1+1",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "\" onmouseover='alert(1)' x=\"",
    "&amp; &lt; &#60;",
    "*a* _b_ `c` [d](javascript:alert(1)) ![i](http://x/i.png) <b>",
    "| a | b |\n|---|---|",
    "> quote",
    "1. item",
    "- item",
    "# heading",
    "~~gone~~ ==mark== $x$",
    "\x1b[2J\x1b]0;pwned\x07",
    "\x9b31mred",
    "back\bspace\rreturn",
    "\u202eevil\u202c \u2066isolate\u2069",
    "line\u2028separator\u2029paragraph",
    "$x^2$ and $5 and $6",
    r"\frac{1}{2} \\ {braces} 100% a_b ^c ~d #e &f",
    "a;b,c\\d\ne\r\nf",
    "Қазақстан Республикасының азаматтары Сирияға аттанды және елге оралды" * 2,
    "عادت النساء من سوريا إلى كازاخستان",
    "日本語のタイトル",
    "",
]

#: Any text the model takes from a data file or from Python, but lone surrogates (which no
#: UTF-8 file can hold), and the nasty strings.
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=24),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=3).map(" ".join),
)

#: What would move the cursor, change colours or reorder text on a terminal: C0 and C1
#: controls, lone surrogates, line and paragraph separators, bidirectional overrides.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _one(text: str) -> Chronology:
    """One event in 2013 whose every text field is ``text``, citing a source titled ``text``."""
    source = Source("src", text, text, "https://example.org/a")
    event = Event(
        id="e",
        title=text,
        date=EventDate.parse("2013"),
        summary=text,
        category="cat",
        sources=(Citation("src", text),),
        places=(Place(text, "KZ", lat=43.2, lon=76.9),),
        actors=(text,),
        tags=(text,),
        notes=text,
    )
    return Chronology([event], {"src": source}, {"cat": Category("cat", text)}, title=text)


# -- csv --------------------------------------------------------------------------------------


def _starts_like_a_formula(cell: str) -> bool:
    return cell.startswith(("\t", "\r", "\n")) or cell.lstrip().startswith(("=", "+", "-", "@"))


class TestCsv:
    @PROPERTY
    @given(TEXT)
    def test_no_cell_runs_and_every_cell_reads_back(self, text: str) -> None:
        """No cell starts like a formula (= + - @, also after whitespace; tab, CR, LF) unless
        it starts with the guarding apostrophe, and removing that apostrophe gives the text
        back, read with the csv module."""
        rows = list(csv.reader(io.StringIO(to_csv(_one(text)), newline="")))
        header, row = rows
        cells = dict(zip(header, row, strict=True))
        for cell in row:
            assert not _starts_like_a_formula(cell) or cell.startswith("'")
        expected = {"title": text, "summary": text, "notes": text, "category_label": text}
        assert expected == {k: cells[k].removeprefix("'") for k in expected}

    @pytest.mark.parametrize(
        ("text", "cell"),
        [
            ("=1+1", "'=1+1"),
            (" =1+1", "' =1+1"),
            ("\u00a0-2+3", "'\u00a0-2+3"),
            ("\n=1", "'\n=1"),
            ("-2 degrees", "'-2 degrees"),
            ("a;=1+1", "a;=1+1"),
        ],
    )
    def test_guard(self, text: str, cell: str) -> None:
        """The guarded cells, as written: whitespace before a formula does not hide it, and a
        title that merely starts with '-' gets the apostrophe too (the documented price)."""
        row = next(csv.DictReader(io.StringIO(to_csv(_one(text)), newline="")))
        assert cell == row["title"]


# -- markdown ---------------------------------------------------------------------------------

#: CommonMark with GitHub's tables and strikethrough, which the export also escapes for.
_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

#: The only tokens the export itself makes: headings, paragraphs, one bullet list, bold dates.
_ALLOWED = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
    "text",
    "strong_open",
    "strong_close",
    "softbreak",
}


def _shown(text: str) -> str:
    """``text`` as the Markdown export shows it: whitespace runs as one space, no C0 or C1
    controls or DEL, no leading or trailing space."""
    text = re.sub(r"\s+", " ", text)
    return re.sub("[\x00-\x1f\x7f-\x9f]", "", text).strip()


def _plain(token: Token) -> str:
    return "".join(c.content for c in token.children or [] if c.type == "text")


def _tokens(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in [token, *(token.children or [])]]


class TestMarkdown:
    @PROPERTY
    @given(TEXT)
    def test_text_shows_as_written(self, text: str) -> None:
        """Whatever the title and summary hold, a Markdown reader (markdown-it-py, with
        GitHub's tables and strikethrough) finds only the document's own structure (no HTML,
        links, images, code, emphasis, quotes or tables from the data), and shows the text as
        written; no control character (which could act on a terminal showing the file) is
        left in the document but its line ends."""
        c = Chronology([Event("e", text, EventDate.parse("2013"), text, "c", ())], title=text)
        document = to_markdown(c)
        assert None is re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", document)
        tokens = _MARKDOWN.parse(document)
        assert set() == {t.type for t in _tokens(tokens)} - _ALLOWED
        title = _shown(text) or "Chronology"
        assert title == _plain(tokens[1])
        bullet = next(tokens[i + 2] for i, t in enumerate(tokens) if t.type == "list_item_open")
        shown = _shown(text)
        headline = shown if shown.endswith((".", "!", "?", "\u2026")) else shown + "."
        expected = f"2013 \u2014 {headline}" + (f" {shown}" if shown else "")
        assert expected == _plain(bullet).strip()

    def test_rendered_html_has_no_markup_from_the_data(self) -> None:
        """Rendered to HTML, a <script> title is text, and the only link is the source's
        address (the javascript: link in the text is no link)."""
        rendered = _MARKDOWN.render(to_markdown(_one(" ".join(NASTY))))
        assert "<script" not in rendered
        assert "<img" not in rendered
        assert ["https://example.org/a"] == re.findall(r'href="([^"]*)"', rendered)
        assert "&lt;script&gt;" in rendered


# -- icalendar --------------------------------------------------------------------------------


def _ics_expected(text: str) -> str:
    """``text`` as iCalendar TEXT can hold it: line breaks as LF, other controls but tab
    dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\x00-\x08\x0b-\x1f\x7f]", "", text)


class TestIcs:
    @PROPERTY
    @given(TEXT)
    def test_text_reads_back_and_lines_fold(self, text: str) -> None:
        """The icalendar library reads SUMMARY and LOCATION back as the text (backslashes,
        semicolons, commas and line breaks escaped by RFC 5545's rules), every physical line
        is at most 75 octets and whole characters, and no bare CR or LF ends a line early."""
        ics = to_ics(_one(text))
        data = ics.encode("utf-8")
        assert data.endswith(b"\r\n")
        for line in data[:-2].split(b"\r\n"):
            assert len(line) <= 75
            assert b"\r" not in line
            assert b"\n" not in line
            line.decode("utf-8")
        event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
        assert _ics_expected(text) == str(event["SUMMARY"])
        assert _ics_expected(text) == str(event["LOCATION"])
        assert _ics_expected(text) in str(event["DESCRIPTION"])

    def test_escapes_as_written(self) -> None:
        """RFC 5545 3.3.11: backslash, semicolon, comma and newline each get a backslash."""
        ics = to_ics(_one("a;b,c\\d\ne"))
        assert "SUMMARY:a\\;b\\,c\\\\d\\ne\r\n" in ics


# -- timelinejs, geojson, json ----------------------------------------------------------------


class _Html(html.parser.HTMLParser):
    """The tags and the text of an HTML fragment, read by Python's HTML parser."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


class TestTimelineJs:
    @PROPERTY
    @given(TEXT)
    def test_text_is_html_escaped(self, text: str) -> None:
        """Headline, group, era and title-slide text hold no tag and no raw < > " ' (so they
        are safe as HTML text and in attributes), and an HTML parser reads the text back; the
        slide text holds only the export's own <p>, <blockquote> and <a href>."""
        document = json.loads(to_timelinejs(_one(text), lanes="tag"))
        slide = document["events"][0]
        for fragment in (
            slide["text"]["headline"],
            slide["group"],
            document["title"]["text"]["headline"],
        ):
            assert not set("<>\"'") & set(fragment)
            parsed = _Html(fragment)
            assert ([], text) == (parsed.tags, "".join(parsed.text))
        body = _Html(slide["text"]["text"])
        assert {"p", "blockquote", "a"} >= {tag for tag, _ in body.tags}
        assert [("href", "https://example.org/a")] == [
            attribute for tag, attributes in body.tags if tag == "a" for attribute in attributes
        ]
        assert text in "".join(body.text)

    def test_quotes_are_escaped(self) -> None:
        """An attribute-breaking title is entities only."""
        slide = json.loads(to_timelinejs(_one("\" onmouseover='x'")))["events"][0]
        assert "&quot; onmouseover=&#x27;x&#x27;" == slide["text"]["headline"]


class TestJson:
    @PROPERTY
    @given(TEXT)
    def test_geojson_properties_are_the_text(self, text: str) -> None:
        """GeoJSON properties are plain JSON strings: they read back as the text."""
        properties = json.loads(to_geojson(_one(text)))["features"][0]["properties"]
        assert (text, text, text) == (
            properties["title"],
            properties["summary"],
            properties["place"],
        )

    @PROPERTY
    @given(st.text(max_size=24))
    def test_round_trip_of_any_python_string(self, text: str) -> None:
        """Any str the model takes from Python, lone surrogates and controls included,
        survives the JSON export (the property over whole chronologies is in
        test_exports.py)."""
        c = _one(text)
        assert c == from_json(to_json(c))


# -- terminal ---------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|[tnr])")
_NAMED = {"t": "\t", "n": "\n", "r": "\r"}


def _unescape(shown: str) -> str:
    """What :func:`visible` showed, read back (for text without backslashes)."""
    return _ESCAPE.sub(lambda m: _NAMED.get(m[1]) or chr(int(m[1][1:], 16)), shown)


class TestTerminal:
    @PROPERTY
    @given(st.text(max_size=24).filter(lambda t: "\\" not in t))
    def test_visible_loses_nothing(self, text: str) -> None:
        """visible() writes out every unsafe character as an escape and leaves the rest."""
        shown = visible(text)
        assert None is _TERMINAL_UNSAFE.search(shown)
        assert text == _unescape(shown)

    @PROPERTY
    @given(st.one_of(TEXT, st.text(max_size=24)))
    def test_list_and_show_print_no_control_characters(self, text: str) -> None:
        """What `chronology list` and `chronology show` (text and --json) print holds no
        control character but line ends, no surrogate, line separator or bidi override;
        the JSON reads back as the data."""
        c = _one(text)
        event = c[0]
        for output in ("\n".join(table(c, 80)), show_text(c, event, 80), show_json(c, event)):
            assert None is _TERMINAL_UNSAFE.search(output.replace("\n", ""))
        document = json.loads(show_json(c, event))
        assert (text, text) == (document["event"]["title"], document["sources"]["src"]["title"])

    def test_ansi_escapes_are_shown(self) -> None:
        """An ESC, a CSI and a right-to-left override are shown as escapes, in the table."""
        c = _one("\x1b[2Jx\x9b31m\u202e")
        shown = "\\x1b[2Jx\\x9b31m\\u202e"
        assert "2013  e   cat       " + shown == table(c)[1]


# -- matplotlib -------------------------------------------------------------------------------

#: Titles that mathtext, TeX or a format string would read as markup.
_TEX_TITLES = [
    "$x^2$ costs $5",
    r"back\slash \frac{1}{2}",
    "{braces} and 100%",
    "a_b ^c ~d #e &f",
    "$",
    "<b>&amp;</b>",
]


def _drawn_title(c: Chronology) -> tuple[str, list[bool]]:
    figure = Figure(figsize=(10, 4))
    ax = figure.add_subplot()
    timeline = draw(c, ax)
    FigureCanvasAgg(figure).draw()  # type: ignore[no-untyped-call]  # mathtext would raise here
    texts = timeline.labels[c[0].id][1:]  # the date, then the title's lines
    return " ".join(t.get_text() for t in texts), [t.get_parse_math() for t in texts]


def _event(title: str) -> Chronology:
    return Chronology([Event("e", title, EventDate.parse("2013"), "s", "c", ())])


class TestMatplotlib:
    @pytest.mark.parametrize("title", _TEX_TITLES)
    def test_titles_are_drawn_as_written(self, title: str) -> None:
        """A label's drawn text is the title exactly, with mathtext off."""
        drawn, parse_math = _drawn_title(_event(title))
        assert (title, [False]) == (drawn, parse_math)

    @settings(max_examples=15, deadline=None)
    @given(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30))
    def test_any_ascii_title_is_drawn_as_written(self, title: str) -> None:
        """Any short ASCII title (one word, so one line) is drawn exactly, and drawing it
        never fails on an unbalanced $ or a TeX command."""
        drawn, parse_math = _drawn_title(_event(title))
        assert (title, [False]) == (drawn, parse_math)

    def test_heading_is_drawn_as_written(self) -> None:
        """The figure's title, from the command line or the chronology, is drawn literally."""
        title = "$x^2$ \\ {a}_b %d"
        figure = render(_event("t"), title=title)
        texts = [t for t in figure.texts if t.get_text() == title]
        assert [False] == [t.get_parse_math() for t in texts]
