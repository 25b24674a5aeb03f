import './alliance-duty.css';
import { holds } from './holds';
import { esc } from './html';
import { today } from './dates';
import type { PageContext, PageTab } from './tabbed-page';
import { chineseDay, reason, type MemberTraining, type TrainingCourse, type TrainingSession, type TrainingSessionDetail } from './alliance-duty-api';

/**
 * 岗前培训: the courses (必修 before a PATROL member's first duty, with their validity), the sessions held in the
 * area with attendance and results (合格 / 不合格 / 缺席) recorded per member, and who is untrained or expired —
 * those the duty gate refuses when they try to go on duty.
 */

const RESULTS: [string, string][] = [['PASSED', '合格'], ['FAILED', '不合格'], ['ABSENT', '缺席']];

async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  const manage = holds(ctx.me, 'alliance.manage');
  el.innerHTML = `
    <div class="v-card" data-testid="training-untrained"></div>
    <div class="ad-split">
      <div>
        <div class="v-card"><h2>培训场次</h2><div data-testid="training-sessions"></div></div>
        <div class="v-card" data-testid="training-new" ${manage ? '' : 'hidden'}><h2>登记培训</h2>
          <div class="v-form">
            <label>课程<select data-testid="new-course"></select></label>
            <label>日期<input data-testid="new-day" type="date" value="${today()}" /></label>
            <label>地点<input data-testid="new-place" placeholder="如 广文街道派出所三楼会议室" /></label>
            <label>授课人<input data-testid="new-trainer" placeholder="如 社区民警 吴" /></label>
          </div>
          <div class="v-actions"><button class="v-btn primary" type="button" data-testid="new-save">登记</button></div>
          <p class="v-error" data-testid="new-error"></p></div>
        <div class="v-card" data-testid="training-courses"></div>
      </div>
      <div class="v-card" data-testid="training-session"><p class="v-muted">选择左侧的培训场次，查看并记录参训队员的考核结果。</p></div>
    </div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  let selected: number | null = null;
  let members: MemberTraining[] = [];

  const { items: courses, gateOn } = await ctx.api.get<{ items: TrainingCourse[]; gateOn: boolean }>('/api/v1/alliance/training/courses');
  q<HTMLSelectElement>('new-course').innerHTML = courses.filter((c) => c.active).map((c) => `<option value="${esc(c.code)}">${esc(c.label)}</option>`).join('');
  q('training-courses').innerHTML = `<h2>课程</h2><table class="v-table"><tr><th>课程</th><th>上岗前</th><th>有效期</th></tr>${courses.map((c) => `
    <tr><td>${esc(c.label)}</td><td>${c.required ? '<span class="v-badge bad">必修</span>' : '<span class="v-muted">选修</span>'}</td>
    <td>${c.validityMonths ? `${c.validityMonths} 个月` : '长期有效'}</td></tr>`).join('')}</table>
    <p class="v-muted">${gateOn ? '未完成必修课程或已过期的队员不能上岗。' : '本系统未启用上岗培训校验（redwhistle.alliance.training-required=false）。'}</p>`;

  async function untrained(): Promise<void> {
    members = (await ctx.api.get<{ items: MemberTraining[] }>('/api/v1/alliance/training/members')).items;
    const missing = members.filter((m) => !m.cleared);
    const box = q('training-untrained');
    box.innerHTML = `<h2>队员培训情况 <span class="v-muted v-sub">共 ${members.length} 人，已完成 ${members.length - missing.length} 人，
      <span data-testid="untrained-count">未完成或已过期 ${missing.length} 人</span></span></h2>` + (missing.length === 0 ? '<p class="v-muted">全部队员均已完成岗前培训</p>' :
      `<table class="v-table"><tr><th>队员</th><th>行业</th><th>情况</th><th>不能上岗的原因</th></tr>${missing.map((m) => `
        <tr data-testid="untrained-${m.memberId}"><td>${esc(m.name)}</td><td>${esc(m.affiliation ?? '')}</td>
        <td>${m.standings.map((s) => `<span class="v-badge ${s.standing === 'VALID' ? 'ok' : 'bad'}">${esc(s.courseLabel)}：${esc(s.standingLabel)}</span>`).join(' ')}</td>
        <td class="v-error">${esc(m.refusal ?? '')}</td></tr>`).join('')}</table>`);
  }

  async function sessions(): Promise<void> {
    const items = (await ctx.api.get<{ items: TrainingSession[] }>('/api/v1/alliance/training/sessions')).items;
    const box = q('training-sessions');
    box.innerHTML = items.length === 0 ? '<p class="v-muted">暂无培训记录</p>' : items.map((s) => `
      <div class="ad-list-item ${s.id === selected ? 'active' : ''}" data-id="${s.id}" data-testid="session-${s.id}">
        <b>${esc(s.courseLabel)}</b> · ${esc(chineseDay(s.heldOn))}<br/>
        <span class="v-muted">${esc(s.place)} · ${esc(s.trainer)} · 参训 ${s.attended} 人，合格 ${s.passed} 人</span></div>`).join('');
    box.querySelectorAll<HTMLElement>('.ad-list-item').forEach((d) => d.addEventListener('click', () => void open(Number(d.dataset.id))));
  }

  async function open(id: number): Promise<void> {
    selected = id;
    el.querySelectorAll('.ad-list-item').forEach((d) => d.classList.toggle('active', (d as HTMLElement).dataset.id === String(id)));
    const d = await ctx.api.get<TrainingSessionDetail>(`/api/v1/alliance/training/sessions/${id}`);
    const box = q('training-session');
    box.innerHTML = `<h2 data-testid="session-title">${esc(d.session.courseLabel)} · ${esc(chineseDay(d.session.heldOn))}</h2>
      <p class="v-muted">${esc(d.session.place)} · 授课：${esc(d.session.trainer)}${d.session.note ? ` · ${esc(d.session.note)}` : ''}</p>
      <table class="v-table" data-testid="session-records"><tr><th>队员</th><th>结果</th><th>说明</th><th>记录人</th></tr>${d.records.length === 0
        ? '<tr><td colspan="4" class="v-muted">尚未记录参训队员</td></tr>' : d.records.map((r) => `
        <tr data-testid="record-${r.memberId}"><td>${esc(r.memberName)}</td>
        <td><span class="v-badge ${r.result === 'PASSED' ? 'ok' : 'bad'}">${esc(r.resultLabel)}</span></td><td>${esc(r.note ?? '')}</td>
        <td class="v-muted">${esc(r.recordedBy)}</td></tr>`).join('')}</table>` + (manage ? `
      <h2 class="v-h2-gap">记录考核结果</h2>
      <div class="v-form">
        <label>队员<select data-testid="record-member"><option value="">请选择队员</option>${members.map((m) =>
          `<option value="${m.memberId}">${esc(m.name)}${m.cleared ? '' : '（未完成）'}</option>`).join('')}</select></label>
        <label>结果<select data-testid="record-result">${RESULTS.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label class="wide">说明<input data-testid="record-note" /></label>
      </div>
      <div class="v-actions"><button class="v-btn primary" type="button" data-testid="record-save">记录</button></div>
      <p class="v-error" data-testid="record-error"></p>` : '');
    box.querySelector('[data-testid="record-save"]')?.addEventListener('click', async () => {
      const member = box.querySelector<HTMLSelectElement>('[data-testid="record-member"]')!.value;
      const error = box.querySelector<HTMLElement>('[data-testid="record-error"]')!;
      if (!member) {
        error.textContent = '请选择队员';
        return;
      }
      try {
        await ctx.api.post(`/api/v1/alliance/training/sessions/${id}/records`, { memberId: Number(member),
          result: box.querySelector<HTMLSelectElement>('[data-testid="record-result"]')!.value,
          note: box.querySelector<HTMLInputElement>('[data-testid="record-note"]')!.value });
        await untrained();
        await sessions();
        await open(id);
      } catch (e) {
        error.textContent = reason(e);
      }
    });
  }

  q('new-save').addEventListener('click', async () => {
    q('new-error').textContent = '';
    try {
      const d = await ctx.api.post<TrainingSessionDetail>('/api/v1/alliance/training/sessions', { course: q<HTMLSelectElement>('new-course').value,
        heldOn: q<HTMLInputElement>('new-day').value, place: q<HTMLInputElement>('new-place').value, trainer: q<HTMLInputElement>('new-trainer').value });
      await sessions();
      await open(d.session.id);
    } catch (e) {
      q('new-error').textContent = reason(e);
    }
  });
  await untrained();
  await sessions();
}

export const trainingTab: PageTab = { id: 'training', label: '岗前培训', permission: 'alliance.read', mount };
