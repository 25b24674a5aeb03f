// The dashboard's 平安联盟 panel (src/alliance-figures.js) from a fixture of the alliance's summary and the leads' figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allianceFiguresHtml } from '../src/alliance-figures.js';

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const summary = {
  members: 512, applied: 7, suspended: 3, left: 12,
  byTrade: [{ trade: 'PROPERTY', label: '物业保安', count: 180 }, { trade: 'TAXI', label: '出租车司机', count: 95 }, { trade: 'SHOP', label: '<店主>', count: 60 }],
  byTeam: [{ teamId: 1, name: '松鹤园队', ledBy: '松鹤园社区警务室', count: 120 }],
};
const stats = { year: 2026, leads: 750, reviewing: 4, valid: 230, invalid: 500, suspectsCaught: 42, propertyRecoveredYuan: 81000,
  rewardsPaidCount: 88, rewardsPaidYuan: 152300, fundBudgetYuan: 250000, fundBalanceYuan: 97700 };

test('members by trade and team, and the year of leads and rewards', () => {
  const html = allianceFiguresHtml(summary, stats, esc);
  assert.match(html, /data-testid="alliance-members">512</);
  assert.match(html, /物业保安/);
  assert.match(html, /松鹤园队（松鹤园社区警务室）/);
  assert.match(html, /&lt;店主&gt;/, 'labels are escaped');
  assert.match(html, /data-testid="alliance-suspects">42</);
  assert.match(html, /data-testid="alliance-paid">¥152,300</);
  assert.match(html, /data-testid="alliance-balance">¥97,700</);
  // trades in order of size: the widest bar first
  assert.ok(html.indexOf('物业保安') < html.indexOf('出租车司机'));
});

test('without the alliance summary (404) the figures of leads still show', () => {
  const html = allianceFiguresHtml(null, stats, esc);
  assert.match(html, /队员统计暂不可用/);
  assert.match(html, /data-testid="alliance-leads">750</);
});
