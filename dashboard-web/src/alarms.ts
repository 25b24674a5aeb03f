import type { Alarm } from './api';
import { esc } from './map';
import { formatTime, t } from './i18n';

const SEVERITY_RANK: Record<string, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

/** The alarm queue: open and most severe first, then newest. */
export class AlarmBoard {
  private readonly alarms = new Map<number, Alarm>();

  constructor(
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
    private readonly counter: HTMLElement,
    private readonly onSelect: (a: Alarm) => void,
  ) {}

  upsert(a: Alarm): void {
    this.alarms.set(a.id, a);
    this.render();
  }

  replaceAll(items: Alarm[]): void {
    this.alarms.clear();
    items.forEach((a) => this.alarms.set(a.id, a));
    this.render();
  }

  openCount(): number {
    return [...this.alarms.values()].filter(isOpen).length;
  }

  render(): void {
    const sorted = [...this.alarms.values()].sort(
      (x, y) =>
        Number(isOpen(y)) - Number(isOpen(x)) ||
        SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] ||
        y.lastSeenAt.localeCompare(x.lastSeenAt),
    );
    this.list.replaceChildren(
      ...sorted.map((a) => {
        const li = document.createElement('li');
        li.className = `alarm sev-${a.severity} ${isOpen(a) ? 'open' : 'closed'}`;
        li.dataset.testid = 'alarm-item';
        li.dataset.alarmId = String(a.id);
        li.dataset.device = a.deviceId ?? '';
        li.dataset.type = a.type;
        li.innerHTML =
          `<div class="row"><span class="sev sev-${a.severity}">${t('severity.' + a.severity)}</span>` +
          `<b class="title">${esc(a.title)}</b>${a.count > 1 ? `<span class="times">${a.count}${t('alarms.count')}</span>` : ''}</div>` +
          `<div class="meta">${esc(a.deviceName ?? a.deviceId ?? '')} · ${esc(a.gridName ?? '—')}</div>` +
          `<div class="meta"><span class="status">${t('status.' + a.status)}</span> · ${formatTime(a.lastSeenAt)}</div>`;
        li.addEventListener('click', () => this.onSelect(a));
        return li;
      }),
    );
    this.empty.hidden = sorted.length > 0;
    this.counter.textContent = String(this.openCount());
  }
}

function isOpen(a: Alarm): boolean {
  return a.status !== 'RESOLVED' && a.status !== 'FALSE_ALARM';
}
