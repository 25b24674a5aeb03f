import './village-mediation.css';
import { ApiProblem } from './api';
import { dateTime } from './dates';
import { holds } from './holds';
import { esc } from './html';
import type { VillageContext, VillageTab } from './village-tabs';

/**
 * 小调解: the mediation team's disputes at their level with the level's time limit (Asia/Shanghai), the steps
 * they may take (session, escalation with a reason, the agreement's terms, the PDF, sign-off, referral out of
 * the village, withdrawal), opening a dispute, and for the committee the overview: rosters and statistics.
 */

interface Party { side: string; sideLabel: string; name: string; details: string | null }
interface SessionRow { id: number; heldAt: string; place: string; levelLabel: string; mediators: string; present: string; notes: string }
interface Step { at: string; action: string; levelLabel: string; actor: string; note: string | null }
interface Agreement { facts: string | null; terms: string; performance: string | null; performanceDue: string | null; generatedAt: string | null;
  partiesConfirmed: string | null; mediatorSignedBy: string | null; signedAt: string | null }
interface Dispute {
  id: number; number: string; villageName: string; title: string; categoryLabel: string; description: string; originLabel: string | null;
  level: string; levelLabel: string; status: string; statusLabel: string; levelDue: string; overdue: boolean; agentName: string | null;
  openedBy: string; openedAt: string; closedAt: string | null; outcome: string | null; referredTo: string | null; nextLevel: string | null;
  nextLevelLabel: string | null; mayHandle: boolean; parties: Party[]; sessions: SessionRow[]; steps: Step[]; agreement: Agreement | null;
  hasAgreement: boolean; hasFile: boolean;
}
interface Member { personId: number; name: string; hasAccount: boolean }
interface Team { role: string; roleLabel: string; levelLabel: string; members: Member[] }
interface Rosters { areaId: number; villageName: string; teams: Team[]; you: { name: string; roleLabels: string[]; levels: string[]; levelLabels: string[] } | null }
interface Figures { ended: number; settled: number; referred: number; withdrawn: number; keptInVillageRate: number | null;
  byCategory: { label: string; ended: number; settled: number; referred: number; withdrawn: number }[];
  settledByLevel: { label: string; settled: number }[]; averageDaysToSettle: number | null; medianDaysToSettle: number | null; openNow: number; overdueNow: number }
interface Stats { total: Figures; villages: { areaId: number; name: string; figures: Figures }[] }

const CATEGORIES: [string, string][] = [['NEIGHBOURS', '邻里纠纷'], ['MARRIAGE_FAMILY', '婚姻家庭'], ['SUPPORT', '赡养抚养'],
  ['HOMESTEAD_LAND', '宅基地与土地'], ['BUILDING_ADJACENCY', '房屋建设与相邻关系'], ['CONTRACT_DEBT', '合同债务'], ['DAMAGES', '损害赔偿'], ['OTHER', '其他']];
const LEVELS: [string, string][] = [['AGENT', '代办员'], ['MEDIATION', '调解员、和事佬']];

/** An ISO date (2027-01-31) as 2027年1月31日. */
const day = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};


function message(e: unknown): string {
  if (e instanceof ApiProblem) return e.errors.length ? `${e.message}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

async function mount(el: HTMLElement, ctx: VillageContext): Promise<void> {
  el.innerHTML = `
    <div class="v-card" data-testid="mediation-you"></div>
    <div class="v-card"><h2>纠纷 <span class="v-muted v-sub">（本人可见的纠纷；时限为北京时间）</span></h2>
      <p class="v-error" data-testid="mediation-error"></p>
      <table class="v-table med-list" data-testid="mediation-list"></table></div>
    <div class="v-card" data-testid="mediation-detail" hidden></div>
    <div class="v-card" data-testid="mediation-open" hidden></div>
    <div class="v-card" data-testid="mediation-rosters"></div>
    <div class="v-card" data-testid="mediation-stats" hidden></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  const error = q('mediation-error');
  let selected: number | null = null;

  const rosters = await ctx.api.get<Rosters>('/api/v1/mediation/rosters');
  const you = q('mediation-you');
  you.innerHTML = rosters.you
    ? `<b>${esc(rosters.you.name)}</b>（${esc(rosters.you.roleLabels.join('、'))}）· 办理层级：${esc(rosters.you.levelLabels.join('、') || '无')}`
    : `<b>${esc(rosters.villageName)}</b> 村（居）“两委”：本村纠纷总览`;
  q('mediation-rosters').innerHTML = `<h2>${esc(rosters.villageName)}调解队伍</h2>` + rosters.teams.map((t) =>
    `<p><b>${esc(t.roleLabel)}</b>（${esc(t.levelLabel)}一级，${t.members.length} 人）：${t.members.map((m) => esc(m.name)).join('、') || '<span class="v-muted">暂无</span>'}</p>`).join('');

  async function list(): Promise<void> {
    const { items } = await ctx.api.get<{ items: Dispute[] }>('/api/v1/mediation/disputes');
    const table = q('mediation-list');
    table.innerHTML = `<tr><th class="med-minor">编号</th><th>纠纷</th><th class="med-minor">类别</th><th>当事人</th><th class="med-minor">层级</th><th>状态</th><th>本级时限</th><th></th></tr>` +
      (items.length === 0 ? '<tr><td colspan="8" class="v-muted">暂无纠纷</td></tr>' : items.map((d) => `
        <tr data-testid="dispute-row-${d.id}">
          <td class="med-minor">${esc(d.number)}</td><td>${esc(d.title)}</td><td class="med-minor">${esc(d.categoryLabel)}</td>
          <td>${d.parties.map((p) => esc(p.name)).join('、')}</td><td class="med-minor">${esc(d.levelLabel)}</td>
          <td><span class="v-badge ${d.status === 'SETTLED' ? 'ok' : d.status === 'OPEN' ? '' : 'bad'}">${esc(d.statusLabel)}</span></td>
          <td>${d.status === 'OPEN' ? `${dateTime(d.levelDue)}${d.overdue ? ' <span class="v-badge bad">已逾期</span>' : ''}` : `<span class="v-muted">${dateTime(d.closedAt)} 结束</span>`}</td>
          <td><button type="button" class="v-btn" data-open="${d.id}" data-testid="dispute-open-${d.id}">${d.mayHandle ? '办理' : '查看'}</button></td>
        </tr>`).join(''));
    table.querySelectorAll<HTMLButtonElement>('[data-open]').forEach((b) => b.addEventListener('click', () => void show(Number(b.dataset.open))));
  }

  async function act(call: () => Promise<unknown>): Promise<void> {
    error.textContent = '';
    try {
      await call();
      await list();
      if (selected !== null) await show(selected);
    } catch (e) {
      error.textContent = message(e);
      const local = el.querySelector('[data-testid="dispute-error"]');
      if (local) local.textContent = message(e);
    }
  }

  async function show(id: number): Promise<void> {
    selected = id;
    const d = await ctx.api.get<Dispute>(`/api/v1/mediation/disputes/${id}`);
    const box = q('mediation-detail');
    box.hidden = false;
    const base = `/api/v1/mediation/disputes/${id}`;
    const a = d.agreement;
    box.innerHTML = `
      <h2 data-testid="dispute-title">${esc(d.number)} ${esc(d.title)} <span class="v-badge">${esc(d.statusLabel)}</span> <span class="v-badge">${esc(d.levelLabel)}一级</span></h2>
      <p>${esc(d.categoryLabel)} · 受理：${dateTime(d.openedAt)}（${esc(d.openedBy)}）${d.agentName ? ` · 代办员：${esc(d.agentName)}` : ''}
        ${d.status === 'OPEN' ? ` · 本级时限：<b data-testid="dispute-due">${dateTime(d.levelDue)}</b>${d.overdue ? ' <span class="v-badge bad">已逾期</span>' : ''}` : ''}</p>
      ${d.originLabel ? `<p>来源：${esc(d.originLabel)}</p>` : ''}
      <p>${esc(d.description)}</p>
      ${d.outcome ? `<p data-testid="dispute-outcome"><b>结果：</b>${esc(d.outcome)}${d.referredTo ? `（${esc(d.referredTo)}）` : ''}</p>` : ''}
      <h3>当事人</h3><ul data-testid="dispute-parties">${d.parties.map((p) => `<li>${esc(p.sideLabel)}：${esc(p.name)}${p.details ? ` <span class="v-muted">${esc(p.details)}</span>` : ''}</li>`).join('')}</ul>
      <h3>调解记录</h3>${d.sessions.length === 0 ? '<p class="v-muted">暂无</p>' : `<div class="med-scroll"><table class="v-table" data-testid="dispute-sessions"><tr><th>时间</th><th>地点</th><th>层级</th><th>调解人</th><th>到场当事人</th><th>记录</th></tr>${d.sessions.map((s) =>
        `<tr><td>${dateTime(s.heldAt)}</td><td>${esc(s.place)}</td><td>${esc(s.levelLabel)}</td><td>${esc(s.mediators)}</td><td>${esc(s.present)}</td><td>${esc(s.notes)}</td></tr>`).join('')}</table></div>`}
      <h3>经过</h3><div class="med-scroll"><table class="v-table" data-testid="dispute-steps"><tr><th>时间</th><th>层级</th><th>事项</th><th>经办人</th><th>说明</th></tr>${d.steps.map((s) =>
        `<tr><td>${dateTime(s.at)}</td><td>${esc(s.levelLabel)}</td><td>${esc(s.action)}</td><td>${esc(s.actor)}</td><td>${esc(s.note)}</td></tr>`).join('')}</table></div>
      ${a ? `<h3>调解协议</h3><p><b>协议条款：</b>${esc(a.terms)}</p><p><b>履行方式：</b>${esc(a.performance)} ${a.performanceDue ? `（${day(a.performanceDue)}前履行完毕）` : ''}</p>
        ${a.generatedAt ? `<p class="v-muted">协议书已生成：${dateTime(a.generatedAt)}</p>` : ''}
        ${a.signedAt ? `<p data-testid="dispute-signed">当事人确认：${esc(a.partiesConfirmed)}；调解员签名：${esc(a.mediatorSignedBy)}；${dateTime(a.signedAt)}</p>` : ''}` : ''}
      <div class="v-actions">
        ${d.hasAgreement ? '<button type="button" class="v-btn" data-testid="dispute-download">下载调解协议书（PDF）</button>' : ''}
        ${d.hasFile ? '<button type="button" class="v-btn" data-testid="dispute-download-file">下载调解卷宗（PDF）</button>' : ''}
      </div>
      <p class="v-error" data-testid="dispute-error"></p>
      ${d.mayHandle ? handleForms(d) : ''}`;
    const on = (tid: string, f: () => Promise<unknown>) => box.querySelector(`[data-testid="${tid}"]`)?.addEventListener('click', () => void act(f));
    const val = (name: string) => (box.querySelector(`[name="${name}"]`) as HTMLInputElement | null)?.value ?? '';
    box.querySelector('[data-testid="dispute-download"]')?.addEventListener('click', () => void ctx.api.download(`${base}/agreement.pdf`).catch((e) => (error.textContent = message(e))));
    box.querySelector('[data-testid="dispute-download-file"]')?.addEventListener('click', () => void ctx.api.download(`${base}/file.pdf`).catch((e) => (error.textContent = message(e))));
    on('session-save', () => ctx.api.post(`${base}/sessions`, { heldAt: val('heldAt') ? new Date(val('heldAt') + ':00+08:00').toISOString() : null,
      place: val('place'), mediators: val('mediators'), present: val('present'), notes: val('notes') }));
    on('escalate-save', () => ctx.api.post(`${base}/escalate`, { to: d.nextLevel, reason: val('escalateReason') }));
    on('agreement-save', () => ctx.api.put(`${base}/agreement`, { facts: val('facts'), terms: val('terms'), performance: val('performance'), performanceDue: val('performanceDue') || null }));
    on('agreement-generate', () => ctx.api.post(`${base}/agreement/generate`, {}));
    on('signoff-save', () => ctx.api.post(`${base}/sign-off`, { partiesConfirmed: val('partiesConfirmed') }));
    on('refer-save', () => ctx.api.post(`${base}/refer`, { to: val('referTo'), reason: val('referReason') }));
    on('withdraw-save', () => ctx.api.post(`${base}/withdraw`, { reason: val('withdrawReason') }));
  }

  function handleForms(d: Dispute): string {
    const a = d.agreement;
    return `
      <h3>记录调解</h3><div class="v-form">
        <label>时间（北京时间）<input type="datetime-local" name="heldAt" /></label>
        <label>地点<input name="place" data-testid="session-place" /></label>
        <label>调解人<input name="mediators" placeholder="默认：本人" /></label>
        <label>到场当事人<input name="present" data-testid="session-present" value="${esc(d.parties.map((p) => p.name).join('、'))}" /></label>
        <label class="v-wide">调解记录<textarea name="notes" rows="2" data-testid="session-notes"></textarea></label>
      </div><div class="v-actions"><button type="button" class="v-btn" data-testid="session-save">保存调解记录</button></div>
      ${d.nextLevel ? `<h3>升级至${esc(d.nextLevelLabel)}</h3><div class="v-form"><label class="v-wide">升级理由<input name="escalateReason" data-testid="escalate-reason" /></label></div>
        <div class="v-actions"><button type="button" class="v-btn" data-testid="escalate-save">升级至${esc(d.nextLevelLabel)}</button></div>` : ''}
      <h3>调解协议</h3><div class="v-form">
        <label class="v-wide">纠纷事实<textarea name="facts" rows="2" data-testid="agreement-facts">${esc(a?.facts ?? d.description)}</textarea></label>
        <label class="v-wide">协议条款<textarea name="terms" rows="3" data-testid="agreement-terms">${esc(a?.terms)}</textarea></label>
        <label>履行方式<input name="performance" data-testid="agreement-performance" value="${esc(a?.performance)}" /></label>
        <label>履行期限<input type="date" name="performanceDue" data-testid="agreement-due" value="${esc(a?.performanceDue)}" /></label>
      </div><div class="v-actions">
        <button type="button" class="v-btn" data-testid="agreement-save">保存协议条款</button>
        ${a ? '<button type="button" class="v-btn" data-testid="agreement-generate">生成调解协议书（PDF）</button>' : ''}
      </div>
      ${a?.generatedAt ? `<h3>签字确认</h3><div class="v-form"><label class="v-wide">已签字确认的当事人<input name="partiesConfirmed" data-testid="signoff-parties" value="${esc(d.parties.map((p) => p.name).join('、'))}" /></label></div>
        <div class="v-actions"><button type="button" class="v-btn primary" data-testid="signoff-save">当事人已确认，调解员签名（调解成功）</button></div>` : ''}
      ${d.level === 'LEGAL' ? `<h3>移交村外</h3><div class="v-form"><label>移交至<select name="referTo" data-testid="refer-to"><option value="TOWN_COMMITTEE">镇（街道）人民调解委员会</option><option value="LEGAL_AID">法律援助中心</option></select></label>
        <label>理由<input name="referReason" data-testid="refer-reason" /></label></div><div class="v-actions"><button type="button" class="v-btn" data-testid="refer-save">连同卷宗移交</button></div>` : ''}
      <h3>撤回</h3><div class="v-form"><label>撤回理由<input name="withdrawReason" /></label></div>
      <div class="v-actions"><button type="button" class="v-btn" data-testid="withdraw-save">申请人撤回</button></div>`;
  }

  if (holds(ctx.me, 'mediation.open')) {
    const box = q('mediation-open');
    const levels = rosters.you ? LEVELS.filter(([l]) => rosters.you?.levels.includes(l)) : LEVELS;
    if (levels.length > 0) {
      box.hidden = false;
      box.innerHTML = `<h2>受理纠纷</h2><div class="v-form">
        <label>纠纷名称<input name="title" data-testid="open-title" /></label>
        <label>类别<select name="category" data-testid="open-category">${CATEGORIES.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label>受理层级<select name="level" data-testid="open-level">${levels.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label>申请人<input name="applicant" data-testid="open-applicant" /></label>
        <label>申请人住址、电话<input name="applicantDetails" data-testid="open-applicant-details" /></label>
        <label>被申请人<input name="respondent" data-testid="open-respondent" /></label>
        <label>被申请人住址、电话<input name="respondentDetails" data-testid="open-respondent-details" /></label>
        <label class="v-wide">纠纷情况<textarea name="description" rows="2" data-testid="open-description"></textarea></label>
      </div><div class="v-actions"><button type="button" class="v-btn primary" data-testid="open-save">受理</button></div>
      <p class="v-error" data-testid="open-error"></p>`;
      const val = (name: string) => (box.querySelector(`[name="${name}"]`) as HTMLInputElement).value.trim();
      box.querySelector('[data-testid="open-save"]')?.addEventListener('click', async () => {
        const err = box.querySelector('[data-testid="open-error"]') as HTMLElement;
        err.textContent = '';
        try {
          const parties = [{ side: 'APPLICANT', name: val('applicant'), details: val('applicantDetails') }];
          if (val('respondent')) parties.push({ side: 'RESPONDENT', name: val('respondent'), details: val('respondentDetails') });
          const d = await ctx.api.post<Dispute>('/api/v1/mediation/disputes', { title: val('title'), category: val('category'), level: val('level'),
            description: val('description'), parties });
          box.querySelectorAll<HTMLInputElement>('input, textarea').forEach((i) => (i.value = ''));
          await list();
          await show(d.id);
        } catch (e) {
          err.textContent = message(e);
        }
      });
    }
  }

  if (holds(ctx.me, 'mediation.stats')) {
    const box = q('mediation-stats');
    box.hidden = false;
    const from = new Date(Date.now() - 2 * 365 * 86400_000).toISOString().slice(0, 10);
    const s = await ctx.api.get<Stats>(`/api/v1/mediation/stats?from=${from}`);
    const f = s.total;
    const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
    box.innerHTML = `<h2>调解统计（近两年结案）</h2>
      <p data-testid="stats-rate" class="v-big">“小事不出村”率：<b>${pct(f.keptInVillageRate)}</b>
        <span class="v-muted v-small">＝村内调解成功 ${f.settled} 件 ÷ 结案 ${f.ended} 件（含移交村外 ${f.referred} 件、撤回 ${f.withdrawn} 件）</span></p>
      <p>平均调解用时 ${f.averageDaysToSettle ?? '—'} 天，中位数 ${f.medianDaysToSettle ?? '—'} 天；在办 ${f.openNow} 件，其中逾期 ${f.overdueNow} 件。</p>
      <p>调解成功所在层级：${f.settledByLevel.map((l) => `${esc(l.label)} ${l.settled} 件`).join('，')}</p>
      <table class="v-table" data-testid="stats-categories"><tr><th>类别</th><th>结案</th><th>调解成功</th><th>移交村外</th><th>撤回</th></tr>
        ${f.byCategory.map((c) => `<tr><td>${esc(c.label)}</td><td>${c.ended}</td><td>${c.settled}</td><td>${c.referred}</td><td>${c.withdrawn}</td></tr>`).join('')}</table>
      ${s.villages.length > 1 ? `<h3>各村（社区）</h3><table class="v-table"><tr><th>村（社区）</th><th>结案</th><th>调解成功</th><th>“小事不出村”率</th></tr>${s.villages.map((v) =>
        `<tr><td>${esc(v.name)}</td><td>${v.figures.ended}</td><td>${v.figures.settled}</td><td>${pct(v.figures.keptInVillageRate)}</td></tr>`).join('')}</table>` : ''}`;
  }

  await list();
}

export const mediationTab: VillageTab = { id: 'mediation', label: '小调解', permission: 'mediation.read', mount };
