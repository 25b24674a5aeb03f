import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import type { CircleLayerSpecification, GeoJSONSource, Map as MlMap, StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import type { Alarm, Basemap, Device, Member } from './api';
import { wgs84ToGcj02 } from './gcj02.js';
import { formatTime, t } from './i18n';

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
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  }

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
      if (!f) return;
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
   * Fixed devices (cameras, gates, wall alarms) are always drawn one by one. Patrol terminals, which
   * may be thousands and move every second, are aggregated here on a screen grid of
   * {@link CELL_PX} cells when zoomed out (the bubble's size and number say how many; a click zooms
   * in) and drawn one by one from zoom {@link SINGLE_ZOOM}; only those in view (with a margin) are
   * handed to MapLibre. So each redraw passes the worker a few hundred features, not ten thousand:
   * serialising the whole collection every second was the dashboard's longest main-thread task.
   */
  showDevices(devices: Device[]): void {
    this.devices = new Map(devices.map((d) => [d.id, d]));
    if (this.map.getSource('devices')) {
      this.refreshSoon('fixed');
      this.refreshSoon('terminals');
      return;
    }
    this.map.addSource('devices', { type: 'geojson', data: this.deviceCollection() });
    this.map.addSource('terminals', { type: 'geojson', data: this.terminalCollection() });
    this.map.addLayer({
      id: 'terminal-clusters',
      type: 'circle',
      source: 'terminals',
      filter: ['has', 'count'],
      paint: {
        'circle-color': '#52b788',
        'circle-opacity': 0.75,
        'circle-radius': ['step', ['get', 'count'], 11, 10, 15, 100, 20, 1000, 26],
        'circle-stroke-color': '#d8f3dc',
        'circle-stroke-width': 1.5,
      },
    });
    const paint: CircleLayerSpecification['paint'] = {
      'circle-radius': 7,
      'circle-color': ['match', ['get', 'kind'], 'camera', KIND_COLORS.camera, 'access_gate', KIND_COLORS.access_gate,
        'perimeter_alarm', KIND_COLORS.perimeter_alarm, KIND_COLORS.patrol_terminal],
      'circle-opacity': ['case', ['get', 'online'], 1, 0.35],
      'circle-stroke-color': ['case', ['get', 'online'], '#ffffff', '#6c757d'],
      'circle-stroke-width': 1.5,
    };
    this.map.addLayer({ id: 'terminals', type: 'circle', source: 'terminals', filter: ['!', ['has', 'count']], paint });
    this.map.addLayer({ id: 'devices', type: 'circle', source: 'devices', paint });
    for (const layer of ['devices', 'terminals']) {
      this.map.on('click', layer, (e) => {
        const f = e.features?.[0];
        const d = f && this.devices.get(String(f.properties?.id));
        if (!d) return;
        new maplibregl.Popup()
          .setLngLat(this.project(d.lon, d.lat))
          .setHTML(`<b>${esc(d.name)}</b><br>${t('kind.' + d.kind)} · ${d.online ? t('device.online') : t('device.offline')}<br>${esc(d.areaName)}`)
          .addTo(this.map);
      });
      this.map.on('mouseenter', layer, () => (this.map.getCanvas().style.cursor = 'pointer'));
      this.map.on('mouseleave', layer, () => (this.map.getCanvas().style.cursor = ''));
    }
    this.map.on('click', 'terminal-clusters', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      this.map.easeTo({ center: (f.geometry as Point).coordinates as [number, number], zoom: Math.min(SINGLE_ZOOM, this.map.getZoom() + 2) });
    });
    // another view, another aggregation: at once, not at the next second's redraw
    this.map.on('moveend', () => {
      this.terminalsDrawnAt = -Infinity;
      this.refreshSoon('terminals');
    });
  }

  private readonly clusterLabels = new Map<string, maplibregl.Marker>();

  /**
   * The terminals as MapLibre should draw them now: those in view (plus half a screen around),
   * one feature each from zoom {@link SINGLE_ZOOM}, else one per occupied grid cell (a single
   * terminal in its cell stays itself). Cells are squares of the screen in Web Mercator pixels,
   * anchored to the world, so a bubble stays put while its members mill about inside it.
   */
  private terminalCollection(): FeatureCollection<Point> {
    const features: FeatureCollection<Point>['features'] = [];
    const labels: { key: string; at: [number, number]; count: number }[] = [];
    if (!this.map) return { type: 'FeatureCollection', features };
    const b = this.map.getBounds();
    const padLon = (b.getEast() - b.getWest()) / 2;
    const padLat = (b.getNorth() - b.getSouth()) / 2;
    const [w, e, so, n] = [b.getWest() - padLon, b.getEast() + padLon, b.getSouth() - padLat, b.getNorth() + padLat];
    const zoom = this.map.getZoom();
    const single = zoom >= SINGLE_ZOOM;
    const scale = (512 * Math.pow(2, zoom)) / CELL_PX;
    const cells = new Map<string, { n: number; lon: number; lat: number; first: Device }>();
    for (const d of this.devices.values()) {
      if (d.kind !== 'patrol_terminal') continue;
      const [lon, lat] = this.project(d.lon, d.lat);
      if (lon < w || lon > e || lat < so || lat > n) continue;
      if (single) {
        features.push(terminalFeature(d, lon, lat));
        continue;
      }
      const sin = Math.sin((lat * Math.PI) / 180);
      const key = `${Math.floor(((lon + 180) / 360) * scale)}:${Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale)}`;
      const c = cells.get(key);
      if (c) {
        c.n++;
        c.lon += lon;
        c.lat += lat;
      } else {
        cells.set(key, { n: 1, lon, lat, first: d });
      }
    }
    for (const [key, c] of cells) {
      if (c.n === 1) {
        features.push(terminalFeature(c.first, c.lon, c.lat));
        continue;
      }
      const at: [number, number] = [c.lon / c.n, c.lat / c.n];
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { cell: key, count: c.n } });
      labels.push({ key, at, count: c.n });
    }
    this.labelClusters(labels);
    return { type: 'FeatureCollection', features };
  }

  /** The count on each bubble: HTML labels (the offline style has no glyphs). */
  private labelClusters(labels: { key: string; at: [number, number]; count: number }[]): void {
    const seen = new Set<string>();
    for (const { key: id, at, count: n } of labels) {
      seen.add(id);
      const count = n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
      const existing = this.clusterLabels.get(id);
      if (existing) {
        existing.setLngLat(at);
        existing.getElement().textContent = count;
        continue;
      }
      const el = document.createElement('div');
      el.className = 'cluster-label';
      el.textContent = count;
      this.clusterLabels.set(id, new maplibregl.Marker({ element: el }).setLngLat(at).addTo(this.map));
    }
    for (const [id, m] of this.clusterLabels) {
      if (!seen.has(id)) {
        m.remove();
        this.clusterLabels.delete(id);
      }
    }
  }

  setDeviceOnline(id: string, online: boolean): void {
    const d = this.devices.get(id);
    if (!d) return;
    d.online = online;
    this.refreshSoon(d.kind === 'patrol_terminal' ? 'terminals' : 'fixed');
  }

  /** A patrol terminal's live position; one not listed yet (beyond the first page of devices) is added. */
  moveDevice(id: string, lon: number, lat: number): void {
    let d = this.devices.get(id);
    if (!d) {
      d = { id, name: id, kind: 'patrol_terminal', online: true, lon, lat, areaName: '', state: 'ACTIVE', lastSeen: null };
      this.devices.set(id, d);
    }
    d.lon = lon;
    d.lat = lat;
    d.online = true;
    this.refreshSoon(d.kind === 'patrol_terminal' ? 'terminals' : 'fixed');
  }

  private readonly pending = new Set<'fixed' | 'terminals' | 'members'>();
  private refreshScheduled = false;

  /**
   * Redraws a source at most once per animation frame, however many fixes arrived: a positions
   * frame may move thousands of members, and each setData hands the whole collection to the worker.
   */
  private refreshSoon(what: 'fixed' | 'terminals' | 'members'): void {
    this.pending.add(what);
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    const run = (): void => {
      this.refreshScheduled = false;
      if (this.pending.has('fixed')) (this.map.getSource('devices') as GeoJSONSource | undefined)?.setData(this.deviceCollection());
      // thousands of terminals re-cluster in the worker: at most once a second
      const terminalsDue = this.pending.has('terminals') && performance.now() - this.terminalsDrawnAt >= 1000;
      if (terminalsDue) {
        (this.map.getSource('terminals') as GeoJSONSource | undefined)?.setData(this.terminalCollection());
        this.terminalsDrawnAt = performance.now();
      }
      if (this.pending.has('members')) this.refreshMembers();
      this.map.getContainer().dataset.devices = String(this.devices.size);
      const again = this.pending.has('terminals') && !terminalsDue;
      this.pending.clear();
      if (again) setTimeout(() => this.refreshSoon('terminals'), 1000 - (performance.now() - this.terminalsDrawnAt));
    };
    if (document.hidden) setTimeout(run, 250);
    else requestAnimationFrame(run);
  }

  private terminalsDrawnAt = -Infinity;

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

  private deviceCollection(): FeatureCollection<Point> {
    return {
      type: 'FeatureCollection',
      features: [...this.devices.values()].filter((d) => d.kind !== 'patrol_terminal').map((d) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: this.project(d.lon, d.lat) },
        properties: { id: d.id, kind: d.kind, online: d.online, name: d.name },
      })),
    };
  }

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
    const src = this.map.getSource('cases') as GeoJSONSource | undefined;
    if (src) {
      src.setData(data);
      return;
    }
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
      return;
    }
    const el = existing?.getElement() ?? document.createElement('div');
    el.className = `alarm-marker sev-${a.severity} st-${a.status}`;
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

/** Terminals are aggregated on a grid of screen cells this many pixels wide, below {@link SINGLE_ZOOM}. */
const CELL_PX = 60;
/** From this zoom every terminal is drawn by itself. */
const SINGLE_ZOOM = 17;

function terminalFeature(d: Device, lon: number, lat: number): FeatureCollection<Point>['features'][number] {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id: d.id, kind: d.kind, online: d.online } };
}

function alarmPopup(a: Alarm): string {
  return `<b>${esc(a.title)}</b> <span class="sev sev-${a.severity}">${t('severity.' + a.severity)}</span><br>` +
    `${t('popup.device')}: ${esc(a.deviceName ?? a.deviceId ?? '')}<br>` +
    `${t('popup.grid')}: ${esc(a.gridName ?? '—')}<br>` +
    `${t('popup.time')}: ${formatTime(a.lastSeenAt)}${a.count > 1 ? ` (${a.count}${t('alarms.count')})` : ''}`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
