"""The contribution workflow: pre-commit hooks, the CI workflow, CONTRIBUTING.md, the pull
request template and the editor settings, each checked against the real command line."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

import chronology
from chronology.cli import build_parser

from conftest import REPO, Run

HOOKS_MANIFEST = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
CONTRIBUTING = REPO / "CONTRIBUTING.md"
PR_TEMPLATE = REPO / ".github" / "pull_request_template.md"
EDITORS = REPO / "docs" / "editors.md"
VSCODE_SETTINGS = REPO / ".vscode" / "settings.json"
SCHEMA = REPO / "schema" / "events.schema.json"

MODELINE = "# yaml-language-server: $schema=schema/events.schema.json"

#: Where a shell command line stops being the command's own words.
SHELL_OPERATORS = frozenset({">", ">>", "<", "|", "||", "&", "&&", ";"})


# ------------------------------------------------------------------------------ helpers


def _tool(name: str) -> str:
    """A console script installed beside the running interpreter, as conftest finds
    ``chronology``."""
    beside = Path(sys.executable).with_name(name)
    assert beside.is_file(), (
        f"{name!r} is not installed beside {sys.executable}: pip install '.[test]'"
    )
    return str(beside)


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _manifest_hooks() -> list[dict[str, Any]]:
    hooks = _load_yaml(HOOKS_MANIFEST)
    assert isinstance(hooks, list)
    return hooks


def _hook(hook_id: str) -> dict[str, Any]:
    (hook,) = (hook for hook in _manifest_hooks() if hook["id"] == hook_id)
    return hook


def _copy_data(folder: Path, change: Callable[[str], str] | None = None) -> Path:
    """A copy of the repository's events.yaml and seeds/ in ``folder``, optionally changed."""
    shutil.copytree(REPO / "seeds", folder / "seeds")
    text = (REPO / "events.yaml").read_text(encoding="utf-8")
    target = folder / "events.yaml"
    target.write_text(change(text) if change else text, encoding="utf-8", newline="")
    return target


def _misspell_first_title(text: str) -> str:
    """An unknown field 'titel' and a missing 'title': invalid data (S003, S002)."""
    changed = text.replace("\n    title: ", "\n    titel: ", 1)
    assert changed != text
    return changed


def _single_quote_first_date(text: str) -> str:
    """A date in single quotes: still valid data, but not the canonical layout, which
    writes dates in double quotes."""
    changed, count = re.subn(r'^(\s+date: )"([^"]*)"$', r"\1'\2'", text, count=1, flags=re.M)
    assert 1 == count
    return changed


#: For each hook: how to break a copy of the data so that the hook must fail.
BREAKERS: dict[str, Callable[[str], str]] = {
    "chronology-validate": _misspell_first_title,
    "chronology-fmt-check": _single_quote_first_date,
}


def _parse(words: Sequence[str]) -> argparse.Namespace:
    """``chronology WORDS...`` parsed by the real parser; a clear failure if it is not a
    valid command line. ``--help`` parses to an empty namespace."""
    assert "chronology" == words[0], words
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return build_parser().parse_args(list(words[1:]))
    except SystemExit as exc:
        if exc.code == 0:
            return argparse.Namespace()
        pytest.fail(f"`{shlex.join(words)}` is not a valid command line: {err.getvalue()}")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("chronology has no subcommands")


def _shell_words(line: str) -> list[str]:
    """The words of one shell command line, up to a redirection, pipe or list operator."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words: list[str] = []
    for word in lexer:
        if word in SHELL_OPERATORS:
            break
        words.append(word)
    return words


def _script_lines(script: str) -> Iterator[str]:
    """The command lines of a shell script: comments dropped, ``\\`` continuations joined."""
    pending = ""
    for raw in script.splitlines():
        line = pending + raw.strip()
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        pending = ""
        if line and not line.startswith("#"):
            yield line


def _fenced_blocks(markdown: str) -> Iterator[tuple[str, str]]:
    """(info string's first word, text) of each fenced code block, indented ones too."""
    lines = iter(markdown.splitlines())
    for line in lines:
        stripped = line.lstrip()
        if not stripped.startswith("```"):
            continue
        indent = len(line) - len(stripped)
        info = stripped[3:].split()
        body: list[str] = []
        for inner in lines:
            if inner.strip() == "```":
                break
            body.append(inner[indent:] if not inner[:indent].strip() else inner.lstrip())
        yield (info[0] if info else ""), "\n".join(body)


def _block_commands(markdown: str) -> list[list[str]]:
    """The ``chronology`` command lines of a document's ``console`` and ``sh`` blocks."""
    commands: list[list[str]] = []
    for info, body in _fenced_blocks(markdown):
        if info == "console":
            # Commands follow a `$ ` prompt; their continuation lines have none.
            script, in_command = [], False
            for line in body.splitlines():
                if line.startswith("$ "):
                    script.append(line[2:])
                    in_command = line.rstrip().endswith("\\")
                elif in_command:
                    script.append(line)
                    in_command = line.rstrip().endswith("\\")
            lines = list(_script_lines("\n".join(script)))
        elif info in ("sh", "shell", "bash"):
            lines = list(_script_lines(body))
        else:
            continue
        commands.extend(words for words in map(_shell_words, lines) if words[:1] == ["chronology"])
    return commands


def _inline_commands(markdown: str) -> list[list[str]]:
    """The ``chronology ...`` spans of inline code outside fenced blocks."""
    outside = re.sub(r"^\s*```.*?^\s*```[ \t]*$", "", markdown, flags=re.S | re.M)
    return [_shell_words(span) for span in re.findall(r"`(chronology [^`]+)`", outside)]


def _check_names(words: Sequence[str]) -> None:
    """An inline mention such as `chronology diff` or `chronology fmt --check` names a real
    subcommand and real options of it (its required arguments may be left out)."""
    subcommands = _subcommands()
    assert words[1] in subcommands, f"`{shlex.join(words)}`: no subcommand {words[1]!r}"
    options = subcommands[words[1]]._option_string_actions
    for word in words[2:]:
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            assert name in options, f"`{shlex.join(words)}`: {words[1]} has no option {name!r}"


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = "".join(c for c in text if c in " -" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    outside = re.sub(r"^\s*```.*?^\s*```[ \t]*$", "", text, flags=re.S | re.M)
    return {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", outside, flags=re.M)}


# ------------------------------------------------------------------------ hook manifest


class TestHookManifest:
    def test_pre_commit_accepts_the_manifest(self) -> None:
        """pre-commit's own check accepts .pre-commit-hooks.yaml: another project's
        pre-commit can load these hooks."""
        result = subprocess.run(
            [_tool("pre-commit"), "validate-manifest", str(HOOKS_MANIFEST)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode, result.stdout + result.stderr

    def test_hooks_have_the_required_fields_and_run_chronology(self) -> None:
        """Each hook has the fields pre-commit requires (id, name, entry, language), is
        installed as a Python package, and runs the `chronology` command; the hooks are
        exactly the ones the tests below know how to break."""
        hooks = _manifest_hooks()
        assert sorted(BREAKERS) == sorted(hook["id"] for hook in hooks)
        for hook in hooks:
            assert {"id", "name", "entry", "language"} <= set(hook), hook
            assert "python" == hook["language"], hook
            assert "chronology" == shlex.split(hook["entry"])[0], hook

    def test_entries_are_the_documented_commands(self) -> None:
        """The hooks run `chronology validate` and `chronology fmt --check`, and their
        entries are valid command lines."""
        entries = {hook["id"]: shlex.split(hook["entry"]) for hook in _manifest_hooks()}
        assert {
            "chronology-validate": ["chronology", "validate"],
            "chronology-fmt-check": ["chronology", "fmt", "--check"],
        } == entries
        for words in entries.values():
            _parse([*words, "events.yaml"])

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ("events.yaml", True),
            ("events.yml", True),
            ("data/events.yaml", True),
            ("a/b/events.yml", True),
            ("other.yaml", False),
            ("my-events.yaml", False),
            ("data/my_events.yaml", False),
            ("events.yaml.bak", False),
            ("events.json", False),
            ("tests/fixtures/invalid-bad-slug.yaml", False),
        ],
    )
    def test_files_pattern(self, path: str, expected: bool) -> None:
        """Every hook runs on a file named events.yaml or events.yml in any folder and on
        nothing else (pre-commit matches `files` with re.search on the path)."""
        for hook in _manifest_hooks():
            assert expected == bool(re.search(hook["files"], path)), (hook["id"], path)

    @pytest.mark.parametrize("hook_id", sorted(BREAKERS))
    def test_hook_passes_on_the_repository_data(
        self, hook_id: str, run: Run, tmp_path: Path
    ) -> None:
        """Run as pre-commit runs it (entry, args, then the file names), the hook exits 0
        on a copy of this repository's events.yaml and seeds/."""
        hook = _hook(hook_id)
        _copy_data(tmp_path)
        words = [*shlex.split(hook["entry"]), *hook.get("args", []), "events.yaml"]
        result = run(*words[1:], cwd=tmp_path)
        assert 0 == result.returncode, result.stdout + result.stderr

    @pytest.mark.parametrize("hook_id", sorted(BREAKERS))
    def test_hook_fails_on_broken_data(self, hook_id: str, run: Run, tmp_path: Path) -> None:
        """The hook exits 1 on a copy broken in the way it exists to catch: invalid data
        for validate, a layout that is not canonical for fmt --check."""
        hook = _hook(hook_id)
        _copy_data(tmp_path, BREAKERS[hook_id])
        words = [*shlex.split(hook["entry"]), *hook.get("args", []), "events.yaml"]
        result = run(*words[1:], cwd=tmp_path)
        assert 1 == result.returncode, result.stdout + result.stderr

    def test_layout_breaker_keeps_the_data_valid(self, run: Run, tmp_path: Path) -> None:
        """The copy that fmt --check must refuse is valid data: that hook fails for the
        layout alone."""
        _copy_data(tmp_path, BREAKERS["chronology-fmt-check"])
        result = run("validate", "events.yaml", cwd=tmp_path)
        assert 0 == result.returncode, result.stdout + result.stderr


# ---------------------------------------------------------------------- pre-commit config


class TestPreCommitConfig:
    def test_pre_commit_accepts_the_config(self) -> None:
        """pre-commit's own check accepts .pre-commit-config.yaml."""
        result = subprocess.run(
            [_tool("pre-commit"), "validate-config", str(PRE_COMMIT_CONFIG)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode, result.stdout + result.stderr

    def test_local_hooks_are_the_published_hooks(self) -> None:
        """The repository checks its own data with the hooks it publishes (same ids, same
        entries), declared local with language system so that they run the working
        tree's chronology."""
        config = _load_yaml(PRE_COMMIT_CONFIG)
        (repo,) = config["repos"]
        assert "local" == repo["repo"]
        published = {hook["id"]: hook["entry"] for hook in _manifest_hooks()}
        local = {hook["id"]: hook["entry"] for hook in repo["hooks"]}
        assert published == local
        assert ["system"] * len(local) == [hook["language"] for hook in repo["hooks"]]

    def test_local_validate_also_runs_when_a_seed_changes(self) -> None:
        """A changed seed text can break a quote without touching events.yaml, so the
        local validate hook runs for either and always checks events.yaml."""
        config = _load_yaml(PRE_COMMIT_CONFIG)
        (hook,) = (h for h in config["repos"][0]["hooks"] if h["id"] == "chronology-validate")
        assert re.search(hook["files"], "events.yaml")
        assert re.search(hook["files"], "seeds/004_new.txt")
        assert not re.search(hook["files"], "tests/fixtures/invalid-bad-slug.yaml")
        assert hook["pass_filenames"] is False
        assert ["events.yaml"] == hook["args"]

    @staticmethod
    def _pre_commit_run(folder: Path, chronology_script: str) -> subprocess.CompletedProcess[str]:
        """`pre-commit run --all-files` with this repository's config, in a new git
        repository in ``folder`` (the hooks need no download: language system)."""
        git = shutil.which("git")
        if git is None:
            pytest.skip("git is not installed")
        shutil.copy(PRE_COMMIT_CONFIG, folder / ".pre-commit-config.yaml")
        env = {
            **os.environ,
            "PATH": str(Path(chronology_script).parent) + os.pathsep + os.environ["PATH"],
            "PRE_COMMIT_HOME": str(folder.parent / "pre-commit-home"),
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        for args in (["init", "--quiet"], ["add", "--all"]):
            subprocess.run([git, *args], cwd=folder, env=env, check=True, capture_output=True)
        return subprocess.run(
            [_tool("pre-commit"), "run", "--all-files", "--color", "never"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def test_pre_commit_passes_on_the_repository_data(
        self, chronology_script: str, tmp_path: Path
    ) -> None:
        """pre-commit itself, with this repository's config, passes every hook on a copy
        of the data."""
        folder = tmp_path / "repo"
        folder.mkdir()
        _copy_data(folder)
        result = self._pre_commit_run(folder, chronology_script)
        assert 0 == result.returncode, result.stdout + result.stderr
        assert re.search(r"^chronology validate\.+Passed$", result.stdout, flags=re.M)
        assert re.search(r"^chronology fmt --check\.+Passed$", result.stdout, flags=re.M)

    def test_pre_commit_fails_on_invalid_data(self, chronology_script: str, tmp_path: Path) -> None:
        """pre-commit, with this repository's config, fails the validate hook on invalid
        data and shows the problem."""
        folder = tmp_path / "repo"
        folder.mkdir()
        _copy_data(folder, _misspell_first_title)
        result = self._pre_commit_run(folder, chronology_script)
        assert 1 == result.returncode, result.stdout + result.stderr
        assert re.search(r"^chronology validate\.+Failed$", result.stdout, flags=re.M)
        assert "S003" in result.stdout


# ----------------------------------------------------------------------------- workflow


def _workflow() -> dict[Any, Any]:
    workflow = _load_yaml(WORKFLOW)
    assert isinstance(workflow, dict)
    return workflow


def _steps() -> list[dict[str, Any]]:
    return [step for job in _workflow()["jobs"].values() for step in job["steps"]]


def _workflow_commands() -> list[list[str]]:
    return [
        words
        for step in _steps()
        if "run" in step
        for words in map(_shell_words, _script_lines(step["run"]))
        if words[:1] == ["chronology"]
    ]


class TestWorkflow:
    def test_valid_against_the_github_workflow_schema(self) -> None:
        """check-jsonschema's vendored GitHub workflow schema (offline) accepts ci.yml."""
        result = subprocess.run(
            [
                _tool("check-jsonschema"),
                "--builtin-schema",
                "vendor.github-workflows",
                str(WORKFLOW),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode, result.stdout + result.stderr

    def test_triggers_and_permissions(self) -> None:
        """It runs on every pull request and on pushes to main, with read-only access to
        the repository and nothing else."""
        workflow = _workflow()
        # PyYAML reads YAML 1.1, where the key `on` is the boolean true.
        triggers = workflow.get("on", workflow.get(True))
        assert {"pull_request": None, "push": {"branches": ["main"]}} == triggers
        assert {"contents": "read"} == workflow["permissions"]
        for job in workflow["jobs"].values():
            assert "permissions" not in job

    def test_actions_pinned_to_major_versions(self) -> None:
        """The only actions used are checkout and setup-python, pinned to a major
        version."""
        uses = {step["uses"] for step in _steps() if "uses" in step}
        assert {"actions/checkout@v4", "actions/setup-python@v5"} == uses

    def test_no_expression_interpolated_into_a_script(self) -> None:
        """No `run:` script contains `${{`: values reach scripts through `env:`, so that
        text from a pull request (a branch name) is never executed as shell code."""
        scripts = [step["run"] for step in _steps() if "run" in step]
        assert scripts
        assert [] == [script for script in scripts if "${{" in script]

    def test_chronology_commands_are_real(self) -> None:
        """The workflow's chronology commands parse with the real parser: validate with
        annotations, fmt --check, and diff against the base branch in Markdown."""
        parsed = {words[1]: _parse(words) for words in _workflow_commands()}
        assert ["diff", "fmt", "validate"] == sorted(parsed)
        assert ("github", ["events.yaml"]) == (parsed["validate"].format, parsed["validate"].paths)
        assert (True, ["events.yaml"]) == (parsed["fmt"].check, parsed["fmt"].paths)
        diff = parsed["diff"]
        assert ("origin/${BASE_REF}:events.yaml", "events.yaml", "markdown") == (
            diff.old,
            diff.new,
            diff.format,
        )

    def test_diff_goes_to_the_job_summary_with_the_base_ref_from_env(self) -> None:
        """The diff step gets the base branch through `env:`, runs only for pull
        requests, appends to the job summary, and its job checked out every branch."""
        for job in _workflow()["jobs"].values():
            for step in job["steps"]:
                if "chronology diff" in step.get("run", ""):
                    assert {"BASE_REF": "${{ github.base_ref }}"} == step["env"]
                    assert "github.event_name == 'pull_request'" in step["if"]
                    assert step["run"].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
                    checkout = job["steps"][0]
                    assert "actions/checkout@v4" == checkout["uses"]
                    assert 0 == checkout["with"]["fetch-depth"]
                    return
        pytest.fail("no step runs chronology diff")

    def test_tests_and_linters_run_through_ci_run_on_the_oldest_python(self) -> None:
        """A step runs .ci/run (the tests and linters), which exists and is executable,
        and the matrix includes the oldest Python that pyproject.toml allows."""
        assert [".ci/run"] == [s["run"] for s in _steps() if ".ci/run" in s.get("run", "")]
        assert os.access(REPO / ".ci" / "run", os.X_OK)
        pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
        match = re.search(r'^requires-python = ">=(\d+\.\d+)"$', pyproject, flags=re.M)
        assert match is not None
        matrix = _workflow()["jobs"]["tests"]["strategy"]["matrix"]["python-version"]
        assert match.group(1) in matrix


# ---------------------------------------------------------- CONTRIBUTING and the template


class TestContributingCommands:
    def test_command_blocks_name_real_commands(self) -> None:
        """Every `chronology` line of CONTRIBUTING.md's console and sh blocks is a valid
        command line, and together they show new, validate, fmt and diff."""
        commands = _block_commands(CONTRIBUTING.read_text(encoding="utf-8"))
        for words in commands:
            _parse(words)
        assert {"new", "validate", "fmt", "diff"} <= {words[1] for words in commands}

    @pytest.mark.parametrize("path", [CONTRIBUTING, PR_TEMPLATE, EDITORS], ids=lambda p: p.name)
    def test_inline_mentions_name_real_options(self, path: Path) -> None:
        """Every inline `chronology ...` in the contributor docs names a real subcommand
        and real options of it."""
        mentions = _inline_commands(path.read_text(encoding="utf-8"))
        assert mentions
        for words in mentions:
            _check_names(words)

    def test_pull_request_checklist_commands_are_complete_and_real(self) -> None:
        """The template is a checklist whose commands are whole, valid command lines,
        covering validate, fmt --check and diff."""
        items = [
            line
            for line in PR_TEMPLATE.read_text(encoding="utf-8").splitlines()
            if line.startswith("- [ ] ")
        ]
        assert len(items) >= 5
        commands = [words for item in items for words in _inline_commands(item)]
        parsed = {words[1]: _parse(words) for words in commands}
        assert {"validate", "fmt", "diff"} <= set(parsed)
        assert any(words[1:3] == ["fmt", "--check"] for words in commands)

    def test_pre_commit_example_uses_the_published_hooks(self) -> None:
        """The configuration CONTRIBUTING.md offers to other projects names the hooks of
        .pre-commit-hooks.yaml, and the files pattern it quotes is theirs."""
        text = CONTRIBUTING.read_text(encoding="utf-8")
        examples = [
            yaml.safe_load(body)
            for info, body in _fenced_blocks(text)
            if info == "yaml" and body.startswith("repos:")
        ]
        assert 1 == len(examples)
        (repo,) = examples[0]["repos"]
        hooks = _manifest_hooks()
        assert [hook["id"] for hook in hooks] == [hook["id"] for hook in repo["hooks"]]
        assert {hook["files"] for hook in hooks} == {r"(^|/)events\.ya?ml$"}
        assert "`(^|/)events\\.ya?ml$`" in text

    @pytest.mark.parametrize("path", [CONTRIBUTING, PR_TEMPLATE, EDITORS], ids=lambda p: p.name)
    def test_relative_links_resolve(self, path: Path) -> None:
        """Every relative link in the contributor docs points at a file that exists and,
        with a #fragment, at a heading of it."""
        text = path.read_text(encoding="utf-8")
        broken = []
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, fragment = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists() or (fragment and fragment not in _anchors(linked)):
                broken.append(target)
        assert [] == broken

    def test_the_five_minute_example_adds_a_valid_event(self, run: Run, tmp_path: Path) -> None:
        """CONTRIBUTING.md's `chronology new` example works on a copy of the data: with
        --dry-run it changes nothing; without it, it adds the event, and the file stays
        valid and in the canonical layout."""
        (example,) = [
            words
            for words in _block_commands(CONTRIBUTING.read_text(encoding="utf-8"))
            if words[1] == "new" and len(words) > 2
        ]
        assert "--dry-run" in example
        data = _copy_data(tmp_path)
        before = data.read_bytes()

        result = run(*example[1:], cwd=tmp_path)
        assert 0 == result.returncode, result.stdout + result.stderr
        assert before == data.read_bytes()

        result = run(*[w for w in example[1:] if w != "--dry-run"], cwd=tmp_path)
        assert 0 == result.returncode, result.stdout + result.stderr
        title = example[example.index("--title") + 1]
        added = [event for event in chronology.load(data) if event.title == title]
        assert ["../2017-01-11"] == [str(event.date) for event in added]
        for check in (["validate", "events.yaml"], ["fmt", "--check", "events.yaml"]):
            result = run(*check, cwd=tmp_path)
            assert 0 == result.returncode, (check, result.stdout + result.stderr)


# ------------------------------------------------------------------------------ editors


class TestEditorSupport:
    def test_vscode_maps_the_schema_to_events_yaml(self) -> None:
        """.vscode/settings.json maps the repository's schema file to events.yaml."""
        settings = json.loads(VSCODE_SETTINGS.read_text(encoding="utf-8"))
        ((schema_path, patterns),) = settings["yaml.schemas"].items()
        assert SCHEMA.resolve() == (REPO / schema_path).resolve()
        assert ["events.yaml"] == patterns

    def test_documented_modeline_names_the_schema_from_events_yaml(self) -> None:
        """docs/editors.md shows the modeline, and its path, taken from events.yaml's
        folder as the YAML language server takes it, is the schema."""
        text = EDITORS.read_text(encoding="utf-8")
        assert MODELINE in text
        path = MODELINE.split("$schema=", 1)[1]
        assert SCHEMA.resolve() == ((REPO / "events.yaml").parent / path).resolve()

    def test_events_yaml_starts_with_the_modeline(self) -> None:
        """events.yaml's first line is the documented modeline, so that editors find the
        schema with no settings."""
        first_line = (REPO / "events.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert MODELINE == first_line

    def test_editors_page_names_the_schema_as_it_is(self) -> None:
        """docs/editors.md gives the schema's real $id and draft."""
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        text = EDITORS.read_text(encoding="utf-8")
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
        assert "Draft 2020-12" in text
        assert f"`{schema['$id']}`" in text
