import { ApiProblem } from './api';
import { dateTime } from './dates';
import { holds } from './holds';
import { esc } from './html';
import type { PageContext, PageTab } from './tabbed-page';
import { yuan } from './alliance-leads-types';

/**
 * 奖励基金: the district's fund of a year (Beijing time) with its ledger (年度拨付, 追加, 奖励支出, 冲正) and balance, the
 * year's report of paid rewards (by member, trade and kind) as a page to print, and for administrators the money put in.
 */
interface Movement { id: number; kindLabel: string; signedYuan: number; balanceAfterYuan: number; rewardId: number | null; actor: string; at: string; note: string | null }
interface Fund { areaName: string; year: number; exists: boolean; budgetYuan: number; balanceYuan: number; paidYuan: number; movements: Movement[] }
interface Group { name: string; detail: string | null; count: number; amountYuan: number }
interface Report { areaName: string; year: number; paidCount: number; paidYuan: number; budgetYuan: number; balanceYuan: number; byMember: Group[];
  byTrade: Group[]; byKind: Group[]; rewards: { rewardId: number; leadId: number; member: string; affiliation: string | null; kindLabel: string;
    amountYuan: number; reason: string; paidAt: string; approvedBy: string }[] }

const message = (e: unknown): string => (e instanceof ApiProblem || e instanceof Error ? e.message : String(e));

const groups = (title: string, gs: Group[], testid: string): string => `<h3>${title}</h3><table class="v-table" data-testid="${testid}">
  <tr><th>${title.replace('按', '')}</th><th>笔数</th><th>金额</th></tr>${gs.map((g) => `<tr><td>${esc(g.name)}${g.detail ? `（${esc(g.detail)}）` : ''}</td>
  <td>${g.count}</td><td class="lr-money">${yuan(g.amountYuan)}</td></tr>`).join('') || '<tr><td colspan="3" class="v-muted">暂无</td></tr>'}</table>`;

async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  // the server's year (its clock, Beijing time), not the browser's: the fund of the current year without a year asked for
  const current = await ctx.api.get<Fund>('/api/v1/rewards/fund');
  const year = current.year;
  el.innerHTML = `
    <div class="v-card lr-no-print"><h2>奖励基金 <select data-testid="fund-year">${[year, year - 1, year - 2].map((y) => `<option value="${y}">${y} 年度</option>`).join('')}</select></h2>
      <div class="lr-figures" data-testid="fund-figures"></div>
      <p class="v-error" data-testid="fund-error"></p>
      <div data-testid="fund-manage" hidden></div>
      <h3>台账</h3><div class="lr-scroll"><table class="v-table" data-testid="fund-ledger"></table></div></div>
    <div class="v-card lr-report" data-testid="fund-report"></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  const select = q<HTMLSelectElement>('fund-year');

  async function draw(): Promise<void> {
    const y = Number(select.value);
    const [fund, report] = await Promise.all([ctx.api.get<Fund>(`/api/v1/rewards/fund?year=${y}`), ctx.api.get<Report>(`/api/v1/rewards/report?year=${y}`)]);
    q('fund-figures').innerHTML = `<div><b data-testid="fund-budget">${yuan(fund.budgetYuan)}</b><span>${fund.exists ? '年度预算（拨付及追加）' : '年度拨付（尚未启用）'}</span></div>
      <div><b data-testid="fund-balance">${yuan(fund.balanceYuan)}</b><span>余额</span></div>
      <div><b data-testid="fund-paid">${yuan(fund.paidYuan)}</b><span>已支出奖励</span></div>`;
    q('fund-ledger').innerHTML = `<tr><th>时间</th><th>类别</th><th>金额</th><th>余额</th><th>经办</th><th>说明</th></tr>` +
      (fund.movements.length === 0 ? '<tr><td colspan="6" class="v-muted">本年度基金尚未启用</td></tr>' : fund.movements.slice().reverse().map((m) => `
        <tr data-testid="fund-movement-${m.id}"><td>${dateTime(m.at)}</td><td>${esc(m.kindLabel)}</td><td class="lr-money">${m.signedYuan < 0 ? '−' : '+'}${yuan(Math.abs(m.signedYuan))}</td>
          <td class="lr-money">${yuan(m.balanceAfterYuan)}</td><td>${esc(m.actor === 'system' ? '系统' : m.actor)}</td><td>${esc(m.note)}</td></tr>`).join(''));
    q('fund-report').innerHTML = `<h2>${esc(report.areaName)} ${report.year} 年度平安联盟线索奖励发放报告</h2>
      <p data-testid="report-totals">共发放奖励 <b>${report.paidCount}</b> 笔，合计 <b>${yuan(report.paidYuan)}</b>；年度预算 ${yuan(report.budgetYuan)}，余额 ${yuan(report.balanceYuan)}。</p>
      ${report.rewards.length < report.paidCount ? `<p class="v-muted" data-testid="report-scope">以上合计为全区基金；以下分组与明细只列本辖区的 ${report.rewards.length} 笔。</p>` : ''}
      <div class="v-actions lr-no-print"><button type="button" class="v-btn" data-testid="fund-print">打印报告</button></div>
      ${groups('按队员', report.byMember, 'report-by-member')}${groups('按行业', report.byTrade, 'report-by-trade')}${groups('按类别', report.byKind, 'report-by-kind')}
      <h3>明细</h3><table class="v-table" data-testid="report-rewards"><tr><th>支付时间</th><th>队员</th><th>线索</th><th>类别</th><th>事由</th><th>金额</th><th>批准人</th></tr>
      ${report.rewards.map((r) => `<tr><td>${dateTime(r.paidAt)}</td><td>${esc(r.member)}</td><td>#${r.leadId}</td><td>${esc(r.kindLabel)}</td><td>${esc(r.reason)}</td>
        <td class="lr-money">${yuan(r.amountYuan)}</td><td>${esc(r.approvedBy)}</td></tr>`).join('') || '<tr><td colspan="7" class="v-muted">暂无</td></tr>'}</table>
      <p class="v-muted">打印时间：${dateTime(new Date().toISOString())}（北京时间）</p>`;
    q('fund-print').addEventListener('click', () => {
      document.body.classList.add('lr-printing');
      window.print();
      document.body.classList.remove('lr-printing');
    });
  }

  if (holds(ctx.me, 'fund.manage')) {
    const box = q('fund-manage');
    box.hidden = false;
    box.innerHTML = `<h3>基金维护</h3><div class="v-form">
      <label>类别<select name="kind" data-testid="fund-kind"><option value="TOP_UP">追加</option><option value="ALLOCATION">年度拨付（未启用的年度）</option></select></label>
      <label>金额（元）<input name="amount" type="number" min="1" step="0.01" data-testid="fund-amount" /></label>
      <label class="wide">说明<input name="note" data-testid="fund-note" /></label></div>
      <div class="v-actions"><button type="button" class="v-btn" data-testid="fund-save">保存</button></div>`;
    box.querySelector('[data-testid="fund-save"]')?.addEventListener('click', async () => {
      const v = (n: string) => (box.querySelector(`[name="${n}"]`) as HTMLInputElement).value.trim();
      q('fund-error').textContent = '';
      try {
        await ctx.api.post('/api/v1/rewards/fund/movements', { year: Number(select.value), kind: v('kind'), amountYuan: Number(v('amount')), note: v('note') || null });
        await draw();
      } catch (e) {
        q('fund-error').textContent = message(e);
      }
    });
  }
  select.addEventListener('change', () => void draw().catch((e) => (q('fund-error').textContent = message(e))));
  await draw();
}

export const FUND_TAB: PageTab = { id: 'fund', label: '奖励基金', permission: 'fund.read', mount };
