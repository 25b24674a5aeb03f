#!/usr/bin/env bash
# Ingestion benchmark (issue 3): N simulated devices publish at a chosen rate; reports sustained
# end-to-end throughput (broker-acknowledged → stored), publish→store latency p50/p99, loss, app
# memory, and in the same run the two ceilings of this machine: the broker alone and the database alone.
#   scripts/bench-ingest.sh [--rate 20000] [--duration 300] [--warmup 30] [--devices 100] [--brokers 1|2]
# Everything runs on this machine, on its own database and broker port (like scripts/test.sh).
# --brokers 2 (issue 23): a pool of two brokers; the load devices are spread over both by provisioning,
# the app ingests from both, and the broker-alone baseline runs both brokers at once.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

RATE=20000 DURATION=300 WARMUP=30 DEVICES=100 BROKERS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --devices) DEVICES=$2; shift 2 ;;
    --brokers) BROKERS=$2; shift 2 ;;
    *) rw_die "usage: scripts/bench-ingest.sh [--rate N] [--duration S] [--warmup S] [--devices N] [--brokers 1|2]" ;;
  esac
done

rw_require_root
rw_ensure_tools
rw_ensure_detector_model
rw_ensure_postgres
run_id="bench$(date +%Y%m%d%H%M%S)"
app_pid=""
broker2_dir=""
[ "$BROKERS" = 1 ] || [ "$BROKERS" = 2 ] || rw_die "--brokers is 1 or 2"
teardown() {
  rw_bench_teardown
  if [ -n "$broker2_dir" ]; then rw_stop_broker "$broker2_dir"; rm -rf "$broker2_dir"; fi
}
trap teardown EXIT
rw_bench_services bench
pool_env=()
if [ "$BROKERS" = 2 ]; then
  broker2_dir=$(mktemp -d /tmp/rw-bench-broker2.XXXXXX); chmod 755 "$broker2_dir"
  port2=$(rw_free_port)
  rw_start_broker "$broker2_dir" "$port2" "$admin_pw" platform "$platform_pw"
  pool_env=(RW_MQTT_POOL="b2=tcp://127.0.0.1:$port2")
fi

[ -f command-api/target/red-whistle.jar ] && [ -f bench/target/red-whistle-bench.jar ] || ./mvnw -B -q -DskipTests package
JAR=command-api/target/red-whistle.jar
BENCH=bench/target/red-whistle-bench.jar
log_dir=target/bench; mkdir -p "$log_dir"

psql_db() { rw_psql_admin -d "$db" -Atc "$1"; }

rw_log "baseline 1/2: the broker alone (same message size, QoS 1, $DEVICES connections → mosquitto_sub; $BROKERS broker(s) at once)"
msgs=$(( RATE * 15 / BROKERS ))
ports=("$port"); [ "$BROKERS" = 2 ] && ports+=("$port2")
sub_pids=()
rm -f "$log_dir"/broker-sub-*.out "$log_dir"/broker-ceiling-*.log
for p in "${ports[@]}"; do
  mosquitto_sub -h 127.0.0.1 -p "$p" -u platform -P "$platform_pw" -V 5 -q 1 -t 'cc/v1/bench/#' -C "$msgs" -W 120 \
    > "$log_dir/broker-sub-$p.out" &
  sub_pids+=($!)
done
sleep 0.5
start_ns=$(date +%s%N)
pub_pids=()
for p in "${ports[@]}"; do
  java -jar "$BENCH" broker-ceiling --mqtt "tcp://127.0.0.1:$p" --user platform --password "$platform_pw" \
    --clients $(( DEVICES / BROKERS )) --messages "$msgs" > "$log_dir/broker-ceiling-$p.log" 2>&1 &
  pub_pids+=($!)
done
# publish → every message received by its subscriber (or the subscribers' 120 s limit)
for pid in "${pub_pids[@]}" "${sub_pids[@]}"; do wait "$pid" || true; done
received=$(cat "$log_dir"/broker-sub-*.out | wc -l)
broker_rate=$(( received * 1000000000 / ($(date +%s%N) - start_ns) ))
rw_log "broker alone: $broker_rate msg/s publish → subscriber ($received of $(( msgs * BROKERS )) messages received, $BROKERS broker(s))"

# Each load device is a camera sending RATE/DEVICES events a second (200 by default), far over a camera's rate limit
# (5/s, bursts of 20): the app is told cameras may send ten times the offered rate, so the limiter is on the path
# (one bucket check per message) but nothing is limited, and every acknowledged event is owed to the database.
per_device=$(( (RATE + DEVICES - 1) / DEVICES ))
rw_log "starting the app (port $http_port; camera rate limit $(( per_device * 10 ))/s, bursts of $(( per_device * 10 )))"
RW_DB_URL="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$db" RW_DB_USER="$app_role" RW_DB_PASSWORD="$app_pw" \
RW_DB_OWNER_USER="$role" RW_DB_OWNER_PASSWORD="$db_pw" \
RW_JWT_SECRET="$(rw_random_secret)$(rw_random_secret)" RW_MQTT_URL="tcp://127.0.0.1:$port" RW_MQTT_USER=platform \
RW_MQTT_PASSWORD="$platform_pw" RW_PROVISION_PASSWORD="$(rw_random_secret)" RW_DEMO=true RW_DEMO_PASSWORD="$demo_pw" \
RW_HTTP_PORT="$http_port" RW_INSTANCE_ID="bench-$$" env "${pool_env[@]}" \
  java -Xms1g -Xmx1g ${RW_BENCH_APP_OPTS:-} -jar "$JAR" \
    --redwhistle.ingest.rate-limit.camera-rate=$(( per_device * 10 )) --redwhistle.ingest.rate-limit.camera-burst=$(( per_device * 10 )) \
    > "$log_dir/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$http_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  sleep 1
done

rw_log "baseline 2/2: the database alone (same rows, same batched statement, one connection)"
db_rows=$(( RATE * 15 ))
java -jar "$BENCH" db-ceiling \
  "jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$db" "$app_role" "$app_pw" "$db_rows" 500 > "$log_dir/db-ceiling.log" 2>&1
db_rate=$(sed -n 's/.*rate=\([0-9]*\).*/\1/p' "$log_dir/db-ceiling.log")
rw_log "database alone: $db_rate rows/s"

rw_log "load: $DEVICES devices, $RATE events/s, ${WARMUP}s warm-up + ${DURATION}s measured"
( max=0; while kill -0 "$app_pid" 2>/dev/null; do
    r=$(ps -o rss= -p "$app_pid" 2>/dev/null | tr -d ' '); [ -n "$r" ] && [ "$r" -gt "$max" ] && max=$r && echo "$max" > "$log_dir/app-rss-kb"
    sleep 2; done ) &
sampler=$!
java -jar "$BENCH" load --api "http://127.0.0.1:$http_port" --mqtt "tcp://127.0.0.1:$port" --user integrator \
  --password "$demo_pw" --devices "$DEVICES" --rate "$RATE" --duration $(( WARMUP + DURATION )) --run-id "$run_id" \
  | tee "$log_dir/load.log"
acked=$(sed -n 's/^RESULT .* acked=\([0-9]*\).*/\1/p' "$log_dir/load.log")
attempted=$(sed -n 's/^RESULT .* attempted=\([0-9]*\).*/\1/p' "$log_dir/load.log")
load_secs=$(sed -n 's/^RESULT .* seconds=\([0-9.]*\).*/\1/p' "$log_dir/load.log")
# wait for the pipeline to drain: as long as it makes progress (an offered rate above what is stored leaves a
# backlog in the broker), up to 20 minutes; 15 s without a stored event ends the wait
prev=-1; stalled=0
for _ in $(seq 1 1200); do
  stored=$(psql_db "select count(*) from device_event where msg_id like '${run_id}-%'")
  [ "$stored" -ge "$acked" ] && break
  if [ "$stored" = "$prev" ]; then stalled=$(( stalled + 1 )); [ "$stalled" -ge 15 ] && break; else stalled=0; fi
  prev=$stored
  sleep 1
done
kill "$sampler" 2>/dev/null || true

first_ms=$(psql_db "select min((payload->>'sentMs')::bigint) from device_event where msg_id like '${run_id}-%'")
from_ms=$(( first_ms + WARMUP * 1000 ))
read -r n p50 p99 pmax span <<< "$(psql_db "
  select count(*), round(percentile_cont(0.5) within group (order by l)), round(percentile_cont(0.99) within group (order by l)),
         round(max(l)), extract(epoch from max(received_at) - min(received_at))
  from (select extract(epoch from received_at) * 1000 - (payload->>'sentMs')::bigint l, received_at
        from device_event where msg_id like '${run_id}-%' and (payload->>'sentMs')::bigint >= $from_ms) x" | tr '|' ' ')"
dupes=$(psql_db "select count(*) - count(distinct msg_id) from device_event where msg_id like '${run_id}-%'")
limited=$(psql_db "select count(*) from dead_letter where reason like '%over the rate limit%'")
sustained=$(awk -v n="$n" -v s="$span" 'BEGIN { printf "%.0f", n / s }')
rss_mb=$(( $(cat "$log_dir/app-rss-kb" 2>/dev/null || echo 0) / 1024 ))

split=$(psql_db "select b || ': ' || n from (select coalesce(broker_id, 'b1') b, count(*) n from device where serial like '${run_id}-%' group by 1) x order by 1" | paste -sd ' ')

cat <<REPORT

=== ingestion benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ===
offered load            : $RATE events/s from $DEVICES devices, ${WARMUP}s warm-up + ${DURATION}s measured
brokers                 : $BROKERS (load devices per broker: ${split:-?})
achieved publish rate   : $(awk -v a="$attempted" -v s="$load_secs" 'BEGIN { printf "%.0f", a / s }') events/s (the generator shares the 2 cores)
broker-acknowledged     : $acked
stored                  : $stored   (loss: $(( acked - stored )), duplicates: $dupes, rate-limit dead letters: $limited)
sustained throughput    : $sustained events/s stored over the measured window ($n events in ${span}s)
publish→store latency   : p50 ${p50} ms, p99 ${p99} ms, max ${pmax} ms (measured window)
app memory (max RSS)    : ${rss_mb} MiB (heap fixed at 1 GiB)
ceiling, broker alone   : $broker_rate msg/s   → ratio $(awk -v a="$sustained" -v b="$broker_rate" 'BEGIN { printf "%.2f", a / b }')
ceiling, database alone : $db_rate rows/s  → ratio $(awk -v a="$sustained" -v b="$db_rate" 'BEGIN { printf "%.2f", a / b }')
REPORT
