import type { PageTab } from './tabbed-page';
import { faceWatchlistTab } from './face-watchlist';
import { facePassagesTab } from './face-passages';

/**
 * The tabs of the alliance's page (平安联盟工作台), in the order they are shown: the police station's
 * work on the 平安联盟 (applications, members, teams, equipment, training, rosters), leads and rewards
 * with the fund, the figures. Each feature adds its own.
 */
export const TABS: PageTab[] = [
  faceWatchlistTab,
  facePassagesTab,
];
