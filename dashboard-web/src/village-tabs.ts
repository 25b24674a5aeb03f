import type { Api } from './api';
import type { Me, Session } from './rest';
import { decisionsTab } from './village-decisions';
import { mediationTab } from './village-mediation';
import { compactTab } from './village-compact';
import { registryTab } from './village-registry';
import { FIVESTEPS_OVERDUE_TAB, FIVESTEPS_TAB, FIVESTEPS_TASKS_TAB } from './village-fivesteps';

/** What a tab of the village page is given: the REST calls with the session's token, and who is signed in. */
export interface VillageContext {
  api: Api;
  me: Me;
  session: Session;
}

/**
 * One tab of the village page (村（居）务工作台): shown only to those who hold {@code permission} (a key of
 * the access policy, as GET /api/v1/me lists it), drawn into its own element when first opened.
 */
export interface VillageTab {
  id: string;
  label: string;
  permission: string;
  mount(el: HTMLElement, ctx: VillageContext): void | Promise<void>;
}

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
