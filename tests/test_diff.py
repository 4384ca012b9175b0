"""``chronology diff OLD NEW``: what changed between two versions of a data file.

Through the real console script: files and git revisions, the text and Markdown a
reviewer reads, exit statuses and error lines. Through the library: properties of
:func:`chronology.diffing.compare` over generated files, and Markdown that stays inert
whatever the data holds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from strategies import date_strings, json_documents, json_text, yaml_strings

from benchmarks.generate import generate, write
from chronology.diffing import (
    MARKDOWN_MAX_BYTES,
    FieldChange,
    compare,
    markdown_changes,
    md_code,
    read_side,
    render_changes,
)
from chronology.errors import InvalidChronologyError

from conftest import REPO, Run

PROPERTY = settings(max_examples=100, deadline=dt.timedelta(seconds=5))

OLD = """\
title: Foxes
sources:
  - id: fox
    title: A sentence about a fox
    publisher: Example Press
    url: https://example.org/fox
events:
  - id: 2012-fox-born
    title: The fox is born
    date: "2012"
    category: animals
    summary: A fox is born.
    sources:
      - source: fox
        quote: A fox is born.
  - id: 2013-fox-jumps
    title: The fox jumps
    date: "2013"
    category: animals
    summary: A quick brown fox jumps over a lazy dog.
    tags: [fox]
    sources:
      - source: fox
        quote: The quick brown fox jumps over the lazy dog.
"""

# The same file with 2012-fox-born removed, 2014-fox-sleeps added, and 2013-fox-jumps
# moved, its keys reordered, its summary re-wrapped (all not changes) and its date, tags
# and quote changed.
NEW = """\
title: Foxes
sources:
  - id: fox
    title: A sentence about a fox
    publisher: Example Press
    url: https://example.org/fox
events:
  - id: 2014-fox-sleeps
    title: The fox sleeps
    date: "2014-05"
    category: animals
    summary: A fox sleeps.
    sources:
      - source: fox
        quote: The fox sleeps.
  - id: 2013-fox-jumps
    date: "2013-06"
    title: The fox jumps
    category: animals
    summary: >-
      A quick brown fox
      jumps over a lazy dog.
    tags: [fox, dog]
    sources:
      - source: fox
        quote: The quick brown fox jumps over the dog.
"""

EXPECTED_TEXT = """\
old.yaml → new.yaml: 2 → 2 events: 1 added, 1 removed, 1 changed

Added events:
  + 2014-fox-sleeps (2014-05) The fox sleeps
      category: animals
      summary: A fox sleeps.
      sources: fox: “The fox sleeps.”
Removed events:
  - 2012-fox-born (2012) The fox is born
Changed events:
  ~ 2013-fox-jumps (2013-06) The fox jumps
      date: "2013" → "2013-06"
      tags: + dog
      sources: - fox: “The quick brown fox jumps over the lazy dog.”
      sources: + fox: “The quick brown fox jumps over the dog.”
"""

EXPECTED_MARKDOWN = """\
### Changes to the chronology: `old.yaml` → `new.yaml`

**2 → 2 events: 1 added, 1 removed, 1 changed**

#### Added events

- `2014-fox-sleeps` (`2014-05`) The fox sleeps
  - category: animals
  - summary: A fox sleeps.
  - sources: fox: “The fox sleeps.”

#### Removed events

- `2012-fox-born` (`2012`) The fox is born

#### Changed events

- `2013-fox-jumps` (`2013-06`) The fox jumps
  - date: `2013` → `2013-06`
  - tags: added dog
  - sources: removed fox: “The quick brown fox jumps over the lazy dog.”
  - sources: added fox: “The quick brown fox jumps over the dog.”
"""


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    """A folder with old.yaml and new.yaml (OLD and NEW)."""
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    return tmp_path


def _changes(old: str, new: str) -> Any:
    return compare(("old.yaml", old.encode()), ("new.yaml", new.encode()))


# ------------------------------------------------------------------------------ files


def test_text_lists_added_removed_and_changed_events(run: Run, versions: Path) -> None:
    """The terminal report names each added, removed and changed event with its date and
    title, and each changed field: a date as old → new, tags and citations as the items
    added and removed; moving an event, reordering keys and re-wrapping text are not
    changes."""
    result = run("diff", "old.yaml", "new.yaml", cwd=versions)
    assert (0, EXPECTED_TEXT, "") == (result.returncode, result.stdout, result.stderr)


def test_markdown_for_a_pull_request_comment(run: Run, versions: Path) -> None:
    """``--format markdown`` prints the same report as headings and bullet lists, with
    ids and dates as code."""
    result = run("diff", "old.yaml", "new.yaml", "--format", "markdown", cwd=versions)
    assert (0, EXPECTED_MARKDOWN, "") == (result.returncode, result.stdout, result.stderr)


def test_markdown_renders_as_lists_under_headings() -> None:
    """The Markdown parses into one h3, three h4 sections and a list item per event,
    changed field and detail of an added event (so nothing runs together in a PR comment)."""
    tokens = MarkdownIt("commonmark").parse(render_changes(_changes(OLD, NEW), "markdown"))
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    items = sum(1 for t in tokens if t.type == "list_item_open")
    assert (["h3", "h4", "h4", "h4"], 3 + 4 + 3) == (headings, items)


def test_a_long_markdown_report_is_cut_to_fit_a_job_summary(run: Run, tmp_path: Path) -> None:
    """GitHub refuses a job summary over 1 MiB: 2,000 added events (about 1.2 MB of
    Markdown in full) print at most MARKDOWN_MAX_BYTES, cut after a whole line of the
    full report, with a closing note that says so."""
    data = write(generate(2000, seed=1), tmp_path / "new")
    (tmp_path / "old.yaml").write_text("sources: []\nevents: []\n", encoding="utf-8")
    full = markdown_changes(
        compare(("old.yaml", b"sources: []\nevents: []\n"), ("new.yaml", data.read_bytes())),
        limit=10**9,
    )
    result = run("diff", "old.yaml", str(data), "--format", "markdown", cwd=tmp_path)
    body, _, note = result.stdout.rstrip("\n").rpartition("\n\n")
    full_lines = full.replace(str(data), "new.yaml").splitlines()
    shown_lines = body.replace(str(data), "new.yaml").splitlines()
    assert (0, True, True, True) == (
        result.returncode,
        len(full.encode()) > MARKDOWN_MAX_BYTES >= len(result.stdout.encode()),
        shown_lines == full_lines[: len(shown_lines)],
        note.startswith("> The report is cut here: "),
    )


def test_a_short_markdown_report_is_not_cut() -> None:
    """A report within the limit is printed whole, with no note."""
    changes = _changes(OLD, NEW)
    assert markdown_changes(changes, limit=10**9) == markdown_changes(changes)
    assert "cut here" not in markdown_changes(changes)


def test_json_document(run: Run, versions: Path) -> None:
    """``--format json`` is one document with ``"version": 1`` whose sections list the
    ids added, removed and changed, with each changed field's old and new values."""
    result = run("diff", "old.yaml", "new.yaml", "--format", "json", cwd=versions)
    document = json.loads(result.stdout)
    events = document["events"]
    assert (0, 1, False) == (result.returncode, document["version"], document["empty"])
    assert (["2014-fox-sleeps"], ["2012-fox-born"], ["2013-fox-jumps"]) == (
        [e["id"] for e in events["added"]],
        [e["id"] for e in events["removed"]],
        [e["id"] for e in events["changed"]],
    )
    assert [
        {"field": "date", "change": "changed", "old": "2013", "new": "2013-06"},
        {"field": "tags", "change": "items", "added": ["dog"], "removed": []},
    ] == events["changed"][0]["fields"][:2]
    assert result.stdout.endswith("}\n")
    assert result.stdout == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_identical_files_have_an_empty_diff(run: Run, versions: Path) -> None:
    """A file compared with itself (or a copy) reports no changes and exits 0, also with
    ``--exit-code``."""
    text = run("diff", "old.yaml", "old.yaml", "--exit-code", cwd=versions)
    markdown = run("diff", "old.yaml", "old.yaml", "--format", "markdown", cwd=versions)
    assert (
        0,
        "old.yaml → old.yaml: 2 → 2 events: 0 added, 0 removed, 0 changed\n"
        "No changes to events or sources.\n",
    ) == (text.returncode, text.stdout)
    assert (0, True) == (markdown.returncode, "No changes to events or sources." in markdown.stdout)


def test_exit_code_option(run: Run, versions: Path) -> None:
    """Without ``--exit-code`` a diff exits 0 however much changed; with it, 1 when the
    versions differ and 0 when they do not, as ``git diff --exit-code`` does."""
    plain = run("diff", "old.yaml", "new.yaml", cwd=versions)
    differ = run("diff", "--exit-code", "old.yaml", "new.yaml", cwd=versions)
    same = run("diff", "--exit-code", "new.yaml", "new.yaml", cwd=versions)
    assert (0, 1, 0) == (plain.returncode, differ.returncode, same.returncode)
    assert EXPECTED_TEXT == differ.stdout


def test_a_path_with_a_colon_is_a_file(run: Run, versions: Path) -> None:
    """A spec that names an existing file is read as a path even with ':' in it."""
    (versions / "v1:old.yaml").write_text(OLD, encoding="utf-8")
    result = run("diff", "v1:old.yaml", "old.yaml", "--exit-code", cwd=versions)
    assert (0, "", True) == (
        result.returncode,
        result.stderr,
        "No changes to events or sources." in result.stdout,
    )


def test_sources_categories_aliases_and_title_are_summarised(run: Run, tmp_path: Path) -> None:
    """Changes outside the events are listed briefly: sources added and changed field by
    field, categories, eras, aliases and the title."""
    old = OLD.replace("title: Foxes\n", "title: Foxes\naliases:\n  Fox: [Vixen]\n")
    new = (
        NEW.replace("title: Foxes\n", "title: Foxes and dogs\naliases:\n  Fox: [Vixen, Reynard]\n")
        .replace("title: A sentence about a fox", "title: A sentence about two foxes")
        .replace(
            "events:\n",
            "  - id: dog\n    title: Dogs\n    publisher: P\n    url: https://example.org/d\n"
            "categories:\n  animals: {label: Animals}\n"
            "eras:\n  - id: winter\n    label: Winter\n    date: 2013/2014\n"
            "    sources: [{source: fox, quote: q}]\n"
            "events:\n",
        )
    )
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    result = run("diff", "old.yaml", "new.yaml", cwd=tmp_path)
    tail = result.stdout.split("\n\n", 2)[2]
    assert (
        "Sources: 1 added, 0 removed, 1 changed\n"
        "  + dog Dogs\n"
        "  ~ fox A sentence about two foxes\n"
        '      title: "A sentence about a fox" → "A sentence about two foxes"\n'
        "\n"
        "Eras: 1 added, 0 removed, 0 changed\n"
        "  + winter (2013/2014) Winter\n"
        "\n"
        "Categories: 1 added, 0 removed, 0 changed\n"
        "  + animals Animals\n"
        "\n"
        "Aliases: 0 added, 0 removed, 1 changed\n"
        "  ~ Fox: Vixen, Reynard\n"
        "      variants: + Reynard\n"
        "\n"
        'title: "Foxes" → "Foxes and dogs"\n'
    ) == tail


# ------------------------------------------------------------------------------ git


def _git_env(tmp_path: Path) -> dict[str, str]:
    """An environment for git that ignores the user's and the system's configuration (and
    any GIT_DIR of a surrounding hook), and never looks above ``tmp_path``."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {
        **inherited,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent),
    }


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=repo, env=_git_env(repo), check=True, capture_output=True, timeout=60
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose events.yaml was OLD in the first commit and NEW in the
    second; the working copy is back at OLD."""
    folder = tmp_path / "repo"
    folder.mkdir()
    _git(folder, "init", "-q")
    (folder / "events.yaml").write_text(OLD, encoding="utf-8")
    _git(folder, "add", "events.yaml")
    _git(folder, "commit", "-q", "-m", "v1")
    (folder / "events.yaml").write_text(NEW, encoding="utf-8")
    _git(folder, "commit", "-q", "-am", "v2")
    (folder / "events.yaml").write_text(OLD, encoding="utf-8")
    return folder


def _labelled(text: str, old: str, new: str) -> str:
    return text.replace("old.yaml → new.yaml", f"{old} → {new}", 1)


def test_diff_between_two_git_revisions(run: Run, repo: Path) -> None:
    """``REV:PATH`` reads a file as it was in a commit: the diff between two commits of a
    temporary repository is the diff between the two files."""
    result = run("diff", "HEAD~1:events.yaml", "HEAD:events.yaml", cwd=repo)
    expected = _labelled(EXPECTED_TEXT, "HEAD~1:events.yaml", "HEAD:events.yaml")
    assert (0, expected, "") == (result.returncode, result.stdout, result.stderr)


def test_diff_between_a_revision_and_the_working_copy(run: Run, repo: Path) -> None:
    """A revision compared with the file in the working folder (here reverted to the
    first version) shows the changes backwards."""
    result = run("diff", "HEAD:events.yaml", "events.yaml", "--format", "json", cwd=repo)
    events = json.loads(result.stdout)["events"]
    assert (0, ["2012-fox-born"], ["2014-fox-sleeps"]) == (
        result.returncode,
        [e["id"] for e in events["added"]],
        [e["id"] for e in events["removed"]],
    )


def test_read_side_from_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """:func:`read_side` returns the spec as its label and the committed bytes."""
    monkeypatch.chdir(repo)
    assert ("HEAD:events.yaml", NEW.encode()) == read_side("HEAD:events.yaml")


def test_unknown_revision(run: Run, repo: Path) -> None:
    """An unknown revision is one line on standard error with git's reason, exit 2."""
    result = run("diff", "nope:events.yaml", "events.yaml", cwd=repo)
    assert (
        2,
        "",
        "chronology diff: cannot read nope:events.yaml: invalid object name 'nope'.\n",
    ) == (
        result.returncode,
        result.stdout,
        result.stderr,
    )


def test_path_missing_in_revision(run: Run, repo: Path) -> None:
    """A path that the revision does not hold is one line naming it, exit 2."""
    result = run("diff", "HEAD~1:other.yaml", "events.yaml", cwd=repo)
    assert (
        2,
        "chronology diff: cannot read HEAD~1:other.yaml: "
        "path 'other.yaml' does not exist in 'HEAD~1'\n",
    ) == (result.returncode, result.stderr)


def test_spec_starting_with_a_dash_is_refused(run: Run, repo: Path) -> None:
    """A revision that starts with '-' never reaches git as an option."""
    result = run("diff", "--", "--output=x:events.yaml", "events.yaml", cwd=repo)
    assert (
        2,
        "chronology diff: cannot read --output=x:events.yaml: a revision may not start with '-'\n",
        False,
    ) == (result.returncode, result.stderr, (repo / "x").exists())


def _run_env(script: str, cwd: Path, env: dict[str, str], *args: str) -> Any:
    return subprocess.run(
        [script, "diff", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_not_a_git_repository(chronology_script: str, versions: Path) -> None:
    """``REV:PATH`` outside a git repository says so in one line, exit 2."""
    result = _run_env(chronology_script, versions, _git_env(versions), "HEAD:old.yaml", "new.yaml")
    assert (2, "", True) == (
        result.returncode,
        result.stdout,
        result.stderr.startswith(
            "chronology diff: cannot read HEAD:old.yaml: not a git repository"
        ),
    )
    assert 1 == result.stderr.count("\n")


def test_git_not_installed(chronology_script: str, versions: Path) -> None:
    """Without git on PATH, ``REV:PATH`` is one line saying git is needed, exit 2."""
    empty = versions / "empty-bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    result = _run_env(chronology_script, versions, env, "HEAD:old.yaml", "new.yaml")
    assert (
        2,
        "chronology diff: cannot read HEAD:old.yaml: git is not installed (or not on PATH)\n",
    ) == (result.returncode, result.stderr)


# ------------------------------------------------------------------------------ errors


def test_missing_file(run: Run, versions: Path) -> None:
    """A path that does not exist is one line on standard error, exit 2."""
    result = run("diff", "old.yaml", "gone.yaml", cwd=versions)
    assert (2, "", "chronology diff: cannot read gone.yaml: No such file or directory\n") == (
        result.returncode,
        result.stdout,
        result.stderr,
    )


def test_folder_is_refused(run: Run, versions: Path) -> None:
    """A folder is not read as a file: one line, exit 2."""
    result = run("diff", ".", "new.yaml", cwd=versions)
    assert (2, "chronology diff: cannot read .: is a directory\n") == (
        result.returncode,
        result.stderr,
    )


def test_a_side_that_is_not_yaml(run: Run, versions: Path) -> None:
    """A version that is not YAML is reported as located Y problems (both sides'), exit 1,
    with no traceback and nothing on standard output."""
    (versions / "bad.yaml").write_text("events: [\n", encoding="utf-8")
    result = run("diff", "bad.yaml", "new.yaml", cwd=versions)
    expected = (
        "bad.yaml:2:1: Y003 did not find expected node content\n"
        "chronology diff: cannot compare: bad.yaml cannot be read as YAML\n"
    )
    assert (1, "", expected) == (
        result.returncode,
        result.stdout,
        result.stderr,
    )


def test_problems_of_both_sides_are_raised_together() -> None:
    """:func:`compare` raises one InvalidChronologyError with the problems of both files."""
    with pytest.raises(InvalidChronologyError) as caught:
        compare(("a.yaml", b"x: !!str 1\n"), ("b.yaml", b"x: &a 1\n"))
    assert [("a.yaml", "Y004"), ("b.yaml", "Y005")] == [
        (p.path, p.code) for p in caught.value.problems
    ]


# ------------------------------------------------------------------------------ shapes


def test_broken_data_is_still_compared() -> None:
    """Data that is not valid is compared as it is: an event without an id is named by
    its position, an event that is not a mapping is one value, a wrong ``events`` is a note."""
    old = "sources: []\nevents:\n  - {title: A}\n  - just text\n"
    new = "sources: []\nevents:\n  - {title: B}\n  - other text\n"
    assert (
        "old.yaml → new.yaml: 2 → 2 events: 0 added, 0 removed, 2 changed\n"
        "\n"
        "Changed events:\n"
        "  ~ event #1 B\n"
        '      title: "A" → "B"\n'
        "  ~ event #2\n"
        '      (record): "just text" → "other text"\n'
    ) == render_changes(_changes(old, new), "text")
    wrong = render_changes(_changes("events: 3\n", "events: 4\n"), "text")
    assert (
        "old.yaml → new.yaml: 0 → 0 events: 0 added, 0 removed, 0 changed\n"
        "\n"
        "Note: old.yaml: 'events' is not a list, so its records are not compared\n"
        "Note: new.yaml: 'events' is not a list, so its records are not compared\n"
    ) == wrong


def test_types_are_part_of_a_value() -> None:
    """``2013`` and ``"2013"`` (or ``1`` and ``true``) are different values: a change."""
    old = "events:\n  - {id: a, date: 2013, n: 1}\n"
    new = "events:\n  - {id: a, date: '2013', n: true}\n"
    changes = _changes(old, new)
    assert (
        FieldChange("date", "changed", 2013, "2013"),
        FieldChange("n", "changed", 1, True),
    ) == changes.events.changed[0].fields


def test_fields_in_schema_order_then_unknown_sorted() -> None:
    """Changed fields are listed in the schema's order, unknown fields after them, sorted."""
    old = "events:\n  - {id: a, zz: 1, notes: x, aa: 1, title: T, date: '1'}\n"
    new = "events:\n  - {id: a, zz: 2, notes: y, aa: 2, title: U, date: '2'}\n"
    fields = [f.field for f in _changes(old, new).events.changed[0].fields]
    assert ["title", "date", "notes", "aa", "zz"] == fields


def test_source_fields_follow_the_schema() -> None:
    """A source's changed fields are listed in the order of the schema's
    ``$defs.source.properties``, whatever order the file has them in."""
    schema = json.loads((REPO / "schema" / "events.schema.json").read_text(encoding="utf-8"))
    order = list(schema["$defs"]["source"]["properties"])
    old = {"sources": [dict.fromkeys(reversed(order), "a")], "events": []}
    new = {"sources": [{name: "b" if name != "id" else "a" for name in order}], "events": []}
    changes = compare(("o", json.dumps(old).encode()), ("n", json.dumps(new).encode()))
    assert order[1:] == [f.field for f in changes.sources.changed[0].fields]


def test_reordered_list_and_set_fields() -> None:
    """A list with the same items in another order is said to be reordered; a field that
    appears or disappears is set or removed; a new list field lists its items as added."""
    old = "events:\n  - {id: a, tags: [x, y], notes: n}\n"
    new = "events:\n  - {id: a, tags: [y, x], summary: s, actors: [P]}\n"
    assert (
        "  ~ a\n"
        '      summary: (none) → "s"\n'
        "      actors: + P\n"
        "      tags: the same items in another order\n"
        '      notes: "n" → (none)\n'
    ) == render_changes(_changes(old, new), "text").split("Changed events:\n")[1]


def test_citations_that_read_the_same_are_shown_in_full() -> None:
    """When the short words for an added and a removed item are the same (a place whose
    coordinates changed), both are shown in full so the change is visible."""
    old = "events:\n  - id: a\n    places: [{name: Almaty, country: KZ, lat: 1, lon: 2}]\n"
    new = "events:\n  - id: a\n    places: [{name: Almaty, country: KZ, lat: 1, lon: 3}]\n"
    assert (
        '      places: - {"name": "Almaty", "country": "KZ", "lat": 1, "lon": 2}\n'
        '      places: + {"name": "Almaty", "country": "KZ", "lat": 1, "lon": 3}\n'
    ) == render_changes(_changes(old, new), "text").split("  ~ a\n")[1]


def test_terminal_text_is_made_visible() -> None:
    """Control characters in the data cannot move the cursor of the terminal that shows
    the diff: they are printed as escapes."""
    old = 'events:\n  - {id: a, title: "x"}\n'
    new = 'events:\n  - {id: a, title: "\\e[2Jy\\u202e"}\n'
    text = render_changes(_changes(old, new), "text")
    assert ("\x1b" in text, "\u202e" in text, "\\x1b[2Jy\\u202e" in text) == (False, False, True)


# ------------------------------------------------------------------------------ markdown

EVIL = "# [x](http://evil) <img src=x onerror=alert(1)> @someone `tick` a|b www.evil.com"


def test_markdown_escapes_untrusted_text() -> None:
    """A title with a link, an image, HTML, a mention, backticks, a pipe, a leading '#'
    and a bare address is rendered inert: exactly these escapes."""
    old = "events:\n  - {id: a, title: A}\n"
    new = f"events:\n  - {{id: a, title: {json.dumps(EVIL)}}}\n  - {{id: 'b`c', date: '`'}}\n"
    markdown = render_changes(_changes(old, new), "markdown")
    zwj = "\u200d"
    assert (
        "#### Added events\n"
        "\n"
        "- ``b`c`` (`` ` ``)\n"
        "\n"
        "#### Changed events\n"
        "\n"
        "- `a` \\# \\[x\\](http:" + zwj + "//evil) &lt;img src=x onerror=alert(1)&gt; "
        "@" + zwj + "someone \\`tick\\` a\\|b www" + zwj + ".evil.com\n"
        "  - title: `A` → “\\# \\[x\\](http:" + zwj + "//evil) &lt;img src=x "
        "onerror=alert(1)&gt; @" + zwj + "someone \\`tick\\` a\\|b www" + zwj + ".evil.com”\n"
    ) == markdown.split("**\n\n", 1)[1]


def _inert(markdown: str) -> list[str]:
    """What in rendered Markdown is not plain text, lists, headings, code or emphasis."""
    allowed = {
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
        "code_inline",
        "strong_open",
        "strong_close",
        "blockquote_open",
        "blockquote_close",
        "softbreak",
    }
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    found = []
    for token in tokens:
        for t in [token, *(token.children or [])]:
            if t.type not in allowed:
                found.append(t.type)
    return found


def test_markdown_of_evil_data_parses_to_nothing_active() -> None:
    """Rendered, the report holds no link, image, HTML, table or extra heading, and no
    '@name' or 'http://' that GitHub would turn into a mention or a link."""
    old = "events:\n  - {id: a, title: A}\n"
    new = f"events:\n  - {{id: a, title: {json.dumps(EVIL)}, tags: [{json.dumps(EVIL)}]}}\n"
    markdown = render_changes(_changes(old, new), "markdown")
    headings = markdown.count("\n#") + markdown.startswith("#")
    assert ([], 2, False, False) == (
        _inert(markdown),
        headings,
        "@someone" in markdown,
        "http://" in markdown,
    )


@given(yaml_strings(40), yaml_strings(40))
@PROPERTY
def test_any_title_renders_inert(title: str, tag: str) -> None:
    """Whatever text a title, a tag or an id holds, the Markdown stays plain: two
    headings, no link, image, HTML or table."""
    old = {"events": [{"id": "a", "title": "x"}]}
    new = {"events": [{"id": "a", "title": title, "tags": [tag]}, {"id": title, "date": tag}]}
    changes = compare(
        ("o", json.dumps(old).encode()), ("n", json.dumps(new, ensure_ascii=False).encode())
    )
    markdown = render_changes(changes, "markdown")
    assert ([], ["h3", "h4", "h4"]) == (
        _inert(markdown),
        [t.tag for t in MarkdownIt("commonmark").parse(markdown) if t.type == "heading_open"],
    )


def test_code_spans_hold_any_backticks() -> None:
    """A value with backticks becomes a code span with a longer fence."""
    assert ("`a`", "``a`b``", "``` a``b` ```") == (md_code("a"), md_code("a`b"), md_code("a``b`"))


# ------------------------------------------------------------------------------ properties


_SLUGS = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


@st.composite
def _event(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": ident,
        "title": draw(json_text()),
        "date": draw(date_strings()),
        "category": draw(_SLUGS),
        "summary": draw(json_text(40)),
        "tags": draw(st.lists(_SLUGS, unique=True, max_size=3)),
        "sources": [{"source": "s", "quote": draw(json_text(30))}],
    }
    if draw(st.booleans()):
        event["places"] = [{"name": draw(json_text()), "country": "KZ"}]
    return event


@st.composite
def _chronologies(draw: st.DrawFn, extra: int = 0) -> tuple[dict[str, Any], list[str]]:
    """A chronology and ``extra`` more event ids it does not hold."""
    ids = draw(st.lists(_SLUGS, unique=True, min_size=extra, max_size=extra + 6))
    events = [draw(_event(i)) for i in ids[extra:]]
    document = {
        "title": draw(json_text()),
        "sources": [{"id": "s", "title": "S", "publisher": "P", "url": "https://e.org"}],
        "events": events,
    }
    return document, ids[:extra]


def _diff(old: Any, new: Any, format: str = "text") -> str:
    changes = compare(("o", json.dumps(old).encode()), ("n", json.dumps(new).encode()))
    return render_changes(changes, format)


@given(_chronologies(), st.sampled_from(["text", "markdown", "json"]))
@PROPERTY
def test_a_file_compared_with_itself_is_empty(
    generated: tuple[dict[str, Any], list[str]], format: str
) -> None:
    """A chronology compared with itself has no changes, in every format."""
    document, _ = generated
    changes = compare(("o", json.dumps(document).encode()), ("n", json.dumps(document).encode()))
    assert (True, True) == (changes.empty, "No changes" in _diff(document, document, "text"))
    assert render_changes(changes, format) == render_changes(changes, format)


@given(json_documents(json_text()))
@PROPERTY
def test_any_document_compared_with_itself_is_empty(document: Any) -> None:
    """Whatever shape the data has, it compared with itself is empty (and never crashes)."""
    text = json.dumps(document).encode()
    assert compare(("o", text), ("n", text)).empty


@given(json_documents(json_text()), json_documents(json_text()))
@PROPERTY
def test_any_two_documents_can_be_compared(old: Any, new: Any) -> None:
    """Any two documents, whatever their shape, compare and render in every format; the
    JSON parses and agrees on emptiness; documents equal as data (up to key order) are
    empty."""
    changes = compare(("o", json.dumps(old).encode()), ("n", json.dumps(new).encode()))
    for format in ("text", "markdown"):
        assert render_changes(changes, format).endswith("\n")
    assert changes.empty == json.loads(render_changes(changes, "json"))["empty"]
    if json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True):
        assert changes.empty


@given(_chronologies(extra=3), st.integers(min_value=1, max_value=3), st.randoms())
@PROPERTY
def test_adding_events_reports_exactly_them(
    generated: tuple[dict[str, Any], list[str]], k: int, random: Any
) -> None:
    """Adding k events anywhere (and shuffling the rest) reports exactly those k ids as
    added, and nothing removed or changed; the JSON lists the same ids."""
    document, fresh = generated
    added = [{"id": i, "title": "T", "date": "2013", "sources": []} for i in fresh[:k]]
    events = document["events"] + added
    random.shuffle(events)
    new = {**document, "events": events}
    changes = compare(("o", json.dumps(document).encode()), ("n", json.dumps(new).encode()))
    report = json.loads(render_changes(changes, "json"))["events"]
    assert (sorted(fresh[:k]), [], [], True) == (
        sorted(r.key for r in changes.events.added),
        [r.key for r in changes.events.removed],
        [c.record.key for c in changes.events.changed],
        all(s.empty for s in changes.sections[1:]) and not changes.other,
    )
    assert (sorted(fresh[:k]), []) == (
        [e["id"] for e in report["added"]],
        [e["id"] for e in report["removed"]],
    )


@given(_chronologies(extra=1), _chronologies(extra=1))
@PROPERTY
def test_json_round_trips_and_matches_the_changes(
    first: tuple[dict[str, Any], list[str]], second: tuple[dict[str, Any], list[str]]
) -> None:
    """The JSON report of any two chronologies parses back, is deterministic, and its
    added and removed ids are the ids only in the new and only in the old file."""
    old, new = first[0], second[0]
    text = _diff(old, new, "json")
    report = json.loads(text)
    old_ids = {e["id"] for e in old["events"]}
    new_ids = {e["id"] for e in new["events"]}
    assert (1, sorted(new_ids - old_ids), sorted(old_ids - new_ids), text) == (
        report["version"],
        [e["id"] for e in report["events"]["added"]],
        [e["id"] for e in report["events"]["removed"]],
        _diff(old, new, "json"),
    )


def test_diffing_imports_nothing_heavy() -> None:
    """Importing the diff module loads neither matplotlib nor jsonschema."""
    code = (
        "import sys, chronology.diffing; "
        "print(sorted(m for m in ('matplotlib', 'jsonschema') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "[]\n" == result.stdout


def test_diffing_doctests() -> None:
    """The examples in chronology.diffing's docstrings (a report, escaping, field order) hold."""
    import doctest

    from chronology import diffing

    failed, attempted = doctest.testmod(diffing)
    assert (0, True) == (failed, attempted > 0)
