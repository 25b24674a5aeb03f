import type { Api } from './api';
import { esc } from './html';
import type { Case } from './rest';

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
const STATUS: Record<string, string> = {
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
function when(iso: string): string {
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

/**
 * 我的诉求: the resident's requests, newest first, with their status in words and the deadline that
 * applies now; a tap opens the detail: the timeline, who handles it, the grid worker's phone,
 * photos, and what the resident may do (evaluate, withdraw, remind). Changes arrive live.
 */
export class MyCases {
  private readonly cases = new Map<number, WhistleCase>();
  private openId: number | null = null;
  private readonly photoUrls: string[] = [];
  onOpen: () => void = () => {};
  onBack: () => void = () => {};

  constructor(
    private readonly api: Api,
    private readonly list: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly detail: HTMLElement,
    private readonly badge: HTMLElement,
  ) {
    setInterval(() => this.render(), 60_000); // overdue marks move on
  }

  async reload(): Promise<void> {
    const page = await this.api.get<{ items: WhistleCase[] }>('/api/v1/cases?limit=200');
    this.cases.clear();
    page.items.forEach((c) => this.cases.set(c.id, c));
    this.render();
    if (this.openId != null) void this.open(this.openId);
  }

  /** A request as the live feed (or filing) delivers it; the open detail follows. */
  upsert(c: WhistleCase): void {
    this.cases.set(c.id, c);
    this.render();
    if (this.openId === c.id && !this.detail.hidden) this.showDetail(c.timeline ? c : { ...c, timeline: this.cases.get(c.id)?.timeline });
  }

  private render(): void {
    const sorted = [...this.cases.values()].sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
    this.empty.hidden = sorted.length > 0;
    const waiting = sorted.filter((c) => c.status === 'HANDLED').length;
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
          (c.status === 'HANDLED' ? '<span class="r-tag act">请评价</span>' : '') +
          '</div>';
        li.addEventListener('click', () => void this.open(c.id));
        return li;
      }),
    );
  }

  async open(id: number): Promise<void> {
    this.openId = id;
    const c = await this.api.get<WhistleCase>(`/api/v1/cases/${id}`);
    this.cases.set(c.id, c);
    this.showDetail(c);
    this.onOpen();
  }

  private showDetail(c: WhistleCase): void {
    this.photoUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    const d = deadline(c);
    const parts: string[] = [
      `<button type="button" class="r-back" data-testid="back">‹ 我的诉求</button>`,
      `<h2>${esc(c.categoryName ?? c.category)} <span class="r-status" data-testid="detail-status">${esc(statusOf(c))}</span></h2>`,
      `<p class="r-meta"><span data-testid="detail-ref">${esc(c.ref)}</span> · ${when(c.submittedAt)} 提交</p>`,
      `<p class="r-desc">${esc(c.description)}</p>`,
    ];
    if (d) {
      parts.push(`<p class="r-due-line ${overdue(c) ? 'late' : ''}" data-testid="detail-due">${d.label}：${when(d.due)}` +
        `${c.deadlineProvisional ? '<em class="r-tag" title="该年度工作日历尚未正式发布，时限按法定节假日推算">暂定</em>' : ''}` +
        `${overdue(c) ? ' <b class="r-late">已超时</b>' : ''}</p>`);
    }
    const who: string[] = [];
    if (c.holderName) who.push(`<div><span>承办单位</span><b data-testid="holder">${esc(c.holderName)}</b></div>`);
    if (c.assigneeName) {
      who.push(`<div><span>网格员</span><b data-testid="assignee">${esc(c.assigneeName)}</b>` +
        (c.assigneePhone ? ` <a class="r-call" href="tel:${encodeURIComponent(c.assigneePhone)}" data-testid="assignee-phone">📞 ${esc(c.assigneePhone)}</a>` : '') + '</div>');
    }
    if (who.length) parts.push(`<div class="r-who">${who.join('')}</div>`);
    if (c.rejectReason) parts.push(`<p class="r-notice" data-testid="reject-reason">不予受理：${esc(c.rejectReason)}</p>`);
    if (c.mergedIntoRef) {
      parts.push(`<p class="r-notice" data-testid="merged-into">该诉求与 ${esc(c.mergedIntoRef)} 反映的是同一件事，已合并办理，请关注该诉求。` +
        (c.mergedInto ? ` <button type="button" class="r-link" data-merged="${c.mergedInto}">查看</button>` : '') + '</p>');
    }
    if (c.closeReason === 'NOT_EVALUATED') parts.push('<p class="r-notice">处置后未在规定时间内评价，系统已自动办结。</p>');
    if (c.photos?.length) parts.push('<div class="r-photos" data-testid="detail-photos"></div>');
    parts.push(this.actions(c));
    parts.push('<h3>办理过程</h3><ol class="r-timeline" data-testid="timeline">' +
      (c.timeline ?? []).map((s) => `<li><time>${when(s.at)}</time><b>${esc(s.actorName ?? s.actor)}</b>` +
        `<span class="r-step">${esc(STATUS[s.status] ?? s.status)}</span>${s.note ? `<p>${esc(s.note)}</p>` : ''}</li>`).reverse().join('') + '</ol>');
    this.detail.innerHTML = parts.join('');
    this.detail.dataset.caseId = String(c.id);
    this.detail.dataset.status = c.status;
    this.detail.querySelector('[data-testid=back]')!.addEventListener('click', () => {
      this.openId = null;
      this.onBack();
    });
    this.detail.querySelector<HTMLButtonElement>('[data-merged]')?.addEventListener('click', (e) => {
      void this.open(Number((e.target as HTMLElement).dataset.merged));
    });
    this.wireActions(c);
    void this.showPhotos(c);
  }

  private async showPhotos(c: WhistleCase): Promise<void> {
    const box = this.detail.querySelector('.r-photos');
    if (!box || !c.photos) return;
    for (const p of c.photos) {
      const figure = document.createElement('figure');
      const img = document.createElement('img');
      img.alt = p.stageLabel;
      img.title = `${p.stageLabel} · ${when(p.at)}`;
      img.dataset.testid = 'detail-photo';
      img.dataset.stage = p.stage;
      const caption = document.createElement('figcaption');
      caption.textContent = p.stageLabel;
      figure.append(img, caption);
      box.append(figure);
      try {
        // the platform's photos need the bearer token; an external media URL is shown as it is
        if (p.url.startsWith('/')) {
          const u = await this.api.photoUrl(p.url);
          this.photoUrls.push(u);
          img.src = u;
        } else {
          img.src = p.url;
        }
      } catch {
        img.alt = `${p.stageLabel}（无法显示）`;
      }
    }
  }

  private actions(c: WhistleCase): string {
    const out: string[] = ['<div class="r-actions">'];
    if (c.status === 'HANDLED') {
      out.push(`<form class="r-eval" data-testid="evaluate-form"><h3>评价办理结果</h3>
        <div class="r-choice" data-name="resolved"><button type="button" data-value="true" data-testid="eval-resolved">✅ 已解决</button><button type="button" data-value="false" data-testid="eval-unresolved">❌ 未解决</button></div>
        <div class="r-choice" data-name="satisfaction"><button type="button" data-value="SATISFIED" data-testid="eval-satisfied">😊 满意</button><button type="button" data-value="BASICALLY_SATISFIED" data-testid="eval-basic">🙂 基本满意</button><button type="button" data-value="DISSATISFIED" data-testid="eval-dissatisfied">🙁 不满意</button></div>
        <textarea name="note" rows="2" maxlength="500" placeholder="还想说点什么？（可不填）" data-testid="eval-note"></textarea>
        <button type="submit" class="r-primary" data-testid="eval-submit">提交评价</button></form>`);
    }
    if (c.status === 'DISPATCHED') {
      out.push('<button type="button" class="r-secondary" data-act="withdraw" data-testid="withdraw">撤回诉求</button>' +
        '<button type="button" class="r-danger" data-act="withdraw-confirm" hidden data-testid="withdraw-confirm">确认撤回（撤回后不再办理）</button>');
    }
    if (overdue(c)) {
      out.push(remindable(c)
        ? '<button type="button" class="r-secondary" data-act="remind" data-testid="remind">⏰ 催办</button>'
        : '<p class="r-hint">今天已催办过，明天可再催</p>');
    }
    out.push('<p class="r-error" role="alert" data-testid="action-error"></p></div>');
    return out.join('');
  }

  private wireActions(c: WhistleCase): void {
    const root = this.detail;
    const error = root.querySelector<HTMLElement>('[data-testid=action-error]')!;
    const act = async (action: string, body: unknown): Promise<void> => {
      error.textContent = '';
      try {
        this.upsert(await this.api.post<WhistleCase>(`/api/v1/cases/${c.id}/${action}`, body));
        await this.open(c.id);
      } catch (e) {
        error.textContent = `操作未成功：${(e as Error).message}`;
      }
    };
    root.querySelector('[data-act=withdraw]')?.addEventListener('click', () => {
      root.querySelector<HTMLElement>('[data-act=withdraw-confirm]')!.hidden = false;
    });
    root.querySelector('[data-act=withdraw-confirm]')?.addEventListener('click', () => void act('withdraw', {}));
    root.querySelector('[data-act=remind]')?.addEventListener('click', () => void act('remind', {}));
    const form = root.querySelector<HTMLFormElement>('.r-eval');
    if (!form) return;
    const chosen: Record<string, string> = {};
    form.querySelectorAll<HTMLElement>('.r-choice').forEach((group) =>
      group.querySelectorAll<HTMLButtonElement>('button').forEach((b) =>
        b.addEventListener('click', () => {
          chosen[group.dataset.name!] = b.dataset.value!;
          group.querySelectorAll('button').forEach((x) => x.classList.toggle('chosen', x === b));
        }),
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!chosen.resolved || !chosen.satisfaction) {
        error.textContent = '请选择是否解决和满意程度';
        return;
      }
      const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
      void act('evaluate', { resolved: chosen.resolved === 'true', satisfaction: chosen.satisfaction, ...(note ? { note } : {}) });
    });
  }
}
