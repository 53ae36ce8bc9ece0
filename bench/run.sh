#!/bin/sh
# Runs Kiln's benchmark (docs/BENCHMARKS.md): builds the project, fetches Apache Karaf through Maven for the
# side-by-side figures, and runs the harness. Options go to the harness (e.g. --trials 5); see --help below.
#   bench/run.sh                 the full run (9–14 minutes on 2 cores)
#   bench/run.sh --karaf-skip    Kiln only
#   bench/run.sh --dev-only      only the inner loop (plugins built from sources inside Kiln, kiln dev); no Karaf
#   bench/run.sh --calls-only    only calls through a swap (issue 10): the per-call JMH microbenchmarks, then calls
#                                through reloads and memory after updates on Kiln (about 5 minutes); no Karaf
#   bench/run.sh --flags old,server,server+cds   only JVM option sets side by side, interleaved (issue 11 §4); no Karaf
#   bench/run.sh --fleet [--trials N]            only the fleet: three nodes on a ZooKeeper ensemble (issue 13); no Karaf
#   bench/run.sh --crash         only crash safety (issue 12 §1): every write step of a plugin update (new version, new build) and a section change,
#                                then 50 random SIGKILLs (--crash-cycles N, --seed N; about 8 minutes); no Karaf
#   bench/run.sh --scale-only    only the scale run (issue 12 §2): launch with 200 and 1,000 DS plugins, one update
#                                with 5 and with 200 installed, a 10-deep chain's root updated; no Karaf
# Environment: KILN_BENCH_SKIP_BUILD=1 uses the jars already built; KARAF_VERSION (default 4.4.6);
# KILN_BENCH_REVISION names what was measured in the report (default: git describe --always --dirty).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
karaf_version=${KARAF_VERSION:-4.4.6}
karaf_dir=bench/target/karaf
command="bench/run.sh $*"

with_karaf=true
if [ "${1:-}" = "--karaf-skip" ]; then
  with_karaf=false
  shift
fi
with_jmh=false
for arg in "$@"; do
  if [ "$arg" = "--dev-only" ]; then
    with_karaf=false # the inner loop is Kiln's alone
  fi
  if [ "$arg" = "--flags" ]; then
    with_karaf=false # JVM option sets are Kiln's own
  fi
  if [ "$arg" = "--crash" ]; then
    with_karaf=false # so is the crash test's hook
  fi
  if [ "$arg" = "--scale-only" ]; then
    with_karaf=false # the scale run is Kiln's alone
  fi
  if [ "$arg" = "--calls-only" ]; then
    with_karaf=false # so are the calls through a swap
    with_jmh=true
  fi
done
if [ "${1:-}" = "--help" ]; then
  exec java -jar bench/target/kiln-bench.jar --help
fi
with_fleet=false
[ "${1:-}" = "--fleet" ] && with_fleet=true

if [ -z "${KILN_BENCH_SKIP_BUILD:-}" ]; then
  echo "Building Kiln (mvn -B -q package -DskipTests) ..."
  mvn -B -q package -DskipTests
fi

if $with_jmh; then
  # the per-call overhead (docs/BENCHMARKS.md, "Calls through a swap"), the handle from the distribution measured;
  # KILN_BENCH_JMH_ARGS replaces the run's length
  echo "Per-call overhead (JMH) ..."
  # shellcheck disable=SC2086
  java -cp "bench/target/kiln-bench.jar:bench/target/jmh-lib/*:launcher/target/kiln/system/kiln-runtime.jar:launcher/target/kiln/system/kiln-plugin-api.jar" \
    org.openjdk.jmh.Main ${KILN_BENCH_JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s} \
    -rf text -rff bench/target/jmh-results.txt 'io\.kiln\.bench\.jmh\.'
fi

if $with_fleet; then
  # its own run (docs/BENCHMARKS.md, "Fleet"): ZooKeeper and Gson come from the JMH class path
  exec java -cp "bench/target/kiln-bench.jar:bench/target/jmh-lib/*" io.kiln.bench.FleetMain "$@"
fi

set --  --kiln launcher/target/kiln "$@"
if $with_karaf; then
  if [ ! -x "$karaf_dir/apache-karaf-$karaf_version/bin/karaf" ]; then
    echo "Fetching Apache Karaf $karaf_version from Maven Central ..."
    mkdir -p "$karaf_dir"
    if mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.7.1:copy \
         -Dartifact="org.apache.karaf:apache-karaf:$karaf_version:tar.gz" -DoutputDirectory="$karaf_dir" \
       && tar -xzf "$karaf_dir/apache-karaf-$karaf_version.tar.gz" -C "$karaf_dir"; then
      :
    else
      echo "Could not fetch or unpack Karaf $karaf_version: measuring Kiln alone" >&2
    fi
  fi
  if [ -x "$karaf_dir/apache-karaf-$karaf_version/bin/karaf" ]; then
    set -- "$@" --karaf "$karaf_dir/apache-karaf-$karaf_version"
  else
    set -- "$@" --karaf-missing "org.apache.karaf:apache-karaf:$karaf_version:tar.gz could not be fetched from Maven Central or unpacked"
  fi
else
  set -- "$@" --karaf-missing "skipped (--karaf-skip)"
fi

revision=${KILN_BENCH_REVISION:-$(git describe --always --dirty 2>/dev/null || echo "unknown (not a git checkout)")}
KILN_BENCH_COMMAND=$command KILN_BENCH_REVISION=$revision exec java -jar bench/target/kiln-bench.jar "$@"
