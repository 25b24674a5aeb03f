import type { PageTab } from './tabbed-page';
import { LEADS_TAB } from './alliance-leads';
import { REWARDS_TAB } from './alliance-rewards';
import { FUND_TAB } from './alliance-fund';

/**
 * The tabs of the alliance's page (平安联盟工作台), in the order they are shown: the police station's
 * work on the 平安联盟 (applications, members, teams, equipment, training, rosters), leads and rewards
 * with the fund, the figures. Each feature adds its own.
 */
export const TABS: PageTab[] = [LEADS_TAB, REWARDS_TAB, FUND_TAB];
