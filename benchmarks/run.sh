#!/usr/bin/env bash
# Runs the JMH benchmarks from the shaded jar with the gc profiler, writing JSON results.
#
#   benchmarks/run.sh quick [JMH options and benchmark regexps...]   # minutes: a smoke check
#   benchmarks/run.sh full  [JMH options and benchmark regexps...]   # longer: figures to publish
#
# Build the jar first:  ./mvnw -q -B -ntp package -DskipTests
# Example:  benchmarks/run.sh quick -p agents=1000,10000 RoutingDecisionBenchmark
# Results go to benchmarks/results/<profile>-<UTC time>.json (or set RESULT=path).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
profile="$1"
shift
case "$profile" in
  quick) options=(-f 1 -wi 2 -i 3 -w 500ms -r 500ms) ;;
  full) options=(-f 2 -wi 5 -i 5) ;;
  *) echo "unknown profile: $profile" >&2; usage ;;
esac

if [ ! -f "$jar" ]; then
  echo "no $jar; build it first: ./mvnw -q -B -ntp package -DskipTests" >&2
  exit 2
fi

result="${RESULT:-$here/results/$profile-$(date -u +%Y%m%dT%H%M%SZ).json}"
mkdir -p "$(dirname "$result")"
echo "results: $result" >&2
exec java -jar "$jar" "${options[@]}" -prof gc -rf json -rff "$result" "$@"
