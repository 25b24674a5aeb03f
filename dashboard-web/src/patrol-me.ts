import { esc } from './html';
import { dateTime } from './dates';
import type { MeView, PatrolPanel } from './patrol-panels';

const ROLES: Record<string, string> = { PATROL: '平安联盟', POLICE: '民警', GRID_WORKER: '网格员' };

/** The age of a position in words: 12 秒前, 3 分钟前, 2 小时前. */
export function ageWords(s: number): string {
  if (s < 60) return `${s} 秒前`;
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`;
  return `${Math.floor(s / 3600)} 小时前`;
}

function render(el: HTMLElement, me: MeView | null): void {
  if (!me) {
    el.innerHTML = '<p class="muted">没有您的队员档案，请联系指挥中心。</p>';
    return;
  }
  const m = me.member;
  const where = m.locatedAt && me.positionAgeS !== null
    ? `${esc(me.positionSourceLabel ?? '')}，${esc(ageWords(me.positionAgeS))}（${esc(dateTime(m.locatedAt))}）`
    : '尚无位置';
  el.innerHTML = '<dl class="p-facts">' +
    `<dt>姓名</dt><dd data-testid="me-name">${esc(m.name)}</dd>` +
    `<dt>身份</dt><dd>${esc(ROLES[m.role] ?? m.role)}${m.affiliation ? ` · ${esc(m.affiliation)}` : ''}</dd>` +
    `<dt>状态</dt><dd data-testid="me-state">${esc(me.stateLabel)}</dd>` +
    `<dt>巡逻终端</dt><dd>${esc(m.deviceId ?? '未配发')}</dd>` +
    `<dt>当前位置</dt><dd data-testid="me-position">${where}</dd>` +
    '</dl><p class="muted">位置只取一个来源：手机刚上报过定位时以手机为准，否则以巡逻终端为准。</p>';
}

/** 我的档案: the member's own record as the command center sees it, with where their position comes from. */
export const mePanel: PatrolPanel = {
  id: 'me',
  title: '我的档案',
  mount(el, ctx) {
    render(el, ctx.me());
    ctx.onMe((me) => render(el, me));
  },
};
