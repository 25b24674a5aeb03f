#!/usr/bin/env bash
# Runs the whole command center with a simulated village on this machine (Debian/Ubuntu, root).
#   scripts/run.sh            build, start everything, print the URL and demo logins, stay in the foreground
#   scripts/run.sh --detach   the same, then return (stop later with scripts/run.sh stop)
#   scripts/run.sh stop       stop the app, the simulator and the project broker
#   RW_INSTANCES=2 scripts/run.sh   instances rw-1, rw-2 on ports RW_HTTP_PORT+1, +2 behind HAProxy on RW_HTTP_PORT
# Idempotent: a second run stops the first one's processes and starts afresh with the same data.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

STATE="$ROOT/.run"
HTTP_PORT=${RW_HTTP_PORT:-8080}
MQTT_PORT=${RW_MQTT_PORT:-18830}
CAMERA_STREAMS_PORT=${RW_CAMERA_STREAMS_PORT:-8554}
DB_NAME=${RW_DB_NAME:-redwhistle}
# several instances behind a load balancer (docs/cluster.md); 1: the app alone on HTTP_PORT, no balancer
INSTANCES=${RW_INSTANCES:-1}
case "$INSTANCES" in ''|*[!0-9]*|0) rw_die "RW_INSTANCES must be a number from 1 (got '$INSTANCES')" ;; esac
DETACH=0

stop_all() {
  rw_stop_pidfile "$STATE/simulator.pid"
  rw_stop_pidfile "$STATE/camera-streams.pid"
  rw_stop_lb "$STATE/haproxy"
  local f
  for f in "$STATE"/app.pid "$STATE"/app-rw-*.pid; do rw_stop_pidfile "$f"; done
  rw_stop_broker "$STATE/mosquitto"
}

case "${1:-}" in
  stop) stop_all; rw_log "stopped (PostgreSQL keeps running; its data stays in database $DB_NAME)"; exit 0 ;;
  --detach) DETACH=1 ;;
  "") ;;
  *) rw_die "usage: scripts/run.sh [--detach|stop]" ;;
esac

rw_require_root
mkdir -p "$STATE"
chmod 711 "$STATE"  # the broker (user mosquitto) must traverse it; secrets.env itself is 600
if [ ! -f "$STATE/secrets.env" ]; then
  umask 077
  cat > "$STATE/secrets.env" <<SECRETS
# Generated on first run; local to this machine, never committed.
RW_DB_PASSWORD=$(rw_random_secret)
RW_DB_OWNER_PASSWORD=$(rw_random_secret)
RW_JWT_SECRET=$(rw_random_secret)$(rw_random_secret)
RW_MQTT_ADMIN_PASSWORD=$(rw_random_secret)
RW_MQTT_PASSWORD=$(rw_random_secret)
RW_DEMO_PASSWORD=rw-$(rw_random_secret | head -c 10)
RW_PROVISION_PASSWORD=$(rw_random_secret)
SECRETS
fi
grep -q '^RW_PROVISION_PASSWORD=' "$STATE/secrets.env" || echo "RW_PROVISION_PASSWORD=$(rw_random_secret)" >> "$STATE/secrets.env"
# Before issue 16 the app connected as the owner with RW_DB_PASSWORD; that password now goes to the
# runtime role redwhistle_app, and the owner, which only migrates, gets a password of its own.
grep -q '^RW_DB_OWNER_PASSWORD=' "$STATE/secrets.env" || echo "RW_DB_OWNER_PASSWORD=$(rw_random_secret)" >> "$STATE/secrets.env"
# shellcheck disable=SC1091
source "$STATE/secrets.env"

stop_all
rw_ensure_tools
rw_ensure_frames
rw_ensure_detector_model
rw_ensure_camera_streams
rw_ensure_postgres
# redwhistle owns the database and runs the migrations; the app connects as redwhistle_app, which may
# only insert into and read the audit log (docs/audit.md)
rw_ensure_database "$DB_NAME" redwhistle "$RW_DB_OWNER_PASSWORD" redwhistle_app "$RW_DB_PASSWORD"
if ss -Hltn "sport = :$HTTP_PORT" | grep -q .; then
  rw_die "port $HTTP_PORT is in use by another program (set RW_HTTP_PORT)"
fi
if [ "$INSTANCES" -gt 1 ]; then
  rw_ensure_haproxy
  for i in $(seq 1 "$INSTANCES"); do
    if ss -Hltn "sport = :$((HTTP_PORT + i))" | grep -q .; then
      rw_die "port $((HTTP_PORT + i)) (instance rw-$i) is in use by another program (set RW_HTTP_PORT)"
    fi
  done
fi
rw_start_broker "$STATE/mosquitto" "$MQTT_PORT" "$RW_MQTT_ADMIN_PASSWORD" platform "$RW_MQTT_PASSWORD"

if [ "${RW_SKIP_BUILD:-0}" != 1 ]; then
  rw_log "building (Maven + npm; the first build downloads dependencies)"
  ./mvnw -B -q -DskipTests clean package
fi
JAR="$ROOT/command-api/target/red-whistle.jar"
SIM_JAR=$(ls "$ROOT"/devices/target/devices-*-cli.jar | head -1)

if ss -Hltn "sport = :$CAMERA_STREAMS_PORT" | grep -q .; then
  rw_die "port $CAMERA_STREAMS_PORT is in use by another program (set RW_CAMERA_STREAMS_PORT)"
fi
rw_log "starting the simulated cameras' RTSP server on port $CAMERA_STREAMS_PORT (encodes only while watched)"
nohup /usr/bin/python3 "$ROOT/scripts/camera-streams.py" --port "$CAMERA_STREAMS_PORT" > "$STATE/camera-streams.log" 2>&1 &
echo $! > "$STATE/camera-streams.pid"

# start_instance ID PORT LOG PIDFILE DEMO RECORDINGS
start_instance() {
  local id=$1 port=$2 log=$3 pidfile=$4 demo=$5 recordings=$6
RW_INSTANCE_ID="$id" RW_TRUSTED_PROXIES="$TRUSTED_PROXIES" \
RW_DB_URL="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$DB_NAME" RW_DB_USER=redwhistle_app RW_DB_PASSWORD="$RW_DB_PASSWORD" \
RW_DB_OWNER_USER=redwhistle RW_DB_OWNER_PASSWORD="$RW_DB_OWNER_PASSWORD" \
RW_JWT_SECRET="$RW_JWT_SECRET" RW_MQTT_URL="tcp://127.0.0.1:$MQTT_PORT" RW_MQTT_USER=platform \
RW_MQTT_PASSWORD="$RW_MQTT_PASSWORD" RW_PROVISION_PASSWORD="$RW_PROVISION_PASSWORD" RW_DEMO="$demo" RW_DEMO_HISTORY="${RW_DEMO_HISTORY:-true}" RW_DEMO_PASSWORD="$RW_DEMO_PASSWORD" RW_HTTP_PORT="$port" \
RW_RECORDINGS="$recordings" RW_RECORDINGS_DIR="$STATE/recordings" RW_RECORDINGS_CONTINUOUS="${RW_RECORDINGS_CONTINUOUS:-cam-01,cam-05}" \
RW_RECORDINGS_EVENTS="${RW_RECORDINGS_EVENTS:-cam-02,cam-06}" RW_RECORDINGS_DEFAULT_MODE="${RW_RECORDINGS_DEFAULT_MODE:-OFF}" \
REDWHISTLE_RECORDINGS_RETENTION="${REDWHISTLE_RECORDINGS_RETENTION:-1d}" \
RW_CAMERA_STREAMS="rtsp://127.0.0.1:$CAMERA_STREAMS_PORT/" \
  nohup java -Xms256m -Xmx1g -jar "$JAR" > "$log" 2>&1 &
echo $! > "$pidfile"
}

# wait_healthy PORT LOG PIDFILE
wait_healthy() {
  local port=$1 log=$2 pidfile=$3 health=""
  for _ in $(seq 1 180); do
    health=$(curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null || true)
    case "$health" in *'"status":"UP"'*) break ;; esac
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -40 "$log"; rw_die "the app exited; log: $log"; }
    sleep 1
  done
  case "$health" in *'"status":"UP"'*) rw_log "health on port $port: UP" ;; *) tail -40 "$log"; rw_die "the app did not become healthy; log: $log" ;; esac
}

# behind the balancer (on this machine) the client's address comes in its X-Forwarded-For
TRUSTED_PROXIES=${RW_TRUSTED_PROXIES:-}
[ "$INSTANCES" -gt 1 ] && TRUSTED_PROXIES=${RW_TRUSTED_PROXIES:-127.0.0.1}
if [ "$INSTANCES" = 1 ]; then
  rw_log "starting the command center on port $HTTP_PORT"
  start_instance "${RW_INSTANCE_ID:-rw-1}" "$HTTP_PORT" "$STATE/app.log" "$STATE/app.pid" true "${RW_RECORDINGS:-true}"
  wait_healthy "$HTTP_PORT" "$STATE/app.log" "$STATE/app.pid"
  APP_PIDS=("$STATE/app.pid")
  APP_LOGS="$STATE/app.log"
else
  # rw-1 seeds the demo (and replays its year) and records the cameras; the others only serve (docs/cluster.md)
  APP_PIDS=()
  APP_LOGS=""
  targets=()
  for i in $(seq 1 "$INSTANCES"); do
    demo=false recordings=false
    [ "$i" = 1 ] && { demo=true; recordings="${RW_RECORDINGS:-true}"; }
    rw_log "starting instance rw-$i on port $((HTTP_PORT + i))"
    start_instance "rw-$i" "$((HTTP_PORT + i))" "$STATE/app-rw-$i.log" "$STATE/app-rw-$i.pid" "$demo" "$recordings"
    # rw-1 first: it runs the migrations and seeds the demo before the others start on the same database
    [ "$i" = 1 ] && wait_healthy "$((HTTP_PORT + 1))" "$STATE/app-rw-1.log" "$STATE/app-rw-1.pid"
    APP_PIDS+=("$STATE/app-rw-$i.pid")
    APP_LOGS+="$STATE/app-rw-$i.log "
    targets+=("127.0.0.1:$((HTTP_PORT + i))")
  done
  for i in $(seq 2 "$INSTANCES"); do
    wait_healthy "$((HTTP_PORT + i))" "$STATE/app-rw-$i.log" "$STATE/app-rw-$i.pid"
  done
  rw_start_lb "$STATE/haproxy" "127.0.0.1:$HTTP_PORT" "${targets[@]}"
  for _ in $(seq 1 30); do
    curl -fsS "http://127.0.0.1:$HTTP_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
    sleep 1
  done
fi

rw_log "starting the village simulator: it onboards its devices over MQTT self-provisioning, then keeps them busy"
RW_API_URL="http://127.0.0.1:$HTTP_PORT" RW_MQTT_URL="tcp://127.0.0.1:$MQTT_PORT" RW_SIM_USER=integrator \
RW_SIM_PASSWORD="$RW_DEMO_PASSWORD" RW_SIM_INTRUSION_EVERY="${RW_SIM_INTRUSION_EVERY:-90}" RW_SIM_FRAMES="$RW_FRAMES_DIR" \
  nohup java -Xmx256m -jar "$SIM_JAR" > "$STATE/simulator.log" 2>&1 &
echo $! > "$STATE/simulator.pid"

# the simulator prints "simulator: N devices online" once it has onboarded and connected its village
total=""
for _ in $(seq 1 120); do
  total=$(sed -n 's/^simulator: \([0-9]*\) devices online.*/\1/p' "$STATE/simulator.log" | tail -1)
  [ -n "$total" ] && break
  kill -0 "$(cat "$STATE/simulator.pid")" 2>/dev/null || { tail -20 "$STATE/simulator.log"; rw_die "the simulator exited; log: $STATE/simulator.log"; }
  sleep 1
done
[ -n "$total" ] || rw_die "the simulator did not bring its devices online; log: $STATE/simulator.log"
online=0
for _ in $(seq 1 30); do
  online=$(rw_psql_admin -d "$DB_NAME" -Atc "select count(*) from device where online and firmware = 'sim-1.0'")
  [ "$online" -ge "$total" ] && break
  sleep 1
done
rw_log "simulated devices online: $online/$total"

cat <<BANNER

  ┌────────────────────────────────────────────────────────────────────────
  │ 小红哨指挥中心 Red Whistle is running
  │
  │ Dashboard       http://127.0.0.1:$HTTP_PORT/
  │ Residents (小红哨) http://127.0.0.1:$HTTP_PORT/whistle.html  (sign-up codes: grep 'SMS to' ${APP_LOGS% })
  │ Patrol members  http://127.0.0.1:$HTTP_PORT/patrol.html
  │ Health          http://127.0.0.1:$HTTP_PORT/actuator/health
  │ MQTT broker     tcp://127.0.0.1:$MQTT_PORT (project-owned; anonymous off)
  │ STOMP           ws://127.0.0.1:$HTTP_PORT/ws
  │
  │ Demo logins (password for all: $RW_DEMO_PASSWORD)
  │   operator     松鹤园社区指挥员 (community operator)     ← start here
  │   leader, operator-district, admin, department, dept-housing, …
  │   streets: operator-street (广文), operator-dongguan, operator-beiyuan, operator-dayu
  │   communities: operator-kwm, operator-yuehe, operator-xinhua, … (README: demo logins)
  │   grid1, grid2, grid-<community>-<n>, police, police-<street>, patrol1, patrol2, integrator, resident
  │   residents' page: 13800000001 … 13800000012 (one or more per community)
  │
  │ A wall-climbing intrusion fires about every ${RW_SIM_INTRUSION_EVERY:-90} s;
  │ a demo resident blows the whistle about every ${RW_SIM_WHISTLE_EVERY:-300} s.
  │ Logs: ${APP_LOGS% }, $STATE/simulator.log, $STATE/camera-streams.log
  │ Stop: Ctrl-C here, or scripts/run.sh stop
  └────────────────────────────────────────────────────────────────────────
BANNER

if [ "$DETACH" = 1 ]; then
  exit 0
fi
trap 'echo; rw_log "stopping"; stop_all; exit 0' INT TERM
# in the foreground while any instance runs (with several, the others keep serving when one stops)
alive() { local f; for f in "${APP_PIDS[@]}"; do kill -0 "$(cat "$f" 2>/dev/null)" 2>/dev/null && return 0; done; return 1; }
while alive; do sleep 2; done
rw_log "the app stopped; log: ${APP_LOGS% }"
stop_all
