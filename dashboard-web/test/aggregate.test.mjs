// The terminals' aggregation on the operators' map (src/aggregate.js), checked against MapLibre's
// own projection rules: 512 px world at zoom 0, Web Mercator y downwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, CELL_PX, countLabel, lonLatOf, mercator, pixelsPerUnit, SINGLE_ZOOM } from '../src/aggregate.js';

const at = (id, lon, lat, online = true) => {
  const [x, y] = mercator(lon, lat);
  return { id, x, y, online };
};
const view = (lon, lat, zoom, w = 1000, h = 800) => {
  const [cx, cy] = mercator(lon, lat);
  return { cx, cy, zoom, w, h };
};

test('Web Mercator: the origin in the middle, north up, and back again', () => {
  assert.deepEqual(mercator(0, 0), [0.5, 0.5]);
  const [x, y] = mercator(119.126, 36.7045);
  assert.ok(x > 0.5 && y < 0.5);
  const [lon, lat] = lonLatOf(x, y);
  assert.ok(Math.abs(lon - 119.126) < 1e-9 && Math.abs(lat - 36.7045) < 1e-9);
  assert.equal(pixelsPerUnit(0), 512);
  assert.equal(pixelsPerUnit(2), 2048);
});

test('zoomed out, terminals in one screen cell are one bubble at their mean, and every terminal in view is counted once', () => {
  const zoom = 15;
  const metre = 1 / (pixelsPerUnit(zoom) / CELL_PX); // a cell in Web Mercator units
  assert.ok(metre > 0);
  // 500 terminals scattered over the view, 3 more stacked on one spot, one alone far away in view
  const ts = [];
  for (let i = 0; i < 500; i++) ts.push(at(`t${i}`, 119.12 + (i % 25) * 0.0004, 36.70 + Math.floor(i / 25) * 0.0003));
  ts.push(at('s1', 119.1251, 36.7051), at('s2', 119.1251, 36.7051), at('s3', 119.1251, 36.7051));
  const r = aggregate(ts, view(119.125, 36.703, zoom));
  assert.equal(r.total, 503);
  const counted = [...r.counts].reduce((s, n) => s + n, 0);
  assert.equal(counted, 503, 'each terminal in view is in exactly one bubble');
  assert.ok(r.xs.length < 200, `aggregated into ${r.xs.length} bubbles, not 503 points`);
  // bubbles of several carry no id; a lone terminal carries its own
  for (let i = 0; i < r.xs.length; i++) assert.equal(r.ids[i] === null, r.counts[i] > 1);
  // the mean position lies within the cell's terminals' extent
  for (let i = 0; i < r.xs.length; i++) assert.ok(r.xs[i] > 0.8 && r.xs[i] < 0.9 && r.ys[i] > 0.3 && r.ys[i] < 0.4);
});

test('a terminal outside the view and its half-screen margin is left out; a lone one keeps its id and state', () => {
  const ts = [at('near', 119.125, 36.703, false), at('far', 119.5, 36.703)];
  const r = aggregate(ts, view(119.125, 36.703, 15));
  assert.equal(r.total, 2);
  assert.deepEqual([...r.counts], [1]);
  assert.deepEqual(r.ids, ['near']);
  assert.deepEqual([...r.online], [0]);
});

test(`from zoom ${SINGLE_ZOOM} every terminal is drawn by itself, even two on the same spot`, () => {
  const ts = [at('a', 119.125, 36.703), at('b', 119.125, 36.703), at('c', 119.1251, 36.7031)];
  const r = aggregate(ts, view(119.125, 36.703, SINGLE_ZOOM));
  assert.deepEqual([...r.counts], [1, 1, 1]);
  assert.deepEqual(r.ids, ['a', 'b', 'c']);
  const zoomedOut = aggregate(ts, view(119.125, 36.703, SINGLE_ZOOM - 2));
  assert.equal(zoomedOut.xs.length, 1);
  assert.equal(zoomedOut.counts[0], 3);
});

test('cells are anchored to the world: panning the view regroups nobody', () => {
  const ts = [];
  for (let i = 0; i < 300; i++) ts.push(at(`t${i}`, 119.123 + ((i * 37) % 101) * 0.00004, 36.702 + ((i * 53) % 97) * 0.00003));
  const zoom = 15.3;
  const here = aggregate(ts, view(119.125, 36.703, zoom));
  // 37 px to the east and 11 px to the south: not a whole number of cells
  const px = 1 / pixelsPerUnit(zoom);
  const [cx, cy] = mercator(119.125, 36.703);
  const panned = aggregate(ts, { cx: cx + 37 * px, cy: cy + 11 * px, zoom, w: 1000, h: 800 });
  const groups = (r) => [...r.counts].map((n, i) => `${n}@${r.xs[i].toFixed(12)},${r.ys[i].toFixed(12)}`).sort();
  assert.ok(here.xs.length > 1, 'several cells');
  assert.deepEqual(groups(panned), groups(here));
});

test('counts as the bubbles show them', () => {
  assert.equal(countLabel(7), '7');
  assert.equal(countLabel(999), '999');
  assert.equal(countLabel(1234), '1.2k');
  assert.equal(countLabel(12_345), '12k');
});
