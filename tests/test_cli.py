"""The ``chronology`` command, driven through the real console script."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import chronology

from conftest import FIXTURES, Run

PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) .+$")


def _copy_fixture(name: str, folder: Path) -> Path:
    shutil.copytree(FIXTURES / "seeds", folder / "seeds", dirs_exist_ok=True)
    target = folder / name
    shutil.copy(FIXTURES / name, target)
    return target


class TestValidateBundled:
    def test_bundled_chronology_is_valid_with_one_line_summary(self, run: Run) -> None:
        """`chronology validate events.yaml` exits 0 and prints one summary line."""
        result = run("validate", "events.yaml")
        count = len(chronology.load())
        assert 0 == result.returncode, result.stdout + result.stderr
        assert f"events.yaml: valid, {count} events from 6 sources\n" == result.stdout
        assert "" == result.stderr

    def test_default_path_is_events_yaml_in_current_folder(self, run: Run) -> None:
        """With no PATH, validate checks ./events.yaml."""
        result = run("validate")
        assert 0 == result.returncode
        assert result.stdout.startswith("events.yaml: valid, ")

    def test_default_path_missing_is_a_usage_error(self, run: Run, tmp_path: Path) -> None:
        """With no PATH and no ./events.yaml, validate says so and exits 2."""
        result = run("validate", cwd=tmp_path)
        assert 2 == result.returncode
        assert "cannot read events.yaml: No such file or directory" in result.stderr


class TestValidateProblems:
    def test_problems_are_path_line_col_code_message(self, run: Run, tmp_path: Path) -> None:
        """Each problem is one `PATH:LINE:COL: CODE message` line, PATH as typed."""
        sub = tmp_path / "sub"
        sub.mkdir()
        _copy_fixture("invalid-unknown-field.yaml", sub)
        result = run("validate", "sub/invalid-unknown-field.yaml", cwd=tmp_path)
        lines = result.stdout.splitlines()
        assert 1 == result.returncode
        assert [
            "sub/invalid-unknown-field.yaml:18:5: S003 event '2013-fox-jumps': "
            "unknown field 'titel' (did you mean 'title'?)",
            "Found 1 error and 0 warnings in 1 of 1 file",
        ] == lines

    def test_every_problem_is_reported_not_just_the_first(self, run: Run, tmp_path: Path) -> None:
        """A file with many mistakes gets one line for each, in file order."""
        _copy_fixture("valid-minimal.yaml", tmp_path)
        broken = (tmp_path / "valid-minimal.yaml").read_text(encoding="utf-8")
        broken = broken.replace('date: "2013"', "date: 2013").replace(
            "category: animals", "category: animals\n    titel: x\n    tags: [Bad]"
        )
        (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
        result = run("validate", "broken.yaml", cwd=tmp_path)
        found = [PROBLEM_LINE.match(line) for line in result.stdout.splitlines()[:-1]]
        assert 1 == result.returncode
        assert ["S001", "S003", "S004"] == [m["code"] for m in found if m]
        lines = [int(m["line"]) for m in found if m]
        assert sorted(lines) == lines

    def test_json_format_gives_the_same_problems(self, run: Run, tmp_path: Path) -> None:
        """`--format json` reports the same problems as the text format, as data."""
        _copy_fixture("meaning-quote-not-found.yaml", tmp_path)
        text = run("validate", "meaning-quote-not-found.yaml", cwd=tmp_path)
        as_json = run("validate", "--format", "json", "meaning-quote-not-found.yaml", cwd=tmp_path)
        document = json.loads(as_json.stdout)
        assert 1 == as_json.returncode
        assert False is document["valid"]
        shown = [
            f"{p['path']}:{p['line']}:{p['column']}: {p['code']} {p['message']} ({p['hint']})"
            for p in document["problems"]
        ]
        assert text.stdout.splitlines()[:-1] == shown

    def test_several_files_exit_1_if_any_is_invalid(self, run: Run, tmp_path: Path) -> None:
        """Checking a valid and an invalid file together exits 1 and counts both."""
        _copy_fixture("valid-minimal.yaml", tmp_path)
        _copy_fixture("meaning-calendar.yaml", tmp_path)
        result = run("validate", "valid-minimal.yaml", "meaning-calendar.yaml", cwd=tmp_path)
        assert 1 == result.returncode
        assert "Found 1 error and 0 warnings in 1 of 2 files" == result.stdout.splitlines()[-1]


class TestUsageErrors:
    def test_missing_file_exits_2_without_traceback(self, run: Run, tmp_path: Path) -> None:
        """A path that does not exist is a usage error (exit 2) with a one-line message."""
        result = run("validate", "nope.yaml", cwd=tmp_path)
        assert 2 == result.returncode
        assert "chronology validate: cannot read nope.yaml: No such file or directory\n" == (
            result.stderr
        )

    def test_directory_exits_2(self, run: Run, tmp_path: Path) -> None:
        """A directory given as PATH is a usage error, not a crash."""
        result = run("validate", str(tmp_path))
        assert 2 == result.returncode
        assert "is a directory" in result.stderr
        assert "Traceback" not in result.stderr

    def test_unknown_option_exits_2(self, run: Run) -> None:
        """An unknown option is a usage error."""
        result = run("validate", "--colour")
        assert 2 == result.returncode
        assert "unrecognized arguments: --colour" in result.stderr

    def test_version(self, run: Run) -> None:
        """`chronology --version` prints the package version."""
        result = run("--version")
        assert (0, f"chronology {chronology.__version__}\n") == (result.returncode, result.stdout)


class TestNeverATraceback:
    def test_broken_files_get_problems_not_tracebacks(self, run: Run, tmp_path: Path) -> None:
        """Hostile and broken files give located problems and exit 1, never a traceback."""
        cases = {
            "binary.yaml": b"\x00\x01\x02\xff\xfe",
            "utf16.yaml": "a: 1\n".encode("utf-16"),
            "python-tag.yaml": b"a: !!python/object/apply:os.system ['touch pwned']\n",
            "laughs.yaml": b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
            "deep.yaml": b"[" * 10_000,
            "tab.yaml": b"sources:\n\t- id: x\n",
            "empty.yaml": b"",
            "scalar.yaml": b"just text\n",
            "two-docs.yaml": b"a: 1\n---\nb: 2\n",
            "dup.yaml": b"sources: []\nsources: []\n",
        }
        for name, data in cases.items():
            (tmp_path / name).write_bytes(data)
        result = run("validate", *cases, cwd=tmp_path)
        assert 1 == result.returncode
        assert "Traceback" not in result.stdout + result.stderr
        assert not (tmp_path / "pwned").exists()
        matches = [PROBLEM_LINE.match(line) for line in result.stdout.splitlines()[:-1]]
        flagged = {m["path"] for m in matches if m}
        assert None not in matches
        assert set(cases) == flagged


def test_load_works_from_any_folder(tmp_path: Path) -> None:
    """After install, `chronology.load()` finds the bundled data from any working folder."""
    import subprocess
    import sys

    code = "import chronology; c = chronology.load(); print(len(c), c[0].title, c[0].date)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    first = chronology.load()[0]
    assert 0 == result.returncode, result.stderr
    assert f"{len(chronology.load())} {first.title} {first.date}\n" == result.stdout


class TestRender:
    def test_writes_each_format_by_extension(self, run: Run, tmp_path: Path) -> None:
        """`chronology render -o OUT` writes PNG, SVG or PDF by OUT's extension and says
        what it wrote."""
        magic = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}
        count = len(chronology.load())
        for fmt, start in magic.items():
            out = tmp_path / f"timeline.{fmt}"
            result = run("render", "events.yaml", "-o", str(out))
            assert 0 == result.returncode, result.stderr
            assert out.read_bytes().startswith(start)
            assert result.stdout.startswith(f"{out}: {count} events, 14x")

    def test_two_processes_write_the_same_bytes(self, run: Run, tmp_path: Path) -> None:
        """Separate runs (different hash seeds) give byte-identical files."""
        for fmt in ("png", "svg", "pdf"):
            a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
            assert 0 == run("render", "-o", str(a), "--theme", "dark").returncode
            assert 0 == run("render", "-o", str(b), "--theme", "dark").returncode
            assert a.read_bytes() == b.read_bytes()

    def test_without_a_path_outside_a_project_draws_the_bundled_chronology(
        self, run: Run, tmp_path: Path
    ) -> None:
        """Installed and run anywhere, `chronology render -o t.png` draws the bundled data."""
        result = run("render", "-o", "t.png", cwd=tmp_path)
        assert 0 == result.returncode, result.stderr
        assert (tmp_path / "t.png").is_file()

    def test_filters_choose_the_events(self, run: Run, tmp_path: Path) -> None:
        """--from/--to/--category/--tag/--place narrow what is drawn, as the library does."""
        expected = len(chronology.load().between("2019", "2022").in_category("protest", "policy"))
        result = run(
            "render",
            "-o",
            str(tmp_path / "t.png"),
            "--from",
            "2019",
            "--to",
            "2022",
            "--category",
            "protest",
            "--category",
            "policy",
        )
        assert 0 == result.returncode, result.stderr
        assert f"{tmp_path / 't.png'}: {expected} events" == result.stdout.split(",")[0]

    def test_no_matching_event_is_an_error_and_writes_nothing(
        self, run: Run, tmp_path: Path
    ) -> None:
        """A filter that matches nothing exits 1 with a sentence, and writes no file."""
        result = run("render", "-o", str(tmp_path / "t.png"), "--tag", "no-such-tag")
        assert 1 == result.returncode
        assert "no events to draw" in result.stderr
        assert [] == list(tmp_path.iterdir())

    def test_invalid_data_is_reported_as_problems(self, run: Run, tmp_path: Path) -> None:
        """An invalid file is not drawn: its problems are printed PATH:LINE:COL: CODE."""
        path = _copy_fixture("meaning-unknown-source.yaml", tmp_path)
        result = run("render", str(path), "-o", str(tmp_path / "t.png"))
        assert 1 == result.returncode
        assert result.stderr.splitlines()
        assert all(PROBLEM_LINE.match(line) for line in result.stderr.splitlines()[:-1])
        assert not (tmp_path / "t.png").exists()

    def test_usage_errors_exit_2_without_a_traceback(self, run: Run, tmp_path: Path) -> None:
        """A bad extension, a bad date, a missing file or folder: one clear line, exit 2."""
        cases = [
            ("-o", str(tmp_path / "t.jpg")),
            ("-o", str(tmp_path / "t.png"), "--from", "2019-13"),
            ("-o", str(tmp_path / "t.png"), "--size", "wide"),
            (str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "t.png")),
            ("-o", str(tmp_path / "no" / "such" / "t.png")),
            ("-o", str(tmp_path / "t.png"), "--from", "2022", "--to", "2019"),
        ]
        for args in cases:
            result = run("render", *args)
            assert 2 == result.returncode, args
            assert "Traceback" not in result.stderr
            assert result.stderr.strip(), args
