import './village.css';
import './recordings.css';
import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { Api, ApiProblem } from './api';
import { holds } from './holds';
import { esc } from './html';
import { showAreas } from './layers/areas';
import { projectFor, styleFor } from './layers/basemap';
import type { Alarm, Me, Session } from './rest';
import { clearSession, login, savedSession, SessionKeeper } from './session';

/**
 * 录像查询 (/recordings.html): pick a place on the map (or name cameras) and a time window in Beijing time; the
 * cameras near it are listed with their footage on a timeline (recorded spans green, gaps red); a click on the
 * timeline plays from there, 导出 downloads the range as one MP4 (recordings.export). Opened from an alarm
 * (?alarm=<id>) it also lists the alarm's clips and plays the first ready one. Videos are fetched with the bearer
 * token and played from a blob: URL (a <video src> cannot send the token); every playback and export is audited.
 */
interface Interval { from: string; to: string }
interface CameraFootage {
  cameraId: string; name: string; lon: number; lat: number; distanceM: number | null; mode: string;
  recordedSeconds: number; bytes: number; spans: Interval[]; gaps: Interval[]; segments: { id: number }[];
}
interface SearchResult { from: string; to: string; cameras: CameraFootage[] }
interface CameraSetting {
  cameraId: string; name: string; areaName: string; mode: string; own: boolean; streamConfigured: boolean; updatedBy: string | null;
}
interface Settings { defaultMode: string; retention: string; eventBuffer: string; preRoll: string; postRoll: string; recordingHere: boolean; items: CameraSetting[] }
interface Clip {
  id: number; alarmId: number; cameraId: string; cameraName: string; alarmAt: string; from: string; to: string;
  status: 'PENDING' | 'READY' | 'FAILED'; bytes: number | null; durationS: number | null; note: string | null;
}

const ZONE = 'Asia/Shanghai';
const MODES: Record<string, string> = { CONTINUOUS: '连续录像', EVENTS: '事件录像', OFF: '不录像' };
const STATUS: Record<string, string> = { PENDING: '等待剪辑', READY: '可回放', FAILED: '无录像' };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Beijing time of an instant as a datetime-local value (YYYY-MM-DDTHH:mm:ss). */
function local(iso: string | number): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: ZONE, hour12: false }).replace(' ', 'T');
}
/** A datetime-local value read as Beijing time (UTC+8, no daylight saving), as an ISO instant. */
function instant(value: string): string {
  const v = value.length === 16 ? `${value}:00` : value;
  return new Date(`${v}+08:00`).toISOString();
}
const clock = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: ZONE, hour12: false });
const stamp = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: ZONE, hour12: false });

class Recordings {
  private map!: maplibregl.Map;
  private project!: (lon: number, lat: number) => [number, number];
  private crs = 'wgs84';
  private place: maplibregl.Marker | null = null;
  private markers: maplibregl.Marker[] = [];
  private current: { url: string; camera?: string; clip?: number; from?: string; to?: string } | null = null;

  constructor(private readonly api: RecordingsApi, private readonly me: Me) {}

  async start(): Promise<void> {
    const config = await this.api.mapConfig();
    const basemap = config.basemaps.find((b) => b.id === config.default) ?? config.basemaps[0];
    this.project = projectFor(basemap);
    this.crs = basemap.crs;
    this.map = new maplibregl.Map({ container: $('map'), style: styleFor(basemap), center: this.project(119.126, 36.7045), zoom: 15,
      attributionControl: false, dragRotate: false });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    await new Promise<void>((r) => (this.map.loaded() ? r() : this.map.once('load', () => r())));
    showAreas(this.map, await this.api.areas(), this.project, () => true);
    this.map.on('click', (e) => this.pick(e.lngLat.lng, e.lngLat.lat));
    document.body.dataset.mapReady = 'true';

    const now = Date.now();
    $<HTMLInputElement>('from').value = local(now - 30 * 60_000);
    $<HTMLInputElement>('to').value = local(now);
    $('search').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.search();
    });
    $('export').addEventListener('click', () => void this.exportCurrent());
    if (holds(this.me, 'recordings.manage')) await this.settings();
    const alarm = new URLSearchParams(location.search).get('alarm');
    if (alarm && /^\d+$/.test(alarm)) await this.openAlarm(Number(alarm));
    document.body.dataset.ready = 'true';
  }

  /** A place picked on the map (in the basemap's system, sent with its crs). */
  private pick(lon: number, lat: number): void {
    $<HTMLInputElement>('lon').value = lon.toFixed(6);
    $<HTMLInputElement>('lat').value = lat.toFixed(6);
    this.place?.remove();
    this.place = new maplibregl.Marker({ color: '#b3001b' }).setLngLat([lon, lat]).addTo(this.map);
  }

  private async search(): Promise<void> {
    $('error').textContent = '';
    const p = new URLSearchParams();
    const lon = $<HTMLInputElement>('lon').value.trim();
    const lat = $<HTMLInputElement>('lat').value.trim();
    if (lon || lat) {
      p.set('lon', lon);
      p.set('lat', lat);
      p.set('crs', this.crs);
      p.set('radiusM', $<HTMLSelectElement>('radius').value);
    }
    const cams = $<HTMLInputElement>('cameras').value.trim();
    if (cams) p.set('cameraIds', cams);
    try {
      p.set('from', instant($<HTMLInputElement>('from').value));
      p.set('to', instant($<HTMLInputElement>('to').value));
    } catch {
      $('error').textContent = '请填写开始和结束时间。';
      return;
    }
    try {
      const r = await this.api.get<SearchResult>(`/api/v1/recordings/search?${p}`);
      this.show(r);
    } catch (e) {
      $('error').textContent = e instanceof ApiProblem ? [e.message, ...e.errors.map((x) => `${x.field}: ${x.message}`)].join('；') : String(e);
    }
  }

  private show(r: SearchResult): void {
    this.markers.forEach((m) => m.remove());
    this.markers = r.cameras.map((c) => new maplibregl.Marker({ color: c.segments.length ? '#2e8b57' : '#888' })
      .setLngLat(this.project(c.lon, c.lat)).setPopup(new maplibregl.Popup().setText(c.name)).addTo(this.map));
    const withFootage = r.cameras.filter((c) => c.segments.length > 0).length;
    $('summary').textContent = r.cameras.length === 0 ? '该范围内没有您可查看的摄像机。'
      : `${stamp(r.from)} 至 ${stamp(r.to)}：${r.cameras.length} 台摄像机，其中 ${withFootage} 台有录像。点击时间轴从该时刻播放。`;
    const start = Date.parse(r.from);
    const span = Date.parse(r.to) - start;
    const box = $('results');
    box.innerHTML = '';
    for (const c of r.cameras) {
      const el = document.createElement('div');
      el.className = 'rec-cam';
      el.dataset.testid = 'rec-camera';
      el.dataset.camera = c.cameraId;
      el.dataset.segments = String(c.segments.length);
      el.innerHTML = `<div class="rec-cam-head"><b>${esc(c.name)}</b><span class="meta">${esc(c.cameraId)}</span>`
        + `<span class="meta">${c.distanceM == null ? '' : `${Math.round(c.distanceM)} 米`}</span><span class="meta">${esc(MODES[c.mode] ?? c.mode)}</span>`
        + `<span class="meta">录像 ${Math.round(c.recordedSeconds / 60)} 分 ${c.recordedSeconds % 60} 秒 · ${c.segments.length} 段 · 缺失 ${c.gaps.length} 处</span></div>`
        + `<div class="rec-timeline" data-testid="rec-timeline" title="点击从该时刻播放"></div>`
        + `<div class="rec-axis"><span>${clock(r.from)}</span><span>${clock(r.to)}</span></div>`
        + `<div class="rec-legend"><span class="ok">■ 有录像</span> <span class="gap">■ 缺失</span></div>`;
      const line = el.querySelector('.rec-timeline') as HTMLElement;
      for (const s of c.spans) {
        const b = document.createElement('div');
        b.className = 'rec-span';
        const a = Math.max(0, (Date.parse(s.from) - start) / span);
        const z = Math.min(1, (Date.parse(s.to) - start) / span);
        b.style.left = `${(100 * a).toFixed(3)}%`;
        b.style.width = `${Math.max(0.3, 100 * (z - a)).toFixed(3)}%`;
        line.append(b);
      }
      line.addEventListener('click', (e) => {
        const f = (e.clientX - line.getBoundingClientRect().left) / line.clientWidth;
        const from = start + f * span;
        void this.playRange(c, new Date(from).toISOString(), new Date(Math.min(start + span, from + 5 * 60_000)).toISOString());
      });
      if (c.spans.length > 0) {
        const actions = document.createElement('div');
        actions.className = 'v-actions';
        const play = document.createElement('button');
        play.type = 'button';
        play.textContent = '播放全部';
        play.dataset.testid = 'rec-play';
        play.addEventListener('click', () => void this.playRange(c, r.from, r.to));
        actions.append(play);
        el.append(actions);
      }
      box.append(el);
    }
  }

  private async playRange(c: CameraFootage, from: string, to: string): Promise<void> {
    const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    await this.play(`/api/v1/recordings/cameras/${encodeURIComponent(c.cameraId)}/video?${q}`,
      `${c.name} · ${stamp(from)} 至 ${clock(to)}`, { url: `/api/v1/recordings/cameras/${encodeURIComponent(c.cameraId)}/export?${q}` });
  }

  /** Fetches the MP4 with the token and plays it from a blob: URL. */
  private async play(path: string, title: string, exportable: { url: string }): Promise<void> {
    $('error').textContent = '';
    $('playing').textContent = `正在加载：${title}`;
    const res = await this.api.fetchWithToken(path);
    if (!res.ok) {
      $('playing').textContent = res.status === 404 ? `没有录像：${title}` : `无法播放（HTTP ${res.status}）`;
      return;
    }
    const video = $<HTMLVideoElement>('video');
    if (video.src.startsWith('blob:')) URL.revokeObjectURL(video.src);
    video.src = URL.createObjectURL(await res.blob());
    this.current = exportable;
    $('playing').textContent = `正在播放：${title}`;
    $('export').hidden = !holds(this.me, 'recordings.export');
    await video.play().catch(() => undefined);
  }

  private async exportCurrent(): Promise<void> {
    if (!this.current) return;
    const res = await this.api.fetchWithToken(this.current.url);
    if (!res.ok) {
      $('error').textContent = `导出失败（HTTP ${res.status}）`;
      return;
    }
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'recording.mp4';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = decodeURIComponent(name);
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  /** ?alarm=<id>: the alarm's place and a window of ten minutes around it, and its clips. */
  private async openAlarm(id: number): Promise<void> {
    const a = await this.api.get<Alarm>(`/api/v1/alarms/${id}?crs=${this.crs}`).catch(() => null);
    $('alarm-box').hidden = false;
    if (!a) {
      $('alarm-title').textContent = `报警 ${id}：无法查看`;
      return;
    }
    $('alarm-title').textContent = `报警录像片段：${a.title}（${stamp(a.firstSeenAt)}）`;
    this.pick(a.lon, a.lat);
    this.map.jumpTo({ center: [a.lon, a.lat], zoom: 17 });
    const t = Date.parse(a.firstSeenAt);
    $<HTMLInputElement>('from').value = local(t - 5 * 60_000);
    $<HTMLInputElement>('to').value = local(Math.min(Date.now(), t + 5 * 60_000));
    await this.clips(id, true);
    await this.search();
  }

  private async clips(alarm: number, autoplay: boolean): Promise<void> {
    const { items } = await this.api.get<{ items: Clip[] }>(`/api/v1/recordings/alarms/${alarm}/clips`);
    const box = $('clips');
    box.innerHTML = items.length === 0 ? '<p class="rec-hint">覆盖该报警地点的摄像机没有录像片段（未录像，或不在您的辖区）。</p>' : '';
    for (const c of items) {
      const row = document.createElement('div');
      row.className = 'rec-clip';
      row.dataset.testid = 'rec-clip';
      row.dataset.status = c.status;
      row.innerHTML = `<b>${esc(c.cameraName)}</b><span class="status ${c.status}">${STATUS[c.status]}</span>`
        + `<span>${clock(c.from)}–${clock(c.to)}${c.durationS ? `，${c.durationS.toFixed(1)} 秒` : ''}</span>${c.note ? `<small>${esc(c.note)}</small>` : ''}`;
      if (c.status === 'READY') {
        const play = document.createElement('button');
        play.type = 'button';
        play.textContent = '回放';
        play.dataset.testid = 'rec-clip-play';
        play.addEventListener('click', () => void this.playClip(c));
        row.append(play);
      }
      box.append(row);
    }
    const ready = items.find((c) => c.status === 'READY');
    if (autoplay && ready) await this.playClip(ready);
    if (items.some((c) => c.status === 'PENDING')) setTimeout(() => void this.clips(alarm, autoplay && !ready), 5000);
  }

  /** 录像设置 (recordings.manage): each camera's mode, changed with a select (audited on the server). */
  private async settings(): Promise<void> {
    const s = await this.api.get<Settings>('/api/v1/recordings/settings');
    $('settings-box').hidden = false;
    /** An ISO-8601 duration as the server writes it (PT168H, PT2M, PT15S) in words. */
    const days = (d: string): string => {
      const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(d);
      if (!m) return d;
      const [h, min, sec] = [Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3] ?? 0)];
      return [h >= 24 && h % 24 === 0 ? `${h / 24} 天` : h ? `${h} 小时` : '', min ? `${min} 分钟` : '', sec ? `${sec} 秒` : ''].join('') || '0 秒';
    };
    $('settings-hint').textContent = `未单独设置的摄像机：${MODES[s.defaultMode]}。连续录像保留 ${days(s.retention)}；事件录像缓存 ${days(s.eventBuffer)}，`
      + `报警前 ${days(s.preRoll)}、后 ${days(s.postRoll)} 的录像随报警保留。${s.recordingHere ? '' : '（本实例不负责录像）'}`;
    const body = $('settings');
    body.innerHTML = '';
    for (const c of s.items) {
      const tr = document.createElement('tr');
      tr.dataset.testid = 'rec-setting';
      tr.dataset.camera = c.cameraId;
      tr.innerHTML = `<td>${esc(c.name)}<br><small>${esc(c.cameraId)}${c.streamConfigured ? '' : ' · 未配置视频流'}</small></td><td>${esc(c.areaName)}</td>`
        + `<td></td><td>${c.own ? esc(c.updatedBy ?? '') : '默认'}</td>`;
      const select = document.createElement('select');
      select.innerHTML = Object.entries(MODES).map(([k, v]) => `<option value="${k}">${v}</option>`).join('');
      select.value = c.mode;
      select.addEventListener('change', () => {
        this.api.put(`/api/v1/recordings/settings/${encodeURIComponent(c.cameraId)}`, { mode: select.value })
          .then(() => void this.settings())
          .catch((e: Error) => ($('error').textContent = e.message));
      });
      tr.children[2].append(select);
      body.append(tr);
    }
  }

  private playClip(c: Clip): Promise<void> {
    return this.play(`/api/v1/recordings/clips/${c.id}/video`, `${c.cameraName} · 报警前后 ${clock(c.from)}–${clock(c.to)}`,
      { url: `/api/v1/recordings/clips/${c.id}/export` });
  }
}

/** The REST calls, and a video fetched with the token. */
class RecordingsApi extends Api {
  fetchWithToken(path: string): Promise<Response> {
    return this.send(path);
  }
}

const lost = (): void => {
  clearSession();
  location.reload();
};

async function run(session: Session): Promise<void> {
  const keeper = new SessionKeeper(session, lost);
  if (keeper.expired()) await keeper.renew();
  const api = new RecordingsApi(keeper, lost);
  const me = await api.me();
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = `${me.roleLabel} ${session.displayName}`;
  $('where').textContent = me.areaName ?? '';
  $('logout').addEventListener('click', lost);
  if (!holds(me, 'recordings.read')) {
    $('summary').textContent = `${me.roleLabel}无权查看录像。`;
    document.body.dataset.ready = 'true';
    return;
  }
  await new Recordings(api, me).start();
}

const saved = savedSession();
if (saved) {
  void run(saved);
} else {
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    login($<HTMLInputElement>('username').value, $<HTMLInputElement>('password').value)
      .then(run)
      .catch((err: Error) => ($('login-error').textContent = err.message === 'throttled' ? '尝试次数过多，请稍后再试' : '用户名或密码错误'));
  });
}
