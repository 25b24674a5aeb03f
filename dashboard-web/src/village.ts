import './village.css';
import { Api } from './api';
import { Live } from './live';
import { VillageNotices } from './village-alerts';
import type { Session } from './rest';
import { clearSession, login, savedSession, SessionKeeper } from './session';
import { holds } from './holds';
import { TABS, type VillageContext, type VillageTab } from './village-tabs';

/**
 * The village's and community's page (村（居）务工作台): the two committees, the mediation team and grid
 * workers each see the tabs their permissions reach (GET /api/v1/me), nothing else.
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const lost = (): void => {
  clearSession();
  location.reload();
};

/** The tab a role opens on when the address names none: the mediation team mediates, grid workers report breaches of the compact. */
const MAIN_WORK: Record<string, string> = { MEDIATOR: 'mediation' };

async function start(session: Session): Promise<void> {
  const keeper = new SessionKeeper(session, lost);
  if (keeper.expired()) await keeper.renew();
  const api = new Api(keeper, lost);
  const me = await api.me();
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = `${me.roleLabel} ${session.displayName}`;
  $('where').textContent = me.areaName ?? '';
  $('logout').addEventListener('click', () => {
    void fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: keeper.session.refreshToken }) })
      .catch(() => undefined).finally(lost);
  });
  const ctx: VillageContext = { api, me, session };
  const tabs = TABS.filter((t) => holds(me, t.permission));
  if (tabs.length === 0) {
    $('nothing').hidden = false;
    $('nothing').textContent = `${me.roleLabel}在此页面没有可办理的事项。`;
    document.body.dataset.ready = 'true';
    return;
  }
  const nav = $('tabs');
  const view = $('view');
  const panes = new Map<string, HTMLElement>();
  /** Shows a tab, drawn when first opened; {@code fresh}: drawn again (an alert says its content changed). */
  const open = async (tab: VillageTab, fresh = false): Promise<void> => {
    nav.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab.id));
    panes.forEach((p) => (p.hidden = true));
    if (fresh) {
      panes.get(tab.id)?.remove();
      panes.delete(tab.id);
    }
    let pane = panes.get(tab.id);
    if (!pane) {
      pane = document.createElement('div');
      pane.className = 'v-pane';
      pane.dataset.testid = `pane-${tab.id}`;
      view.append(pane);
      panes.set(tab.id, pane);
      await tab.mount(pane, ctx);
    }
    pane.hidden = false;
    history.replaceState(null, '', `#${tab.id}`);
  };
  for (const tab of tabs) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = tab.label;
    b.dataset.tab = tab.id;
    b.dataset.testid = `tab-${tab.id}`;
    b.addEventListener('click', () => void open(tab));
    nav.append(b);
  }
  // the tab asked for in the address, else the one of the role's main work, else the first
  // what is sent to this user alone (a dispute reaching their level, a task for their unit, …) while the page is open
  if (holds(me, 'live.alerts')) {
    const notices = new VillageNotices($('notices'), (id) => {
      const tab = tabs.find((t) => t.id === id);
      if (tab) void open(tab, true);
    });
    const live = new Live(keeper.token, { '/user/queue/alerts': (body) => notices.show(body) }, (s) => ($('conn').dataset.state = s), () => undefined);
    live.start();
    keeper.onRenewed((s) => live.renew(s.accessToken));
  }
  const wanted = tabs.find((t) => `#${t.id}` === location.hash) ?? tabs.find((t) => t.id === MAIN_WORK[me.role]) ?? tabs[0];
  await open(wanted);
  document.body.dataset.ready = 'true';
}

$<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    await start(await login($<HTMLInputElement>('username').value.trim(), $<HTMLInputElement>('password').value));
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    $('login-error').textContent = message === 'throttled' ? '尝试次数过多，请稍后再试' : /HTTP 40[01]/.test(message) ? '用户名或密码错误' : '无法连接服务器，请稍后再试';
  }
});

const saved = savedSession();
if (saved) void start(saved);
