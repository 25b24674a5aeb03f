import type { Api } from './api';
import type { Case } from './rest';
import { esc } from './html';
import { formatTime, t } from './i18n';

/**
 * The case board: open 小红哨 requests, overdue first, then by resolution deadline, each with a
 * countdown to the deadline that applies now (taking while dispatched, resolving after); click
 * one for its full timeline and, for the unit holding it, reject (不予受理, with a reason) and merge
 * (into another open case). Cases that ended (closed, withdrawn, rejected, merged) drop off the board.
 */
/** Where a case stands against its deadline: overdue, due within 4 hours, or in time. */
export type Sla = 'overdue' | 'soon' | 'ok';

export function slaOf(c: Case, now = Date.now()): Sla {
  const left = Date.parse(c.status === 'DISPATCHED' ? c.acceptDue : c.resolveDue) - now;
  return left < 0 || c.overdue ? 'overdue' : left < 4 * 3600_000 ? 'soon' : 'ok';
}

/** Statuses a case ends in: it leaves the board. */
const ENDED = new Set(['CLOSED', 'WITHDRAWN', 'REJECTED', 'MERGED']);
/** Statuses the holding unit may still reject or merge from. */
const IN_HAND = new Set(['DISPATCHED', 'TAKEN', 'ASSIGNED']);

export class CaseBoard {
  private readonly cases = new Map<number, Case>();
  /** Told the open cases after every change (the map draws them by SLA status). */
  onRender: (cases: Case[]) => void = () => {};

  constructor(
    private readonly list: HTMLOListElement,
    private readonly counter: HTMLElement,
    private readonly detail: HTMLElement,
    private readonly api: Api,
  ) {
    setInterval(() => this.render(), 30_000); // countdowns move on
  }

  upsert(c: Case): void {
    if (ENDED.has(c.status)) this.cases.delete(c.id);
    else this.cases.set(c.id, c);
    this.render();
  }

  replaceAll(items: Case[]): void {
    this.cases.clear();
    items.filter((c) => !ENDED.has(c.status)).forEach((c) => this.cases.set(c.id, c));
    this.render();
  }

  render(): void {
    const now = Date.now();
    const due = (c: Case): number => Date.parse(c.status === 'DISPATCHED' ? c.acceptDue : c.resolveDue);
    const sorted = [...this.cases.values()].sort((x, y) => Number(y.overdue) - Number(x.overdue) || due(x) - due(y));
    this.list.replaceChildren(
      ...sorted.map((c) => {
        const left = due(c) - now;
        const li = document.createElement('li');
        const sla = slaOf(c, now);
        li.className = `case ${sla === 'ok' ? '' : sla}`;
        li.dataset.testid = 'case-item';
        li.dataset.caseRef = c.ref;
        li.innerHTML =
          `<div class="row"><b>${esc(c.categoryName ?? c.category)}</b><span class="status">${esc(c.statusLabel ?? t('case.' + c.status))}</span>` +
          `${c.complex ? '<span class="tag">复杂</span>' : ''}</div>` +
          `<div class="meta">${esc(c.description)}</div>` +
          `<div class="meta">${esc(c.gridName ?? '—')} · ${esc(c.holderName ?? c.levelLabel ?? c.level)} · ` +
          `<span class="countdown" data-testid="case-countdown">${left < 0 ? t('cases.overdue') + ' ' + span(-left) : t('cases.left') + ' ' + span(left)}</span></div>`;
        li.addEventListener('click', () => void this.open(c.id));
        return li;
      }),
    );
    this.counter.textContent = String(sorted.length);
    this.onRender(sorted);
  }

  async open(id: number): Promise<void> {
    const c = await this.api.caseDetail(id);
    this.detail.hidden = false;
    this.detail.innerHTML =
      `<h3>${esc(c.ref)} · ${esc(c.categoryName ?? c.category)}</h3><p>${esc(c.description)}</p>` +
      `<p class="meta">${esc(c.statusLabel ?? t('case.' + c.status))} · ${esc(c.holderName ?? c.levelLabel ?? '')} · ` +
      `${t('cases.due')}: ${formatTime(c.resolveDue)}</p><ol class="timeline">` +
      c.timeline.map((s) => `<li><span>${formatTime(s.at)}</span> <b>${esc(s.actorName ?? s.actor)}</b> ${t('case.' + s.status)}` +
        `${s.note ? '：' + esc(s.note) : ''}</li>`).join('') +
      '</ol>';
    if (c.photos?.length) this.detail.insertBefore(casePhotos(this.api, c.photos), this.detail.querySelector('.timeline'));
    if (IN_HAND.has(c.status)) this.detail.append(this.handActions(c));
  }

  /** Reject (with the reason the resident reads) and merge (into another open case, by its reference or id). */
  private handActions(c: Case): HTMLElement {
    const bar = document.createElement('div');
    bar.className = 'actions';
    const button = (key: string, testid: string, run: () => Promise<Case | null>): void => {
      const b = document.createElement('button');
      b.textContent = t(key);
      b.dataset.testid = testid;
      b.addEventListener('click', () => {
        run().then((changed) => {
          if (changed) {
            this.upsert(changed);
            void this.open(c.id);
          }
        }).catch((e: Error) => alert(e.message));
      });
      bar.append(b);
    };
    button('caseAction.reject', 'case-reject', async () => {
      const note = prompt(t('caseAction.rejectReason'))?.trim();
      return note ? this.api.caseAction(c.id, 'reject', { note }) : null;
    });
    button('caseAction.merge', 'case-merge', async () => {
      const answer = prompt(t('caseAction.mergeInto'))?.trim();
      if (!answer) return null;
      const into = /^\d+$/.test(answer) ? Number(answer) : [...this.cases.values()].find((x) => x.ref === answer)?.id;
      if (into === undefined) throw new Error(t('caseAction.unknownCase'));
      return this.api.caseAction(c.id, 'merge', { into });
    });
    return bar;
  }
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
