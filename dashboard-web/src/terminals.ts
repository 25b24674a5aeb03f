import type { Map as MlMap, MapMouseEvent } from 'maplibre-gl';
import { countLabel, lonLatOf, mercator, pixelsPerUnit, SINGLE_ZOOM } from './aggregate.js';
import type { FromWorker, ToWorker } from './positions-worker';

export { SINGLE_ZOOM };

/** What a click on the overlay hit: a bubble of several terminals, or one terminal. */
export type OverlayHit =
  | { kind: 'bubble'; lon: number; lat: number; count: number }
  | { kind: 'terminal'; id: string; lon: number; lat: number }
  | { kind: 'device'; id: string; lon: number; lat: number };

/** A fixed device (camera, gate, wall alarm, intercom, face gate, …) as the overlay draws it: Web Mercator, kind and state. */
interface Fixed {
  id: string;
  x: number;
  y: number;
  kind: string;
  online: boolean;
}

type Drawn = Extract<FromWorker, { type: 'terminals' }>;

/** Size in CSS pixels of a fixed device's icon. */
const ICON_PX = 20;

/** Radius in CSS pixels of a bubble of n terminals (1: a single terminal's dot). */
function radiusOf(n: number): number {
  return n === 1 ? 7 : n >= 1000 ? 26 : n >= 100 ? 20 : n >= 10 ? 15 : 11;
}

/**
 * The devices on the map. The patrol terminals: their live positions come into a worker (src/positions-worker.ts, which
 * holds its own STOMP session on /topic/positions and aggregates those in view by screen cell), and
 * are drawn here on a 2D canvas laid over the map's WebGL canvas, not as MapLibre layers.
 *
 * Why not a GeoJSON layer: thousands of terminals move every second, and each update was re-tiled
 * in MapLibre's worker and redrawn by WebGL once per tile; without a GPU (SwiftShader) one WebGL
 * frame of the map costs about 100 ms of CPU, which the main thread then waited for when the
 * compositor read the canvas back. Here an update copies a few hundred pre-drawn sprites onto a 2D
 * canvas (a few milliseconds) and the map itself is redrawn only when its view or its other layers
 * change. The map must stay north-up and flat: the overlay projects with Web Mercator scale and
 * offset only. The fixed devices are drawn here too, over the terminals (see {@link setFixed}).
 */
export class TerminalOverlay {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly worker: Worker;
  private drawn: Drawn | null = null;
  private fixed: Fixed[] = [];
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  /** the fixed kinds' icons (GET /api/v1/device-kinds), decoded; a kind without one is a dot of its colour */
  private icons = new Map<string, HTMLImageElement>();
  private ratio = 1;

  constructor(
    private readonly map: MlMap,
    /** colours by device kind; patrol_terminal's for the terminals */
    private readonly colors: Record<string, string>,
    private readonly onMembers: (fixes: [number, number, number, number, string][]) => void,
    private readonly onState: (s: 'connecting' | 'connected' | 'offline') => void,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'terminal-overlay';
    this.canvas.dataset.testid = 'terminal-overlay';
    // right above the map's own canvas, under the alarm markers and popups MapLibre appends later
    map.getCanvas().after(this.canvas);
    this.ctx = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    this.worker = new Worker(new URL('./positions-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.resize();
    map.on('resize', () => {
      this.resize();
      this.sendView();
    });
    // while the view moves, what is drawn follows it; once it stops, the worker aggregates anew
    map.on('move', () => this.draw());
    map.on('moveend', () => this.sendView());
    this.sendView();
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  /** Opens the worker's STOMP session; crs is the basemap's coordinate system (terminals are drawn on it). */
  start(token: string, crs: string): void {
    this.send({ type: 'start', token, crs });
  }

  /** Moves the worker's STOMP session to a renewed token. */
  renew(token: string): void {
    this.send({ type: 'token', token });
  }

  /** Every terminal the page knows of, with its last known position (WGS-84). */
  setTerminals(list: { id: string; lon: number; lat: number; online: boolean }[]): void {
    this.send({ type: 'terminals', list: list.map((d) => [d.id, d.lon, d.lat, d.online]) });
  }

  setOnline(id: string, online: boolean): void {
    this.send({ type: 'online', id, online });
  }

  /**
   * The fixed devices (cameras, gates, wall alarms), at their position on the basemap. Drawn here
   * too, over the terminals: a device going online or offline (every wall that fires does) then
   * repaints this canvas, not the WebGL map.
   */
  setFixed(list: { id: string; lon: number; lat: number; kind: string; online: boolean }[]): void {
    this.fixed = list.map((d) => {
      const [x, y] = mercator(d.lon, d.lat);
      return { id: d.id, x, y, kind: d.kind, online: d.online };
    });
    this.draw();
  }

  /** The kinds' colours and the fixed kinds' icons, as the server describes them; redraws with them. */
  setKinds(colors: Record<string, string>, icons: Map<string, HTMLImageElement>): void {
    Object.assign(this.colors, colors);
    this.icons = icons;
    this.sprites.clear();
    this.draw();
  }

  private receive(m: FromWorker): void {
    if (m.type === 'state') this.onState(m.state);
    else if (m.type === 'members') this.onMembers(m.fixes);
    else {
      this.drawn = m;
      this.draw();
      // for the browser test and the benchmark: what the overlay shows, written at most once a second
      const ds = this.canvas.dataset;
      ds.total = String(m.total);
      ds.drawn = String(m.counts.length);
      ds.frames = String(m.frames);
      ds.newestMs = String(m.newestMs);
    }
  }

  private resize(): void {
    const gl = this.map.getCanvas();
    this.ratio = window.devicePixelRatio || 1;
    const w = gl.clientWidth;
    const h = gl.clientHeight;
    this.canvas.width = Math.round(w * this.ratio);
    this.canvas.height = Math.round(h * this.ratio);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
  }

  /** The view's centre in Web Mercator, its zoom and its size in CSS pixels. */
  private view(): { cx: number; cy: number; zoom: number; w: number; h: number } {
    const c = this.map.getCenter();
    const [cx, cy] = mercator(c.lng, c.lat);
    return { cx, cy, zoom: this.map.getZoom(), w: this.canvas.width / this.ratio, h: this.canvas.height / this.ratio };
  }

  private sendView(): void {
    this.send({ type: 'view', view: this.view() });
  }

  /** Draws what the worker last sent where the view now puts it. */
  private draw(): void {
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const { cx, cy, zoom, w, h } = this.view();
    const scale = pixelsPerUnit(zoom);
    const r = this.ratio;
    const put = (s: HTMLCanvasElement, x: number, y: number): void => {
      const px = ((x - cx) * scale + w / 2) * r;
      const py = ((y - cy) * scale + h / 2) * r;
      if (px < -s.width || py < -s.height || px > this.canvas.width + s.width || py > this.canvas.height + s.height) return;
      ctx.drawImage(s, Math.round(px - s.width / 2), Math.round(py - s.height / 2));
    };
    const d = this.drawn;
    if (d) for (let i = 0; i < d.counts.length; i++) put(this.sprite(d.counts[i], d.online[i] === 1), d.xs[i], d.ys[i]);
    for (const f of this.fixed) put(this.sprite(1, f.online, f.kind), f.x, f.y);
  }

  /** A sprite per look (a bubble per count label, an icon or a dot per kind and online state), drawn once, then copied. */
  private sprite(n: number, online: boolean, kind = 'patrol_terminal'): HTMLCanvasElement {
    const key = n === 1 ? `${kind}:${online ? 'on' : 'off'}` : countLabel(n);
    let s = this.sprites.get(key);
    if (s) return s;
    s = document.createElement('canvas');
    const r = this.ratio;
    const icon = n === 1 ? this.icons.get(kind) : undefined;
    if (icon) {
      s.width = s.height = Math.ceil((ICON_PX + 2) * r);
      const ictx = s.getContext('2d') as CanvasRenderingContext2D;
      ictx.scale(r, r);
      ictx.globalAlpha = online ? 1 : 0.35;
      ictx.drawImage(icon, 1, 1, ICON_PX, ICON_PX);
      this.sprites.set(key, s);
      return s;
    }
    const radius = radiusOf(n);
    s.width = s.height = Math.ceil((radius + 2) * 2 * r);
    const ctx = s.getContext('2d') as CanvasRenderingContext2D;
    ctx.scale(r, r);
    ctx.beginPath();
    ctx.arc(radius + 2, radius + 2, radius, 0, 2 * Math.PI);
    ctx.lineWidth = 1.5;
    if (n === 1) {
      ctx.globalAlpha = online ? 1 : 0.35;
      ctx.fillStyle = this.colors[kind] ?? this.colors.patrol_terminal ?? '#90be6d';
      ctx.fill();
      ctx.strokeStyle = online ? '#ffffff' : '#6c757d';
      ctx.stroke();
    } else {
      ctx.fillStyle = 'rgba(82, 183, 136, 0.75)';
      ctx.fill();
      ctx.strokeStyle = '#d8f3dc';
      ctx.stroke();
      ctx.fillStyle = '#081c15';
      ctx.font = '600 11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(key, radius + 2, radius + 2.5);
    }
    this.sprites.set(key, s);
    return s;
  }

  /** The bubble or terminal under a point of the map, if any (the topmost: drawn last). */
  hit(e: MapMouseEvent): OverlayHit | null {
    const { cx, cy, zoom, w, h } = this.view();
    const scale = pixelsPerUnit(zoom);
    const near = (x: number, y: number, radius: number): boolean => {
      const dx = (x - cx) * scale + w / 2 - e.point.x;
      const dy = (y - cy) * scale + h / 2 - e.point.y;
      return dx * dx + dy * dy <= radius * radius;
    };
    for (let i = this.fixed.length - 1; i >= 0; i--) {
      const f = this.fixed[i];
      if (!near(f.x, f.y, (this.icons.has(f.kind) ? ICON_PX / 2 : radiusOf(1)) + 2)) continue;
      const [lon, lat] = lonLatOf(f.x, f.y);
      return { kind: 'device', id: f.id, lon, lat };
    }
    const d = this.drawn;
    if (!d) return null;
    for (let i = d.counts.length - 1; i >= 0; i--) {
      if (!near(d.xs[i], d.ys[i], radiusOf(d.counts[i]) + 2)) continue;
      const [lon, lat] = lonLatOf(d.xs[i], d.ys[i]);
      const id = d.ids[i];
      return id ? { kind: 'terminal', id, lon, lat } : { kind: 'bubble', lon, lat, count: d.counts[i] };
    }
    return null;
  }
}
