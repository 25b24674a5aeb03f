import { mountDutyRecord } from './patrol-duty-record';
import type { PatrolPanel } from './patrol-panels';

/** 我的培训、装备和排班: the member's pre-duty training with its validity, the equipment they hold, their next shifts. */
export const dutyRecordPanel: PatrolPanel = {
  id: 'duty-record',
  title: '培训 · 装备 · 排班',
  roles: ['PATROL'],
  mount: (el, ctx) => mountDutyRecord(el, ctx.api),
};
