import { esc } from './html';
import type { Case } from './rest';
import { type Doing, inChinese, problemIn, type ResidentApi } from './whistle-api';

/** A photo of a request (CaseView.photos): uploaded ones are served by the platform, Open311's media URLs are external. */
export interface CasePhoto {
  id: number;
  url: string;
  stage: string;
  stageLabel: string;
  uploadedBy: string;
  at: string;
}

/**
 * A request as the platform shows it, with the fields issue 18 adds to CaseView (the calendar's
 * provisional deadlines, photos, the workflow's words and people); optional here until every
 * part is in the generated types.
 */
export type WhistleCase = Omit<Case, 'timeline'> & {
  timeline?: (Case['timeline'][number] & { actorName?: string })[];
} & Partial<{
    deadlineProvisional: boolean;
    photos: CasePhoto[];
    categoryName: string;
    statusLabel: string;
    levelLabel: string;
    holderName: string;
    assigneeName: string;
    assigneePhone: string;
    rejectReason: string;
    mergedInto: number;
    mergedIntoRef: string;
    closeReason: string;
    lastReminderAt: string;
  }>;

/** Where a request stands in words, should the server not say it (before the workflow's labels). */
export const STATUS: Record<string, string> = {
  DISPATCHED: '已派单',
  TAKEN: '已接单',
  ASSIGNED: '处置中',
  HANDLED: '已处置，待评价',
  CLOSED: '已办结',
  WITHDRAWN: '已撤回',
  REJECTED: '不予受理',
  MERGED: '已合并',
};
const OPEN = new Set(['DISPATCHED', 'TAKEN', 'ASSIGNED']);

const statusOf = (c: WhistleCase): string => c.statusLabel ?? STATUS[c.status] ?? c.status;

/** Asia/Shanghai, as residents read times: 12月4日 14:05. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** The deadline that applies now: taking while dispatched, resolving while being handled; none otherwise. */
function deadline(c: WhistleCase): { label: string; due: string } | null {
  if (!OPEN.has(c.status)) return null;
  return c.status === 'DISPATCHED' ? { label: '受理时限', due: c.acceptDue } : { label: '办结时限', due: c.resolveDue };
}

function overdue(c: WhistleCase, now = Date.now()): boolean {
  const d = deadline(c);
  return d != null && (c.overdue || Date.parse(d.due) < now);
}

/** A reminder (催办) may be sent once a deadline in force has passed, once a day (Asia/Shanghai). */
function remindable(c: WhistleCase): boolean {
  if (!overdue(c)) return false;
  if (!c.lastReminderAt) return true;
  const day = (iso: string | number): string => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
  return day(c.lastReminderAt) !== day(Date.now());
}

/** What a resident may do to a request (the server lets only the one who filed it: others get 403). */
type Action = 'evaluate' | 'withdraw' | 'remind';

/** A half-written evaluation, kept across redraws of the detail (live updates) until it is sent. */
interface EvalDraft {
  resolved?: string;
  satisfaction?: string;
  note: string;
}

/**
 * 我的诉求: the resident's requests, newest first, with their status in words and the deadline that
 * applies now; a tap opens the detail: the timeline, who handles it, the grid worker's phone,
 * photos, and what the resident may do (evaluate, withdraw, remind). Changes arrive live.
 *
 * The resident follows two kinds of requests: their own (the case's {@code reporter} is them) and
 * the ones a duplicate of theirs was merged into (the server sends {@code reporter: null}); only the
 * own ones may be evaluated, withdrawn or reminded.
 */
export class MyCases {
  private readonly cases = new Map<number, WhistleCase>();
  private openId: number | null = null;
  private readonly photoUrls: string[] = [];
  /** Bumped each time the photos are drawn anew: a drawing still fetching the previous ones stops. */
  private photoRound = 0;
  /** The detail on screen, part by part (the HTML each was drawn from): a live update redraws only what changed. */
  private drawn: { id: number; parts: Map<string, string>; photos: string } | null = null;
  private readonly drafts = new Map<number, EvalDraft>();
  onOpen: () => void = () => {};
  onBack: () => void = () => {};

  constructor(
    private readonly api: ResidentApi,
    private readonly me: string,
    private readonly list: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly error: HTMLElement,
    private readonly detail: HTMLElement,
    private readonly badge: HTMLElement,
  ) {
    setInterval(() => {
      // overdue marks move on (and 催办 becomes possible)
      this.render();
      const c = this.openId != null ? this.cases.get(this.openId) : undefined;
      if (c && !this.detail.hidden) this.showDetail(c);
    }, 60_000);
  }

  /** The resident filed it (rather than following it because their duplicate was merged into it). */
  private own(c: WhistleCase): boolean {
    return this.me !== '' && c.reporter === this.me;
  }

  async reload(): Promise<void> {
    let page: { items: WhistleCase[] };
    try {
      page = await this.api.get<{ items: WhistleCase[] }>('/api/v1/cases?limit=200');
    } catch (e) {
      this.error.textContent = inChinese(problemIn(e), 'read');
      return;
    }
    this.error.textContent = '';
    this.cases.clear();
    page.items.forEach((c) => this.cases.set(c.id, c));
    this.render();
    if (this.openId != null) void this.open(this.openId);
  }

  /** A request as the live feed (or filing) delivers it; the open detail follows. */
  upsert(c: WhistleCase): void {
    const known = this.cases.get(c.id);
    const full = c.timeline ? c : { ...c, timeline: known?.timeline };
    this.cases.set(c.id, full);
    this.render();
    if (this.openId === c.id && !this.detail.hidden) this.showDetail(full);
  }

  private render(): void {
    const sorted = [...this.cases.values()].sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
    this.empty.hidden = sorted.length > 0;
    const waiting = sorted.filter((c) => c.status === 'HANDLED' && this.own(c)).length;
    this.badge.hidden = waiting === 0;
    this.badge.textContent = String(waiting);
    this.list.replaceChildren(
      ...sorted.map((c) => {
        const li = document.createElement('li');
        const d = deadline(c);
        const late = overdue(c);
        li.className = `r-case ${late ? 'late' : ''} s-${c.status.toLowerCase()}`;
        li.dataset.testid = 'my-case';
        li.dataset.caseRef = c.ref;
        li.dataset.status = c.status;
        li.innerHTML =
          `<div class="r-row"><b>${esc(c.categoryName ?? c.category)}</b><span class="r-status" data-testid="my-case-status">${esc(statusOf(c))}</span></div>` +
          `<p>${esc(c.description)}</p>` +
          `<div class="r-meta"><span>${esc(c.ref)}</span>` +
          (d ? `<span class="r-due">${d.label} ${when(d.due)}${c.deadlineProvisional ? '<em class="r-tag">暂定</em>' : ''}</span>` : '') +
          (late ? '<span class="r-late" data-testid="overdue">已超时</span>' : '') +
          (c.status === 'HANDLED' && this.own(c) ? '<span class="r-tag act">请评价</span>' : '') +
          (this.own(c) ? '' : '<span class="r-tag" data-testid="followed">合并办理</span>') +
          '</div>';
        li.addEventListener('click', () => void this.open(c.id));
        return li;
      }),
    );
  }

  async open(id: number): Promise<void> {
    this.openId = id;
    let c: WhistleCase;
    try {
      c = await this.api.get<WhistleCase>(`/api/v1/cases/${id}`);
    } catch (e) {
      const words = inChinese(problemIn(e), 'read');
      const inDetail = this.detail.querySelector<HTMLElement>('[data-testid=action-error]');
      if (!this.detail.hidden && this.drawn?.id === id && inDetail) inDetail.textContent = words;
      else this.error.textContent = words;
      return;
    }
    if (this.openId !== id) return; // the resident went elsewhere meanwhile
    this.cases.set(c.id, c);
    this.render();
    this.showDetail(c);
    this.onOpen();
  }

  /** The detail's parts, in order, as HTML; `error` is drawn once (an action's refusal stays until the next action). */
  private parts(c: WhistleCase): [string, string][] {
    const d = deadline(c);
    const notices: string[] = [];
    if (!this.own(c)) {
      notices.push('<p class="r-notice" data-testid="followed-notice">您反映的问题已与此诉求合并办理，办理进展会同步通知您。</p>');
    }
    if (c.rejectReason) notices.push(`<p class="r-notice" data-testid="reject-reason">不予受理：${esc(c.rejectReason)}</p>`);
    if (c.mergedIntoRef) {
      notices.push(`<p class="r-notice" data-testid="merged-into">该诉求与 ${esc(c.mergedIntoRef)} 反映的是同一件事，已合并办理，请关注该诉求。` +
        (c.mergedInto ? ` <button type="button" class="r-link" data-merged="${c.mergedInto}">查看</button>` : '') + '</p>');
    }
    if (c.closeReason === 'NOT_EVALUATED') notices.push('<p class="r-notice">处置后未在规定时间内评价，系统已自动办结。</p>');
    const who: string[] = [];
    if (c.holderName) who.push(`<div><span>承办单位</span><b data-testid="holder">${esc(c.holderName)}</b></div>`);
    if (c.assigneeName) {
      who.push(`<div><span>网格员</span><b data-testid="assignee">${esc(c.assigneeName)}</b>` +
        (c.assigneePhone ? ` <a class="r-call" href="tel:${encodeURIComponent(c.assigneePhone)}" data-testid="assignee-phone">📞 ${esc(c.assigneePhone)}</a>` : '') + '</div>');
    }
    return [
      ['head', `<button type="button" class="r-back" data-testid="back">‹ 我的诉求</button>` +
        `<h2>${esc(c.categoryName ?? c.category)} <span class="r-status" data-testid="detail-status">${esc(statusOf(c))}</span></h2>` +
        `<p class="r-meta"><span data-testid="detail-ref">${esc(c.ref)}</span> · ${when(c.submittedAt)} 提交</p>` +
        `<p class="r-desc">${esc(c.description)}</p>`],
      ['due', d ? `<p class="r-due-line ${overdue(c) ? 'late' : ''}" data-testid="detail-due">${d.label}：${when(d.due)}` +
        `${c.deadlineProvisional ? '<em class="r-tag" title="该年度工作日历尚未正式发布，时限按法定节假日推算">暂定</em>' : ''}` +
        `${overdue(c) ? ' <b class="r-late">已超时</b>' : ''}</p>` : ''],
      ['who', who.length ? `<div class="r-who">${who.join('')}</div>` : ''],
      ['notices', notices.join('')],
      ['photos', c.photos?.length ? '<div class="r-photos" data-testid="detail-photos"></div>' : ''],
      ['actions', this.actions(c)],
      ['error', '<p class="r-error" role="alert" data-testid="action-error"></p>'],
      ['timeline', '<h3>办理过程</h3><ol class="r-timeline" data-testid="timeline">' +
        (c.timeline ?? []).map((s) => `<li><time>${when(s.at)}</time><b>${esc(s.actorName ?? s.actor)}</b>` +
          `<span class="r-step">${esc(STATUS[s.status] ?? s.status)}</span>${s.note ? `<p>${esc(s.note)}</p>` : ''}</li>`).reverse().join('') + '</ol>'],
    ];
  }

  /**
   * Draws the detail. Another case is drawn whole; the same case (a live update, a refresh) only in
   * the parts whose HTML changed, so a half-written evaluation, the focus in its comment and the
   * photos already shown stay as they are.
   */
  private showDetail(c: WhistleCase): void {
    const parts = this.parts(c);
    const photoKey = JSON.stringify((c.photos ?? []).map((p) => [p.id, p.url]));
    const same = this.drawn?.id === c.id;
    if (!same) {
      this.detail.replaceChildren(...parts.map(([name]) => {
        const div = document.createElement('div');
        div.dataset.part = name;
        return div;
      }));
      this.drawn = { id: c.id, parts: new Map(), photos: '' };
    }
    const drawn = this.drawn!;
    for (const [name, html] of parts) {
      if (drawn.parts.get(name) === html && !(name === 'photos' && drawn.photos !== photoKey)) continue;
      const box = this.detail.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
      box.innerHTML = html;
      drawn.parts.set(name, html);
      this.wire(name, box, c);
    }
    this.detail.dataset.caseId = String(c.id);
    this.detail.dataset.status = c.status;
    if (drawn.photos !== photoKey) {
      drawn.photos = photoKey;
      void this.showPhotos(c);
    }
  }

  /** The listeners of a part just drawn. */
  private wire(part: string, box: HTMLElement, c: WhistleCase): void {
    if (part === 'head') {
      box.querySelector('[data-testid=back]')!.addEventListener('click', () => {
        this.openId = null;
        this.onBack();
      });
    } else if (part === 'notices') {
      box.querySelector<HTMLButtonElement>('[data-merged]')?.addEventListener('click', (e) => {
        void this.open(Number((e.target as HTMLElement).dataset.merged));
      });
    } else if (part === 'actions') {
      this.wireActions(box, c.id);
    }
  }

  private async showPhotos(c: WhistleCase): Promise<void> {
    const round = ++this.photoRound;
    this.photoUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    const box = this.detail.querySelector('.r-photos');
    if (!box || !c.photos) return;
    box.replaceChildren();
    for (const p of c.photos) {
      if (round !== this.photoRound) return;
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      caption.textContent = p.stageLabel;
      // uploaded to the platform (an id, a path of this origin): served with the resident's bearer token, so fetched as a blob
      if (p.id > 0 && /^\/(?![/\\])/.test(p.url)) {
        const img = document.createElement('img');
        img.alt = p.stageLabel;
        img.title = `${p.stageLabel} · ${when(p.at)}`;
        img.dataset.testid = 'detail-photo';
        img.dataset.stage = p.stage;
        figure.append(img, caption);
        box.append(figure);
        try {
          const u = await this.api.photoUrl(p.url);
          if (round !== this.photoRound) {
            URL.revokeObjectURL(u);
            return;
          }
          this.photoUrls.push(u);
          img.src = u;
        } catch {
          img.alt = `${p.stageLabel}（无法显示）`;
        }
      } else {
        // an external media URL (Open311): never fetched with the token, only offered as a link, and only a web one
        figure.className = 'r-external';
        figure.dataset.testid = 'detail-photo-link';
        if (/^https?:\/\//i.test(p.url)) {
          const a = document.createElement('a');
          a.href = p.url;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.referrerPolicy = 'no-referrer';
          a.textContent = '🔗 查看照片';
          figure.append(a, caption);
        } else {
          const span = document.createElement('span');
          span.textContent = '照片链接无效';
          figure.append(span, caption);
        }
        box.append(figure);
      }
    }
  }

  private actions(c: WhistleCase): string {
    if (!this.own(c)) return '';
    const out: string[] = ['<div class="r-actions">'];
    if (c.status === 'HANDLED') {
      out.push(`<form class="r-eval" data-testid="evaluate-form"><h3>评价办理结果</h3>
        <div class="r-choice" data-name="resolved"><button type="button" data-value="true" data-testid="eval-resolved">✅ 已解决</button><button type="button" data-value="false" data-testid="eval-unresolved">❌ 未解决</button></div>
        <div class="r-choice" data-name="satisfaction"><button type="button" data-value="SATISFIED" data-testid="eval-satisfied">😊 满意</button><button type="button" data-value="BASICALLY_SATISFIED" data-testid="eval-basic">🙂 基本满意</button><button type="button" data-value="DISSATISFIED" data-testid="eval-dissatisfied">🙁 不满意</button></div>
        <textarea name="note" rows="2" maxlength="500" placeholder="还想说点什么？（可不填）" data-testid="eval-note"></textarea>
        <button type="submit" class="r-primary" data-testid="eval-submit">提交评价</button></form>`);
    }
    // withdrawn only while nobody has taken it: an escalated case is DISPATCHED again, but was taken
    if (c.status === 'DISPATCHED' && !c.takenAt) {
      out.push('<button type="button" class="r-secondary" data-act="withdraw" data-testid="withdraw">撤回诉求</button>' +
        '<button type="button" class="r-danger" data-act="withdraw-confirm" hidden data-testid="withdraw-confirm">确认撤回（撤回后不再办理）</button>');
    }
    if (overdue(c)) {
      out.push(remindable(c)
        ? '<button type="button" class="r-secondary" data-act="remind" data-testid="remind">⏰ 催办</button>'
        : '<p class="r-hint">今天已催办过，明天可再催</p>');
    }
    out.push('</div>');
    return out.join('');
  }

  private wireActions(root: HTMLElement, id: number): void {
    const error = (): HTMLElement => this.detail.querySelector<HTMLElement>('[data-testid=action-error]')!;
    const act = async (action: Action, body: unknown): Promise<void> => {
      error().textContent = '';
      try {
        this.upsert(await this.api.postFor<WhistleCase>(`/api/v1/cases/${id}/${action}`, body, action as Doing));
        if (action === 'evaluate') this.drafts.delete(id);
        await this.open(id);
      } catch (e) {
        const problem = problemIn(e);
        // the case moved on meanwhile (someone took it, it was merged…): show it as it is now, then say why
        if (problem.status === 409 || problem.status === 403) await this.open(id);
        error().textContent = inChinese(problem, action);
      }
    };
    root.querySelector('[data-act=withdraw]')?.addEventListener('click', () => {
      root.querySelector<HTMLElement>('[data-act=withdraw-confirm]')!.hidden = false;
    });
    root.querySelector('[data-act=withdraw-confirm]')?.addEventListener('click', () => void act('withdraw', {}));
    root.querySelector('[data-act=remind]')?.addEventListener('click', () => void act('remind', {}));
    const form = root.querySelector<HTMLFormElement>('.r-eval');
    if (!form) return;
    // the draft survives a redraw of this part (the form comes back as the resident left it)
    const draft = this.drafts.get(id) ?? { note: '' };
    this.drafts.set(id, draft);
    const note = form.elements.namedItem('note') as HTMLTextAreaElement;
    note.value = draft.note;
    note.addEventListener('input', () => (draft.note = note.value));
    form.querySelectorAll<HTMLElement>('.r-choice').forEach((group) => {
      const name = group.dataset.name as 'resolved' | 'satisfaction';
      group.querySelectorAll<HTMLButtonElement>('button').forEach((b) => {
        b.classList.toggle('chosen', draft[name] === b.dataset.value);
        b.addEventListener('click', () => {
          draft[name] = b.dataset.value!;
          group.querySelectorAll('button').forEach((x) => x.classList.toggle('chosen', x === b));
        });
      });
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!draft.resolved || !draft.satisfaction) {
        error().textContent = '请选择是否解决和满意程度';
        return;
      }
      const text = draft.note.trim();
      void act('evaluate', { resolved: draft.resolved === 'true', satisfaction: draft.satisfaction, ...(text ? { note: text } : {}) });
    });
  }
}
