import { formatTime } from './i18n';

/**
 * What the server pushes to one user of the village page on /user/queue/alerts: a dispute reaching
 * their level or overdue (mediation), a task of 联动办事 assigned to their unit or overdue (五事工作法), a
 * household's compact record changing. Each carries its words ({@code text}, often a {@code title})
 * and the moment; the page names the tab it belongs to.
 */
export interface VillageAlert {
  kind: string;
  title?: string;
  text?: string;
  at?: string;
  disputeId?: number;
  proposalId?: number;
  taskId?: number;
  violationId?: number;
}

/** The tab an alert belongs to, by what it is about. */
export function tabOf(a: VillageAlert): string | null {
  if (a.disputeId != null) return 'mediation';
  if (a.violationId != null) return 'compact';
  if (a.taskId != null) return 'fivesteps-tasks';
  if (a.proposalId != null) return 'fivesteps';
  return null;
}

/**
 * Notices in the corner of the village page: each alert stays until closed (×) or clicked, which
 * opens its tab; at most five on screen, the newest first.
 */
export class VillageNotices {
  constructor(
    private readonly el: HTMLElement,
    private readonly open: (tab: string) => void,
    private readonly tabFor: (a: VillageAlert) => string | null = tabOf,
  ) {}

  show(body: unknown): void {
    const a = body as VillageAlert;
    if (!a || typeof a.kind !== 'string' || (!a.text && !a.title)) return;
    const n = document.createElement('div');
    n.className = 'v-notice';
    n.setAttribute('role', 'alert');
    n.dataset.testid = 'village-notice';
    n.dataset.kind = a.kind;
    const head = document.createElement('div');
    head.className = 'v-notice-head';
    const title = document.createElement('b');
    title.textContent = a.title ?? '提醒';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'v-notice-close';
    close.setAttribute('aria-label', '关闭');
    close.textContent = '×';
    head.append(title, close);
    const text = document.createElement('p');
    text.textContent = a.text ?? '';
    const when = document.createElement('small');
    when.textContent = a.at ? formatTime(a.at) : '';
    n.append(head, text, when);
    close.addEventListener('click', (e) => {
      e.stopPropagation();
      n.remove();
    });
    const tab = this.tabFor(a);
    if (tab) {
      n.classList.add('v-notice-link');
      n.addEventListener('click', () => {
        this.open(tab);
        n.remove();
      });
    }
    this.el.prepend(n);
    [...this.el.children].slice(5).forEach((c) => c.remove());
  }
}
