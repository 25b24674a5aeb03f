import * as maplibregl from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { distanceText, metres, navigationLinks } from './patrol-nav.js';
import { esc } from './html';
import { showAreas } from './layers/areas';
import { type Project, projectFor, styleFor } from './layers/basemap';
import type { Basemap } from './rest';
import { inChinese, problemIn, type ResidentApi } from './whistle-api';
import { STATUS, when, type WhistleCase } from './whistle-cases';

/** The phone's position (WGS-84), as the patrol page tracks it. */
export interface Here {
  lon: number;
  lat: number;
  accuracy: number;
}

/** A timeline step's action in words (CaseHandling, CaseSupervisor, JointHandling write these). */
const ACTION: Record<string, string> = {
  submit: '居民提交',
  take: '接单',
  assign: '指派',
  report: '上报处置',
  evaluate: '居民评价',
  rework: '退回重办',
  escalate: '上报上级',
  complex: '复杂疑难',
  reject: '不予受理',
  merge: '合并',
  'merged-in': '合并',
  remind: '居民催办',
  instruct: '领导批示',
  'send-back': '部门退回',
  'supervision-warning': '督办预警',
  'supervision-order': '督办单',
  'auto-close': '自动办结',
  recount: '时限重算',
  withdraw: '居民撤回',
};
/** The steps that carry what a unit asks of the worker: shown above the timeline as 交办与督办. */
const ASKS = new Set(['assign', 'instruct', 'remind', 'rework', 'supervision-warning', 'supervision-order']);

const statusOf = (c: WhistleCase): string => c.statusLabel ?? STATUS[c.status] ?? c.status;

/** 剩余 2天3小时 / 已超时 5小时12分 until (or since) the resolve deadline. */
export function countdown(dueIso: string, now = Date.now()): { text: string; late: boolean } {
  const ms = Date.parse(dueIso) - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const span = d > 0 ? `${d}天${h}小时` : h > 0 ? `${h}小时${m}分` : `${m}分钟`;
  return ms < 0 ? { text: `已超时 ${span}`, late: true } : { text: `剩余 ${span}`, late: false };
}

export { metres };

/** Amap's navigation link to the case, walking, in GCJ-02 (patrol-nav.js's, like the patrol page's 导航 menu). */
export function amapLink(c: { lon: number; lat: number }, name: string, from: Here | null): string {
  return navigationLinks({ lon: c.lon, lat: c.lat, name }, from).find((l) => l.id === 'amap')!.href;
}

/** The resolve deadline of a case in hand, with its countdown. */
function dueHtml(c: WhistleCase): string {
  if (c.status !== 'ASSIGNED') return '';
  const left = countdown(c.resolveDue);
  const late = left.late || c.overdue;
  return `<span class="g-due ${late ? 'late' : ''}" data-testid="case-due">办结时限 ${when(c.resolveDue)}` +
    `${c.deadlineProvisional ? '（暂定）' : ''} · <b data-testid="case-countdown">${left.text}</b></span>`;
}

const ICON_FALLBACK = '📌';

/**
 * 我的诉求 on the patrol page, for grid workers: the cases assigned to them (GET /api/v1/cases lists
 * their grid's cases and those assigned to them; the page keeps those whose assignee is them), in
 * hand first by deadline, then those handled or closed in the last 30 days; a case's detail with the
 * place and the phone on a map, the distance, an Amap 导航 link, the units' asks and the timeline.
 *
 * Grid workers have no live feed of cases (/topic/cases is the command center's): the page reloads
 * the list when a {@code case-assigned} alert arrives, when it comes back into view, after a report,
 * and when the live connection comes back.
 */
export class AssignedCases {
  private cases: WhistleCase[] = [];
  private icons = new Map<string, string>();
  private openCase: WhistleCase | null = null;
  private map: maplibregl.Map | null = null;
  private caseMarker: maplibregl.Marker | null = null;
  private meMarker: maplibregl.Marker | null = null;
  private basemap: Basemap | null = null;
  private project: Project = (lon, lat) => [lon, lat];
  private here: Here | null = null;
  /** The grids the worker may see (WGS-84), drawn under the markers. */
  private areas: FeatureCollection | null = null;
  /** Object URLs of photos already fetched, by url (photos need the bearer token, so they come as blobs). */
  private readonly photoBlobs = new Map<string, Promise<string>>();
  onOpen: () => void = () => {};
  onBack: () => void = () => {};
  onReport: (c: WhistleCase) => void = () => {};
  /** The number of cases in hand changed (the tab's badge). */
  onCount: (inHand: number) => void = () => {};

  constructor(
    private readonly api: ResidentApi,
    private readonly me: string,
    private readonly list: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly error: HTMLElement,
    private readonly detail: HTMLElement,
  ) {
    // the countdowns move on
    setInterval(() => {
      this.render();
      if (this.openCase && !this.detail.hidden) this.detail.querySelector('[data-part=due]')!.innerHTML = dueHtml(this.openCase);
    }, 30_000);
  }

  /** The catalogue's icons and the basemap, once. */
  async load(): Promise<void> {
    const [categories, config, areas] = await Promise.all([
      this.api.get<{ items: { code: string; icon?: string }[] }>('/api/v1/case-categories').catch(() => ({ items: [] })),
      this.api.mapConfig().catch(() => null),
      this.api.areas().catch(() => null),
    ]);
    this.areas = areas;
    categories.items.forEach((c) => this.icons.set(c.code, c.icon ?? ICON_FALLBACK));
    if (config) {
      this.basemap = config.basemaps.find((b) => b.id === config.default) ?? config.basemaps[0] ?? null;
      if (this.basemap) this.project = projectFor(this.basemap);
    }
  }

  /** In hand (ASSIGNED) and handled or closed in the last 30 days (Asia/Shanghai dates), assigned to this worker. */
  async reload(): Promise<void> {
    const since = new Date(Date.now() - 30 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    let pages: { items: WhistleCase[] }[];
    try {
      pages = await Promise.all([
        this.api.get<{ items: WhistleCase[] }>('/api/v1/cases?status=ASSIGNED&limit=500'),
        this.api.get<{ items: WhistleCase[] }>(`/api/v1/cases?status=HANDLED,CLOSED&from=${since}&limit=200`),
      ]);
    } catch (e) {
      this.error.textContent = inChinese(problemIn(e), 'read');
      return;
    }
    this.error.textContent = '';
    this.cases = pages.flatMap((p) => p.items).filter((c) => c.assignee === this.me);
    this.render();
    if (this.openCase && !this.detail.hidden) void this.open(this.openCase.id);
  }

  /** The phone moved: the open case's distance and marker follow. */
  moved(here: Here): void {
    this.here = here;
    if (this.openCase && !this.detail.hidden) this.showWhere(this.openCase);
  }

  private sorted(): WhistleCase[] {
    const inHand = this.cases.filter((c) => c.status === 'ASSIGNED').sort((a, b) => Date.parse(a.resolveDue) - Date.parse(b.resolveDue));
    const done = this.cases.filter((c) => c.status !== 'ASSIGNED')
      .sort((a, b) => Date.parse(b.handledAt ?? b.submittedAt) - Date.parse(a.handledAt ?? a.submittedAt)).slice(0, 20);
    return [...inHand, ...done];
  }

  private render(): void {
    const sorted = this.sorted();
    const inHand = sorted.filter((c) => c.status === 'ASSIGNED').length;
    this.onCount(inHand);
    this.empty.hidden = sorted.length > 0;
    this.list.replaceChildren(...sorted.map((c) => {
      const li = document.createElement('li');
      const late = c.status === 'ASSIGNED' && (c.overdue || countdown(c.resolveDue).late);
      li.className = `g-case ${late ? 'late' : ''} s-${c.status.toLowerCase()}`;
      li.dataset.testid = 'grid-case';
      li.dataset.caseRef = c.ref;
      li.dataset.status = c.status;
      const submitted = (c.photos ?? []).filter((p) => p.stage === 'SUBMITTED' && p.id > 0).slice(0, 3);
      li.innerHTML =
        `<div class="g-row"><span class="g-icon">${esc(this.icons.get(c.category) ?? ICON_FALLBACK)}</span>` +
        `<b>${esc(c.categoryName ?? c.category)}</b><span class="g-status" data-testid="case-status">${esc(statusOf(c))}</span></div>` +
        `<p class="g-desc">${esc(c.description)}</p>` +
        `<div class="g-meta"><span>📍 ${esc(c.gridName ?? c.holderName ?? '')}</span><span>${esc(c.ref)}</span></div>` +
        dueHtml(c) +
        (submitted.length ? `<div class="g-thumbs">${submitted.map((p) => `<img alt="${esc(p.stageLabel)}" data-url="${esc(p.url)}" />`).join('')}</div>` : '');
      li.querySelectorAll<HTMLImageElement>('img[data-url]').forEach((img) => void this.fill(img));
      li.addEventListener('click', () => void this.open(c.id));
      return li;
    }));
  }

  /** An image of the platform's, fetched with the token (once per url). */
  private async fill(img: HTMLImageElement): Promise<void> {
    const url = img.dataset.url!;
    if (!/^\/(?![/\\])/.test(url)) return;
    let blob = this.photoBlobs.get(url);
    if (!blob) {
      blob = this.api.photoUrl(url);
      this.photoBlobs.set(url, blob);
      blob.catch(() => this.photoBlobs.delete(url));
    }
    try {
      img.src = await blob;
    } catch {
      img.alt += '（无法显示）';
    }
  }

  async open(id: number): Promise<void> {
    let c: WhistleCase;
    try {
      c = await this.api.get<WhistleCase>(`/api/v1/cases/${id}`);
    } catch (e) {
      this.error.textContent = inChinese(problemIn(e), 'read');
      return;
    }
    const first = this.openCase?.id !== c.id || this.detail.hidden;
    this.openCase = c;
    const i = this.cases.findIndex((x) => x.id === c.id);
    if (i >= 0) this.cases[i] = c;
    this.showDetail(c, first);
    this.onOpen();
    this.showMap(c);
    if (first) this.locate();
  }

  /** The case as a report answered it: the detail and the list follow at once. */
  updated(c: WhistleCase): void {
    const i = this.cases.findIndex((x) => x.id === c.id);
    if (i >= 0) this.cases[i] = c;
    this.render();
    if (this.openCase?.id === c.id) void this.open(c.id);
  }

  private showDetail(c: WhistleCase, first: boolean): void {
    const steps = [...(c.timeline ?? [])].reverse();
    const asks = steps.filter((s) => ASKS.has(s.action) && s.note);
    const mine = c.status === 'ASSIGNED' && c.assignee === this.me;
    const photos = (c.photos ?? []);
    const parts: [string, string][] = [
      ['head', `<button type="button" class="g-back" data-testid="case-back">‹ 我的诉求</button>` +
        `<h2><span class="g-icon">${esc(this.icons.get(c.category) ?? ICON_FALLBACK)}</span>${esc(c.categoryName ?? c.category)} ` +
        `<span class="g-status" data-testid="detail-status">${esc(statusOf(c))}</span></h2>` +
        `<p class="g-sub"><span data-testid="detail-ref">${esc(c.ref)}</span> · ${when(c.submittedAt)} 提交<br />📍 ${esc(c.gridName ?? '')}</p>` +
        `<p class="g-full">${esc(c.description)}</p>`],
      ['due', dueHtml(c)],
      ['map', '<div class="g-map" id="case-map" data-testid="case-map"></div>' +
        '<div class="g-where"><span id="case-distance" data-testid="case-distance">正在获取您的位置…</span>' +
        '<a class="g-nav" id="case-nav" target="_blank" rel="noopener noreferrer" data-testid="case-nav">🧭 导航</a></div>'],
      ['asks', asks.length ? '<div class="g-asks" data-testid="case-asks"><h3>交办与督办</h3>' +
        asks.map((s) => `<p><time>${when(s.at)}</time> <b>${esc(s.actorName ?? s.actor)}</b> ${esc(s.note)}</p>`).join('') + '</div>' : ''],
      ['photos', photos.length ? '<h3>现场照片</h3><div class="g-photos" data-testid="case-photos">' +
        photos.map((p) => `<figure><img alt="${esc(p.stageLabel)}" data-url="${esc(p.url)}" data-stage="${esc(p.stage)}" data-testid="case-photo" />` +
          `<figcaption>${esc(p.stageLabel)}</figcaption></figure>`).join('') + '</div>' : ''],
      ['actions', mine ? '<button type="button" class="g-report" data-testid="open-report">📝 上报处置</button>' : ''],
      ['timeline', '<h3>办理过程</h3><ol class="g-timeline" data-testid="case-timeline">' + steps.map((s) =>
        `<li><time>${when(s.at)}</time><b>${esc(s.actorName ?? s.actor)}</b><span class="g-step">${esc(ACTION[s.action] ?? STATUS[s.status] ?? s.action)}</span>` +
        `${s.note ? `<p>${esc(s.note)}</p>` : ''}</li>`).join('') + '</ol>'],
    ];
    if (first) {
      this.map?.remove();
      this.map = null;
      this.detail.replaceChildren(...parts.map(([name]) => {
        const div = document.createElement('div');
        div.dataset.part = name;
        return div;
      }));
    }
    for (const [name, html] of parts) {
      const box = this.detail.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
      if (name === 'map' && !first) continue; // the map stays as it is
      box.innerHTML = html;
    }
    this.detail.dataset.caseId = String(c.id);
    this.detail.dataset.status = c.status;
    this.detail.querySelector('[data-testid=case-back]')!.addEventListener('click', () => {
      this.openCase = null;
      this.onBack();
      this.render();
    });
    this.detail.querySelector('[data-testid=open-report]')?.addEventListener('click', () => this.onReport(c));
    this.detail.querySelectorAll<HTMLImageElement>('.g-photos img[data-url]').forEach((img) => void this.fill(img));
    this.showWhere(c);
  }

  /** The map with the case's place (red) and the phone (blue), in the basemap's system. */
  private showMap(c: WhistleCase): void {
    if (!this.basemap) return;
    const at = this.project(c.lon, c.lat);
    if (!this.map) {
      this.map = new maplibregl.Map({
        container: 'case-map',
        style: styleFor(this.basemap),
        center: at,
        zoom: 16,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      this.map.touchZoomRotate.disableRotation();
      this.caseMarker = new maplibregl.Marker({ color: '#e63946' }).setLngLat(at).addTo(this.map);
      this.meMarker = null;
      const map = this.map;
      map.once('load', () => {
        if (!this.areas || map !== this.map) return;
        showAreas(map, this.areas, this.project, () => true);
        // showAreas frames the community: the case (and the phone) are what matter here
        this.frame(c);
      });
    } else {
      this.caseMarker?.setLngLat(at);
    }
    this.showWhere(c);
  }

  /** Distance, the phone's marker, the view framing both (when near enough to matter) and the 导航 link. */
  private showWhere(c: WhistleCase): void {
    const nav = this.detail.querySelector<HTMLAnchorElement>('#case-nav');
    if (nav) nav.href = amapLink(c, `${c.categoryName ?? c.category} ${c.ref}`, this.here);
    const distance = this.detail.querySelector<HTMLElement>('#case-distance');
    if (!this.here) return;
    const m = metres(this.here, c);
    if (distance) distance.textContent = `距您 ${distanceText(m)}（直线）`;
    if (!this.map) return;
    const me = this.project(this.here.lon, this.here.lat);
    if (!this.meMarker) {
      const dot = document.createElement('div');
      dot.className = 'g-me';
      dot.title = '我的位置';
      this.meMarker = new maplibregl.Marker({ element: dot }).setLngLat(me).addTo(this.map);
      this.frame(c);
    } else {
      this.meMarker.setLngLat(me);
    }
  }

  /** The view on the case, and the phone too when it is within 5 km. */
  private frame(c: WhistleCase): void {
    if (!this.map) return;
    const at = this.project(c.lon, c.lat);
    if (!this.here || metres(this.here, c) >= 5000) {
      this.map.jumpTo({ center: at, zoom: 16 });
      return;
    }
    const me = this.project(this.here.lon, this.here.lat);
    this.map.fitBounds([[Math.min(at[0], me[0]), Math.min(at[1], me[1])], [Math.max(at[0], me[0]), Math.max(at[1], me[1])]],
      { padding: 50, maxZoom: 17, duration: 0 });
  }

  /** A fresh fix for the detail, should the page not be tracking (off duty). */
  private locate(): void {
    if (!('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(
      (p) => this.moved({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      () => {
        const distance = this.detail.querySelector<HTMLElement>('#case-distance');
        if (distance && !this.here) distance.textContent = '无法获取您的位置（导航将从手机当前位置出发）';
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  }
}
