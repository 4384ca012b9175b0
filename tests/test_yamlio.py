"""Tests for safe, located YAML reading, ``chronology.yamlio`` (docs/format.md, "Reading rules")."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import (
    json_documents,
    json_text,
    yaml_raw_text,
    yaml_strings,
    yamlish_bytes,
)

from chronology.problems import CODES, Problem
from chronology.yamlio import Limits, Mark, locate, locate_key, read_yaml

# The machine is slow and noisy: generous deadlines, modest example counts.
PROPERTY = settings(max_examples=150, deadline=dt.timedelta(seconds=5))

PATH = "data/events.yaml"

T = TypeVar("T")


def read(data: bytes | str, limits: Limits | None = None) -> tuple[Any, list[Problem]]:
    """Read YAML text or bytes (text is encoded as UTF-8)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if limits is None:
        return read_yaml(raw, PATH)
    return read_yaml(raw, PATH, limits=limits)


def read_ok(data: bytes | str) -> Any:
    """Read YAML that must have no problems; return the root value."""
    root, problems = read(data)
    assert [] == [str(p) for p in problems]
    return root


def where(problems: list[Problem]) -> list[tuple[str, int, int]]:
    """Each problem's code, line and column."""
    return [(p.code, p.line, p.column) for p in problems]


def finishes_within(seconds: float, work: Callable[[], T]) -> T:
    """Run ``work`` in a daemon thread and fail (instead of hanging) if it takes too long."""
    results: list[T] = []
    thread = threading.Thread(target=lambda: results.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    assert 1 == len(results)
    return results[0]


class TestTyping:
    """Plain scalars are typed by the YAML 1.2 core schema, as format.md promises."""

    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("yes", "yes"),
            ("no", "no"),
            ("on", "on"),
            ("off", "off"),
            ("NO", "NO"),
            ("y", "y"),
            ("n", "n"),
            ("Yes", "Yes"),
            ("ON", "ON"),
            ("true", True),
            ("false", False),
            ("True", True),
            ("FALSE", False),
            ("2019-03-23", "2019-03-23"),
            ("2019-03-23 10:00:00", "2019-03-23 10:00:00"),
            ("2013-10", "2013-10"),
            ("2013", 2013),
            ("-7", -7),
            ("+12", 12),
            ("0", 0),
            ("017", 17),
            ("0x1f", 31),
            ("0o17", 15),
            ("0b101", "0b101"),
            ("1_000", "1_000"),
            ("12:30", "12:30"),
            ("1.5", 1.5),
            ("-.5", -0.5),
            ("1e3", 1000.0),
            (".inf", math.inf),
            ("-.Inf", -math.inf),
            ("~", None),
            ("null", None),
            ("Null", None),
            ("NULL", None),
            ("", None),
            ("'2013'", "2013"),
            ('"true"', "true"),
            ("'null'", "null"),
            ("''", ""),
            ("=", "="),
            ("<<", "<<"),
            ("|\n  first\n  second\n", "first\nsecond\n"),
            (">\n  first\n  second\n", "first second\n"),
            ("|-\n  2013\n", "2013"),
            (">-\n  true\n", "true"),
        ],
    )
    def test_core_schema(self, written: str, expected: Any) -> None:
        """yes/no/on/off and dates stay text; only true/false are booleans; 2013 is a number."""
        value = read_ok(f"v: {written}\n")["v"]
        assert (type(expected), expected) == (type(value), value)

    def test_nan(self) -> None:
        """.nan is the float NaN, as in the core schema."""
        value = read_ok("v: .nan\n")["v"]
        assert (float, True) == (type(value), math.isnan(value))

    def test_merge_key_is_an_ordinary_key(self) -> None:
        """``<<`` merges nothing (that is YAML 1.1): it is an ordinary key."""
        assert {"<<": {"x": 1}, "y": 2} == read_ok("<<: {x: 1}\ny: 2\n")

    def test_whole_document(self) -> None:
        """A data file reads into plain dicts, lists and scalars."""
        text = "sources: []\nevents:\n  - id: x\n    date: '2013'\n    tags: [a, b]\n"
        assert {"sources": [], "events": [{"id": "x", "date": "2013", "tags": ["a", "b"]}]} == (
            read_ok(text)
        )


class TestLocations:
    """Every value and key remembers its 1-based line and column."""

    BLOCK = (
        "title: x\n"  # line 1
        "sources:\n"  # line 2
        "  - id: a\n"  # line 3
        "    url: https://example.org\n"  # line 4
        "  - id: b\n"  # line 5
        "events: []\n"  # line 6
    )

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ((), Mark(1, 1)),
            (("title",), Mark(1, 8)),
            (("sources",), Mark(3, 3)),
            (("sources", 0), Mark(3, 5)),
            (("sources", 0, "id"), Mark(3, 9)),
            (("sources", 0, "url"), Mark(4, 10)),
            (("sources", 1), Mark(5, 5)),
            (("sources", 1, "id"), Mark(5, 9)),
            (("events",), Mark(6, 9)),
        ],
    )
    def test_block_values(self, path: tuple[str | int, ...], expected: Mark) -> None:
        """Values in block mappings and lists of mappings (``- id: x``) are located."""
        assert expected == locate(read_ok(self.BLOCK), path)

    @pytest.mark.parametrize(
        ("path", "key", "expected"),
        [
            ((), "title", Mark(1, 1)),
            ((), "events", Mark(6, 1)),
            (("sources", 0), "id", Mark(3, 5)),
            (("sources", 0), "url", Mark(4, 5)),
            (("sources", 1), "id", Mark(5, 5)),
        ],
    )
    def test_block_keys(self, path: tuple[str | int, ...], key: str, expected: Mark) -> None:
        """Keys are located where they are written, for "unknown field" problems."""
        assert expected == locate_key(read_ok(self.BLOCK), path, key)

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            (("m",), Mark(1, 4)),
            (("m", "a"), Mark(1, 8)),
            (("m", "b"), Mark(1, 14)),
            (("m", "b", 0), Mark(1, 15)),
            (("m", "b", 1), Mark(1, 18)),
        ],
    )
    def test_flow_collections(self, path: tuple[str | int, ...], expected: Mark) -> None:
        """Values inside ``{...}`` and ``[...]`` are located by column."""
        root = read_ok("m: {a: 1, b: [x, y]}\n")
        assert {"m": {"a": 1, "b": ["x", "y"]}} == root
        assert expected == locate(root, path)
        assert Mark(1, 11) == locate_key(root, ("m",), "b")

    def test_multiline_scalars(self) -> None:
        """A folded, quoted or plain multi-line value is located at its start."""
        text = 'k: x\nf: >\n  one\n  two\ng: "a\n  b"\nh: plain\n  more\nz: 1\n'
        root = read_ok(text)
        assert {"k": "x", "f": "one two\n", "g": "a b", "h": "plain more", "z": 1} == root
        assert [Mark(2, 4), Mark(5, 4), Mark(7, 4), Mark(9, 4)] == [
            locate(root, (key,)) for key in ("f", "g", "h", "z")
        ]

    def test_after_byte_order_mark(self) -> None:
        """A UTF-8 byte order mark is not a column: the first key is still at column 1."""
        root = read_ok(codecs.BOM_UTF8 + b"a: 1\nb: 2\n")
        assert {"a": 1, "b": 2} == root
        assert [Mark(1, 1), Mark(1, 4), Mark(2, 4)] == [
            locate_key(root, (), "a"),
            locate(root, ("a",)),
            locate(root, ("b",)),
        ]

    def test_crlf_line_ends(self) -> None:
        """CRLF files are located like LF files, and no value keeps a carriage return."""
        root = read_ok(b"a: one\r\nb:\r\n  - x\r\n  - |\r\n    y\r\nc: 3\r\n")
        assert {"a": "one", "b": ["x", "y\n"], "c": 3} == root
        assert [Mark(3, 5), Mark(4, 5), Mark(6, 4)] == [
            locate(root, ("b", 0)),
            locate(root, ("b", 1)),
            locate(root, ("c",)),
        ]

    def test_tabs_in_quoted_strings(self) -> None:
        """A tab inside a quoted string is one character of the value and one column."""
        root = read_ok("a: 'x\ty'\nm: {s: \"\t\", t: 1}\n")
        assert {"a": "x\ty", "m": {"s": "\t", "t": 1}} == root
        assert Mark(2, 16) == locate(root, ("m", "t"))

    @pytest.mark.parametrize(
        ("text", "key", "expected"),
        [
            ("\u00e9: x\n", "\u00e9", Mark(1, 4)),
            ("a: 1\n\u043a\u043b\u044e\u0447: x\n", "\u043a\u043b\u044e\u0447", Mark(2, 7)),
            ("\u65e5\u672c: x\n", "\u65e5\u672c", Mark(1, 5)),
            ("\U0001f600: x\n", "\U0001f600", Mark(1, 4)),
            ("{\u00e9\u00e9: a, b: x}\n", "b", Mark(1, 12)),
        ],
    )
    def test_columns_count_characters(self, text: str, key: str, expected: Mark) -> None:
        """Columns count characters, not UTF-8 bytes, as editors do."""
        root = read_ok(text)
        assert expected == locate(root, (key,))

    @pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"])
    def test_unicode_line_separators_are_refused(self, character: str) -> None:
        """U+0085, U+2028, U+2029 (line breaks to libyaml, text in YAML 1.2) are Y002.

        Reading them either way would silently change a quote or shift every later
        line number, so the file must say what it means with an escape.
        """
        _, problems = read_yaml(f'a: "x{character}y"\nb: 1\n'.encode(), "f.yaml")
        assert [("Y002", 1, 6)] == [(p.code, p.line, p.column) for p in problems]

    @pytest.mark.parametrize("escape", ["\\x85", "\\u2028", "\\u2029"])
    def test_escaped_line_separators_are_text(self, escape: str) -> None:
        """Written as escapes in double quotes, the separators are text, no line counted."""
        root = read_ok(f'a: "x{escape}y"\nb: 1\n')
        character = escape.encode().decode("unicode_escape")
        assert {"a": f"x{character}y", "b": 1} == root
        assert Mark(2, 4) == locate(root, ("b",))

    def test_missing_path_gives_nearest_mark(self) -> None:
        """A path that is not in the data points at the nearest enclosing value."""
        root = read_ok(self.BLOCK)
        assert Mark(3, 5) == locate(root, ("sources", 0, "missing"))
        assert Mark(3, 5) == locate_key(root, ("sources", 0), "missing")

    @given(
        st.dictionaries(
            yaml_raw_text(max_size=8).filter(bool),
            st.one_of(st.integers(-1000, 1000), yaml_raw_text(max_size=8)),
            min_size=1,
            max_size=8,
        )
    )
    @PROPERTY
    def test_generated_block_mapping(self, mapping: dict[str, Any]) -> None:
        """Each value of a block mapping with any keys is on its own line, after its key."""
        keys = [json.dumps(key, ensure_ascii=False) for key in mapping]
        values = [json.dumps(value, ensure_ascii=False) for value in mapping.values()]
        text = "".join(f"{k}: {v}\n" for k, v in zip(keys, values, strict=True))
        root = read_ok(text)
        assert mapping == root
        assert [Mark(line, len(k) + 3) for line, k in enumerate(keys, 1)] == [
            locate(root, (key,)) for key in mapping
        ]
        assert [Mark(line, 1) for line in range(1, len(keys) + 1)] == [
            locate_key(root, (), key) for key in mapping
        ]


# (id, data, [(code, line, column), ...]) for files that must be rejected.
REJECTED: list[tuple[str, bytes, list[tuple[str, int, int]]]] = [
    # Duplicate keys: the second one is reported.
    ("duplicate key", b"a: 1\nb: 2\na: 3\n", [("Y007", 3, 1)]),
    ("duplicate key in list item", b"- id: x\n  id: y\n", [("Y007", 2, 3)]),
    ("duplicate key in flow mapping", b"{a: 1, a: 2}\n", [("Y007", 1, 8)]),
    ("duplicate quoted key", b"a: 1\n'a': 2\n", [("Y007", 2, 1)]),
    # Keys that are not strings.
    ("integer key", b"1: x\n", [("Y008", 1, 1)]),
    ("null key", b"null: x\n", [("Y008", 1, 1)]),
    ("boolean key", b"b: 1\ntrue: x\n", [("Y008", 2, 1)]),
    ("float key", b"{1.5: x}\n", [("Y008", 1, 2)]),
    ("nested integer key", b"a: {2013: x}\n", [("Y008", 1, 5)]),
    ("list key", b"? [a]\n: x\n", [("Y008", 1, 3)]),
    ("mapping key", b"? {a: 1}\n: x\n", [("Y008", 1, 3)]),
    # Tags, whatever they name.
    ("python tag", b'!!python/object/apply:os.system ["echo hi"]\n', [("Y004", 1, 1)]),
    ("include tag", b"a: !include other.yaml\n", [("Y004", 1, 4)]),
    ("set tag", b"!!set {a}\n", [("Y004", 1, 1)]),
    ("binary tag", b"a: !!binary aGk=\n", [("Y004", 1, 4)]),
    ("str tag", b"!!str x\n", [("Y004", 1, 1)]),
    ("custom tag", b"!custom x\n", [("Y004", 1, 1)]),
    ("non-specific tag", b"- ! x\n", [("Y004", 1, 3)]),
    ("tag on a list", b"a: !!seq [x]\n", [("Y004", 1, 4)]),
    ("declared tag", b"%TAG !e! tag:example.com,2000:\n---\n!e!foo x\n", [("Y004", 3, 1)]),
    # Anchors and aliases.
    ("anchor and alias", b"a: &x 1\nb: *x\n", [("Y005", 1, 4), ("Y005", 2, 4)]),
    ("anchor alone", b"a: &x {b: 1}\n", [("Y005", 1, 4)]),
    # More than one document.
    ("second document", b"a: 1\n---\nb: 2\n", [("Y006", 2, 1)]),
    ("second explicit document", b"---\na: 1\n---\nb: 2\n", [("Y006", 3, 1)]),
    ("document after end marker", b"a: 1\n...\n---\nb: 2\n", [("Y006", 3, 1)]),
    ("empty second document", b"a: 1\n---\n", [("Y006", 2, 1)]),
    # No data.
    ("empty file", b"", [("Y010", 1, 1)]),
    ("whitespace only", b"  \n\n   \n", [("Y010", 1, 1)]),
    ("comment only", b"# nothing here\n", [("Y010", 1, 1)]),
    ("byte order mark only", codecs.BOM_UTF8, [("Y010", 1, 1)]),
    ("tilde only", b"~\n", [("Y010", 1, 1)]),
    ("null only", b"null\n", [("Y010", 1, 1)]),
    ("document marker only", b"---\n", [("Y010", 1, 1)]),
    ("empty document", b"---\n...\n", [("Y010", 1, 1)]),
    # Not UTF-8 text.
    ("invalid byte", b"a: 1\nb: x\xff\n", [("Y001", 2, 5)]),
    ("invalid byte after non-ASCII", "\u00e9\u00e9: ".encode() + b"\xff\n", [("Y001", 1, 5)]),
    ("invalid byte after BOM", codecs.BOM_UTF8 + b"a: \xfe\n", [("Y001", 1, 4)]),
    ("truncated sequence", b"a: 1\r\nb: \xc3\n", [("Y001", 2, 4)]),
    ("encoded surrogate", b"a: \xed\xa0\x80\n", [("Y001", 1, 4)]),
    ("overlong encoding", b"a: \xc0\xaf\n", [("Y001", 1, 4)]),
    ("Latin-1 text", "a: caf\u00e9\n".encode("latin-1"), [("Y001", 1, 7)]),
    ("UTF-16 LE", codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"), [("Y001", 1, 1)]),
    ("UTF-16 BE", codecs.BOM_UTF16_BE + "a: 1\n".encode("utf-16-be"), [("Y001", 1, 1)]),
    ("UTF-32 LE", codecs.BOM_UTF32_LE + "a: 1\n".encode("utf-32-le"), [("Y001", 1, 1)]),
    ("UTF-32 BE", codecs.BOM_UTF32_BE + "a: 1\n".encode("utf-32-be"), [("Y001", 1, 1)]),
    # A NUL byte means the file is not UTF-8 text (UTF-16 without a byte order mark?).
    ("NUL after BOM", codecs.BOM_UTF8 + b"a: \x00\n", [("Y001", 1, 4)]),
    ("UTF-16 without BOM", "a: 1\n".encode("utf-16-le"), [("Y001", 1, 2)]),
    ("lone CR", b"a: 1\rb: 2\n", [("Y001", 1, 5)]),
    ("lone CR at the end", b"a: 1\r\nb: 2\r", [("Y001", 2, 5)]),
    # Control characters.
    ("SOH", b"a: 1\nb: x\x01\n", [("Y002", 2, 5)]),
    ("escape sequence", b"a: \x1b[31mred\n", [("Y002", 1, 4)]),
    ("DEL with CRLF", b"a: 1\r\nb: \x7f\r\n", [("Y002", 2, 4)]),
    ("control after non-ASCII", "\u00e9: \x1b\n".encode(), [("Y002", 1, 4)]),
    ("control in a comment", b"a: 1 # \x08\n", [("Y002", 1, 8)]),
    ("control in a quoted string", b"a: 'x\x0cy'\n", [("Y002", 1, 6)]),
]


class TestRejected:
    """Files that break the reading rules are refused with the right code and position."""

    @pytest.mark.parametrize(
        ("data", "expected"),
        [pytest.param(data, expected, id=name) for name, data, expected in REJECTED],
    )
    def test_rejected(self, data: bytes, expected: list[tuple[str, int, int]]) -> None:
        """The problem names the rule broken and points at the offending line and column."""
        root, problems = read(data)
        assert (None, expected) == (root, where(problems))
        assert {PATH} == {p.path for p in problems}

    def test_duplicate_key_names_first_line(self) -> None:
        """The duplicate-key message says where the first occurrence is."""
        _, problems = read("a: 1\n\nb: 2\nb: 3\n")
        assert [("Y007", 4, 1)] == where(problems)
        assert "line 3" in problems[0].message
        assert "'b'" in problems[0].message

    @pytest.mark.parametrize(
        ("text", "line"),
        [
            ("a: [1, 2\n", 2),
            ("a: [1, 2\nb: 3\n", 2),
            ("a: {b: 1\n", 2),
            ("a:\n  b: 1\n c: 2\n", 3),
            ("a: b: c\n", 1),
            ("x: 1\na: 'unclosed\n", 3),
            ("a:\n\tb: 1\n", 2),
            ("- a\nb: 1\n", 2),
            ("a: 1\n...\nb\n", 3),
        ],
    )
    def test_syntax_error(self, text: str, line: int) -> None:
        """A YAML syntax error is Y003 at the line where the parser gave up."""
        root, problems = read(text)
        assert (None, [("Y003", line)]) == (root, [(p.code, p.line) for p in problems])
        assert all(p.column >= 1 for p in problems)

    @pytest.mark.parametrize("text", ["[", "a: [1, 2", "a: {b: 1", "a: 1\nb: [x,"])
    def test_unclosed_at_end_of_file(self, text: str) -> None:
        """An unclosed bracket at the end of a file without a final newline is Y003, no crash."""
        root, problems = read(text)
        last_line = text.count("\n") + 1
        assert (None, ["Y003"]) == (root, [p.code for p in problems])
        assert last_line <= problems[0].line <= last_line + 1

    @pytest.mark.parametrize(
        "payload",
        [
            "!!python/object/apply:os.system [{command}]\n",
            "!!python/object/apply:builtins.open [{path}, w]\n",
            "a: !!python/object/apply:builtins.open [{path}, w]\n",
        ],
    )
    def test_tags_construct_nothing(self, tmp_path: Path, payload: str) -> None:
        """A python tag is refused without being run: the file it would create does not exist."""
        marker = tmp_path / "created"
        text = payload.format(command=json.dumps(f"touch '{marker}'"), path=json.dumps(str(marker)))
        root, problems = read(text)
        assert (None, ["Y004"], False) == (root, [p.code for p in problems], marker.exists())
        # The payload is live: an unsafe loader does create the file.
        constructed = yaml.unsafe_load(text)
        for value in constructed.values() if isinstance(constructed, dict) else [constructed]:
            if hasattr(value, "close"):
                value.close()
        assert marker.exists()

    def test_billion_laughs(self) -> None:
        """An alias bomb is refused at once, one problem per anchor or alias, never expanded."""
        lines = ['lol0: &lol0 "lol"']
        for level in range(1, 10):
            refs = ", ".join([f"*lol{level - 1}"] * 10)
            lines.append(f"lol{level}: &lol{level} [{refs}]")
        text = "\n".join(lines) + "\n"
        root, problems = finishes_within(20, lambda: read(text))
        assert root is None
        assert {"Y005"} == {p.code for p in problems}
        assert text.count("&") + text.count("*") == len(problems)


class TestLimits:
    """Work is bounded: big files, deep nesting, long strings and long numbers are refused."""

    def test_documented_defaults(self) -> None:
        """The default limits are the ones format.md documents (256 MiB, 32 levels, 1 MiB)."""
        limits = Limits()
        assert (256 * 2**20, 32, 2**20) == (limits.max_bytes, limits.max_depth, limits.max_string)

    def test_file_size(self) -> None:
        """A file over max_bytes is refused before it is parsed; one at the limit is read."""
        limits = Limits(max_bytes=10)
        assert ({"a": 12345}, []) == read(b"a: 12345\n\n", limits)
        root, problems = read(b"a: 123456\n\n", limits)
        assert (None, [("Y009", 1, 1)]) == (root, where(problems))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[[[1]]]", []),
            ("a: {b: [1]}", []),
            ("[[[[1]]]]", [("Y009", 1, 4)]),
            ("a:\n  b:\n    c:\n      d: 1\n", [("Y009", 4, 7)]),
            ("- - - - x\n", [("Y009", 1, 7)]),
        ],
    )
    def test_depth(self, text: str, expected: list[tuple[str, int, int]]) -> None:
        """Nesting deeper than max_depth is refused where the first too-deep level starts."""
        assert expected == where(read(text, Limits(max_depth=3))[1])

    def test_default_depth(self) -> None:
        """32 levels of nesting are read; the 33rd is refused."""
        assert [] == read("[" * 32 + "]" * 32)[1]
        assert [("Y009", 1, 33)] == where(read("[" * 33 + "]" * 33)[1])

    def test_very_deep_nesting_returns_promptly(self) -> None:
        """A 100,000-deep ``[[[...`` is refused quickly with the default limits."""
        root, problems = finishes_within(20, lambda: read("[" * 100_000))
        assert (None, [("Y009", 1, 33)]) == (root, where(problems))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a: abc\n", []),
            ("a: \u00e9\u00e9\u00e9\n", []),
            ("a: abcd\n", [("Y009", 1, 4)]),
            ("a: 'abcd'\n", [("Y009", 1, 4)]),
            ("a: |-\n  abcd\n", [("Y009", 1, 4)]),
            ("- x\n- long\n", [("Y009", 2, 3)]),
        ],
    )
    def test_string_length(self, text: str, expected: list[tuple[str, int, int]]) -> None:
        """A string of more than max_string characters is refused at its start."""
        assert expected == where(read(text, Limits(max_string=3))[1])

    def test_long_key(self) -> None:
        """A key longer than max_string is refused too."""
        assert ("Y009", 1, 1) in where(read("abcd: 1\n", Limits(max_string=3))[1])

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a: 123\n", ({"a": 123}, [])),
            ("a: -123\n", ({"a": -123}, [])),
            ("a: +123\n", ({"a": 123}, [])),
            ("a: '1234'\n", ({"a": "1234"}, [])),
            ("a: 1234\n", (None, [("Y009", 1, 4)])),
            ("a: -1234\n", (None, [("Y009", 1, 4)])),
            ("a: 0x1234\n", (None, [("Y009", 1, 4)])),
            ("a: 0o1234\n", (None, [("Y009", 1, 4)])),
        ],
    )
    def test_integer_digits(
        self, text: str, expected: tuple[Any, list[tuple[str, int, int]]]
    ) -> None:
        """An integer with more digits than max_number_digits is refused, in any base."""
        root, problems = read(text, Limits(max_number_digits=3))
        assert expected == (root, where(problems))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[1, 2, 3]", ([1, 2, 3], [])),  # the list and its three items: four values
            ("[1, 2, 3, 4]", (None, [("Y009", 1, 11)])),  # stops at the fifth
            ("a: 1\nb: 2\n", (None, [("Y009", 2, 4)])),  # each key counts too
            ("- [1]\n- [2]\n", (None, [("Y009", 2, 4)])),  # and each list: the 2 is fifth
        ],
    )
    def test_values(self, text: str, expected: tuple[Any, list[tuple[str, int, int]]]) -> None:
        """A file of more than max_nodes values is refused at the first value past it, so
        memory stays bounded however small the values are."""
        root, problems = read(text, Limits(max_nodes=4))
        assert expected == (root, where(problems))

    def test_default_values_hold_a_large_chronology(self) -> None:
        """The default bound is above what 256 MiB of events like the bundled ones
        hold (a value every 23 bytes or so), so no real file meets it."""
        assert Limits().max_nodes > Limits().max_bytes // 23

    def test_default_number_digits(self) -> None:
        """100 digits are read; 101 are refused."""
        assert {"a": int("9" * 100)} == read_ok("a: " + "9" * 100 + "\n")
        assert [("Y009", 1, 4)] == where(read("a: " + "9" * 101 + "\n")[1])


class TestProblems:
    """Problems carry the path as given and print as PATH:LINE:COL: CODE message."""

    @pytest.mark.parametrize("path", ["sub/dir/x.yaml", "x.yaml", "../up/x.yaml", "C:\\d\\x.yaml"])
    def test_path_as_given(self, path: str) -> None:
        """The path is reported exactly as the user typed it."""
        _, problems = read_yaml(b"a: 1\nb: 2\na: 3\n", path)
        assert [path] == [p.path for p in problems]
        assert str(problems[0]).startswith(f"{path}:3:1: Y007 ")

    @pytest.mark.parametrize(
        ("data", "expected"),
        [pytest.param(data, expected, id=name) for name, data, expected in REJECTED[::6]],
    )
    def test_str_form(self, data: bytes, expected: list[tuple[str, int, int]]) -> None:
        """Each problem prints as PATH:LINE:COL: CODE message, for editors to jump to."""
        _, problems = read_yaml(data, "sub/dir/x.yaml")
        pattern = re.compile(r"sub/dir/x\.yaml:(\d+):(\d+): (Y\d{3}) \S.*")
        shown = [pattern.fullmatch(str(p)) for p in problems]
        assert expected == [
            (m.group(3), int(m.group(1)), int(m.group(2))) if m else None for m in shown
        ]


# The plain scalars that the YAML 1.2 core schema reads as null, bool, int or float
# (https://yaml.org/spec/1.2.2/#1032-tag-resolution); the first, empty alternative is null.
_YAML_1_2_NOT_TEXT = re.compile(
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def pyyaml_leaves_ambiguous(text: str) -> bool:
    """Whether PyYAML writes ``text`` unquoted although YAML 1.2 reads it as a non-string.

    PyYAML quotes what YAML 1.1 would read as a non-string (``yes``, ``2013``, ``0x1f``),
    but not ``0o17``, ``1e5`` or ``+.5``, which are text in YAML 1.1 and numbers in YAML
    1.2. Reading such a file as a number is right by YAML 1.2, so these are left out.
    """
    written = yaml.safe_dump(text, allow_unicode=True)
    unquoted = not written.startswith(("'", '"', "|", ">"))
    return unquoted and bool(_YAML_1_2_NOT_TEXT.fullmatch(text))


# Text around the forms the core schema types: words, numbers, signs, dots, exponents.
_PLAIN_PIECES = st.sampled_from(
    [
        "",
        "~",
        "n",
        "null",
        "Null",
        "NULL",
        "t",
        "true",
        "True",
        "TRUE",
        "False",
        "no",
        "0",
        "7",
        "9",
        "x",
        "o",
        "a",
        "F",
        "e",
        "E",
        "+",
        "-",
        ".",
        "inf",
        "Inf",
        "nan",
        "NaN",
        "_",
        " ",
        "\u00e9",
    ]
)


@given(st.lists(_PLAIN_PIECES, max_size=5).map("".join))
@settings(max_examples=1000, deadline=dt.timedelta(seconds=5))
def test_plain_scalars_are_typed_by_the_core_schema(text: str) -> None:
    """A plain scalar is text exactly when the YAML 1.2 core schema's rules for null,
    booleans, integers and floats do not match it (the reader's shortcut for text that
    cannot be a number keeps to the rules)."""
    from chronology.yamlio import _resolve_plain

    expected_text = _YAML_1_2_NOT_TEXT.fullmatch(text) is None
    assert expected_text == isinstance(_resolve_plain(text), str)


class TestProperties:
    """Properties over generated input: reading never crashes and loses nothing."""

    @given(yamlish_bytes())
    @example(b"[")
    @example("a: 'x\u2028\u2028".encode())
    @example(b"\xef\xbb\xbf\xff\xfe")
    @settings(max_examples=300, deadline=dt.timedelta(seconds=5))
    def test_any_bytes(self, data: bytes) -> None:
        """Any bytes give a value or problems, never an exception; problems are well formed."""
        root, problems = read_yaml(data, PATH)
        assert problems == [] or root is None
        for problem in problems:
            assert (PATH, True, True, True) == (
                problem.path,
                problem.line >= 1,
                problem.column >= 1,
                problem.code in CODES,
            )

    @given(json_documents(json_text()), st.sampled_from([None, 0, 2]))
    @PROPERTY
    def test_json_round_trip(self, value: Any, indent: int | None) -> None:
        """JSON is YAML: any JSON document (ASCII, escaped) reads back as the same value."""
        assert (value, []) == read(json.dumps(value, indent=indent))

    @given(json_documents(yaml_strings()), st.sampled_from([None, 2]))
    @PROPERTY
    def test_unescaped_json_round_trip(self, value: Any, indent: int | None) -> None:
        """JSON with raw non-ASCII text (any plane) reads back as the same value."""
        assert (value, []) == read(json.dumps(value, indent=indent, ensure_ascii=False))

    @given(
        json_documents(yaml_strings().filter(lambda s: not pyyaml_leaves_ambiguous(s))),
        st.sampled_from([False, True, None]),
    )
    @PROPERTY
    def test_pyyaml_round_trip(self, value: Any, flow: bool | None) -> None:
        """Files written by PyYAML (block or flow style) read back as the same value."""
        text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow)
        assert (value, []) == read(text)

    def test_ambiguous_filter_is_needed(self) -> None:
        """PyYAML really writes 0o17 unquoted, and it really is the number 15 in YAML 1.2."""
        assert (True, False) == (pyyaml_leaves_ambiguous("0o17"), pyyaml_leaves_ambiguous("yes"))
        assert {"a": 15} == read_ok(yaml.safe_dump({"a": "0o17"}))
