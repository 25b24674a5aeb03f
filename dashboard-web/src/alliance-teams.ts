import { openDialog } from './dialog';
import { holds } from './holds';
import { esc } from './html';
import { teams, type TeamView } from './alliance-members';
import type { PageContext, PageTab } from './tabbed-page';

/**
 * 队伍 on the alliance's page: the teams in the caller's area, each led by a police station (派出所) or a
 * community police office (社区警务室), with their members in the register; formed and edited with alliance.manage.
 */

const KINDS = [{ value: 'POLICE_STATION', label: '派出所' }, { value: 'POLICE_OFFICE', label: '社区警务室' }];

export const TEAMS_TAB: PageTab = {
  id: 'teams',
  label: '队伍',
  permission: 'alliance.read',
  async mount(el: HTMLElement, ctx: PageContext): Promise<void> {
    const manage = holds(ctx.me, 'alliance.manage');
    const draw = async (): Promise<void> => {
      const list = await teams(ctx.api);
      const total = list.reduce((n, t) => n + t.members, 0);
      el.innerHTML = `${manage ? '<div class="v-actions"><button type="button" class="v-btn primary" data-new data-testid="team-new">新建队伍</button></div>' : ''}
        <div class="v-card"><h2>队伍 <span class="v-muted">共 ${list.length} 支，在册队员 ${total} 人</span></h2>
        <table class="v-table" data-testid="team-list"><thead><tr><th>队伍</th><th>辖区</th><th>带队单位</th><th>带队民警</th><th>在册队员</th><th>状态</th>${manage ? '<th></th>' : ''}</tr></thead>
        <tbody>${list.map((t) => `<tr data-testid="team-row"><td><b>${esc(t.name)}</b></td><td>${esc(t.areaName)}</td><td>${esc(t.ledBy)}<br><small class="v-muted">${esc(t.ledByKindLabel)}</small></td>
          <td>${esc(t.leaderName ?? '—')}</td><td>${t.members}</td><td>${t.active ? '<span class="v-badge ok">在用</span>' : '<span class="v-badge bad">已停用</span>'}</td>
          ${manage ? `<td><button type="button" class="v-btn" data-edit="${t.id}" data-testid="team-edit">编辑</button></td>` : ''}</tr>`).join('')}</tbody></table></div>`;
      el.querySelector('[data-new]')?.addEventListener('click', () => void edit(null));
      el.querySelectorAll<HTMLButtonElement>('[data-edit]').forEach((b) => b.addEventListener('click', () => void edit(list.find((t) => t.id === Number(b.dataset.edit))!)));
    };
    const edit = async (t: TeamView | null): Promise<void> => {
      const saved = await openDialog({
        title: t ? `编辑队伍：${t.name}` : '新建队伍',
        testid: 'team-dialog',
        fields: [
          { kind: 'text', name: 'name', label: '队伍名称', required: true, value: t?.name ?? '' },
          { kind: 'select', name: 'ledByKind', label: '带队单位类型', required: true, value: t?.ledByKind ?? 'POLICE_STATION', options: KINDS },
          { kind: 'text', name: 'ledByName', label: '带队单位名称', required: true, value: t?.ledBy ?? '', placeholder: '如 广文街道派出所' },
          { kind: 'select', name: 'active', label: '状态', value: t && !t.active ? 'false' : 'true', options: [{ value: 'true', label: '在用' }, { value: 'false', label: '停用' }] },
        ],
        confirm: '保存',
        onConfirm: (v) => {
          const body = { name: v.name, ledByKind: v.ledByKind, ledByName: v.ledByName, active: v.active === 'true', areaId: t?.areaId ?? null, leaderUserId: t?.leaderUserId ?? null };
          return t ? ctx.api.put(`/api/v1/alliance/teams/${t.id}`, body) : ctx.api.post('/api/v1/alliance/teams', body);
        },
      });
      if (saved) await draw();
    };
    await draw();
  },
};
