import type { Api } from './api';
import type { Case, Department, Me, Supervision, UnitRow } from './rest';
import { esc } from './html';
import { formatTime, t } from './i18n';

/** A period of the overview: [from, to) as instants, and the month when it is one (for the monthly report). */
interface Period {
  from: string;
  to: string;
  month: string | null;
}

const KINDS = ['STREET', 'COMMUNITY', 'DEPARTMENT'] as const;
const ENDED = new Set(['CLOSED', 'WITHDRAWN', 'REJECTED', 'MERGED']);

/** YYYY-MM of the month `offset` months from now, in Asia/Shanghai. */
function monthOf(offset: number): string {
  const now = new Date(Date.now() + 8 * 3600_000); // Shanghai wall time, read in UTC
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00`, month };
}

/** Days as the date inputs give them (YYYY-MM-DD, Shanghai), both included. */
function dayPeriod(first: string, last: string): Period {
  const end = new Date(Date.parse(`${last}T00:00:00+08:00`) + 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  return { from: `${first}T00:00:00+08:00`, to: `${end}T00:00:00+08:00`, month: null };
}

const pct = (v: number | null | undefined): string => (v == null ? '—' : (v * 100).toFixed(1) + '%');

/**
 * The district overview (区情总览) of the district's leaders and its center: for a period (this
 * month, the previous one, or chosen days) a ranked table per street, community and department —
 * accepted, closed, overdue, complex, the three rates, supervision orders — each row opening that
 * unit's cases; the overdue cases and the supervision orders as lists; the monthly report as XLSX
 * or CSV. A case opens on the map ({@link showCase}).
 */
export class DistrictOverview {
  private period: Period = monthPeriod(monthOf(0));
  private departments: Department[] = [];

  constructor(
    private readonly el: HTMLElement,
    private readonly api: Api,
    me: Me,
    private readonly showCase: (id: number) => void,
    private readonly onToggle: (open: boolean) => void,
  ) {
    el.innerHTML =
      `<div class="head"><h2>${t('district.title')}<span class="area">${esc(me.areaName ?? '')}</span></h2>` +
      `<button type="button" class="link" data-testid="district-close">${t('district.close')}</button></div>` +
      `<div class="controls"><label>${t('district.period')} <select data-testid="district-period">` +
      `<option value="this">${t('district.thisMonth')}</option><option value="last">${t('district.lastMonth')}</option>` +
      `<option value="custom">${t('district.custom')}</option></select></label>` +
      `<span class="custom" hidden><input type="date" data-testid="district-from"> – <input type="date" data-testid="district-to">` +
      `<button type="button" data-testid="district-apply">${t('district.apply')}</button></span>` +
      `<span class="range" data-testid="district-range"></span><span class="spacer"></span>` +
      `<button type="button" data-testid="export-xlsx">${t('district.export')} XLSX</button>` +
      `<button type="button" data-testid="export-csv">${t('district.export')} CSV</button></div>` +
      `<p class="error" data-testid="district-error" role="alert"></p>` +
      `<section class="drill" data-testid="drill" hidden></section>` +
      `<div class="tables" data-testid="unit-tables"></div>` +
      `<div class="lists"><section><h3>${t('district.overdue')} <span class="count" data-testid="overdue-count"></span></h3>` +
      `<ol class="items" data-testid="overdue-list"></ol></section>` +
      `<section><h3>${t('district.supervision')} <span class="count" data-testid="supervision-count"></span></h3>` +
      `<ol class="items" data-testid="supervision-list"></ol></section></div>`;
    const select = el.querySelector<HTMLSelectElement>('[data-testid="district-period"]')!;
    const custom = el.querySelector<HTMLElement>('.custom')!;
    select.addEventListener('change', () => {
      custom.hidden = select.value !== 'custom';
      if (select.value !== 'custom') {
        this.period = monthPeriod(monthOf(select.value === 'last' ? -1 : 0));
        void this.refresh();
      }
    });
    el.querySelector('[data-testid="district-apply"]')!.addEventListener('click', () => {
      const first = el.querySelector<HTMLInputElement>('[data-testid="district-from"]')!.value;
      const last = el.querySelector<HTMLInputElement>('[data-testid="district-to"]')!.value;
      if (!first || !last || first > last) {
        this.error(t('district.badRange'));
        return;
      }
      this.period = dayPeriod(first, last);
      void this.refresh();
    });
    el.querySelector('[data-testid="district-close"]')!.addEventListener('click', () => this.toggle(false));
    el.querySelector('[data-testid="export-xlsx"]')!.addEventListener('click', () => void this.export('xlsx'));
    el.querySelector('[data-testid="export-csv"]')!.addEventListener('click', () => void this.export('csv'));
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  toggle(open = !this.open): void {
    this.el.hidden = !open;
    this.onToggle(open);
    if (open) void this.refresh();
  }

  private error(message: string): void {
    this.el.querySelector('[data-testid="district-error"]')!.textContent = message;
  }

  /** The tables and lists for the chosen period, loaded again. */
  async refresh(): Promise<void> {
    this.error('');
    const p = this.period;
    const last = new Date(Date.parse(p.to) - 1).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    this.el.querySelector('[data-testid="district-range"]')!.textContent =
      `${new Date(p.from).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })} – ${last}`;
    try {
      const [stats, overdue, supervision, departments] = await Promise.all([
        this.api.unitStats(p.from, p.to),
        this.api.casesWhere({ overdue: 'true', limit: '500' }),
        this.api.supervision(p.from),
        this.departments.length ? Promise.resolve(this.departments) : this.api.departments().catch(() => []),
      ]);
      this.departments = departments;
      this.renderTables(stats.units);
      // the overdue cases: open and past their deadline, now (the flag is the server's one definition of overdue)
      this.renderCases(this.el.querySelector('[data-testid="overdue-list"]')!, overdue.filter((c) => c.overdue && !ENDED.has(c.status)),
        this.el.querySelector('[data-testid="overdue-count"]')!);
      this.renderSupervision(supervision.filter((s) => Date.parse(s.createdAt) < Date.parse(p.to)));
      this.el.dataset.loaded = String(Date.now());
    } catch (e) {
      this.error(`${t('district.failed')}：${(e as Error).message}`);
    }
  }

  private renderTables(rows: UnitRow[]): void {
    const box = this.el.querySelector<HTMLElement>('[data-testid="unit-tables"]')!;
    box.replaceChildren(...KINDS.map((kind) => {
      const mine = rows.filter((r) => r.kind === kind).sort((a, b) => a.rank - b.rank);
      const section = document.createElement('section');
      section.className = 'unit-table';
      section.dataset.testid = `units-${kind}`;
      section.innerHTML = `<h3>${t('district.kind.' + kind)}</h3>` + (mine.length === 0 ? `<p class="empty">${t('district.noUnits')}</p>` :
        `<table><thead><tr><th>${t('district.rank')}</th><th>${t('district.unit')}</th><th>${t('district.accepted')}</th>` +
        `<th>${t('district.closed')}</th><th>${t('district.overdueCol')}</th><th>${t('district.complex')}</th>` +
        `<th>${t('district.response')}</th><th>${t('district.resolution')}</th><th>${t('district.satisfaction')}</th>` +
        `<th>${t('district.orders')}</th></tr></thead><tbody></tbody></table>`);
      const body = section.querySelector('tbody');
      for (const r of mine) {
        const tr = document.createElement('tr');
        tr.dataset.testid = 'unit-row';
        tr.dataset.kind = kind;
        tr.dataset.unitId = String(r.unitId);
        tr.tabIndex = 0;
        tr.title = t('district.drillHint');
        tr.innerHTML = `<td>${r.rank}</td><td class="name">${esc(r.name)}${r.parentName && kind === 'COMMUNITY' ? `<small>${esc(r.parentName)}</small>` : ''}</td>` +
          `<td data-col="accepted">${r.accepted}</td><td>${r.closed}</td><td class="${r.overdue > 0 ? 'bad' : ''}">${r.overdue}</td>` +
          `<td>${r.complex}</td><td>${pct(r.responseRate)}</td><td>${pct(r.resolutionRate)}</td><td>${pct(r.satisfactionRate)}</td>` +
          `<td class="${r.supervisionOrders > 0 ? 'bad' : ''}">${r.supervisionOrders}</td>`;
        const go = (): void => void this.drill(r);
        tr.addEventListener('click', go);
        tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
        body?.append(tr);
      }
      return section;
    }));
  }

  /** A unit's cases of the period (GET /api/v1/cases, filtered there): a street's or community's by their area, a department's those routed to it (department=CODE). */
  private async drill(r: UnitRow): Promise<void> {
    const box = this.el.querySelector<HTMLElement>('[data-testid="drill"]')!;
    box.hidden = false;
    box.dataset.unitId = String(r.unitId);
    box.innerHTML = `<div class="head"><h3>${esc(r.name)} · ${t('district.casesOf')} <span class="count" data-testid="drill-count">…</span></h3>` +
      `<button type="button" class="link" data-testid="drill-close">${t('district.back')}</button></div><ol class="items" data-testid="drill-list"></ol>`;
    box.querySelector('[data-testid="drill-close"]')!.addEventListener('click', () => (box.hidden = true));
    box.scrollIntoView({ block: 'nearest' });
    const p = this.period;
    try {
      let cases: Case[];
      if (r.kind === 'DEPARTMENT') {
        const code = this.departments.find((d) => d.id === r.unitId)?.code;
        cases = code ? await this.api.casesWhere({ department: code, from: p.from, to: p.to, limit: '1000' }) : [];
      } else {
        cases = await this.api.casesWhere({ area: String(r.unitId), from: p.from, to: p.to, limit: '1000' });
      }
      this.renderCases(box.querySelector('[data-testid="drill-list"]')!, cases, box.querySelector('[data-testid="drill-count"]')!);
    } catch (e) {
      this.error(`${t('district.failed')}：${(e as Error).message}`);
    }
  }

  /** Cases as a list: reference, category, status, level and holder, overdue or not in words; a click shows the case on the map. */
  private renderCases(list: HTMLElement, cases: Case[], count: HTMLElement): void {
    count.textContent = String(cases.length);
    list.replaceChildren(...cases.map((c) => {
      const li = document.createElement('li');
      li.className = c.overdue ? 'overdue' : '';
      li.dataset.testid = 'district-case';
      li.dataset.caseRef = c.ref;
      li.dataset.caseId = String(c.id);
      li.innerHTML = `<div class="row"><b>${esc(c.ref)}</b><span>${esc(c.categoryName ?? c.category)}</span>` +
        `<span class="status">${esc(c.statusLabel ?? c.status)}</span></div>` +
        `<div class="meta">${esc(c.levelLabel ?? c.level)} · ${esc(c.holderName ?? '—')} · ` +
        `<span class="${c.overdue ? 'bad' : ''}">${t(c.overdue ? 'district.isOverdue' : 'district.inTime')}</span> · ${formatTime(c.submittedAt)}</div>` +
        `<div class="meta desc">${esc(c.description)}</div>`;
      li.addEventListener('click', () => this.showCase(c.id));
      return li;
    }));
    if (cases.length === 0) list.innerHTML = `<li class="empty">${t('district.none')}</li>`;
  }

  private renderSupervision(items: Supervision[]): void {
    const list = this.el.querySelector<HTMLElement>('[data-testid="supervision-list"]')!;
    const orders = items.filter((s) => s.kind === 'ORDER');
    this.el.querySelector('[data-testid="supervision-count"]')!.textContent = String(orders.length);
    list.replaceChildren(...orders.map((s) => {
      const li = document.createElement('li');
      li.dataset.testid = 'supervision-item';
      li.dataset.caseRef = s.ref;
      li.innerHTML = `<div class="row"><b>${esc(s.ref)}</b><span>${esc(s.unitName)}</span>` +
        `<span class="status">${t('supervision.deadline.' + s.deadline)}</span></div>` +
        `<div class="meta">${t('district.dueAt')} ${formatTime(s.dueAt)} · ${t('district.issuedAt')} ${formatTime(s.createdAt)}</div>`;
      li.addEventListener('click', () => this.showCase(s.caseId));
      return li;
    }));
    if (orders.length === 0) list.innerHTML = `<li class="empty">${t('district.none')}</li>`;
  }

  /** The report of the chosen month (or days) as a file. */
  private async export(format: 'xlsx' | 'csv'): Promise<void> {
    const p = this.period;
    const q = p.month ? `month=${p.month}` : `from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;
    try {
      await this.api.download(`/api/v1/stats/cases/report?${q}&format=${format}`);
    } catch (e) {
      this.error(`${t('district.failed')}：${(e as Error).message}`);
    }
  }
}

/** Whether the user may see the district overview: the district's leaders and center (and administrators) who read the statistics. */
export function offersDistrictOverview(me: Me): boolean {
  const stats = me.permissions.some((g) => g.permission === 'stats.read');
  return stats && (me.role === 'ADMIN' || ((me.role === 'LEADER' || me.role === 'OPERATOR') && me.areaLevel === 'DISTRICT'));
}
