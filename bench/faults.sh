#!/usr/bin/env bash
# The fault suite: leader kills, API faults and bad input against the sandbox alone and operator replicas in
# separate JVMs, on the loopback only. Prints Markdown tables; exits non-zero on any broken invariant.
#   bench/faults.sh            50 leader-kill rounds, 15 rounds per fault rate
#   bench/faults.sh --quick    10 leader-kill rounds, 4 rounds per fault rate
# Every process it starts is killed when it ends (also on failure or Ctrl-C).
# FAULTS_SKIP_BUILD=1 reuses target/quarkus-app; FAULTS_ONLY=kill,faults,bad runs only those parts;
# FAULTS_SEED=n changes the random choices (42); FAULTS_DEBUG=1 has the operator replicas log at DEBUG.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/target/faults"
mkdir -p "$WORK"
: > "$WORK/pids"

cleanup() {
  local code=$?
  if [ -n "${DRIVER_PID:-}" ]; then kill -9 "$DRIVER_PID" 2>/dev/null || true; fi
  if [ -f "$WORK/pids" ]; then
    while read -r pid; do
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    done < "$WORK/pids"
  fi
  exit $code
}
trap cleanup EXIT INT TERM

if [ "${FAULTS_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "== building the operator (./mvnw -q package -DskipTests)" >&2
  ./mvnw -q package -DskipTests
fi

# a copy of the build, so that a build during the run does not change the JVMs the suite restarts
rm -rf "$WORK/app" && cp -r target/quarkus-app "$WORK/app"
CP="$WORK/app/lib/main/*:$WORK/app/lib/boot/*"
java -Xmx512m -cp "$CP" -Dfaults.root="$ROOT" -Dfaults.only="${FAULTS_ONLY:-}" \
     -Dfaults.seed="${FAULTS_SEED:-42}" -Dfaults.debug="${FAULTS_DEBUG:-false}" bench/faults/FaultsDriver.java "$@" &
DRIVER_PID=$!
echo "$DRIVER_PID" >> "$WORK/pids"
set +e
wait "$DRIVER_PID"
code=$?
DRIVER_PID=
exit $code
