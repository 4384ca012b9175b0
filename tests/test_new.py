"""``chronology new``: an event added, checked, in place, and nothing else touched."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import date_strings

from chronology.scaffold import Draft, ScaffoldError, Target, add_event, ask_draft
from chronology.yamlio import read_yaml

from conftest import REPO, Run

QUOTE = "The women were resettled in 12 different regions in Kazakhstan"

VALID = (
    "--no-input",
    "--title",
    "Returnees resettled across twelve regions",
    "--date",
    "2019-06",
    "--category",
    "repatriation",
    "--summary",
    "The women who came back were resettled in twelve regions.",
    "--source",
    "scn-2022",
    "--quote",
    QUOTE,
    "--place",
    "Kazakhstan,KZ",
    "--tag",
    "zhusan",
)

NEW_ID = "2019-06-returnees-resettled-across-twelve-regions"

RECORD = """\
  - id: 2019-06-returnees-resettled-across-twelve-regions
    title: Returnees resettled across twelve regions
    date: "2019-06"
    category: repatriation
    summary: The women who came back were resettled in twelve regions.
    places:
      - {name: Kazakhstan, country: KZ}
    tags: [zhusan]
    sources:
      - source: scn-2022
        quote: "The women were resettled in 12 different regions in Kazakhstan"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's data file and seed texts."""
    shutil.copy(REPO / "events.yaml", tmp_path / "events.yaml")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path


def _inserted(before: str, after: str) -> tuple[str, str, str]:
    """Split ``after`` into (the lines ``before`` shares at the start, what is new, the rest)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    head = 0
    while head < len(old) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < len(old) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return (
        "".join(new[:head]),
        "".join(new[head : len(new) - tail]),
        "".join(new[len(new) - tail :]),
    )


def test_valid_contribution_is_added_in_place(run: Run, project: Path) -> None:
    """A valid event is written in the canonical layout at its place in date order; every
    other byte stays; the file still validates and is still formatted."""
    before = (project / "events.yaml").read_text(encoding="utf-8")
    result = run("new", *VALID, cwd=project)
    after = (project / "events.yaml").read_text(encoding="utf-8")
    line = after.splitlines().index(RECORD.splitlines()[0]) + 1
    assert (0, f"events.yaml:{line}: added event {NEW_ID}\n") == (result.returncode, result.stdout)
    assert before == after.replace("\n" + RECORD, "", 1)
    events = read_yaml(after.encode(), "f")[0]["events"]
    keys = [(_key(e["date"]), e["id"]) for e in events]
    assert (56, sorted(keys)) == (len(keys), keys)
    assert 0 == run("validate", cwd=project).returncode
    assert 0 == run("fmt", "--check", cwd=project).returncode


def test_comments_are_kept(run: Run, tmp_path: Path) -> None:
    """Comments anywhere in the file, above events and at its end, survive byte for byte."""
    source = tmp_path / "source.txt"
    source.write_text("It happened in a town. Then it ended.", encoding="utf-8")
    text = (
        "# a file with comments\n"
        "sources:  # where the words come from\n"
        "  - {id: s, title: S, publisher: P, url: 'https://x.org', file: source.txt}\n"
        "\n"
        "events:\n"
        "  # the early one\n"
        "  - id: a\n"
        "    title: A  # short\n"
        '    date: "2001"\n'
        "    summary: S.\n"
        "    sources: [{source: s, quote: It happened in a town.}]\n"
        "\n"
        "  # the late one\n"
        "  - id: c\n"
        "    title: C\n"
        '    date: "2003"\n'
        "    summary: S.\n"
        "    sources: [{source: s, quote: Then it ended.}]\n"
        "# the end\n"
    )
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    result = run(
        "new", "--no-input", "--id", "b", "--title", "B", "--date", "2002", "--summary", "S.",
        "--source", "s", "--quote", "Then it ended.", cwd=tmp_path,
    )  # fmt: skip
    expected = text.replace(
        "\n  # the late one\n",
        "\n"
        "  - id: b\n"
        "    title: B\n"
        '    date: "2002"\n'
        "    summary: S.\n"
        "    sources:\n"
        "      - source: s\n"
        '        quote: "Then it ended."\n'
        "\n"
        "  # the late one\n",
    )
    assert (0, expected) == (result.returncode, (tmp_path / "events.yaml").read_text("utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--date", "2019-13"), "chronology new: date: '2019-13' has month 13"),
        (("--source", "nope"), "chronology new: source: no source 'nope'; the file has"),
        (("--quote", "Words the source never wrote"), "chronology new: quote: the quote is not in"),
        (("--category", "weather"), "chronology new: category: no category 'weather'"),
        (("--place", "Kazakhstan"), "chronology new: place: 'Kazakhstan' is not NAME,CC"),
        (("--id", "2019-poor-mothers-protests"), "id: an event '2019-poor-mothers-protests'"),
        (("--title", " "), "chronology new: title: the title is empty"),
        (("--related", "no-such-event"), "chronology new: related: no event 'no-such-event'"),
    ],
)  # fmt: skip
def test_each_mistake_is_named_and_nothing_written(
    run: Run, project: Path, change: tuple[str, str], message: str
) -> None:
    """A wrong field gets a line saying what is wrong, exit 1, and the file is untouched."""
    options = list(VALID)
    if change[0] in options:
        options[options.index(change[0]) + 1] = change[1]
    else:
        options.extend(change)
    before = (project / "events.yaml").read_bytes()
    result = run("new", *options, cwd=project)
    assert (1, before) == (result.returncode, (project / "events.yaml").read_bytes())
    assert message in result.stderr
    assert result.stderr.endswith("chronology new: the event was not added\n")
    assert "Traceback" not in result.stderr


def test_unpaired_sources_and_quotes_are_a_usage_error(run: Run, project: Path) -> None:
    """Each --source needs its --quote: a usage error, exit 2."""
    result = run("new", *VALID, "--source", "hrw-2019", cwd=project)
    assert (2, "chronology new: give one --quote after each --source (2 sources, 1 quote)\n") == (
        result.returncode,
        result.stderr,
    )


def test_missing_fields_without_a_terminal(run: Run, project: Path) -> None:
    """Without a terminal nothing is asked: every missing required field is named."""
    result = run("new", "--title", "Only a title", cwd=project)
    assert 1 == result.returncode
    assert [
        "chronology new: date: the date is empty",
        "chronology new: summary: the summary is empty",
        "chronology new: category: give one of foreign-fighters, conflict, repatriation, "
        "rehabilitation, justice, protest, policy, research",
        "chronology new: source: give at least one source and its quote",
        "chronology new: the event was not added",
    ] == result.stderr.splitlines()


def test_dry_run_prints_and_writes_nothing(run: Run, project: Path) -> None:
    """--dry-run prints the record it would add and leaves the file."""
    before = (project / "events.yaml").read_bytes()
    result = run("new", *VALID, "--dry-run", cwd=project)
    assert (0, RECORD, before) == (
        result.returncode,
        result.stdout,
        (project / "events.yaml").read_bytes(),
    )


def test_unreadable_file_is_refused(run: Run, tmp_path: Path) -> None:
    """A data file that is not YAML: its problems, exit 1, the file untouched."""
    (tmp_path / "events.yaml").write_bytes(b"events: [\n")
    result = run("new", *VALID, cwd=tmp_path)
    assert (1, b"events: [\n") == (result.returncode, (tmp_path / "events.yaml").read_bytes())
    assert result.stderr.startswith("events.yaml:2:1: Y003 ")


def test_interrupted_write_leaves_the_original(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted before the rename, the data file is the old one and no temporary is left."""
    from chronology import cli

    before = (project / "events.yaml").read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.chdir(project)
    monkeypatch.setattr(os, "replace", interrupted)
    assert 130 == cli.main(["new", *VALID])
    assert (before, ["events.yaml", "seeds"]) == (
        (project / "events.yaml").read_bytes(),
        sorted(p.name for p in project.iterdir()),
    )


def test_a_file_without_events_gets_the_section(tmp_path: Path) -> None:
    """A file with sources but no `events` gets the section, with the event, at its end."""
    text = b"sources:\n  - {id: s, title: S, publisher: P, url: 'https://x.org'}\n"
    target = Target.from_bytes(text, "events.yaml")
    added = add_event(target, Draft(title="T", date="2001", summary="S.", citations=(("s", "q"),)))
    assert (
        text + b'\nevents:\n  - id: 2001-t\n    title: T\n    date: "2001"\n    summary: S.\n'
        b'    sources:\n      - source: s\n        quote: "q"\n'
    ) == added.text


def test_questions_are_checked_as_they_are_answered() -> None:
    """On a terminal, a wrong answer is explained and asked again, until it is right."""
    target = Target.from_file(REPO / "events.yaml")
    answers = iter(
        [
            "Returnees resettled",  # title
            "2019-13",  # a bad date ...
            "2019-06",  # ... asked again
            "weather",  # not a category ...
            "repatriation",
            "What happened.",  # summary
            "nope",  # not a source ...
            "scn-2022",
            "Words the source never wrote",  # not in the text ...
            QUOTE,
            "n",  # no other source
            "Kazakhstan",  # not NAME,CC ...
            "Kazakhstan,KZ",
            "",  # actors
            "zhusan; women",  # tags
            "",  # the suggested id
        ]
    )
    said: list[str] = []
    draft = ask_draft(target, Draft(), lambda prompt: next(answers), said.append)
    assert (
        Draft(
            title="Returnees resettled",
            date="2019-06",
            summary="What happened.",
            category="repatriation",
            citations=(("scn-2022", QUOTE),),
            places=(("Kazakhstan", "KZ"),),
            tags=("zhusan", "women"),
            id="2019-06-returnees-resettled",
        )
        == draft
    )
    complaints = [
        line.strip() for line in said if line.startswith("  ") and not line.startswith("  =")
    ]
    assert [
        "'2019-13' has month 13: months run from 01 to 12",
        "no category 'weather'; the file declares foreign-fighters, conflict, repatriation, "
        "rehabilitation, justice, protest, policy, research",
        "no source 'nope'; the file has aljazeera-2021, caravanserai-2017, caravanserai-2018, "
        "hrw-2019, rferl-2020, scn-2022",
        "the quote is not in scn-2022's text; the closest passage is",
        "'Kazakhstan' is not NAME,CC (a name and a two-letter ISO country code)",
    ] == [c if not c.startswith("the quote") else c.split(" '")[0] for c in complaints]


def test_interactive_through_a_terminal(chronology_script: str, project: Path) -> None:
    """The real command on a pseudo-terminal asks, and adds what was answered."""
    controller, terminal = pty.openpty()
    answers = [
        "Returnees resettled", "2019-06", "repatriation", "What happened.", "scn-2022", QUOTE,
        "n", "", "", "", "",
    ]  # fmt: skip
    process = subprocess.Popen(
        [chronology_script, "new"],
        cwd=project,
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(terminal)
    for answer in answers:
        os.write(controller, f"{answer}\n".encode())
        time.sleep(0.05)
    out, err = process.communicate(timeout=60)
    os.close(controller)
    assert (0, "events.yaml:") == (process.returncode, out[: len("events.yaml:")])
    assert out.endswith(": added event 2019-06-returnees-resettled\n")
    assert "  = Jun 2019" in err  # the date, as understood, shown as it was answered


# ------------------------------------------------------------------------------ properties


@st.composite
def files_and_drafts(draw: st.DrawFn) -> tuple[bytes, Draft]:
    """A small data file (events in date order, comments between them) and a new event."""
    dates = sorted(draw(st.lists(date_strings(), min_size=0, max_size=6)), key=_key)
    lines = ["sources:", "  - {id: s, title: S, publisher: P, url: 'https://x.org'}", "", "events:"]
    for n, date in enumerate(dates):
        if n:
            lines.append("")
        if draw(st.booleans()):
            lines.append(f"  # about e{n}")
        lines += [f"  - id: e{n}", "    title: T", f'    date: "{date}"', "    summary: S.",
                  "    sources: [{source: s, quote: q}]"]  # fmt: skip
    if not dates:
        lines.pop()
    if draw(st.booleans()):
        lines.append("# the end")
    draft = Draft(title="New", date=draw(date_strings()), summary="S.", citations=(("s", "q"),))
    return ("\n".join(lines) + "\n").encode(), draft


def _key(date: str) -> tuple[object, ...]:
    from chronology.dates import EventDate

    return EventDate.parse(date).sort_key


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files_and_drafts())
def test_adding_keeps_everything_else(case: tuple[bytes, Draft]) -> None:
    """For any file: the new text is the old text with one chunk inserted, its data the old
    data with the event at its date-ordered place, and a formatted file stays formatted."""
    from chronology.formatting import format_bytes

    text, draft = case
    target = Target.from_bytes(text, "events.yaml")
    try:
        added = add_event(target, draft)
    except ScaffoldError as exc:  # pragma: no cover - a failure to explain
        raise AssertionError(exc.problems) from None
    head, _, tail = _inserted(text.decode(), added.text.decode())
    assert text.decode() == head + tail
    old, new = read_yaml(text, "f")[0], read_yaml(added.text, "f")[0]
    events = [e for e in new["events"] if e["id"] != added.id]
    assert (old.get("events") or []) == events
    keys = [(_key(e["date"]), e["id"]) for e in new["events"]]
    assert sorted(keys) == keys
    if not format_bytes(text, "f").changed:  # a formatted file stays formatted
        assert not format_bytes(added.text, "f").changed


def test_module_examples() -> None:
    """The examples in chronology.scaffold's docstrings run as written."""
    import doctest

    from chronology import scaffold

    failed, attempted = doctest.testmod(scaffold)
    assert (0, True) == (failed, attempted > 0)
