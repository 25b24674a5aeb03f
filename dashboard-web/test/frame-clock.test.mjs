// The burned-in clock of the simulated cameras (scripts/camera-streams.py strip_row), read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_W, CHECK_BITS, decodeRow, percentile, STRIP_X, VALUE_BITS } from '../src/frame-clock.js';

/** A row as camera-streams.py draws it, in RGBA, at 640 px; noise added to every pixel. */
function row(ms, noise = 0) {
  const bits = ms.toString(2).padStart(VALUE_BITS, '0') + (ms % 251).toString(2).padStart(CHECK_BITS, '0');
  const px = new Uint8ClampedArray(640 * 4).fill(128);
  for (let i = 0; i < bits.length; i++) {
    for (let x = STRIP_X + i * BLOCK_W; x < STRIP_X + (i + 1) * BLOCK_W; x++) {
      const v = (bits[i] === '1' ? 235 : 16) + (x % 2 ? noise : -noise);
      px.fill(v, x * 4, x * 4 + 3);
    }
  }
  return px;
}

test('the milliseconds come back, also through coding noise', () => {
  const ms = 1796448213166;
  assert.equal(decodeRow(row(ms)), ms);
  assert.equal(decodeRow(row(ms, 60)), ms);
});

test('a frame without the strip, or with a damaged block, reads as nothing', () => {
  assert.equal(decodeRow(new Uint8ClampedArray(640 * 4).fill(128)), null);
  const damaged = row(1796448213166);
  const x = (STRIP_X + 3 * BLOCK_W + 6) * 4;
  damaged[x] = damaged[x + 1] = damaged[x + 2] = damaged[x] > 128 ? 16 : 235;
  assert.equal(decodeRow(damaged), null);
});

test('percentiles by nearest rank', () => {
  assert.equal(percentile([], 50), null);
  assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
  assert.equal(percentile([...Array(100).keys()].map((i) => i + 1), 95), 95);
});
