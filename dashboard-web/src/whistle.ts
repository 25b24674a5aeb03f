import './style.css';
import './whistle.css';
import { Api } from './api';
import { Live } from './live';
import type { Session } from './rest';
import { clearSession, keep, login, savedSession, SessionKeeper } from './session';
import { FileForm } from './whistle-file';
import { MyCases, type WhistleCase } from './whistle-cases';

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

/** A refusal of the auth endpoints, in words a resident reads. */
async function refusal(res: Response): Promise<string> {
  const p = (await res.json().catch(() => ({}))) as { errors?: { field: string; message: string }[] };
  if (res.status === 429) {
    const wait = Number(res.headers.get('Retry-After') ?? '60');
    return wait > 3600 ? '今天发送次数已用完，请明天再试' : `发送太频繁，请 ${wait} 秒后再试`;
  }
  if (res.status === 409) return '该号码已注册，请直接登录';
  if (res.status === 503) return '短信暂时发不出去，请稍后再试';
  const e = p.errors?.[0];
  if (!e) return `出错了（${res.status}），请稍后再试`;
  switch (e.field) {
    case 'phone':
      return '请填写正确的 11 位手机号';
    case 'password':
      return '密码需 8 到 64 位';
    case 'displayName':
      return '请填写您的称呼（最多 32 字）';
    case 'code': {
      const left = /(\d+) more tries/.exec(e.message);
      if (left) return `验证码不对，还可以试 ${left[1]} 次`;
      if (e.message.includes('expired')) return '验证码已过期，请重新获取';
      if (e.message.includes('too many') || e.message.includes('last try')) return '验证码错误次数太多，请重新获取';
      if (e.message.includes('no code')) return '请先获取验证码';
      return '请填写短信里的 6 位验证码';
    }
    default:
      return e.message;
  }
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
}

/** "获取验证码" for one form: asks for a code, then counts down until the next may be asked for. */
function codeButton(form: 'signup' | 'reset', purpose: 'SIGNUP' | 'RESET'): void {
  const button = $<HTMLButtonElement>(`${form}-send`);
  button.addEventListener('click', async () => {
    const phone = $<HTMLInputElement>(`${form}-phone`).value.trim();
    $(`${form}-error`).textContent = '';
    const res = await postJson('/api/v1/auth/sms-codes', { phone, purpose });
    if (!res.ok) {
      $(`${form}-error`).textContent = await refusal(res);
      return;
    }
    const sent = (await res.json()) as { phone: string; validForS: number; resendAfterS: number };
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
  const res = await postJson('/api/v1/auth/signup', {
    phone: $<HTMLInputElement>('signup-phone').value.trim(),
    code: $<HTMLInputElement>('signup-code').value.trim(),
    password: $<HTMLInputElement>('signup-password').value,
    displayName: $<HTMLInputElement>('signup-name').value.trim(),
  });
  if (!res.ok) {
    $('signup-error').textContent = await refusal(res);
    return;
  }
  void start(keep((await res.json()) as Session));
});

$<HTMLFormElement>('reset-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await postJson('/api/v1/auth/password-reset', {
    phone: $<HTMLInputElement>('reset-phone').value.trim(),
    code: $<HTMLInputElement>('reset-code').value.trim(),
    password: $<HTMLInputElement>('reset-password').value,
  });
  if (!res.ok) {
    $('reset-error').textContent = await refusal(res);
    return;
  }
  void start(keep((await res.json()) as Session));
});

$<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await start(await login($<HTMLInputElement>('login-phone').value.trim(), $<HTMLInputElement>('login-password').value));
  } catch (err) {
    $('login-error').textContent = (err as Error).message === 'throttled' ? '尝试次数太多，请稍后再试' : '手机号或密码不对';
  }
});

async function start(session: Session): Promise<void> {
  const lost = (): void => {
    clearSession();
    location.reload();
  };
  if (session.role !== 'RESIDENT') {
    // the page is the residents'; the command center's roles have the dashboard (and /user/queue/cases is not theirs)
    clearSession();
    $('login-error').innerHTML = '此页面供居民使用。工作人员请使用 <a href="/">指挥中心页面</a>。';
    show('login');
    return;
  }
  const keeper = new SessionKeeper(session, lost);
  if (keeper.expired()) await keeper.renew();
  const api = new Api(keeper, lost);
  $('auth').hidden = true;
  $('app').hidden = false;
  $('who').textContent = session.displayName;

  const mine = new MyCases(api, $('mine'), $('mine-empty'), $('view-detail'), $('mine-badge'));
  const form = new FileForm(api, (filed: WhistleCase) => {
    mine.upsert(filed);
    tab('mine');
    void mine.open(filed.id);
  });

  const tab = (which: 'file' | 'mine'): void => {
    $('view-file').hidden = which !== 'file';
    $('view-mine').hidden = which !== 'mine';
    $('view-detail').hidden = true;
    $('submit').hidden = which !== 'file';
    document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === which));
    if (which === 'file') form.shown();
  };
  mine.onOpen = () => {
    $('view-mine').hidden = true;
    $('view-file').hidden = true;
    $('submit').hidden = true;
    $('view-detail').hidden = false;
  };
  mine.onBack = () => tab('mine');
  document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.addEventListener('click', () => tab(b.dataset.tab as 'file' | 'mine')));
  $('submit').addEventListener('click', () => void form.submit());
  $('logout').addEventListener('click', () => {
    void fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: keeper.session.refreshToken }),
    }).finally(lost);
  });

  const live = new Live(
    keeper.token,
    { '/user/queue/cases': (body) => mine.upsert(body as WhistleCase) },
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
