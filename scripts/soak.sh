#!/usr/bin/env bash
# Soak (issue 23): an hour of sustained load against a fresh stack of its own, sampled every minute.
#   scripts/soak.sh [--minutes 60] [--instances 2] [--rate 5000] [--members 10000] [--fix-every 5] [--sessions 1000]
#                   [--retention-minutes R] [--write-docs]
# Load: RATE device events/s at QoS 1 from 1,250 devices (cameras, gates, intercoms, face gates) plus one wall intrusion
# every 10 s, which an operator closes as a false alarm a minute later; MEMBERS patrol members whose terminals send a fix
# every FIX_EVERY s (the patrol phone's rate, docs/patrol-phone.md); SESSIONS STOMP sessions over WebSocket with a JWT for
# the whole run. The app runs as INSTANCES instances (RW_INSTANCE_ID rw-1, rw-2, …; own HTTP ports; one database, one
# broker). The time-series retention is shortened to R minutes (default: a quarter of the run, at least 2) so that the
# retention jobs act within the run. Each minute: memory of every process, lag, rates, database size, rows removed,
# errors, printed and written to target/soak/soak.csv; at the end growth per hour over the last half and a verdict per
# series, target/soak/soak.md and soak.svg (--write-docs also puts them into docs/soak.md and docs/soak.svg). See docs/soak.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

MINUTES=60 INSTANCES=2 RATE=5000 MEMBERS=10000 FIX_EVERY=5 SESSIONS=1000 OPERATORS=50 DEVICES=1250 WALLS=60 ALARM_EVERY=10
CLOSE_AFTER=60 RETENTION="" WRITE_DOCS=0 HEAP=${RW_SOAK_HEAP:-1g}
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --instances) INSTANCES=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --members) MEMBERS=$2; shift 2 ;;
    --fix-every) FIX_EVERY=$2; shift 2 ;;
    --sessions) SESSIONS=$2; shift 2 ;;
    --retention-minutes) RETENTION=$2; shift 2 ;;
    --write-docs) WRITE_DOCS=1; shift ;;
    *) rw_die "usage: scripts/soak.sh [--minutes N] [--instances N] [--rate N] [--members N] [--fix-every S] [--sessions N] [--retention-minutes R] [--write-docs]" ;;
  esac
done
[ -n "$RETENTION" ] || RETENTION=$(( MINUTES / 4 > 2 ? MINUTES / 4 : 2 ))
PATROLS=$(( SESSIONS - OPERATORS ))
[ "$PATROLS" -ge 0 ] && [ "$PATROLS" -le "$MEMBERS" ] || rw_die "--sessions must be between $OPERATORS and $OPERATORS + --members"
# partitions a third of the retention long (at least 20 s): a partition goes once its newest row is R minutes old
PART_S=$(( RETENTION * 20 > 20 ? RETENTION * 20 : 20 ))
PREMAKE=$(( 900 / PART_S + 3 ))

rw_require_root
rw_ensure_tools
rw_ensure_detector_model
rw_ensure_postgres
user_pw="soak-$(rw_random_secret)"
app_pid=""; app_pids=(); driver_pid=""; sampler_pid=""; timer_pid=""
cleanup() {
  # the hour's timer too: an orphaned sleep would keep the caller's flock for the rest of the hour
  [ -n "$timer_pid" ] && kill "$timer_pid" 2>/dev/null || true
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null || true
  for p in "${app_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${app_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rw_bench_teardown
}
trap cleanup EXIT
trap 'exit 143' TERM INT
rw_bench_services soak

[ -f command-api/target/red-whistle.jar ] && [ -f bench/target/red-whistle-bench.jar ] || ./mvnw -B -q -DskipTests package
JAR=command-api/target/red-whistle.jar
BENCH=bench/target/red-whistle-bench.jar
out=target/soak; rm -rf "$out"; mkdir -p "$out"
psql_db() { rw_psql_admin -d "$db" -v ON_ERROR_STOP=1 -Atc "$1"; }
jwt_secret="$(rw_random_secret)$(rw_random_secret)"
provision_pw=$(rw_random_secret)

# One instance: the same database, broker and secrets as the others, its own id and HTTP port. Retention settings of the
# soak: the idempotency keys expire after R minutes, checked every minute; pg_partman's maintenance (which drops the
# partitions past their retention) runs every 30 s. Alarms of HIGH and CRITICAL severity go to the members at once.
# The devices send 4 events/s, within their kinds' limit (5/s, bursts of 20), but a backlog the pipeline catches up on
# (start-up, a checkpoint) arrives faster than that, as in scripts/bench-push.sh: the cameras' and gates' limits are
# raised tenfold, and intercoms and face gates (limits only from their kind files) are counted if limited.
start_instance() {
  local i=$1 hport=$2
  RW_DB_URL="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$db" RW_DB_USER="$app_role" RW_DB_PASSWORD="$app_pw" \
  RW_DB_OWNER_USER="$role" RW_DB_OWNER_PASSWORD="$db_pw" \
  RW_JWT_SECRET="$jwt_secret" RW_MQTT_URL="tcp://127.0.0.1:$port" RW_MQTT_USER=platform \
  RW_MQTT_PASSWORD="$platform_pw" RW_PROVISION_PASSWORD="$provision_pw" RW_DEMO=true RW_DEMO_PASSWORD="$demo_pw" \
  RW_HTTP_PORT="$hport" RW_INSTANCE_ID="rw-$i" \
    java -Xms"$HEAP" -Xmx"$HEAP" ${RW_SOAK_APP_OPTS:-} -jar "$JAR" --redwhistle.alarms.auto-dispatch=HIGH,CRITICAL \
      --redwhistle.alliance.training-required=false \
      --redwhistle.ingest.rate-limit.camera-rate=50 --redwhistle.ingest.rate-limit.camera-burst=500 \
      --redwhistle.ingest.rate-limit.access-gate-rate=50 --redwhistle.ingest.rate-limit.access-gate-burst=500 \
      --redwhistle.storage.maintenance-interval=PT30S --redwhistle.storage.maintenance-initial-delay=PT30S \
      --redwhistle.storage.event-key-retention="${RETENTION}m" --redwhistle.storage.event-key-retention-check=PT1M \
      --redwhistle.storage.event-key-retention-initial-delay=PT1M \
      > "$out/app-rw-$i.log" 2>&1 &
  app_pids+=("$!")
  app_pid=$!   # the last one, for rw_bench_teardown
}
wait_up() {
  local hport=$1
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:$hport/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && return 0
    sleep 1
  done
  rw_die "the instance on port $hport did not come up; see $out/"
}

ports=("$http_port")
for i in $(seq 2 "$INSTANCES"); do ports+=("$(rw_free_port)"); done
rw_log "starting rw-1 on port ${ports[0]} (it runs the migrations)"
start_instance 1 "${ports[0]}"
wait_up "${ports[0]}"

# The soak's retention: device_event and device_position get partitions of $PART_S s kept for $RETENTION minutes (instead of
# daily partitions kept 400 and 90 days), made on the still empty tables as their owner, so the application's maintenance
# (rw_partition_maintenance, as the owner) can drop them.
rw_log "time-series retention for the soak: partitions of ${PART_S} s, kept ${RETENTION} min"
rw_psql_admin -d "$db" -q <<SQL >/dev/null
SET ROLE "$role";
DO \$\$ DECLARE t text; c record; BEGIN
  FOREACH t IN ARRAY ARRAY['device_event', 'device_position'] LOOP
    DELETE FROM partman.part_config WHERE parent_table = 'public.' || t;
    EXECUTE 'DROP TABLE IF EXISTS partman.template_public_' || t;
    FOR c IN SELECT inhrelid::regclass::text child FROM pg_inherits WHERE inhparent = ('public.' || t)::regclass LOOP
      EXECUTE 'DROP TABLE ' || c.child;
    END LOOP;
    PERFORM partman.create_parent('public.' || t, 'ts', 'native', '$PART_S seconds', p_premake => $PREMAKE,
      p_start_partition => (now() - interval '$RETENTION minutes')::text);
    UPDATE partman.part_config SET retention = '$RETENTION minutes', retention_keep_table = false, infinite_time_partitions = true
      WHERE parent_table = 'public.' || t;
  END LOOP;
END \$\$;
SQL

for i in $(seq 2 "$INSTANCES"); do
  rw_log "starting rw-$i on port ${ports[$((i - 1))]}"
  start_instance "$i" "${ports[$((i - 1))]}"
done
for p in "${ports[@]}"; do wait_up "$p"; done

# The mix: of DEVICES event devices, 40 % cameras (camera.motion), 24 % access gates (gate.passage, granted), 20 % video
# intercoms (intercom.call, intercom.door_opened), 16 % face gates (face.passage, known or stranger); every thirtieth event a
# device.heartbeat. Each device sends RATE/DEVICES events a second (4 by default), within its kind's limit (5/s).
n_cam=$(( DEVICES * 40 / 100 )); n_gate=$(( DEVICES * 24 / 100 )); n_icom=$(( DEVICES * 20 / 100 ))
n_face=$(( DEVICES - n_cam - n_gate - n_icom ))
rw_log "seeding $DEVICES event devices, $WALLS wall alarms, $MEMBERS members with terminals ($PATROLS with accounts), $OPERATORS operators"
rw_psql_admin -d "$db" -qc "create extension if not exists pgcrypto" >/dev/null
psql_db "
  with c as (select id from area where code = '370705001001'), h as (select crypt('$user_pw', gen_salt('bf', 4)) hash)
  insert into app_user (username, display_name, password_hash, role, area_id)
  select format('soak-op-%s', lpad(i::text, 2, '0')), format('压测值班员 %s', i), h.hash, 'OPERATOR', c.id
    from generate_series(0, $OPERATORS - 1) i, c, h
  union all
  select format('soak-p-%s', lpad(i::text, 3, '0')), format('压测队员 %s', i), h.hash, 'PATROL', c.id
    from generate_series(0, $PATROLS - 1) i, c, h;
  with c as (select id from area where code = '370705001001'),
       k(kind, n) as (values ('camera', $n_cam), ('access_gate', $n_gate), ('video_intercom', $n_icom), ('face_gate', $n_face),
                             ('perimeter_alarm', $WALLS))
  insert into device (id, kind, serial, name, area_id, location, state)
  select case k.kind when 'perimeter_alarm' then format('soak-wall-%s', lpad(i::text, 3, '0'))
              else format('soak-%s-%s', k.kind, lpad(i::text, 4, '0')) end,
         k.kind, format('SN-SOAK-%s-%s', k.kind, i), format('压测设备 %s %s', k.kind, i), c.id,
         st_setsrid(st_makepoint(119.1205 + random() * 0.011, 36.7005 + random() * 0.008), 4326), 'ACTIVE'
    from k, c, generate_series(0, k.n - 1) i
  union all
  select format('soak-t-%s', lpad(i::text, 5, '0')), 'patrol_terminal', format('SN-SOAK-T-%s', i), format('巡防终端 %s', i), c.id,
         st_setsrid(st_makepoint(119.1205 + random() * 0.011, 36.7005 + random() * 0.008), 4326), 'ACTIVE'
    from generate_series(0, $MEMBERS - 1) i, c;
  with c as (select id from area where code = '370705001001')
  insert into member (name, role, affiliation, area_id, device_id, user_id, state)
  select format('平安联盟 %s', i), 'PATROL', '压测', c.id, format('soak-t-%s', lpad(i::text, 5, '0')),
         case when i < $PATROLS then (select id from app_user where username = format('soak-p-%s', lpad(i::text, 3, '0'))) end,
         case when i < $PATROLS then 'AVAILABLE' else 'OFF_DUTY' end
    from generate_series(0, $MEMBERS - 1) i, c;" >/dev/null
psql_db "select id, kind, st_x(location), st_y(location) from device where id like 'soak-%' and kind <> 'patrol_terminal' order by kind, id" \
  | tr '|' '\t' > "$out/devices.tsv"

api_urls=$(printf 'http://127.0.0.1:%s,' "${ports[@]}"); api_urls=${api_urls%,}
rw_log "soak: $MINUTES min; $RATE events/s, $MEMBERS members (a fix every $FIX_EVERY s), $SESSIONS STOMP sessions, $INSTANCES instance(s): $api_urls"
java -Xmx1g -jar "$BENCH" soak --api "$api_urls" --mqtt "tcp://127.0.0.1:$port" --mqtt-user platform --mqtt-password "$platform_pw" \
  --admin-password "$demo_pw" --user-password "$user_pw" --devices-file "$out/devices.tsv" --seconds $(( MINUTES * 60 + 30 )) \
  --rate "$RATE" --members "$MEMBERS" --fix-every "$FIX_EVERY" --operators "$OPERATORS" --patrols "$PATROLS" \
  --alarm-every "$ALARM_EVERY" --close-after "$CLOSE_AFTER" --out "$out/driver.tsv" > "$out/driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 1 600); do
  [ -s "$out/driver.tsv" ] && break
  kill -0 "$driver_pid" 2>/dev/null || { tail -20 "$out/driver.log" >&2; rw_die "the load driver stopped; see $out/driver.log"; }
  sleep 1
done
rw_log "$(grep -c . "$out/devices.tsv") devices connected and the sessions open; sampling every minute"

curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$demo_pw\"}" \
  "http://127.0.0.1:${ports[0]}/api/v1/auth/token" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' > "$out/token"
apps=""; logs=""
for i in $(seq 1 "$INSTANCES"); do
  apps+="${app_pids[$((i - 1))]}=http://127.0.0.1:${ports[$((i - 1))]},"; logs+="$out/app-rw-$i.log,"
done
marker=$(awk -F'\t' '$2 == "camera" { print $1; exit }' "$out/devices.tsv")
python3 scripts/lib/soak.py sample --csv "$out/soak.csv" --interval 60 --db "$db" --apps "${apps%,}" \
  --broker-pid "$(cat "$broker_dir/mosquitto.pid")" --driver "$out/driver.tsv" --marker "$marker" --token-file "$out/token" \
  --logs "${logs%,}" > >(tee "$out/soak-table.txt") &
sampler_pid=$!   # python's pid (a pipe into tee would give tee's)
sleep $(( MINUTES * 60 + 5 )) &
timer_pid=$!
wait "$timer_pid"; timer_pid=""
kill "$sampler_pid" 2>/dev/null || true; sampler_pid=""
wait "$driver_pid" || true; driver_pid=""

stored=$(psql_db "select count(*) from device_event where device_id like 'soak-%'")
cat <<REPORT

=== soak $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB: $MINUTES min, $INSTANCES instance(s) ===
targets                 : $RATE events/s (QoS 1), $MEMBERS members at a fix every $FIX_EVERY s ($(( MEMBERS / FIX_EVERY ))/s), $SESSIONS STOMP sessions
driver                  : $(grep '^RESULT' "$out/driver.log" | sed 's/^RESULT //')
retention (soak)        : time-series partitions of ${PART_S} s kept ${RETENTION} min; idempotency keys ${RETENTION} min
events still stored     : $stored (older ones went with their partitions)
REPORT
title="soak $(TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M') (Asia/Shanghai): scripts/soak.sh --minutes $MINUTES --instances $INSTANCES, $(nproc) cores"
python3 scripts/lib/soak.py report --csv "$out/soak.csv" --md "$out/soak.md" --svg "$out/soak.svg" --title "$title"
if [ "$WRITE_DOCS" = 1 ]; then
  cp "$out/soak.svg" docs/soak.svg
  python3 - "$out/soak.md" docs/soak.md <<'PY'
import sys
table = open(sys.argv[1]).read()
doc = open(sys.argv[2]).read()
a, b = "<!-- soak-table -->", "<!-- /soak-table -->"
open(sys.argv[2], "w").write(doc[:doc.index(a) + len(a)] + "\n" + table + doc[doc.index(b):])
PY
  rw_log "docs/soak.md's table and docs/soak.svg replaced by this run's"
fi
