import type { Api } from './api';
import { dateTime } from './dates';
import { openDialog } from './dialog';
import { holds } from './holds';
import { esc } from './html';
import { printBadge, renderBadge } from './alliance-badge';
import type { PageContext, PageTab } from './tabbed-page';
import './alliance.css';

/**
 * 队员 on the alliance's page: the members the caller reaches, by team, trade, status and a text; a member's
 * record with the history of their status, and (alliance.manage) suspend, reinstate, leave, reissue the badge;
 * the badge card to print. The types and the record are shared with the applications' tab.
 */

export interface MemberView {
  id: number; name: string; phone: string; idNumber: string; trade: string; tradeLabel: string; employer: string | null; teamId: number | null;
  team: string | null; ledBy: string | null; areaId: number; areaName: string; status: string; statusLabel: string; statusReason: string | null;
  badgeNo: string | null; badgeToken: string | null; memberId: number | null; username: string | null; appliedBy: string; appliedAt: string; since: string | null;
}
export interface HistoryLine { from: string | null; fromLabel: string | null; to: string; toLabel: string; reason: string | null; actor: string; at: string }
export interface MemberDetail { member: MemberView; history: HistoryLine[] }
export interface MemberPage { items: MemberView[]; nextCursor: number | null }
export interface TeamView {
  id: number; areaId: number; areaName: string; name: string; ledByKind: string; ledByKindLabel: string; ledBy: string; leaderUserId: number | null;
  leaderName: string | null; active: boolean; members: number;
}

export const TRADES: [string, string][] = [
  ['PROPERTY', '物业人员'], ['ESTATE_GUARD', '小区保安'], ['IN_HOUSE_SECURITY', '企事业单位内保'], ['SANITATION', '环卫工人'],
  ['PARK', '园林工人'], ['TAXI', '出租车司机'], ['SHOPKEEPER', '个体工商户'], ['OTHER', '其他'],
];
export const STATUSES: [string, string][] = [['APPLIED', '待审核'], ['ACTIVE', '在册'], ['SUSPENDED', '暂停'], ['LEFT', '已退出'], ['REJECTED', '未通过']];

export const statusBadge = (m: { status: string; statusLabel: string }): string =>
  `<span class="v-badge ${m.status === 'ACTIVE' ? 'ok' : m.status === 'APPLIED' ? '' : 'bad'}" data-testid="member-status">${esc(m.statusLabel)}</span>`;

export async function teams(api: Api): Promise<TeamView[]> {
  return (await api.get<{ items: TeamView[] }>('/api/v1/alliance/teams')).items;
}

/**
 * A member's record drawn into {@code el}: their fields, the badge card, the history; with the manage buttons when
 * the caller holds alliance.manage. {@code changed} is told after a step, with the record as it is now.
 */
export async function showRecord(el: HTMLElement, ctx: PageContext, id: number, changed: (d: MemberDetail) => void = () => undefined): Promise<void> {
  const d = await ctx.api.get<MemberDetail>(`/api/v1/alliance/members/${id}`);
  drawRecord(el, ctx, d, changed);
}

function drawRecord(el: HTMLElement, ctx: PageContext, d: MemberDetail, changed: (d: MemberDetail) => void): void {
  const m = d.member;
  const manage = holds(ctx.me, 'alliance.manage');
  const can = (s: string[]) => manage && s.includes(m.status);
  el.innerHTML = `<div class="v-card" data-testid="member-record">
    <h2>${esc(m.name)} ${statusBadge(m)}</h2>
    ${m.statusReason && m.status !== 'ACTIVE' ? `<p class="v-muted" data-testid="member-reason">原因：${esc(m.statusReason)}</p>` : ''}
    <table class="v-table al-facts"><tbody>
      <tr><th>行业</th><td>${esc(m.tradeLabel)}</td><th>工作单位</th><td>${esc(m.employer ?? '—')}</td></tr>
      <tr><th>手机号</th><td>${esc(m.phone)}</td><th>身份证号</th><td data-testid="member-id-number">${esc(m.idNumber)}</td></tr>
      <tr><th>队伍</th><td>${esc(m.team ?? '未编队')}</td><th>带队单位</th><td>${esc(m.ledBy ?? '—')}</td></tr>
      <tr><th>辖区</th><td>${esc(m.areaName)}</td><th>登录账号</th><td>${esc(m.username ?? '—')}</td></tr>
      <tr><th>标识编号</th><td>${m.badgeNo ? `平安联盟 ${esc(m.badgeNo)}` : '—'}</td><th>入盟时间</th><td>${esc(dateTime(m.since))}</td></tr>
    </tbody></table>
    <div class="v-actions">
      ${can(['ACTIVE']) ? '<button type="button" class="v-btn" data-act="suspend" data-testid="member-suspend">暂停资格</button>' : ''}
      ${can(['SUSPENDED']) ? '<button type="button" class="v-btn primary" data-act="reinstate" data-testid="member-reinstate">恢复在册</button>' : ''}
      ${can(['ACTIVE', 'SUSPENDED']) ? '<button type="button" class="v-btn" data-act="leave" data-testid="member-leave">办理退出</button>' : ''}
      ${can(['ACTIVE', 'SUSPENDED']) ? '<button type="button" class="v-btn" data-act="badge" data-testid="member-reissue">补发标识</button>' : ''}
      ${m.badgeToken ? '<button type="button" class="v-btn" data-act="print" data-testid="member-print">打印标识</button>' : ''}
      ${can(['ACTIVE']) && !m.username ? '<button type="button" class="v-btn" data-act="account" data-testid="member-account">开通账号</button>' : ''}
    </div>
    <div data-account></div>
    <div class="al-badge" data-testid="member-badge"></div>
    <h3>状态记录</h3>
    <ol class="al-history" data-testid="member-history">${d.history.map((h) => `<li><b>${esc(h.fromLabel ? `${h.fromLabel} → ${h.toLabel}` : h.toLabel)}</b>
      <span class="v-muted">${esc(dateTime(h.at))} · ${esc(h.actor)}</span>${h.reason ? `<br>${esc(h.reason)}` : ''}</li>`).join('')}</ol>
  </div>`;
  if (m.badgeToken) renderBadge(el.querySelector<HTMLElement>('.al-badge')!, m);
  const step = async (act: string, title: string, reasonRequired: boolean): Promise<void> => {
    await openDialog({
      title, text: `${m.name}（${m.statusLabel}）`, testid: 'member-step-dialog',
      fields: [{ kind: 'textarea', name: 'reason', label: '原因', required: reasonRequired }],
      confirm: title,
      onConfirm: async (v) => {
        const next = await ctx.api.post<MemberDetail>(`/api/v1/alliance/members/${m.id}/${act}`, { reason: v.reason });
        drawRecord(el, ctx, next, changed);
        changed(next);
      },
    });
  };
  const openAccount = async (): Promise<void> => {
    const a = await ctx.api.post<{ username: string; initialPassword: string | null; promoted: boolean }>(`/api/v1/alliance/members/${m.id}/account`, {});
    await showRecord(el, ctx, m.id, changed);
    el.querySelector<HTMLElement>('[data-account]')!.innerHTML = `<div class="al-once" data-testid="account-opened">已开通账号 <b>${esc(a.username)}</b>${a.initialPassword
      ? `，初始密码 <code>${esc(a.initialPassword)}</code><br><small>初始密码只显示这一次，请当面告知队员。</small>` : ''}</div>`;
  };
  el.querySelectorAll<HTMLButtonElement>('[data-act]').forEach((b) => b.addEventListener('click', () => {
    const act = b.dataset.act!;
    if (act === 'print') printBadge(m);
    else if (act === 'suspend') void step('suspend', '暂停资格', true);
    else if (act === 'reinstate') void step('reinstate', '恢复在册', false);
    else if (act === 'leave') void step('leave', '办理退出', true);
    else if (act === 'badge') void step('badge', '补发标识', false);
    else if (act === 'account') void openAccount();
  }));
}

/** The members' tab. */
export const MEMBERS_TAB: PageTab = {
  id: 'members',
  label: '队员',
  permission: 'alliance.read',
  async mount(el: HTMLElement, ctx: PageContext): Promise<void> {
    const teamList = await teams(ctx.api).catch(() => [] as TeamView[]);
    el.innerHTML = `<div class="d-layout">
      <div>
        <form class="v-card v-form al-filters" data-testid="member-filters">
          <label>队伍<select name="team"><option value="">全部队伍</option>${teamList.map((t) => `<option value="${t.id}">${esc(t.name)}</option>`).join('')}</select></label>
          <label>行业<select name="trade"><option value="">全部行业</option>${TRADES.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
          <label>状态<select name="status" data-testid="member-filter-status"><option value="">全部状态</option>${STATUSES.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
          <label>查找<input name="q" placeholder="姓名、手机号、标识编号、单位" data-testid="member-filter-q" /></label>
          <button type="submit" class="v-btn primary" data-testid="member-search">查询</button>
        </form>
        <div data-testid="member-list"></div>
        <button type="button" class="v-btn" data-more hidden data-testid="member-more">加载更多</button>
      </div>
      <div data-record><p class="v-muted">选择一名队员查看档案。</p></div>
    </div>`;
    const form = el.querySelector<HTMLFormElement>('form')!;
    const list = el.querySelector<HTMLElement>('[data-testid=member-list]')!;
    const more = el.querySelector<HTMLButtonElement>('[data-more]')!;
    const record = el.querySelector<HTMLElement>('[data-record]')!;
    let cursor: number | null = null;
    const load = async (fresh: boolean): Promise<void> => {
      const params = new URLSearchParams();
      new FormData(form).forEach((v, k) => { if (String(v).trim()) params.set(k, String(v).trim()); });
      params.set('limit', '50');
      if (!fresh && cursor) params.set('cursor', String(cursor));
      const page = await ctx.api.get<MemberPage>(`/api/v1/alliance/members?${params}`);
      if (fresh) list.innerHTML = '';
      list.insertAdjacentHTML('beforeend', page.items.map((m) => `<button type="button" class="d-item" data-id="${m.id}" data-testid="member-item">
        <span class="d-title">${esc(m.name)} ${statusBadge(m)}</span>
        <span class="v-muted">${esc(m.tradeLabel)}${m.employer ? ` · ${esc(m.employer)}` : ''}</span><br>
        <span class="v-muted">${esc(m.team ?? m.areaName)}${m.badgeNo ? ` · ${esc(m.badgeNo)}` : ''}</span></button>`).join(''));
      if (fresh && page.items.length === 0) list.innerHTML = '<p class="v-muted" data-testid="member-none">没有符合条件的队员。</p>';
      cursor = page.nextCursor;
      more.hidden = cursor === null;
    };
    list.addEventListener('click', (e) => {
      const item = (e.target as HTMLElement).closest<HTMLElement>('[data-id]');
      if (!item) return;
      list.querySelectorAll('.d-item').forEach((i) => i.classList.toggle('active', i === item));
      void showRecord(record, ctx, Number(item.dataset.id));
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void load(true);
    });
    more.addEventListener('click', () => void load(false));
    await load(true);
  },
};
