#!/usr/bin/env bash
# RSS of imwatch under load and after a failover, with the Kubernetes pod's memory settings
# (JAVA_TOOL_OPTIONS of deploy/kubernetes/statefulset.yaml, rocksdb.memory.mb of imwatch.yaml).
#   mvn -B -q -pl stream-app -am package -DskipTests
#   bash deploy-check/memory/measure-rss.sh [RATE [LOAD_SECONDS [AFTER_SECONDS]]]
# A broker JVM with the demo load (LoadBroker.java), two imwatch JVMs in one group (standby
# replicas 1, one stream thread, as in imwatch.yaml); after LOAD_SECONDS imwatch-0 is SIGKILLed
# and imwatch-1 takes all tasks. Prints the peak RSS of each phase and imwatch-1's native memory
# summary (NMT). The session timeout is 10 s here (imwatch.yaml: 120 s) so the failover happens
# within the run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rate=${1:-5000}
load=${2:-180}
after=${3:-150}
jar=$root/stream-app/target/imwatch.jar
work=$(mktemp -d)
# AlwaysPreTouch: the whole heap is in RSS from the start, so the figures are the ceiling a long run reaches
jvm=(-Xms1g -Xmx1g -XX:MaxDirectMemorySize=64m -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

java -Xmx1g -cp "$jar" "$root/deploy-check/memory/LoadBroker.java" "$rate" "$work/bootstrap" >"$work/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do [[ -s $work/bootstrap ]] && break; sleep 1; done
bootstrap=$(cat "$work/bootstrap")
ports=()
for i in 0 1; do
  port=$((18080 + i)); ports+=("$port")
  java "${jvm[@]}" -jar "$jar" run --set bootstrap.servers="$bootstrap" --set http.port="$port" \
    --set state.dir="$work/state-$i" --set rocksdb.memory.mb=384 --set kafka.num.stream.threads=1 \
    --set kafka.num.standby.replicas=1 --set kafka.group.instance.id="imwatch-$i" \
    --set kafka.session.timeout.ms=10000 --set demo.enabled=false --set summary.interval=0s \
    >"$work/imwatch-$i.log" 2>&1 &
  pids+=($!)
done
a=${pids[1]} b=${pids[2]}
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
events() { { curl -s "localhost:$1/metrics" || true; } | awk '/^imwatch_events_total/ {s+=$2} END {printf "%d", s}'; }
ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' "localhost:$1/health/ready" || true) == 200 ]]; }
for _ in $(seq 300); do ready "${ports[0]}" && ready "${ports[1]}" && break; sleep 1; done
echo "both ready after ${SECONDS}s"
sample() { # seconds, pids...
  local end=$((SECONDS + $1)); shift
  declare -A peak
  while ((SECONDS < end)); do
    for p in "$@"; do r=$(rss "$p"); ((r > ${peak[$p]:-0})) && peak[$p]=$r; done
    sleep 5
  done
  for p in "$@"; do echo -n " pid $p peak ${peak[$p]} MiB;"; done; echo
}
e0=$(( $(events "${ports[0]}") + $(events "${ports[1]}") ))
echo -n "load ($rate ev/s offered, ${load}s), both instances:"; sample "$load" "$a" "$b"
e1=$(( $(events "${ports[0]}") + $(events "${ports[1]}") ))
echo "processed $(( (e1 - e0) / load )) ev/s"
kill -9 "$a"
echo -n "after SIGKILL of imwatch-0 (${after}s), survivor imwatch-1:"; sample "$after" "$b"
e2=$(events "${ports[1]}")
echo "survivor ready: $(ready "${ports[1]}" && echo yes || echo no); its events total $e2"
jcmd "$b" VM.native_memory summary | grep -E '^Total|^-  *(Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Native Memory Tracking|Arena Chunk|Metaspace)' | sed 's/, *mmap.*//'
echo "RSS of the survivor now: $(rss "$b") MiB (NMT counts the JVM's own memory; RocksDB's is the rest)"
