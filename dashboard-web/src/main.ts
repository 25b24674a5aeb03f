import './style.css';
import { AlarmBoard } from './alarms';
import { CaseBoard, slaOf } from './cases';
import { renderOverview } from './overview';
import { Api, clearSession, login, savedSession, type Alarm, type Case, type Session } from './api';
import { applyStatic, lang, setLang, t } from './i18n';
import { Live, type ConnState } from './live';
import { CommandMap } from './map';
import { Replay } from './replay';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function showLogin(message = ''): void {
  $('login').hidden = false;
  $('login-error').textContent = message;
}

async function start(session: Session): Promise<void> {
  $('login').hidden = true;
  $('who').textContent = session.displayName;
  const api = new Api(session, () => {
    clearSession();
    location.reload();
  });
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
  document.body.dataset.basemap = basemap.id;
  const board = new AlarmBoard($('alarm-list'), $('alarm-empty'), $('alarm-count'), (a) => map.focus(a), api);
  const stats = (): void => {
    const [online, all] = map.onlineCount();
    $('stats').innerHTML =
      `<div><b data-testid="stat-devices">${online}/${all}</b><span>${t('stats.devices')}</span></div>` +
      `<div><b data-testid="stat-alarms">${board.openCount()}</b><span>${t('stats.alarms')}</span></div>` +
      `<ul class="legend">${['perimeter_alarm', 'access_gate', 'camera', 'patrol_terminal']
        .map((k) => `<li><i class="k-${k}"></i>${t('kind.' + k)}</li>`).join('')}</ul>`;
  };
  const caseBoard = new CaseBoard($('case-list'), $('case-count'), $('case-detail'), api);
  // the overview follows the live alarms and cases, recomputed at most every 10 s
  let overviewAt = 0;
  let overviewTimer: ReturnType<typeof setTimeout> | undefined;
  const overviewSoon = (): void => {
    if (overviewTimer) return;
    overviewTimer = setTimeout(() => {
      overviewTimer = undefined;
      overviewAt = Date.now();
      void renderOverview($('overview'), api, board.all(), map.memberList()).catch((e) => console.warn('overview', e));
    }, Math.max(0, overviewAt + 10_000 - Date.now()));
  };
  const onAlarm = (a: Alarm): void => {
    board.upsert(a);
    map.showAlarm(a);
    stats();
    overviewSoon();
  };
  const resync = async (): Promise<void> => {
    const [alarms, devices, cases, members] = await Promise.all([api.alarms(), api.devices(), api.cases(), api.members()]);
    caseBoard.replaceAll(cases);
    map.showMembers(members);
    void renderOverview($('overview'), api, alarms, members).catch((e) => console.warn('overview', e));
    board.replaceAll(alarms);
    alarms.forEach((a) => map.showAlarm(a));
    map.showDevices(devices);
    stats();
  };

  await map.loaded();
  map.popupActions = (a) => board.actionsFor(a);
  new Replay(map, api);
  caseBoard.onRender = (cs) =>
    map.showCases(cs.map((c) => ({ id: c.id, ref: c.ref, category: c.category, lon: c.lon, lat: c.lat, sla: slaOf(c) })), (id) => void caseBoard.open(id));
  const areas = await api.areas();
  map.showAreas(areas);
  const community = areas.features.find((f) => f.properties?.level === 'COMMUNITY');
  $('scope').textContent = String(community?.properties?.name ?? '');
  await resync();
  document.body.dataset.mapReady = 'true';

  // two STOMP sessions: this page's (alarms, cases, devices) and the positions worker's; the
  // indicator shows the worse of the two
  const states: [ConnState, ConnState] = ['connecting', 'connecting'];
  const setConn = (which: 0 | 1, s: ConnState): void => {
    states[which] = s;
    const shown: ConnState = states.includes('offline') ? 'offline' : states.includes('connecting') ? 'connecting' : 'connected';
    $('conn').dataset.state = shown;
    $('conn-text').textContent = t('conn.' + shown);
  };
  setConn(0, 'connecting');
  map.startPositions(session.accessToken, (s) => setConn(1, s));
  new Live(
    session.accessToken,
    {
      '/topic/alarms': (body) => onAlarm(body as Alarm),
      '/topic/cases': (body) => {
        caseBoard.upsert(body as Case);
        overviewSoon();
      },
      // /topic/positions is the map's positions worker's (map.startPositions)
      '/topic/devices': (body) => {
        const d = body as { deviceId: string; online: boolean };
        map.setDeviceOnline(d.deviceId, d.online);
        stats();
      },
    },
    (s) => setConn(0, s),
    () => void resync(),
  ).start();
}

function init(): void {
  setLang(lang());
  applyStatic();
  $('lang').textContent = lang() === 'zh' ? 'EN' : '中文';
  $('lang').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    location.reload();
  });
  $('logout').addEventListener('click', () => {
    clearSession();
    location.reload();
  });
  $<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const s = await login($<HTMLInputElement>('username').value.trim(), $<HTMLInputElement>('password').value);
      await start(s);
    } catch {
      showLogin(t('auth.failed'));
    }
  });
  const s = savedSession();
  if (s) void start(s);
  else showLogin();
}

init();
