import './style.css';
import './maplibre-worker';
import 'maplibre-gl/dist/maplibre-gl.css';
import './patrol.css';
import { Api, ApiProblem } from './api';
import type { Basemap, MapConfig, Session } from './rest';
import { clearSession, login, savedSession, SessionKeeper } from './session';
import { Live } from './live';
import { AssignedCases } from './patrol-cases';
import { ReportDialog } from './patrol-report';
import { ResidentApi } from './whistle-api';
import { ACTIONS, dutyActions, stateWords, type PatrolAction } from './patrol-actions.js';
import { metres } from './patrol-nav.js';
import { type Here, type Offer, OfferCards } from './patrol-offer';
import { type MeView, mountPanels } from './patrol-panels';

/**
 * The patrol members' and grid workers' page (平安联盟, mobile web). The server's state is the page's: on opening, on
 * every reconnect of the live feed, whenever the page comes back into view and every 30 s, it reads the member's record
 * (GET /api/v1/members/me: duty state, position and its source) and their dispatches (GET /api/v1/members/me/offers),
 * and draws the duty buttons and one card per dispatch from them (patrol-actions.js decides which buttons). Alerts on
 * /user/queue/alerts only make it read again sooner, so an offer made while the page was closed is there on opening,
 * and no offer shows twice. While on duty the phone's position is sent every 5 s. Grid workers also have 我的诉求
 * (patrol-cases.ts, patrol-report.ts); everyone has 「我的」, whose panels are patrol-panels.ts's PANELS.
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let here: Here | null = null;

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

/** The alarms whose dispatch this phone has shown, kept across reloads: an ended one is announced once, with the reason. */
const SHOWN_KEY = 'rw.patrol.shown';
const shownBefore = (): Set<number> => new Set<number>(JSON.parse(localStorage.getItem(SHOWN_KEY) ?? '[]') as number[]);
const keepShown = (ids: Set<number>): void => localStorage.setItem(SHOWN_KEY, JSON.stringify([...ids].slice(-50)));

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
  let me: MeView | null = null;
  let offers: Offer[] = [];
  const meListeners: ((m: MeView | null) => void)[] = [];
  let watch: number | null = null;
  let lastSent = 0;
  const cards = new OfferCards($('offers'), (o, a, input) => act(o, a, input));

  const send = async (force = false): Promise<void> => {
    if (!here || (!force && Date.now() - lastSent < 5000)) return;
    lastSent = Date.now();
    try {
      await api.post('/api/v1/members/me/position', { lon: here.lon, lat: here.lat, accuracyM: Math.min(here.accuracy, 10000) });
      $('gps').textContent = `已上报位置 ${new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`;
    } catch (e) {
      $('gps').textContent = String((e as Error).message);
    }
  };
  const located = (p: GeolocationPosition): void => {
    here = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy };
    grid?.cases.moved(here);
    cards.moved(here);
  };
  /** The phone's position is watched (and sent) while the server says the member is on duty. */
  const track = (onDuty: boolean): void => {
    if (onDuty && watch === null && 'geolocation' in navigator) {
      watch = navigator.geolocation.watchPosition(
        (p) => {
          located(p);
          void send();
        },
        (err) => ($('gps').textContent = '无法获取位置：' + err.message),
        { enableHighAccuracy: true },
      );
    }
    if (!onDuty && watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
    }
  };

  /** Draws the duty line and buttons from the server's state. */
  const draw = (): void => {
    const state = me?.member.state ?? 'OFF_DUTY';
    $('duty-state').textContent = stateWords(state, offers);
    $('duty-state').dataset.state = state;
    const box = $('duty-actions');
    box.innerHTML = '';
    for (const a of dutyActions(state, offers)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `p-btn p-${a}`;
      b.dataset.testid = `act-${a}`;
      b.textContent = ACTIONS[a];
      b.addEventListener('click', () => void dutyAct(a));
      box.appendChild(b);
    }
    if (!dutyActions(state, offers).includes('lead')) $('lead').hidden = true;
    $('offers-empty').hidden = offers.length > 0 || state === 'OFF_DUTY';
    track(state !== 'OFF_DUTY');
  };

  let reading: Promise<void> | null = null;
  let again = false;
  /** Reads the member and their dispatches again; calls while a read runs make one more read after it. */
  const resync = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        const [m, o] = await Promise.all([
          api.get<MeView>('/api/v1/members/me').catch((e: unknown) => {
            if (e instanceof ApiProblem && e.status === 404) return null;
            throw e;
          }),
          api.get<{ items: Offer[]; ended: Offer[] }>('/api/v1/members/me/offers'),
        ]);
        me = m;
        const shown = shownBefore();
        const fresh = o.items.filter((x) => x.stage === 'OFFERED' && !shown.has(x.alarmId));
        for (const x of o.ended) {
          if (shown.has(x.alarmId)) {
            endedNotice(x.alarmId, x.endedReason ?? '派警已结束');
            shown.delete(x.alarmId);
          }
        }
        o.items.forEach((x) => shown.add(x.alarmId));
        keepShown(shown);
        offers = o.items;
        cards.render(offers);
        draw();
        meListeners.forEach((l) => l(me));
        $('sync').textContent = `已同步 ${new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`;
        if (fresh.length > 0) {
          grid?.tab('duty');
          tab('duty');
          beep();
        }
      } catch (e) {
        $('sync').textContent = '同步失败：' + (e as Error).message;
      } finally {
        reading = null;
        if (again) {
          again = false;
          void resync();
        }
      }
    })();
    return reading;
  };

  const endedNotice = (alarmId: number, reason: string): void => {
    const li = document.createElement('li');
    li.className = 'g-notice';
    li.dataset.testid = 'offer-ended';
    li.dataset.alarmId = String(alarmId);
    li.innerHTML = '<span></span> <button type="button">知道了</button>';
    li.querySelector('span')!.textContent = reason;
    li.querySelector('button')!.addEventListener('click', () => li.remove());
    $('ended').appendChild(li);
    beep();
  };

  const dutyAct = async (a: PatrolAction): Promise<void> => {
    $('duty-msg').textContent = '';
    try {
      if (a === 'on-duty' || a === 'back-available') await api.put('/api/v1/members/me/state', { state: 'available' });
      else if (a === 'off-duty') await api.put('/api/v1/members/me/state', { state: 'off_duty' });
      else if (a === 'lead') {
        $('lead').hidden = !$('lead').hidden;
        return;
      } else if (a === 'sos') {
        if (!here) {
          $('duty-msg').textContent = 'SOS 需要位置，请允许定位';
          return;
        }
        const r = await api.post<{ alarmId: number }>('/api/v1/members/me/sos', { lon: here.lon, lat: here.lat });
        $('duty-msg').textContent = `已发出 SOS（告警 ${r.alarmId}），指挥中心已派人`;
      }
    } catch (e) {
      $('duty-msg').textContent = (e as Error).message;
    }
    await resync();
  };

  /** A dispatch's action, then the server's state again. */
  const act = async (o: Offer, a: PatrolAction, input: { note?: string; photo?: File }): Promise<void> => {
    const base = `/api/v1/alarms/${o.alarmId}`;
    if (a === 'accept') await api.post(`${base}/accept`, {});
    else if (a === 'decline') await api.post(`${base}/decline`, { note: input.note });
    else if (a === 'photo' && input.photo) await api.alarmPhoto(o.alarmId, input.photo);
    else if (a === 'resolve') {
      if (input.photo) await api.alarmPhoto(o.alarmId, input.photo);
      await api.post(`${base}/resolve`, { note: input.note });
    } else if (a === 'arrived') {
      // arrival is confirmed from the position (within the arrival radius): a fresh fix now, else the last known one
      await new Promise<void>((done) => navigator.geolocation.getCurrentPosition((p) => {
        located(p);
        done();
      }, () => done(), { enableHighAccuracy: true, maximumAge: 0, timeout: 3000 }));
      await send(true);
    }
    await resync();
    const now = offers.find((x) => x.alarmId === o.alarmId);
    if (a === 'arrived' && now?.stage === 'EN_ROUTE') {
      throw new Error(here ? `距现场还有 ${Math.round(metres(here, o))} 米：到达 50 米内由位置自动确认` : '没有位置：请允许定位');
    }
    if (a === 'photo') throw new Error('现场照片已上传');
  };

  $('lead-send').addEventListener('click', async () => {
    const text = $<HTMLTextAreaElement>('lead-text').value.trim();
    const photo = $<HTMLInputElement>('lead-photo').value.trim();
    if (!text || !here) {
      $('lead-state').textContent = !text ? '请填写线索内容' : '需要位置，请允许定位';
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

  const grid = session.role === 'GRID_WORKER' ? gridWorker(keeper, session) : null;
  const tab = (which: string): void => {
    document.querySelectorAll<HTMLElement>('[data-view]').forEach((v) => (v.hidden = v.dataset.view !== which));
    $('view-case').hidden = true;
    document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === which));
  };
  document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.addEventListener('click', () => tab(b.dataset.tab!)));

  // the map's basemap: the installation's default (with street tiles where one is configured)
  const first = api.get<MapConfig>('/api/v1/config/map')
    .then((c) => cards.setBasemap(c.basemaps.find((x: Basemap) => x.id === c.default) ?? null), () => cards.setBasemap(null))
    .then(() => resync())
    .then(() => {
      const n = mountPanels($('panels'), { api, session, me: () => me, onMe: (l) => meListeners.push(l) });
      $('tab-mine').hidden = n === 0;
    });

  const live = new Live(
    keeper.token,
    {
      '/user/queue/alerts': (body) => {
        const kind = (body as { kind?: string }).kind;
        if (kind === 'case-assigned') grid?.assigned(body as Assignment);
        else void resync();
      },
    },
    (s) => ($('conn').dataset.state = s),
    // after every (re)connect: whatever changed while disconnected (the offers; a grid worker's cases)
    () => {
      void resync();
      void grid?.cases.reload();
    },
  );
  live.start();
  keeper.onRenewed((s) => live.renew(s.accessToken));
  // back in view (the phone unlocked, the app switched back), and every 30 s as a safety net
  let lastRead = Date.now();
  const refresh = (): void => {
    if (document.visibilityState !== 'visible' || Date.now() - lastRead < 3000) return;
    lastRead = Date.now();
    void resync();
  };
  document.addEventListener('visibilitychange', refresh);
  window.addEventListener('focus', refresh);
  setInterval(refresh, 30_000);
  await Promise.all([first, grid?.ready]);
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
    document.querySelectorAll<HTMLElement>('[data-view]').forEach((v) => (v.hidden = v.dataset.view !== which));
    $('view-case').hidden = true;
    document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === which));
  };
  $('tab-cases').hidden = false;
  cases.onOpen = () => {
    document.querySelectorAll<HTMLElement>('[data-view]').forEach((v) => (v.hidden = true));
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
