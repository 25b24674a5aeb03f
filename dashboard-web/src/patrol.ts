import './style.css';
import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { Api } from './api';
import type { Session } from './rest';
import { clearSession, login, savedSession, SessionKeeper } from './session';
import { Live } from './live';
import { AssignedCases } from './patrol-cases';
import { ReportDialog } from './patrol-report';
import { ResidentApi } from './whistle-api';

/**
 * The patrol members' and grid workers' page (平安联盟, mobile web): go on duty, share the phone's
 * position while on duty, receive dispatch alerts (sound, vibration, the target on a map with
 * distance), accept or decline, report arrival and resolution, raise an SOS, submit a lead. Grid
 * workers also have 我的诉求: the cases assigned to them, navigation to them and 上报处置
 * (patrol-cases.ts, patrol-report.ts).
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Alert {
  alarmId: number;
  title: string;
  text: string;
  lon: number;
  lat: number;
  distanceM: number | null;
}

let here: { lon: number; lat: number; accuracy: number } | null = null;

function beep(): void {
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    o.frequency.value = 880;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.6);
  } catch {
    // no audio (e.g. not yet allowed by the browser): vibration and the card still show
  }
  navigator.vibrate?.([300, 100, 300]);
}

async function start(session: Session): Promise<void> {
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = session.displayName;
  const keeper = new SessionKeeper(session, () => {
    clearSession();
    location.reload();
  });
  if (keeper.expired()) await keeper.renew();
  const api = new Api(keeper, () => {
    clearSession();
    location.reload();
  });
  if (session.role === 'PATROL') void import('./patrol-duty-record').then((m) => m.mountDutyRecord($('duty-record'), api));
  let onDuty = false;
  let watch: number | null = null;
  let lastSent = 0;

  const send = async (force = false): Promise<void> => {
    if (!here || (!force && Date.now() - lastSent < 5000)) return;
    lastSent = Date.now();
    try {
      await api.post('/api/v1/members/me/position', { lon: here.lon, lat: here.lat, accuracyM: Math.min(here.accuracy, 10000) });
      $('gps').textContent = `已上报位置 ${new Date().toLocaleTimeString('zh-CN')}`;
    } catch (e) {
      $('gps').textContent = String((e as Error).message);
    }
  };

  const setDuty = async (on: boolean): Promise<void> => {
    await api.put('/api/v1/members/me/state', { state: on ? 'available' : 'off_duty' });
    onDuty = on;
    $('duty').textContent = on ? '下岗' : '上岗';
    $('duty-state').textContent = on ? '在岗' : '下岗';
    if (on && watch === null && 'geolocation' in navigator) {
      watch = navigator.geolocation.watchPosition(
        (p) => {
          here = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy };
          grid?.cases.moved(here);
          void send();
        },
        (err) => ($('gps').textContent = '无法获取位置：' + err.message),
        { enableHighAccuracy: true },
      );
    }
    if (!on && watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
    }
  };
  $('duty').addEventListener('click', () => void setDuty(!onDuty));

  const grid = session.role === 'GRID_WORKER' ? gridWorker(keeper, session) : null;

  let current: Alert | null = null;
  let map: maplibregl.Map | null = null;
  const show = (a: Alert): void => {
    grid?.tab('duty');
    current = a;
    $('alert').hidden = false;
    $('alert-title').textContent = a.title;
    $('alert-text').textContent = a.text;
    $('alert-state').textContent = '待接受';
    if (!map) {
      map = new maplibregl.Map({
        container: 'alert-map',
        style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#0d1b2a' } }] },
        center: [a.lon, a.lat],
        zoom: 16,
        attributionControl: false,
      });
    } else {
      map.setCenter([a.lon, a.lat]);
    }
    new maplibregl.Marker({ color: '#e63946' }).setLngLat([a.lon, a.lat]).addTo(map);
    if (here) new maplibregl.Marker({ color: '#52b788' }).setLngLat([here.lon, here.lat]).addTo(map);
    beep();
  };
  const act = async (action: string, body: unknown = {}): Promise<void> => {
    if (!current) return;
    try {
      await api.post(`/api/v1/alarms/${current.alarmId}/${action}`, body);
      $('alert-state').textContent = { accept: '已接受，请前往', decline: '已拒绝', resolve: '已处置完毕' }[action] ?? action;
    } catch (e) {
      $('alert-state').textContent = String((e as Error).message);
    }
  };
  $('accept').addEventListener('click', () => void act('accept'));
  $('decline').addEventListener('click', () => void act('decline'));
  // resolved: a note (required) and, if taken, a photo of the scene, uploaded first so the alarm closes with it
  $('resolve').addEventListener('click', () => {
    const note = $<HTMLTextAreaElement>('resolve-note').value.trim();
    if (!note) {
      $('alert-state').textContent = '请填写处置情况';
      return;
    }
    const photo = $<HTMLInputElement>('resolve-photo').files?.[0];
    void (async () => {
      if (photo && current) {
        try {
          await api.alarmPhoto(current.alarmId, photo);
        } catch (e) {
          $('alert-state').textContent = '照片未上传：' + (e as Error).message;
          return;
        }
      }
      await act('resolve', { note });
    })();
  });
  // arrival is detected from the position; the button sends the current one at once
  $('arrived').addEventListener('click', () => {
    const report = async (): Promise<void> => {
      await send(true);
      $('alert-state').textContent = '已上报到达位置';
    };
    // a fresh fix if the phone gives one within 3 s, else the last known one
    navigator.geolocation.getCurrentPosition(
      (p) => {
        here = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy };
        void report();
      },
      () => void report(),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 3000 },
    );
  });
  $('sos').addEventListener('click', async () => {
    if (!here) {
      $('gps').textContent = 'SOS 需要位置，请先上岗并允许定位';
      return;
    }
    const r = await api.post<{ alarmId: number }>('/api/v1/members/me/sos', { lon: here.lon, lat: here.lat });
    $('gps').textContent = `已发出 SOS（告警 ${r.alarmId}），指挥中心已派人`;
  });
  $('lead-send').addEventListener('click', async () => {
    const text = $<HTMLTextAreaElement>('lead-text').value.trim();
    const photo = $<HTMLInputElement>('lead-photo').value.trim();
    if (!text || !here) {
      $('lead-state').textContent = !text ? '请填写线索内容' : '需要位置，请先上岗';
      return;
    }
    try {
      const r = await api.post<{ leadId: number }>('/api/v1/members/me/leads', { text, lon: here.lon, lat: here.lat, ...(photo ? { photoUrl: photo } : {}) });
      $('lead-state').textContent = `线索已提交（编号 ${r.leadId}）`;
      $<HTMLTextAreaElement>('lead-text').value = '';
    } catch (e) {
      $('lead-state').textContent = String((e as Error).message);
    }
  });

  const live = new Live(
    keeper.token,
    {
      '/user/queue/alerts': (body) => {
        const kind = (body as { kind?: string }).kind;
        if (kind === 'case-assigned') grid?.assigned(body as Assignment);
        else if (kind === undefined || kind === 'dispatch') show(body as Alert);
      },
    },
    (s) => ($('conn').dataset.state = s),
    // pushes missed while disconnected: the grid worker's cases are read again (an alarm's dispatch is not repeated)
    () => void grid?.cases.reload(),
  );
  live.start();
  keeper.onRenewed((s) => live.renew(s.accessToken));
  if (grid) await grid.ready;
  document.body.dataset.ready = 'true';
}

/** A case-assigned alert (PushHub): a case put in the grid worker's hands, or given back after the resident's evaluation. */
interface Assignment {
  caseId: number;
  ref: string;
  categoryName: string;
  text: string;
  by: string;
  rework?: boolean;
}

/**
 * 我的诉求 for a grid worker: the tab, the list and detail, the report dialog. Grid workers have no
 * live feed of cases: the list is read again on a case-assigned alert, when the page comes back into
 * view, after a report and when the live connection comes back.
 */
function gridWorker(keeper: SessionKeeper, session: Session) {
  document.title = '网格员 · 我的诉求';
  const api = new ResidentApi(keeper, () => {
    clearSession();
    location.reload();
  });
  const cases = new AssignedCases(api, session.username, $('cases-list'), $('cases-empty'), $('cases-error'), $('view-case'));
  const report = new ReportDialog(api, (c) => {
    cases.updated(c);
    void cases.reload();
  });
  const tab = (which: 'duty' | 'cases'): void => {
    $('view-duty').hidden = which !== 'duty';
    $('view-cases').hidden = which !== 'cases';
    $('view-case').hidden = true;
    document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === which));
  };
  $('tabs').hidden = false;
  document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.addEventListener('click', () => tab(b.dataset.tab as 'duty' | 'cases')));
  cases.onOpen = () => {
    $('view-duty').hidden = true;
    $('view-cases').hidden = true;
    $('view-case').hidden = false;
    window.scrollTo(0, 0);
  };
  cases.onBack = () => tab('cases');
  cases.onReport = (c) => report.open(c);
  cases.onCount = (n) => {
    $('cases-badge').hidden = n === 0;
    $('cases-badge').textContent = String(n);
  };
  // back in view (the phone unlocked, the app switched back): whatever changed meanwhile
  let lastRead = Date.now();
  const refresh = (): void => {
    if (document.visibilityState !== 'visible' || Date.now() - lastRead < 5000) return;
    lastRead = Date.now();
    void cases.reload();
  };
  document.addEventListener('visibilitychange', refresh);
  window.addEventListener('focus', refresh);
  const assigned = (a: Assignment): void => {
    const notice = $('case-notice');
    notice.textContent = `${a.rework ? '居民评价未解决，退回重办' : '新指派'}：${a.categoryName} ${a.ref}（${a.by}）— ${a.text}`;
    notice.hidden = false;
    beep();
    void cases.reload();
  };
  const ready = cases.load().then(() => cases.reload());
  return { cases, tab, assigned, ready };
}

$<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await start(await login($<HTMLInputElement>('username').value.trim(), $<HTMLInputElement>('password').value));
  } catch {
    $('login-error').textContent = '登录失败：用户名或密码错误';
  }
});
const s = savedSession();
if (s) void start(s);
