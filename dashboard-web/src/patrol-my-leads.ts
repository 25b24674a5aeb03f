import { mountMyLeads } from './patrol-leads';
import type { PatrolPanel } from './patrol-panels';

/** 我的线索和奖励: the leads the member submitted with the police's judgement and outcome, and their rewards. */
export const myLeadsPanel: PatrolPanel = {
  id: 'my-leads',
  title: '我的线索 · 奖励',
  roles: ['PATROL'],
  mount: (el, ctx) => void mountMyLeads(el, ctx.api),
};
