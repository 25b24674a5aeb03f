import { esc } from './html';
import { formatTime, t } from './i18n';

/** What the server pushes to one user on /user/queue/alerts that the dashboard shows (a leader's 批示 on a case the user's unit holds). */
export interface CaseInstruction {
  kind: 'case-instruction';
  caseId: number;
  ref: string;
  holderName?: string;
  text: string;
  by: string;
  at: string;
}

/**
 * Notices in the corner of the screen for what was sent to this user alone: a leader's 批示 on a
 * case their unit holds stays until it is closed (×) or clicked, which opens the case.
 */
export class Notices {
  constructor(private readonly el: HTMLElement, private readonly openCase: (id: number) => void) {}

  /** An alert from /user/queue/alerts; kinds the dashboard does not show (a responder's dispatch) are left to their pages. */
  alert(body: unknown): void {
    const a = body as { kind?: string };
    if (a.kind === 'case-instruction') this.instruction(body as CaseInstruction);
  }

  private instruction(a: CaseInstruction): void {
    const n = document.createElement('div');
    n.className = 'notice';
    n.setAttribute('role', 'alert');
    n.dataset.testid = 'notice';
    n.dataset.kind = a.kind;
    n.dataset.caseRef = a.ref;
    n.innerHTML =
      `<div class="row"><b>${t('notice.instruction')}</b><span class="ref">${esc(a.ref)}</span>` +
      `<button type="button" class="close" data-testid="notice-close" aria-label="${t('notice.close')}">×</button></div>` +
      `<p class="text">${esc(a.text)}</p>` +
      `<div class="meta">${esc(a.by)} · ${formatTime(a.at)}${a.holderName ? ' · ' + t('notice.holder') + ' ' + esc(a.holderName) : ''}</div>`;
    n.querySelector('.close')!.addEventListener('click', (e) => {
      e.stopPropagation();
      n.remove();
    });
    n.addEventListener('click', () => {
      this.openCase(a.caseId);
      n.remove();
    });
    this.el.prepend(n);
    // at most five on screen: the oldest go
    [...this.el.children].slice(5).forEach((c) => c.remove());
  }
}
