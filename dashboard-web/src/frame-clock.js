// The time burned into the simulated cameras' frames (scripts/camera-streams.py), read back from a
// decoded frame's pixels: a strip of STRIP_BITS blocks BLOCK_W x BLOCK_H at (STRIP_X, STRIP_Y) of a
// 640x480 frame, white = 1, most significant first: 42 bits of epoch milliseconds, 8 bits of (ms mod 251).

export const FRAME_W = 640;
export const FRAME_H = 480;
export const STRIP_X = 20;
export const STRIP_Y = 452;
export const BLOCK_W = 12;
export const BLOCK_H = 20;
export const VALUE_BITS = 42;
export const CHECK_BITS = 8;

/** The row of the frame (in frame pixels) whose pixels {@link decodeRow} reads. */
export const READ_Y = STRIP_Y + BLOCK_H / 2;

/**
 * The epoch milliseconds in one RGBA row of the frame (width px wide, scaled from 640), or null when the
 * strip is absent or unreadable (the check does not match).
 */
export function decodeRow(rgba, width = FRAME_W) {
  const scale = width / FRAME_W;
  const bit = (i) => {
    const x = Math.floor((STRIP_X + i * BLOCK_W + BLOCK_W / 2) * scale);
    const p = x * 4;
    return (rgba[p] + rgba[p + 1] + rgba[p + 2]) / 3 > 128 ? 1 : 0;
  };
  let value = 0;
  for (let i = 0; i < VALUE_BITS; i++) value = value * 2 + bit(i);
  let check = 0;
  for (let i = 0; i < CHECK_BITS; i++) check = check * 2 + bit(VALUE_BITS + i);
  return value > 0 && value % 251 === check ? value : null;
}

/** The p-th percentile (0–100) of the numbers, nearest rank; null when there are none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
