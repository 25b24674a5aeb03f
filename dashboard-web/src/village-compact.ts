import './village-compact.css';
import { ApiProblem } from './api';
import { dateTime, today } from './dates';
import { holds } from './holds';
import { esc } from './html';
import type { VillageContext, VillageTab } from './village-tabs';

/**
 * 小公约 (the village compact): the version in force by category (printable), drafts with editing and the
 * "提交四议两公开" button, the report form for grid workers (phone width, camera photo), violations with the
 * committee's decisions (认定处罚 / 不予认定 / 整改恢复), appeals, households' records and the welfare
 * suspensions. What each user sees follows their permissions (GET /api/v1/me).
 */

type Category = 'SHALL' | 'MUST_NOT' | 'PENALTY' | 'RESTORATION';
type Effect = 'WELFARE_SUSPENDED' | 'HONOURS_EXCLUDED' | 'MEASURE';

interface Article {
  number: number;
  category: Category;
  categoryLabel: string;
  text: string;
  effects: Effect[];
  effectLabels: string[];
  measure: string | null;
  lifts: number[];
  condition: string | null;
  refs: number[];
}

interface Version {
  id: number;
  areaId: number;
  areaName: string;
  number: number;
  title: string;
  state: string;
  stateLabel: string;
  matterId: number | null;
  inForceFrom: string | null;
  supersededOn: string | null;
  articles: Article[];
}

interface Overview {
  areaId: number;
  inForce: Version | null;
  versions: Version[];
  mayManage: boolean;
}

interface Appeal {
  by: string;
  at: string;
  reason: string;
  disputeId: number | null;
  resolved: boolean | null;
  level: string | null;
  outcome: string | null;
  settledAt: string | null;
}

interface Violation {
  id: number;
  articleNo: number;
  articleText: string | null;
  versionNumber: number;
  householdId: number;
  householdCode: string | null;
  householdAddress: string | null;
  householdHead: string | null;
  description: string;
  place: string | null;
  occurredOn: string | null;
  state: string;
  stateLabel: string;
  reportedBy: string;
  reportedAt: string;
  photoIds: number[];
  decidedBy: string | null;
  decidedAt: string | null;
  penaltyArticle: number | null;
  penaltyText: string | null;
  effectLabels: string[];
  measure: string | null;
  decisionNote: string | null;
  suspendedFrom: string | null;
  restoredBy: string | null;
  restoredAt: string | null;
  restorationArticle: number | null;
  restorationEvidence: string | null;
  restorationChecker: string | null;
  restoredFrom: string | null;
  appeal: Appeal | null;
}

interface Household {
  id: number;
  gridId: number | null;
  code: string;
  address: string;
  head: string | null;
}

interface Suspension {
  householdId: number;
  householdCode: string;
  householdAddress: string;
  householdHead: string | null;
  suspendedFrom: string;
  penaltyArticle: number;
  articleNo: number;
  description: string;
  violationId: number;
  stateLabel: string;
}

interface HouseholdRecord {
  householdId: number;
  code: string;
  address: string;
  welfareSuspended: boolean;
  violations: Violation[];
}

const CATEGORIES: [Category, string][] = [['SHALL', '应当'], ['MUST_NOT', '严禁'], ['PENALTY', '处罚'], ['RESTORATION', '恢复']];
const EFFECTS: [Effect, string][] = [['WELFARE_SUSPENDED', '停发一切福利待遇'], ['HONOURS_EXCLUDED', '取消评先评优资格'], ['MEASURE', '其他处理措施']];

const day = (d: string | null): string => (d ? d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日') : '');
const nums = (s: string): number[] => s.split(/[，,、\s]+/).map((x) => Number(x)).filter((n) => Number.isInteger(n) && n > 0);
const badge = (state: string, label: string): string => {
  const cls = state === 'CONFIRMED' || state === 'APPEALED' ? 'bad' : state === 'RESTORED' || state === 'ADOPTED' ? 'ok' : '';
  return `<span class="v-badge ${cls}" data-testid="state">${esc(label)}</span>`;
};
/** The first day of next month in Asia/Shanghai (YYYY-MM-DD): when a restoration takes effect unless the committee says otherwise. */
const nextMonthStart = (): string => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

const problemText = (e: unknown): string => (e instanceof ApiProblem ? (e.errors[0] ? `${e.errors[0].message}` : e.message) : e instanceof Error ? e.message : String(e));

class CompactTab {
  private overview: Overview | null = null;
  private readonly holds: (p: string) => boolean;

  constructor(private readonly el: HTMLElement, private readonly ctx: VillageContext) {
    this.holds = (p) => holds(ctx.me, p);
  }

  async start(): Promise<void> {
    this.el.innerHTML = `
      <div class="c-compact">
        <p class="v-error" data-testid="compact-error" role="alert"></p>
        <div data-part="text"></div>
        <div data-part="versions"></div>
        <div data-part="report"></div>
        <div data-part="violations"></div>
        <div data-part="detail"></div>
        <div data-part="welfare"></div>
        <div data-part="mine"></div>
      </div>`;
    await this.reload();
  }

  private part(name: string): HTMLElement {
    return this.el.querySelector(`[data-part="${name}"]`) as HTMLElement;
  }

  private error(message: string): void {
    (this.el.querySelector('[data-testid="compact-error"]') as HTMLElement).textContent = message;
  }

  private async reload(): Promise<void> {
    this.error('');
    try {
      this.overview = await this.ctx.api.get<Overview>('/api/v1/compact');
    } catch (e) {
      this.error(`无法读取村规民约：${problemText(e)}`);
      return;
    }
    this.drawText();
    this.drawVersions();
    if (this.holds('compact.report')) await this.drawReport();
    if (this.holds('compact.records')) {
      if (this.ctx.me.role === 'RESIDENT') await this.drawMine();
      else await this.drawViolations();
    }
    if (this.holds('compact.welfare')) await this.drawWelfare();
  }

  // ---- the text in force, by category ----

  private drawText(): void {
    const v = this.overview?.inForce;
    const box = this.part('text');
    if (!v) {
      box.innerHTML = `<div class="v-card"><h2>现行村规民约</h2><p class="v-muted" data-testid="no-compact">本村尚无经四议两公开通过的村规民约。</p></div>`;
      return;
    }
    box.innerHTML = `<div class="v-card c-print" data-testid="compact-text">
      <div class="c-head"><h2>${esc(v.title)}</h2><span class="v-muted">第${v.number}版 · 自${day(v.inForceFrom)}起施行</span>
        <span class="spacer"></span><button type="button" class="v-btn" data-act="print" data-testid="compact-print">打印</button></div>
      ${CATEGORIES.map(([c, label]) => {
        const list = v.articles.filter((a) => a.category === c);
        return list.length === 0 ? '' : `<h3 class="c-cat">${label}（${list.length}条）</h3><ol class="c-articles">${list.map((a) => this.articleHtml(a)).join('')}</ol>`;
      }).join('')}
    </div>`;
    box.querySelector('[data-act="print"]')?.addEventListener('click', () => window.print());
  }

  private articleHtml(a: Article): string {
    const extra: string[] = [];
    if (a.effectLabels.length) extra.push(a.effectLabels.map((l) => `<span class="v-badge bad">${esc(l)}</span>`).join(' ') + (a.measure ? ` <span class="v-muted">（${esc(a.measure)}）</span>` : ''));
    if (a.lifts.length) extra.push(`<span class="v-badge ok">解除第${a.lifts.join('、')}条的处罚</span> <span class="v-muted">条件：${esc(a.condition)}</span>`);
    if (a.refs.length && a.category !== 'RESTORATION') extra.push(`<span class="v-muted">援引第${a.refs.join('、')}条</span>`);
    return `<li data-article="${a.number}"><b>第${a.number}条</b> ${esc(a.text)}${extra.length ? `<div class="c-meta">${extra.join(' ')}</div>` : ''}</li>`;
  }

  // ---- versions and drafts ----

  private drawVersions(): void {
    const o = this.overview;
    if (!o) return;
    const box = this.part('versions');
    const open = o.versions.find((v) => v.state === 'DRAFT' || v.state === 'PROPOSED');
    box.innerHTML = `<div class="v-card"><h2>版本</h2>
      <table class="v-table" data-testid="versions"><thead><tr><th>版本</th><th>名称</th><th>状态</th><th>施行</th><th></th></tr></thead><tbody>
      ${o.versions.map((v) => `<tr data-version="${v.number}"><td>第${v.number}版</td><td>${esc(v.title)}</td><td>${badge(v.state, v.stateLabel)}</td>
        <td>${v.inForceFrom ? `${day(v.inForceFrom)}起` : ''}${v.supersededOn ? `，${day(v.supersededOn)}废止` : ''}</td>
        <td>${v.state === 'DRAFT' && o.mayManage ? `<button type="button" class="v-btn" data-edit="${v.id}" data-testid="edit-draft">编辑草案</button>` : ''}</td></tr>`).join('')}
      </tbody></table>
      ${o.mayManage && !open ? `<div class="v-actions"><button type="button" class="v-btn primary" data-act="draft" data-testid="new-draft">起草新版本</button></div>` : ''}
      <div data-part="editor"></div></div>`;
    box.querySelector('[data-act="draft"]')?.addEventListener('click', async () => {
      try {
        const d = await this.ctx.api.post<Version>('/api/v1/compact/versions', { areaId: o.areaId });
        await this.reload();
        this.openEditor(d);
      } catch (e) {
        this.error(problemText(e));
      }
    });
    box.querySelectorAll<HTMLButtonElement>('[data-edit]').forEach((b) =>
      b.addEventListener('click', () => {
        const v = o.versions.find((x) => x.id === Number(b.dataset.edit));
        if (v) this.openEditor(v);
      }));
  }

  private openEditor(v: Version): void {
    const box = this.el.querySelector('[data-part="editor"]') as HTMLElement;
    const row = (a: Partial<Article>): string => `<div class="c-edit-row" data-row data-cat="${a.category ?? 'SHALL'}">
      <input type="number" min="1" value="${a.number ?? ''}" data-f="number" aria-label="条号" />
      <select data-f="category" aria-label="类别">${CATEGORIES.map(([c, l]) => `<option value="${c}" ${a.category === c ? 'selected' : ''}>${l}</option>`).join('')}</select>
      <textarea data-f="text" rows="2" aria-label="条文">${esc(a.text)}</textarea>
      <div class="c-edit-more">
        <span class="c-pen">处罚效果：${EFFECTS.map(([e, l]) => `<label><input type="checkbox" data-effect="${e}" ${a.effects?.includes(e) ? 'checked' : ''}/>${l}</label>`).join('')}</span>
        <label class="c-pen">措施 <input data-f="measure" value="${esc(a.measure)}" /></label>
        <label class="c-res">解除第…条 <input data-f="lifts" value="${(a.lifts ?? []).join('、')}" /></label>
        <label class="c-res">恢复条件 <input data-f="condition" value="${esc(a.condition)}" /></label>
        <label>援引第…条 <input data-f="refs" value="${(a.refs ?? []).join('、')}" /></label>
        <button type="button" class="v-btn" data-remove>删除</button>
      </div></div>`;
    box.innerHTML = `<div class="c-editor" data-testid="draft-editor"><h3>编辑第${v.number}版草案</h3>
      <label class="c-title">名称 <input data-f="title" value="${esc(v.title)}" /></label>
      <div data-rows>${v.articles.map(row).join('')}</div>
      <div class="v-actions"><button type="button" class="v-btn" data-act="add">添加条款</button>
        <button type="button" class="v-btn primary" data-act="save" data-testid="save-draft">保存草案</button>
        <button type="button" class="v-btn primary" data-act="propose" data-testid="propose">提交四议两公开</button></div>
      <p class="v-muted" data-testid="editor-status"></p></div>`;
    const rows = box.querySelector('[data-rows]') as HTMLElement;
    const status = box.querySelector('[data-testid="editor-status"]') as HTMLElement;
    const wire = (): void => {
      rows.querySelectorAll<HTMLButtonElement>('[data-remove]').forEach((b) => (b.onclick = () => b.closest('[data-row]')?.remove()));
      // a penalty's effects and a restoration's lifts show only for articles of that category
      rows.querySelectorAll<HTMLSelectElement>('[data-f="category"]').forEach((c) => (c.onchange = () => {
        const r = c.closest<HTMLElement>('[data-row]');
        if (r) r.dataset.cat = c.value;
      }));
    };
    wire();
    box.querySelector('[data-act="add"]')?.addEventListener('click', () => {
      const next = Math.max(0, ...[...rows.querySelectorAll<HTMLInputElement>('[data-f="number"]')].map((i) => Number(i.value) || 0)) + 1;
      rows.insertAdjacentHTML('beforeend', row({ number: next, category: 'SHALL', text: '' }));
      wire();
    });
    const collect = (): unknown[] => [...rows.querySelectorAll<HTMLElement>('[data-row]')].map((r) => {
      const f = (n: string): string => (r.querySelector(`[data-f="${n}"]`) as HTMLInputElement).value.trim();
      const penalty = f('category') === 'PENALTY';
      const restoration = f('category') === 'RESTORATION';
      return {
        number: Number(f('number')), category: f('category'), text: f('text'),
        effects: penalty ? [...r.querySelectorAll<HTMLInputElement>('[data-effect]')].filter((c) => c.checked).map((c) => c.dataset.effect) : [],
        measure: penalty ? f('measure') || null : null, lifts: restoration ? nums(f('lifts')) : [], condition: restoration ? f('condition') || null : null,
        refs: nums(f('refs')),
      };
    });
    const save = async (): Promise<boolean> => {
      try {
        await this.ctx.api.put<Version>(`/api/v1/compact/versions/${v.id}`, { title: (box.querySelector('[data-f="title"]') as HTMLInputElement).value, articles: collect() });
        status.textContent = '草案已保存。';
        return true;
      } catch (e) {
        status.textContent = `未保存：${problemText(e)}`;
        return false;
      }
    };
    box.querySelector('[data-act="save"]')?.addEventListener('click', () => void save());
    box.querySelector('[data-act="propose"]')?.addEventListener('click', async () => {
      if (!(await save())) return;
      try {
        // one call: the compact creates the 四议两公开 matter itself and freezes the draft
        await this.ctx.api.post(`/api/v1/compact/versions/${v.id}/propose`, {});
        await this.reload();
      } catch (e) {
        status.textContent = `未能提交四议两公开：${problemText(e)}`;
      }
    });
  }

  // ---- reporting (grid workers at phone width, the committee) ----

  private async drawReport(): Promise<void> {
    const v = this.overview?.inForce;
    const box = this.part('report');
    if (!v) {
      box.innerHTML = '';
      return;
    }
    let households: Household[] = [];
    try {
      households = (await this.ctx.api.get<{ items: Household[] }>('/api/v1/compact/households')).items;
    } catch (e) {
      this.error(problemText(e));
    }
    const duties = v.articles.filter((a) => a.category === 'SHALL' || a.category === 'MUST_NOT');
    box.innerHTML = `<div class="v-card"><h2>登记违约</h2>
      <form class="v-form c-report" data-testid="report-form">
        <label>住户<select name="household" required data-testid="report-household"><option value="">请选择</option>
          ${households.map((h) => `<option value="${h.id}">${esc(h.code)} ${esc(h.head ?? '')} ${esc(h.address)}</option>`).join('')}</select></label>
        <label>违反条款<select name="article" required data-testid="report-article"><option value="">请选择</option>
          ${duties.map((a) => `<option value="${a.number}">第${a.number}条 ${esc(a.text.slice(0, 24))}…</option>`).join('')}</select></label>
        <label class="c-wide">违约情况<textarea name="description" rows="3" required data-testid="report-description"></textarea></label>
        <label>地点<input name="place" data-testid="report-place" /></label>
        <label>发生日期<input name="occurredOn" type="date" value="${today()}" data-testid="report-date" /></label>
        <label class="c-wide">证据照片<input name="photo" type="file" accept="image/*" capture="environment" multiple data-testid="report-photo" /></label>
        <div class="v-actions c-wide"><button type="submit" class="v-btn primary" data-testid="report-submit">登记</button></div>
        <p class="v-muted c-wide" data-testid="report-status"></p>
      </form></div>`;
    const form = box.querySelector('form') as HTMLFormElement;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const status = form.querySelector('[data-testid="report-status"]') as HTMLElement;
      const data = new FormData(form);
      try {
        const x = await this.ctx.api.post<Violation>('/api/v1/compact/violations', {
          householdId: Number(data.get('household')), articleNo: Number(data.get('article')), description: String(data.get('description') ?? ''),
          place: String(data.get('place') ?? '') || null, occurredOn: String(data.get('occurredOn') ?? '') || null,
        });
        const files = (form.querySelector('[name="photo"]') as HTMLInputElement).files ?? [];
        let sent = 0;
        for (const f of Array.from(files)) {
          await this.upload(x.id, f);
          sent++;
        }
        status.textContent = `已登记（第${x.articleNo}条，证据照片 ${sent} 张），等待村“两委”认定。`;
        form.reset();
        if (this.holds('compact.records')) await this.drawViolations();
      } catch (err) {
        status.textContent = `未登记：${problemText(err)}`;
      }
    });
  }

  /** The raw picture to the violation (the dashboard's Api sends files as the raw body). */
  private async upload(id: number, file: File): Promise<void> {
    const api = this.ctx.api as unknown as { sendFile(path: string, file: Blob): Promise<Response> };
    const res = await api.sendFile(`/api/v1/compact/violations/${id}/photos`, file);
    if (!res.ok) {
      const p = (await res.json().catch(() => ({}))) as { detail?: string };
      throw new Error(`照片未上传：${p.detail ?? `HTTP ${res.status}`}`);
    }
  }

  // ---- violations and the committee's decisions ----

  private async drawViolations(): Promise<void> {
    const box = this.part('violations');
    let items: Violation[] = [];
    try {
      items = (await this.ctx.api.get<{ items: Violation[] }>('/api/v1/compact/violations')).items;
    } catch (e) {
      this.error(problemText(e));
    }
    box.innerHTML = `<div class="v-card"><h2>违约记录</h2>
      ${items.length === 0 ? '<p class="v-muted">暂无违约记录。</p>' : `<table class="v-table" data-testid="violations"><thead><tr><th>住户</th><th>条款</th><th>违约情况</th><th>状态</th><th>登记</th></tr></thead><tbody>
      ${items.map((x) => `<tr data-violation="${x.id}" class="c-click"><td>${esc(x.householdHead ?? '')} ${esc(x.householdAddress ?? '')}</td><td>第${x.articleNo}条</td>
        <td>${esc(x.description)}</td><td>${badge(x.state, x.stateLabel)}</td><td>${dateTime(x.reportedAt)}</td></tr>`).join('')}</tbody></table>`}</div>`;
    box.querySelectorAll<HTMLElement>('[data-violation]').forEach((r) => r.addEventListener('click', () => void this.openViolation(Number(r.dataset.violation))));
  }

  private async openViolation(id: number): Promise<void> {
    const box = this.part('detail');
    let x: Violation;
    try {
      x = await this.ctx.api.get<Violation>(`/api/v1/compact/violations/${id}`);
    } catch (e) {
      this.error(problemText(e));
      return;
    }
    const v = this.overview?.versions.find((y) => y.number === x.versionNumber) ?? this.overview?.inForce;
    const penalties = (v?.articles ?? []).filter((a) => a.category === 'PENALTY' && (a.refs.length === 0 || a.refs.includes(x.articleNo)));
    const restorations = (v?.articles ?? []).filter((a) => a.category === 'RESTORATION' && x.penaltyArticle != null && a.lifts.includes(x.penaltyArticle));
    const decide = this.holds('compact.decide');
    box.innerHTML = `<div class="v-card" data-testid="violation-detail"><h2>违约详情 ${badge(x.state, x.stateLabel)}</h2>
      <dl class="c-dl">
        <dt>住户</dt><dd>${esc(x.householdCode)} ${esc(x.householdHead ?? '')} ${esc(x.householdAddress)}</dd>
        <dt>违反条款</dt><dd>第${x.articleNo}条 ${esc(x.articleText)}</dd>
        <dt>违约情况</dt><dd>${esc(x.description)}${x.place ? `（${esc(x.place)}）` : ''}${x.occurredOn ? `，${day(x.occurredOn)}` : ''}</dd>
        <dt>登记</dt><dd>${esc(x.reportedBy)} ${dateTime(x.reportedAt)}</dd>
        ${x.penaltyArticle ? `<dt>处罚</dt><dd data-testid="penalty">依第${x.penaltyArticle}条：${x.effectLabels.map(esc).join('、')}${x.measure ? `（${esc(x.measure)}）` : ''}${x.suspendedFrom ? `，自${day(x.suspendedFrom)}起停发福利` : ''}；${esc(x.decidedBy)} ${dateTime(x.decidedAt)}${x.decisionNote ? `；${esc(x.decisionNote)}` : ''}</dd>` : ''}
        ${x.state === 'DISMISSED' ? `<dt>不予认定</dt><dd>${esc(x.decisionNote)}（${esc(x.decidedBy)} ${dateTime(x.decidedAt)}）</dd>` : ''}
        ${x.restorationArticle ? `<dt>恢复</dt><dd data-testid="restoration">依第${x.restorationArticle}条，自${day(x.restoredFrom)}起恢复；${esc(x.restorationEvidence)}；验收：${esc(x.restorationChecker)}（${dateTime(x.restoredAt)}）</dd>` : ''}
        ${x.appeal ? `<dt>申诉</dt><dd>${esc(x.appeal.reason)}（${dateTime(x.appeal.at)}）${x.appeal.outcome ? `；调解结果：${esc(x.appeal.outcome)}` : '；调解中'}</dd>` : ''}
      </dl>
      <div class="c-photos" data-testid="photos"></div>
      <div class="v-actions">
        ${decide && x.state === 'REPORTED' ? `<select data-f="penalty" data-testid="penalty-article">${penalties.map((a) => `<option value="${a.number}">第${a.number}条：${esc(a.effectLabels.join('、'))}</option>`).join('')}</select>
          <input data-f="note" placeholder="认定意见" /><button type="button" class="v-btn primary" data-act="confirm" data-testid="confirm">认定处罚</button>
          <input data-f="reason" placeholder="不予认定理由" /><button type="button" class="v-btn" data-act="dismiss" data-testid="dismiss">不予认定</button>` : ''}
        ${decide && x.state === 'CONFIRMED' ? `<select data-f="restoration" data-testid="restoration-article">${restorations.map((a) => `<option value="${a.number}">第${a.number}条：${esc(a.condition)}</option>`).join('')}</select>
          <input data-f="evidence" placeholder="整改情况" data-testid="restore-evidence" /><input data-f="checker" placeholder="验收人" data-testid="restore-checker" />
          <label>自<input type="date" data-f="from" data-testid="restore-from" value="${nextMonthStart()}" />起恢复</label>
          <button type="button" class="v-btn primary" data-act="restore" data-testid="restore">整改恢复</button>` : ''}
        ${this.holds('compact.appeal') && x.state === 'CONFIRMED' && !x.appeal ? `<input data-f="appeal" placeholder="申诉理由" /><button type="button" class="v-btn" data-act="appeal" data-testid="appeal">申诉调解</button>` : ''}
        <button type="button" class="v-btn" data-act="record" data-testid="household-record">本户记录</button>
      </div><p class="v-muted" data-testid="detail-status"></p><div data-part="record"></div></div>`;
    const photos = box.querySelector('[data-testid="photos"]') as HTMLElement;
    for (const p of x.photoIds) {
      this.ctx.api.photoUrl(`/api/v1/compact/violations/${x.id}/photos/${p}`).then((url) => photos.insertAdjacentHTML('beforeend', `<img src="${url}" alt="证据照片" />`)).catch(() => undefined);
    }
    const f = (n: string): string => ((box.querySelector(`[data-f="${n}"]`) as HTMLInputElement | null)?.value ?? '').trim();
    const act = (name: string, run: () => Promise<unknown>): void => {
      box.querySelector(`[data-act="${name}"]`)?.addEventListener('click', async () => {
        try {
          await run();
          await this.openViolation(id);
          await this.drawViolations();
          if (this.holds('compact.welfare')) await this.drawWelfare();
        } catch (e) {
          (box.querySelector('[data-testid="detail-status"]') as HTMLElement).textContent = problemText(e);
        }
      });
    };
    act('confirm', () => this.ctx.api.post(`/api/v1/compact/violations/${id}/confirm`, { penaltyArticle: Number(f('penalty')), note: f('note') || null }));
    act('dismiss', () => this.ctx.api.post(`/api/v1/compact/violations/${id}/dismiss`, { reason: f('reason') }));
    act('restore', () => this.ctx.api.post(`/api/v1/compact/violations/${id}/restore`, { restorationArticle: Number(f('restoration')), evidence: f('evidence'), checkedBy: f('checker'), from: f('from') || null }));
    act('appeal', () => this.ctx.api.post(`/api/v1/compact/violations/${id}/appeal`, { reason: f('appeal') }));
    box.querySelector('[data-act="record"]')?.addEventListener('click', async () => {
      try {
        const r = await this.ctx.api.get<HouseholdRecord>(`/api/v1/compact/households/${x.householdId}/record`);
        (box.querySelector('[data-part="record"]') as HTMLElement).innerHTML = this.recordHtml(r);
      } catch (e) {
        (box.querySelector('[data-testid="detail-status"]') as HTMLElement).textContent = problemText(e);
      }
    });
    box.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  private recordHtml(r: HouseholdRecord): string {
    return `<div class="c-record" data-testid="record"><h3>${esc(r.code)} ${esc(r.address)} ${r.welfareSuspended ? '<span class="v-badge bad">福利停发中</span>' : '<span class="v-badge ok">福利正常</span>'}</h3>
      <table class="v-table"><thead><tr><th>登记</th><th>条款</th><th>情况</th><th>处罚</th><th>恢复</th><th>申诉</th><th>状态</th></tr></thead><tbody>
      ${r.violations.map((x) => `<tr><td>${dateTime(x.reportedAt)}</td><td>第${x.articleNo}条</td><td>${esc(x.description)}</td>
        <td>${x.penaltyArticle ? `第${x.penaltyArticle}条：${x.effectLabels.map(esc).join('、')}${x.suspendedFrom ? `（${day(x.suspendedFrom)}起）` : ''}` : ''}</td>
        <td>${x.restorationArticle ? `第${x.restorationArticle}条，${day(x.restoredFrom)}起恢复` : ''}</td>
        <td>${x.appeal ? esc(x.appeal.outcome ?? '调解中') : ''}</td><td>${badge(x.state, x.stateLabel)}</td></tr>`).join('')}</tbody></table></div>`;
  }

  private async drawMine(): Promise<void> {
    try {
      const r = await this.ctx.api.get<HouseholdRecord>('/api/v1/compact/my-record');
      this.part('mine').innerHTML = `<div class="v-card"><h2>本户记录</h2>${this.recordHtml(r)}</div>`;
    } catch {
      this.part('mine').innerHTML = '<div class="v-card"><h2>本户记录</h2><p class="v-muted">户籍台账中没有您的住户信息。</p></div>';
    }
  }

  // ---- welfare suspensions ----

  private async drawWelfare(): Promise<void> {
    const box = this.part('welfare');
    let items: Suspension[] = [];
    try {
      items = (await this.ctx.api.get<{ items: Suspension[] }>('/api/v1/compact/welfare-suspensions')).items;
    } catch (e) {
      this.error(problemText(e));
    }
    box.innerHTML = `<div class="v-card c-print" data-testid="welfare"><div class="c-head"><h2>福利停发名单</h2><span class="spacer"></span>
      <button type="button" class="v-btn" data-act="print-welfare">打印</button></div>
      ${items.length === 0 ? '<p class="v-muted" data-testid="welfare-empty">目前没有停发福利的住户。</p>' : `<table class="v-table"><thead><tr><th>户号</th><th>户主</th><th>住址</th><th>停发起始</th><th>依据</th><th>违约情况</th></tr></thead><tbody>
      ${items.map((s) => `<tr data-suspended="${s.householdId}"><td>${esc(s.householdCode)}</td><td>${esc(s.householdHead ?? '')}</td><td>${esc(s.householdAddress)}</td>
        <td>${day(s.suspendedFrom)}</td><td>第${s.penaltyArticle}条（违反第${s.articleNo}条）</td><td>${esc(s.description)}（${esc(s.stateLabel)}）</td></tr>`).join('')}</tbody></table>`}</div>`;
    box.querySelector('[data-act="print-welfare"]')?.addEventListener('click', () => window.print());
  }
}

export const compactTab: VillageTab = {
  id: 'compact',
  label: '小公约',
  permission: 'compact.read',
  mount: (el, ctx) => new CompactTab(el, ctx).start(),
};
