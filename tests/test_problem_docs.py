"""Tests for ``docs/problems.md``: every problem code is documented, and every example
on the page makes the real ``chronology validate`` print what the page shows.

The conventions of the page (how an example becomes a folder with ``example.yaml``) are
described in the HTML comment at its top; this module is their implementation.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from chronology.problems import CODES, WARNING_CODES

from conftest import Run

DOC = Path(__file__).parents[1] / "docs" / "problems.md"

#: The seed file every example may cite, as ``seeds/fox.txt`` next to ``example.yaml``.
FOX_TEXT = "The quick brown fox jumps over the lazy dog.\n"

#: Stands for the absolute path of the example's folder in ``text`` blocks.

_SECTION_HEADING = re.compile(r"^## (?P<code>[A-Z][0-9]{3}): (?P<title>\S.*)$")
FENCE = re.compile(r"^```(?P<info>[^`\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|[rnt\\])")
_SIMPLE_ESCAPES = {"r": b"\r", "n": b"\n", "t": b"\t", "\\": b"\\"}
_PROBLEM_LINE = re.compile(r"^example\.yaml:[0-9]+:[0-9]+: (?P<code>[A-Z][0-9]{3}) ")


@dataclass(frozen=True)
class Example:
    """A ``yaml`` block of the page and the ``text`` block that shows its output.

    ``output`` is ``None`` when no ``text`` block follows the ``yaml`` block.
    """

    info: str
    source: str
    output: tuple[str, ...] | None


@dataclass(frozen=True)
class Page:
    """The page split up: the valid base example, and each code's section."""

    base: tuple[Example, ...]
    codes: tuple[str, ...]
    sections: dict[str, tuple[Example, ...]]


def _examples(markdown: str) -> tuple[Example, ...]:
    """Every ``yaml`` block in ``markdown``, each paired with the ``text`` block after it."""
    fences = list(FENCE.finditer(markdown))
    examples = []
    for index, fence in enumerate(fences):
        info = fence["info"].strip()
        if info.split()[:1] != ["yaml"]:
            continue
        following = fences[index + 1] if index + 1 < len(fences) else None
        output = None
        if following is not None and following["info"].strip() == "text":
            output = tuple(following["body"].splitlines())
        examples.append(Example(info, fence["body"], output))
    return tuple(examples)


@functools.cache
def page() -> Page:
    """Parse ``docs/problems.md`` (once)."""
    if not DOC.is_file():
        pytest.fail(f"{DOC} does not exist")
    text = DOC.read_text(encoding="utf-8")
    # Split at every level-2 heading; the first part is the introduction.
    parts = re.split(r"^(?=## )", text, flags=re.MULTILINE)
    codes: list[str] = []
    sections: dict[str, tuple[Example, ...]] = {}
    for part in parts[1:]:
        heading = part.splitlines()[0]
        match = _SECTION_HEADING.fullmatch(heading)
        if match is None:
            continue
        code = match["code"]
        codes.append(code)
        sections[code] = _examples(part)
    return Page(_examples(parts[0]), tuple(codes), sections)


def unescape(text: str) -> bytes:
    r"""The bytes of a ``yaml escaped`` block: ``\xNN``, ``\r``, ``\n``, ``\t``, ``\\``."""
    data = bytearray()
    position = 0
    for match in _ESCAPE.finditer(text):
        data += text[position : match.start()].encode("utf-8")
        escape = match[1]
        data += bytes([int(escape[1:], 16)]) if escape[0] == "x" else _SIMPLE_ESCAPES[escape]
        position = match.end()
    data += text[position:].encode("utf-8")
    return bytes(data)


def write_example(example: Example, folder: Path) -> None:
    """Lay out ``example`` in ``folder``: ``example.yaml``, ``seeds/fox.txt``, any links."""
    (folder / "seeds").mkdir()
    (folder / "seeds" / "fox.txt").write_bytes(FOX_TEXT.encode("utf-8"))
    encodings = []
    for option in example.info.split()[1:]:
        if option in ("escaped", "utf-16"):
            encodings.append(option)
        elif option.startswith("symlink="):
            name, colon, target = option.removeprefix("symlink=").partition(":")
            if not (name and colon and target):
                pytest.fail(f"`{option}` is not symlink=NAME:TARGET")
            try:
                (folder / name).symlink_to(target, target_is_directory=True)
            except OSError as exc:  # e.g. Windows without the privilege
                pytest.skip(f"cannot create a symbolic link here: {exc}")
        else:
            pytest.fail(f"unknown option `{option}` in the info string `{example.info}`")
    if len(encodings) > 1:
        pytest.fail(f"`{example.info}` names more than one encoding")
    if encodings == ["escaped"]:
        data = unescape(example.source)
    elif encodings == ["utf-16"]:
        data = codecs.BOM_UTF16_LE + example.source.encode("utf-16-le")
    else:
        data = example.source.encode("utf-8")
    (folder / "example.yaml").write_bytes(data)


def validate_example(run: Run, example: Example, folder: Path) -> tuple[int, list[str]]:
    """Run ``chronology validate example.yaml`` on ``example``; the status and stdout lines."""
    write_example(example, folder)
    result = run("validate", "example.yaml", cwd=folder)
    assert "" == result.stderr, "a data problem goes to standard output"
    return result.returncode, result.stdout.splitlines()


def documented_output(example: Example) -> tuple[str, ...]:
    """The lines of the ``text`` block under ``example``; fail when there is none."""
    if example.output is None:
        pytest.fail(f"the `{example.info}` block is not followed by a `text` block of its output")
    return example.output


def codes_in(lines: Iterable[str]) -> set[str]:
    """The codes of the problem lines among ``lines``."""
    return {match["code"] for line in lines if (match := _PROBLEM_LINE.match(line))}


def test_every_code_is_documented() -> None:
    """The page documents exactly the codes in CODES: none missing, none made up."""
    assert set(CODES) == set(page().codes)


def test_sections_follow_the_order_of_codes() -> None:
    """Each code has one section, and the sections come in the order of CODES."""
    assert list(CODES) == list(page().codes)


def test_base_example_is_valid(run: Run, tmp_path: Path) -> None:
    """The valid file every example starts from really is valid, as the page shows."""
    base = page().base
    assert 1 == len(base), "the introduction should hold exactly one yaml example"
    expected = documented_output(base[0])
    status, stdout = validate_example(run, base[0], tmp_path)
    assert 0 == status, "\n".join(stdout)
    assert list(expected) == stdout


@pytest.mark.parametrize("code", list(CODES), ids=str)
def test_examples_reproduce(code: str, run: Run, tmp_path: Path) -> None:
    """Each example of a code's section reports that code, printing its text; an error
    code makes validation fail (exit 1), a warning code does not (exit 0)."""
    examples = page().sections.get(code)
    if not examples:
        pytest.fail(f"docs/problems.md has no section with an example for {code}")
    for number, example in enumerate(examples, start=1):
        expected = documented_output(example)
        assert code in codes_in(expected), f"the output shown for example {number} has no {code}"
        folder = tmp_path / f"example-{number}"
        folder.mkdir()
        status, stdout = validate_example(run, example, folder)
        shown = "\n".join(stdout)
        expected_status = 0 if code in WARNING_CODES else 1
        assert expected_status == status, f"example {number} of {code} printed:\n{shown}"
        assert code in codes_in(stdout), f"example {number} of {code} printed:\n{shown}"
        missing = [line for line in expected if line not in stdout]
        assert [] == missing, f"example {number} of {code} printed:\n{shown}"


def test_unescape_turns_escapes_into_bytes() -> None:
    """The `yaml escaped` convention: Python-style escapes become the bytes they name."""
    assert b"a\xff\r\n\t\\b \xc3\xa9" == unescape("a\\xff\\r\\n\\t\\\\b \u00e9")
