#!/usr/bin/env bash
# Runs the whole command center with a simulated village on this machine (Debian/Ubuntu, root).
#   scripts/run.sh            build, start everything, print the URL and demo logins, stay in the foreground
#   scripts/run.sh --detach   the same, then return (stop later with scripts/run.sh stop)
#   scripts/run.sh stop       stop the app, the simulator and the project broker
# Idempotent: a second run stops the first one's processes and starts afresh with the same data.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

STATE="$ROOT/.run"
HTTP_PORT=${RW_HTTP_PORT:-8080}
MQTT_PORT=${RW_MQTT_PORT:-18830}
DB_NAME=${RW_DB_NAME:-redwhistle}
DETACH=0

stop_all() {
  rw_stop_pidfile "$STATE/simulator.pid"
  rw_stop_pidfile "$STATE/app.pid"
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
rw_ensure_postgres
# redwhistle owns the database and runs the migrations; the app connects as redwhistle_app, which may
# only insert into and read the audit log (docs/audit.md)
rw_ensure_database "$DB_NAME" redwhistle "$RW_DB_OWNER_PASSWORD" redwhistle_app "$RW_DB_PASSWORD"
if ss -Hltn "sport = :$HTTP_PORT" | grep -q .; then
  rw_die "port $HTTP_PORT is in use by another program (set RW_HTTP_PORT)"
fi
rw_start_broker "$STATE/mosquitto" "$MQTT_PORT" "$RW_MQTT_ADMIN_PASSWORD" platform "$RW_MQTT_PASSWORD"

if [ "${RW_SKIP_BUILD:-0}" != 1 ]; then
  rw_log "building (Maven + npm; the first build downloads dependencies)"
  ./mvnw -B -q -DskipTests clean package
fi
JAR="$ROOT/command-api/target/red-whistle.jar"
SIM_JAR=$(ls "$ROOT"/devices/target/devices-*-cli.jar | head -1)

rw_log "starting the command center on port $HTTP_PORT"
RW_DB_URL="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$DB_NAME" RW_DB_USER=redwhistle_app RW_DB_PASSWORD="$RW_DB_PASSWORD" \
RW_DB_OWNER_USER=redwhistle RW_DB_OWNER_PASSWORD="$RW_DB_OWNER_PASSWORD" \
RW_JWT_SECRET="$RW_JWT_SECRET" RW_MQTT_URL="tcp://127.0.0.1:$MQTT_PORT" RW_MQTT_USER=platform \
RW_MQTT_PASSWORD="$RW_MQTT_PASSWORD" RW_PROVISION_PASSWORD="$RW_PROVISION_PASSWORD" RW_DEMO=true RW_DEMO_HISTORY="${RW_DEMO_HISTORY:-true}" RW_DEMO_PASSWORD="$RW_DEMO_PASSWORD" RW_HTTP_PORT="$HTTP_PORT" \
  nohup java -Xms256m -Xmx1g -jar "$JAR" > "$STATE/app.log" 2>&1 &
echo $! > "$STATE/app.pid"

health=""
for _ in $(seq 1 180); do
  health=$(curl -fsS "http://127.0.0.1:$HTTP_PORT/actuator/health" 2>/dev/null || true)
  case "$health" in *'"status":"UP"'*) break ;; esac
  kill -0 "$(cat "$STATE/app.pid")" 2>/dev/null || { tail -40 "$STATE/app.log"; rw_die "the app exited; log: $STATE/app.log"; }
  sleep 1
done
case "$health" in *'"status":"UP"'*) rw_log "health: UP" ;; *) tail -40 "$STATE/app.log"; rw_die "the app did not become healthy; log: $STATE/app.log" ;; esac

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
  │ Residents (小红哨) http://127.0.0.1:$HTTP_PORT/whistle.html  (sign-up codes: grep 'SMS to' $STATE/app.log)
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
  │ Logs: $STATE/app.log, $STATE/simulator.log
  │ Stop: Ctrl-C here, or scripts/run.sh stop
  └────────────────────────────────────────────────────────────────────────
BANNER

if [ "$DETACH" = 1 ]; then
  exit 0
fi
trap 'echo; rw_log "stopping"; stop_all; exit 0' INT TERM
while kill -0 "$(cat "$STATE/app.pid" 2>/dev/null)" 2>/dev/null; do sleep 2; done
rw_log "the app stopped; log: $STATE/app.log"
stop_all
