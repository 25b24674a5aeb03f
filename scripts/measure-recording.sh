#!/usr/bin/env bash
# Measures what recording one camera costs: records a simulated camera's RTSP stream (scripts/camera-streams.py,
# 640x480 H.264 at its default bitrate) for SECONDS with exactly the recorder's ffmpeg command (docs/recordings.md),
# then prints the segments, their durations by ffprobe, whether ffmpeg printed the wall-clock anchor, the disk used per
# camera-hour and the recorder's CPU (its own ffmpeg), and beside it what the simulated camera's encoder cost while
# the recorder pulled its stream (the simulator encodes a camera only while someone watches it).
#   scripts/measure-recording.sh [SECONDS=120] [SEGMENT=10]
# CAMERA_STREAMS=path/to/camera-streams.py overrides where the simulator is. Run it under /tmp/rw-test.lock on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
segment=${2:-10}
streams=${CAMERA_STREAMS:-scripts/camera-streams.py}
[ -f "$streams" ] || { echo "no $streams (the live-video part's simulated cameras)" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d /tmp/rw-measure-recording.XXXXXX)
/usr/bin/python3 "$streams" --port "$port" > "$work/streams.log" 2>&1 &
streams_pid=$!
cleanup() { kill "$streams_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 50); do grep -q '^ready' "$work/streams.log" && break; sleep 0.2; done
grep -q '^ready' "$work/streams.log" || { cat "$work/streams.log"; exit 1; }

ticks=$(getconf CLK_TCK)
ffmpeg -hide_banner -nostats -nostdin -loglevel info -rtsp_transport tcp -use_wallclock_as_timestamps 1 \
  -i "rtsp://127.0.0.1:$port/cam-01" -map 0:v:0 -c copy -an -f segment -segment_time "$segment" -reset_timestamps 1 \
  -segment_format mp4 -segment_format_options movflags=+faststart \
  -segment_list "$work/list.csv" -segment_list_type csv "$work/run-%06d.mp4" 2> "$work/ffmpeg.log" &
rec=$!
sim0=$(awk '{print $14 + $15}' "/proc/$streams_pid/stat")
sleep "$seconds"
cpu=$(awk '{print $14 + $15}' "/proc/$rec/stat")
sim=$(( $(awk '{print $14 + $15}' "/proc/$streams_pid/stat") - sim0 ))
rss=$(awk '/VmRSS/ {print $2}' "/proc/$rec/status")
kill -TERM "$rec"; wait "$rec" || true

echo "segment list (file, start, end in s after the anchor):"; cat "$work/list.csv"
anchor=$(grep -oE 'start: [0-9]+\.[0-9]+' "$work/ffmpeg.log" | head -1 || true)
echo "wall-clock anchor printed by ffmpeg: ${anchor:-NONE}"
recorded=$(awk -F, '{s += $3 - $2} END {printf "%.1f", s}' "$work/list.csv")
bytes=$(awk -F, '{print $1}' "$work/list.csv" | while read -r f; do stat -c %s "$work/$(basename "$f")"; done | awk '{s += $1} END {print s}')
probed=$(awk -F, '{print $1}' "$work/list.csv" | while read -r f; do ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/$(basename "$f")"; done | awk '{s += $1} END {printf "%.1f", s}')
echo "segments: $(wc -l < "$work/list.csv"), recorded ${recorded} s (ffprobe: ${probed} s), ${bytes} bytes"
awk -v b="$bytes" -v s="$recorded" 'BEGIN {printf "disk: %.1f MB per camera-hour (%.0f kbit/s), %.2f GB per camera for 7 days continuous\n", b / s * 3600 / 1e6, b * 8 / s / 1000, b / s * 3600 * 24 * 7 / 1e9}'
awk -v c="$cpu" -v t="$ticks" -v s="$seconds" -v r="$rss" 'BEGIN {printf "recorder ffmpeg: %.2f %% of one core over %d s, RSS %.1f MB\n", 100 * c / t / s, s, r / 1024}'
awk -v c="$sim" -v t="$ticks" -v s="$seconds" 'BEGIN {printf "the simulated camera (camera-streams.py) meanwhile: %.2f %% of one core (decode, clock overlay, x264)\n", 100 * c / t / s}'
