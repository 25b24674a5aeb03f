/// <reference lib="webworker" />
// The live positions, off the page's main thread. With thousands of members moving, /topic/positions
// brings a frame of several thousand fixes about twice a second (hundreds of KiB of JSON); parsing it
// and placing every terminal took the main thread 50-150 ms a frame on a loaded machine, long enough
// to stall the dashboard. This worker holds its own STOMP session (same JWT; the server scopes it to
// the operator's area like any other), keeps every terminal's latest position, and hands the page
// only what it draws: the terminals in view, aggregated by screen cell (src/aggregate.js), at most
// once a second, and the phones' fixes of responders (few) as they come.
import { aggregate, mercator, type Aggregate, type Terminal, type View } from './aggregate.js';
import { wgs84ToGcj02 } from './gcj02.js';
import { Live } from './live';

/** What the page tells the worker. */
export type ToWorker =
  | { type: 'start'; token: string; crs: string }
  /** A renewed token: the worker's session moves to it without a gap. */
  | { type: 'token'; token: string }
  /** Every terminal the page knows of (WGS-84), e.g. after a resync: replaces the worker's list. */
  | { type: 'terminals'; list: [string, number, number, boolean][] }
  | { type: 'online'; id: string; online: boolean }
  | { type: 'view'; view: View }
  | { type: 'stop' };

/** What the worker tells the page. */
export type FromWorker =
  | { type: 'state'; state: 'connecting' | 'connected' | 'offline' }
  /** what to draw (see aggregate.js), with the position frames received so far and the newest fix among them (epoch ms) */
  | (Aggregate & { type: 'terminals'; frames: number; newestMs: number })
  /** phones' fixes of responders: [memberId, lon, lat, ms, name] */
  | { type: 'members'; fixes: [number, number, number, number, string][] };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const terminals = new Map<string, Terminal>();
let project: (lon: number, lat: number) => [number, number] = (lon, lat) => [lon, lat];
let view: View | null = null;
let live: Live | null = null;
let dirty = false;
let frames = 0;
let newestMs = 0;

function place(id: string, lon: number, lat: number, online: boolean): void {
  const [plon, plat] = project(lon, lat);
  const [x, y] = mercator(plon, plat);
  const t = terminals.get(id);
  if (t) {
    t.x = x;
    t.y = y;
    t.online = online;
  } else {
    terminals.set(id, { id, x, y, online });
  }
  dirty = true;
}

function post(): void {
  if (!view) return;
  dirty = false;
  const r = aggregate(terminals.values(), view);
  const msg: FromWorker = { type: 'terminals', ...r, frames, newestMs };
  scope.postMessage(msg, [r.xs.buffer, r.ys.buffer, r.counts.buffer, r.online.buffer]);
}

// the terminals move on the map once a second, whatever the number of frames
setInterval(() => {
  if (dirty) post();
}, 1000);

function onFrame(fixes: [string | number, number, number, number, string?][]): void {
  frames++;
  let members: [number, number, number, number, string][] | null = null;
  for (const f of fixes) {
    if (f[3] > newestMs) newestMs = f[3];
    if (typeof f[0] === 'string') place(f[0], f[1], f[2], true);
    else (members ??= []).push([f[0], f[1], f[2], f[3], f[4] ?? '']);
  }
  if (members) scope.postMessage({ type: 'members', fixes: members } satisfies FromWorker);
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'start':
      project = m.crs === 'gcj02' ? wgs84ToGcj02 : (lon, lat) => [lon, lat];
      // the page's own live session (reconnects, heart-beats), here with the positions only; after a
      // reconnect the next frames bring every terminal that moves, so there is nothing to resync
      live = new Live(
        m.token,
        { '/topic/positions': (body) => onFrame(body as [string | number, number, number, number, string?][]) },
        (state) => scope.postMessage({ type: 'state', state } satisfies FromWorker),
        () => {},
      );
      live.start();
      break;
    case 'token':
      live?.renew(m.token);
      break;
    case 'terminals':
      terminals.clear();
      for (const [id, lon, lat, online] of m.list) place(id, lon, lat, online);
      post();
      break;
    case 'online': {
      const t = terminals.get(m.id);
      if (t && t.online !== m.online) {
        t.online = m.online;
        post();
      }
      break;
    }
    case 'view':
      view = m.view;
      post();
      break;
    case 'stop':
      live?.stop();
      break;
  }
};
