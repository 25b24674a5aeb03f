import './style.css';
import { AlarmBoard } from './alarms';
import { CaseBoard, slaOf } from './cases';
import { CaseWork } from './case-actions';
import { renderOverview } from './overview';
import { Api } from './api';
import type { Alarm, Case, Me, Session } from './rest';
import { clearSession, login, savedSession, SessionKeeper } from './session';
import { applyStatic, lang, setLang, t } from './i18n';
import { legendOrder, svgDataUrl } from './kinds.js';
import { esc } from './html';
import { Live, type ConnState } from './live';
import { CommandMap } from './map';
import { Replay } from './replay';
import { showCalendarWarnings } from './calendar-warning';
import { CategoriesAdmin } from './categories-admin';
import { CameraCatalog } from './camera-catalog';
import { unitTitle } from './unit';
import { Notices } from './notices';
import { DistrictOverview, offersDistrictOverview } from './district';
import { casePopup } from './case-popup';
import { withPicture } from './alarm-picture';
import { intercomPopup } from './intercom-popup';
import { liveButton } from './live-video';
import { renderAlliancePanel } from './alliance-panel';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function showLogin(message = ''): void {
  $('login').hidden = false;
  $('login-error').textContent = message;
}

/**
 * What the access policy lets this user see on the map: each panel and live feed only where the
 * role holds it for its area (GET /api/v1/me), so no role is shown a refusal.
 */
function grants(me: Me): (permission: string) => boolean {
  return (permission) => me.permissions.some((g) => g.permission === permission && (g.scope === 'ALL' || g.scope === 'AREA'));
}

/** Where the roles that work elsewhere have their own page: the phone page of responders, the residents' page, the MQTT contract. */
const OWN_PAGE: Record<string, string> = {
  PATROL: '/patrol.html',
  GRID_WORKER: '/patrol.html',
  RESIDENT: '/whistle.html',
  INTEGRATOR: '/asyncapi.json',
  COMMITTEE: '/village.html',
  MEDIATOR: '/village.html',
};

/** The dashboard is the command center's: other roles are told where their own place is, and see nothing else. */
function showElsewhere(me: Me): void {
  $('app').hidden = true;
  $('login').hidden = true;
  const el = $('elsewhere');
  el.hidden = false;
  $('elsewhere-who').textContent = `${me.roleLabel} ${me.username}`;
  $('elsewhere-text').textContent = t('elsewhere.' + me.role) === 'elsewhere.' + me.role ? t('elsewhere.other') : t('elsewhere.' + me.role);
  const link = $<HTMLAnchorElement>('elsewhere-link');
  const href = OWN_PAGE[me.role] ?? '';
  link.hidden = href === '';
  link.href = href;
  link.textContent = t('elsewhere.link.' + me.role);
}

async function start(session: Session): Promise<void> {
  $('login').hidden = true;
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
  const me = await api.me();
  const can = grants(me);
  if (OWN_PAGE[me.role] || (!can('alarms.read') && !can('cases.read') && !can('supervision.read'))) {
    showElsewhere(me);
    return;
  }
  document.body.dataset.role = me.role;
  // the header names the user's own unit (the district center, 区领导 · 奎文区, a street, a department, …)
  const title = unitTitle(me);
  $('scope').textContent = title;
  document.title = `${title} · ${t('app.title')}`;
  if (can('calendar.manage')) {
    // administrators: years whose official holiday notice is missing while deadlines count on them
    const warn = (): void => void showCalendarWarnings(api).catch((e) => console.warn('calendar', e));
    warn();
    setInterval(warn, 10 * 60_000);
  }
  // administrators: the catalogue of residents' request categories (诉求分类)
  $('categories-open').hidden = !can('case-types.manage');
  if (can('case-types.manage')) new CategoriesAdmin(api, $('categories-open'));
  // the camera catalogue in GB/T 28181 form (国标目录): export for those who read it, import for those who manage cameras
  const catalogExport = can('cameras.catalog.export');
  const catalogImport = can('cameras.catalog.import');
  $('catalog-open').hidden = !catalogExport && !catalogImport;
  // resync is defined further down; it runs only once an import has written, long after start-up
  if (catalogExport || catalogImport) new CameraCatalog(api, $('catalog-open'), catalogExport, catalogImport, () => void resync());
  $('replay-open').hidden = !can('tracks.read');
  // 五事工作法: the units report their 联动办事 tasks, operators and leaders supervise the overdue ones, on the village page
  const holds = (p: string): boolean => me.permissions.some((g) => g.permission === p);
  const fivesteps = $<HTMLAnchorElement>('fivesteps-open');
  fivesteps.hidden = !holds('proposals.tasks') && !holds('proposals.supervise');
  fivesteps.href = holds('proposals.tasks') ? '/village.html#fivesteps-tasks' : '/village.html#fivesteps-overdue';
  // 平安联盟: the police station leads it (members, leads, rewards and the fund) on the alliance's page
  $('alliance-open').hidden = !holds('alliance.read');
  const config = await api.mapConfig();
  const wanted = new URLSearchParams(location.search).get('basemap') ?? localStorage.getItem('rw.basemap') ?? config.default;
  const basemap = config.basemaps.find((b) => b.id === wanted) ?? config.basemaps.find((b) => b.id === config.default) ?? config.basemaps[0];
  const picker = $<HTMLSelectElement>('basemap');
  picker.innerHTML = config.basemaps.map((b) => `<option value="${b.id}">${b.name}</option>`).join('');
  picker.value = basemap.id;
  picker.addEventListener('change', () => {
    localStorage.setItem('rw.basemap', picker.value);
    const url = new URL(location.href);
    url.searchParams.delete('basemap');
    location.replace(url.toString());
  });
  const map = new CommandMap($('map'), basemap);
  // the device kinds, their labels and icons, as the server's kind files describe them
  const kinds = can('devices.read') ? await api.deviceKinds().catch((e) => { console.warn('device kinds', e); return []; }) : [];
  await map.setDeviceKinds(kinds);
  document.body.dataset.basemap = basemap.id;
  // the alarm actions (acknowledge, dispatch, close) only for those who command alarms; the timeline for all who read them
  const board = new AlarmBoard($('alarm-list'), $('alarm-empty'), $('alarm-count'), (a) => map.focus(a), api, can('alarms.command'), can('recordings.read'));
  // the video wall: the cameras covering an alarm (alarms.command), live (video.live)
  board.live = can('video.live') && can('alarms.command');
  const stats = (): void => {
    const [online, all] = map.onlineCount();
    $('stats').innerHTML =
      `<div><b data-testid="stat-devices">${online}/${all}</b><span>${t('stats.devices')}</span></div>` +
      `<div><b data-testid="stat-alarms">${board.openCount()}</b><span>${t('stats.alarms')}</span></div>` +
      `<ul class="legend" data-testid="kind-legend">${legendOrder(kinds).map((k) => `<li data-testid="legend-${esc(k.kind)}">`
        + `<img src="${svgDataUrl(k.iconSvg)}" alt="">${esc(map.kindLabel(k.kind))}</li>`).join('')}</ul>`;
  };
  // the case board: each role's own queue and the actions it may take (a department's titled with its name)
  const caseWork = new CaseWork(api, me);
  const caseBoard = new CaseBoard($('case-list'), $('case-count'), $('case-detail'), $('case-tabs'), api, caseWork);
  if (caseWork.department) $('cases-title').textContent = `${caseWork.department.shortName} · ${t('board.queue')}`;
  // the overview follows the live alarms and cases, recomputed at most every 10 s
  let overviewAt = 0;
  let overviewTimer: ReturnType<typeof setTimeout> | undefined;
  const overviewSoon = (): void => {
    if (overviewTimer) return;
    overviewTimer = setTimeout(() => {
      overviewTimer = undefined;
      overviewAt = Date.now();
      if (can('stats.read')) void renderOverview($('overview'), api, board.all(), map.memberList(), can('supervision.read')).catch((e) => console.warn('overview', e));
    }, Math.max(0, overviewAt + 10_000 - Date.now()));
  };
  // frames may arrive out of order (instances relay to each other): an older view never replaces a newer one
  const versions = new Map<number, number>();
  const onAlarm = (a: Alarm): void => {
    if ((versions.get(a.id) ?? -1) > a.version) return;
    versions.set(a.id, a.version);
    board.upsert(a);
    map.showAlarm(a);
    stats();
    overviewSoon();
  };
  const resync = async (): Promise<void> => {
    // what the role may not read is an empty list, not a refused request
    const [alarms, devices, cases, members] = await Promise.all([
      can('alarms.read') ? api.alarms() : [],
      can('devices.read') ? api.devices() : [],
      can('cases.read') ? api.cases() : [],
      can('members.read') ? api.members() : [],
    ]);
    caseBoard.replaceAll(cases);
    map.showMembers(members);
    if (can('stats.read')) void renderOverview($('overview'), api, alarms, members, can('supervision.read')).catch((e) => console.warn('overview', e));
    if (can('alliance.stats')) void renderAlliancePanel($('alliance'), api).catch((e) => console.warn('alliance', e));
    alarms.forEach((a) => versions.set(a.id, a.version));
    board.replaceAll(alarms);
    alarms.forEach((a) => map.showAlarm(a));
    map.showDevices(devices);
    stats();
    // how many times the page has loaded its lists (once at sign-in, again after every STOMP (re)connect)
    document.body.dataset.synced = String(Number(document.body.dataset.synced ?? 0) + 1);
  };

  await map.loaded();
  map.popupActions = (a) => withPicture(api, a, board.actionsFor(a));
  map.devicePopup = (d) => (d.kind === 'video_intercom' ? intercomPopup(api, d, can('devices.command'))
    : d.kind === 'camera' && can('video.live') ? liveButton(api, d) : null);
  if (can('tracks.read')) new Replay(map, api);
  caseBoard.onRender = (cs) =>
    map.showCases(cs.map((c) => ({ id: c.id, ref: c.ref, category: c.category, lon: c.lon, lat: c.lat, sla: slaOf(c) })), (id) => void caseBoard.open(id));
  const areas = await api.areas();
  map.showAreas(areas);
  // a case of the district overview's lists, or of a notice, on the map with its detail (and 批示 for leaders)
  const district = offersDistrictOverview(me)
    ? new DistrictOverview($('district'), api, me, (id) => void showCase(id), (open) => {
      $('district-open').classList.toggle('on', open);
      map.frameOwn(open ? $('district').offsetWidth : 0);
    })
    : undefined;
  const showCase = (id: number): Promise<void> => api.caseDetail(id).then((c) => {
    map.showAt(c.lon, c.lat, casePopup(api, c, can('cases.instruct'), (again) => void showCase(again)), district?.open ? $('district').offsetWidth : 0);
    void caseBoard.open(id).catch(() => undefined);
  }).catch((e) => console.warn('case', id, e));
  const notices = new Notices($('notices'), (id) => void showCase(id));
  if (district) {
    $('district-open').hidden = false;
    $('district-open').addEventListener('click', () => district.toggle());
    // the district's leaders start with their overview
    if (me.role === 'LEADER') district.toggle(true);
  }
  await resync();
  document.body.dataset.mapReady = 'true';

  // up to two STOMP sessions: this page's (alarms, cases, devices, the user's own alerts) and the positions
  // worker's; the indicator shows the worse of the two. Each feed only where the role may receive it.
  const feeds: Record<string, (body: unknown) => void> = {};
  if (can('live.alarms')) feeds['/topic/alarms'] = (body) => onAlarm(body as Alarm);
  if (can('live.cases')) {
    feeds['/topic/cases'] = (body) => {
      caseBoard.upsert(body as Case);
      overviewSoon();
    };
  }
  // /topic/positions is the map's positions worker's (map.startPositions)
  if (can('live.devices')) {
    feeds['/topic/devices'] = (body) => {
      const d = body as { deviceId: string; online: boolean };
      map.setDeviceOnline(d.deviceId, d.online);
      stats();
    };
  }
  // what is sent to this user alone: a leader's 批示 on a case their unit holds
  if (me.permissions.some((g) => g.permission === 'live.alerts')) feeds['/user/queue/alerts'] = (body) => notices.alert(body);
  if (Object.keys(feeds).length === 0) {
    $('conn').hidden = true; // nothing to receive live: no session, and nothing to say about one
    return;
  }
  const states: [ConnState, ConnState] = ['connecting', can('live.positions') ? 'connecting' : 'connected'];
  const setConn = (which: 0 | 1, s: ConnState): void => {
    states[which] = s;
    const shown: ConnState = states.includes('offline') ? 'offline' : states.includes('connecting') ? 'connecting' : 'connected';
    $('conn').dataset.state = shown;
    $('conn-text').textContent = t('conn.' + shown);
  };
  setConn(0, 'connecting');
  if (can('live.positions')) map.startPositions(keeper.token, (s) => setConn(1, s));
  const live = new Live(keeper.token, feeds, (s) => setConn(0, s), () => void resync());
  live.start();
  // a session lives no longer than its token: both move to the renewed one before the server closes them
  keeper.onRenewed((s) => {
    live.renew(s.accessToken);
    if (can('live.positions')) map.renewPositions(s.accessToken);
  });
}

function init(): void {
  setLang(lang());
  applyStatic();
  $('lang').textContent = lang() === 'zh' ? 'EN' : '中文';
  $('lang').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    location.reload();
  });
  for (const id of ['logout', 'elsewhere-logout']) {
    $(id).addEventListener('click', () => {
      clearSession();
      location.reload();
    });
  }
  $<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const s = await login($<HTMLInputElement>('username').value.trim(), $<HTMLInputElement>('password').value);
      await start(s);
    } catch (err) {
      showLogin(t((err as Error).message === 'throttled' ? 'auth.throttled' : 'auth.failed'));
    }
  });
  const s = savedSession();
  if (s) void start(s);
  else showLogin();
}

init();
