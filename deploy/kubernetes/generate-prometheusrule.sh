#!/usr/bin/env bash
# Writes deploy/kubernetes/prometheusrule.yaml: a Prometheus Operator PrometheusRule whose spec is
# exactly deploy/prometheus/rules/imwatch.rules.yml (a rules file is `groups: [...]`, and so is a
# PrometheusRule's spec, so the file is copied verbatim, indented under `spec:`).
# Only bash, awk and sed: no YAML library needed.
#
#   generate-prometheusrule.sh            regenerate prometheusrule.yaml
#   generate-prometheusrule.sh --check    exit 1, with a diff, if prometheusrule.yaml is stale
#   generate-prometheusrule.sh --stdout   print what it would write

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rules_rel=deploy/prometheus/rules/imwatch.rules.yml
out_rel=deploy/kubernetes/prometheusrule.yaml

mode=write
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --stdout) mode=stdout ;;
  -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--check|--stdout]" >&2; exit 2 ;;
esac

src_rel=$rules_rel
[[ -f "$root/$src_rel" ]] || { echo "generate-prometheusrule: $src_rel is missing" >&2; exit 1; }

render() {
  cat <<HEADER
# GENERATED from $src_rel by deploy/kubernetes/generate-prometheusrule.sh. Do not edit:
# change the rules file, then run   bash deploy/kubernetes/generate-prometheusrule.sh
# (deploy-check's PrometheusRuleGeneratedTest fails when the two drift apart). Your Prometheus
# resource must select this PrometheusRule (ruleSelector / ruleNamespaceSelector;
# kube-prometheus-stack: label release).
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: imwatch
  labels:
    app.kubernetes.io/name: imwatch
    app.kubernetes.io/part-of: imwatch
spec:
HEADER
  # CRLF -> LF; drop a document start (---) before the top-level key; indent non-empty lines by 2
  sed -e 's/\r$//' "$root/$src_rel" \
    | awk 'BEGIN { body = 0 }
           !body && /^---([[:space:]]|$)/ { next }
           /^[^#[:space:]]/ { body = 1 }
           { print }' \
    | sed -e 's/^\(.\)/  \1/'
}

case $mode in
  stdout)
    render
    ;;
  write)
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    render > "$tmp"
    mv "$tmp" "$root/$out_rel"
    trap - EXIT
    echo "generate-prometheusrule: wrote $out_rel from $src_rel" >&2
    ;;
  check)
    if [[ ! -f "$root/$out_rel" ]]; then
      echo "generate-prometheusrule: $out_rel is missing; run: bash deploy/kubernetes/generate-prometheusrule.sh" >&2
      exit 1
    fi
    if ! diff -u --label "$out_rel (committed)" --label "$out_rel (from $src_rel)" \
        "$root/$out_rel" <(render) >&2; then
      echo "generate-prometheusrule: $out_rel is out of sync with $src_rel;" \
           "run: bash deploy/kubernetes/generate-prometheusrule.sh and commit the result" >&2
      exit 1
    fi
    echo "generate-prometheusrule: $out_rel is in sync with $src_rel" >&2
    ;;
esac
