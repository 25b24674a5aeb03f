import { ApiProblem } from './api';
import { dateTime } from './dates';
import { holds } from './holds';
import { esc } from './html';
import './alliance-rewards.css';
import type { PageContext, PageTab } from './tabbed-page';
import { badge, outcomeText, STATUS_LABELS, yuan, type Lead, type Reward } from './alliance-leads-types';

/**
 * 线索核查: the leads of the police's area, newest first, the 待核查 and 核实中 ones on top; a lead's detail with the
 * review (核实中 → 有效 / 无效 with what the check found), the outcome (suspects caught, property recovered), turning it
 * into a case or an alarm, and proposing a reward for it.
 */
const message = (e: unknown): string => (e instanceof ApiProblem || e instanceof Error ? e.message : String(e));

async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  const review = holds(ctx.me, 'leads.review');
  el.innerHTML = `
    <div class="v-card"><h2>线索核查</h2>
      <div class="v-actions"><label>状态 <select data-testid="leads-filter"><option value="">全部</option>
        ${Object.entries(STATUS_LABELS).map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <span class="v-muted" data-testid="leads-count"></span></div>
      <p class="v-error" data-testid="leads-error"></p>
      <div class="lr-scroll"><table class="v-table" data-testid="leads-list"></table></div></div>
    <div class="v-card" data-testid="lead-detail" hidden></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  const filter = q<HTMLSelectElement>('leads-filter');
  let selected: number | null = null;

  async function list(): Promise<void> {
    const status = filter.value;
    const { items } = await ctx.api.get<{ items: Lead[] }>(`/api/v1/leads?limit=300${status ? `&status=${status}` : ''}`);
    // the queue first: what waits for a check, then what is being checked, then the rest
    const rank = (l: Lead) => (l.status === 'NEW' ? 0 : l.status === 'REVIEWING' ? 1 : 2);
    items.sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
    q('leads-count').textContent = `共 ${items.length} 条`;
    q('leads-list').innerHTML = `<tr><th>编号</th><th>提交时间</th><th>队员</th><th>线索</th><th>状态</th><th>成果</th><th></th></tr>` +
      (items.length === 0 ? '<tr><td colspan="7" class="v-muted">暂无线索</td></tr>' : items.map((l) => `
        <tr data-testid="lead-row-${l.id}"><td>${l.id}</td><td>${dateTime(l.createdAt)}</td><td>${esc(l.member)}</td><td>${esc(l.text)}</td>
          <td><span class="v-badge ${badge(l.status)}" data-testid="lead-status-${l.id}">${esc(l.statusLabel)}</span></td><td>${esc(outcomeText(l))}</td>
          <td><button type="button" class="v-btn" data-open="${l.id}" data-testid="lead-open-${l.id}">${review ? '办理' : '查看'}</button></td></tr>`).join(''));
    q('leads-list').querySelectorAll<HTMLButtonElement>('[data-open]').forEach((b) => b.addEventListener('click', () => void show(Number(b.dataset.open))));
  }

  async function show(id: number): Promise<void> {
    selected = id;
    const [l, rewards] = await Promise.all([
      ctx.api.get<Lead>(`/api/v1/leads/${id}`),
      holds(ctx.me, 'rewards.read') ? ctx.api.get<{ items: Reward[] }>(`/api/v1/rewards?leadId=${id}`).then((r) => r.items) : Promise.resolve([] as Reward[]),
    ]);
    const box = q('lead-detail');
    box.hidden = false;
    box.innerHTML = `
      <h2 data-testid="lead-title">线索 #${l.id} <span class="v-badge ${badge(l.status)}" data-testid="lead-detail-status">${esc(l.statusLabel)}</span></h2>
      <p>${esc(l.member)}${l.affiliation && !l.member.includes(l.affiliation) ? `（${esc(l.affiliation)}）` : ''} · ${dateTime(l.createdAt)} · 位置 ${l.lon.toFixed(5)}, ${l.lat.toFixed(5)}</p>
      <p>${esc(l.text)}</p>${l.photoUrl ? `<p><a href="${esc(l.photoUrl)}" target="_blank" rel="noopener">现场照片</a></p>` : ''}
      ${l.reviewNote ? `<p><b>核查情况：</b>${esc(l.reviewNote)} <span class="v-muted">${esc(l.reviewedBy)} ${dateTime(l.reviewedAt)}</span></p>` : ''}
      ${outcomeText(l) ? `<p data-testid="lead-outcome"><b>成果：</b>${esc(outcomeText(l))}</p>` : ''}
      ${l.caseId ? `<p>已转为诉求（编号 ${l.caseId}）</p>` : ''}${l.alarmId ? `<p>已转为告警（编号 ${l.alarmId}）</p>` : ''}
      ${rewards.length ? `<h3>奖励</h3><ul>${rewards.map((r) => `<li data-testid="lead-reward-${r.id}">${esc(r.member)} ${yuan(r.amountYuan)}（${esc(r.kindLabel)}，${esc(r.reason)}）
        <span class="v-badge ${badge(r.status)}">${esc(r.statusLabel)}</span></li>`).join('')}</ul>` : ''}
      <p class="v-error" data-testid="lead-error"></p>
      ${review ? forms(l) : ''}`;
    const val = (name: string) => (box.querySelector(`[name="${name}"]`) as HTMLInputElement | null)?.value.trim() ?? '';
    const on = (tid: string, call: () => Promise<unknown>) => box.querySelector(`[data-testid="${tid}"]`)?.addEventListener('click', async () => {
      (box.querySelector('[data-testid="lead-error"]') as HTMLElement).textContent = '';
      try {
        await call();
        await list();
        if (selected !== null) await show(selected);
      } catch (e) {
        (box.querySelector('[data-testid="lead-error"]') as HTMLElement).textContent = message(e);
      }
    });
    const base = `/api/v1/leads/${id}`;
    on('review-save', () => ctx.api.post(`${base}/review`, { status: val('status'), note: val('note') }));
    on('outcome-save', () => ctx.api.post(`${base}/outcome`, { suspectsCaught: Number(val('suspects') || 0), propertyDescription: val('property') || null,
      propertyValueYuan: val('value') ? Number(val('value')) : null, note: val('outcomeNote') || null }));
    on('to-case', () => ctx.api.post(`${base}/to-case`, { note: val('convertNote') }));
    on('to-alarm', () => ctx.api.post(`${base}/to-alarm`, { note: val('convertNote') }));
    on('reward-propose', () => ctx.api.post('/api/v1/rewards', { leadId: id, amountYuan: Number(val('amount')), reason: val('reason') }));
  }

  function forms(l: Lead): string {
    const propose = holds(ctx.me, 'rewards.propose') && l.status === 'VALID';
    return `
      ${l.next.length ? `<h3>${l.status === 'VALID' || l.status === 'INVALID' ? '修改核查结论' : '核查'}</h3><div class="v-form">
        <label>核查结论<select name="status" data-testid="review-status"><option value="">请选择</option>${l.next.map((s) => `<option value="${s}">${STATUS_LABELS[s]}</option>`).join('')}</select></label>
        <label class="wide">核查情况<textarea name="note" rows="2" data-testid="review-note" placeholder="判定有效或无效时必填"></textarea></label>
      </div><div class="v-actions"><button type="button" class="v-btn primary" data-testid="review-save">保存核查结论</button></div>` : ''}
      ${l.status === 'VALID' ? `<h3>登记成果</h3><div class="v-form">
        <label>抓获嫌疑人（名）<input name="suspects" type="number" min="0" value="${l.suspectsCaught}" data-testid="outcome-suspects" /></label>
        <label>追回财物<input name="property" value="${esc(l.propertyDescription)}" data-testid="outcome-property" /></label>
        <label>财物价值（元）<input name="value" type="number" min="0" step="0.01" value="${l.propertyValueYuan ?? ''}" data-testid="outcome-value" /></label>
        <label>其他<input name="outcomeNote" value="${esc(l.outcomeNote)}" /></label>
      </div><div class="v-actions"><button type="button" class="v-btn" data-testid="outcome-save">保存成果</button></div>` : ''}
      ${!l.caseId || !l.alarmId ? `<h3>转办</h3><div class="v-form"><label class="wide">转办说明<input name="convertNote" data-testid="convert-note" /></label></div>
        <div class="v-actions">${l.alarmId ? '' : '<button type="button" class="v-btn" data-testid="to-alarm">转为告警（出警）</button>'}
        ${l.caseId ? '' : '<button type="button" class="v-btn" data-testid="to-case">转为诉求</button>'}</div>` : ''}
      ${propose ? `<h3>提请奖励</h3><div class="v-form">
        <label>金额（元）<input name="amount" type="number" min="1" step="0.01" data-testid="reward-amount" /></label>
        <label class="wide">事由<input name="reason" data-testid="reward-reason" value="${l.suspectsCaught > 0 ? `提供线索协助抓获嫌疑人 ${l.suspectsCaught} 名` : '提供有效线索'}" /></label>
      </div><div class="v-actions"><button type="button" class="v-btn primary" data-testid="reward-propose">提请奖励</button></div>` : ''}`;
  }

  filter.addEventListener('change', () => void list().catch((e) => (q('leads-error').textContent = message(e))));
  await list();
}

export const LEADS_TAB: PageTab = { id: 'leads', label: '线索核查', permission: 'leads.read', mount };
