import './village.css';
import { tabOf } from './village-alerts';
import { runTabbedPage } from './tabbed-page';
import { TABS } from './village-tabs';

/**
 * The village's and community's page (村（居）务工作台): the two committees, the mediation team and grid
 * workers each see the tabs their permissions reach (GET /api/v1/me), nothing else. The mediation
 * team opens on mediation.
 */
runTabbedPage({ tabs: TABS, mainWork: { MEDIATOR: 'mediation' }, tabOf });
