import type { Api } from './api';
import type { Case, CaseAssignment } from './rest';
import type { CaseWork } from './case-actions';
import { esc, placeChildren, unchanged } from './html';
import { formatTime, t, tf } from './i18n';

/**
 * The case board, each role's working list beside the map: 待我办理 (the cases the user's unit holds, or a
 * department's own parts in hand) and 全部, overdue first, then by the deadline that applies to the user
 * (taking while dispatched, resolving after; a department its own), with a countdown. Descriptions are
 * clipped on the card; a click opens the detail: the full text, the departments' parts, leaders' 批示, the
 * photos, the timeline in words and the actions the user may take ({@link CaseWork}). Cases that ended
 * (closed, withdrawn, rejected, merged) drop off the board.
 *
 * Pushes re-render at most every 150 ms; a card is rebuilt only when its case changed (the countdown is
 * refreshed in place), so hundreds of cases stay cheap, and a card that did not change stays in the list
 * (is never detached), also across the reload after a STOMP reconnect.
 */
/** Where a case stands against its deadline: overdue, due within 4 hours, or in time. */
export type Sla = 'overdue' | 'soon' | 'ok';

export function slaOf(c: Case, now = Date.now(), due = dueOf(c)): Sla {
  const left = due - now;
  return left < 0 || (c.overdue && due === dueOf(c)) ? 'overdue' : left < 4 * 3600_000 ? 'soon' : 'ok';
}

/** The deadline in force for the unit holding the case: taking while dispatched, resolving after. */
function dueOf(c: Case): number {
  return Date.parse(c.status === 'DISPATCHED' ? c.acceptDue : c.resolveDue);
}

/** Statuses a case ends in: it leaves the board. */
const ENDED = new Set(['CLOSED', 'WITHDRAWN', 'REJECTED', 'MERGED']);

type View = 'mine' | 'all';

export class CaseBoard {
  private readonly cases = new Map<number, Case>();
  /** Each case's card, rebuilt only when the case object changes (a push replaces it). */
  private readonly cards = new WeakMap<Case, HTMLLIElement>();
  private view: View = 'mine';
  private openId: number | null = null;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  /** Told the open cases of the current view after every change (the map draws them by SLA status). */
  onRender: (cases: Case[]) => void = () => {};

  constructor(
    private readonly list: HTMLOListElement,
    private readonly counter: HTMLElement,
    private readonly detail: HTMLElement,
    private readonly tabs: HTMLElement,
    private readonly api: Api,
    private readonly work: CaseWork,
  ) {
    setInterval(() => this.render(), 30_000); // countdowns move on
    detail.addEventListener('click', (e) => {
      if (!(e.target as HTMLElement).closest('button.close')) return;
      detail.hidden = true;
      this.openId = null;
      this.renderSoon();
    });
    tabs.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-view]');
      if (!b) return;
      this.view = b.dataset.view as View;
      this.render();
    });
  }

  upsert(c: Case): void {
    if (ENDED.has(c.status) || !this.work.concerns(c)) this.cases.delete(c.id);
    else this.cases.set(c.id, c);
    if (c.id === this.openId) {
      clearTimeout(this.reopenTimer);
      this.reopenTimer = setTimeout(() => void this.open(c.id), 300);
    }
    this.renderSoon();
  }

  replaceAll(items: Case[]): void {
    const held = new Map(this.cases);
    this.cases.clear();
    // a case the reload (after every STOMP reconnect) brings unchanged keeps its object, and so its card
    items.filter((c) => !ENDED.has(c.status) && this.work.concerns(c)).forEach((c) => this.cases.set(c.id, unchanged(held.get(c.id), c)));
    this.render();
  }

  /** The open cases on the board (all views), e.g. to merge a duplicate into. */
  openCases(): Case[] {
    return [...this.cases.values()];
  }

  private renderSoon(): void {
    if (this.renderTimer) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, 150);
  }

  /** The deadline that matters to this user: a department's own, else the case's. */
  private due(c: Case): number {
    const part = this.work.myPart(c);
    return part ? Date.parse(part.dueAt) : dueOf(c);
  }

  render(): void {
    clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    const now = Date.now();
    const all = [...this.cases.values()];
    const mine = all.filter((c) => this.work.holds(c));
    const shown = (this.view === 'mine' ? mine : all)
      .map((c) => ({ c, due: this.due(c), overdue: slaOf(c, now, this.due(c)) === 'overdue' }))
      .sort((x, y) => Number(y.overdue) - Number(x.overdue) || x.due - y.due);
    this.tabs.innerHTML =
      `<button type="button" data-view="mine" data-testid="case-view-mine" class="${this.view === 'mine' ? 'on' : ''}">${esc(t('board.mine'))} <b>${mine.length}</b></button>` +
      `<button type="button" data-view="all" data-testid="case-view-all" class="${this.view === 'all' ? 'on' : ''}">${esc(t('board.all'))} <b>${all.length}</b></button>`;
    placeChildren(this.list, shown.map(({ c, due }) => this.card(c, due, now)));
    this.counter.textContent = String(shown.length);
    this.list.dataset.empty = shown.length === 0 ? t('board.empty') : '';
    this.onRender(shown.map((e) => e.c));
  }

  private card(c: Case, due: number, now: number): HTMLLIElement {
    let li = this.cards.get(c);
    if (!li) {
      li = document.createElement('li');
      li.dataset.testid = 'case-item';
      li.dataset.caseRef = c.ref;
      const part = this.work.myPart(c);
      li.innerHTML =
        `<div class="row"><b>${esc(c.categoryName ?? c.category)}</b><span class="status">${esc(c.statusLabel ?? t('case.' + c.status))}</span>` +
        `${c.complex ? `<span class="tag">${esc(t('board.complex'))}</span>` : ''}` +
        `<span class="level">${esc(c.levelLabel ?? t('level.' + c.level))}</span></div>` +
        `<div class="desc" title="${esc(c.description)}">${esc(c.description)}</div>` +
        `<div class="meta">${esc(c.gridName ?? '—')} · ${esc(c.holderName ?? c.levelLabel ?? '')}` +
        (part ? ` · ${esc(t(part.lead ? 'board.lead' : 'board.co'))} ${esc(part.statusLabel)}` : '') +
        ` · <span class="countdown" data-testid="case-countdown"></span></div>` +
        (c.assignments?.length && !part ? `<div class="parts">${c.assignments.map(chip).join('')}</div>` : '');
      li.addEventListener('click', () => void this.open(c.id));
      this.cards.set(c, li);
    }
    const sla = slaOf(c, now, due);
    li.className = `case ${sla === 'ok' ? '' : sla}${c.id === this.openId ? ' selected' : ''}`;
    const left = due - now;
    li.querySelector('.countdown')!.textContent = c.status === 'HANDLED' ? '' : left < 0 ? t('cases.overdue') + ' ' + span(-left) : t('cases.left') + ' ' + span(left);
    return li;
  }

  async open(id: number): Promise<void> {
    this.openId = id;
    const c = await this.api.caseDetail(id);
    if (this.openId !== id) return;
    const instructions = c.timeline.filter((s) => s.action === 'instruct');
    const part = this.work.myPart(c);
    this.detail.hidden = false;
    this.detail.dataset.caseRef = c.ref;
    this.detail.dataset.status = c.status;
    this.detail.innerHTML =
      `<button type="button" class="close" data-testid="case-detail-close" aria-label="×">×</button><h3>${esc(c.ref)} · ${esc(c.categoryName ?? c.category)}${c.complex ? ` <span class="tag">${esc(t('board.complex'))}</span>` : ''}</h3>` +
      (instructions.length ? `<div class="instructions" data-testid="case-instructions"><b>${esc(t('board.instructions'))}</b>` +
        instructions.map((s) => `<p><span>${formatTime(s.at)} ${esc(s.actorName ?? s.actor)}</span>${esc(s.note ?? '')}</p>`).join('') + '</div>' : '') +
      `<p class="full" data-testid="case-description">${esc(c.description)}</p>` +
      `<dl class="facts"><dt>${esc(t('board.holder'))}</dt><dd data-testid="case-holder">${esc(c.statusLabel ?? '')} · ${esc(holder(c))}</dd>` +
      (c.assigneeName ? `<dt>${esc(t('board.assignee'))}</dt><dd>${esc(c.assigneeName)}${c.assigneePhone ? ' · ' + esc(c.assigneePhone) : ''}</dd>` : '') +
      `<dt>${esc(t('cases.due'))}</dt><dd>${formatTime(c.resolveDue)}${c.overdue ? ` <span class="late">${esc(t('board.overdueTag'))}</span>` : ''}</dd>` +
      (part ? `<dt>${esc(t('board.myDue'))}</dt><dd data-testid="case-my-due">${formatTime(part.dueAt)}${part.overdue ? ` <span class="late">${esc(t('board.overdueTag'))}</span>` : ''}</dd>` : '') +
      '</dl>' +
      (c.assignments?.length ? `<h4>${esc(t('board.departments'))}</h4><ul class="dept-parts" data-testid="case-parts">${c.assignments.map((a, i, all) =>
        partRow(a, all.slice(i + 1).some((b) => b.department === a.department))).join('')}</ul>` : '') +
      `<h4>${esc(t('board.timeline'))}</h4><ol class="timeline">` +
      c.timeline.map((s) => `<li class="step-${esc(s.action)}"><span class="when">${formatTime(s.at)}</span> ` +
        `<b>${esc(t(s.action === 'assign' && s.level === 'DEPARTMENTS' ? 'step.route' : 'step.' + s.action))}</b> ` +
        `<span class="who">${esc(s.actorName ?? s.actor)}</span>${s.note ? `<div class="note">${esc(s.note)}</div>` : ''}</li>`).join('') +
      '</ol>';
    if (c.photos?.length) this.detail.insertBefore(casePhotos(this.api, c.photos), this.detail.querySelector('dl.facts'));
    const acts = this.work.actionsFor(c, () => this.openCases());
    if (acts.length) this.detail.insertBefore(this.actionBar(c, acts), this.detail.querySelector('.full'));
    this.renderSoon(); // the selected card
  }

  private actionBar(c: Case, acts: ReturnType<CaseWork['actionsFor']>): HTMLElement {
    const bar = document.createElement('div');
    bar.className = 'actions';
    bar.dataset.testid = 'case-actions';
    for (const a of acts) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t(a.key);
      b.dataset.testid = a.testid;
      b.addEventListener('click', () => {
        b.disabled = true;
        a.run().then((changed) => {
          if (changed) {
            this.upsert(changed);
            this.render(); // the user's own action shows at once
            void this.open(c.id);
          }
        }).catch((e: Error) => {
          // the dialog could not even open (its list did not load): say so in the bar
          let err = bar.querySelector<HTMLElement>('.error');
          if (!err) {
            err = document.createElement('p');
            err.className = 'error';
            bar.append(err);
          }
          err.textContent = e.message;
        }).finally(() => (b.disabled = false));
      });
      bar.append(b);
    }
    return bar;
  }
}

/** The unit holding the case and its level, the level only when it says more than the name. */
function holder(c: Case): string {
  const level = c.levelLabel ?? t('level.' + c.level);
  return !c.holderName || c.holderName === level ? level : `${c.holderName}（${level}）`;
}

/** A department's part as a chip on a card: name, lead, status; sent back in red. */
function chip(a: CaseAssignment): string {
  return `<span class="chip st-${esc(a.status)}${a.overdue ? ' late' : ''}">${esc(a.departmentName)}${a.lead ? `<i>${esc(t('board.lead'))}</i>` : ''} ${esc(a.statusLabel)}</span>`;
}

/**
 * A department's part in the detail: lead or co-handler, status, its own deadline, report, or why it sent
 * the case back and by when the center must route it again ({@code rerouted}: the department was routed again since).
 */
function partRow(a: CaseAssignment, rerouted: boolean): string {
  return `<li class="st-${esc(a.status)}${a.overdue ? ' late' : ''}" data-testid="case-part" data-dept="${esc(a.department)}">` +
    `<div><b>${esc(a.departmentName)}</b> <span class="role">${esc(t(a.lead ? 'board.lead' : 'board.co'))}</span> ` +
    `<span class="pst">${esc(a.statusLabel)}</span>${a.overdue ? ` <span class="late">${esc(t('board.overdueTag'))}</span>` : ''}</div>` +
    `<div class="meta">${esc(t('board.partDue'))}${formatTime(a.dueAt)}${a.reportedAt ? ` · ${esc(t('board.reported'))} ${formatTime(a.reportedAt)}` : ''}</div>` +
    (a.report ? `<div class="report">${esc(a.report)}</div>` : '') +
    (a.sentBackReason ? `<div class="back">${esc(t('board.sentBack'))}：${esc(a.sentBackReason)}</div>` : '') +
    (a.status !== 'SENT_BACK' ? '' : rerouted ? `<div class="meta">${esc(t('board.rerouted'))}</div>`
      : a.rerouteDue ? `<div class="reroute" data-testid="case-reroute-due">${esc(tf('board.rerouteDue', { time: formatTime(a.rerouteDue) }))}</div>` : '') +
    '</li>';
}

type CasePhoto = Case['photos'][number];

/** Object URLs of the uploads already fetched: a photo never changes, so it is fetched once per page. */
const photoUrls = new Map<number, Promise<string>>();

/**
 * The case's photos as thumbnails with their stage (群众上传 / 处置前 / 处置后). Uploads are fetched
 * with the bearer token and shown as object URLs (an <img src> cannot send it); a click opens the
 * picture. A link an Open311 client gave (id 0) is only linked: the token never goes to another host.
 */
export function casePhotos(api: Api, photos: CasePhoto[]): HTMLElement {
  const div = document.createElement('div');
  div.className = 'case-photos';
  for (const p of photos) {
    const figure = document.createElement('figure');
    figure.dataset.testid = 'case-photo';
    figure.dataset.stage = p.stage;
    const caption = document.createElement('figcaption');
    caption.textContent = p.stageLabel;
    if (p.id > 0) {
      const img = document.createElement('img');
      img.alt = p.stageLabel;
      let url = photoUrls.get(p.id);
      if (!url) {
        url = api.photoUrl(p.url);
        url.catch(() => photoUrls.delete(p.id)); // fetched again next time
        photoUrls.set(p.id, url);
      }
      void url.then((u) => {
        img.src = u;
        img.addEventListener('click', () => window.open(u, '_blank'));
      }).catch(() => (img.alt = '×'));
      figure.append(img);
    } else if (/^https?:\/\//i.test(p.url)) {
      const a = document.createElement('a');
      a.href = p.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = t('cases.photoLink');
      figure.append(a);
    } else {
      continue;
    }
    figure.append(caption);
    div.append(figure);
  }
  return div;
}

/** 2天3小时 / 5小时12分 */
function span(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return d > 0 ? `${d}天${h}小时` : `${h}小时${m % 60}分`;
}
