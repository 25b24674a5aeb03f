import type { Api } from './api';
import type { Alarm, AlarmResponder, AlarmTimeline, Proposal } from './rest';
import { openDialog } from './dialog';
import { alarmPicture } from './alarm-picture';
import { VideoWall } from './live-video';
import { esc, placeChildren, unchanged } from './html';
import { formatClock, formatTime, t } from './i18n';

const SEVERITY_RANK: Record<string, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

/**
 * The alarm queue: open and most severe first, then those a camera verified, then newest. Each alarm
 * shows who was sent and where they are with it (live, from the alarm's view), and opens to its
 * timeline. Those who command alarms act on them: dispatch in a dialog listing the proposal, resolve
 * and false alarm in a dialog asking what was found.
 */
export class AlarmBoard {
  private readonly alarms = new Map<number, Alarm>();
  /** Dispatch panels open in the list, kept across re-renders (live updates must not close what the operator is doing). */
  private readonly panels = new Map<number, HTMLElement>();
  /** Timelines open in the list, likewise kept; refreshed when their alarm changes. */
  private readonly details = new Map<number, HTMLElement>();
  /** Video walls open in the list (the live cameras that see the alarm), likewise kept; closed with the alarm. */
  private readonly walls = new Map<number, VideoWall>();
  /** Whether the user may watch cameras live (video.live) and see which cameras cover an alarm (alarms.command). */
  live = false;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
    private readonly counter: HTMLElement,
    private readonly onSelect: (a: Alarm) => void,
    private readonly api?: Api,
    /** Whether the user commands alarms (alarms.command): the action buttons and the proposal. */
    private readonly command = api !== undefined,
    /** Whether the user may look at recordings (recordings.read): a link to the alarm's clips under its timeline. */
    private readonly recordings = false,
  ) {}

  upsert(a: Alarm): void {
    const before = this.alarms.get(a.id);
    this.alarms.set(a.id, a);
    if (!isOpen(a)) this.panels.delete(a.id);
    const detail = this.details.get(a.id);
    if (detail && before?.version !== a.version) void this.fillTimeline(a.id, detail);
    this.render();
    // a person seen on camera: the dispatch proposal opens at once, nobody has to ask for it
    if (this.api && this.command && a.verification === 'VERIFIED' && before?.verification !== 'VERIFIED' && (a.status === 'NEW' || a.status === 'ACKNOWLEDGED')) {
      void this.openDispatch(a, true);
    }
  }

  /** The buttons of an open alarm, for its map popup; dispatch opens the proposal in the list. */
  actionsFor(a: Alarm): HTMLElement | null {
    return this.api && this.command && isOpen(a) ? this.actions(a) : null;
  }

  /** Opens (or re-opens) the dispatch panel of an alarm in the list. */
  private async openDispatch(a: Alarm, proposed = false): Promise<void> {
    const panel = await dispatchPanel(this.api!, a, proposed, async (ids) => {
      try {
        this.panels.delete(a.id);
        this.upsert(await this.api!.alarmAction(a.id, 'dispatch', { memberIds: ids }));
      } catch (e) {
        panel.querySelector('.error')!.textContent = String((e as Error).message);
      }
    });
    this.panels.set(a.id, panel);
    this.render();
    this.list.querySelector(`[data-alarm-id="${a.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  replaceAll(items: Alarm[]): void {
    const held = new Map(this.alarms);
    this.alarms.clear();
    // an alarm the reload brings unchanged keeps its object, so its element stays in the list
    items.forEach((a) => this.alarms.set(a.id, unchanged(held.get(a.id), a)));
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
        // a person seen on camera before the rest of the same severity
        Number(y.verification === 'VERIFIED') - Number(x.verification === 'VERIFIED') ||
        y.lastSeenAt.localeCompare(x.lastSeenAt),
    );
    // an alarm whose data and panel did not change keeps its element: with a hundred alarms open,
    // rebuilding every item on each update made the page lay out and shape all their text again
    const wanted = sorted.map((a) => {
      const panel = isOpen(a) ? this.panels.get(a.id) : undefined;
      const detail = this.details.get(a.id);
      const wall = this.walls.get(a.id);
      const kept = this.items.get(a.id);
      if (kept && kept.a === a && kept.panel === panel && kept.detail === detail && kept.wall === wall) return kept.li;
      const li = this.item(a, panel, detail);
      this.items.set(a.id, { a, li, panel, detail, wall });
      return li;
    });
    for (const id of [...this.items.keys()]) if (!this.alarms.has(id)) this.items.delete(id);
    for (const [id, wall] of [...this.walls]) {
      if (!this.alarms.has(id)) {
        wall.close();
        this.walls.delete(id);
      }
    }
    placeChildren(this.list, wanted);
    this.empty.hidden = sorted.length > 0;
    this.counter.textContent = String(this.openCount());
  }

  private readonly items = new Map<number, { a: Alarm; li: HTMLLIElement; panel?: HTMLElement; detail?: HTMLElement; wall?: VideoWall }>();

  /** One alarm's list item, with its photos, its responders, its actions, its open dispatch panel and timeline. */
  private item(a: Alarm, panel: HTMLElement | undefined, detail: HTMLElement | undefined): HTMLLIElement {
    const li = document.createElement('li');
    li.className = `alarm sev-${a.severity} ${isOpen(a) ? 'open' : 'closed'}`;
    li.dataset.testid = 'alarm-item';
    li.dataset.alarmId = String(a.id);
    li.dataset.device = a.deviceId ?? '';
    li.dataset.type = a.type;
    if (a.verification === 'VERIFIED') li.classList.add('verified');
    li.innerHTML =
      `<div class="row"><span class="sev sev-${a.severity}">${t('severity.' + a.severity)}</span>` +
      `<b class="title">${esc(a.title)}</b>${a.count > 1 ? `<span class="times">${a.count}${t('alarms.count')}</span>` : ''}</div>` +
      (a.verification
        ? `<div class="verification v-${a.verification}" data-testid="alarm-verification" data-verification="${a.verification}" title="${esc(a.verificationNote ?? '')}">` +
          `${t('verification.' + a.verification)}${a.verificationNote ? ` · <span class="note">${esc(a.verificationNote)}</span>` : ''}</div>`
        : '') +
      `<div class="meta">${esc(a.deviceName ?? a.deviceId ?? '')} · ${esc(a.gridName ?? '—')}</div>` +
      `<div class="meta"><span class="status">${t('status.' + a.status)}</span> · ${formatTime(a.lastSeenAt)}</div>`;
    li.addEventListener('click', () => this.onSelect(a));
    if (this.api && a.photos?.length) li.append(this.photos(a));
    const picture = this.api ? alarmPicture(this.api, a) : null;
    if (picture) li.append(picture);
    if (a.responders?.length) li.append(respondersView(a.responders));
    if (this.api && this.command && isOpen(a)) li.append(this.actions(a));
    if (this.api) li.append(this.timelineToggle(a, detail));
    if (this.api && this.live) li.append(this.wallToggle(a));
    if (detail) li.append(detail);
    const wall = this.walls.get(a.id);
    if (wall) li.append(wall.el);
    if (panel) {
      // proposed on verification, then dispatched (by the auto-dispatch policy or another operator): say so
      const banner = panel.querySelector<HTMLElement>('.proposed-banner');
      if (banner && a.status !== 'NEW' && a.status !== 'ACKNOWLEDGED') banner.textContent = t('verification.dispatched');
      li.append(panel);
    }
    return li;
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
          // a proposal the cameras opened is answered there; otherwise the proposal in a dialog
          if (this.panels.has(a.id)) {
            this.panels.delete(a.id);
            this.render();
          } else {
            await dispatchDialog(api, a, (v) => this.upsert(v)).catch((e) => (error.textContent = String((e as Error).message)));
          }
        } else if (action === 'resolve' || action === 'false-alarm') {
          await openDialog({
            title: t('close.' + action),
            text: a.title,
            testid: 'close-dialog',
            fields: [{ kind: 'textarea', name: 'note', label: t(action === 'resolve' ? 'close.noteLabel' : 'close.falseNoteLabel'), required: true }],
            confirm: t('close.' + action),
            onConfirm: async (v) => this.upsert(await api.alarmAction(a.id, action, { note: v.note as string })),
          });
        } else {
          await run(action);
        }
      });
      bar.append(b);
    }
    bar.append(error);
    return bar;
  }

  /** The button that opens (and closes) the alarm's video wall under it: its covering cameras, live; closing ends their leases. */
  private wallToggle(a: Alarm): HTMLElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'timeline-toggle live-toggle';
    b.dataset.testid = 'alarm-live-toggle';
    b.textContent = t(this.walls.has(a.id) ? 'live.hide' : 'live.open');
    b.addEventListener('click', (ev) => {
      ev.stopPropagation();
      const open = this.walls.get(a.id);
      if (open) {
        open.close();
        this.walls.delete(a.id);
      } else {
        this.walls.set(a.id, new VideoWall(this.api!, a.id));
      }
      this.render();
    });
    return b;
  }

  /** The button that opens (and closes) the alarm's timeline under it. */
  private timelineToggle(a: Alarm, detail: HTMLElement | undefined): HTMLElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'timeline-toggle';
    b.dataset.testid = 'alarm-timeline-toggle';
    b.textContent = t(detail ? 'timeline.close' : 'timeline.open');
    b.addEventListener('click', (ev) => {
      ev.stopPropagation();
      if (this.details.has(a.id)) {
        this.details.delete(a.id);
      } else {
        const div = document.createElement('div');
        div.className = 'alarm-detail';
        div.dataset.testid = 'alarm-detail';
        div.addEventListener('click', (e) => e.stopPropagation());
        div.innerHTML = `<div class="meta">${t('timeline.loading')}</div>`;
        this.details.set(a.id, div);
        void this.fillTimeline(a.id, div);
      }
      this.render();
    });
    return b;
  }

  /** Loads the alarm's timeline into its open detail (again on every change of the alarm: the live view). */
  private async fillTimeline(id: number, div: HTMLElement): Promise<void> {
    try {
      const tl = await this.api!.alarmTimeline(id);
      div.replaceChildren(timelineView(tl));
      if (this.recordings) div.append(recordingsLink(id));
    } catch (e) {
      div.innerHTML = `<div class="error">${esc(String((e as Error).message))}</div>`;
    }
  }
}

/** The alarm's clips on the recordings page (录像查询), in a tab of its own that shares this tab's session (rel=opener). */
function recordingsLink(id: number): HTMLElement {
  const a = document.createElement('a');
  a.className = 'alarm-recordings';
  a.dataset.testid = 'alarm-recordings';
  a.href = `/recordings.html?alarm=${id}`;
  a.target = '_blank';
  a.rel = 'opener';
  a.textContent = t('alarm.recordings');
  return a;
}

/** The members sent to an alarm: name, role, state in words (已派出 … 已处置) and its times in Asia/Shanghai. */
function respondersView(rs: AlarmResponder[]): HTMLElement {
  const ul = document.createElement('ul');
  ul.className = 'responders';
  ul.dataset.testid = 'alarm-responders';
  ul.innerHTML = `<li class="head">${t('responders.title')}</li>` + rs.map((r) => {
    const state = r.resolvedAt ? 'RESOLVED' : r.status;
    const times = ([['offered', r.offeredAt], ['answered', r.answeredAt], ['arrived', r.arrivedAt], ['resolved', r.resolvedAt]] as const)
      .filter(([, at]) => at).map(([k, at]) => `${t('responders.' + k)} ${formatClock(at!)}`).join(' · ');
    return `<li data-testid="responder" data-member-id="${r.memberId}" data-state="${state}" title="${esc(r.affiliation ?? '')}">` +
      `<b>${esc(r.name)}</b> <span class="role">${esc(r.roleLabel)}</span> <span class="state s-${state}">${esc(r.stateLabel)}</span>` +
      `<div class="times">${times}</div></li>`;
  }).join('');
  return ul;
}

/** The alarm's steps, oldest first: time (Asia/Shanghai), the step in words, who took it, the status after it and the note. */
function timelineView(tl: AlarmTimeline): HTMLElement {
  const ol = document.createElement('ol');
  ol.className = 'timeline';
  ol.dataset.testid = 'alarm-timeline';
  ol.innerHTML = `<li class="head">${t('timeline.title')}</li>` + tl.events.map((e) =>
    `<li data-testid="timeline-step" data-action="${esc(e.action)}"><time datetime="${esc(e.at)}">${formatTime(e.at)}</time> ` +
    `<b>${esc(e.actionLabel)}</b> · ${esc(e.actorName)} · <span class="step-status">${esc(e.statusLabel)}</span>` +
    (e.note ? `<div class="note">${esc(e.note)}</div>` : '') + '</li>').join('');
  return ol;
}

/**
 * The proposal in a dialog: each member with name, role, affiliation and distance as a checkbox (the
 * nearest checked), the cameras that see the place, an optional note; dispatches who was checked.
 */
async function dispatchDialog(api: Api, a: Alarm, dispatched: (v: Alarm) => void): Promise<void> {
  const p = await api.proposal(a.id);
  const cameras = p.cameras.length === 0 ? t('dispatch.noCamera') : p.cameras.map((c) => `${c.name} · ${Math.round(c.distanceM)} m`).join('，');
  await openDialog({
    title: `${t('dispatch.title')}：${a.title}`,
    text: `${t('dispatch.cameras')}：${cameras}`,
    testid: 'dispatch-dialog',
    fields: [
      {
        kind: 'checks', name: 'members', label: p.members.length === 0 ? t('dispatch.none') : t('dispatch.members'), required: true,
        options: p.members.map((m, i) => ({ value: String(m.memberId), label: memberLabel(m), checked: i === 0 })),
      },
      { kind: 'textarea', name: 'note', label: t('dispatch.note') },
    ],
    confirm: t('dispatch.confirm'),
    onConfirm: async (v) => dispatched(await api.alarmAction(a.id, 'dispatch', {
      memberIds: (v.members as string[]).map(Number), note: (v.note as string) || undefined,
    })),
  });
}

/** "社区民警 吴 · 民警 · 广文街道派出所 · 547 m" (the affiliation left out when the name says it already). */
function memberLabel(m: Proposal['members'][number]): string {
  const affiliation = m.affiliation && !m.name.includes(m.affiliation) ? m.affiliation : null;
  return [m.name, m.roleLabel, affiliation, `${m.distanceM} m`].filter(Boolean).join(' · ');
}


const ACTIONS: Record<string, string[]> = {
  NEW: ['acknowledge', 'dispatch', 'false-alarm'],
  ACKNOWLEDGED: ['dispatch', 'resolve', 'false-alarm'],
  DISPATCHED: ['dispatch', 'resolve', 'false-alarm'],
  ON_SCENE: ['resolve', 'false-alarm'],
};

async function dispatchPanel(api: Api, a: Alarm, proposed: boolean, onDispatch: (ids: number[]) => void): Promise<HTMLElement> {
  const panel = document.createElement('div');
  panel.className = 'dispatch' + (proposed ? ' proposed' : '');
  panel.dataset.testid = 'dispatch-panel';
  panel.addEventListener('click', (e) => e.stopPropagation());
  const p = await api.proposal(a.id);
  panel.innerHTML =
    (proposed ? `<div class="proposed-banner" data-testid="dispatch-proposed">${t('verification.propose')}</div>` : '') +
    `<div class="meta">${t('dispatch.members')}</div>` +
    (p.members.length === 0 ? `<div class="meta">${t('dispatch.none')}</div>` : '') +
    p.members.map((m, i) => `<label><input type="checkbox" value="${m.memberId}" ${i === 0 ? 'checked' : ''} data-testid="dispatch-member"> ` +
      `${esc(memberLabel(m))}</label>`).join('') +
    `<div class="meta">${t('dispatch.cameras')}: ${p.cameras.length === 0 ? '—' : p.cameras.map((c) => esc(c.name) + ' · ' + Math.round(c.distanceM) + ' m').join('，')}</div>`;
  // the pictures from the covering cameras (the alarm's own first), with what OpenCV saw drawn over them
  if (p.snapshots?.length) {
    const shots = document.createElement('div');
    shots.className = 'snapshots';
    p.snapshots.forEach((s, i) => shots.append(snapshotView(api, s, i === 0 && s.linked)));
    panel.append(shots);
  }
  const ok = document.createElement('button');
  ok.type = 'button';
  ok.textContent = t('dispatch.confirm');
  ok.dataset.testid = 'dispatch-confirm';
  ok.addEventListener('click', () => {
    const ids = [...panel.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
    if (ids.length > 0) onDispatch(ids);
  });
  const error = document.createElement('div');
  error.className = 'error';
  panel.append(ok, error);
  return panel;
}

/**
 * A snapshot with its people (red) and motion (amber, dashed) boxes laid over it, placed in
 * percent of the image so they stay right at any displayed size. The alarm's own snapshot is shown
 * large, as the full image; the others as thumbnails. A click opens the full image.
 */
function snapshotView(api: Api, s: Proposal['snapshots'][number], large: boolean): HTMLElement {
  const fig = document.createElement('figure');
  fig.className = 'snapshot' + (large ? ' large' : '');
  fig.dataset.testid = 'dispatch-snapshot';
  fig.title = `${s.deviceId} · ${formatTime(s.capturedAt)}`;
  const frame = document.createElement('div');
  frame.className = 'frame';
  // the picture's place is reserved before it loads, so the boxes (fractions of it) never sit on a collapsed frame
  if (s.width && s.height) frame.style.aspectRatio = `${s.width} / ${s.height}`;
  const img = document.createElement('img');
  img.alt = s.deviceId;
  frame.append(img);
  fig.append(frame);
  for (const d of s.detections ?? []) {
    if (!s.width || !s.height) break;
    const box = document.createElement('div');
    box.className = 'box box-' + d.kind;
    box.dataset.testid = 'snapshot-box-' + d.kind;
    box.style.left = `${(100 * Math.max(0, d.x)) / s.width}%`;
    box.style.top = `${(100 * Math.max(0, d.y)) / s.height}%`;
    box.style.width = `${(100 * Math.min(d.w, s.width - Math.max(0, d.x))) / s.width}%`;
    box.style.height = `${(100 * Math.min(d.h, s.height - Math.max(0, d.y))) / s.height}%`;
    if (d.kind === 'person') box.title = `${t('snapshot.people')} ${d.score}`;
    frame.append(box);
  }
  const cap = document.createElement('figcaption');
  cap.textContent = `${s.deviceId} · ${formatTime(s.capturedAt)}` + (s.people ? ` · ${s.people} ${t('snapshot.people')}` : '');
  fig.append(cap);
  void api.photoUrl(large ? s.imageUrl : s.thumbnailUrl).then((u) => {
    img.src = u;
    img.addEventListener('click', async () => window.open(large ? u : await api.photoUrl(s.imageUrl), '_blank'));
  }).catch(() => (img.alt = '×'));
  return fig;
}

function isOpen(a: Alarm): boolean {
  return a.status !== 'RESOLVED' && a.status !== 'FALSE_ALARM';
}
