import { Api, ApiProblem } from './api';

/** One bad field of a problem document, as the API names it (`lon`, `photos[2]`, `code`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A refusal as the residents' page keeps it: the HTTP status (0 when the request never reached the
 * server), the RFC 9457 problem document's fields and whatever extension members it carries, and
 * the Retry-After header in seconds.
 */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: FieldError[];
  retryAfter?: number;
  [extension: string]: unknown;
}

/** The request never got an answer (no network, the server unreachable). */
export const NETWORK_DOWN: Problem = { status: 0 };

/** What the resident was doing when refused: the same status means different things to them. */
export type Doing =
  | 'sms' // 获取验证码
  | 'signup'
  | 'reset'
  | 'login'
  | 'file' // 一键吹响
  | 'photo' // a photo upload
  | 'evaluate'
  | 'withdraw'
  | 'remind'
  | 'report' // a grid worker's 上报处置 (the patrol page's 我的诉求)
  | 'read'; // loading a list, a case, the catalogue

export const FALLBACK = '操作失败，请稍后再试';

/** The problem document of a refused response (an unreadable body leaves only the status). */
export async function problemOf(res: Response): Promise<Problem> {
  const body = (await res.json().catch(() => ({}))) as Partial<Problem> | null;
  const wait = Number(res.headers.get('Retry-After'));
  return {
    ...(body && typeof body === 'object' ? body : {}),
    status: res.status,
    ...(Number.isFinite(wait) && wait > 0 ? { retryAfter: wait } : {}),
  };
}

/** A refusal thrown by the residents' calls: the message is already in Chinese; the problem stays for a closer reading. */
export class Refused extends Error {
  constructor(readonly problem: Problem, doing: Doing = 'read') {
    super(inChinese(problem, doing));
    this.name = 'Refused';
  }
}

/** The problem of anything a call threw: a refusal's own, the network's for a fetch that failed, else an unknown one. */
export function problemIn(e: unknown): Problem {
  if (e instanceof Refused) return e.problem;
  if (e instanceof TypeError) return NETWORK_DOWN; // fetch() rejects with a TypeError when there is no answer
  return { status: -1 };
}

const GRID = '所选位置不在本平台服务的网格内，请在地图上调整位置';
const PHOTO_FORMAT = '请上传 JPG、PNG 或 WebP 格式的照片';
const PHOTO_SIZE = '照片太大（最大10MB）';
const CHANGED = '该诉求状态已变化，请刷新后再试';
const BUSY = '服务繁忙，请稍后再试';

/** A wrong SMS code: what the resident does next. */
function codeRefusal(p: Problem, e: FieldError): string {
  // structured members first, should the server send them (RFC 9457 extensions); today it sends only
  // the field's message (VerificationCodes.Redeemed#refusal), read as the fallback below
  const left = [p.attemptsLeft, p.triesLeft, (e as unknown as Record<string, unknown>).attemptsLeft].find((v) => typeof v === 'number') as number | undefined;
  const outcome = [p.outcome, p.reason, (e as unknown as Record<string, unknown>).outcome].find((v) => typeof v === 'string') as string | undefined;
  switch (outcome?.toUpperCase()) {
    case 'WRONG':
      return left != null && left > 0 ? `验证码不对，还可以试 ${left} 次` : '验证码错误次数太多，请重新获取';
    case 'EXPIRED':
      return '验证码已过期，请重新获取';
    case 'EXHAUSTED':
      return '验证码错误次数太多，请重新获取';
    case 'NONE':
      return '请先获取验证码';
  }
  if (left != null) return left > 0 ? `验证码不对，还可以试 ${left} 次` : '验证码错误次数太多，请重新获取';
  const m = (e.message ?? '').toLowerCase();
  const tries = /(\d+) more tr(?:y|ies)/.exec(m);
  if (tries) return `验证码不对，还可以试 ${tries[1]} 次`;
  if (m.includes('expired')) return '验证码已过期，请重新获取';
  if (m.includes('too many') || m.includes('last try')) return '验证码错误次数太多，请重新获取';
  if (m.includes('no code')) return '请先获取验证码';
  return '请填写短信里的 6 位验证码';
}

/** A bad field in words; null for a field the page does not know (the status then decides). */
function fieldRefusal(p: Problem, e: FieldError, doing: Doing, photoNumber: (i: number) => number): string | null {
  const field = e.field.replace(/^body\./, '');
  const photo = /^photos\[(\d+)\]/.exec(field);
  if (photo) return `第 ${photoNumber(Number(photo[1]))} 张照片无法使用，请删除后重新上传`;
  switch (field) {
    case 'phone':
      return p.status === 409 ? '该号码已注册，请直接登录' : '请填写正确的 11 位手机号';
    case 'password':
      return '密码需 8 到 64 位';
    case 'displayName':
      return '请填写您的称呼（最多 32 字）';
    case 'code':
      return codeRefusal(p, e);
    case 'lon':
    case 'lat':
    case 'crs':
      return GRID;
    case 'category':
      return '请选择诉求分类';
    case 'description':
      return '请说说情况（不超过2000字）';
    case 'photos':
      return '照片无法使用，请删除后重新上传';
    case 'photo':
    case 'Content-Type':
      if (p.status === 413) return PHOTO_SIZE;
      // one field, two causes: too many uploads waiting to be filed, or not a picture the platform takes
      if (/not yet attached/i.test(e.message ?? '')) return '未提交的照片太多，请先提交诉求再上传';
      return PHOTO_FORMAT;
    case 'resolved':
    case 'satisfaction':
      return '请选择是否解决和满意程度';
    case 'note':
      return doing === 'evaluate' ? '评价留言不超过500字' : doing === 'report' ? '请填写处置情况' : null;
    case 'photoStage':
      return '请选择照片是处置前还是处置后拍的';
    case 'acceptDue':
    case 'resolveDue':
      return doing === 'remind' && p.status === 409 ? '还没到时限，超过时限后才能催办' : CHANGED;
    case 'status':
      return CHANGED;
    default:
      return null;
  }
}

/**
 * A refusal in the words a resident reads, by what they were doing, the status and the field the
 * problem names; never the server's English. The one mapping for every screen of the page.
 *
 * @param photoNumber the number (from 1) the resident sees for the photo the request sent at index i
 */
export function inChinese(p: Problem, doing: Doing, photoNumber: (i: number) => number = (i) => i + 1): string {
  if (p.status === 0) return '网络连接失败，请检查网络';
  if (p.status === 429) {
    if (doing === 'remind') return '今天已经催办过了，明天可再次催办';
    if (doing === 'login') return '尝试次数太多，请稍后再试';
    if (doing === 'sms') {
      const wait = p.retryAfter ?? 60;
      return wait > 3600 ? '今天发送次数已用完，请明天再试' : `发送太频繁，请 ${wait} 秒后再试`;
    }
    return '操作太频繁，请稍后再试';
  }
  if (p.status === 413) return PHOTO_SIZE;
  if (p.status === 415) return PHOTO_FORMAT;
  if (p.status === 503) return doing === 'sms' ? '短信暂时发不出去，请稍后再试' : BUSY;
  if (p.status >= 500) return BUSY;
  if (p.status === 401) return doing === 'login' ? '手机号或密码不对' : '登录已过期，请重新登录';
  for (const e of p.errors ?? []) {
    const words = fieldRefusal(p, e, doing, photoNumber);
    if (words) return words;
  }
  switch (p.status) {
    case 409:
      return doing === 'signup' || doing === 'sms' ? '该号码已注册，请直接登录' : CHANGED;
    case 403:
      if (doing === 'report') return '只有被指派的网格员可以上报处置';
      return doing === 'evaluate' || doing === 'withdraw' || doing === 'remind' ? '只有提交诉求的居民本人可以这样做' : '没有权限进行此操作';
    case 404:
      return '该诉求不存在或已无法查看';
    case 422:
      return doing === 'photo' ? PHOTO_FORMAT : FALLBACK;
    default:
      return FALLBACK;
  }
}

/**
 * The residents' calls: the dashboard's {@link Api} (bearer token, one renewal on a 401), except
 * that a refusal or a lost connection throws a {@link Refused} carrying the status and the problem
 * document, so the page can say in Chinese what went wrong.
 */
export class ResidentApi extends Api {
  /** {@link Api}'s call (the token, one renewal on a 401), its refusals as {@link Refused} for what the resident is doing. */
  private call(path: string, init: RequestInit, doing: Doing): Promise<Response> {
    return this.refusing(() => this.send(path, init), doing);
  }

  /** A call's refusal, or no answer, thrown as a {@link Refused} for what the user is doing. */
  private async refusing(call: () => Promise<Response>, doing: Doing): Promise<Response> {
    let res: Response;
    try {
      res = await call();
    } catch (e) {
      // the session ended (a second 401), or no answer at all
      throw new Refused(e instanceof ApiProblem ? { status: e.status } : NETWORK_DOWN, doing);
    }
    if (!res.ok) throw new Refused(await problemOf(res), doing);
    return res;
  }

  override async get<T>(path: string): Promise<T> {
    return (await (await this.call(path, { headers: { Accept: 'application/json' } }, 'read')).json()) as T;
  }

  /** POSTs JSON for what the resident is {@code doing}; a refusal throws a {@link Refused}. */
  async postFor<T>(path: string, body: unknown, doing: Doing): Promise<T> {
    const res = await this.call(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body ?? {}),
    }, doing);
    return (await res.json()) as T;
  }

  override post<T>(path: string, body: unknown): Promise<T> {
    return this.postFor<T>(path, body, 'read');
  }

  /** A photo for a request about to be filed or reported (POST /api/v1/case-photos, the file as it is), with its upload's progress. */
  override async casePhoto(file: Blob, onProgress?: (fraction: number) => void): Promise<{ id: number; url: string }> {
    const res = await this.refusing(() => this.sendFile('/api/v1/case-photos', file, onProgress), 'photo');
    return (await res.json()) as { id: number; url: string };
  }
}
