import * as maplibregl from 'maplibre-gl';
import type { Map as MlMap } from 'maplibre-gl';
import type { Device } from '../rest';
import type { ConnState } from '../live';
import { esc } from '../html';
import { t } from '../i18n';
import { SINGLE_ZOOM, TerminalOverlay } from '../terminals';
import type { Project } from './basemap';

const KIND_COLORS: Record<string, string> = {
  camera: '#4cc9f0',
  access_gate: '#f8961e',
  perimeter_alarm: '#f72585',
  patrol_terminal: '#90be6d',
};

/**
 * Devices are drawn by {@link TerminalOverlay} on a canvas of its own over the map: patrol
 * terminals (thousands, moving every second) aggregated by screen cell when zoomed out, and the
 * fixed devices (cameras, gates, wall alarms) by kind and state. A click on a bubble zooms in, on
 * a device shows it. The live positions of the terminals come through the overlay's worker; the
 * responders' phone fixes it hands to {@code onMemberFix}.
 */
export class DevicesLayer {
  readonly overlay: TerminalOverlay;
  private devices = new Map<string, Device>();
  private overlayState: (s: ConnState) => void = () => {};
  /** What a device's popup adds below its name and state (by kind); nothing when absent or null. */
  popupExtra?: (d: Device) => HTMLElement | null;

  constructor(map: MlMap, private readonly project: Project,
    onMemberFix: (id: number, name: string, lon: number, lat: number) => void) {
    this.overlay = new TerminalOverlay(
      map,
      KIND_COLORS,
      (fixes) => fixes.forEach(([id, lon, lat, , name]) => onMemberFix(id, name, lon, lat)),
      (s) => this.overlayState(s),
    );
    // a click on a bubble zooms in, on a device shows it
    map.on('click', (e) => {
      const hit = this.overlay.hit(e);
      if (hit?.kind === 'bubble') {
        map.easeTo({ center: [hit.lon, hit.lat], zoom: Math.min(SINGLE_ZOOM, map.getZoom() + 2) });
        return;
      }
      if (!hit) return;
      const d = this.devices.get(hit.id);
      // where it is drawn: a terminal that moves is where it is now, not where the device list last put it
      const content = document.createElement('div');
      content.dataset.testid = 'device-popup';
      content.innerHTML = d
        ? `<b>${esc(d.name)}</b><br>${t('kind.' + d.kind)} · ${d.online ? t('device.online') : t('device.offline')}<br>${esc(d.areaName)}`
        : `<b>${esc(hit.id)}</b><br>${t('kind.patrol_terminal')}`;
      const extra = d ? this.popupExtra?.(d) : null;
      if (extra) content.append(extra);
      new maplibregl.Popup({ maxWidth: '340px' })
        .setLngLat([hit.lon, hit.lat])
        .setDOMContent(content)
        .addTo(map);
    });
    // the pointer over a device or bubble (the cases' and members' layers manage their own)
    let overOverlay = false;
    map.on('mousemove', (e) => {
      const over = this.overlay.hit(e) != null;
      if (over === overOverlay) return;
      overOverlay = over;
      map.getCanvas().style.cursor = over ? 'pointer' : '';
    });
  }

  set(devices: Device[]): void {
    this.devices = new Map(devices.map((d) => [d.id, d]));
    this.overlay.setTerminals(devices.filter((d) => d.kind === 'patrol_terminal'));
  }

  /** The overlay's own STOMP session on /topic/positions; the state is that session's. */
  startPositions(token: string, crs: 'wgs84' | 'gcj02', onState: (s: ConnState) => void): void {
    this.overlayState = onState;
    this.overlay.start(token, crs);
  }

  /** Sets a device on- or offline; true when a fixed device changed (the caller redraws them). */
  setOnline(id: string, online: boolean): boolean {
    const d = this.devices.get(id);
    if (!d) return false;
    d.online = online;
    if (d.kind === 'patrol_terminal') {
      this.overlay.setOnline(id, online);
      return false;
    }
    return true;
  }

  onlineCount(): [number, number] {
    const all = [...this.devices.values()];
    return [all.filter((d) => d.online).length, all.length];
  }

  /** Cameras, gates and wall alarms where the basemap puts them (the overlay draws them). */
  fixed(): { id: string; lon: number; lat: number; kind: string; online: boolean }[] {
    return [...this.devices.values()].filter((d) => d.kind !== 'patrol_terminal').map((d) => {
      const [lon, lat] = this.project(d.lon, d.lat);
      return { id: d.id, lon, lat, kind: d.kind, online: d.online };
    });
  }
}
