#!/usr/bin/env bash
# Geo benchmark (issue 4), PostGIS measured in the same run on the same data:
#   1. point → grid over 10,000 irregular grids: the in-memory index on one core vs PostGIS ST_Contains per point;
#   2. nearest 5 of 50,000 moving members: the in-memory moving-object index (while every member moves
#      once a second) vs a PostGIS KNN query.
#   scripts/bench-geo.sh [--grids 10000] [--lookups 5000000] [--members 50000] [--queries 200000]
# Runs on its own database (dropped afterwards), like scripts/test.sh. Output also in target/bench/geo.log.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

GRIDS=10000 LOOKUPS=5000000 MEMBERS=50000 QUERIES=200000
while [ $# -gt 0 ]; do
  case "$1" in
    --grids) GRIDS=$2; shift 2 ;;
    --lookups) LOOKUPS=$2; shift 2 ;;
    --members) MEMBERS=$2; shift 2 ;;
    --queries) QUERIES=$2; shift 2 ;;
    *) rw_die "usage: scripts/bench-geo.sh [--grids N] [--lookups N] [--members N] [--queries N]" ;;
  esac
done

rw_require_root
rw_ensure_tools
rw_ensure_postgres
db="rw_geobench_$$"; role="rw_geobench_$$"; db_pw=$(rw_random_secret)
cleanup() { rw_drop_database "$db"; rw_drop_role "$role"; }
trap cleanup EXIT
rw_ensure_database "$db" "$role" "$db_pw"

[ -f bench/target/red-whistle-bench.jar ] || ./mvnw -B -q -DskipTests package
BENCH=bench/target/red-whistle-bench.jar
log_dir=target/bench; mkdir -p "$log_dir"
url="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$db"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

{
  echo "# scripts/bench-geo.sh on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "## 1. point → grid (the JVM pinned to one core${pin:+ with taskset}; PostgreSQL on the other)"
  $pin java -Xms1g -Xmx1g -jar "$BENCH" grid "$url" "$role" "$db_pw" "$GRIDS" "$LOOKUPS" 20000
  echo "## 2. nearest 5 of $MEMBERS moving members"
  java -Xms1g -Xmx1g -jar "$BENCH" nearest "$url" "$role" "$db_pw" "$MEMBERS" "$QUERIES" 5 5000
} 2>&1 | grep -v -E "^(SLF4J|WARNING)" | tee "$log_dir/geo.log"
