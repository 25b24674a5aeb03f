import type { PageContext, PageTab } from './tabbed-page';
import { decisionsTab } from './village-decisions';
import { mediationTab } from './village-mediation';
import { compactTab } from './village-compact';
import { registryTab } from './village-registry';
import { FIVESTEPS_OVERDUE_TAB, FIVESTEPS_TAB, FIVESTEPS_TASKS_TAB } from './village-fivesteps';

/** What a tab of the village page is given (the shell's {@link PageContext}). */
export type VillageContext = PageContext;

/** One tab of the village page (村（居）务工作台), shown to those who hold its permission. */
export type VillageTab = PageTab;

/** The tabs, in the order they are shown. Each feature adds its own. */
export const TABS: VillageTab[] = [
  registryTab,
  FIVESTEPS_TAB,
  decisionsTab,
  compactTab,
  mediationTab,
  FIVESTEPS_TASKS_TAB,
  FIVESTEPS_OVERDUE_TAB,
];
