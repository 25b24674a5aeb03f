import type { Alarm, Api } from './api';
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
    private readonly api?: Api,
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

  /** Every alarm the board holds. */
  all(): Alarm[] {
    return [...this.alarms.values()];
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
        if (this.api && a.photos?.length) li.append(this.photos(a));
        if (this.api && isOpen(a)) li.append(this.actions(a));
        return li;
      }),
    );
    this.empty.hidden = sorted.length > 0;
    this.counter.textContent = String(this.openCount());
  }
  private readonly photoUrls = new Map<number, Promise<string>>();

  /** Photos of the scene (fetched once with the token, then kept as object URLs); a click opens the full image. */
  private photos(a: Alarm): HTMLElement {
    const div = document.createElement('div');
    div.className = 'photos';
    for (const id of a.photos) {
      const img = document.createElement('img');
      img.dataset.testid = 'alarm-photo';
      img.alt = t('alarms.photo');
      let url = this.photoUrls.get(id);
      if (!url) {
        url = this.api!.photoUrl(`/api/v1/alarms/${a.id}/photos/${id}`);
        this.photoUrls.set(id, url);
      }
      void url.then((u) => {
        img.src = u;
        img.addEventListener('click', (ev) => {
          ev.stopPropagation();
          window.open(u, '_blank');
        });
      }).catch(() => (img.alt = '×'));
      div.append(img);
    }
    return div;
  }

  /** The buttons of an open alarm: acknowledge, dispatch (with the proposal), resolve and false alarm (with a note). */
  private actions(a: Alarm): HTMLElement {
    const api = this.api!;
    const bar = document.createElement('div');
    bar.className = 'actions';
    const error = document.createElement('div');
    error.className = 'error';
    const run = async (action: string, body: { note?: string; memberIds?: number[] } = {}): Promise<void> => {
      try {
        this.upsert(await api.alarmAction(a.id, action, body));
      } catch (e) {
        error.textContent = String((e as Error).message);
      }
    };
    for (const action of ACTIONS[a.status] ?? []) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t('action.' + action);
      b.dataset.testid = 'alarm-action-' + action;
      b.addEventListener('click', async (ev) => {
        ev.stopPropagation();
        if (action === 'dispatch') {
          bar.append(await dispatchPanel(api, a, (ids) => void run('dispatch', { memberIds: ids })));
        } else if (action === 'resolve' || action === 'false-alarm') {
          const note = window.prompt(t('action.note'));
          if (note) await run(action, { note });
        } else {
          await run(action);
        }
      });
      bar.append(b);
    }
    bar.append(error);
    return bar;
  }
}


const ACTIONS: Record<string, string[]> = {
  NEW: ['acknowledge', 'dispatch', 'false-alarm'],
  ACKNOWLEDGED: ['dispatch', 'resolve', 'false-alarm'],
  DISPATCHED: ['dispatch', 'resolve', 'false-alarm'],
  ON_SCENE: ['resolve', 'false-alarm'],
};

async function dispatchPanel(api: Api, a: Alarm, confirm: (ids: number[]) => void): Promise<HTMLElement> {
  const panel = document.createElement('div');
  panel.className = 'dispatch';
  panel.dataset.testid = 'dispatch-panel';
  panel.addEventListener('click', (e) => e.stopPropagation());
  const p = await api.proposal(a.id);
  panel.innerHTML =
    `<div class="meta">${t('dispatch.members')}</div>` +
    (p.members.length === 0 ? `<div class="meta">${t('dispatch.none')}</div>` : '') +
    p.members.map((m, i) => `<label><input type="checkbox" value="${m.memberId}" ${i === 0 ? 'checked' : ''} data-testid="dispatch-member"> ` +
      `${esc(m.name)} · ${m.distanceM} m</label>`).join('') +
    `<div class="meta">${t('dispatch.cameras')}: ${p.cameras.length === 0 ? '—' : p.cameras.map((c) => esc(c.name) + ' · ' + Math.round(c.distanceM) + ' m').join('，')}</div>`;
  // the latest picture from the covering cameras (or the one linked to the alarm), if any
  if (p.snapshots?.length) {
    const shots = document.createElement('div');
    shots.className = 'photos';
    for (const s of p.snapshots) {
      const img = document.createElement('img');
      img.dataset.testid = 'dispatch-snapshot';
      img.title = `${s.deviceId} · ${formatTime(s.capturedAt)}`;
      void api.photoUrl(s.thumbnailUrl).then((u) => {
        img.src = u;
        img.addEventListener('click', async () => window.open(await api.photoUrl(s.thumbnailUrl.replace(/thumbnail$/, 'image')), '_blank'));
      }).catch(() => (img.alt = '×'));
      shots.append(img);
    }
    panel.append(shots);
  }
  const ok = document.createElement('button');
  ok.type = 'button';
  ok.textContent = t('dispatch.confirm');
  ok.dataset.testid = 'dispatch-confirm';
  ok.addEventListener('click', () => {
    const ids = [...panel.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
    if (ids.length > 0) confirm(ids);
  });
  panel.append(ok);
  return panel;
}

function isOpen(a: Alarm): boolean {
  return a.status !== 'RESOLVED' && a.status !== 'FALSE_ALARM';
}
