import { dateTime, today } from './dates';
import { esc } from './html';
import './village-fivesteps.css';
import type { VillageContext, VillageTab } from './village-tabs';

/**
 * 五事工作法 on the village page: the community's committee and grid workers take a matter through
 * 居民提事 → 网格议事 → 会议定事 → 联动办事 → 群众评事 (deliberations and options, the deciding meeting
 * with its recorded attendance and votes counted by the system, tasks to units, acceptance); the units
 * (a department, a community's or street's operators) report their tasks; operators and leaders see the
 * overdue ones (督办).
 */

interface Summary { id: number; title: string; compound: string | null; communityName: string; status: string; statusLabel: string; step: number; raisedByName: string; raisedAt: string; tasks: number; tasksOverdue: number; evaluations: number }
interface Participant { personId: number | null; name: string; role: string | null }
interface Option { id: number; label: string; description: string | null; costText: string }
interface Member { id: number; name: string; present: boolean; vote: string | null; voteLabel: string }
interface Meeting { id: number; rule: string; ruleName: string; ruleText: string; heldOn: string; place: string; motion: string; closed: boolean; members: number; present: number; yes: number; no: number; abstain: number; presentNeeded: number | null; yesNeeded: number | null; passed: boolean | null; outcome: string | null; roster: Member[] }
export interface Task { id: number; proposalId: number; proposalTitle: string; communityName: string; unitKind: string; unitKindLabel: string; unitName: string; title: string; workingDays: number; status: string; statusLabel: string; assignedAt: string; dueAt: string; dueProvisional: boolean; reportNote: string | null; reportedAt: string | null; overdue: boolean; overdueFlaggedAt: string | null }
interface Proposal {
  id: number; title: string; description: string; communityName: string; gridName: string | null; compound: string | null; status: string; statusLabel: string; step: number;
  raisedByName: string; onBehalfOf: string | null; caseRef: string | null; resolution: string | null; raisedAt: string;
  deliberations: { heldOn: string; place: string; participants: Participant[]; opinions: { speaker: string; text: string }[]; minutes: string }[];
  options: Option[]; meetings: Meeting[]; tasks: Task[];
  evaluations: { name: string; verdictLabel: string; comment: string | null; at: string }[];
  evaluationSummary: { satisfied: number; basicallySatisfied: number; dissatisfied: number };
  timeline: { at: string; actorName: string; statusLabel: string; note: string }[];
}

export const STEPS = ['居民提事', '网格议事', '会议定事', '联动办事', '群众评事'];


/** The five steps as a row of badges, the current one marked. */
export function progress(step: number, status: string): string {
  return `<span class="fs-steps">${STEPS.map((s, i) => `<span class="v-badge${i + 1 < step || status === 'COMPLETED' && i + 1 === step ? ' ok' : i + 1 === step ? ' bad' : ''}">${i + 1} ${s}</span>`).join('')}</span>`;
}

function field(form: HTMLFormElement, name: string): string {
  return ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
}

function say(el: Element | null, e: unknown): void {
  if (el) el.textContent = e instanceof Error ? e.message : String(e);
}

/** The matters of the community, a matter's record and the actions its stage allows. */
class Matters {
  private departments: { code: string; name: string }[] = [];
  private meetingTypes: { code: string; name: string; rule: string; members: string }[] = [];

  constructor(private readonly el: HTMLElement, private readonly ctx: VillageContext) {}

  private committee(): boolean {
    return this.ctx.me.role === 'COMMITTEE' || this.ctx.me.role === 'ADMIN';
  }

  async list(): Promise<void> {
    const { items } = await this.ctx.api.get<{ items: Summary[] }>('/api/v1/proposals');
    if (this.committee() && this.departments.length === 0) {
      this.departments = (await this.ctx.api.get<{ items: { code: string; name: string }[] }>('/api/v1/proposals/departments')).items;
      this.meetingTypes = (await this.ctx.api.get<{ items: { code: string; name: string; rule: string; members: string }[] }>('/api/v1/proposals/meeting-types')).items;
    }
    this.el.innerHTML = `
      <div class="v-card"><h2>五事工作法 · 议事事项</h2>
        <table class="v-table" data-testid="fs-list"><thead><tr><th>事项</th><th>小区</th><th>进度</th><th>提出</th><th>任务</th></tr></thead><tbody>
        ${items.map((p) => `<tr><td><a href="#" data-open="${p.id}" data-testid="fs-open">${esc(p.title)}</a></td><td>${esc(p.compound ?? '')}</td>
          <td>${progress(p.step, p.status)}</td><td>${esc(p.raisedByName)}<br><span class="v-muted">${dateTime(p.raisedAt)}</span></td>
          <td>${p.tasks}${p.tasksOverdue > 0 ? ` <span class="v-badge bad">逾期 ${p.tasksOverdue}</span>` : ''}</td></tr>`).join('') || '<tr><td colspan="5" class="v-muted">暂无议事事项</td></tr>'}
        </tbody></table></div>
      <div class="v-card"><h2>代居民提事</h2>
        <form class="v-form" data-testid="fs-raise"><label>事项<input name="title" required maxlength="100"></label><label>小区<input name="compound" maxlength="60"></label>
          <label>代哪些居民提出<input name="onBehalfOf" maxlength="60" placeholder="如：3 号楼居民"></label><label class="v-wide">说明<textarea name="description" rows="2" required></textarea></label>
          <div class="v-actions"><button class="v-btn primary" type="submit">提出</button><span class="v-error"></span></div></form></div>`;
    this.el.querySelectorAll<HTMLAnchorElement>('[data-open]').forEach((a) => a.addEventListener('click', (e) => {
      e.preventDefault();
      void this.open(Number(a.dataset.open));
    }));
    const raise = this.el.querySelector<HTMLFormElement>('[data-testid=fs-raise]')!;
    raise.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const p = await this.ctx.api.post<Proposal>('/api/v1/proposals', { title: field(raise, 'title'), compound: field(raise, 'compound'), onBehalfOf: field(raise, 'onBehalfOf'), description: field(raise, 'description') });
        await this.open(p.id);
      } catch (err) {
        say(raise.querySelector('.v-error'), err);
      }
    });
  }

  async open(id: number): Promise<void> {
    const p = await this.ctx.api.get<Proposal>(`/api/v1/proposals/${id}`);
    const open = p.meetings.find((m) => !m.closed);
    this.el.innerHTML = `
      <div class="v-actions"><button class="v-btn" type="button" data-back>← 返回事项列表</button></div>
      <div class="v-card" data-testid="fs-detail"><h2>${esc(p.title)}</h2>
        <p>${progress(p.step, p.status)} <b data-testid="fs-status">${esc(p.statusLabel)}</b></p>
        <p>${esc(p.description)}</p>
        <p class="v-muted">${esc(p.communityName)}${p.gridName ? ' · ' + esc(p.gridName) : ''}${p.compound ? ' · ' + esc(p.compound) : ''} · ${esc(p.raisedByName)}${p.onBehalfOf ? '（代 ' + esc(p.onBehalfOf) + '）' : ''} 提出于 ${dateTime(p.raisedAt)}${p.caseRef ? ' · 由诉求 ' + esc(p.caseRef) + ' 转入' : ''}</p>
        ${p.resolution ? `<p class="fs-resolution" data-testid="fs-resolution">📢 ${esc(p.resolution)}</p>` : ''}
      </div>
      <div class="v-card"><h2>网格议事</h2>
        ${p.deliberations.map((d) => `<div class="fs-block"><b>${esc(d.heldOn)} · ${esc(d.place)}</b><br>参加：${d.participants.map((x) => esc(x.name) + (x.role ? '（' + esc(x.role) + '）' : '')).join('、')}
          <ul>${d.opinions.map((o) => `<li><b>${esc(o.speaker)}：</b>${esc(o.text)}</li>`).join('')}</ul><p>纪要：${esc(d.minutes)}</p></div>`).join('') || '<p class="v-muted">尚未议事</p>'}
        ${p.options.length ? `<table class="v-table"><thead><tr><th>方案</th><th>内容</th><th>费用测算</th></tr></thead><tbody>${p.options.map((o) => `<tr><td>${esc(o.label)}</td><td>${esc(o.description ?? '')}</td><td>${esc(o.costText)}</td></tr>`).join('')}</tbody></table>` : ''}
        ${p.status === 'RAISED' || p.status === 'DELIBERATING' ? this.deliberationForm(p) : ''}
      </div>
      <div class="v-card"><h2>会议定事</h2>
        ${p.meetings.map((m) => this.meeting(m)).join('') || '<p class="v-muted">尚未召开会议</p>'}
        ${p.status === 'DELIBERATING' && this.committee() ? this.conveneForm(p) : ''}
        ${open && this.committee() ? this.voteForm(open) : ''}
      </div>
      <div class="v-card"><h2>联动办事</h2>${taskTable(p.tasks, this.committee() ? 'committee' : 'none')}
        ${(p.status === 'RESOLVED' || p.status === 'ACTING') && this.committee() ? this.taskForm() : ''}
        ${p.status === 'ACTING' && this.committee() ? '<div class="v-actions"><button class="v-btn primary" type="button" data-complete data-testid="fs-complete">全部任务已验收，办结事项</button><span class="v-error"></span></div>' : ''}
      </div>
      <div class="v-card"><h2>群众评事</h2><p>满意 ${p.evaluationSummary.satisfied} · 基本满意 ${p.evaluationSummary.basicallySatisfied} · 不满意 ${p.evaluationSummary.dissatisfied}</p>
        <ul>${p.evaluations.map((e) => `<li>${esc(e.name)}：<b>${esc(e.verdictLabel)}</b>${e.comment ? '，' + esc(e.comment) : ''} <span class="v-muted">${dateTime(e.at)}</span></li>`).join('')}</ul></div>
      <div class="v-card"><h2>全程记录</h2><table class="v-table"><tbody>${p.timeline.map((s) => `<tr><td class="v-muted v-nowrap">${dateTime(s.at)}</td><td>${esc(s.actorName)}</td><td>${esc(s.note)}</td></tr>`).join('')}</tbody></table></div>`;
    this.el.querySelector('[data-back]')!.addEventListener('click', () => void this.list());
    this.wire(p, open);
  }

  private deliberationForm(p: Proposal): string {
    return `<form class="v-form" data-testid="fs-deliberate"><label>日期<input name="heldOn" type="date" value="${today()}" required></label><label>地点<input name="place" required></label>
      <label class="v-wide">参加人员（每行一人：姓名，身份）<textarea name="participants" rows="3" placeholder="业主代表 王，业主代表"></textarea></label>
      <label class="v-wide">发言意见（每行一条：发言人：意见）<textarea name="opinions" rows="3"></textarea></label>
      <label class="v-wide">会议纪要<textarea name="minutes" rows="2" required></textarea></label>
      <div class="v-actions"><button class="v-btn primary" type="submit">记录网格议事</button><span class="v-error"></span></div></form>
      ${p.status === 'DELIBERATING' ? `<form class="v-form" data-testid="fs-option"><label>方案<input name="label" required placeholder="方案二：0.6 元/平方米·月"></label><label>单价/费用<input name="amount" type="number" step="0.01" min="0" required></label>
      <label>单位<input name="unit" value="元/平方米·月" required></label><label>数量<input name="quantity" type="number" step="0.01" min="0.01" required placeholder="建筑面积"></label>
      <label>数量单位<input name="quantityUnit" value="平方米"></label><label>计费<select name="perYear"><option value="12">按月（×12 个月）</option><option value="0">一次性</option></select></label>
      <label class="v-wide">服务内容<input name="description"></label>
      <div class="v-actions"><button class="v-btn" type="submit">添加方案</button><span class="v-error"></span></div></form>` : ''}`;
  }

  private conveneForm(p: Proposal): string {
    return `<form class="v-form" data-testid="fs-convene"><label>会议类型<select name="rule">${this.meetingTypes.map((t) => `<option value="${t.code}">${esc(t.name)}（${esc(t.members)}）</option>`).join('')}</select></label>
      <label>日期<input name="heldOn" type="date" value="${today()}" required></label><label>地点<input name="place" required></label>
      <label>表决方案<select name="optionId"><option value="">（不针对具体方案）</option>${p.options.map((o) => `<option value="${o.id}">${esc(o.label)}</option>`).join('')}</select></label>
      <label class="v-wide">表决事项<input name="motion" required></label>
      <div class="v-actions"><button class="v-btn primary" type="submit">召开会议（应到人员取自户籍台账）</button><span class="v-error"></span></div></form>`;
  }

  private meeting(m: Meeting): string {
    return `<div class="fs-block" data-testid="fs-meeting"><b>${esc(m.ruleName)} · ${esc(m.heldOn)} · ${esc(m.place)}</b><br>表决事项：${esc(m.motion)}<br><span class="v-muted">规则：${esc(m.ruleText)}</span><br>
      应到 ${m.members}，到会 ${m.present}，赞成 ${m.yes}，反对 ${m.no}，弃权 ${m.abstain}
      ${m.closed ? `<br><span class="v-badge ${m.passed ? 'ok' : 'bad'}" data-testid="fs-outcome">${esc(m.outcome ?? '')}</span>` : ' <span class="v-badge">表决中</span>'}</div>`;
  }

  private voteForm(m: Meeting): string {
    return `<form data-testid="fs-votes"><table class="v-table"><thead><tr><th>应到成员</th><th>到会</th><th>表决</th></tr></thead><tbody>
      ${m.roster.map((r) => `<tr><td>${esc(r.name)}</td><td><input type="checkbox" data-member="${r.id}" ${r.present ? 'checked' : ''}></td>
        <td><select data-vote="${r.id}"><option value="">—</option>${[['YES', '赞成'], ['NO', '反对'], ['ABSTAIN', '弃权']].map(([v, l]) => `<option value="${v}" ${r.vote === v ? 'selected' : ''}>${l}</option>`).join('')}</select></td></tr>`).join('')}
      </tbody></table><div class="v-actions"><button class="v-btn" type="button" data-all-yes>全部到会并赞成</button><button class="v-btn" type="submit">保存到会和表决</button>
      <button class="v-btn primary" type="button" data-close data-testid="fs-close">结束表决，系统计票</button><span class="v-error"></span></div></form>`;
  }

  private taskForm(): string {
    return `<form class="v-form" data-testid="fs-task"><label>承办单位<select name="unitKind"><option value="COMMUNITY">本社区</option><option value="STREET">街道</option><option value="DEPARTMENT">职能部门</option><option value="OTHER">其他单位（如物业）</option></select></label>
      <label>职能部门<select name="department">${this.departments.map((d) => `<option value="${d.code}">${esc(d.name)}</option>`).join('')}</select></label>
      <label>其他单位名称<input name="unitName" placeholder="十四甲小区物业服务中心"></label><label>办理时限（工作日）<input name="workingDays" type="number" min="1" max="60" value="5"></label>
      <label class="v-wide">任务内容<input name="title" required></label>
      <div class="v-actions"><button class="v-btn primary" type="submit">派发任务</button><span class="v-error"></span></div></form>`;
  }

  private submit(selector: string, send: (f: HTMLFormElement) => Promise<unknown>, id: number): void {
    const f = this.el.querySelector<HTMLFormElement>(selector);
    f?.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await send(f);
        await this.open(id);
      } catch (err) {
        say(f.querySelector('.v-error'), err);
      }
    });
  }

  private wire(p: Proposal, open: Meeting | undefined): void {
    const api = this.ctx.api;
    const base = `/api/v1/proposals/${p.id}`;
    this.submit('[data-testid=fs-deliberate]', (f) => api.post(`${base}/deliberations`, {
      heldOn: field(f, 'heldOn'), place: field(f, 'place'), minutes: field(f, 'minutes'),
      participants: field(f, 'participants').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [name, role] = l.split(/[，,]/); return { name: name.trim(), role: role?.trim() ?? null }; }),
      opinions: field(f, 'opinions').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const at = l.search(/[：:]/); return at > 0 ? { speaker: l.slice(0, at).trim(), text: l.slice(at + 1).trim() } : { speaker: '与会人员', text: l }; }),
    }), p.id);
    this.submit('[data-testid=fs-option]', (f) => api.post(`${base}/options`, {
      label: field(f, 'label'), amount: Number(field(f, 'amount')), unit: field(f, 'unit'), quantity: Number(field(f, 'quantity')),
      quantityUnit: field(f, 'quantityUnit'), perYear: Number(field(f, 'perYear')), description: field(f, 'description'),
    }), p.id);
    this.submit('[data-testid=fs-convene]', (f) => api.post(`${base}/meetings`, {
      rule: field(f, 'rule'), heldOn: field(f, 'heldOn'), place: field(f, 'place'), motion: field(f, 'motion'), optionId: field(f, 'optionId') ? Number(field(f, 'optionId')) : null,
    }), p.id);
    this.submit('[data-testid=fs-task]', (f) => api.post(`${base}/tasks`, {
      unitKind: field(f, 'unitKind'), department: field(f, 'department'), unitName: field(f, 'unitName'), title: field(f, 'title'), workingDays: Number(field(f, 'workingDays')),
    }), p.id);
    if (open) {
      const votes = (f: HTMLFormElement) => ({
        votes: open.roster.map((r) => {
          const present = f.querySelector<HTMLInputElement>(`[data-member="${r.id}"]`)!.checked;
          const vote = f.querySelector<HTMLSelectElement>(`[data-vote="${r.id}"]`)!.value;
          return { memberId: r.id, present, vote: present && vote ? vote : null };
        }),
      });
      this.submit('[data-testid=fs-votes]', (f) => api.put(`${base}/meetings/${open.id}/votes`, votes(f)), p.id);
      const f = this.el.querySelector<HTMLFormElement>('[data-testid=fs-votes]');
      f?.querySelector('[data-all-yes]')?.addEventListener('click', () => {
        f.querySelectorAll<HTMLInputElement>('[data-member]').forEach((c) => (c.checked = true));
        f.querySelectorAll<HTMLSelectElement>('[data-vote]').forEach((s) => (s.value = 'YES'));
      });
      f?.querySelector('[data-close]')?.addEventListener('click', async () => {
        try {
          await api.put(`${base}/meetings/${open.id}/votes`, votes(f));
          await api.post(`${base}/meetings/${open.id}/close`, {});
          await this.open(p.id);
        } catch (err) {
          say(f.querySelector('.v-error'), err);
        }
      });
    }
    wireTasks(this.el, this.ctx, () => this.open(p.id));
    this.el.querySelector('[data-complete]')?.addEventListener('click', async (e) => {
      try {
        await api.post(`${base}/complete`, {});
        await this.open(p.id);
      } catch (err) {
        say((e.target as HTMLElement).parentElement!.querySelector('.v-error'), err);
      }
    });
  }
}

/** Tasks as a table; {@code mode} says which buttons: the unit's report, the committee's acceptance. */
export function taskTable(tasks: Task[], mode: 'committee' | 'unit' | 'none', withMatter = false): string {
  if (tasks.length === 0) return '<p class="v-muted">暂无任务</p>';
  return `<table class="v-table" data-testid="fs-tasks"><thead><tr>${withMatter ? '<th>事项</th>' : ''}<th>承办单位</th><th>任务</th><th>时限</th><th>状态</th><th></th></tr></thead><tbody>
    ${tasks.map((t) => `<tr data-task="${t.id}">${withMatter ? `<td>${esc(t.proposalTitle)}<br><span class="v-muted">${esc(t.communityName)}</span></td>` : ''}
      <td>${esc(t.unitName)}<br><span class="v-muted">${esc(t.unitKindLabel)}</span></td><td>${esc(t.title)}${t.reportNote ? `<br><span class="v-muted">办结情况：${esc(t.reportNote)}</span>` : ''}</td>
      <td>${t.workingDays} 个工作日<br>${dateTime(t.dueAt)} 前${t.dueProvisional ? '（暂定）' : ''}</td>
      <td><span class="v-badge ${t.status === 'ACCEPTED' ? 'ok' : ''}">${esc(t.statusLabel)}</span>${t.overdue || t.overdueFlaggedAt && t.status === 'ASSIGNED' ? ' <span class="v-badge bad" data-testid="fs-overdue">已逾期 · 督办</span>' : ''}</td>
      <td>${actions(t, mode)}</td></tr>`).join('')}</tbody></table>`;
}

function actions(t: Task, mode: string): string {
  const unitMay = mode === 'unit' || mode === 'committee' && (t.unitKind === 'COMMUNITY' || t.unitKind === 'OTHER');
  if (t.status === 'ASSIGNED' && unitMay) {
    return `<input data-note="${t.id}" placeholder="办结情况" maxlength="2000"> <button class="v-btn" type="button" data-report="${t.id}" data-testid="fs-report">报告办结</button><span class="v-error"></span>`;
  }
  if (t.status === 'REPORTED' && mode === 'committee') {
    return `<button class="v-btn primary" type="button" data-accept="${t.id}" data-testid="fs-accept">验收</button>
      <input data-note="${t.id}" placeholder="退回理由"> <button class="v-btn" type="button" data-send-back="${t.id}">退回</button><span class="v-error"></span>`;
  }
  return '';
}

function wireTasks(el: HTMLElement, ctx: VillageContext, again: () => Promise<void>): void {
  const act = (selector: string, attr: string, path: (id: string, note: string) => [string, unknown]) => {
    el.querySelectorAll<HTMLButtonElement>(selector).forEach((b) => b.addEventListener('click', async () => {
      const id = b.getAttribute(attr)!;
      const note = el.querySelector<HTMLInputElement>(`[data-note="${id}"]`)?.value.trim() ?? '';
      try {
        const [url, body] = path(id, note);
        await ctx.api.post(url, body);
        await again();
      } catch (err) {
        say(b.parentElement!.querySelector('.v-error'), err);
      }
    }));
  };
  act('[data-report]', 'data-report', (id, note) => [`/api/v1/proposal-tasks/${id}/report`, { note }]);
  act('[data-accept]', 'data-accept', (id) => [`/api/v1/proposal-tasks/${id}/accept`, {}]);
  act('[data-send-back]', 'data-send-back', (id, note) => [`/api/v1/proposal-tasks/${id}/send-back`, { note }]);
}

async function unitTasks(el: HTMLElement, ctx: VillageContext): Promise<void> {
  const { items } = await ctx.api.get<{ items: Task[] }>('/api/v1/proposal-tasks');
  el.innerHTML = `<div class="v-card"><h2>本单位的联动办事任务</h2>${taskTable(items, ctx.me.role === 'COMMITTEE' ? 'committee' : 'unit', true)}</div>`;
  wireTasks(el, ctx, () => unitTasks(el, ctx));
}

async function overdueTasks(el: HTMLElement, ctx: VillageContext): Promise<void> {
  const { items } = await ctx.api.get<{ items: Task[] }>('/api/v1/proposal-tasks/overdue');
  el.innerHTML = `<div class="v-card"><h2>联动办事督办：逾期任务</h2>${taskTable(items, 'none', true)}</div>`;
}

export const FIVESTEPS_TAB: VillageTab = {
  id: 'fivesteps',
  label: '五事工作法',
  permission: 'proposals.manage',
  mount: (el, ctx) => new Matters(el, ctx).list(),
};

export const FIVESTEPS_TASKS_TAB: VillageTab = {
  id: 'fivesteps-tasks',
  label: '联动办事任务',
  permission: 'proposals.tasks',
  mount: (el, ctx) => unitTasks(el, ctx),
};

export const FIVESTEPS_OVERDUE_TAB: VillageTab = {
  id: 'fivesteps-overdue',
  label: '联动办事督办',
  permission: 'proposals.supervise',
  mount: (el, ctx) => overdueTasks(el, ctx),
};
