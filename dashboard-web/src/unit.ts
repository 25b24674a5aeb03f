import type { Me } from './rest';
import { t } from './i18n';

/**
 * The unit a user works for, as the dashboard's header names it (GET /api/v1/me): the district
 * center (奎文区社会治理服务中心) for the district's operators, 区领导 · 奎文区 for its leaders, the
 * street's or community's name for their operators, the department's name for a department's
 * accounts, 社区民警 · 广文街道 for police, 网格员 · 松鹤园社区第一网格 for grid workers.
 */
export function unitTitle(me: Me): string {
  const area = me.areaName ?? '';
  switch (me.role) {
    case 'ADMIN':
      return t('unit.admin');
    case 'DEPARTMENT':
      return me.departmentName ?? withArea(me.roleLabel, area);
    case 'LEADER':
      return withArea(t('unit.leader.' + (me.areaLevel ?? 'DISTRICT')), area);
    case 'OPERATOR':
      // the district's own office is its center; a street's and a community's operators are the street and the community
      return me.areaLevel === 'DISTRICT' ? me.dutyUnit ?? area + t('unit.center') : area;
    default:
      return withArea(me.roleLabel, area);
  }
}

function withArea(who: string, area: string): string {
  return area ? `${who} · ${area}` : who;
}
