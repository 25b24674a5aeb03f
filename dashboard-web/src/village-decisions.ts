import { ApiProblem } from './api';
import { today } from './dates';
import { holds } from './holds';
import { esc } from './html';
import type { VillageContext, VillageTab } from './village-tabs';

/**
 * 四议两公开 on the village page: the village's matters with their progress through the four meetings and
 * the two disclosures; for the committee (decisions.manage) a new matter, each meeting with the members
 * present ticked from the registry and their votes (or the counts of a show of hands), the tally as the
 * server computed it, the resolution and the result made public, the implementation; a link to the
 * village's public board. Readers without decisions.manage see the same, without the forms.
 */
type StepCode = 'PROPOSAL' | 'DISCUSSION' | 'DELIBERATION' | 'RESOLUTION';
interface Member { id: number; name: string }
interface Tally { members: number; present: number; yes: number; no: number; abstain: number; presentNeeded: number; yesNeeded: number; quorate: boolean; passed: boolean; outcome: string }
interface StepView {
  id: number; round: number; step: StepCode; stepLabel: string; body: string; heldOn: string; place: string; chair: string; ruleName: string; ruleText: string;
  members: Member[] | null; attendees: Member[] | null; votes: Record<string, string> | null; perPersonVotes: boolean; tally: Tally; valid: boolean;
}
interface Matter {
  id: number; areaId: number; areaName: string; title: string; description: string | null; kind: string; kindLabel: string; major: boolean;
  amountYuan: number | null; subjectKind: string | null; state: string; stateLabel: string; round: number; nextStep: StepCode | null; nextStepLabel: string | null;
  resolutionPassed: boolean | null; resolvedOn: string | null; publishedOn: string | null; publicationText: string | null; displayUntil: string | null;
  implementedOn: string | null; implementationNote: string | null; resultOn: string | null; resultText: string | null; resultFigures: string | null;
  steps: StepView[];
}
interface Village { areaId: number; code: string; name: string; boardUrl: string }
interface Kind { code: string; name: string; description: string | null; major: boolean; thresholdYuan: number | null; active: boolean }
interface NextMeeting { step: StepCode; stepLabel: string; body: string; ruleName: string; ruleText: string; members: Member[]; presentNeeded: number }

const STEPS: { code: StepCode; label: string }[] = [
  { code: 'PROPOSAL', label: '村党组织提议' },
  { code: 'DISCUSSION', label: '村“两委”会议商议' },
  { code: 'DELIBERATION', label: '党员大会审议' },
  { code: 'RESOLUTION', label: '村民代表会议决议' },
];
const VOTE_LABEL: Record<string, string> = { YES: '赞成', NO: '反对', ABSTAIN: '弃权' };
const ORDER = ['OPEN', 'PROPOSED', 'DISCUSSED', 'DELIBERATED', 'RESOLVED', 'PUBLISHED', 'IMPLEMENTING', 'RESULT_PUBLISHED'];

const plusDays = (iso: string, n: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const day = (iso: string | null): string => {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const yuan = (v: number | null): string => (v == null ? '' : v >= 10000 ? `${(v / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元` : `${v.toLocaleString('zh-CN')} 元`);
const message = (e: unknown): string => (e instanceof ApiProblem ? (e.errors.length ? `${e.message}（${e.errors.map((x) => x.field).join('、')}）` : e.message) : '操作失败，请稍后再试');

/** Which of the six stages a matter has passed: the four meetings, 决议公开, 实施结果公开. */
function progress(m: Matter): string {
  const passed = (code: StepCode) => m.steps.some((s) => s.round === m.round && s.step === code && s.valid && s.tally.passed);
  const cells = STEPS.map((s) => ({ label: s.label, done: passed(s.code), failed: m.steps.some((x) => x.round === m.round && x.step === s.code && x.valid && !x.tally.passed) }));
  cells.push({ label: '决议公开', done: m.publishedOn != null, failed: false });
  cells.push({ label: '实施结果公开', done: m.resultOn != null, failed: false });
  return `<ol class="d-progress" data-testid="dec-progress">${cells.map((c) => `<li class="${c.done ? 'done' : c.failed ? 'failed' : ''}" title="${esc(c.label)}">${esc(c.label)}</li>`).join('')}</ol>`;
}

function stepCard(s: StepView): string {
  const t = s.tally;
  const names = s.attendees
    ? `<p class="v-muted">到会：${s.attendees.map((a) => esc(a.name) + (s.votes && s.votes[String(a.id)] ? `（${VOTE_LABEL[s.votes[String(a.id)]]}）` : '')).join('、') || '无'}</p>`
    : '';
  return `<div class="d-step ${s.valid ? '' : 'invalid'}" data-testid="dec-step" data-step="${s.step}" data-valid="${s.valid}">
    <b>${esc(s.stepLabel)}</b>${s.round > 1 ? `<span class="v-badge">第 ${s.round} 轮</span>` : ''}
    <span class="v-badge ${!s.valid ? 'bad' : t.passed ? 'ok' : 'bad'}">${!s.valid ? '会议无效' : t.passed ? '通过' : '未通过'}</span>
    <div class="v-muted">${esc(day(s.heldOn))} · ${esc(s.place)} · 主持：${esc(s.chair)} · ${esc(s.ruleName)}</div>
    <div>应到 ${t.members} 人，实到 ${t.present} 人；赞成 ${t.yes}，反对 ${t.no}，弃权 ${t.abstain}${s.perPersonVotes ? '' : '（举手表决）'}</div>
    <div class="d-outcome">${esc(t.outcome)}</div>
    ${names}
  </div>`;
}

export const decisionsTab: VillageTab = {
  id: 'decisions',
  label: '四议两公开',
  permission: 'decisions.read',
  async mount(el: HTMLElement, ctx: VillageContext) {
    const { api, me } = ctx;
    const manage = holds(me, 'decisions.manage');
    el.innerHTML = `
      <div class="v-card" data-testid="dec-head">
        <h2>四议两公开</h2>
        <p class="v-muted">村党组织提议 → 村“两委”会议商议 → 党员大会审议 → 村民代表会议决议 → 决议公开 → 实施结果公开。会议是否有效、是否通过由系统按表决规则计算。</p>
        <p id="dec-boards" data-testid="dec-boards"></p>
      </div>
      ${manage ? `<details class="v-card" data-testid="dec-new"><summary><b>新建议题</b></summary>
        <form class="v-form d-new" id="dec-new-form">
          <label>议题名称<input name="title" required maxlength="200" data-testid="dec-new-title" /></label>
          <label>事项类别<select name="kind" required data-testid="dec-new-kind"></select></label>
          <label>涉及金额（元，可不填）<input name="amount" type="number" min="0" step="0.01" data-testid="dec-new-amount" /></label>
          <label class="wide">内容说明<textarea name="description" rows="2" data-testid="dec-new-description"></textarea></label>
          <div class="v-actions wide"><button class="v-btn primary" type="submit" data-testid="dec-new-submit">创建议题</button><span class="v-error" data-testid="dec-new-error"></span></div>
        </form></details>` : ''}
      <div class="d-layout">
        <div class="v-card d-list"><h2>议题</h2><div id="dec-list" data-testid="dec-list"></div></div>
        <div class="v-card d-detail" id="dec-detail" data-testid="dec-detail"><p class="v-muted">选择一个议题查看进度。</p></div>
      </div>`;
    const list = el.querySelector('#dec-list') as HTMLElement;
    const detail = el.querySelector('#dec-detail') as HTMLElement;
    let matters: Matter[] = [];
    let selected: number | null = null;
    let kinds: Kind[] = [];

    const load = async (): Promise<void> => {
      const res = await api.get<{ items: Matter[]; villages: Village[] }>('/api/v1/decisions/matters');
      matters = res.items;
      (el.querySelector('#dec-boards') as HTMLElement).innerHTML = res.villages.map((v) =>
        `<a class="v-btn" href="${esc(v.boardUrl)}" target="_blank" rel="noopener" data-testid="dec-board-link">${esc(v.name)}村务公开栏（无需登录）</a>`).join(' ');
      list.innerHTML = matters.length === 0 ? '<p class="v-muted">暂无议题。</p>' : matters.map((m) => `
        <button type="button" class="d-item ${m.id === selected ? 'active' : ''}" data-testid="dec-item" data-matter-id="${m.id}" data-state="${m.state}">
          <span class="d-title">${esc(m.title)}</span>
          <span class="d-tags"><span class="v-badge">${esc(m.kindLabel)}</span>${m.major ? '<span class="v-badge bad">重大事项</span>' : ''}<span class="v-badge ${m.state === 'REJECTED' ? 'bad' : m.state === 'RESULT_PUBLISHED' || m.state === 'PUBLISHED' ? 'ok' : ''}" data-testid="dec-item-state">${esc(m.stateLabel)}</span></span>
          ${progress(m)}
        </button>`).join('');
      list.querySelectorAll<HTMLButtonElement>('[data-matter-id]').forEach((b) => b.addEventListener('click', () => void open(Number(b.dataset.matterId))));
    };

    const open = async (id: number): Promise<void> => {
      selected = id;
      list.querySelectorAll<HTMLElement>('[data-matter-id]').forEach((b) => b.classList.toggle('active', Number(b.dataset.matterId) === id));
      const m = await api.get<Matter>(`/api/v1/decisions/matters/${id}`);
      detail.dataset.matterId = String(id);
      detail.dataset.state = m.state;
      detail.innerHTML = `
        <h2 data-testid="dec-detail-title">${esc(m.title)}</h2>
        <p><span class="v-badge">${esc(m.kindLabel)}</span> ${m.major ? '<span class="v-badge bad">重大事项：须经决议通过并公开后方可实施</span>' : ''}
          <span class="v-badge" data-testid="dec-state">${esc(m.stateLabel)}</span>${m.amountYuan != null ? ` 金额 ${esc(yuan(m.amountYuan))}` : ''}</p>
        ${m.description ? `<p>${esc(m.description)}</p>` : ''}
        ${progress(m)}
        <div data-testid="dec-steps">${m.steps.map(stepCard).join('')}</div>
        ${m.publishedOn ? `<div class="d-step"><b>决议公开</b> ${esc(day(m.publishedOn))} 至 ${esc(day(m.displayUntil))}<div>${esc(m.publicationText ?? '')}</div></div>` : ''}
        ${m.implementedOn ? `<div class="d-step"><b>实施</b> ${esc(day(m.implementedOn))}<div>${esc(m.implementationNote ?? '')}</div></div>` : ''}
        ${m.resultOn ? `<div class="d-step"><b>实施结果公开</b> ${esc(day(m.resultOn))}<div>${esc(m.resultText ?? '')}</div><div>${esc(m.resultFigures ?? '')}</div></div>` : ''}
        <p class="v-error" data-testid="dec-error" role="alert"></p>
        <div class="d-tally" data-testid="dec-tally" hidden></div>
        <div id="dec-forms"></div>`;
      if (manage) await forms(m);
    };

    const act = async (work: () => Promise<unknown>, after?: (r: unknown) => void): Promise<void> => {
      (detail.querySelector('[data-testid="dec-error"]') as HTMLElement).textContent = '';
      try {
        const r = await work();
        await load();
        await open(selected!);
        after?.(r);
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 409) {
          // refused by the rules: the record may have changed (an invalid meeting is kept), so show it afresh with the reason
          await load();
          await open(selected!);
        }
        (detail.querySelector('[data-testid="dec-error"]') as HTMLElement).textContent = message(e);
      }
    };

    const forms = async (m: Matter): Promise<void> => {
      const box = detail.querySelector('#dec-forms') as HTMLElement;
      const parts: string[] = [];
      let next: NextMeeting | null = null;
      if (m.nextStep) {
        next = await api.get<NextMeeting>(`/api/v1/decisions/matters/${m.id}/members`);
        parts.push(`<form class="v-card d-meeting" id="dec-meeting" data-testid="dec-meeting">
          <h2>记录会议</h2>
          <div class="v-form">
            <label>会议程序<select name="step" data-testid="dec-step-select">${STEPS.map((s) => `<option value="${s.code}" ${s.code === m.nextStep ? 'selected' : ''}>${esc(s.label)}</option>`).join('')}</select></label>
            <label>日期<input name="heldOn" type="date" required value="${today()}" max="${today()}" data-testid="dec-held-on" /></label>
            <label>地点<input name="place" required value="村委会议室" data-testid="dec-place" /></label>
            <label>主持人<input name="chair" required data-testid="dec-chair" /></label>
          </div>
          <p class="v-muted">${esc(next.stepLabel)}：${esc(next.body)}，应到 ${next.members.length} 人。${esc(next.ruleName)}：${esc(next.ruleText)}。</p>
          <div class="v-actions">
            <button type="button" class="v-btn" data-testid="dec-all">全部到会</button>
            <button type="button" class="v-btn" data-testid="dec-none">清空</button>
            <label class="d-hands"><input type="checkbox" name="hands" data-testid="dec-hands" /> 举手表决（只记票数）</label>
            <span class="d-count" data-testid="dec-count"></span>
          </div>
          <table class="v-table d-members"><thead><tr><th>到会</th><th>姓名</th><th>表决</th></tr></thead><tbody>
          ${next.members.map((p) => `<tr><td><input type="checkbox" name="present" value="${p.id}" data-testid="dec-present" /></td><td>${esc(p.name)}</td>
            <td><select name="vote-${p.id}" data-testid="dec-vote" data-person="${p.id}"><option value="YES">赞成</option><option value="NO">反对</option><option value="ABSTAIN">弃权</option></select></td></tr>`).join('')}
          </tbody></table>
          <div class="v-form d-counts" hidden>
            <label>赞成<input name="yes" type="number" min="0" value="0" data-testid="dec-yes" /></label>
            <label>反对<input name="no" type="number" min="0" value="0" data-testid="dec-no" /></label>
            <label>弃权<input name="abstain" type="number" min="0" value="0" data-testid="dec-abstain" /></label>
          </div>
          <div class="v-actions"><button class="v-btn primary" type="submit" data-testid="dec-record">提交会议记录，由系统计票</button></div>
        </form>`);
      }
      const canPublish = m.resolutionPassed != null && m.publishedOn == null;
      if (canPublish) {
        parts.push(`<form class="v-card" id="dec-publish" data-testid="dec-publish">
          <h2>决议公开</h2>
          <div class="v-form">
            <label>公开日期<input name="publishedOn" type="date" required value="${today()}" /></label>
            <label>公示至<input name="displayUntil" type="date" required value="${plusDays(today(), 7)}" /></label>
            <label class="wide">公开内容<textarea name="text" rows="3" required data-testid="dec-publish-text">${esc(`经村民代表会议表决${m.resolutionPassed ? '通过' : '未通过'}：${m.title}。`)}</textarea></label>
          </div>
          <div class="v-actions"><button class="v-btn primary" type="submit" data-testid="dec-publish-submit">公开决议</button></div>
        </form>`);
      }
      const early = ['OPEN', 'PROPOSED', 'DISCUSSED', 'DELIBERATED'].includes(m.state);
      if (m.state === 'PUBLISHED' || m.state === 'RESOLVED' || early) {
        parts.push(`<form class="v-card" id="dec-implement" data-testid="dec-implement">
          <h2>登记实施</h2>
          ${m.major && m.state !== 'PUBLISHED' ? '<p class="v-muted">重大事项须经村民代表会议决议通过并公开后方可实施。</p>' : ''}
          <div class="v-form"><label>开始日期<input name="startedOn" type="date" required value="${today()}" /></label>
            <label class="wide">实施内容<input name="note" required data-testid="dec-implement-note" /></label></div>
          <div class="v-actions"><button class="v-btn" type="submit" data-testid="dec-implement-submit">登记实施</button></div>
        </form>`);
      }
      if (m.state === 'IMPLEMENTING') {
        parts.push(`<form class="v-card" id="dec-result" data-testid="dec-result">
          <h2>实施结果公开</h2>
          <div class="v-form"><label>公开日期<input name="publishedOn" type="date" required value="${today()}" /></label>
            <label class="wide">结果<textarea name="text" rows="2" required data-testid="dec-result-text"></textarea></label>
            <label class="wide">数据（金额、数量）<input name="figures" data-testid="dec-result-figures" /></label></div>
          <div class="v-actions"><button class="v-btn primary" type="submit" data-testid="dec-result-submit">公开实施结果</button></div>
        </form>`);
      }
      if (m.state === 'REJECTED') {
        parts.push(`<div class="v-actions"><button class="v-btn" type="button" id="dec-repropose" data-testid="dec-repropose">重新提议（开始第 ${m.round + 1} 轮）</button></div>`);
      }
      box.innerHTML = parts.join('');
      const meeting = box.querySelector<HTMLFormElement>('#dec-meeting');
      if (meeting && next) wireMeeting(meeting, m, next);
      box.querySelector<HTMLFormElement>('#dec-publish')?.addEventListener('submit', (e) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        void act(() => api.post(`/api/v1/decisions/matters/${m.id}/publication`, { publishedOn: f.get('publishedOn'), displayUntil: f.get('displayUntil'), text: f.get('text') }));
      });
      box.querySelector<HTMLFormElement>('#dec-implement')?.addEventListener('submit', (e) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        void act(() => api.post(`/api/v1/decisions/matters/${m.id}/implementation`, { startedOn: f.get('startedOn'), note: f.get('note') }));
      });
      box.querySelector<HTMLFormElement>('#dec-result')?.addEventListener('submit', (e) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        void act(() => api.post(`/api/v1/decisions/matters/${m.id}/result`, { publishedOn: f.get('publishedOn'), text: f.get('text'), figures: f.get('figures') || null }));
      });
      box.querySelector('#dec-repropose')?.addEventListener('click', () => void act(() => api.post(`/api/v1/decisions/matters/${m.id}/repropose`, {})));
    };

    const wireMeeting = (form: HTMLFormElement, m: Matter, next: NextMeeting): void => {
      const boxes = () => [...form.querySelectorAll<HTMLInputElement>('input[name="present"]')];
      const hands = form.querySelector<HTMLInputElement>('input[name="hands"]')!;
      const count = form.querySelector('[data-testid="dec-count"]') as HTMLElement;
      const update = (): void => {
        const n = boxes().filter((b) => b.checked).length;
        count.textContent = `已勾选到会 ${n} 人 / 应到 ${next.members.length} 人（有效须到会 ${next.presentNeeded} 人）`;
        form.querySelectorAll<HTMLSelectElement>('select[data-person]').forEach((s) => {
          s.disabled = hands.checked || !boxes().find((b) => b.value === s.dataset.person)?.checked;
        });
        (form.querySelector('.d-counts') as HTMLElement).hidden = !hands.checked;
      };
      form.addEventListener('change', update);
      form.querySelector('[data-testid="dec-all"]')!.addEventListener('click', () => { boxes().forEach((b) => (b.checked = true)); update(); });
      form.querySelector('[data-testid="dec-none"]')!.addEventListener('click', () => { boxes().forEach((b) => (b.checked = false)); update(); });
      update();
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const f = new FormData(form);
        const attendance = boxes().filter((b) => b.checked).map((b) => Number(b.value));
        const body: Record<string, unknown> = { step: f.get('step'), heldOn: f.get('heldOn'), place: f.get('place'), chair: f.get('chair'), attendance };
        if (hands.checked) {
          body.yes = Number(f.get('yes'));
          body.no = Number(f.get('no'));
          body.abstain = Number(f.get('abstain'));
        } else {
          const votes: Record<string, string> = {};
          for (const id of attendance) votes[String(id)] = String(f.get(`vote-${id}`));
          if (attendance.length === 0) body.yes = 0;
          else body.votes = votes;
        }
        void act(() => api.post<{ tally: Tally }>(`/api/v1/decisions/matters/${m.id}/steps`, body), (r) => {
          const t = (r as { tally: Tally }).tally;
          const el = detail.querySelector('[data-testid="dec-tally"]') as HTMLElement;
          el.hidden = false;
          el.textContent = `系统计票：应到 ${t.members} 人，实到 ${t.present} 人，赞成 ${t.yes}，反对 ${t.no}，弃权 ${t.abstain}。${t.outcome}`;
        });
      });
    };

    if (manage) {
      const form = el.querySelector<HTMLFormElement>('#dec-new-form')!;
      const select = form.querySelector<HTMLSelectElement>('select[name="kind"]')!;
      kinds = (await api.get<{ items: Kind[] }>('/api/v1/decisions/matter-kinds')).items.filter((k) => k.active);
      select.innerHTML = kinds.map((k) => `<option value="${esc(k.code)}">${esc(k.name)}${k.major ? (k.thresholdYuan != null ? `（${yuan(k.thresholdYuan)}及以上为重大事项）` : '（重大事项）') : ''}</option>`).join('');
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const f = new FormData(form);
        const err = form.querySelector('[data-testid="dec-new-error"]') as HTMLElement;
        err.textContent = '';
        const amount = String(f.get('amount') ?? '').trim();
        api.post<Matter>('/api/v1/decisions/matters', { title: f.get('title'), kind: f.get('kind'), description: f.get('description') || null, amountYuan: amount === '' ? null : Number(amount) })
          .then(async (m) => { form.reset(); selected = m.id; await load(); await open(m.id); })
          .catch((x) => { err.textContent = message(x); });
      });
    }
    await load();
    if (matters.length > 0) await open(matters.find((m) => ORDER.indexOf(m.state) < 4)?.id ?? matters[0].id);
  },
};
