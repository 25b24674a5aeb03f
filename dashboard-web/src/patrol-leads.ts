import { dateTime } from './dates';
import { esc } from './html';
import { badge, outcomeText, yuan, type Lead, type Reward } from './alliance-leads-types';

/** What the member's page needs to read their own leads and rewards: any client with the session's token. */
export interface ReadsJson {
  get<T>(path: string): Promise<T>;
}

/**
 * 我的线索 on the patrol member's phone page: the leads they sent with where the police's check stands and what came of
 * them, and their rewards (awaiting approval, paid, refused). Read again with {@code reload()} (e.g. on a lead.judged or
 * reward.paid alert).
 */
export function mountMyLeads(el: HTMLElement, api: ReadsJson): { reload: () => Promise<void> } {
  el.innerHTML = `<h2>我的线索</h2><div data-testid="my-leads"></div><h2>我的奖励</h2><div data-testid="my-rewards"></div>
    <p class="error" data-testid="my-leads-error"></p>`;
  const q = (id: string) => el.querySelector(`[data-testid="${id}"]`) as HTMLElement;
  const reload = async (): Promise<void> => {
    try {
      const [leads, rewards] = await Promise.all([
        api.get<{ items: Lead[] }>('/api/v1/leads?limit=50').then((r) => r.items),
        api.get<{ items: Reward[] }>('/api/v1/rewards?limit=50').then((r) => r.items).catch(() => [] as Reward[]),
      ]);
      q('my-leads').innerHTML = leads.length === 0 ? '<p class="v-muted">还没有提交过线索</p>' : `<ul class="my-leads">${leads.map((l) => `
        <li data-testid="my-lead-${l.id}"><span class="v-badge ${badge(l.status)}">${esc(l.statusLabel)}</span> ${esc(l.text)}
          <br><small>${dateTime(l.createdAt)}${l.reviewNote ? ` · 核查：${esc(l.reviewNote)}` : ''}${outcomeText(l) ? ` · 成果：${esc(outcomeText(l))}` : ''}</small></li>`).join('')}</ul>`;
      const paid = rewards.filter((r) => r.status === 'APPROVED').reduce((s, r) => s + Number(r.amountYuan), 0);
      q('my-rewards').innerHTML = rewards.length === 0 ? '<p class="v-muted">暂无奖励</p>' : `<p data-testid="my-rewards-paid">已发放 ${yuan(paid)}</p><ul>${rewards.map((r) => `
        <li data-testid="my-reward-${r.id}"><b>${yuan(r.amountYuan)}</b> ${esc(r.reason)} <span class="v-badge ${badge(r.status)}">${esc(r.statusLabel)}</span>
          <br><small>线索 #${r.leadId} · ${dateTime(r.decidedAt ?? r.proposedAt)}</small></li>`).join('')}</ul>`;
      q('my-leads-error').textContent = '';
    } catch (e) {
      q('my-leads-error').textContent = e instanceof Error ? e.message : String(e);
    }
  };
  void reload();
  return { reload };
}
