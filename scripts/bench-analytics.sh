#!/usr/bin/env bash
# Camera analytics benchmark (issue 7), two parts:
#  1. OpenCV analysis throughput on real 640x480 frames, the old people detector (Daimler HOG, issue 7)
#     beside the new one (CenterNet through OpenCV DNN, issue 22) in one run: decode + people + MOG2
#     motion per camera, with one thread and with one per core, on the demo footage (opencv-doc's
#     vtest.avi with people, tree.avi without) and on the detector evaluation set (photographs);
#     frames/s, frames/s per core, per-frame p50/p99, and both detectors' precision/recall on the set.
#  2. Intrusion -> verified alarm: the platform on its own database and broker; N walls, each watched by
#     a camera 40 m away that answers capture_snapshot with a frame of people; each wall fires once, an
#     operator STOMP session times the alarm and its VERIFIED update. Also the OpenCV time per snapshot
#     inside the platform (from the snapshot table).
#   scripts/bench-analytics.sh [--seconds 20] [--intrusions 30]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

SECONDS_PER_RUN=20 INTRUSIONS=30
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --intrusions) INTRUSIONS=$2; shift 2 ;;
    *) rw_die "usage: scripts/bench-analytics.sh [--seconds 20] [--intrusions 30]" ;;
  esac
done

rw_require_root
rw_ensure_tools
rw_ensure_frames
rw_ensure_detector_model
rw_ensure_eval_set
rw_ensure_postgres
[ -f command-api/target/red-whistle.jar ] && [ -f bench/target/red-whistle-bench.jar ] || ./mvnw -B -q -DskipTests package
JAR=command-api/target/red-whistle.jar
BENCH=bench/target/red-whistle-bench.jar
log_dir=target/bench; mkdir -p "$log_dir"

rw_log "part 1: OpenCV analysis throughput, ${SECONDS_PER_RUN}s per run"
java -Xmx1g -jar "$BENCH" analytics "$RW_FRAMES_DIR" "$SECONDS_PER_RUN" "$RW_EVAL_DIR" "$RW_DETECTOR_MODEL" | tee "$log_dir/analytics-throughput.log"

app_pid=""
trap rw_bench_teardown EXIT
rw_bench_services abench

rw_log "part 2: starting the app (port $http_port)"
RW_DB_URL="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$db" RW_DB_USER="$app_role" RW_DB_PASSWORD="$app_pw" \
RW_DB_OWNER_USER="$role" RW_DB_OWNER_PASSWORD="$db_pw" \
RW_JWT_SECRET="$(rw_random_secret)$(rw_random_secret)" RW_MQTT_URL="tcp://127.0.0.1:$port" RW_MQTT_USER=platform \
RW_MQTT_PASSWORD="$platform_pw" RW_PROVISION_PASSWORD="$(rw_random_secret)" RW_DEMO=true RW_DEMO_PASSWORD="$demo_pw" \
RW_HTTP_PORT="$http_port" RW_INSTANCE_ID="abench-$$" \
  java -Xms512m -Xmx1g -jar "$JAR" > "$log_dir/analytics-app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$http_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  kill -0 "$app_pid" 2>/dev/null || { tail -30 "$log_dir/analytics-app.log"; rw_die "the app exited"; }
  sleep 1
done

# N walls in a row 60 m apart along the community's south side, each with a camera 40 m north of it looking south
rw_psql_admin -d "$db" -v ON_ERROR_STOP=1 -qc "
  with c as (select id from area where code = '370705001001')
  insert into device (id, kind, serial, name, area_id, location, state, attributes)
  select format('vb-w-%s', lpad(i::text, 3, '0')), 'perimeter_alarm', format('SN-VB-W-%s', i), format('压测围墙 %s', i), c.id,
         st_setsrid(st_makepoint(119.1205 + i * 0.00067, 36.7030 + (i / 16) * 0.0012), 4326), 'ACTIVE', '{}'::jsonb
    from generate_series(0, $INTRUSIONS - 1) i, c
  union all
  select format('vb-c-%s', lpad(i::text, 3, '0')), 'camera', format('SN-VB-C-%s', i), format('压测摄像机 %s', i), c.id,
         st_setsrid(st_makepoint(119.1205 + i * 0.00067, 36.7030 + (i / 16) * 0.0012 + 0.00036), 4326), 'ACTIVE',
         '{\"directionDeg\":180,\"fovDeg\":50,\"rangeM\":60}'::jsonb
    from generate_series(0, $INTRUSIONS - 1) i, c" >/dev/null

java -Xmx512m -jar "$BENCH" verify-bench --api "http://127.0.0.1:$http_port" --mqtt "tcp://127.0.0.1:$port" \
  --admin-password "$demo_pw" --frames "$RW_FRAMES_DIR" --intrusions "$INTRUSIONS" | tee "$log_dir/analytics-verify.log"
inside=$(rw_psql_admin -d "$db" -Atc "
  select format('%s snapshots analysed: OpenCV p50 %s ms, p99 %s ms; stored -> analysed p50 %s ms; people found on %s',
    count(*), round(percentile_cont(0.5) within group (order by analysis_ms)::numeric, 0),
    round(percentile_cont(0.99) within group (order by analysis_ms)::numeric, 0),
    round(percentile_cont(0.5) within group (order by extract(epoch from analysed_at - received_at) * 1000)::numeric, 0),
    count(*) filter (where people > 0))
  from snapshot where device_id like 'vb-c-%' and analysed_at is not null")

cat <<REPORT

=== camera analytics benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)) ===
analysis throughput (640x480, decode + people (old: Daimler HOG, new: CenterNet) + MOG2 motion):
$(grep '^RESULT' "$log_dir/analytics-throughput.log" | sed 's/^RESULT /  /')
intrusion -> verified alarm ($INTRUSIONS walls, one camera each, frames of people):
$(grep '^RESULT' "$log_dir/analytics-verify.log" | sed 's/^RESULT /  /')
  inside the platform: $inside
REPORT
