export interface AllianceSummary {
  members: number;
  applied: number;
  suspended: number;
  left: number;
  byTrade: { trade: string; label: string; count: number }[];
  byTeam: { teamId: number; name: string; ledBy: string; count: number }[];
}
export interface LeadStats {
  year: number;
  leads: number;
  reviewing: number;
  valid: number;
  invalid: number;
  suspectsCaught: number;
  propertyRecoveredYuan: number;
  rewardsPaidCount: number;
  rewardsPaidYuan: number;
  fundBudgetYuan: number;
  fundBalanceYuan: number;
}
export function allianceFiguresHtml(summary: AllianceSummary | null, stats: LeadStats | null, esc: (s: string | number | null | undefined) => string): string;
