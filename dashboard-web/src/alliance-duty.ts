import { equipmentTab } from './alliance-equipment';
import { rostersTab } from './alliance-rosters';
import { trainingTab } from './alliance-training';

/** The 平安联盟's duty on the alliance's page: equipment, training, rosters and who is on duty now. */
export const DUTY_TABS = [equipmentTab, trainingTab, rostersTab];
