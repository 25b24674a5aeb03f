import './alliance-rewards.css';
import { ApiProblem } from './api';
import { dateTime } from './dates';
import { holds } from './holds';
import { esc } from './html';
import type { PageContext, PageTab } from './tabbed-page';
import { badge, yuan, type Reward } from './alliance-leads-types';

/**
 * 奖励审批: the rewards proposed by the police, those awaiting approval first; the police station's leader approves
 * (paid at once from the year's fund) or refuses them with a note. A payment the fund cannot cover is refused by
 * the server, whose words are shown as they are (奖励基金余额不足：…), as are its refusals of the proposer's own proposal,
 * of a reward to the approver, and of a lead re-judged invalid (四眼原则; the proposer sees no buttons on their own).
 */
const message = (e: unknown): string => (e instanceof ApiProblem || e instanceof Error ? e.message : String(e));

async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  const approve = holds(ctx.me, 'rewards.approve');
  el.innerHTML = `<div class="v-card"><h2>奖励审批 <span class="v-muted" data-testid="rewards-waiting"></span></h2>
    <p class="v-error" data-testid="reward-error" role="alert"></p>
    <div class="lr-scroll"><table class="v-table" data-testid="rewards-list"></table></div></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;

  async function list(): Promise<void> {
    const { items } = await ctx.api.get<{ items: Reward[] }>('/api/v1/rewards?limit=300');
    items.sort((a, b) => Number(b.status === 'PROPOSED') - Number(a.status === 'PROPOSED') || b.proposedAt.localeCompare(a.proposedAt));
    q('rewards-waiting').textContent = `待审批 ${items.filter((r) => r.status === 'PROPOSED').length} 笔`;
    q('rewards-list').innerHTML = `<tr><th>编号</th><th>队员</th><th>线索</th><th>类别</th><th>金额</th><th>事由</th><th>提请</th><th>状态</th><th></th></tr>` +
      (items.length === 0 ? '<tr><td colspan="9" class="v-muted">暂无奖励</td></tr>' : items.map((r) => `
        <tr data-testid="reward-row-${r.id}"><td>${r.id}</td><td>${esc(r.member)}</td><td>#${r.leadId} ${esc(r.leadText)}</td><td>${esc(r.kindLabel)}</td>
          <td class="lr-money">${yuan(r.amountYuan)}</td><td>${esc(r.reason)}</td><td>${esc(r.proposedBy)}<br><span class="v-muted">${dateTime(r.proposedAt)}</span></td>
          <td><span class="v-badge ${badge(r.status)}" data-testid="reward-status-${r.id}">${esc(r.statusLabel)}</span>
            ${r.decidedAt ? `<br><span class="v-muted">${esc(r.decidedBy)} ${dateTime(r.decidedAt)}${r.decisionNote ? `：${esc(r.decisionNote)}` : ''}</span>` : ''}</td>
          <td>${approve && r.status === 'PROPOSED' && r.proposedBy === ctx.session.username
            ? `<span class="v-muted" data-testid="reward-own-${r.id}">本人提请，须由其他审批人审批（四眼原则）</span>`
            : approve && r.status === 'PROPOSED' ? `<input class="lr-note" placeholder="审批意见（不批准时必填）" data-testid="reward-note-${r.id}" />
            <button type="button" class="v-btn primary" data-approve="${r.id}" data-testid="reward-approve-${r.id}">批准并支付</button>
            <button type="button" class="v-btn" data-refuse="${r.id}" data-testid="reward-refuse-${r.id}">不批准</button>` : ''}</td></tr>`).join(''));
    const decide = (id: number, action: string) => async () => {
      q('reward-error').textContent = '';
      const note = (el.querySelector(`[data-testid="reward-note-${id}"]`) as HTMLInputElement).value.trim();
      try {
        await ctx.api.post(`/api/v1/rewards/${id}/${action}`, { note: note || null });
        await list();
      } catch (e) {
        q('reward-error').textContent = message(e);
      }
    };
    el.querySelectorAll<HTMLButtonElement>('[data-approve]').forEach((b) => b.addEventListener('click', decide(Number(b.dataset.approve), 'approve')));
    el.querySelectorAll<HTMLButtonElement>('[data-refuse]').forEach((b) => b.addEventListener('click', decide(Number(b.dataset.refuse), 'refuse')));
  }

  await list();
}

export const REWARDS_TAB: PageTab = { id: 'rewards', label: '奖励审批', permission: 'rewards.read', mount };
