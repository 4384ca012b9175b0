"""Sphinx configuration of chronology's documentation site.

Built by ``.ci/run`` twice, offline: ``sphinx-build -W --keep-going -b html docs
docs/_build/html`` (warnings are errors) and ``sphinx-build -b doctest docs
docs/_build/doctest`` (the pages' examples are run, so they cannot rot).

Every Python example runs, not only the ``{doctest}`` directives: the local extension
``docs/_ext/runnable_examples.py`` makes each plain ```` ```pycon ```` block of a page a
doctest and each ```` ```python ```` block a ``testcode`` test, so the pages stay plain
Markdown on GitHub. The examples run in a temporary working directory (see
``doctest_global_setup``), so the files they write do not land in the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

import chronology

# The local extensions of docs/_ext/: links out of docs/ and abridged JSON
# (chronology_docs), the pages' Python code blocks run as doctests (runnable_examples).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "chronology"
author = "The chronology maintainers"
copyright = "the chronology maintainers"
version = release = chronology.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinxarg.ext",
    "chronology_docs",
    "runnable_examples",
]

# The pages are Markdown (MyST); only these are sources, not the build or the images.
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_generated", "images", ".venv", "Thumbs.db", ".DS_Store"]

# `[text](page.md#a-heading)` links, as GitHub renders them: MyST makes the same slugs
# for headings down to this level, so the pages' anchors resolve here too.
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence"]
# A link that is not a page, a file or a URL is looked up as a label of these domains
# only (sphinx-argparse's domain cannot resolve such links, and says so).
myst_ref_domains = ["std", "py"]

# The API reference shows the signatures as written (the package uses
# `from __future__ import annotations`), in the order of the source.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True

# Offline: no intersphinx, nothing fetched.
html_theme = "alabaster"
html_title = f"chronology {release}"
html_static_path: list[str] = []
html_theme_options = {
    "description": "Curated, source-cited event chronologies",
    "github_user": "",
    "extra_nav_links": {},
}

# Every doctest, of a page or of a docstring the API reference shows, starts with the
# package and its public names imported, as the docstrings' examples assume, in a
# fresh temporary working directory: the examples that write files (timeline.png,
# zhusan.ics, mine.svg) write them there, and the cleanup goes back and removes it.
# (chronology.load() reads the bundled data wherever the working directory is.)
doctest_global_setup = """
import chronology
from chronology import *

import os as _os
import tempfile as _tempfile
_examples_home = _os.getcwd()
_examples_dir = _tempfile.mkdtemp(prefix="chronology-docs-")
_os.chdir(_examples_dir)
"""
doctest_global_cleanup = """
import shutil as _shutil
_os.chdir(_examples_home)
_shutil.rmtree(_examples_dir)
"""
