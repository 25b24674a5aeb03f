#!/usr/bin/env bash
# Live-push benchmark (issue 6): 1,000 STOMP sessions (950 patrol members on their alert queues,
# 50 operators on alarms and positions) while 10,000 patrol terminals move at 1 Hz; wall alarms
# publish intrusions one after another. Reports publish→MESSAGE latency at every operator session
# and at the dispatched members' phones, what each operator session received per second, server CPU
# and memory, and, from one dashboard in headless Chromium: publish→WebSocket-message latency and the
# main thread's long tasks (PerformanceObserver) while the 10,000 members move on its map.
#   scripts/bench-push.sh [--members 10000] [--operators 50] [--patrols 950] [--alarms 100] [--warmup 30] [--no-browser] [--gpu-compositing] [--positions-qos 0|1]
# (--no-browser leaves Chromium out, to see what the server does without it sharing the 2 cores;
#  --gpu-compositing makes Chromium composite in its GPU process (SwiftShader treated as a GPU) as an operator's
#  workstation does, instead of reading the map canvas back on the main thread every frame; see dashboard-load.mjs;
#  --positions-qos: the members' fixes at QoS 0 (default, as the simulated village's terminals send them) or 1)
# Everything runs on this machine, on its own database and broker port (like scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

MEMBERS=10000 OPERATORS=50 PATROLS=950 ALARMS=100 WARMUP=30 BROWSER=1 GPU=0 POS_QOS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --members) MEMBERS=$2; shift 2 ;;
    --operators) OPERATORS=$2; shift 2 ;;
    --patrols) PATROLS=$2; shift 2 ;;
    --alarms) ALARMS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --no-browser) BROWSER=0; shift ;;
    --gpu-compositing) GPU=1; shift ;;
    --positions-qos) POS_QOS=$2; shift 2 ;;
    *) rw_die "usage: scripts/bench-push.sh [--members N] [--operators N] [--patrols N] [--alarms N] [--warmup S] [--no-browser] [--gpu-compositing] [--positions-qos 0|1]" ;;
  esac
done
[ "$PATROLS" -le "$MEMBERS" ] || rw_die "--patrols must not exceed --members"

rw_require_root
rw_ensure_tools
rw_ensure_chromium
rw_ensure_detector_model
rw_ensure_postgres
user_pw="bench-$(rw_random_secret)"
app_pid=""; sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  rw_bench_teardown
}
trap cleanup EXIT
rw_bench_services pbench

[ -f command-api/target/red-whistle.jar ] && [ -f bench/target/red-whistle-bench.jar ] || ./mvnw -B -q -DskipTests package
[ -d dashboard-web/node_modules/playwright-core ] || (cd dashboard-web && npm ci --no-audit --no-fund --loglevel=error)
JAR=command-api/target/red-whistle.jar
BENCH=bench/target/red-whistle-bench.jar
log_dir=target/bench; mkdir -p "$log_dir"
psql_db() { rw_psql_admin -d "$db" -v ON_ERROR_STOP=1 -Atc "$1"; }

# The members' terminals send one fix a second, within a patrol terminal's rate limit (5/s, bursts of 30); the limits are
# raised all the same so that a mover catching up after a stall on these 2 cores is never limited, and the bench's wall
# alarms, seeded at random points of the community and reporting intrusions at other random points, are placed where they
# report (a 5 km tolerance) as before the position checks. Rate-limit and position dead letters are counted at the end.
rw_log "starting the app (port $http_port; alarms of HIGH and CRITICAL severity are dispatched at once)"
RW_DB_URL="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$db" RW_DB_USER="$app_role" RW_DB_PASSWORD="$app_pw" \
RW_DB_OWNER_USER="$role" RW_DB_OWNER_PASSWORD="$db_pw" \
RW_JWT_SECRET="$(rw_random_secret)$(rw_random_secret)" RW_MQTT_URL="tcp://127.0.0.1:$port" RW_MQTT_USER=platform \
RW_MQTT_PASSWORD="$platform_pw" RW_PROVISION_PASSWORD="$(rw_random_secret)" RW_DEMO=true RW_DEMO_PASSWORD="$demo_pw" \
RW_HTTP_PORT="$http_port" RW_INSTANCE_ID="pbench-$$" \
  java -Xms1g -Xmx1g ${RW_BENCH_APP_OPTS:-} -jar "$JAR" --redwhistle.alarms.auto-dispatch=HIGH,CRITICAL \
    --redwhistle.ingest.rate-limit.patrol-terminal-rate=20 --redwhistle.ingest.rate-limit.patrol-terminal-burst=300 \
    --redwhistle.ingest.rate-limit.perimeter-alarm-rate=20 --redwhistle.ingest.rate-limit.perimeter-alarm-burst=100 \
    --redwhistle.ingest.position-tolerance.perimeter-alarm=5000 \
    --redwhistle.alliance.training-required=false \
    > "$log_dir/push-app.log" 2>&1 &
# (the bench's 10,000 members are seeded on duty without 岗前培训 records: the training gate would keep them all out of
# the dispatches, so it is off here; the push path measured is the same)
app_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$http_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  sleep 1
done

rw_log "seeding $MEMBERS patrol members with terminals ($PATROLS on duty with accounts), $OPERATORS operators, $ALARMS wall alarms"
rw_psql_admin -d "$db" -qc "create extension if not exists pgcrypto" >/dev/null
psql_db "
  with c as (select id from area where code = '370705001001'), h as (select crypt('$user_pw', gen_salt('bf', 4)) hash)
  insert into app_user (username, display_name, password_hash, role, area_id)
  select format('bench-op-%s', lpad(i::text, 2, '0')), format('压测值班员 %s', i), h.hash, 'OPERATOR', c.id
    from generate_series(0, $OPERATORS - 1) i, c, h
  union all
  select format('bench-p-%s', lpad(i::text, 3, '0')), format('压测队员 %s', i), h.hash, 'PATROL', c.id
    from generate_series(0, $PATROLS - 1) i, c, h;
  with c as (select id from area where code = '370705001001')
  insert into device (id, kind, serial, name, area_id, location, state)
  select format('bench-t-%s', lpad(i::text, 5, '0')), 'patrol_terminal', format('SN-BENCH-T-%s', i), format('巡防终端 %s', i), c.id,
         st_setsrid(st_makepoint(119.1205 + random() * 0.011, 36.7005 + random() * 0.008), 4326), 'ACTIVE'
    from generate_series(0, $MEMBERS - 1) i, c
  union all
  select format('bench-w-%s', lpad(i::text, 3, '0')), 'perimeter_alarm', format('SN-BENCH-W-%s', i), format('压测周界 %s', i), c.id,
         st_setsrid(st_makepoint(119.1205 + random() * 0.011, 36.7005 + random() * 0.008), 4326), 'ACTIVE'
    from generate_series(0, $ALARMS + 5 - 1) i, c;
  with c as (select id from area where code = '370705001001')
  insert into member (name, role, affiliation, area_id, device_id, user_id, state)
  select format('平安联盟 %s', i), 'PATROL', '压测', c.id, format('bench-t-%s', lpad(i::text, 5, '0')),
         case when i < $PATROLS then (select id from app_user where username = format('bench-p-%s', lpad(i::text, 3, '0'))) end,
         case when i < $PATROLS then 'AVAILABLE' else 'OFF_DUTY' end
    from generate_series(0, $MEMBERS - 1) i, c;" >/dev/null

# server CPU and memory, sampled every 2 s: app and broker processes, and the machine. Bash builtins
# only (no date/awk/pgrep per sample): the sampler must not be a load of its own on 2 cores.
broker_pid=$(pgrep -f "mosquitto.*$broker_dir" | head -1 || true)
( while kill -0 "$app_pid" 2>/dev/null; do
    read -r -a a < "/proc/$app_pid/stat"; b=(0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
    [ -n "$broker_pid" ] && read -r -a b < "/proc/$broker_pid/stat" 2>/dev/null
    read -r -a c < /proc/stat
    echo "${EPOCHREALTIME//[!0-9]/}000 $(( a[13] + a[14] )) $(( a[23] * 4 )) $(( b[13] + b[14] )) $(( c[1] + c[2] + c[3] + c[5] + c[6] + c[7] )) ${c[4]}"
    sleep 2; done ) > "$log_dir/push-cpu.log" &
sampler=$!

done_file="$log_dir/push-bench.done"; rm -f "$done_file" "$log_dir/push-browser.json"
browser_pid=""
if [ "$BROWSER" = 1 ]; then
  rw_log "one dashboard in headless Chromium as bench-op-00, until the bench is done"
  RW_BENCH_BASE_URL="http://127.0.0.1:$http_port" RW_BENCH_USER=bench-op-00 RW_BENCH_PASSWORD="$user_pw" \
  RW_BENCH_CHROMIUM=/usr/bin/chromium RW_BENCH_DONE_FILE="$PWD/$done_file" RW_BENCH_OUT="$PWD/$log_dir/push-browser.json" \
  RW_BENCH_SCREENSHOT="$PWD/$log_dir/dashboard-10k.png" RW_BENCH_PROFILE="${RW_BENCH_PROFILE:-}" RW_BENCH_TRACE="${RW_BENCH_TRACE:-}" RW_BENCH_GPU_COMPOSITING="$GPU" \
    node dashboard-web/bench/dashboard-load.mjs > "$log_dir/push-browser.log" 2>&1 &
  browser_pid=$!
  sleep 12
fi
# which process takes what, 20 s into the alarms
( sleep $(( WARMUP + 40 )); top -b -n 2 -d 10 -w 180 | awk '/^top -/{n++} n==2' | sed -n '1,5p;7,20p' > "$log_dir/push-top.log" ) &

rw_log "push bench: $OPERATORS operators + $PATROLS patrol sessions, $MEMBERS members moving, $ALARMS alarms 1 s apart after ${WARMUP}s"
java -Xmx768m -jar "$BENCH" push-bench --api "http://127.0.0.1:$http_port" --mqtt "tcp://127.0.0.1:$port" \
  --mqtt-user platform --mqtt-password "$platform_pw" --admin-password "$demo_pw" --user-password "$user_pw" \
  --operators "$OPERATORS" --patrols "$PATROLS" --members "$MEMBERS" --alarms "$ALARMS" --warmup "$WARMUP" --positions-qos "$POS_QOS" \
  --alarm-log "$log_dir/push-alarms.tsv" | tee "$log_dir/push-bench.log"
touch "$done_file"
# where the alarm's time went inside the app: its own timers (p50 / p99 over their last ~2 minutes; mean over the run)
token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$demo_pw\"}" \
  "http://127.0.0.1:$http_port/api/v1/auth/token" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$http_port/actuator/prometheus" > "$log_dir/push-metrics.txt" 2>/dev/null \
  || rw_log "the app's metrics could not be read"
stages=$(awk '
  function key(m, tags) { return m (tags == "" ? "" : "{" tags "}") }
  /^rw_(ingest_batch|alarm_raise|alarm_dispatch|push_publish)_seconds(_count|_sum)?[{ ]/ || /^jvm_gc_pause_seconds_(max|count|sum)[{ ]/ {
    series = $0; sub(/ [^ ]*$/, "", series)   # label values may hold spaces ("end of minor GC")
    name = series; sub(/\{.*/, "", name); tags = series; sub(/^[^{]*\{?/, "", tags); sub(/\}$/, "", tags)
    q = ""; if (match(tags, /quantile="[^"]*"/)) { q = substr(tags, RSTART + 10, RLENGTH - 11) }
    gsub(/,?quantile="[^"]*"/, "", tags); gsub(/,?application="[^"]*"/, "", tags); sub(/^,/, "", tags)
    v = $NF * 1000
    if (name ~ /^jvm_gc/) { if (name ~ /_count$/) gc_n += $NF; else if (name ~ /_sum$/) gc_s += v; else if (v > gc_max) gc_max = v; next }
    base = name; sub(/_(count|sum)$/, "", base); k = key(base, tags)
    if (name ~ /_count$/) n[k] = $NF; else if (name ~ /_sum$/) sum[k] = v; else if (q == "0.5") p50[k] = v; else if (q == "0.99") p99[k] = v
    seen[k] = 1 }
  END {
    for (k in seen) { if (k ~ /push_publish/ && k !~ /alarms|alerts|positions/) continue
      printf "%s p50 %.1f / p99 %.1f ms (last ~2 min), mean %.1f ms over %d\n", k, p50[k], p99[k], n[k] ? sum[k] / n[k] : 0, n[k] }
    if (gc_n) printf "9 GC pauses: %d in the run, %.0f ms in all; the longest of the last ~2 min %.1f ms\n", gc_n, gc_s, gc_max }' "$log_dir/push-metrics.txt" 2>/dev/null \
  | sed -e 's/{[a-z]*="\([^"]*\)"}/ \1/; s/^rw_ingest_batch_seconds \([a-z]*\)/1 ingest batch (\1):/; s/^rw_alarm_raise_seconds/2 alarm raise:/;
            s/^rw_push_publish_seconds \/topic\/alarms/3 push to operators:/; s/^rw_alarm_dispatch_seconds/4 dispatch:/;
            s/^rw_push_publish_seconds \/user\/queue\/alerts/5 push to members:/; s/^rw_push_publish_seconds \/topic\/positions/6 push of positions:/' \
  | sort | sed "s/^[0-9] //")
[ -z "$browser_pid" ] || wait "$browser_pid" || rw_log "the browser measurement failed: see $log_dir/push-browser.log"
kill "$sampler" 2>/dev/null || true; sampler=""

# the measured window of the CPU samples: from the first alarm to the end
first_alarm_us=$(head -1 "$log_dir/push-alarms.tsv" | cut -f2)
cpu=$(awk -v from="$(( first_alarm_us * 1000 ))" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" '
  $1 >= from { if (!n++) { t0=$1; a0=$2; b0=$4; busy0=$5; idle0=$6 } t1=$1; a1=$2; b1=$4; busy1=$5; idle1=$6; if ($3 > rss) rss=$3 }
  END { s=(t1-t0)/1e9; if (s <= 0) { print "n/a"; exit }
        printf "app %.0f%% of one core, broker %.0f%%, machine %.0f%% busy of %d cores; app RSS max %.0f MiB",
          100*(a1-a0)/hz/s, 100*(b1-b0)/hz/s, 100*(busy1-busy0)/((busy1-busy0)+(idle1-idle0)), cores, rss/1024 }' "$log_dir/push-cpu.log")
browser="left out (--no-browser)"
[ "$BROWSER" = 1 ] && browser=$(node -e '
  const fs = require("fs");
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const pub = Object.fromEntries(fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => l.split("\t")).map(([m, us]) => [m, Number(us) / 1000]));
  const lat = Object.entries(r.alarms).filter(([m]) => m in pub).map(([m, t]) => t - pub[m]).sort((a, b) => a - b);
  const q = (p) => lat.length ? lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)].toFixed(1) : "n/a";
  console.log(`alarms ${lat.length}/${Object.keys(pub).length}: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
  console.log(`long tasks over ${r.windowS.toFixed(0)} s with ${r.onMap} terminals on the map: ${r.longTasks.length} over 50 ms, ${r.longTasks.filter((d) => d > 100).length} over 100 ms, longest ${r.longTasks.length ? Math.max(...r.longTasks).toFixed(0) : 0} ms; position frames ${r.positionFrames} (${(r.positionFrames / r.windowS).toFixed(1)}/s)`);
  const over = r.longTasksOver100 ?? [];
  let worst = 0;
  for (const t of over) worst = Math.max(worst, over.filter((u) => u.atS >= t.atS && u.atS < t.atS + 60).length);
  console.log(`over 100 ms: ${over.length ? over.map((t) => `${t.ms.toFixed(0)} ms at ${t.atS.toFixed(0)} s`).join(", ") : "none"}; most in any 60 s: ${worst}`);
' "$log_dir/push-browser.json" "$log_dir/push-alarms.tsv" 2>&1 || echo "browser figures unavailable: see $log_dir/push-browser.log")

trust=$(psql_db "select count(*) filter (where reason like '%over the rate limit%') || ' over a rate limit, '
  || count(*) filter (where reason like '%outside the device''s area%') || ' from outside their area'
  from dead_letter" 2>/dev/null || echo "n/a")

cat <<REPORT

=== live-push benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ===
$(grep '^RESULT' "$log_dir/push-bench.log" | sed 's/^RESULT /  /')
dead letters (ingest)    : $trust (expected: none)
server during the alarms : $cpu
per process (top, 10 s)  : $(awk 'NR>7 && $9+0 >= 3 {printf "%s %s%%; ", $12, $9}' "$log_dir/push-top.log")
inside the app           : $(echo "$stages" | sed '2,$s/^/                           /')
one Chromium dashboard   : $(echo "$browser" | head -1)
                           $(echo "$browser" | sed -n 2p)
                           $(echo "$browser" | sed -n 3p)
REPORT
