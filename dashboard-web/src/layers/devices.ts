import * as maplibregl from 'maplibre-gl';
import type { Map as MlMap } from 'maplibre-gl';
import type { Device, DeviceKindInfo } from '../rest';
import type { ConnState } from '../live';
import { esc } from '../html';
import { lang, t } from '../i18n';
import { kindLabel, svgDataUrl } from '../kinds.js';
import { SINGLE_ZOOM, TerminalOverlay } from '../terminals';
import type { Project } from './basemap';

const ICON_SIZE = 24;

/**
 * Devices are drawn by {@link TerminalOverlay} on a canvas of its own over the map: patrol
 * terminals (thousands, moving every second) aggregated by screen cell when zoomed out, and the
 * fixed devices (cameras, gates, wall alarms, intercoms, face gates, …) with their kind's icon by
 * state. The kinds, their labels, colours and icons come from the server's kind files
 * (GET /api/v1/device-kinds, {@link setKinds}), so a kind added there shows here without code. A
 * click on a bubble zooms in, on a device shows it. The live positions of the terminals come
 * through the overlay's worker; the responders' phone fixes it hands to {@code onMemberFix}.
 */
export class DevicesLayer {
  readonly overlay: TerminalOverlay;
  private devices = new Map<string, Device>();
  private kinds = new Map<string, DeviceKindInfo>();
  private overlayState: (s: ConnState) => void = () => {};
  /** What a device's popup adds below its name and state (by kind); nothing when absent or null. */
  popupExtra?: (d: Device) => HTMLElement | null;

  constructor(map: MlMap, private readonly project: Project,
    onMemberFix: (id: number, name: string, lon: number, lat: number) => void) {
    this.overlay = new TerminalOverlay(
      map,
      {},
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
        ? `<b>${esc(d.name)}</b><br>${esc(this.label(d.kind))} · ${d.online ? t('device.online') : t('device.offline')}<br>${esc(d.areaName)}`
          + (d.nationalCode ? `<br><span class="muted">${esc(t('device.nationalCode'))}</span> <span class="code" data-testid="device-national-code">${esc(d.nationalCode)}</span>` : '')
        : `<b>${esc(hit.id)}</b><br>${esc(this.label('patrol_terminal'))}`;
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

  /** The kinds as the server describes them: their colours, and the fixed kinds' icons once decoded. */
  async setKinds(list: DeviceKindInfo[]): Promise<void> {
    this.kinds = new Map(list.map((k) => [k.kind, k]));
    const icons = new Map<string, HTMLImageElement>();
    await Promise.all(list.filter((k) => !k.positions).map(async (k) => {
      const img = new Image(ICON_SIZE, ICON_SIZE);
      img.src = svgDataUrl(k.iconSvg);
      try {
        await img.decode();
        icons.set(k.kind, img);
      } catch {
        console.warn('device kind icon', k.kind, 'could not be drawn; shown as a dot');
      }
    }));
    this.overlay.setKinds(Object.fromEntries(list.map((k) => [k.kind, k.color])), icons);
  }

  /** A kind's name in the page's language (the kind file's label; the dictionary's word in English). */
  label(kind: string): string {
    const key = 'kind.' + kind;
    const word = t(key);
    return kindLabel(this.kinds, kind, lang(), word === key ? undefined : word);
  }

  /** Kinds whose devices send their positions (patrol terminals) are drawn by the positions worker. */
  private moving(kind: string): boolean {
    return this.kinds.get(kind)?.positions ?? kind === 'patrol_terminal';
  }

  set(devices: Device[]): void {
    this.devices = new Map(devices.map((d) => [d.id, d]));
    this.overlay.setTerminals(devices.filter((d) => this.moving(d.kind)));
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
    if (this.moving(d.kind)) {
      this.overlay.setOnline(id, online);
      return false;
    }
    return true;
  }

  onlineCount(): [number, number] {
    const all = [...this.devices.values()];
    return [all.filter((d) => d.online).length, all.length];
  }

  /** The fixed devices where the basemap puts them (the overlay draws them). */
  fixed(): { id: string; lon: number; lat: number; kind: string; online: boolean }[] {
    return [...this.devices.values()].filter((d) => !this.moving(d.kind)).map((d) => {
      const [lon, lat] = this.project(d.lon, d.lat);
      return { id: d.id, lon, lat, kind: d.kind, online: d.online };
    });
  }
}
