import { ApiProblem, type Api } from './api';
import type { Assignee, Case, CaseAssignment, Department, Me } from './rest';
import { openDialog, type DialogOptions } from './dialog';
import { esc } from './html';
import { formatTime, t, tf } from './i18n';

/**
 * The work a signed-in user may do on a case from the board, and the dialogs that do it: community and
 * street operators take, assign a grid worker, escalate, mark complex, reject and merge the cases their
 * unit holds; the district center also routes to departments (one lead, co-handlers, each with its own
 * working days) and routes again after a send-back; a department reports its own part (text and photos)
 * or sends it back. A button is offered only to whom the server would allow it (GET /api/v1/me); the
 * server stays the authority, and its refusal is shown in the dialog.
 */

/** One button of the detail's action bar: its words, test id and what it does (the case after it, or null when cancelled). */
export interface CaseAct {
  key: string;
  testid: string;
  run: () => Promise<Case | null>;
}

type Tier = 'COMMUNITY' | 'STREET' | 'DISTRICT';
const TIER: Record<string, Tier> = {
  COMMUNITY: 'COMMUNITY', HOUSEHOLD_HELPER: 'COMMUNITY', MEDIATORS: 'COMMUNITY', LEGAL_ADVISER: 'COMMUNITY',
  STREET: 'STREET', DISTRICT_CENTER: 'DISTRICT', DEPARTMENTS: 'DISTRICT', LEADERS: 'DISTRICT',
};

/** The area of the unit holding the case (as the server's CaseLevel.holderArea): the community, its street, or the district. */
export function holderArea(c: { level: string; communityId?: number | null; areaPath: number[] }): number {
  const path = c.areaPath;
  const community = c.communityId == null ? -1 : path.indexOf(c.communityId);
  switch (TIER[c.level] ?? 'DISTRICT') {
    case 'DISTRICT': return path[0];
    case 'STREET': return community >= 1 ? path[community - 1] : path[Math.min(1, path.length - 1)];
    default: return c.communityId ?? path[0];
  }
}

/** Statuses the holding unit still acts from (take, assign, escalate, complex, reject, merge). */
const IN_HAND = new Set(['DISPATCHED', 'TAKEN', 'ASSIGNED']);
const ROUTING = new Set(['DISTRICT_CENTER', 'DEPARTMENTS']);

export class CaseWork {
  private chains?: Promise<Map<string, string[]>>;
  private departments?: Promise<Department[]>;
  private readonly handleAll: boolean;
  private readonly handles: boolean;

  constructor(
    private readonly api: Api,
    readonly me: Me,
  ) {
    const handle = me.permissions.find((g) => g.permission === 'cases.handle');
    this.handles = handle !== undefined && (handle.scope === 'AREA' || handle.scope === 'ALL');
    this.handleAll = handle?.scope === 'ALL';
  }

  /** The department this account works for (a department's account, GET /api/v1/me), else null. */
  get department(): { code: string; name: string; shortName: string } | null {
    const m = this.me;
    if (m.role !== 'DEPARTMENT' || !m.department) return null;
    return { code: m.department, name: m.departmentName ?? m.department, shortName: m.departmentShortName ?? m.departmentName ?? m.department };
  }

  /** This department's part of the case, when the case was routed to it: the one in hand, else its latest (routed again after 退回: a new part). */
  myPart(c: Case): CaseAssignment | undefined {
    const d = this.department;
    if (!d) return undefined;
    const mine = (c.assignments ?? []).filter((a) => a.department === d.code);
    return mine.find((a) => a.status === 'ASSIGNED') ?? mine[mine.length - 1];
  }

  /** Whether the case is the user's to act on now: their unit holds it, or (a department) its part is in hand. */
  holds(c: Case): boolean {
    if (this.department) return c.status === 'ASSIGNED' && c.level === 'DEPARTMENTS' && this.myPart(c)?.status === 'ASSIGNED';
    return this.handles && IN_HAND.has(c.status) && (this.handleAll || holderArea(c) === this.me.areaId);
  }

  /** Whether the case belongs on this user's board at all (a department: only those routed to it). */
  concerns(c: Case): boolean {
    return this.department ? this.myPart(c) !== undefined : true;
  }

  /** The buttons for this user on this case; {@code open} the other open cases on the board (merge candidates). */
  actionsFor(c: Case, open: () => Case[]): CaseAct[] {
    if (!this.holds(c)) return [];
    if (this.department) {
      return [
        { key: 'act.report', testid: 'case-report', run: () => this.report(c) },
        { key: 'act.sendBack', testid: 'case-send-back', run: () => this.sendBack(c) },
      ];
    }
    const acts: CaseAct[] = [];
    if (c.status === 'DISPATCHED') acts.push({ key: 'act.take', testid: 'case-take', run: () => this.take(c) });
    if (c.status !== 'DISPATCHED' && ROUTING.has(c.level)) {
      acts.push({ key: routeKey(c), testid: 'case-route', run: () => this.route(c) });
    } else if (c.status !== 'DISPATCHED' && TIER[c.level] !== 'DISTRICT') {
      acts.push({ key: 'act.assign', testid: 'case-assign', run: () => this.assign(c) });
    }
    acts.push({ key: 'act.escalate', testid: 'case-escalate', run: () => this.escalate(c) });
    if (!c.complex) acts.push({ key: 'act.complex', testid: 'case-complex', run: () => this.complex(c) });
    acts.push({ key: 'act.reject', testid: 'case-reject', run: () => this.reject(c) });
    acts.push({ key: 'act.merge', testid: 'case-merge', run: () => this.merge(c, open()) });
    return acts;
  }

  /** Opens a dialog whose confirm posts the action; the case after it, or null when cancelled. */
  private async ask(o: Omit<DialogOptions, 'onConfirm'>, call: (v: Record<string, string | string[]>) => Promise<Case>,
    extra?: { el: HTMLElement; first?: boolean }): Promise<Case | null> {
    let changed: Case | null = null;
    const shown = openDialog({ ...o, onConfirm: async (v) => { changed = await call(v); } });
    if (extra) insertInto(o.testid ?? 'dialog', extra.el, extra.first ?? false);
    return (await shown) ? changed : null;
  }

  private take(c: Case): Promise<Case | null> {
    return this.ask({ title: t('dlg.take.title'), text: tf('dlg.take.text', { ref: c.ref }), fields: [], confirm: t('act.take'), testid: 'dialog-take' },
      () => this.api.caseAction(c.id, 'take', {}));
  }

  private async assign(c: Case): Promise<Case | null> {
    const roster: Assignee[] = await this.api.assignees(c.id);
    return this.ask({
      title: t('dlg.assign.title'),
      text: `${c.ref} · ${c.gridName ?? ''}` + (roster.length === 0 ? ` · ${t('dlg.assign.none')}` : ''),
      testid: 'dialog-assign',
      confirm: t('act.assign'),
      fields: [
        { kind: 'select', name: 'assignee', label: t('dlg.assign.who'), required: true, value: c.assignee ?? roster[0]?.username,
          options: roster.map((w) => ({ value: w.username,
            label: `${w.name} · ${w.gridName}${w.caseGrid ? `（${t('dlg.assign.sameGrid')}）` : ''}${w.phone ? ' · ' + w.phone : ''}` })) },
        { kind: 'textarea', name: 'note', label: t('dlg.note') },
      ],
    }, (v) => this.api.caseAction(c.id, 'assign', { assignee: v.assignee, note: v.note || undefined }));
  }

  /** The level the case goes to next on its type's chain, in words. */
  private async nextUnit(c: Case): Promise<string | null> {
    this.chains ??= this.api.caseTypes().then((ts) => new Map(ts.map((x) => [x.code, x.chain as string[]])))
      .catch((e) => { this.chains = undefined; throw e; });
    const chain = (await this.chains).get(c.type) ?? [];
    const i = chain.indexOf(c.level);
    if (i < 0 || i + 1 >= chain.length) return null;
    return t('level.' + chain[i + 1]);
  }

  private async escalate(c: Case): Promise<Case | null> {
    const next = await this.nextUnit(c);
    return this.ask({
      title: t('dlg.escalate.title'),
      text: tf('dlg.escalate.text', { ref: c.ref, next: next ?? '—' }),
      testid: 'dialog-escalate',
      confirm: t('act.escalate'),
      fields: [{ kind: 'textarea', name: 'note', label: t('dlg.escalate.reason'), required: true }],
    }, (v) => this.api.caseAction(c.id, 'escalate', { note: v.note }));
  }

  private complex(c: Case): Promise<Case | null> {
    return this.ask({
      title: t('dlg.complex.title'), text: t('dlg.complex.text'), testid: 'dialog-complex', confirm: t('act.complex'),
      fields: [{ kind: 'textarea', name: 'note', label: t('dlg.complex.note'), required: true }],
    }, (v) => this.api.caseAction(c.id, 'complex', { complex: true, note: v.note }));
  }

  private reject(c: Case): Promise<Case | null> {
    return this.ask({
      title: t('dlg.reject.title'), text: `${c.ref} · ${clip(c.description, 40)}`, testid: 'dialog-reject', confirm: t('act.reject'),
      fields: [{ kind: 'textarea', name: 'note', label: t('dlg.reject.reason'), required: true }],
    }, (v) => this.api.caseAction(c.id, 'reject', { note: v.note }));
  }

  /** Merge into another open case: the nearest of the same category first (duplicates are usually next door), at most 50. */
  private merge(c: Case, open: Case[]): Promise<Case | null> {
    const d2 = (x: Case): number => (x.lon - c.lon) ** 2 + (x.lat - c.lat) ** 2;
    const candidates = open.filter((x) => x.id !== c.id)
      .map((x) => ({ x, same: x.category === c.category ? 0 : 1, d: d2(x) }))
      .sort((a, b) => a.same - b.same || a.d - b.d).slice(0, 50).map((e) => e.x);
    return this.ask({
      title: t('dlg.merge.title'),
      text: tf('dlg.merge.text', { ref: c.ref }) + (candidates.length === 0 ? ' ' + t('dlg.merge.none') : ''),
      testid: 'dialog-merge',
      confirm: t('act.merge'),
      fields: [
        { kind: 'select', name: 'into', label: t('dlg.merge.into'), required: true,
          options: candidates.map((x) => ({ value: String(x.id), label: `${x.ref} · ${x.categoryName ?? x.category} · ${clip(x.description, 24)}` })) },
        { kind: 'textarea', name: 'note', label: t('dlg.note') },
      ],
    }, (v) => this.api.caseAction(c.id, 'merge', { into: Number(v.into), note: v.note || undefined }));
  }

  /**
   * 派遣部门: a table of the active departments (tick, lead, working days). Departments already holding the
   * case stay as they are and cannot be ticked again; a lead is chosen only when the case has none in hand.
   */
  private async route(c: Case): Promise<Case | null> {
    this.departments ??= this.api.departments().catch((e) => { this.departments = undefined; throw e; });
    const all = (await this.departments).filter((d) => d.active);
    const parts = c.assignments ?? [];
    const inHand = new Set(parts.filter((a) => a.status === 'ASSIGNED').map((a) => a.department));
    const leadInHand = parts.find((a) => a.lead && a.status !== 'SENT_BACK');
    const days = c.complex ? 5 : 3;
    const table = document.createElement('div');
    table.className = 'field route';
    table.innerHTML =
      `<table class="route-table"><thead><tr><th>${esc(t('dlg.route.department'))}</th><th>${esc(t('dlg.route.take'))}</th>` +
      (leadInHand ? '' : `<th>${esc(t('dlg.route.lead'))}</th>`) + `<th>${esc(t('dlg.route.days'))}</th></tr></thead><tbody>` +
      all.map((d) => {
        const held = inHand.has(d.code);
        const back = parts.find((a) => a.department === d.code && a.status === 'SENT_BACK');
        return `<tr data-dept="${esc(d.code)}"${held ? ' class="held"' : ''}><td>${esc(d.shortName)}` +
          (held ? ` <span class="muted">${esc(parts.find((a) => a.department === d.code && a.status === 'ASSIGNED')!.statusLabel)}</span>` : '') +
          (back && !held ? ` <span class="sent-back">${esc(t('step.send-back'))}</span>` : '') + '</td>' +
          `<td><input type="checkbox" name="dept" value="${esc(d.code)}"${held ? ' disabled checked' : ''} aria-label="${esc(d.shortName)}"></td>` +
          (leadInHand ? '' : `<td><input type="radio" name="lead" value="${esc(d.code)}"${held ? ' disabled' : ''} aria-label="${esc(t('dlg.route.lead'))} ${esc(d.shortName)}"></td>`) +
          `<td><input type="number" name="days_${esc(d.code)}" min="1" max="30" step="1" value="${days}"${held ? ' disabled' : ''}>` +
          `<span class="field-error" data-field="days_${esc(d.code)}" role="alert"></span></td></tr>`;
      }).join('') + '</tbody></table>' +
      (leadInHand ? `<p class="muted">${esc(t('board.lead'))}：${esc(leadInHand.departmentName)}</p>` : '') +
      '<span class="field-error" data-field="route" role="alert"></span>';
    // ticking a lead ticks its department; a single ticked department leads
    table.addEventListener('change', (e) => {
      const el = e.target as HTMLInputElement;
      if (el.name === 'lead') table.querySelector<HTMLInputElement>(`input[name=dept][value="${CSS.escape(el.value)}"]`)!.checked = true;
    });
    return this.ask({
      title: parts.length ? t(routeKey(c)) : t('dlg.route.title'),
      text: `${c.ref} · ${clip(c.description, 40)} — ${t('dlg.route.text')}`,
      testid: 'dialog-route',
      confirm: t(routeKey(c)),
      fields: [{ kind: 'textarea', name: 'note', label: t('dlg.route.note') }],
    }, async (v) => {
      const ticked = [...table.querySelectorAll<HTMLInputElement>('input[name=dept]:checked:not(:disabled)')].map((i) => i.value);
      let lead = table.querySelector<HTMLInputElement>('input[name=lead]:checked')?.value;
      if (!leadInHand && !lead && ticked.length === 1) lead = ticked[0];
      const bad: { field: string; message: string }[] = [];
      if (ticked.length === 0) bad.push({ field: 'route', message: t('dlg.route.chooseOne') });
      else if (!leadInHand && (!lead || !ticked.includes(lead))) bad.push({ field: 'route', message: t('dlg.route.chooseLead') });
      const body = ticked.map((code) => {
        const n = Number(table.querySelector<HTMLInputElement>(`input[name="days_${CSS.escape(code)}"]`)!.value);
        if (!Number.isInteger(n) || n < 1 || n > 30) bad.push({ field: `days_${code}`, message: t('dlg.route.days.bad') });
        return { department: code, lead: !leadInHand && code === lead, workingDays: n };
      });
      // told beside the table and the days (an empty detail: not said twice under the form)
      if (bad.length) throw new ApiProblem(400, '', bad);
      try {
        return await this.api.caseAction(c.id, 'assign', { assignments: body, note: v.note || undefined });
      } catch (e) {
        // the server names assignments[i].…: say it beside that department's row
        if (!(e instanceof ApiProblem)) throw e;
        throw new ApiProblem(e.status, e.message, e.errors.map((x) => {
          const m = /^assignments\[(\d+)\]\.(\w+)$/.exec(x.field);
          const code = m ? body[Number(m[1])]?.department : undefined;
          return code ? { field: m![2] === 'workingDays' ? `days_${code}` : 'route', message: `${x.message}` } : { field: x.field === 'assignments' ? 'route' : x.field, message: x.message };
        }));
      }
    }, { el: table, first: true });
  }

  /** 报到处置: the department's own report, with photos uploaded first (POST /api/v1/case-photos) and sent as urls. */
  private report(c: Case): Promise<Case | null> {
    const part = this.myPart(c);
    const files = document.createElement('div');
    files.className = 'field';
    files.innerHTML = `<label for="dlg-photos">${esc(t('dlg.report.photos'))}</label>` +
      '<input id="dlg-photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple data-testid="report-photos">' +
      '<span class="field-error" data-field="photos" role="alert"></span>';
    return this.ask({
      title: t('dlg.report.title'),
      text: tf('dlg.report.text', { dept: this.department?.shortName ?? '', ref: c.ref }) +
        (part ? ` ${t(part.lead ? 'board.lead' : 'board.co')} · ${t('board.myDue')} ${formatTime(part.dueAt)}` : ''),
      testid: 'dialog-report',
      confirm: t('act.report'),
      fields: [{ kind: 'textarea', name: 'note', label: t('dlg.report.note'), required: true }],
    }, async (v) => {
      const picked = [...(files.querySelector<HTMLInputElement>('input[type=file]')!.files ?? [])];
      if (picked.length > 9) throw new ApiProblem(400, '', [{ field: 'photos', message: t('dlg.report.photos') }]);
      const urls: string[] = [];
      for (const f of picked) {
        try {
          urls.push((await this.api.casePhoto(f)).url);
        } catch (e) {
          throw new ApiProblem(422, '', [{ field: 'photos', message: `${f.name}：${(e as Error).message}` }]);
        }
      }
      try {
        return await this.api.caseAction(c.id, 'report', { note: v.note, photos: urls, photoStage: 'AFTER' });
      } catch (e) {
        if (!(e instanceof ApiProblem)) throw e;
        throw new ApiProblem(e.status, e.message, e.errors.map((x) => (x.field.startsWith('photos') ? { ...x, field: 'photos' } : x)));
      }
    }, { el: files });
  }

  private sendBack(c: Case): Promise<Case | null> {
    return this.ask({
      title: t('dlg.sendBack.title'), text: `${c.ref} · ${t('dlg.sendBack.text')}`, testid: 'dialog-send-back', confirm: t('act.sendBack'),
      fields: [{ kind: 'textarea', name: 'note', label: t('dlg.sendBack.reason'), required: true }],
    }, (v) => this.api.caseAction(c.id, 'send-back', { note: v.note }));
  }
}

/** The routing button's words: 派遣部门 the first time, 重新派遣 while a department's 退回 waits, else 增派部门. */
export function routeKey(c: Case): string {
  const parts = c.assignments ?? [];
  if (parts.length === 0) return 'act.route';
  return parts.some((a, i) => a.status === 'SENT_BACK' && !parts.slice(i + 1).some((b) => b.department === a.department)) ? 'act.reroute' : 'act.addDepartments';
}

/**
 * Puts controls of the caller's own into the dialog openDialog just opened (its form is built synchronously):
 * before the fields ({@code first}) or after them, above the form's error line. Their `.field-error[data-field]`
 * slots receive the messages of an ApiProblem thrown by onConfirm, as the dialog's own fields do.
 */
function insertInto(testid: string, el: HTMLElement, first: boolean): void {
  const form = document.querySelector<HTMLFormElement>(`dialog[data-testid="${CSS.escape(testid)}"] form`);
  if (!form) return;
  const anchor = first ? form.querySelector('.field, .error') : form.querySelector('.error');
  form.insertBefore(el, anchor);
}

/** The first {@code n} characters, with … when there was more. */
export function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}
