import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MlMap, StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import type { Alarm, Basemap, Device, Member } from './api';
import type { ConnState } from './live';
import { wgs84ToGcj02 } from './gcj02.js';
import { formatTime, t } from './i18n';
import { SINGLE_ZOOM, TerminalOverlay } from './terminals';

/**
 * The basemap's style. Offline: no external tiles, only our own areas and grids over a plain
 * background. Tianditu or a GCJ-02 provider: their raster tiles under our layers.
 */
function styleFor(b: Basemap): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0d1b2a' } }],
  };
  if (b.tiles.length > 0) {
    style.sources.base = { type: 'raster', tiles: b.tiles, tileSize: 256, maxzoom: 18, attribution: b.attribution };
    style.layers.push({ id: 'base', type: 'raster', source: 'base', paint: { 'raster-opacity': 0.85 } });
  }
  if (b.overlayTiles.length > 0) {
    style.sources.labels = { type: 'raster', tiles: b.overlayTiles, tileSize: 256, maxzoom: 18 };
    style.layers.push({ id: 'labels', type: 'raster', source: 'labels' });
  }
  return style;
}

/** Everything we hold is WGS-84; on a GCJ-02 basemap it is drawn shifted, so it sits on that map's streets. */
type Project = (lon: number, lat: number) => [number, number];

function projectFor(b: Basemap): Project {
  return b.crs === 'gcj02' ? wgs84ToGcj02 : (lon, lat) => [lon, lat];
}

function projectGeometry(c: unknown, p: Project): unknown {
  if (Array.isArray(c) && typeof c[0] === 'number') return p(c[0] as number, c[1] as number);
  if (Array.isArray(c)) return c.map((x) => projectGeometry(x, p));
  return c;
}

const KIND_COLORS: Record<string, string> = {
  camera: '#4cc9f0',
  access_gate: '#f8961e',
  perimeter_alarm: '#f72585',
  patrol_terminal: '#90be6d',
};

export class CommandMap {
  readonly map: MlMap;
  private readonly alarmMarkers = new Map<number, maplibregl.Marker>();
  /** The buttons of an open alarm (acknowledge, dispatch, resolve, false alarm), shown in its popup too. */
  popupActions?: (a: Alarm) => HTMLElement | null;
  private devices = new Map<string, Device>();
  readonly project: Project;

  constructor(container: HTMLElement, readonly basemap: Basemap) {
    this.project = projectFor(basemap);
    this.map = new maplibregl.Map({
      container,
      style: styleFor(basemap),
      center: this.project(119.126, 36.7045),
      zoom: 15,
      attributionControl: false,
      // north up, flat: the terminal overlay projects with scale and offset only
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.overlay = new TerminalOverlay(
      this.map,
      KIND_COLORS,
      (fixes) => fixes.forEach(([id, lon, lat, , name]) => this.moveMember(id, name, lon, lat)),
      (s) => this.overlayState(s),
    );
    // a click on a bubble zooms in, on a device shows it
    this.map.on('click', (e) => {
      const hit = this.overlay.hit(e);
      if (hit?.kind === 'bubble') {
        this.map.easeTo({ center: [hit.lon, hit.lat], zoom: Math.min(SINGLE_ZOOM, this.map.getZoom() + 2) });
        return;
      }
      if (!hit) return;
      const d = this.devices.get(hit.id);
      // where it is drawn: a terminal that moves is where it is now, not where the device list last put it
      new maplibregl.Popup()
        .setLngLat([hit.lon, hit.lat])
        .setHTML(d
          ? `<b>${esc(d.name)}</b><br>${t('kind.' + d.kind)} · ${d.online ? t('device.online') : t('device.offline')}<br>${esc(d.areaName)}`
          : `<b>${esc(hit.id)}</b><br>${t('kind.patrol_terminal')}`)
        .addTo(this.map);
    });
    // the pointer over a device or bubble (the cases' and members' layers manage their own)
    let overOverlay = false;
    this.map.on('mousemove', (e) => {
      const over = this.overlay.hit(e) != null;
      if (over === overOverlay) return;
      overOverlay = over;
      this.map.getCanvas().style.cursor = over ? 'pointer' : '';
    });
  }

  /** The devices, live (see {@link TerminalOverlay}). */
  private readonly overlay: TerminalOverlay;

  loaded(): Promise<void> {
    return this.map.loaded() ? Promise.resolve() : new Promise((r) => this.map.once('load', () => r()));
  }

  showAreas(wgs84: FeatureCollection): void {
    const areas: FeatureCollection = {
      ...wgs84,
      features: wgs84.features.map((f) => ({
        ...f,
        geometry: { ...f.geometry, coordinates: projectGeometry((f.geometry as { coordinates: unknown }).coordinates, this.project) },
      }) as typeof f),
    };
    this.map.addSource('areas', { type: 'geojson', data: areas });
    this.map.addLayer({
      id: 'grid-fill',
      type: 'fill',
      source: 'areas',
      filter: ['==', ['get', 'level'], 'GRID'],
      paint: { 'fill-color': '#1b4965', 'fill-opacity': 0.35 },
    });
    this.map.addLayer({
      id: 'area-lines',
      type: 'line',
      source: 'areas',
      paint: {
        'line-color': ['match', ['get', 'level'], 'GRID', '#5fa8d3', 'COMMUNITY', '#ffd166', 'STREET', '#ef476f', '#adb5bd'],
        'line-width': ['match', ['get', 'level'], 'GRID', 1, 'COMMUNITY', 2.5, 'STREET', 2, 1.5],
        'line-dasharray': ['match', ['get', 'level'], 'GRID', ['literal', [2, 2]], ['literal', [1, 0]]],
      },
    });
    this.map.on('click', 'grid-fill', (e) => {
      const f = e.features?.[0];
      // a click on a terminal, a bubble or a device is about that, not the grid under it
      if (!f || this.overlay.hit(e)) return;
      new maplibregl.Popup().setLngLat(e.lngLat).setHTML(`<b>${esc(String(f.properties?.name))}</b><br>${esc(String(f.properties?.code))}`).addTo(this.map);
    });
    const community = areas.features.find((f) => f.properties?.level === 'COMMUNITY') ?? areas.features.find((f) => f.properties?.level === 'GRID');
    if (community) {
      const b = new maplibregl.LngLatBounds();
      const walk = (c: unknown): void => {
        if (Array.isArray(c) && typeof c[0] === 'number') b.extend(c as [number, number]);
        else if (Array.isArray(c)) c.forEach(walk);
      };
      walk((community.geometry as { coordinates: unknown }).coordinates);
      this.map.fitBounds(b, { padding: 60, duration: 0 });
    }
  }

  /**
   * Devices are drawn by {@link TerminalOverlay} on a canvas of its own over the map: patrol
   * terminals (thousands, moving every second) aggregated by screen cell when zoomed out, and the
   * fixed devices (cameras, gates, wall alarms) by kind and state. A click on a bubble zooms in, on
   * a device shows it. The WebGL map keeps what changes rarely: areas, grids, cases, responders.
   */
  showDevices(devices: Device[]): void {
    this.devices = new Map(devices.map((d) => [d.id, d]));
    this.overlay.setTerminals(devices.filter((d) => d.kind === 'patrol_terminal'));
    this.refreshSoon('fixed');
  }

  /**
   * The live positions: the terminals go to the overlay's worker (its own STOMP session on
   * /topic/positions), the responders' phone fixes come back here. The state is that session's.
   */
  startPositions(token: string, onState: (s: ConnState) => void): void {
    this.overlayState = onState;
    this.overlay.start(token, this.basemap.crs);
  }

  /** The positions worker's session moves to a renewed token. */
  renewPositions(token: string): void {
    this.overlay.renew(token);
  }

  private overlayState: (s: ConnState) => void = () => {};

  setDeviceOnline(id: string, online: boolean): void {
    const d = this.devices.get(id);
    if (!d) return;
    d.online = online;
    if (d.kind === 'patrol_terminal') this.overlay.setOnline(id, online);
    else this.refreshSoon('fixed');
  }

  private readonly pending = new Set<'fixed' | 'members'>();
  private refreshScheduled = false;

  /** Redraws at most once per animation frame, however many changes arrived. */
  private refreshSoon(what: 'fixed' | 'members'): void {
    this.pending.add(what);
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    const run = (): void => {
      this.refreshScheduled = false;
      if (this.pending.has('fixed')) this.overlay.setFixed(this.fixedDevices());
      if (this.pending.has('members')) this.refreshMembers();
      this.pending.clear();
    };
    if (document.hidden) setTimeout(run, 250);
    else requestAnimationFrame(run);
  }

  private members = new Map<number, Member>();

  /** Responders with a known position: patrol members green, grid workers blue, police white; busy ones ringed red. */
  showMembers(members: Member[]): void {
    this.members = new Map(members.filter((m) => m.lon != null && m.lat != null).map((m) => [m.id, m]));
    this.refreshMembers();
  }

  /** The responders the map shows (for the overview's members on duty). */
  memberList(): Member[] {
    return [...this.members.values()];
  }

  moveMember(id: number, name: string, lon: number, lat: number): void {
    const m = this.members.get(id) ?? { id, name, role: 'PATROL', state: 'AVAILABLE', lon, lat };
    m.lon = lon;
    m.lat = lat;
    this.members.set(id, m);
    this.refreshSoon('members');
  }

  private refreshMembers(): void {
    const data: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: [...this.members.values()].map((m) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: this.project(m.lon as number, m.lat as number) },
        properties: { id: m.id, name: m.name, role: m.role, state: m.state },
      })),
    };
    const src = this.map.getSource('members') as GeoJSONSource | undefined;
    if (src) {
      src.setData(data);
      return;
    }
    this.map.addSource('members', { type: 'geojson', data });
    this.map.addLayer({
      id: 'members',
      type: 'circle',
      source: 'members',
      paint: {
        'circle-radius': 6,
        'circle-color': ['match', ['get', 'role'], 'GRID_WORKER', '#4361ee', 'POLICE', '#ffffff', '#52b788'],
        'circle-stroke-color': ['match', ['get', 'state'], 'BUSY', '#e63946', 'OFF_DUTY', '#6c757d', '#0d1b2a'],
        'circle-stroke-width': 2.5,
      },
    });
    // no text labels: the offline style carries no glyphs; names are in the popup
    this.map.on('click', 'members', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      new maplibregl.Popup().setLngLat(e.lngLat).setHTML(`<b>${esc(String(f.properties?.name))}</b><br>${esc(String(f.properties?.state))}`).addTo(this.map);
    });
  }

  onlineCount(): [number, number] {
    const all = [...this.devices.values()];
    return [all.filter((d) => d.online).length, all.length];
  }

  /** Cameras, gates and wall alarms where the basemap puts them (the overlay draws them). */
  private fixedDevices(): { id: string; lon: number; lat: number; kind: string; online: boolean }[] {
    return [...this.devices.values()].filter((d) => d.kind !== 'patrol_terminal').map((d) => {
      const [lon, lat] = this.project(d.lon, d.lat);
      return { id: d.id, lon, lat, kind: d.kind, online: d.online };
    });
  }

  private casesShown = '';

  /** Open cases at their place, by SLA status: red overdue, orange due within 4 h, blue in time; a click opens the case. */
  showCases(cases: { id: number; ref: string; category: string; lon: number; lat: number; sla: string }[], onClick: (id: number) => void): void {
    const data: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: cases.map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: this.project(c.lon, c.lat) },
        properties: { id: c.id, ref: c.ref, category: c.category, sla: c.sla },
      })),
    };
    // the case board re-renders every 30 s for its countdowns: the map is redrawn only when a case
    // came, went, moved or changed SLA status (each WebGL frame costs a canvas readback without a GPU)
    const signature = cases.map((c) => `${c.id}:${c.sla}:${c.lon}:${c.lat}`).join('|');
    const src = this.map.getSource('cases') as GeoJSONSource | undefined;
    if (src) {
      if (signature !== this.casesShown) src.setData(data);
      this.casesShown = signature;
      return;
    }
    this.casesShown = signature;
    this.map.addSource('cases', { type: 'geojson', data });
    this.map.addLayer({
      id: 'cases',
      type: 'circle',
      source: 'cases',
      paint: {
        'circle-radius': 6,
        'circle-color': ['match', ['get', 'sla'], 'overdue', '#e63946', 'soon', '#f8961e', '#4895ef'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-blur': 0.1,
      },
    });
    this.map.on('click', 'cases', (e) => {
      const f = e.features?.[0];
      if (f) onClick(Number(f.properties?.id));
    });
    this.map.on('mouseenter', 'cases', () => (this.map.getCanvas().style.cursor = 'pointer'));
    this.map.on('mouseleave', 'cases', () => (this.map.getCanvas().style.cursor = ''));
  }

  showAlarm(a: Alarm): void {
    const open = a.status !== 'RESOLVED' && a.status !== 'FALSE_ALARM';
    const existing = this.alarmMarkers.get(a.id);
    if (!open) {
      existing?.remove();
      this.alarmMarkers.delete(a.id);
      this.pulses.get(a.id)?.cancel();
      this.pulses.delete(a.id);
      return;
    }
    const el = existing?.getElement() ?? document.createElement('div');
    el.className = `alarm-marker sev-${a.severity} st-${a.status}`;
    this.pulse(a.id, el, a.status === 'NEW');
    el.dataset.alarmId = String(a.id);
    el.dataset.testid = 'alarm-marker';
    el.title = `${a.title} · ${a.deviceName ?? ''}`;
    // where it is drawn, in the basemap's coordinate system (the browser test checks it)
    const [x, y] = this.project(a.lon, a.lat);
    el.dataset.lng = String(x);
    el.dataset.lat = String(y);
    if (existing) {
      existing.setLngLat(this.project(a.lon, a.lat));
      existing.getPopup()?.setDOMContent(this.popupContent(a));
      return;
    }
    const popup = new maplibregl.Popup({ offset: 14 }).setDOMContent(this.popupContent(a));
    const marker = new maplibregl.Marker({ element: el }).setLngLat(this.project(a.lon, a.lat)).setPopup(popup).addTo(this.map);
    this.alarmMarkers.set(a.id, marker);
  }

  private readonly pulses = new Map<number, Animation>();

  /**
   * The ring of an alarm nobody has acknowledged pulses, in 8 steps (a few compositor frames a
   * second, not 60), and every ring on the map steps at the same instants: all pulses are started
   * at the document's time origin. Rings started at their own moments would step at different
   * times, and 40 of them would make the compositor draw almost every frame again.
   */
  private pulse(id: number, el: HTMLElement, on: boolean): void {
    const running = this.pulses.get(id);
    if (!on) {
      running?.cancel();
      this.pulses.delete(id);
      return;
    }
    if (running) return;
    const anim = el.animate(
      [{ transform: 'scale(1)', opacity: 0.9 }, { transform: 'scale(3)', opacity: 0 }],
      { duration: PULSE_MS, iterations: Infinity, easing: 'steps(8, end)', pseudoElement: '::after' },
    );
    anim.startTime = 0;
    this.pulses.set(id, anim);
  }

  private popupContent(a: Alarm): HTMLElement {
    const div = document.createElement('div');
    div.className = 'alarm-popup';
    div.dataset.testid = 'alarm-popup';
    div.innerHTML = alarmPopup(a) +
      (a.verification ? `<br><span class="verification v-${a.verification}">${t('verification.' + a.verification)}</span>` : '');
    const actions = this.popupActions?.(a);
    if (actions) div.append(actions);
    return div;
  }

  focus(a: Alarm): void {
    this.map.flyTo({ center: this.project(a.lon, a.lat), zoom: Math.max(this.map.getZoom(), 16.5) });
    const m = this.alarmMarkers.get(a.id);
    if (m) {
      m.getPopup()?.setDOMContent(this.popupContent(a));
      if (!m.getPopup()?.isOpen()) m.togglePopup();
    }
  }
}

/** One pulse of an unacknowledged alarm's ring. */
const PULSE_MS = 1400;

function alarmPopup(a: Alarm): string {
  return `<b>${esc(a.title)}</b> <span class="sev sev-${a.severity}">${t('severity.' + a.severity)}</span><br>` +
    `${t('popup.device')}: ${esc(a.deviceName ?? a.deviceId ?? '')}<br>` +
    `${t('popup.grid')}: ${esc(a.gridName ?? '—')}<br>` +
    `${t('popup.time')}: ${formatTime(a.lastSeenAt)}${a.count > 1 ? ` (${a.count}${t('alarms.count')})` : ''}`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
