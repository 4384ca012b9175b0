#!/usr/bin/env bash
# Run the fuzz target for a bounded time: tests/fuzz/run.sh [SECONDS] [libFuzzer flags...]
#
# SECONDS defaults to 60. Each input may take 10 s and the process 2048 MB at most.
# The corpus the run grows and any crash inputs go to a temporary folder, printed at
# the end; tests/fuzz/corpus/ is read, never written. PYTHON picks the interpreter
# (default: python), which needs atheris and chronology installed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
shift || true
python="${PYTHON:-python}"

work="$(mktemp -d "${TMPDIR:-/tmp}/chronology-fuzz.XXXXXX")"
mkdir -p "$work/new" "$work/seeds" "$work/artifacts"
# Seeds: the test fixtures, the head of the bundled chronology, and the kept corpus.
cp "$repo"/tests/fixtures/*.yaml "$work/seeds/"
head -n 200 "$repo/events.yaml" >"$work/seeds/events-head.yaml"

status=0
"$python" "$here/fuzz_validate.py" \
    -max_total_time="$seconds" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -workers=1 \
    -max_len=65536 \
    -dict="$here/yaml.dict" \
    -artifact_prefix="$work/artifacts/" \
    "$@" \
    "$work/new" "$work/seeds" "$here/corpus" || status=$?

echo "fuzz: exit status $status; grown corpus in $work/new; crash inputs in $work/artifacts:"
ls -l "$work/artifacts"
exit "$status"
