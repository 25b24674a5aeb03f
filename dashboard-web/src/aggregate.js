// Patrol terminals on the operators' map: Web Mercator placement and the aggregation on a grid of
// screen cells when zoomed out. Plain JavaScript (typed in aggregate.d.ts) so that the positions
// worker, the page and node's own test runner (test/aggregate.test.mjs) share one implementation.

/** Terminals are aggregated on a grid of screen cells this many pixels wide, below SINGLE_ZOOM. */
export const CELL_PX = 60;
/** From this zoom every terminal is drawn by itself. */
export const SINGLE_ZOOM = 17;
/** MapLibre's world is this many pixels wide at zoom 0. */
const WORLD_PX = 512;

/** Web Mercator of a longitude and latitude, 0..1 across the world, y downwards (as MapLibre's). */
export function mercator(lon, lat) {
  const sin = Math.sin((lat * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)];
}

/** The longitude and latitude of a Web Mercator point. */
export function lonLatOf(x, y) {
  return [x * 360 - 180, (360 / Math.PI) * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - 90];
}

/** Screen pixels per unit of Web Mercator at a zoom. */
export function pixelsPerUnit(zoom) {
  return WORLD_PX * Math.pow(2, zoom);
}

/** A count as its bubble shows it. */
export function countLabel(n) {
  return n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/**
 * What to draw for the terminals in view (the view and half a screen around it): from SINGLE_ZOOM
 * each terminal by itself, below it one bubble per occupied cell of CELL_PX screen pixels, at the
 * mean position of the terminals in it. Cells are anchored to the world, not to the screen, so a
 * bubble stays put while its members mill about inside it. A cell holding one terminal draws that
 * terminal.
 *
 * @param terminals iterable of { id, x, y, online } (x, y: Web Mercator 0..1)
 * @param view { cx, cy, zoom, w, h }: the view's centre in Web Mercator, its zoom, its size in pixels
 * @returns { xs, ys, counts, ids, online, total }: one entry per bubble or terminal to draw (ids and
 *   online are those of a single terminal, null and 0 for a bubble of several); total is how many
 *   terminals there are in all
 */
export function aggregate(terminals, view) {
  const scale = pixelsPerUnit(view.zoom);
  const x0 = view.cx - view.w / scale;
  const x1 = view.cx + view.w / scale;
  const y0 = view.cy - view.h / scale;
  const y1 = view.cy + view.h / scale;
  const single = view.zoom >= SINGLE_ZOOM;
  const cellScale = scale / CELL_PX;
  const cells = new Map();
  const out = [];
  let total = 0;
  for (const t of terminals) {
    total++;
    if (t.x < x0 || t.x > x1 || t.y < y0 || t.y > y1) continue;
    if (single) {
      out.push({ x: t.x, y: t.y, n: 1, one: t });
      continue;
    }
    // a cell's column and row, each well under 2^26 at any zoom a map allows, as one number
    const key = Math.floor(t.x * cellScale) * 67_108_864 + Math.floor(t.y * cellScale);
    const c = cells.get(key);
    if (c) {
      c.n++;
      c.x += t.x;
      c.y += t.y;
      c.one = null;
    } else {
      const nc = { x: t.x, y: t.y, n: 1, one: t };
      cells.set(key, nc);
      out.push(nc);
    }
  }
  const r = {
    xs: new Float64Array(out.length),
    ys: new Float64Array(out.length),
    counts: new Uint32Array(out.length),
    ids: new Array(out.length),
    online: new Uint8Array(out.length),
    total,
  };
  out.forEach((c, i) => {
    r.xs[i] = c.x / c.n;
    r.ys[i] = c.y / c.n;
    r.counts[i] = c.n;
    r.ids[i] = c.one ? c.one.id : null;
    r.online[i] = c.one && c.one.online ? 1 : 0;
  });
  return r;
}
