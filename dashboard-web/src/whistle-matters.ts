import { esc } from './html';
import { inChinese, problemIn, Refused, type ResidentApi } from './whistle-api';

/**
 * 议事 on the residents' page: the community's public matters (五事工作法) with their five-step progress,
 * raising a matter (a proposal for everyone, not a complaint), a matter's whole public record
 * (deliberations, options and costs, the meeting's vote figures and resolution, the tasks, the
 * evaluations), and the resident's own evaluation once the matter is done.
 */

const STEPS = ['居民提事', '网格议事', '会议定事', '联动办事', '群众评事'];

interface Summary { id: number; title: string; compound: string | null; status: string; statusLabel: string; step: number; raisedByName: string; raisedAt: string; evaluations: number }
interface Matter {
  id: number; title: string; description: string; communityName: string; compound: string | null; status: string; statusLabel: string; step: number;
  raisedByName: string; onBehalfOf: string | null; resolution: string | null; raisedAt: string;
  deliberations: { heldOn: string; place: string; participants: { name: string; role: string | null }[]; opinions: { speaker: string; text: string }[]; minutes: string }[];
  options: { id: number; label: string; description: string | null; costText: string }[];
  meetings: { ruleName: string; heldOn: string; place: string; motion: string; closed: boolean; members: number; present: number; yes: number; no: number; abstain: number; outcome: string | null; passed: boolean | null }[];
  tasks: { unitName: string; title: string; statusLabel: string; dueAt: string; status: string; reportNote: string | null; overdue: boolean }[];
  evaluations: { name: string; verdictLabel: string; comment: string | null; at: string; mine: boolean }[];
  evaluationSummary: { satisfied: number; basicallySatisfied: number; dissatisfied: number };
  timeline: { at: string; actorName: string; note: string }[];
}

const time = (iso: string): string =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

function progress(step: number, status: string): string {
  return `<div class="r-steps">${STEPS.map((s, i) => {
    const n = i + 1;
    const cls = n < step || (status === 'COMPLETED' && n === step) ? 'done' : n === step ? 'now' : '';
    return `<span class="${cls}">${s}</span>`;
  }).join('')}</div>`;
}

const why = (e: unknown): string => (e instanceof Refused ? e.message : inChinese(problemIn(e), 'read'));

export class Matters {
  constructor(private readonly api: ResidentApi, private readonly el: HTMLElement) {}

  async list(): Promise<void> {
    let items: Summary[];
    try {
      items = (await this.api.get<{ items: Summary[] }>('/api/v1/proposals')).items;
    } catch (e) {
      this.el.innerHTML = `<h2>社区议事</h2><p class="r-error">${esc(why(e))}</p>`;
      return;
    }
    this.el.innerHTML = `<h2>社区议事</h2>
      <p class="r-hint">小区里的公共事，大家提、大家议、大家定、大家评。</p>
      <button type="button" class="r-secondary r-wide" data-raise data-testid="matter-raise-open">✋ 我要提事</button>
      <ol class="r-list" data-testid="matters">${items.map((m) => `<li class="r-case r-matter" data-id="${m.id}" data-testid="matter">
        <div class="r-row"><b>${esc(m.title)}</b><span class="r-status">${esc(m.statusLabel)}</span></div>${progress(m.step, m.status)}
        <div class="r-meta"><span>${esc(m.compound ?? '')}</span><span>${esc(m.raisedByName)} 提出</span><span>${time(m.raisedAt)}</span>${m.evaluations ? `<span>${m.evaluations} 人评价</span>` : ''}</div></li>`).join('')}</ol>
      ${items.length === 0 ? '<p class="r-hint">本社区还没有议事事项。</p>' : ''}`;
    this.el.querySelector('[data-raise]')!.addEventListener('click', () => this.raiseForm());
    this.el.querySelectorAll<HTMLElement>('.r-matter').forEach((li) => li.addEventListener('click', () => void this.open(Number(li.dataset.id))));
  }

  private raiseForm(): void {
    this.el.innerHTML = `<button type="button" class="r-back" data-back>‹ 返回</button><h2>我要提事</h2>
      <p class="r-note">提的是大家的公共事（如物业收费、设施改造），由网格议事、居民会议决定，再由各单位联动办理。个人遇到的问题请用“一键吹响”。</p>
      <form class="r-form r-inline" data-testid="matter-form">
        <label><span>什么事？</span><input name="title" maxlength="100" required data-testid="matter-title" placeholder="例如：小区物业收费标准" /></label>
        <label><span>哪个小区？</span><input name="compound" maxlength="60" data-testid="matter-compound" placeholder="例如：十四甲小区" /></label>
        <label><span>说说您的想法</span><textarea name="description" rows="5" maxlength="4000" required data-testid="matter-description"></textarea></label>
        <p class="r-error" role="alert" data-testid="matter-error"></p>
        <button type="submit" class="r-primary" data-testid="matter-submit">提交议事</button></form>`;
    this.el.querySelector('[data-back]')!.addEventListener('click', () => void this.list());
    const form = this.el.querySelector<HTMLFormElement>('form')!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
      try {
        const m = await this.api.postFor<Matter>('/api/v1/proposals', { title: v('title'), compound: v('compound'), description: v('description') }, 'file');
        await this.open(m.id);
      } catch (err) {
        form.querySelector('.r-error')!.textContent = why(err);
      }
    });
  }

  async open(id: number): Promise<void> {
    let m: Matter;
    try {
      m = await this.api.get<Matter>(`/api/v1/proposals/${id}`);
    } catch (e) {
      this.el.innerHTML = `<button type="button" class="r-back" data-back>‹ 返回</button><p class="r-error">${esc(why(e))}</p>`;
      this.el.querySelector('[data-back]')!.addEventListener('click', () => void this.list());
      return;
    }
    const mine = m.evaluations.find((e) => e.mine);
    this.el.innerHTML = `<button type="button" class="r-back" data-back>‹ 返回</button>
      <h2 data-testid="matter-title-shown">${esc(m.title)}</h2>${progress(m.step, m.status)}
      <p class="r-status" data-testid="matter-status">${esc(m.statusLabel)}</p>
      <p class="r-desc">${esc(m.description)}</p>
      <p class="r-meta"><span>${esc(m.communityName)}${m.compound ? ' · ' + esc(m.compound) : ''}</span><span>${esc(m.raisedByName)}${m.onBehalfOf ? '（代 ' + esc(m.onBehalfOf) + '）' : ''} 提出 · ${time(m.raisedAt)}</span></p>
      ${m.resolution ? `<p class="r-note" data-testid="matter-resolution">📢 决议公开：${esc(m.resolution)}</p>` : ''}
      ${m.deliberations.length ? `<h3>网格议事</h3>${m.deliberations.map((d) => `<div class="r-due-line"><b>${esc(d.heldOn)} · ${esc(d.place)}</b><br>参加：${d.participants.map((p) => esc(p.name)).join('、')}
        ${d.opinions.map((o) => `<p>💬 <b>${esc(o.speaker)}：</b>${esc(o.text)}</p>`).join('')}<p>纪要：${esc(d.minutes)}</p></div>`).join('')}` : ''}
      ${m.options.length ? `<h3>方案和费用</h3><ul class="r-plain">${m.options.map((o) => `<li><b>${esc(o.label)}</b>${o.description ? '：' + esc(o.description) : ''}<br><span class="r-hint">${esc(o.costText)}</span></li>`).join('')}</ul>` : ''}
      ${m.meetings.length ? `<h3>会议定事</h3>${m.meetings.map((g) => `<div class="r-due-line" data-testid="matter-meeting"><b>${esc(g.ruleName)} · ${esc(g.heldOn)}</b><br>表决：${esc(g.motion)}<br>
        应到 ${g.members}，到会 ${g.present}，赞成 ${g.yes}，反对 ${g.no}，弃权 ${g.abstain}${g.closed ? `<br><b class="${g.passed ? 'r-ok' : 'r-late'}">${esc(g.outcome ?? '')}</b>` : '<br>表决进行中'}</div>`).join('')}` : ''}
      ${m.tasks.length ? `<h3>联动办事</h3><ul class="r-plain">${m.tasks.map((t) => `<li><b>${esc(t.unitName)}</b>：${esc(t.title)}<br><span class="r-hint">${esc(t.statusLabel)} · ${time(t.dueAt)} 前办结</span>${t.overdue ? ' <span class="r-late">已逾期</span>' : ''}${t.reportNote ? `<br>${esc(t.reportNote)}` : ''}</li>`).join('')}</ul>` : ''}
      <h3>群众评事</h3><p>满意 ${m.evaluationSummary.satisfied} · 基本满意 ${m.evaluationSummary.basicallySatisfied} · 不满意 ${m.evaluationSummary.dissatisfied}</p>
      <ul class="r-plain" data-testid="matter-evaluations">${m.evaluations.map((e) => `<li>${esc(e.name)}：<b>${esc(e.verdictLabel)}</b>${e.comment ? '，' + esc(e.comment) : ''}</li>`).join('')}</ul>
      ${m.status === 'COMPLETED' && !mine ? `<div class="r-eval" data-testid="matter-evaluate"><h3>您对办理结果满意吗？</h3>
        <div class="r-choice">${[['SATISFIED', '满意'], ['BASICALLY_SATISFIED', '基本满意'], ['DISSATISFIED', '不满意']].map(([v, l]) => `<button type="button" class="r-secondary" data-verdict="${v}" data-testid="verdict-${v}">${l}</button>`).join('')}</div>
        <textarea rows="2" maxlength="1000" placeholder="说两句（可不填）" data-testid="matter-comment"></textarea><p class="r-error" role="alert"></p></div>` : ''}
      ${mine ? `<p class="r-hint" data-testid="matter-evaluated">您已评价：${esc(mine.verdictLabel)}</p>` : ''}
      <h3>全程记录</h3><ol class="r-plain r-timeline">${m.timeline.map((s) => `<li><span class="r-hint">${time(s.at)} · ${esc(s.actorName)}</span><br>${esc(s.note)}</li>`).join('')}</ol>`;
    this.el.querySelector('[data-back]')!.addEventListener('click', () => void this.list());
    this.el.querySelectorAll<HTMLButtonElement>('[data-verdict]').forEach((b) => b.addEventListener('click', async () => {
      const comment = this.el.querySelector<HTMLTextAreaElement>('[data-testid=matter-comment]')!.value.trim();
      try {
        await this.api.postFor(`/api/v1/proposals/${m.id}/evaluations`, { satisfaction: b.dataset.verdict, comment }, 'evaluate');
        await this.open(m.id);
      } catch (err) {
        this.el.querySelector('[data-testid=matter-evaluate] .r-error')!.textContent = why(err);
      }
    }));
  }
}
