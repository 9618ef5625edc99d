#!/usr/bin/env bash
# Builds the benchmark (engine sources from ../src/main/java + Fenzo 0.9.3) and prints Markdown tables.
#   bench/run.sh            full run (more repetitions)
#   bench/run.sh --quick    shorter run (fewer repetitions, same sizes), under 10 minutes on 2 cores
# Other options are passed to dev.datacenter.bench.Bench (see bench/README.md).
# Set BENCH_JAVA_OPTS to override the JVM options.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -x "$here/../mvnw" ]; then mvn=("$here/../mvnw"); else mvn=(mvn); fi
"${mvn[@]}" -q -f "$here/pom.xml" -DskipTests package >&2
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
exec java ${BENCH_JAVA_OPTS:--Xms2g -Xmx6g -XX:+UseParallelGC} -cp "$cp" dev.datacenter.bench.Bench "$@"
