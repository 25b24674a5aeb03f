import './village.css';
import { runTabbedPage } from './tabbed-page';
import { TABS } from './alliance-tabs';

/**
 * The alliance's page (平安联盟工作台) for the police station that leads the 平安联盟, its leaders and the
 * district: each sees the tabs their permissions reach (GET /api/v1/me), nothing else. The police
 * station's leaders open on the rewards waiting for their approval.
 */
runTabbedPage({
  tabs: TABS,
  mainWork: { POLICE_LEADER: 'rewards' },
  tabOf: (a) => (a.kind.startsWith('reward') ? 'rewards' : a.kind.startsWith('lead') ? 'leads' : a.kind.startsWith('alliance') ? 'members' : null),
});
