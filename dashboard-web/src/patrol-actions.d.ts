export type PatrolAction = 'on-duty' | 'off-duty' | 'back-available' | 'sos' | 'lead' | 'accept' | 'decline' | 'arrived' | 'photo' | 'resolve';
export const ACTIONS: Record<PatrolAction, string>;
export function dutyActions(state: string, offers: { stage: string }[]): PatrolAction[];
export function offerActions(stage: string): PatrolAction[];
export function stateWords(state: string, offers: { stage: string }[]): string;
