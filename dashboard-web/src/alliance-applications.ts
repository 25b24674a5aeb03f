import type { Api } from './api';
import { dateTime } from './dates';
import { openDialog } from './dialog';
import { esc } from './html';
import { renderBadge } from './alliance-badge';
import { showRecord, teams, TRADES, type MemberDetail, type MemberPage, type MemberView } from './alliance-members';
import type { PageContext, PageTab } from './tabbed-page';

/**
 * 入盟审核 on the alliance's page (alliance.manage): the applications waiting in the officer's area, each vetted
 * in a dialog (通过 into a team, or 不通过 with the reason); an approval shows the account the member signs in
 * with (a new one's initial password once, never again) and the badge card. Also: an application entered for
 * someone, and the import of a list of members (XLSX or CSV, with a dry run and the per-row errors).
 */

interface VetResult { record: MemberDetail; account: { username: string; initialPassword: string | null; promoted: boolean } | null }
interface RowError { row: number; column: string; value: string | null; reason: string }
interface ImportResult { dryRun: boolean; fileKind: string; rows: number; validRows: number; invalidRows: number; created: number; updated: number; unchanged: number; activated: number; errors: RowError[] }

/** Api.sendFile (the raw-body upload with the session's token) is protected: the tab borrows it for the import, as the registry's does. */
const sendFile = (api: Api, path: string, file: Blob): Promise<Response> =>
  (Object.getPrototypeOf(api) as { sendFile: (p: string, f: Blob) => Promise<Response> }).sendFile.call(api, path, file);

export const APPLICATIONS_TAB: PageTab = {
  id: 'applications',
  label: '入盟审核',
  permission: 'alliance.manage',
  async mount(el: HTMLElement, ctx: PageContext): Promise<void> {
    el.innerHTML = `<div class="v-actions">
        <button type="button" class="v-btn" data-enter data-testid="application-enter">代为录入申请</button>
        <button type="button" class="v-btn" data-import data-testid="import-open">导入队员名单</button>
        <button type="button" class="v-btn" data-template data-testid="import-template">下载导入模板</button>
      </div>
      <div data-side></div>
      <div class="v-card"><h2>待审核的入盟申请 <span class="v-muted" data-count></span></h2><div data-queue data-testid="application-queue"></div></div>`;
    const queue = el.querySelector<HTMLElement>('[data-queue]')!;
    const side = el.querySelector<HTMLElement>('[data-side]')!;
    const load = async (): Promise<void> => {
      const page = await ctx.api.get<MemberPage>('/api/v1/alliance/members?status=APPLIED&limit=200');
      el.querySelector('[data-count]')!.textContent = `共 ${page.items.length} 份`;
      queue.innerHTML = page.items.length === 0 ? '<p class="v-muted" data-testid="application-none">没有待审核的申请。</p>'
        : `<table class="v-table al-queue"><thead><tr><th>申请时间</th><th>姓名</th><th>行业 · 工作单位</th><th>手机号</th><th>身份证号</th><th>辖区</th><th>来源</th><th></th></tr></thead>
        <tbody>${page.items.map((m) => `<tr data-testid="application-row" data-name="${esc(m.name)}">
          <td>${esc(dateTime(m.appliedAt))}</td><td><b>${esc(m.name)}</b></td><td>${esc(m.tradeLabel)}${m.employer ? ` · ${esc(m.employer)}` : ''}</td>
          <td>${esc(m.phone)}</td><td>${esc(m.idNumber)}</td><td>${esc(m.areaName)}</td><td>${m.appliedBy === m.username ? '本人申请' : `民警录入（${esc(m.appliedBy)}）`}</td>
          <td><button type="button" class="v-btn primary" data-vet="${m.id}" data-testid="application-vet">审核</button></td></tr>`).join('')}</tbody></table>`;
      queue.querySelectorAll<HTMLButtonElement>('[data-vet]').forEach((b) => b.addEventListener('click', () => {
        const m = page.items.find((x) => x.id === Number(b.dataset.vet))!;
        void vet(ctx, m, side, load);
      }));
    };
    el.querySelector('[data-enter]')!.addEventListener('click', () => void enter(ctx, load));
    el.querySelector('[data-import]')!.addEventListener('click', () => importPanel(ctx, side, load));
    el.querySelector('[data-template]')!.addEventListener('click', () => void ctx.api.download('/api/v1/alliance/members/import-template'));
    await load();
  },
};

async function vet(ctx: PageContext, m: MemberView, side: HTMLElement, reload: () => Promise<void>): Promise<void> {
  const list = (await teams(ctx.api)).filter((t) => t.active);
  let result: VetResult | null = null;
  const v = await openDialog({
    title: '审核入盟申请',
    text: `${m.name} · ${m.tradeLabel}${m.employer ? ` · ${m.employer}` : ''} · ${m.areaName}`,
    testid: 'vet-dialog',
    fields: [
      { kind: 'select', name: 'decision', label: '审核结果', required: true, value: 'approve', options: [{ value: 'approve', label: '通过，编入队伍' }, { value: 'reject', label: '不通过' }] },
      { kind: 'select', name: 'teamId', label: '编入队伍（通过时）', value: list[0] ? String(list[0].id) : '', options: list.map((t) => ({ value: String(t.id), label: `${t.name}（${t.ledBy}）` })) },
      { kind: 'textarea', name: 'note', label: '审核意见（不通过时必填）' },
    ],
    confirm: '提交审核',
    onConfirm: async (values) => {
      const approve = values.decision === 'approve';
      result = await ctx.api.post<VetResult>(`/api/v1/alliance/members/${m.id}/vet`,
        { approve, teamId: approve ? Number(values.teamId) : null, note: values.note || null });
    },
  });
  if (!v || !result) return;
  const r: VetResult = result;
  const member = r.record.member;
  const a = r.account;
  side.innerHTML = `<div class="v-card" data-testid="vet-result"><h2>${esc(member.name)}：${esc(member.statusLabel)}</h2>
    ${a ? (a.initialPassword
      ? `<div class="al-once" data-testid="vet-account">已为队员开通账号：<b>${esc(a.username)}</b>，初始密码 <code data-testid="vet-password">${esc(a.initialPassword)}</code><br>
         <small>初始密码只显示这一次，请当面告知队员，并提醒其登录巡逻页面（/patrol.html）后修改。</small></div>`
      : `<div class="al-once" data-testid="vet-account">${a.promoted ? `居民账号 <b>${esc(a.username)}</b> 已转为平安联盟队员账号` : `已关联账号 <b>${esc(a.username)}</b>`}，
         队员用原手机号和密码登录巡逻页面（/patrol.html）。</div>`) : `<p>原因：${esc(member.statusReason ?? '')}</p>`}
    <div data-badge></div><div data-record></div></div>`;
  // an approved member's record carries the badge card; drawn once
  if (member.status === 'ACTIVE') await showRecord(side.querySelector<HTMLElement>('[data-record]')!, ctx, member.id);
  else if (member.badgeToken) renderBadge(side.querySelector<HTMLElement>('[data-badge]')!, member);
  await reload();
}

async function enter(ctx: PageContext, reload: () => Promise<void>): Promise<void> {
  await openDialog({
    title: '代为录入入盟申请',
    text: '录入后进入待审核，审核通过时为其开通账号（用户名为手机号）。',
    testid: 'enter-dialog',
    fields: [
      { kind: 'text', name: 'name', label: '姓名', required: true },
      { kind: 'text', name: 'phone', label: '手机号', required: true },
      { kind: 'text', name: 'idNumber', label: '身份证号', required: true },
      { kind: 'select', name: 'trade', label: '行业', required: true, value: 'PROPERTY', options: TRADES.map(([value, label]) => ({ value, label })) },
      { kind: 'text', name: 'employer', label: '工作单位' },
    ],
    confirm: '录入',
    onConfirm: (v) => ctx.api.post('/api/v1/alliance/members', v),
  });
  await reload();
}

function importPanel(ctx: PageContext, side: HTMLElement, reload: () => Promise<void>): void {
  side.innerHTML = `<div class="v-card" data-testid="import-panel"><h2>导入队员名单</h2>
    <p class="v-muted">XLSX 或 CSV，每行一人，列见模板；按身份证号匹配，改正后可重复导入。状态可填 待审核（默认）或 在册（须填队伍）。</p>
    <div class="v-actions"><input type="file" accept=".xlsx,.csv" data-testid="import-file" />
      <label><input type="checkbox" data-testid="import-dry" /> 只检查，不写入</label>
      <button type="button" class="v-btn primary" data-testid="import-go">上传</button></div>
    <div data-testid="import-result"></div></div>`;
  const out = side.querySelector<HTMLElement>('[data-testid=import-result]')!;
  side.querySelector('[data-testid=import-go]')!.addEventListener('click', async () => {
    const f = side.querySelector<HTMLInputElement>('[data-testid=import-file]')!.files?.[0];
    if (!f) {
      out.innerHTML = '<p class="v-error">请先选择文件</p>';
      return;
    }
    const dry = side.querySelector<HTMLInputElement>('[data-testid=import-dry]')!.checked;
    const res = await sendFile(ctx.api, `/api/v1/alliance/members/import?dryRun=${dry}&fileName=${encodeURIComponent(f.name)}`, f);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      out.innerHTML = `<p class="v-error" data-testid="import-problem">${esc((json as { detail?: string }).detail ?? `上传失败（HTTP ${res.status}）`)}</p>`;
      return;
    }
    const r = json as ImportResult;
    out.innerHTML = `<p data-testid="import-summary">${r.dryRun ? '检查结果（未写入）' : '已导入'}：共 ${r.rows} 行，有效 ${r.validRows} 行，错误 ${r.invalidRows} 行；
      新增 ${r.created}、更新 ${r.updated}、未变 ${r.unchanged}，其中在册 ${r.activated}。</p>
      ${r.errors.length ? `<table class="v-table" data-testid="import-errors"><thead><tr><th>行</th><th>列</th><th>内容</th><th>原因</th></tr></thead><tbody>
      ${r.errors.map((e) => `<tr><td>第 ${e.row} 行</td><td>${esc(e.column)}</td><td>${esc(e.value ?? '')}</td><td>${esc(e.reason)}</td></tr>`).join('')}</tbody></table>` : ''}`;
    if (!r.dryRun) await reload();
  });
}
