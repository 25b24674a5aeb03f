/** Leads and rewards as GET /api/v1/leads and /api/v1/rewards give them (the leads module's views). */
export interface Lead {
  id: number; memberId: number; member: string; affiliation: string | null; text: string; photoUrl: string | null; lon: number; lat: number;
  status: 'NEW' | 'REVIEWING' | 'VALID' | 'INVALID'; statusLabel: string; createdAt: string; reviewNote: string | null; reviewedBy: string | null;
  reviewedAt: string | null; caseId: number | null; alarmId: number | null; suspectsCaught: number; propertyDescription: string | null;
  propertyValueYuan: number | null; outcomeNote: string | null; outcomeAt: string | null; next: string[];
}

export interface Reward {
  id: number; leadId: number; leadText: string; memberId: number; member: string; affiliation: string | null; kind: string; kindLabel: string;
  amountYuan: number; reason: string; status: 'PROPOSED' | 'APPROVED' | 'REFUSED'; statusLabel: string; proposedBy: string; proposedAt: string;
  decidedBy: string | null; decidedAt: string | null; decisionNote: string | null; fundYear: number | null;
}

export const STATUS_LABELS: Record<string, string> = { NEW: '待核查', REVIEWING: '核实中', VALID: '有效', INVALID: '无效' };

/** ¥1,200.00 */
export const yuan = (v: number | null | undefined): string =>
  v == null ? '' : `¥${Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A badge's class for a status: valid and paid green, invalid and refused red. */
export const badge = (status: string): string => (status === 'VALID' || status === 'APPROVED' ? 'ok' : status === 'INVALID' || status === 'REFUSED' ? 'bad' : '');

/** What came of a lead, in words (empty when nothing was recorded). */
export function outcomeText(l: Lead): string {
  const parts: string[] = [];
  if (l.suspectsCaught > 0) parts.push(`抓获嫌疑人 ${l.suspectsCaught} 名`);
  if (l.propertyDescription) parts.push(`追回${l.propertyDescription}${l.propertyValueYuan ? `（价值 ${yuan(l.propertyValueYuan)}）` : ''}`);
  if (l.outcomeNote) parts.push(l.outcomeNote);
  return parts.join('；');
}
