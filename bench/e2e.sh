#!/usr/bin/env bash
# End-to-end benchmark: the sandbox (simulated nodes and kubelet) in one JVM, the operator in another, a driver
# in a third. Prints Markdown tables (bench/README.md, README "Performance").
#   bench/e2e.sh --quick     1,000 nodes x 10,000 instances (200 apps)
#   bench/e2e.sh             and 5,000 nodes x 50,000 instances (1,000 apps)
# Environment: WRITERS (the operator's datacenter.allocation.writers, default: the operator's default),
# OPERATOR_HEAP / SANDBOX_HEAP (-Xmx, defaults 1g / 3g; 5,000 nodes: 1g / 6g), OPERATOR_OPTS (more -D options),
# SKIP_BUILD=1 (use target/quarkus-app as it is), PHASES=burst (the burst and the heap only), PHASE_TIMEOUT=SECONDS
# (each phase's bound; default 300 s or 20 pods/s, whichever is longer: a phase that runs out prints how far it got).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
APP=${APP:-target/quarkus-app}   # the packaged operator to run
WORK=$ROOT/target/e2e
mkdir -p "$WORK"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1

PIDS=()
cleanup() { # every process this script started, by its pid; SIGKILL after 20 s
  local p
  for p in "${PIDS[@]:-}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  for _ in $(seq 20); do
    local alive=0
    for p in "${PIDS[@]:-}"; do
      [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null && alive=1
    done
    (( alive )) || return 0
    sleep 1
  done
  for p in "${PIDS[@]:-}"; do
    [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$APP"/quarkus-run.jar ]]; then
  echo "building the operator (./mvnw package -DskipTests)" >&2
  ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true >&2
fi
javac -nowarn -cp "$APP/lib/main/*" -d "$WORK/classes" bench/e2e/E2eDriver.java 2>&1 | grep -v '^Note:' >&2 || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_http() { # url seconds
  local until=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    (( SECONDS > until )) && { echo "no answer from $1" >&2; return 1; }
    sleep 1
  done
}

WRITERS=${WRITERS:-$(grep -E '^datacenter.allocation.writers=' src/main/resources/application.properties | cut -d= -f2)}

run_size() { # nodes apps perApp sandboxHeap operatorHeap
  local nodes=$1 apps=$2 per=$3 sbheap=$4 opheap=$5
  local nodefile=$WORK/nodes-$nodes.json kubeconfig=$WORK/kubeconfig-$nodes-$$
  python3 bench/e2e/nodes.py "$nodes" > "$nodefile"
  rm -f "$kubeconfig"
  local api=$(free_port) sbhttp=$(free_port) ophttp=$(free_port)
  echo "== $nodes nodes: sandbox on $api (heap $sbheap), operator on $ophttp (heap $opheap, writers $WRITERS)" >&2
  java -Xmx"$sbheap" -XX:+UseG1GC -Ddatacenter.sandbox.enabled=true -Ddatacenter.sandbox.operator=false \
       -Ddatacenter.sandbox.api-port="$api" -Ddatacenter.sandbox.nodes="$nodefile" \
       -Ddatacenter.sandbox.kubeconfig="$kubeconfig" -Dquarkus.http.port="$sbhttp" \
       -jar "$APP"/quarkus-run.jar > "$WORK/sandbox-$nodes.log" 2>&1 &
  local sbpid=$!
  PIDS+=("$sbpid")
  local until=$((SECONDS + 300))
  until [[ -s "$kubeconfig" ]] && kubectl --kubeconfig "$kubeconfig" get --raw /version >/dev/null 2>&1; do
    (( SECONDS > until )) && { echo "sandbox did not start (see $WORK/sandbox-$nodes.log)" >&2; return 1; }
    sleep 1
  done
  KUBECONFIG=$kubeconfig java -Xmx"$opheap" -XX:+UseG1GC -Dquarkus.http.port="$ophttp" \
       -Ddatacenter.allocation.writers="$WRITERS" ${OPERATOR_OPTS:-} \
       -jar "$APP"/quarkus-run.jar > "$WORK/operator-$nodes.log" 2>&1 &
  local oppid=$!
  PIDS+=("$oppid")
  wait_http "http://localhost:$ophttp/q/health/ready" 300
  java -Xmx1g -Dphases="${PHASES:-all}" -Dphase.timeout="${PHASE_TIMEOUT:-0}" -cp "$WORK/classes:$APP/lib/main/*" E2eDriver "$kubeconfig" "$nodes" "$apps" "$per" \
       "$WRITERS" "$ophttp" "$oppid" "$sbpid" "${CEILING_PODS:-3000}"
  cleanup
  PIDS=()
}

echo "# End to end ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
if [[ "${1:-}" == "--size" ]]; then   # --size NODES APPS INSTANCES_PER_APP: one size of your choice
  run_size "$2" "$3" "$4" "${SANDBOX_HEAP:-3g}" "${OPERATOR_HEAP:-1g}"
  exit 0
fi
run_size 1000 200 50 "${SANDBOX_HEAP:-3g}" "${OPERATOR_HEAP:-1g}"
if (( QUICK == 0 )); then
  run_size 5000 1000 50 "${SANDBOX_HEAP_LARGE:-6g}" "${OPERATOR_HEAP_LARGE:-1g}"
fi
