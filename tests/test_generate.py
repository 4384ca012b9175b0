"""The chronology generator in ``benchmarks/generate.py``: valid, realistic, deterministic.

Benchmarks and render tests rely on it, so its files must pass the real checks
(quotes against the generated source texts included), say exactly what the
generator meant, and come out byte for byte the same for the same arguments.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import chronology
from benchmarks.generate import MISTAKES, GeneratedChronology, generate, write
from chronology.validate import check_file

from conftest import REPO, Run

#: The date forms of docs/format.md, as :func:`_date_forms` names them.
DATE_FORMS = {"year", "month", "day", "~", "?", "%", "interval", "open start", "open end"}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[GeneratedChronology, Path]:
    """A 500-event chronology, written once for the tests that read it."""
    generated = generate(500)
    return generated, write(generated, tmp_path_factory.mktemp("big"))


def _date_forms(text: str) -> set[str]:
    """The forms a date is written in: its precisions, qualifiers and interval kind."""
    forms = set()
    if text.startswith("../"):
        forms.add("open start")
    elif text.endswith("/.."):
        forms.add("open end")
    elif "/" in text:
        forms.add("interval")
    for part in text.split("/"):
        if part != "..":
            bare = part.rstrip("~?%")
            forms.add({4: "year", 7: "month", 10: "day"}[len(bare)])
            forms.update(part[len(bare) :])
    return forms


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.txt")} | {
        "events.yaml": (folder / "events.yaml").read_bytes()
    }


@pytest.mark.parametrize("n", [1, 50])
def test_small_generated_files_validate_without_problems(n: int, tmp_path: Path) -> None:
    """Generated files of 1 and 50 events pass every check, quotes included.

    Only errors count: most generated sources have no archived_url (W004), a warning.
    """
    path = write(generate(n, seed=n), tmp_path)
    assert [] == [p for p in chronology.validate(path) if p.is_error]


def test_500_events_validate_without_problems(
    big: tuple[GeneratedChronology, Path],
) -> None:
    """A 500-event file passes every check (warnings aside, as above)."""
    _, path = big
    assert [] == [p for p in chronology.validate(path) if p.is_error]


#: How many likely duplicates (W001) a generated file of 1,000 events may have: real
#: chronologies have few; a handful of chance likenesses is realistic.
MAX_LIKELY_DUPLICATES = 3


def test_generated_events_are_rarely_likely_duplicates(tmp_path: Path) -> None:
    """Generated files of 1,000 events have at most a handful of W001 warnings.

    This protects the realism of the titles and quotes: when titles came from a few
    fixed templates and events reused each other's quotes, W001 fired on nearly half
    of the events, and benchmarks of `chronology validate` timed thousands of warnings
    no real file has. Titles must name who, where and how many; quotes must be the
    event's own. Three seeds, each validated as `chronology validate` does.
    """
    counts = {}
    for seed in range(3):
        path = write(generate(1000, seed=seed), tmp_path / f"seed-{seed}")
        counts[seed] = sum(p.code == "W001" for p in chronology.validate(path))
    assert [] == [
        f"seed {seed}: {count} likely duplicates"
        for seed, count in counts.items()
        if count > MAX_LIKELY_DUPLICATES
    ]


def test_loader_reads_what_the_generator_meant(tmp_path: Path) -> None:
    """The real loader reads the YAML text back as exactly the generator's data.

    This pins the hand-written YAML: quoting, folded and literal blocks, flow lists.
    """
    generated = generate(300, seed=11)
    report = check_file(write(generated, tmp_path))
    assert (True, generated.data) == (report.valid, report.data)
    assert 300 == len(chronology.load(tmp_path / "events.yaml"))


def test_every_date_form_appears_in_500_events(big: tuple[GeneratedChronology, Path]) -> None:
    """Years, months and days, each qualifier, closed and open intervals all appear."""
    generated, _ = big
    found = set().union(*(_date_forms(e["date"]) for e in generated.data["events"]))
    assert DATE_FORMS == found


def test_content_is_realistic(big: tuple[GeneratedChronology, Path]) -> None:
    """Titles up to 80 characters with Kazakh letters and TeX-special characters.

    Also: 6 to 10 categories, 10 to 20 tags, and every source cited and backed by a
    generated text.
    """
    generated, _ = big
    events = generated.data["events"]
    titles = [e["title"] for e in events]
    letters = set("".join(titles))
    special = set("$\\{}%_^")
    kazakh = set("әғқңөұүі")  # Kazakh letters that Russian has not
    tags = {t for e in events for t in e.get("tags", [])}
    cited = {c["source"] for e in events for c in e["sources"]}
    assert (80, special, kazakh, True) == (
        max(map(len, titles)),
        special & letters,
        kazakh & letters,
        6 <= len(generated.data["categories"]) <= 10 and 10 <= len(tags) <= 20,
    )
    sources = generated.data["sources"]
    assert ({s["id"] for s in sources}, {s["file"] for s in sources}) == (
        cited,
        set(generated.seeds),
    )


def test_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    """Generating twice with the same n, seed and errors writes byte-identical files."""
    first = write(generate(120, seed=3, errors=7), tmp_path / "a").parent
    second = write(generate(120, seed=3, errors=7), tmp_path / "b").parent
    assert _files(first) == _files(second)


def test_a_different_seed_gives_a_different_chronology() -> None:
    """Another seed gives other events and other source texts."""
    one, other = generate(50, seed=1), generate(50, seed=2)
    assert (False, False) == (one.events_yaml == other.events_yaml, one.seeds == other.seeds)


def test_command_line_writes_the_same_files_in_another_process(tmp_path: Path, run: Run) -> None:
    """`python -m benchmarks.generate` writes what `write(generate(...))` does, and it validates.

    The child process has its own string hashing (PYTHONHASHSEED), so this also
    checks that nothing depends on set or hash order.
    """
    out = tmp_path / "cli"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", "40", str(out), "--seed", "4"],
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": "123"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    expected = write(generate(40, seed=4), tmp_path / "api").parent
    validated = run("validate", "events.yaml", cwd=out)
    assert (0, "") == (result.returncode, result.stderr)
    assert _files(expected) == _files(out)
    summary = "events.yaml: valid, 40 events from 5 sources, with "
    assert (0, summary) == (validated.returncode, validated.stdout.splitlines()[-1][: len(summary)])


def test_errors_are_reported_each_with_a_line(tmp_path: Path) -> None:
    """With errors=K, every mistake's problem code is reported, so at least K problems.

    K is more than the kinds of mistakes, so every kind is made; each problem has a
    line in the file, and no mistake stops the file from being read (no Y codes).
    """
    errors = len(MISTAKES) + 6
    generated = generate(400, seed=9, errors=errors)
    path = write(generated, tmp_path)
    problems = chronology.validate(path)
    lines = generated.events_yaml.count("\n")
    expected = Counter(m.code for m in generated.mistakes)
    found = Counter(p.code for p in problems)
    assert (errors, set(MISTAKES)) == (
        len(generated.mistakes),
        {m.kind for m in generated.mistakes},
    )
    assert expected == expected & found
    assert [] == [str(p) for p in problems if not 1 <= p.line <= lines or p.code[0] == "Y"]


def test_errors_change_only_k_events() -> None:
    """errors=K puts one mistake in each of K events and leaves the rest as without errors."""
    clean, broken = generate(200, seed=5), generate(200, seed=5, errors=12)
    changed = [
        index
        for index, (a, b) in enumerate(
            zip(clean.data["events"], broken.data["events"], strict=True)
        )
        if a != b
    ]
    assert (12, clean.seeds, clean.data["sources"]) == (
        len(changed),
        broken.seeds,
        broken.data["sources"],
    )


def test_mistakes_are_described() -> None:
    """Each mistake names its kind, its event and the code it causes."""
    generated = generate(30, seed=1, errors=2)
    ids = {e.get("id") for e in generated.data["events"]}
    assert [(True, True, True)] * 2 == [
        (m.kind in MISTAKES, m.event_id in ids, re.fullmatch(r"[A-Z][0-9]{3}", m.code) is not None)
        for m in generated.mistakes
    ]


@pytest.mark.parametrize(
    ("n", "errors", "message"),
    [
        (0, 0, "n must be at least 1, not 0"),
        (5, 6, "errors must be between 0 and n (5), not 6"),
        (5, -1, "errors must be between 0 and n (5), not -1"),
    ],
)
def test_bad_arguments_are_refused(n: int, errors: int, message: str) -> None:
    """No events, or more mistakes than events, is a ValueError that says so."""
    with pytest.raises(ValueError, match="must be") as caught:
        generate(n, errors=errors)
    assert message == str(caught.value)
