import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Api } from './api';
import type { Member, Track, TourRound } from './rest';
import type { CommandMap } from './map';
import { esc } from './html';
import { t } from './i18n';

/** The night of a date (China time): 18:00 that evening to 06:00 the next morning. */
export function nightOf(date: string): { from: string; to: string } {
  const next = new Date(Date.parse(date + 'T12:00:00+08:00') + 86_400_000).toISOString().slice(0, 10);
  return { from: `${date}T18:00:00+08:00`, to: `${next}T06:00:00+08:00` };
}

/** The point of a track at a moment: the last fix at or before it. */
export function indexAt(timesMs: number[], at: number): number {
  let lo = 0;
  let hi = timesMs.length - 1;
  if (hi < 0 || at < timesMs[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (timesMs[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Track replay: pick a member and a night (or the last 12 hours), and the patrol plays back on
 * the map with a time slider: the path walked so far, where the member was, and the guard-tour
 * checkpoints of that night, scanned on time, late, or missed.
 */
export class Replay {
  private track: Track | null = null;
  private marker: maplibregl.Marker | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly el = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

  constructor(private readonly map: CommandMap, private readonly api: Api) {
    this.el('replay-open').addEventListener('click', () => void this.toggle());
    this.el('replay-close').addEventListener('click', () => this.close());
    this.el('replay-load').addEventListener('click', () => void this.load());
    this.el('replay-play').addEventListener('click', () => this.playPause());
    this.el('replay-slider').addEventListener('input', () => this.show(Number((this.el('replay-slider') as HTMLInputElement).value)));
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    (this.el('replay-date') as HTMLInputElement).value = yesterday;
  }

  private async toggle(): Promise<void> {
    const panel = this.el('replay');
    if (!panel.hidden) {
      this.close();
      return;
    }
    panel.hidden = false;
    const members: Member[] = await this.api.members();
    const select = this.el('replay-member') as HTMLSelectElement;
    select.replaceChildren(...members.map((m) => new Option(`${m.name}`, String(m.id))));
  }

  private close(): void {
    this.el('replay').hidden = true;
    this.stop();
    this.marker?.remove();
    this.marker = null;
    for (const id of ['replay-done', 'replay-path', 'replay-checkpoints']) if (this.map.map.getLayer(id)) this.map.map.removeLayer(id);
    for (const id of ['replay-path', 'replay-checkpoints']) if (this.map.map.getSource(id)) this.map.map.removeSource(id);
  }

  private window(): { from: string; to: string } {
    if ((this.el('replay-window') as HTMLSelectElement).value === 'recent') {
      const to = new Date();
      return { from: new Date(to.getTime() - 12 * 3600_000).toISOString(), to: to.toISOString() };
    }
    return nightOf((this.el('replay-date') as HTMLInputElement).value);
  }

  private async load(): Promise<void> {
    this.stop();
    const memberId = Number((this.el('replay-member') as HTMLSelectElement).value);
    const { from, to } = this.window();
    const summary = this.el('replay-summary');
    try {
      this.track = await this.api.track(memberId, from, to);
    } catch (e) {
      summary.textContent = String(e);
      return;
    }
    const coords = this.track.geometry.coordinates.map(([x, y]) => this.map.project(x, y));
    const line = { type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: coords }, properties: {} };
    const src = this.map.map.getSource('replay-path') as GeoJSONSource | undefined;
    if (src) src.setData(line);
    else {
      this.map.map.addSource('replay-path', { type: 'geojson', data: line, lineMetrics: true });
      this.map.map.addLayer({ id: 'replay-path', type: 'line', source: 'replay-path', paint: { 'line-color': '#adb5bd', 'line-width': 2, 'line-opacity': 0.6 } });
      this.map.map.addLayer({ id: 'replay-done', type: 'line', source: 'replay-path', paint: { 'line-color': '#ffd166', 'line-width': 4,
        'line-gradient': ['interpolate', ['linear'], ['line-progress'], 0, '#ffd166', 1, '#ffd166'] } });
    }
    let checkpoints: { status: string }[] = [];
    let tourError = '';
    try {
      checkpoints = await this.checkpoints(memberId, from, to);
    } catch (e) {
      tourError = ` · ${t('replay.toursFailed')}: ${(e as Error).message}`;
    }
    const slider = this.el('replay-slider') as HTMLInputElement;
    slider.max = String(Math.max(0, coords.length - 1));
    slider.value = '0';
    const n = this.track.properties.points;
    const scanned = checkpoints.filter((c) => c.status === 'ON_TIME' || c.status === 'LATE').length;
    const missed = checkpoints.filter((c) => c.status === 'MISSED').length;
    summary.dataset.points = String(n);
    summary.textContent = n === 0 ? t('replay.none')
      : `${n} ${t('replay.points')} · ${(distanceM(this.track.geometry.coordinates as [number, number][]) / 1000).toFixed(2)} km · ` +
        `${t('replay.scanned')} ${scanned} · ${t('replay.missed')} ${missed}${tourError}`;
    if (n > 0) {
      const b = new maplibregl.LngLatBounds();
      coords.forEach((c) => b.extend(c));
      this.map.map.fitBounds(b, { padding: 80, duration: 0, maxZoom: 18 });
      this.show(0);
    }
  }

  /** The checkpoints of the tours this member may walk, with their worst status that night. */
  private async checkpoints(memberId: number, from: string, to: string): Promise<{ code: string; name: string; lon: number; lat: number; status: string }[]> {
    const tours = (await this.api.tours()).filter((tour) => tour.memberId == null || tour.memberId === memberId);
    const out: { code: string; name: string; lon: number; lat: number; status: string }[] = [];
    const rank: Record<string, number> = { MISSED: 3, LATE: 2, ON_TIME: 1, PENDING: 0 };
    for (const tour of tours) {
      const rounds: TourRound[] = await this.api.tourRounds(tour.id, from, to);
      for (const c of tour.checkpoints) {
        let status = 'PENDING';
        for (const r of rounds) {
          const l = r.report.lines.find((x) => x.code === c.code);
          if (l && rank[l.status] > rank[status]) status = l.status;
        }
        out.push({ code: c.code, name: c.name, lon: c.lon, lat: c.lat, status });
      }
    }
    const data = {
      type: 'FeatureCollection' as const,
      features: out.map((c) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: this.map.project(c.lon, c.lat) },
        properties: { name: c.name, status: c.status } })),
    };
    const src = this.map.map.getSource('replay-checkpoints') as GeoJSONSource | undefined;
    if (src) src.setData(data);
    else {
      this.map.map.addSource('replay-checkpoints', { type: 'geojson', data });
      this.map.map.addLayer({ id: 'replay-checkpoints', type: 'circle', source: 'replay-checkpoints', paint: {
        'circle-radius': 7, 'circle-stroke-width': 2, 'circle-stroke-color': '#0d1b2a',
        'circle-color': ['match', ['get', 'status'], 'ON_TIME', '#52b788', 'LATE', '#f8961e', 'MISSED', '#e63946', '#6c757d'] } });
      this.map.map.on('click', 'replay-checkpoints', (e) => {
        const f = e.features?.[0];
        if (f) new maplibregl.Popup().setLngLat(e.lngLat).setHTML(`<b>${esc(String(f.properties?.name))}</b><br>${t('tour.' + f.properties?.status)}`).addTo(this.map.map);
      });
    }
    return out;
  }

  /** Shows the member at point i: marker, the path walked so far, the time. */
  private show(i: number): void {
    const tr = this.track;
    if (!tr || tr.geometry.coordinates.length === 0) return;
    const [lon, lat] = tr.geometry.coordinates[i];
    const at = this.map.project(lon, lat);
    if (!this.marker) {
      const el = document.createElement('div');
      el.className = 'replay-marker';
      el.dataset.testid = 'replay-marker';
      this.marker = new maplibregl.Marker({ element: el }).setLngLat(at).addTo(this.map.map);
    } else this.marker.setLngLat(at);
    const progress = tr.geometry.coordinates.length > 1 ? i / (tr.geometry.coordinates.length - 1) : 1;
    if (this.map.map.getLayer('replay-done')) {
      this.map.map.setPaintProperty('replay-done', 'line-gradient',
        ['step', ['line-progress'], '#ffd166', Math.max(progress, 1e-6), 'rgba(0,0,0,0)']);
    }
    (this.el('replay-slider') as HTMLInputElement).value = String(i);
    this.el('replay-time').textContent = new Date(tr.properties.timesMs[i]).toLocaleString(undefined, { hour12: false, timeZone: 'Asia/Shanghai' });
  }

  /** Plays at 60× real time (a minute of patrol per second), following the fixes' own times. */
  private playPause(): void {
    if (this.timer) {
      this.stop();
      return;
    }
    const tr = this.track;
    if (!tr || tr.properties.points === 0) return;
    const times = tr.properties.timesMs;
    const slider = this.el('replay-slider') as HTMLInputElement;
    let clock = times[Number(slider.value)];
    this.el('replay-play').textContent = t('replay.pause');
    this.timer = setInterval(() => {
      clock += 60_000 / 10;
      const i = indexAt(times, clock);
      this.show(i);
      if (i >= times.length - 1) this.stop();
    }, 100);
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.el('replay-play').textContent = t('replay.play');
  }
}

function distanceM(coords: [number, number][]): number {
  let d = 0;
  for (let i = 1; i < coords.length; i++) {
    const [x1, y1] = coords[i - 1];
    const [x2, y2] = coords[i];
    const k = Math.cos(((y1 + y2) / 2) * Math.PI / 180);
    d += Math.hypot((x2 - x1) * k, y2 - y1) * 111_320;
  }
  return d;
}
