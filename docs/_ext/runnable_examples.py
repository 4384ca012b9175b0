"""Local Sphinx extension: every Python example of the pages runs as a doctest.

The pages are Markdown meant to be read on GitHub too, so their examples are plain
fenced code blocks, not ``{doctest}`` directives, and ``sphinx.ext.doctest`` would not
see them. As each page is read (``doctree-read``), this extension marks its Python
code blocks as the doctest builder's tests, exactly as the ``doctest`` and
``testcode`` directives mark theirs, without touching their text or their language:

- a ```` ```pycon ```` block (a console session, ``>>>`` prompts and the output they
  print), or a Python block whose text starts with ``>>>``, becomes a ``doctest``
  test: each statement runs and must print what the page shows (with the builder's
  ``doctest_default_flags``, ELLIPSIS among them);
- a ```` ```python ```` block becomes a ``testcode`` test: it runs and must not fail
  (the value of an expression statement is not printed, so it is not compared).

All the blocks of a page, and its ``{doctest}`` directives, are in the ``default``
group: they run in order in one namespace, so a block uses the names the blocks before
it defined, after ``doctest_global_setup`` (docs/conf.py). The HTML is unchanged: the
blocks keep their language, so their highlighting, and the builders other than
``doctest`` ignore the marks.

A block that is not meant to run says so where it stands: write it as
```` ```text ```` (or any language other than Python), and it is neither run nor
highlighted as Python. Nothing is skipped silently.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

# Pygments' names of the Python console lexer: these blocks are doctests.
SESSION_LANGUAGES = frozenset({"pycon", "python-console"})
# Pygments' names of the Python lexer: these blocks are code that must run.
CODE_LANGUAGES = frozenset({"python", "python3", "py", "py3"})
# A block of these languages (none named: the default highlighting) is a doctest when
# its text starts with a prompt, as Sphinx then highlights it as a console session.
PROMPT_LANGUAGES = CODE_LANGUAGES | {None, "default"}


def example_kind(node: nodes.literal_block) -> str | None:
    """The doctest builder's type of test of a code block: ``doctest``, ``testcode``,
    or None when it is not a Python example."""
    language = node.get("language")
    if language in SESSION_LANGUAGES:
        return "doctest"
    if language in PROMPT_LANGUAGES and node.astext().lstrip().startswith(">>>"):
        return "doctest"
    if language in CODE_LANGUAGES:
        return "testcode"
    return None


def mark_examples(app: Sphinx, doctree: nodes.document) -> None:
    """Mark the Python code blocks of a page read as ``sphinx.ext.doctest`` tests."""
    for node in doctree.findall(nodes.literal_block):
        if "testnodetype" in node:  # a doctest directive's block: already a test
            continue
        kind = example_kind(node)
        if kind is None:
            continue
        # The attributes that sphinx.ext.doctest's directives give their blocks and its
        # builder reads: the type of test, its groups, its comparison options.
        node["testnodetype"] = kind
        node["groups"] = ["default"]
        node["options"] = {}


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx.ext.doctest")
    app.connect("doctree-read", mark_examples)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
