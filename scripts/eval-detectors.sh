#!/usr/bin/env bash
# The people-detector evaluation (issue 22): every candidate over the labelled evaluation set
# (photographs from Debian packages, not the demo footage; ingest/src/test/resources/detector-eval),
# one thread, printing detector × images × precision × recall × frames/s per core, what each found per
# kind of image, threshold sweeps of CenterNet (plain and with the mirrored frame) and MoveNet, and
# every image's best score per candidate (target/bench/eval-detectors-scores.tsv). Heavy on the CPU: on a shared machine
# run it under the test lock (flock /tmp/rw-test.lock scripts/eval-detectors.sh).
#   scripts/eval-detectors.sh [SPEC ...]      (default: all candidates of docs/analytics.md)
# SPEC as in PersonDetector: centernet[:thr[:WxH]], daimler[:thr], hog[:thr[:upscale]], cascade:FILE[:n], A|B
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

rw_require_root
rw_ensure_tools
rw_apt_install opencv-data
rw_ensure_detector_model
rw_ensure_eval_set
# the bench jar, rebuilt when the detectors' or the bench's sources are newer (a stale jar would
# evaluate the old code)
jar=bench/target/red-whistle-bench.jar
if [ ! -f "$jar" ] || [ -n "$(find ingest/src/main bench/src/main -type f -newer "$jar" | head -1)" ]; then
  rm -f "$jar"
  ./mvnw -B -q -DskipTests package -pl bench -am
fi
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
  specs=(
    daimler:3.0 daimler:1.0 hog:0.0 hog:0.5:1.5
    cascade:haarcascade_fullbody.xml cascade:haarcascade_upperbody.xml
    cascade:haarcascade_frontalface_default.xml:5 cascade:lbpcascade_frontalface_improved.xml:5
    centernet:0.3 centernet:0.3:512x384 centernet:0.3:640x480 centernet:0.3:flip movenet:0.3
    "centernet:0.3|cascade:haarcascade_frontalface_default.xml:5" "centernet:0.3|daimler:3.0"
    "centernet:0.3|centernet:0.3:320x256" "centernet:0.3&movenet:0.2" "centernet:0.3|movenet:0.5" "centernet:0.13&movenet:0.56"
  )
fi
# the CenterNet at other input sizes and MoveNet multi-pose, for the comparison (the platform uses
# CenterNet 416x320)
for s in 512x384 640x480 320x256 movenet:320x256; do
  f=$RW_MODELS_DIR/centernet-person-$s.onnx
  case "$s" in movenet:*) f=$RW_MODELS_DIR/movenet-person-${s#movenet:}.onnx ;; esac
  [ -f "$f" ] || scripts/tools/make-detector-model.sh "$RW_MODELS_DIR" "$s" >/dev/null
done
mkdir -p target/bench
echo "=== people detectors on the evaluation set $(date -u +%Y-%m-%dT%H:%MZ), $(lscpu | sed -n 's/^Model name: *//p' | head -1) ==="
java -Xmx1g -jar bench/target/red-whistle-bench.jar eval-detectors "$RW_EVAL_DIR" "$RW_DETECTOR_MODEL" --sweep centernet:0.1 --sweep centernet:0.1:flip --sweep movenet:0.1 \
  --scores target/bench/eval-detectors-scores.tsv "${specs[@]}" \
  | tee target/bench/eval-detectors.log
