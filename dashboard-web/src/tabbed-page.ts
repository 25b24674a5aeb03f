import { Api } from './api';
import { Live } from './live';
import { VillageNotices, type VillageAlert } from './village-alerts';
import type { Me, Session } from './rest';
import { clearSession, login, savedSession, SessionKeeper } from './session';
import { holds } from './holds';

/** What a tab of a tabbed page is given: the REST calls with the session's token, and who is signed in. */
export interface PageContext {
  api: Api;
  me: Me;
  session: Session;
}

/**
 * One tab of a tabbed page (the village's 村（居）务工作台, the alliance's 平安联盟工作台): shown only to those who
 * hold {@code permission} (a key of the access policy, as GET /api/v1/me lists it), drawn into its own
 * element when first opened.
 */
export interface PageTab {
  id: string;
  label: string;
  permission: string;
  mount(el: HTMLElement, ctx: PageContext): void | Promise<void>;
}

/** How a page differs from the others: its tabs, the tab each role opens on, the tab an alert belongs to. */
export interface TabbedPage {
  tabs: PageTab[];
  /** The tab a role opens on when the address names none (by role); else the first it may see. */
  mainWork?: Record<string, string>;
  /** The tab an alert pushed on /user/queue/alerts belongs to (clicking it opens that tab, drawn afresh). */
  tabOf(alert: VillageAlert): string | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const lost = (): void => {
  clearSession();
  location.reload();
};

async function start(page: TabbedPage, session: Session): Promise<void> {
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
  const ctx: PageContext = { api, me, session };
  const tabs = page.tabs.filter((t) => holds(me, t.permission));
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
  const open = async (tab: PageTab, fresh = false): Promise<void> => {
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
  // what is sent to this user alone while the page is open, as a notice that opens its tab
  if (holds(me, 'live.alerts')) {
    const notices = new VillageNotices($('notices'), (id) => {
      const tab = tabs.find((t) => t.id === id);
      if (tab) void open(tab, true);
    }, page.tabOf);
    const live = new Live(keeper.token, { '/user/queue/alerts': (body) => notices.show(body) }, (s) => ($('conn').dataset.state = s), () => undefined);
    live.start();
    keeper.onRenewed((s) => live.renew(s.accessToken));
  }
  // the tab asked for in the address, else the one of the role's main work, else the first
  const wanted = tabs.find((t) => `#${t.id}` === location.hash) ?? tabs.find((t) => t.id === page.mainWork?.[me.role]) ?? tabs[0];
  await open(wanted);
  document.body.dataset.ready = 'true';
}

/** Runs a tabbed page: the login form, then the tabs the signed-in user's permissions reach, nothing else. */
export function runTabbedPage(page: TabbedPage): void {
  $<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    try {
      await start(page, await login($<HTMLInputElement>('username').value.trim(), $<HTMLInputElement>('password').value));
    } catch (err) {
      const message = err instanceof Error ? err.message : '';
      $('login-error').textContent = message === 'throttled' ? '尝试次数过多，请稍后再试' : /HTTP 40[01]/.test(message) ? '用户名或密码错误' : '无法连接服务器，请稍后再试';
    }
  });
  const saved = savedSession();
  if (saved) void start(page, saved);
}
