import type { PageTab } from './tabbed-page';
import { APPLICATIONS_TAB } from './alliance-applications';
import { MEMBERS_TAB } from './alliance-members';
import { TEAMS_TAB } from './alliance-teams';
import { DUTY_TABS } from './alliance-duty';
import { faceWatchlistTab } from './face-watchlist';
import { facePassagesTab } from './face-passages';
import { LEADS_TAB } from './alliance-leads';
import { REWARDS_TAB } from './alliance-rewards';
import { FUND_TAB } from './alliance-fund';

/**
 * The tabs of the alliance's page (平安联盟工作台), in the order they are shown: the police station's
 * work on the 平安联盟 (applications, members, teams, equipment, training, rosters), leads and rewards
 * with the fund, the figures. Each feature adds its own.
 */
export const TABS: PageTab[] = [
  APPLICATIONS_TAB,
  MEMBERS_TAB,
  TEAMS_TAB,
  ...DUTY_TABS,
  LEADS_TAB,
  REWARDS_TAB,
  FUND_TAB,
  faceWatchlistTab,
  facePassagesTab,
];
