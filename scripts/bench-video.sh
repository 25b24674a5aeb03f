#!/usr/bin/env bash
# Live video benchmark (issue 22):
#  1. CPU: the simulated cameras' RTSP server (scripts/camera-streams.py: decode vtest.avi, burn in the
#     clock, x264 per camera) and the platform's relay (ffmpeg pulling RTSP over TCP, -c copy into
#     fragmented MP4, the same arguments as org.redwhistle.api.video.internal.Relay) for 1 and N cameras
#     relayed at once; CPU% of each process from /proc/<pid>/stat over the window (100 % = one core).
#  2. Latency (--latency): the browser test LiveBrowserTest with a longer sampling window: the clock burned
#     into the frames read back from the canvas in Chromium vs the browser's clock, p50/p95 per camera.
#   scripts/bench-video.sh [--seconds 60] [--streams 3] [--latency]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

WINDOW=60 STREAMS=3 LATENCY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) WINDOW=$2; shift 2 ;;
    --streams) STREAMS=$2; shift 2 ;;
    --latency) LATENCY=1; shift ;;
    *) rw_die "usage: scripts/bench-video.sh [--seconds 60] [--streams 3] [--latency]" ;;
  esac
done

rw_require_root
rw_ensure_camera_streams
HZ=$(getconf CLK_TCK)
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
WORK=$(mktemp -d)
SERVER_PID="" RELAYS=()
cleanup() {
  for p in "${RELAYS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

/usr/bin/python3 scripts/camera-streams.py --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do grep -q '^ready' "$WORK/server.log" && break; sleep 0.1; done
grep -q '^ready' "$WORK/server.log" || rw_die "camera-streams.py did not start: $(cat "$WORK/server.log")"

relay() {
  ffmpeg -hide_banner -nostdin -loglevel warning -rtsp_transport tcp -fflags nobuffer -flags low_delay \
    -analyzeduration 500000 -probesize 200000 -i "rtsp://127.0.0.1:$PORT/$1" -an -c:v copy -f mp4 \
    -movflags frag_keyframe+empty_moov+default_base_moof -frag_duration 100000 pipe:1 > /dev/null 2>> "$WORK/relay.log" &
  RELAYS+=($!)
}

measure() {  # $1 = number of cameras relayed at once
  local n=$1 i
  RELAYS=()
  for i in $(seq 1 "$n"); do relay "bench-$i"; done
  sleep 5  # connected, encoding, past the first keyframe
  local s0 r0=() s1 total=0
  s0=$(ticks "$SERVER_PID")
  for p in "${RELAYS[@]}"; do r0+=("$(ticks "$p")"); done
  sleep "$WINDOW"
  s1=$(ticks "$SERVER_PID")
  local per=()
  for i in "${!RELAYS[@]}"; do
    local d=$(( $(ticks "${RELAYS[$i]}") - r0[i] ))
    total=$((total + d))
    per+=("$(awk -v d="$d" -v hz="$HZ" -v w="$WINDOW" 'BEGIN{printf "%.2f", d / hz / w * 100}')")
  done
  awk -v n="$n" -v t="$total" -v s=$((s1 - s0)) -v hz="$HZ" -v w="$WINDOW" -v per="${per[*]}" 'BEGIN{
    printf "%d camera(s) for %d s: relay ffmpeg CPU per stream %.2f %% (each: %s), RTSP server %.1f %% in all = %.1f %% per camera\n",
      n, w, t / hz / w * 100 / n, per, s / hz / w * 100, s / hz / w * 100 / n }'
  for p in "${RELAYS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${RELAYS[@]}" 2>/dev/null || true
  RELAYS=()
  sleep 2  # the server stops encoding once its clients are gone
}

echo "bench-video $(date -u +%FT%TZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); 640x480, 10 fps, GOP 1 s, x264 ultrafast/zerolatency 600 kbit/s"
echo "RTSP server idle: $(awk -v t="$(ticks "$SERVER_PID")" -v hz="$HZ" 'BEGIN{printf "%.1f", t / hz}') CPU s since start, nothing encoded while nobody watches"
measure 1
measure "$STREAMS"
if grep -q 'error' "$WORK/server.log"; then echo "RTSP server errors:"; grep 'error' "$WORK/server.log" | head -5; fi
if [ -s "$WORK/relay.log" ]; then echo "relay warnings:"; sort "$WORK/relay.log" | uniq -c | head -5; fi

if [ "$LATENCY" = 1 ]; then
  echo "latency: LiveBrowserTest with a ${WINDOW} s window (Chromium, MSE over the platform's relay)"
  scripts/test.sh -pl command-api -am -Dtest=LiveBrowserTest -Dsurefire.failIfNoSpecifiedTests=false -Drw.skipFaultTests=true \
    -Drw.liveSampleSeconds="$WINDOW" > "$WORK/latency.log" 2>&1 || { tail -40 "$WORK/latency.log"; rw_die "LiveBrowserTest failed"; }
  grep -h 'latency ' command-api/target/reports/live-e2e.log | sed 's/^[[:space:]]*//'
fi
