#!/usr/bin/env bash
# Checks imwatch's Prometheus rules: `promtool check rules` on every rules file, then
# `promtool test rules` on every unit-test file. Runnable from any directory; exits non-zero if
# promtool is missing, a file does not check, or a test fails.
#
#   bash deploy/prometheus/check.sh
#
# PROMTOOL=/path/to/promtool overrides the promtool found on PATH. With PROMTOOL_OPTIONAL=true a
# missing promtool is a skip (exit 0) rather than a failure: `mvn verify` on a developer machine
# sets it; CI installs promtool and does not.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
promtool="${PROMTOOL:-promtool}"

if ! command -v "$promtool" >/dev/null 2>&1; then
    if [[ "${PROMTOOL_OPTIONAL:-false}" == "true" ]]; then
        echo "check.sh: SKIPPED: promtool is not installed (sudo apt-get install -y prometheus runs these tests)" >&2
        exit 0
    fi
    echo "check.sh: promtool not found (looked for '$promtool')." >&2
    echo "  Install it with:  sudo apt-get install -y prometheus   (Debian/Ubuntu; provides /usr/bin/promtool)" >&2
    echo "  or download a Prometheus release from https://prometheus.io/download/ and set PROMTOOL=/path/to/promtool." >&2
    exit 127
fi

shopt -s nullglob
rule_files=("$here"/rules/*.yml "$here"/rules/*.yaml)
test_files=("$here"/tests/*.test.yml "$here"/tests/*.test.yaml)
shopt -u nullglob

if ((${#rule_files[@]} == 0)); then
    echo "check.sh: no rule files under $here/rules" >&2
    exit 1
fi
if ((${#test_files[@]} == 0)); then
    echo "check.sh: no test files under $here/tests" >&2
    exit 1
fi

echo "== $("$promtool" --version 2>&1 | head -n 1)"
echo "== promtool check rules (${#rule_files[@]} file(s))"
"$promtool" check rules "${rule_files[@]}"

echo "== promtool test rules (${#test_files[@]} file(s))"
# Test files name their rule files relative to themselves (../rules/...); promtool resolves
# them against the test file's directory, so the working directory does not matter.
"$promtool" test rules "${test_files[@]}"

echo "== all Prometheus rule checks and tests passed"
