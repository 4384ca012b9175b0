"""The fuzz corpus as regression tests: no input makes the readers crash.

Every file in ``tests/fuzz/corpus/`` (inputs that crashed the fuzz target of
``tests/fuzz/fuzz_validate.py`` once, and a few tricky inputs it starts from) is
checked by the fuzz target's rule, :func:`fuzz_rule.check_input`: ``read_yaml``,
``check_bytes`` and ``format_bytes`` return normally, every problem they report
is at line >= 1 and column >= 1 and has a known code, and they raise nothing but
``format_bytes``'s refusal (:class:`~chronology.formatting.FormatError`) for the
few inputs listed in :data:`REFUSED`.
The fuzzer itself (atheris) is not needed: see ``tests/fuzz/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from chronology.formatting import FormatError, format_bytes

from conftest import REPO

FUZZ = REPO / "tests" / "fuzz"
CORPUS = FUZZ / "corpus"

sys.path.insert(0, str(FUZZ))
from fuzz_rule import check_input  # noqa: E402


def _inputs() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def test_corpus_is_small() -> None:
    """The corpus stays a handful of small files."""
    files = _inputs()
    assert files
    assert sum(p.stat().st_size for p in files) < 200 * 1024


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)
def test_no_crash(path: Path) -> None:
    """The readers return well-formed problems, or none, for a corpus input."""
    check_input(path.read_bytes())


#: The corpus inputs that ``chronology fmt`` refuses to rewrite, and why. Each is
#: valid YAML that the round-trip library reads wrongly or cannot read, or that its
#: writer would change; the command says so in one line and leaves the file alone.
REFUSED = {
    # The blank line fmt puts between sections would join a |+ value (keep chomping).
    "crash-keep-chomp-blank-line.yaml",
    # Explicit keys (`? a`) followed by a blank line or a comment move the `:`.
    "crash-explicit-key-blank-line.yaml",
    "crash-explicit-key-then-comment.yaml",
    # ruamel.yaml's reader fails: `|#`, a tab inside a plain value, a merge key with a
    # scalar, and a comment after a key whose value starts on the next line.
    "crash-block-scalar-header-comment.yaml",
    "crash-tab-in-plain-scalar.yaml",
    "crash-merge-key-scalar.yaml",
    "crash-comment-after-key-then-blank-line.yaml",
}


def _refused(path: Path) -> bool:
    try:
        format_bytes(path.read_bytes(), path.name)
    except FormatError:
        return True
    return False


def test_fmt_refuses_only_the_known_inputs() -> None:
    """Of the corpus, fmt refuses exactly the inputs listed, no more (a new refusal is a
    regression) and no fewer (a fix must update the list and the docs)."""
    assert sorted(REFUSED) == sorted(p.name for p in _inputs() if _refused(p))
