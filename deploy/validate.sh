#!/usr/bin/env bash
# Validates imwatch's deploy stack without a Docker daemon or a Kubernetes cluster; for CI and for
# anyone changing deploy/. Needs only JDK 17+ and Maven (which fetches one jar, SnakeYAML, into a
# cache the first time). Works from any directory:   bash deploy/validate.sh
#
#  1. deploy/validate/Validate.java (single-file program, JDK + SnakeYAML) parses the compose file,
#     the Prometheus/Alertmanager configs, every Kubernetes manifest and overlay, and checks what
#     must hold: services, images, ports, probe paths, selectors, volumes, config keys known to
#     imwatch, and that the PrometheusRule's spec is exactly deploy/prometheus/rules/imwatch.rules.yml.
#  2. deploy/kubernetes/generate-prometheusrule.sh --check: the committed PrometheusRule is what
#     the generator makes from the rules file, byte for byte.
#  3. Only when the tools happen to be installed (never required): kubectl kustomize, promtool,
#     amtool, docker compose config.
#
# Exit status 0 when every check passed, 1 otherwise; the last line counts them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

SNAKEYAML_VERSION=2.5
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.11.0

passed=0
failed=0
skipped=0
pass() { passed=$((passed + 1)); echo "  ok    $*"; }
flunk() { failed=$((failed + 1)); echo "  FAIL  $*"; }
skip() { skipped=$((skipped + 1)); echo "  skip  $*"; }

# ---- SnakeYAML, from the local Maven repository or Maven Central ----------------------------------
cache=${IMWATCH_VALIDATE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/imwatch-validate}
jar=$cache/snakeyaml-$SNAKEYAML_VERSION.jar
if [[ ! -s $jar ]]; then
  mkdir -p "$cache"
  # run outside the project, so Maven does not load (or enforce) the reactor for a standalone goal
  if ! (cd "$cache" && mvn -q -B "$DEPENDENCY_PLUGIN:copy" \
        -Dartifact="org.yaml:snakeyaml:$SNAKEYAML_VERSION" -DoutputDirectory="$cache" >"$cache/mvn.log" 2>&1); then
    cat "$cache/mvn.log" >&2
    echo "validate: cannot get org.yaml:snakeyaml:$SNAKEYAML_VERSION with Maven (see above)" >&2
    exit 1
  fi
fi

# ---- 1. structure and cross-references --------------------------------------------------------------
echo "== deploy/validate/Validate.java"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
java_status=0
java -cp "$jar" "$here/validate/Validate.java" "$root" | tee "$out" || java_status=$?
if grep -q '^Validate.java finished: ' "$out"; then
  passed=$((passed + $(grep -c '^  ok ' "$out" || true)))
  failed=$((failed + $(grep -c '^  FAIL ' "$out" || true)))
  warnings=$(grep -c '^  warn ' "$out" || true)
  if [[ $java_status -ne 0 ]] && ! grep -q '^  FAIL ' "$out"; then
    flunk "Validate.java exited $java_status without a FAIL line"
  fi
else
  flunk "Validate.java did not run to the end (exit $java_status; compile or runtime error above)"
  warnings=0
fi

# ---- 2. PrometheusRule generated from the rules file -------------------------------------------------
echo "== PrometheusRule vs deploy/prometheus/rules/imwatch.rules.yml (generate-prometheusrule.sh --check)"
if bash "$root/deploy/kubernetes/generate-prometheusrule.sh" --check 2>&1; then
  pass "deploy/kubernetes/prometheusrule.yaml is what the generator makes"
else
  flunk "deploy/kubernetes/prometheusrule.yaml is stale; run: bash deploy/kubernetes/generate-prometheusrule.sh"
fi

# ---- 3. extra checks with tools that may be installed ------------------------------------------------
echo "== optional tools"
if command -v kubectl >/dev/null 2>&1; then
  for dir in "$root/deploy/kubernetes" "$root"/deploy/examples/*/; do
    [[ -f $dir/kustomization.yaml ]] || continue
    rel=${dir#"$root"/}
    if log=$(kubectl kustomize "$dir" 2>&1 >/dev/null); then
      pass "kubectl kustomize ${rel%/} builds"
    else
      flunk "kubectl kustomize ${rel%/}: $log"
    fi
  done
else
  skip "kubectl not installed (kustomize build)"
fi
if command -v promtool >/dev/null 2>&1; then
  if log=$(promtool check config --syntax-only "$root/deploy/compose/prometheus.yml" 2>&1); then
    pass "promtool check config deploy/compose/prometheus.yml"
  else
    flunk "promtool check config deploy/compose/prometheus.yml: $log"
  fi
  # The compose stack must run the Prometheus major version the rules are tested with: 3.x ranges
  # are left-open (a [40m] window holds 40 one-minute samples, not 41), which moves the windows.
  tested=$(promtool --version 2>&1 | sed -n 's/^promtool, version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
  image=$(sed -n 's/^ *image: *prom\/prometheus:v\{0,1\}\([0-9][0-9.]*\).*/\1/p' "$root/deploy/compose/docker-compose.yml" | head -n 1)
  if [[ -z $tested || -z $image ]]; then
    flunk "cannot compare Prometheus versions: promtool says '${tested:-?}', compose runs prom/prometheus:'${image:-?}' (pin a vX.Y.Z tag)"
  elif [[ ${image%%.*} == "$tested" ]]; then
    pass "compose runs prom/prometheus $image, the major version the rules are tested with (promtool $tested.x)"
  else
    flunk "compose runs prom/prometheus $image but the rules are tested with promtool $tested.x: pin a $tested.x image or test the rules on ${image%%.*}.x"
  fi
else
  skip "promtool not installed"
fi
if command -v amtool >/dev/null 2>&1; then
  if log=$(amtool check-config "$root/deploy/compose/alertmanager.yml" 2>&1); then
    pass "amtool check-config deploy/compose/alertmanager.yml"
  else
    flunk "amtool check-config deploy/compose/alertmanager.yml: $log"
  fi
else
  skip "amtool not installed"
fi
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  if log=$(docker compose -f "$root/deploy/compose/docker-compose.yml" config -q 2>&1); then
    pass "docker compose config"
  else
    flunk "docker compose config: $log"
  fi
else
  skip "docker compose (v2) not installed"
fi

echo "$warnings warning(s) above (things written elsewhere that do not exist yet, or advice)"
if [[ $failed -ne 0 ]]; then
  echo "validate: FAILED, see the FAIL lines above"
fi
echo "validate: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
