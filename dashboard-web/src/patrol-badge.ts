import { ApiProblem } from './api';
import { renderBadge, type BadgeHolder } from './alliance-badge';
import type { PatrolPanel } from './patrol-panels';

/**
 * 我的标识: the member's 平安联盟 badge with its QR code (GET /api/v1/alliance/me), to show whoever asks
 * who they are; anyone can scan it and check name, team and status on the public page.
 */
export const badgePanel: PatrolPanel = {
  id: 'badge',
  title: '平安联盟标识',
  roles: ['PATROL'],
  async mount(el, ctx) {
    try {
      renderBadge(el, await ctx.api.get<BadgeHolder>('/api/v1/alliance/me'));
    } catch (e) {
      el.innerHTML = e instanceof ApiProblem && e.status === 404
        ? '<p class="muted" data-testid="badge-none">您还不是平安联盟在册队员。</p>'
        : '<p class="muted">标识暂时无法读取，请稍后再试。</p>';
    }
  },
};
