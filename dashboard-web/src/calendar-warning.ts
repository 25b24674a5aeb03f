import type { Api } from './api';

/** GET /api/v1/calendar (ADMIN): the official years loaded and the years counted provisionally now. */
export interface CalendarOverview {
  official: { year: number; source: string; loadedBy: string; loadedAt: string }[];
  provisional: { year: number; openDeadlines: number; withinLookAhead: boolean; warning: string }[];
}

/**
 * Tells administrators which years' official holiday notice is still to be loaded (PUT
 * /api/v1/calendar/{year}) while deadlines are counted provisionally on them: a banner above the map,
 * gone once every year in use is loaded.
 */
export async function showCalendarWarnings(api: Api): Promise<void> {
  const overview = await api.calendarOverview();
  let el = document.getElementById('calendar-warning');
  if (overview.provisional.length === 0) {
    el?.remove();
    return;
  }
  if (!el) {
    el = document.createElement('div');
    el.id = 'calendar-warning';
    el.className = 'calendar-warning';
    el.setAttribute('role', 'alert');
    el.dataset.testid = 'calendar-warning';
    const app = document.getElementById('app');
    app?.insertBefore(el, app.querySelector('main'));
  }
  el.replaceChildren(
    ...overview.provisional.map((p) => {
      const line = document.createElement('div');
      line.textContent = p.warning + (p.openDeadlines > 0 ? `（${p.openDeadlines} 件未办结案件的时限为暂定）` : '');
      return line;
    }),
  );
}
