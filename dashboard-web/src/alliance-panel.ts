import type { Api } from './api';
import { esc } from './html';
import { allianceFiguresHtml, type AllianceSummary, type LeadStats } from './alliance-figures';

/**
 * The dashboard's 平安联盟 panel for the holders of alliance.stats: members by trade and team (the alliance's
 * GET /api/v1/alliance/summary; a server without it, 404, leaves that part out) and the year's leads, arrests and
 * rewards with the fund's balance (GET /api/v1/leads/stats).
 */
export async function renderAlliancePanel(el: HTMLElement, api: Api): Promise<void> {
  const [summary, stats] = await Promise.all([
    api.get<AllianceSummary>('/api/v1/alliance/summary').catch(() => null),
    api.get<LeadStats>('/api/v1/leads/stats').catch(() => null),
  ]);
  if (!summary && !stats) return;
  el.innerHTML = allianceFiguresHtml(summary, stats, esc);
  el.hidden = false;
}
