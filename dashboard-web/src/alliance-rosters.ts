import './alliance-duty.css';
import { openDialog } from './dialog';
import { holds } from './holds';
import { esc } from './html';
import { dateTime, today } from './dates';
import type { PageContext, PageTab } from './tabbed-page';
import { addDays, chineseDay, reason, weekday, type DutyNowBoard, type DutyShift, type DutyShiftList, type DutyTeam, type MemberTraining } from './alliance-duty-api';

/**
 * 排班在岗: who is on duty now against who is scheduled (当前在岗, with 未到岗 flagged and members on duty without a
 * shift), a team's week of shifts (北京时间), and planning, staffing and cancelling shifts.
 */

/** Monday of the week of an ISO day. */
const monday = (iso: string): string => addDays(iso, -((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7));

async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  const manage = holds(ctx.me, 'alliance.manage');
  el.innerHTML = `
    <div class="v-card" data-testid="now-board"></div>
    <div class="v-card"><h2>排班表</h2>
      <div class="v-actions">
        <select data-testid="roster-team"></select>
        <button class="v-btn" type="button" data-testid="week-prev">上一周</button>
        <button class="v-btn" type="button" data-testid="week-this">本周</button>
        <button class="v-btn" type="button" data-testid="week-next">下一周</button>
        <span class="v-muted" data-testid="week-label"></span>
      </div>
      <p class="v-error" data-testid="roster-error"></p>
      <table class="ad-week" data-testid="roster-week"></table></div>
    <div class="v-card" data-testid="roster-plan" ${manage ? '' : 'hidden'}><h2>新增班次</h2>
      <div class="v-form">
        <label>日期<input type="date" data-testid="plan-day" value="${today()}" /></label>
        <label>上岗时间<input type="time" data-testid="plan-start" value="08:00" /></label>
        <label>下岗时间（早于上岗为次日）<input type="time" data-testid="plan-end" value="16:00" /></label>
        <label>地点 / 巡逻路段<input data-testid="plan-place" placeholder="如 松鹤园社区 东门至菜市场" /></label>
        <fieldset class="wide ad-members"><legend>队员</legend><div data-testid="plan-members" class="ad-counts"></div></fieldset>
      </div>
      <div class="v-actions"><button class="v-btn primary" type="button" data-testid="plan-save">排班</button></div>
      <p class="v-error" data-testid="plan-error"></p></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  const teams = (await ctx.api.get<{ items: DutyTeam[] }>('/api/v1/alliance/rosters/teams')).items;
  const teamSelect = q<HTMLSelectElement>('roster-team');
  teamSelect.innerHTML = teams.map((t) => `<option value="${t.id}">${esc(t.name)}（${esc(t.ledBy)}）</option>`).join('') +
    '<option value="">本辖区全部班次</option>';
  let week = monday(today());
  let members: MemberTraining[] = [];
  try {
    members = (await ctx.api.get<{ items: MemberTraining[] }>('/api/v1/alliance/training/members')).items;
  } catch {
    members = [];
  }
  q('plan-members').innerHTML = members.map((m) => `<label class="ad-chip"><input type="checkbox" value="${m.memberId}" /> ${esc(m.name)}${m.cleared ? ''
    : ' <span class="ad-warn">未完成培训</span>'}</label>`).join('') || '<span class="v-muted">本辖区暂无平安联盟队员</span>';

  const team = (): string => teamSelect.value;

  async function board(): Promise<void> {
    const b = await ctx.api.get<DutyNowBoard>(`/api/v1/alliance/rosters/now${team() ? `?teamId=${team()}` : ''}`);
    const box = q('now-board');
    box.innerHTML = `<h2>当前在岗 <span class="v-muted v-sub">${esc(dateTime(b.at))}</span></h2>
      <div class="ad-figures"><span>应在岗 <b>${b.scheduled}</b>人</span><span>在岗 <b>${b.present}</b>人</span>
        <span class="${b.absent ? 'bad' : ''}" data-testid="absent-count">未到岗 <b>${b.absent}</b>人</span>
        <span>未排班在岗 <b>${b.unscheduled.length}</b>人</span></div>
      <div class="ad-board">${b.shifts.map((s) => `<div class="ad-shift now" data-testid="now-shift-${s.id}"><div class="t">${esc(s.start)}–${esc(s.end)} ${esc(s.place)}</div>
        <div class="v-muted">${esc(s.teamName ?? s.areaName)}${s.tourName ? ` · 巡更：${esc(s.tourName)}` : ''}</div>
        ${s.members.map((m) => `<div class="ad-person ${m.absent ? 'absent' : ''}" data-testid="now-member-${m.memberId}"><span>${esc(m.name)}</span>
          <span>${m.absent ? '⚠ ' : ''}${esc(m.stateLabel)}</span></div>`).join('') || '<span class="v-muted">未排人员</span>'}</div>`).join('')
        || '<p class="v-muted">当前没有进行中的班次</p>'}</div>
      ${b.unscheduled.length ? `<p><b>未排班在岗：</b>${b.unscheduled.map((u) => `${esc(u.name)}（${esc(u.stateLabel)}）`).join('、')}</p>` : ''}`;
  }

  async function grid(): Promise<void> {
    q('roster-error').textContent = '';
    let list: DutyShiftList;
    try {
      list = await ctx.api.get<DutyShiftList>(`/api/v1/alliance/rosters/shifts?from=${week}&days=7${team() ? `&teamId=${team()}` : ''}`);
    } catch (e) {
      q('roster-error').textContent = reason(e);
      return;
    }
    q('week-label').textContent = `${chineseDay(list.from)} — ${chineseDay(list.to)}（北京时间）`;
    const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
    const now = today();
    q('roster-week').innerHTML = `<tr>${days.map((d) => `<th class="${d === now ? 'today' : ''}">${weekday(d)}<br/>${Number(d.slice(5, 7))}月${Number(d.slice(8))}日</th>`).join('')}</tr>
      <tr>${days.map((d) => `<td>${list.items.filter((s) => s.day === d).map((s) => shift(s)).join('') || '<span class="v-muted">—</span>'}</td>`).join('')}</tr>`;
    q('roster-week').querySelectorAll<HTMLButtonElement>('button[data-act]').forEach((btn) => btn.addEventListener('click', () => {
      const s = list.items.find((x) => x.id === Number(btn.dataset.id))!;
      void (btn.dataset.act === 'staff' ? staff(s) : cancel(s));
    }));
  }

  const shift = (s: DutyShift): string => `<div class="ad-shift ${s.now ? 'now' : ''}" data-testid="shift-${s.id}">
    <div class="t">${esc(s.start)}–${esc(s.end)}</div><div>${esc(s.place)}</div>
    ${s.tourName ? `<div class="v-muted">巡更：${esc(s.tourName)}</div>` : ''}
    <div class="who">${s.members.map((m) => `<span class="${m.absent ? 'ad-warn' : ''}">${esc(m.name.replace('平安联盟 ', ''))}${m.absent ? '（未到岗）' : ''}</span>`).join('、') || '<span class="v-muted">未排人员</span>'}</div>
    ${manage ? `<div class="ad-row-actions"><button class="v-btn" type="button" data-act="staff" data-id="${s.id}">人员</button>
      <button class="v-btn" type="button" data-act="cancel" data-id="${s.id}">取消</button></div>` : ''}</div>`;

  async function staff(s: DutyShift): Promise<void> {
    const on = new Set(s.members.map((m) => m.memberId));
    const done = await openDialog({
      title: '调整班次人员', text: `${chineseDay(s.day)} ${s.start}–${s.end} ${s.place}`, testid: 'staff-dialog', confirm: '保存',
      fields: [{ kind: 'checks', name: 'members', label: '队员', options: members.map((m) => ({ value: String(m.memberId),
        label: `${m.name}${m.cleared ? '' : '（未完成培训）'}`, checked: on.has(m.memberId ?? -1) })) }],
      onConfirm: (v) => ctx.api.put(`/api/v1/alliance/rosters/shifts/${s.id}/members`, { memberIds: (v.members as string[]).map(Number) }),
    });
    if (done) await refresh();
  }

  async function cancel(s: DutyShift): Promise<void> {
    const done = await openDialog({
      title: '取消班次', text: `${chineseDay(s.day)} ${s.start}–${s.end} ${s.place}`, testid: 'cancel-dialog', confirm: '取消班次', cancel: '返回',
      fields: [{ kind: 'text', name: 'reason', label: '原因', required: true }],
      onConfirm: (v) => ctx.api.del(`/api/v1/alliance/rosters/shifts/${s.id}?reason=${encodeURIComponent(String(v.reason))}`),
    });
    if (done) await refresh();
  }

  async function refresh(): Promise<void> {
    await board();
    await grid();
  }

  teamSelect.addEventListener('change', () => void refresh());
  q('week-prev').addEventListener('click', () => { week = addDays(week, -7); void grid(); });
  q('week-next').addEventListener('click', () => { week = addDays(week, 7); void grid(); });
  q('week-this').addEventListener('click', () => { week = monday(today()); void grid(); });
  q('plan-save').addEventListener('click', async () => {
    q('plan-error').textContent = '';
    const ids = [...q('plan-members').querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
    try {
      const s = await ctx.api.post<DutyShift>('/api/v1/alliance/rosters/shifts', { teamId: team() ? Number(team()) : null,
        day: q<HTMLInputElement>('plan-day').value, start: q<HTMLInputElement>('plan-start').value, end: q<HTMLInputElement>('plan-end').value,
        place: q<HTMLInputElement>('plan-place').value, memberIds: ids });
      week = monday(s.day);
      await refresh();
    } catch (e) {
      q('plan-error').textContent = reason(e);
    }
  });
  await refresh();
}

export const rostersTab: PageTab = { id: 'rosters', label: '排班在岗', permission: 'alliance.read', mount };
