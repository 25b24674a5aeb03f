/**
 * The payloads of the 平安联盟's duty routes (/api/v1/alliance/equipment…, /training…, /rosters…), as the
 * equipment, training and roster tabs and the member's own panel on the patrol page read them.
 */

export interface EquipmentKind { code: string; label: string }
export interface EquipmentItem {
  id: number; kind: string; kindLabel: string; assetNo: string; serial: string | null; areaId: number; areaName: string;
  condition: string; conditionLabel: string; status: 'IN_STOCK' | 'ISSUED' | 'DAMAGED' | 'LOST'; statusLabel: string;
  holderId: number | null; holderName: string | null; issuedOn: string | null;
}
export interface EquipmentIssue {
  id: number; itemId: number; kindLabel: string; assetNo: string; memberId: number; memberName: string; issuedOn: string; issuedBy: string;
  returnedOn: string | null; returnedBy: string | null; condition: string | null; conditionLabel: string | null; note: string | null;
}
export interface EquipmentItemDetail { item: EquipmentItem; history: EquipmentIssue[] }
export interface EquipmentHoldings { memberId: number | null; memberName: string | null; holding: EquipmentIssue[]; history: EquipmentIssue[] }

export interface TrainingCourse { code: string; label: string; required: boolean; validityMonths: number | null; active: boolean }
export interface TrainingSession {
  id: number; course: string; courseLabel: string; areaId: number; areaName: string; heldOn: string; place: string; trainer: string;
  note: string | null; attended: number; passed: number;
}
export interface TrainingRecord {
  id: number; sessionId: number; memberId: number; memberName: string; course: string; courseLabel: string; heldOn: string; place: string;
  trainer: string; result: string; resultLabel: string; note: string | null; recordedBy: string;
}
export interface TrainingSessionDetail { session: TrainingSession; records: TrainingRecord[] }
export interface TrainingStanding { course: string; courseLabel: string; standing: 'VALID' | 'EXPIRED' | 'MISSING'; standingLabel: string;
  passedOn: string | null; expiresOn: string | null }
export interface MemberTraining {
  memberId: number | null; name: string; affiliation: string | null; cleared: boolean; refusal: string | null;
  standings: TrainingStanding[]; records: TrainingRecord[];
}

export interface DutyTeam { id: number; name: string; areaId: number; areaName: string; ledBy: string }
export interface DutyShiftMember { memberId: number; name: string; affiliation: string | null; state: string; stateLabel: string; onDuty: boolean; absent: boolean }
export interface DutyShift {
  id: number; areaId: number; areaName: string; teamId: number | null; teamName: string | null; day: string; start: string; end: string;
  startsAt: string; endsAt: string; place: string; tourId: number | null; tourName: string | null; note: string | null; now: boolean;
  members: DutyShiftMember[];
}
export interface DutyShiftList { from: string; to: string; teamId: number | null; items: DutyShift[] }
export interface DutyNowBoard {
  at: string; scheduled: number; present: number; absent: number; shifts: DutyShift[];
  unscheduled: { memberId: number; name: string; affiliation: string | null; state: string; stateLabel: string }[];
}
export interface MemberShifts { memberId: number | null; name: string | null; state: string | null; stateLabel: string | null; items: DutyShift[] }

/** An ISO day (2027-01-31) as 2027年1月31日. */
export const chineseDay = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The weekday of an ISO day, in Chinese (周一 … 周日). */
export const weekday = (iso: string): string => ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][new Date(`${iso}T12:00:00Z`).getUTCDay()];

/** An ISO day moved by {@code n} days. */
export const addDays = (iso: string, n: number): string => {
  const t = new Date(`${iso}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

/** A refusal's words (the problem document's detail). */
export const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
