import './style.css';
import './whistle.css';
import { Live } from './live';
import type { Session } from './rest';
import { clearSession, keep, login, savedSession, SessionKeeper } from './session';
import { type Doing, inChinese, NETWORK_DOWN, problemIn, problemOf, Refused, ResidentApi } from './whistle-api';
import { FileForm } from './whistle-file';
import { MyCases, type WhistleCase } from './whistle-cases';
import { Matters } from './whistle-matters';
import { isVillageAlert, Village, type VillageAlert } from './whistle-village';
import { AllianceApplication } from './whistle-alliance';

/**
 * The residents' page (小红哨, mobile web, one hand): sign up with the phone number and a code
 * sent to it, log in, reset a forgotten password the same way; then blow the whistle (category,
 * place, photos, description) and follow "my requests" live (/user/queue/cases).
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

type Screen = 'login' | 'signup' | 'reset';

function show(screen: Screen): void {
  for (const s of ['login', 'signup', 'reset'] as Screen[]) $(`${s}-form`).hidden = s !== screen;
}
document.querySelectorAll<HTMLButtonElement>('[data-go]').forEach((b) => b.addEventListener('click', () => show(b.dataset.go as Screen)));

/**
 * POSTs to an auth endpoint (no token); a refusal or a lost connection throws a {@link Refused}
 * whose message is the Chinese of the shared mapping ({@link inChinese}).
 */
async function postJson<T>(path: string, body: unknown, doing: Doing): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new Refused(NETWORK_DOWN, doing);
  }
  if (!res.ok) throw new Refused(await problemOf(res), doing);
  return (await res.json()) as T;
}

/** What went wrong, in Chinese, for any error an auth call threw. */
const refusal = (e: unknown, doing: Doing): string => (e instanceof Refused ? e.message : inChinese(problemIn(e), doing));

/** "获取验证码" for one form: asks for a code, then counts down until the next may be asked for. */
function codeButton(form: 'signup' | 'reset', purpose: 'SIGNUP' | 'RESET'): void {
  const button = $<HTMLButtonElement>(`${form}-send`);
  button.addEventListener('click', async () => {
    const phone = $<HTMLInputElement>(`${form}-phone`).value.trim();
    $(`${form}-error`).textContent = '';
    let sent: { phone: string; validForS: number; resendAfterS: number };
    try {
      sent = await postJson('/api/v1/auth/sms-codes', { phone, purpose }, 'sms');
    } catch (err) {
      $(`${form}-error`).textContent = refusal(err, 'sms');
      return;
    }
    $(`${form}-hint`).textContent = `短信已发送至 ${sent.phone}，${Math.round(sent.validForS / 60)} 分钟内有效`;
    $<HTMLInputElement>(`${form}-code`).focus();
    let left = sent.resendAfterS;
    button.disabled = true;
    const tick = setInterval(() => {
      left -= 1;
      button.textContent = left > 0 ? `${left} 秒后重发` : '重新获取';
      if (left <= 0) {
        clearInterval(tick);
        button.disabled = false;
      }
    }, 1000);
    button.textContent = `${left} 秒后重发`;
  });
}
codeButton('signup', 'SIGNUP');
codeButton('reset', 'RESET');

$<HTMLFormElement>('signup-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('signup-error').textContent = '';
  try {
    const session = await postJson<Session>('/api/v1/auth/signup', {
      phone: $<HTMLInputElement>('signup-phone').value.trim(),
      code: $<HTMLInputElement>('signup-code').value.trim(),
      password: $<HTMLInputElement>('signup-password').value,
      displayName: $<HTMLInputElement>('signup-name').value.trim(),
    }, 'signup');
    void start(keep(session));
  } catch (err) {
    $('signup-error').textContent = refusal(err, 'signup');
  }
});

$<HTMLFormElement>('reset-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('reset-error').textContent = '';
  try {
    const session = await postJson<Session>('/api/v1/auth/password-reset', {
      phone: $<HTMLInputElement>('reset-phone').value.trim(),
      code: $<HTMLInputElement>('reset-code').value.trim(),
      password: $<HTMLInputElement>('reset-password').value,
    }, 'reset');
    void start(keep(session));
  } catch (err) {
    $('reset-error').textContent = refusal(err, 'reset');
  }
});

$<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    await start(await login($<HTMLInputElement>('login-phone').value.trim(), $<HTMLInputElement>('login-password').value));
  } catch (err) {
    // session.ts's login() says 'throttled' for a 429 and 'login failed: HTTP <status>' for other refusals
    const message = err instanceof Error ? err.message : '';
    const status = message === 'throttled' ? 429 : Number(/HTTP (\d+)/.exec(message)?.[1] ?? (err instanceof TypeError ? 0 : -1));
    $('login-error').textContent = inChinese({ status: status === 400 ? 401 : status }, 'login');
  }
});

/** A staff session found on this page: kept for the dashboard, revoked should a resident sign in over it in this tab. */
let staff: Session | null = null;

/** Ends a session on the server (its refresh token); the access token runs out by itself. */
function revoke(s: Session): Promise<unknown> {
  return fetch('/api/v1/auth/logout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: s.refreshToken }),
  }).catch(() => undefined);
}

async function start(session: Session): Promise<void> {
  const lost = (): void => {
    clearSession();
    location.reload();
  };
  if (session.role !== 'RESIDENT') {
    // the page is the residents'; the command center's roles have the dashboard (and /user/queue/cases is
    // not theirs). Their session stays as it is: the dashboard is on this origin and reads the same
    // sessionStorage, so the link opens it signed in.
    staff = session;
    $('login-error').innerHTML = session.role === 'PATROL'
      ? '您已是平安联盟队员，请进入 <a href="/patrol.html" data-testid="to-patrol">巡逻页面</a>。'
      : '此页面供居民使用。您已用工作人员账号登录，请进入 <a href="/" data-testid="to-dashboard">指挥中心页面</a>。';
    show('login');
    return;
  }
  if (staff && staff.refreshToken !== session.refreshToken) {
    // a resident signed in over a staff session in this tab: the staff one is no longer kept anywhere
    void revoke(staff);
    staff = null;
  }
  const keeper = new SessionKeeper(session, lost);
  if (keeper.expired()) await keeper.renew();
  const api = new ResidentApi(keeper, lost);
  // who the resident is: their own requests are the ones they filed (reporter), the others they follow
  const me = session.username || (await api.me().catch(() => null))?.username || '';
  $('auth').hidden = true;
  $('app').hidden = false;
  $('who').textContent = session.displayName;

  const mine = new MyCases(api, me, $('mine'), $('mine-empty'), $('mine-error'), $('view-detail'), $('mine-badge'));
  const form = new FileForm(api, session.areaId, (filed: WhistleCase) => {
    mine.upsert(filed);
    tab('mine');
    void mine.open(filed.id);
  });

  const matters = new Matters(api, $('view-matters'));
  const village = new Village(api, $('view-village'));
  const alliance = new AllianceApplication(api, $('view-alliance'), me);
  type Tab = 'file' | 'mine' | 'matters' | 'village' | 'alliance';
  const tab = (which: Tab): void => {
    $('view-file').hidden = which !== 'file';
    $('view-mine').hidden = which !== 'mine';
    $('view-matters').hidden = which !== 'matters';
    $('view-village').hidden = which !== 'village';
    $('view-alliance').hidden = which !== 'alliance';
    if (which === 'alliance') void alliance.show();
    if (which === 'matters') {
      $('matters-badge').hidden = true;
      void matters.list();
    }
    if (which === 'village') {
      $('village-badge').hidden = true;
      void village.show();
    }
    $('view-detail').hidden = true;
    $('submit').hidden = which !== 'file';
    document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === which));
    if (which === 'file') form.shown();
  };
  mine.onOpen = () => {
    $('view-mine').hidden = true;
    $('view-file').hidden = true;
    $('view-matters').hidden = true;
    $('view-village').hidden = true;
    $('view-alliance').hidden = true;
    $('submit').hidden = true;
    $('view-detail').hidden = false;
  };
  mine.onBack = () => tab('mine');
  document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.addEventListener('click', () => tab(b.dataset.tab as Tab)));
  $('submit').addEventListener('click', () => void form.submit());
  $('logout').addEventListener('click', () => void revoke(keeper.session).finally(lost));

  const live = new Live(
    keeper.token,
    {
      '/user/queue/cases': (body) => mine.upsert(body as WhistleCase),
      // 五事工作法: a resolution of the community made public (决议公开) marks the 议事 tab
      // 村务: the compact's alerts to the household (compact-*) and mediation's (mediation-*, dispute-*) are
      // shown on the 村务 tab and mark it
      '/user/queue/alerts': (body) => {
        const kind = (body as { kind?: string }).kind;
        if (kind === 'proposal-resolution' && $('view-matters').hidden) $('matters-badge').hidden = false;
        if (isVillageAlert(kind)) {
          village.notice(body as VillageAlert);
          if ($('view-village').hidden) $('village-badge').hidden = false;
        }
      },
    },
    (s) => ($('conn').dataset.state = s),
    () => void mine.reload(),
  );
  live.start();
  keeper.onRenewed((s) => live.renew(s.accessToken));
  await Promise.all([form.load(), mine.reload()]);
  tab('file');
  document.body.dataset.ready = 'true';
}

const saved = savedSession();
if (saved) void start(saved);
