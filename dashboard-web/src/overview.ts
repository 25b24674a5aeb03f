import type { Api } from './api';
import type { Alarm, Member } from './rest';
import { esc } from './html';

/**
 * Statistics at a glance: today's alarms and requests, the three rates over the past year as
 * bars, supervision orders per unit as bars, and the members on duty. Refreshed with every
 * resynchronisation, every five minutes, and at most every 10 s while alarms and cases change.
 */
export async function renderOverview(el: HTMLElement, api: Api, alarms: Alarm[], members: Member[], supervision: boolean): Promise<void> {
  const startOfDay = new Date();
  startOfDay.setHours(0, 0, 0, 0);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  const [today, year, units] = await Promise.all([
    api.caseStats(startOfDay.toISOString()),
    api.caseStats(yearAgo.toISOString()),
    // supervision orders per unit only for the roles that read supervision (督办)
    supervision ? api.supervisionByUnit().catch(() => []) : Promise.resolve([]),
  ]);
  const alarmsToday = alarms.filter((a) => Date.parse(a.firstSeenAt) >= startOfDay.getTime()).length;
  const onDuty = members.filter((m) => m.state !== 'OFF_DUTY').length;
  const rate = (label: string, v: number | null, testid: string): string =>
    `<div class="bar-row" data-testid="${testid}"><span>${label}</span><svg viewBox="0 0 100 8" preserveAspectRatio="none">` +
    `<rect width="100" height="8" fill="#1b263b"/><rect width="${v == null ? 0 : Math.round(v * 100)}" height="8" fill="#52b788"/></svg>` +
    `<b>${v == null ? '—' : (v * 100).toFixed(1) + '%'}</b></div>`;
  const maxOrders = Math.max(1, ...units.map((u) => u.orders));
  el.innerHTML =
    `<div class="tiles"><div><b data-testid="today-alarms">${alarmsToday}</b><span>今日告警</span></div>` +
    `<div><b data-testid="today-cases">${today.total.accepted}</b><span>今日诉求</span></div>` +
    `<div><b>${year.total.overdue}</b><span>超时诉求（近一年）</span></div>` +
    `<div><b data-testid="on-duty">${onDuty}</b><span>在岗队员</span></div></div>` +
    `<h3>三率（近一年，${year.total.accepted} 件）</h3>` +
    rate('响应率', year.total.responseRate, 'rate-response') +
    rate('解决率', year.total.resolutionRate, 'rate-resolution') +
    rate('满意率', year.total.satisfactionRate, 'rate-satisfaction') +
    (units.length === 0 ? '' : '<h3>督办单（按责任单位）</h3>' + units.slice(0, 5).map((u) =>
      `<div class="bar-row"><span>${esc(u.unitName)}</span><svg viewBox="0 0 100 8" preserveAspectRatio="none">` +
      `<rect width="100" height="8" fill="#1b263b"/><rect width="${Math.round((u.orders / maxOrders) * 100)}" height="8" fill="#e63946"/></svg>` +
      `<b>${u.orders}</b></div>`).join(''));
}
