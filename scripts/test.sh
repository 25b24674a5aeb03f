#!/usr/bin/env bash
# Runs all tests: unit tests, integration tests against a real PostgreSQL/PostGIS and a real
# Mosquitto, and browser tests in a real Chromium. Installs what is missing (Debian packages), gives
# this run its own database (with its own owner and runtime roles) and its own broker on a free
# port, and removes them afterwards.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=AlarmEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh
started=$(date +%s)

rw_require_root
rw_ensure_tools
rw_ensure_chromium
rw_ensure_frames
rw_ensure_detector_model
rw_ensure_eval_set
rw_ensure_camera_streams
rw_ensure_haproxy
rw_ensure_postgres

run_id="$(date +%Y%m%d%H%M%S)_$$"
db="rw_test_$run_id"
role="rw_test_$run_id"            # owns the database and runs the migrations
db_pw=$(rw_random_secret)
app_role="rw_test_${run_id}_app"  # what the app connects as: may only insert into and read the audit log
app_pw=$(rw_random_secret)
broker_dir=$(mktemp -d /tmp/rw-test-broker.XXXXXX)
chmod 755 "$broker_dir"
broker2_dir=$(mktemp -d /tmp/rw-test-broker2.XXXXXX)   # the second broker of a pool (issue 23)
chmod 755 "$broker2_dir"
port=$(rw_free_port)
admin_pw=$(rw_random_secret)
platform_pw=$(rw_random_secret)

cleanup() {
  rw_stop_broker "$broker_dir"
  rm -rf "$broker_dir"
  rw_stop_broker "$broker2_dir"
  rm -rf "$broker2_dir"
  rw_drop_database "$db"
  rw_drop_role "$role"
  rw_drop_role "$app_role"
}
trap cleanup EXIT

rw_ensure_database "$db" "$role" "$db_pw" "$app_role" "$app_pw"
rw_start_broker "$broker_dir" "$port" "$admin_pw" platform "$platform_pw"
port2=$(rw_free_port)
rw_start_broker "$broker2_dir" "$port2" "$admin_pw" platform "$platform_pw"
rw_log "test run $run_id: database $db, brokers 127.0.0.1:$port and (pool tests) 127.0.0.1:$port2"

export RW_TEST_DB_URL="jdbc:postgresql://$RW_PGHOST:$RW_PGPORT/$db"
export RW_TEST_DB_USER="$app_role"
export RW_TEST_DB_PASSWORD="$app_pw"
export RW_TEST_DB_OWNER_USER="$role"      # the migrations' role, and the audit tests' tampering
export RW_TEST_DB_OWNER_PASSWORD="$db_pw"
export RW_TEST_MQTT_URL="tcp://127.0.0.1:$port"
export RW_TEST_MQTT_USER=platform
export RW_TEST_MQTT_PASSWORD="$platform_pw"
export RW_TEST_MQTT_ADMIN_PASSWORD="$admin_pw"
export RW_TEST_CHROMIUM=/usr/bin/chromium
export RW_TEST_HAPROXY="$(command -v haproxy)"      # LoadBalancedInstancesTest runs deploy/haproxy/red-whistle.cfg
export RW_TEST_FRAMES_DIR="$RW_FRAMES_DIR"         # real camera frames (opencv-doc) for the analytics tests
export RW_TEST_EVAL_DIR="$RW_EVAL_DIR"             # the people-detector evaluation set (issue 22)
export RW_TEST_BROKER_DIR="$broker_dir"       # the fault tests restart this run's broker
export RW_TEST_MQTT_URL_2="tcp://127.0.0.1:$port2"  # a second broker, same platform account: the broker-pool tests
export RW_TEST_BROKER_DIR_2="$broker2_dir"

rm -rf ./*/target/reports ./*/target/screenshots
status=0
./mvnw -B verify "$@" || status=$?
for report in */target/reports/*.txt; do
  [ -f "$report" ] && { rw_log "figures from $report:"; cat "$report"; }
done
rw_log "screenshots: $(ls command-api/target/screenshots/*.png 2>/dev/null | tr '\n' ' ')"
rw_log "test command wall-clock: $(( $(date +%s) - started )) s (exit $status)"
exit $status
