import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import { esc } from './html';
import { dateTime } from './dates';
import { type Project, projectFor, styleFor } from './layers/basemap';
import type { Basemap } from './rest';
import { ACTIONS, offerActions, type PatrolAction } from './patrol-actions.js';
import { distanceText, metres, navigationLinks, whereWords } from './patrol-nav.js';

/** A dispatch of the member as GET /api/v1/members/me/offers gives it (MemberOffers.Offer). */
export interface Offer {
  alarmId: number;
  stage: 'OFFERED' | 'EN_ROUTE' | 'ARRIVED' | 'ENDED';
  stageLabel: string;
  dispatchStatus: string;
  alarmStatus: string;
  alarmStatusLabel: string;
  type: string;
  typeLabel: string;
  title: string;
  severity: string;
  severityLabel: string;
  deviceName: string | null;
  zoneName: string | null;
  areas: string[];
  place: string;
  lon: number;
  lat: number;
  raisedAt: string;
  offeredAt: string;
  answeredAt: string | null;
  arrivedAt: string | null;
  distanceM: number | null;
  endedReason: string | null;
  endedAt: string | null;
}

/** The phone's position (WGS-84). */
export interface Here {
  lon: number;
  lat: number;
  accuracy: number;
}

/** Why the member declines, offered as choices (the words go to the alarm's timeline); 其他 takes their own words. */
export const DECLINE_REASONS = ['距离太远，无法及时赶到', '正在处理其他事件', '身体不适', '交通不便'];

/**
 * Without a basemap with tiles: a light, neutral ground on which the member, the target and the line between them
 * still read (the operators' offline style is dark, meant for their area layers, and left the phone a dark blank).
 */
const NEUTRAL: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};

/** One card's map: the target (red), the member (blue dot) and the straight line between them. */
class OfferMap {
  readonly map: maplibregl.Map;
  private me: maplibregl.Marker | null = null;
  private ready = false;

  constructor(el: HTMLElement, private readonly o: Offer, basemap: Basemap | null, private readonly project: Project) {
    const withTiles = basemap !== null && basemap.tiles.length > 0;
    const at = project(o.lon, o.lat);
    this.map = new maplibregl.Map({
      container: el,
      style: withTiles ? styleFor(basemap) : NEUTRAL,
      center: at,
      zoom: 16,
      attributionControl: withTiles ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.ScaleControl({ maxWidth: 90, unit: 'metric' }), 'bottom-left');
    el.dataset.basemap = withTiles ? basemap.id : 'neutral';
    new maplibregl.Marker({ color: '#e63946' }).setLngLat(at).addTo(this.map);
    this.map.once('load', () => {
      this.map.addSource('route', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      this.map.addLayer({ id: 'route', type: 'line', source: 'route', paint: { 'line-color': '#1d70b8', 'line-width': 3, 'line-dasharray': [2, 1.5] } });
      this.ready = true;
      el.dataset.loaded = 'true';
      this.update(this.pending);
    });
  }

  private pending: Here | null = null;

  /** The member's marker and the line follow the phone; the view frames both when within 5 km. */
  update(here: Here | null): void {
    this.pending = here;
    if (!here) return;
    const me = this.project(here.lon, here.lat);
    const at = this.project(this.o.lon, this.o.lat);
    if (!this.me) {
      const dot = document.createElement('div');
      dot.className = 'g-me';
      dot.title = '我的位置';
      this.me = new maplibregl.Marker({ element: dot }).setLngLat(me).addTo(this.map);
      if (metres(here, this.o) < 5000) {
        this.map.fitBounds([[Math.min(at[0], me[0]), Math.min(at[1], me[1])], [Math.max(at[0], me[0]), Math.max(at[1], me[1])]],
          { padding: 40, maxZoom: 17, duration: 0 });
      }
    } else {
      this.me.setLngLat(me);
    }
    if (this.ready) {
      (this.map.getSource('route') as GeoJSONSource).setData({
        type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [me, at] },
      });
    }
  }

  remove(): void {
    this.map.remove();
  }
}

/** What a card asks of the page when one of its buttons is pressed. */
export type OfferAct = (o: Offer, action: PatrolAction, input: { note?: string; photo?: File }) => Promise<void>;

/**
 * The dispatches on the patrol phone, one card each, rendered from the server's list every time it is read (so a
 * push and a resync never show an offer twice): what (type, title, severity), where (device or zone, the areas,
 * time in Asia/Shanghai), a map with the member and the target, distance and bearing in words, the 导航 menu
 * with the map apps, and only the buttons valid in the dispatch's stage.
 */
export class OfferCards {
  private maps = new Map<number, OfferMap>();
  private shown = new Map<number, string>();
  private here: Here | null = null;
  private basemap: Basemap | null = null;
  private project: Project = (lon, lat) => [lon, lat];

  constructor(private readonly list: HTMLElement, private readonly act: OfferAct) {}

  setBasemap(b: Basemap | null): void {
    this.basemap = b;
    this.project = b ? projectFor(b) : (lon, lat) => [lon, lat];
  }

  /** Shows exactly these open dispatches; a card whose dispatch is unchanged is kept as it is (its map, typed text). */
  render(offers: Offer[]): void {
    const ids = new Set(offers.map((o) => o.alarmId));
    for (const [id, m] of this.maps) {
      if (!ids.has(id)) {
        m.remove();
        this.maps.delete(id);
      }
    }
    this.list.querySelectorAll<HTMLElement>('[data-testid=offer]').forEach((el) => {
      if (!ids.has(Number(el.dataset.alarmId))) el.remove();
    });
    for (const o of offers) {
      const key = `${o.stage}|${o.alarmStatus}`;
      let card = this.list.querySelector<HTMLElement>(`[data-testid=offer][data-alarm-id="${o.alarmId}"]`);
      if (card && this.shown.get(o.alarmId) === key) continue;
      if (!card) {
        card = document.createElement('article');
        card.className = 'p-offer';
        card.dataset.testid = 'offer';
        card.dataset.alarmId = String(o.alarmId);
        card.innerHTML = this.skeleton(o);
        this.list.appendChild(card);
        const map = new OfferMap(card.querySelector<HTMLElement>('.p-map')!, o, this.basemap, this.project);
        this.maps.set(o.alarmId, map);
        map.update(this.here);
      }
      this.shown.set(o.alarmId, key);
      card.dataset.stage = o.stage;
      card.classList.toggle('offered', o.stage === 'OFFERED');
      card.querySelector<HTMLElement>('[data-testid=offer-stage]')!.textContent = o.stageLabel;
      this.fillWhere(card, o);
      this.fillActions(card, o);
    }
  }

  /** The phone moved: distances, bearings, markers and navigation links follow. */
  moved(here: Here): void {
    this.here = here;
    for (const m of this.maps.values()) m.update(here);
    this.list.querySelectorAll<HTMLElement>('[data-testid=offer]').forEach((card) => {
      const o = this.offerOf(card);
      if (o) this.fillWhere(card, o);
    });
  }

  private offers = new Map<number, Offer>();

  private offerOf(card: HTMLElement): Offer | undefined {
    return this.offers.get(Number(card.dataset.alarmId));
  }

  private skeleton(o: Offer): string {
    this.offers.set(o.alarmId, o);
    const what = [o.deviceName, o.zoneName].filter((x) => x).join(' · ');
    return `<header><span class="p-sev p-sev-${esc(o.severity.toLowerCase())}">${esc(o.severityLabel)}</span>` +
      `<h2 data-testid="offer-type">${esc(o.typeLabel)}</h2><span class="p-stage" data-testid="offer-stage"></span></header>` +
      (o.title !== o.typeLabel ? `<p class="p-title" data-testid="offer-title">${esc(o.title)}</p>` : '') +
      '<dl class="p-facts">' +
      (what ? `<dt>设备/区域</dt><dd data-testid="offer-device">${esc(what)}</dd>` : '') +
      `<dt>地点</dt><dd data-testid="offer-place">${esc(o.place || '—')}</dd>` +
      (o.areas.length > 2 ? `<dt>所属</dt><dd class="p-areas">${esc(o.areas.slice(0, -2).join(' · '))}</dd>` : '') +
      `<dt>时间</dt><dd data-testid="offer-time">告警 ${esc(dateTime(o.raisedAt))}，派警 ${esc(dateTime(o.offeredAt))}</dd>` +
      '</dl>' +
      '<div class="p-map" data-testid="offer-map"></div>' +
      '<div class="g-where"><span data-testid="offer-where"></span>' +
      '<details class="p-nav" data-testid="offer-nav"><summary>导航</summary><ul></ul></details></div>' +
      '<div class="p-actions" data-testid="offer-actions"></div>' +
      '<div class="p-form" hidden></div>' +
      '<p class="p-msg" role="status" data-testid="offer-msg"></p>';
  }

  private fillWhere(card: HTMLElement, o: Offer): void {
    const where = card.querySelector<HTMLElement>('[data-testid=offer-where]')!;
    if (this.here) {
      where.textContent = `${whereWords(this.here, o)}（直线）`;
      where.dataset.source = 'phone';
    } else if (o.distanceM !== null) {
      where.textContent = `派警时距您 ${distanceText(o.distanceM)}`;
      where.dataset.source = 'dispatch';
    } else {
      where.textContent = '正在获取您的位置…';
    }
    const name = `${o.typeLabel} ${o.place}`.trim();
    card.querySelector('.p-nav ul')!.innerHTML = navigationLinks({ lon: o.lon, lat: o.lat, name }, this.here)
      .map((l) => `<li><a href="${esc(l.href)}" target="_blank" rel="noopener" data-testid="nav-${l.id}">${esc(l.label)}</a></li>`).join('');
  }

  private fillActions(card: HTMLElement, o: Offer): void {
    this.offers.set(o.alarmId, o);
    const box = card.querySelector<HTMLElement>('[data-testid=offer-actions]')!;
    box.innerHTML = offerActions(o.stage).map((a) => a === 'photo'
      ? `<label class="p-btn p-photo" data-testid="act-photo">${ACTIONS.photo}<input type="file" accept="image/jpeg,image/png,image/webp" capture="environment" hidden /></label>`
      : `<button type="button" class="p-btn p-${a}" data-testid="act-${a}">${ACTIONS[a]}</button>`).join('');
    const form = card.querySelector<HTMLElement>('.p-form')!;
    form.hidden = true;
    form.innerHTML = '';
    const msg = card.querySelector<HTMLElement>('[data-testid=offer-msg]')!;
    const run = (a: PatrolAction, input: { note?: string; photo?: File } = {}): void => {
      msg.textContent = '正在提交…';
      this.act(o, a, input).then(
        () => {
          if (msg.textContent === '正在提交…') msg.textContent = '';
        },
        (e: Error) => (msg.textContent = e.message),
      );
    };
    box.querySelectorAll<HTMLButtonElement>('button').forEach((b) => b.addEventListener('click', () => {
      const a = b.dataset.testid!.slice(4) as PatrolAction;
      if (a === 'decline') this.declineForm(form, (note) => run('decline', { note }));
      else if (a === 'resolve') this.resolveForm(form, (note, photo) => run('resolve', { note, photo }));
      else run(a);
    }));
    box.querySelector<HTMLInputElement>('.p-photo input')?.addEventListener('change', (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (file) run('photo', { photo: file });
    });
  }

  private declineForm(form: HTMLElement, send: (note: string) => void): void {
    form.hidden = false;
    form.innerHTML = '<fieldset data-testid="decline-form"><legend>拒绝原因</legend>' +
      DECLINE_REASONS.map((r, i) => `<label><input type="radio" name="why" value="${esc(r)}" ${i === 0 ? 'checked' : ''}/> ${esc(r)}</label>`).join('') +
      '<label><input type="radio" name="why" value="" /> 其他：</label>' +
      '<input type="text" maxlength="200" placeholder="说明原因" data-testid="decline-other" />' +
      '<div class="p-row"><button type="button" data-testid="decline-cancel">取消</button>' +
      '<button type="button" class="p-danger" data-testid="decline-confirm">确认拒绝</button></div></fieldset>';
    form.querySelector('[data-testid=decline-cancel]')!.addEventListener('click', () => (form.hidden = true));
    form.querySelector('[data-testid=decline-confirm]')!.addEventListener('click', () => {
      const picked = form.querySelector<HTMLInputElement>('input[name=why]:checked')?.value ?? '';
      const other = form.querySelector<HTMLInputElement>('[data-testid=decline-other]')!.value.trim();
      send(picked || other || '其他');
    });
  }

  private resolveForm(form: HTMLElement, send: (note: string, photo?: File) => void): void {
    form.hidden = false;
    form.innerHTML = '<div data-testid="resolve-form"><textarea rows="3" maxlength="2000" placeholder="处置情况（必填）：做了什么，现场现在怎样" data-testid="resolve-note"></textarea>' +
      '<label class="p-btn p-photo">附现场照片（可选）<input type="file" accept="image/jpeg,image/png,image/webp" capture="environment" data-testid="resolve-photo" hidden /></label>' +
      '<div class="p-row"><button type="button" data-testid="resolve-cancel">取消</button>' +
      '<button type="button" class="p-primary" data-testid="resolve-confirm">确认办结</button></div></div>';
    form.querySelector('[data-testid=resolve-cancel]')!.addEventListener('click', () => (form.hidden = true));
    form.querySelector('[data-testid=resolve-confirm]')!.addEventListener('click', () => {
      const note = form.querySelector<HTMLTextAreaElement>('[data-testid=resolve-note]')!.value.trim();
      if (!note) {
        form.closest('article')!.querySelector<HTMLElement>('[data-testid=offer-msg]')!.textContent = '请填写处置情况';
        return;
      }
      send(note, form.querySelector<HTMLInputElement>('[data-testid=resolve-photo]')!.files?.[0]);
    });
  }
}
