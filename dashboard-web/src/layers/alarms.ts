import * as maplibregl from 'maplibre-gl';
import type { Map as MlMap } from 'maplibre-gl';
import type { Alarm } from '../rest';
import { esc } from '../html';
import { formatTime, t } from '../i18n';
import type { Project } from './basemap';

/** One pulse of an unacknowledged alarm's ring. */
const PULSE_MS = 1400;

/** Open alarms as markers with a popup (and the buttons of the alarm, when given); closed ones leave the map. */
export class AlarmsLayer {
  private readonly markers = new Map<number, maplibregl.Marker>();
  private readonly pulses = new Map<number, Animation>();
  /** The buttons of an open alarm (acknowledge, dispatch, resolve, false alarm), shown in its popup too. */
  popupActions?: (a: Alarm) => HTMLElement | null;

  constructor(private readonly map: MlMap, private readonly project: Project) {}

  show(a: Alarm): void {
    const open = a.status !== 'RESOLVED' && a.status !== 'FALSE_ALARM';
    const existing = this.markers.get(a.id);
    if (!open) {
      existing?.remove();
      this.markers.delete(a.id);
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
    this.markers.set(a.id, marker);
  }

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
    const m = this.markers.get(a.id);
    if (m) {
      m.getPopup()?.setDOMContent(this.popupContent(a));
      if (!m.getPopup()?.isOpen()) m.togglePopup();
    }
  }
}

function alarmPopup(a: Alarm): string {
  return `<b>${esc(a.title)}</b> <span class="sev sev-${a.severity}">${t('severity.' + a.severity)}</span><br>` +
    `${t('popup.device')}: ${esc(a.deviceName ?? a.deviceId ?? '')}<br>` +
    `${t('popup.grid')}: ${esc(a.gridName ?? '—')}<br>` +
    `${t('popup.time')}: ${formatTime(a.lastSeenAt)}${a.count > 1 ? ` (${a.count}${t('alarms.count')})` : ''}`;
}
