import type { Api } from './api';
import { ApiProblem } from './api';
import type { VillageContext, VillageTab } from './village-tabs';

/**
 * 户籍台账: the village's households and people with their civic roles. Search and households by grid,
 * a household's card with its members, the forms, the import with its per-row error table (and a dry
 * run), the templates, the rosters by role. ID numbers and, for those without the right, phones come
 * masked from the server; 查看完整信息 asks for a person's full data (the server audits every look).
 */

interface RoleView { role: string; label: string }
interface PersonView {
  id: number; householdId: number | null; householdCode: string | null; name: string; gender: string | null; genderLabel: string | null;
  birthDate: string | null; idNumber: string | null; phone: string | null; relation: string | null; active: boolean; hasAccount: boolean;
  roles: RoleView[]; phoneMasked: boolean;
}
interface HouseholdRow { id: number; code: string; address: string; gridId: number | null; gridName: string | null; phone: string | null; members: number; head: string | null; agentName: string | null }
interface HouseholdPage { items: HouseholdRow[]; total: number; offset: number; limit: number }
interface HouseholdCard {
  id: number; areaId: number; areaName: string; code: string; address: string; gridId: number | null; gridName: string | null; phone: string | null;
  agent: { id: number; name: string; phone: string | null } | null; members: PersonView[]; former: PersonView[];
}
interface GridCount { gridId: number | null; code: string | null; name: string; households: number; people: number }
interface Summary {
  areaId: number; areaName: string; households: number; people: number; grids: GridCount[]; roles: { role: string; label: string; people: number }[];
  phones: boolean; personal: boolean; manage: boolean;
}
interface PersonalData { id: number; name: string; idNumber: string | null; birthDate: string | null; genderLabel: string | null; phone: string | null }
interface RowError { row: number; column: string; value: string; reason: string }
interface ImportResult {
  dryRun: boolean; fileKind: string; rows: number; validRows: number; invalidRows: number; householdsCreated: number; householdsUpdated: number;
  peopleCreated: number; peopleUpdated: number; peopleUnchanged: number; errors: RowError[];
}

const ROLES: [string, string][] = [
  ['PARTY_MEMBER', '党员'], ['COMMITTEE_MEMBER', '两委委员'], ['REPRESENTATIVE', '村（居）民代表'], ['GRID_WORKER', '网格员'],
  ['MEDIATOR', '调解员'], ['PEACEMAKER', '和事佬'], ['LEGAL_ADVISER', '法律顾问'], ['AGENT', '代办员'],
];
const PAGE = 30;

/** Api.sendFile (the raw-body upload with the session's token) is protected: the tab borrows it for the import. */
const sendFile = (api: Api, path: string, file: Blob): Promise<Response> =>
  (Object.getPrototypeOf(api) as { sendFile: (p: string, f: Blob) => Promise<Response> }).sendFile.call(api, path, file);

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else if (k === 'testid') el.dataset.testid = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

function button(label: string, testid: string, onClick: () => void, primary = false): HTMLButtonElement {
  const b = h('button', { type: 'button', class: primary ? 'v-btn primary' : 'v-btn', testid }, label);
  b.addEventListener('click', onClick);
  return b;
}

function badges(roles: RoleView[]): HTMLElement {
  const span = h('span', { class: 'r-badges' });
  for (const r of roles) span.append(h('span', { class: `v-badge r-${r.role.toLowerCase()}` }, r.label));
  return span;
}

function message(err: unknown): string {
  if (err instanceof ApiProblem) return err.errors.length ? err.errors.map((e) => e.message).join('；') : err.message;
  return err instanceof Error ? err.message : String(err);
}

class RegistryTab {
  private summary!: Summary;
  private gridId: number | null = null;
  private q = '';
  private offset = 0;
  private readonly list = h('div', { class: 'r-list', testid: 'registry-list' });
  private readonly detail = h('div', { class: 'r-detail', testid: 'registry-detail' });
  private readonly side = h('div', { class: 'r-side' });
  private headEl!: HTMLElement;

  constructor(private readonly el: HTMLElement, private readonly api: Api) {}

  async mount(): Promise<void> {
    this.summary = await this.api.get<Summary>('/api/v1/registry/summary');
    this.el.classList.add('registry');
    this.headEl = this.head();
    this.el.append(this.headEl, this.toolbar(), this.side, h('div', { class: 'r-main' }, this.list, this.detail));
    await this.load();
  }

  private head(): HTMLElement {
    const s = this.summary;
    const roles = h('div', { class: 'r-roles', testid: 'registry-roles' });
    for (const r of s.roles.filter((x) => x.people > 0)) {
      const b = h('button', { type: 'button', class: 'r-chip', testid: `roster-${r.role}` }, `${r.label} ${r.people}`);
      b.addEventListener('click', () => void this.roster(r.role, r.label));
      roles.append(b);
    }
    const grids = h('div', { class: 'r-grids', testid: 'registry-grids' });
    const all = h('button', { type: 'button', class: 'r-chip active', testid: 'grid-all' }, `全部 ${s.households} 户`);
    const chips: HTMLButtonElement[] = [all];
    all.addEventListener('click', () => this.pickGrid(null, all, chips));
    grids.append(all);
    for (const g of s.grids) {
      const b = h('button', { type: 'button', class: 'r-chip', testid: `grid-${g.code ?? 'none'}` }, `${g.name} ${g.households} 户 / ${g.people} 人`);
      b.addEventListener('click', () => this.pickGrid(g.gridId, b, chips));
      chips.push(b);
      grids.append(b);
    }
    const note = s.personal ? '身份证号默认只显示后 4 位，“查看完整信息”会记入审计日志。'
      : s.phones ? '可查看联系电话；身份证号只显示后 4 位。' : '身份证号和电话号码已隐去部分数字。';
    return h('div', { class: 'v-card r-head' },
      h('h2', {}, `${s.areaName} 户籍台账`),
      h('p', { class: 'v-muted', testid: 'registry-totals' }, `在册 ${s.households} 户、${s.people} 人。${note}`),
      grids, roles);
  }

  private pickGrid(id: number | null, chip: HTMLButtonElement, chips: HTMLButtonElement[]): void {
    chips.forEach((c) => c.classList.toggle('active', c === chip));
    this.gridId = id;
    this.offset = 0;
    void this.load();
  }

  private toolbar(): HTMLElement {
    const input = h('input', { type: 'search', placeholder: '户号、地址或姓名', testid: 'registry-search', 'aria-label': '搜索' });
    const form = h('form', { class: 'r-search' }, input, h('button', { type: 'submit', class: 'v-btn primary', testid: 'registry-search-go' }, '搜索'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.q = input.value.trim();
      this.offset = 0;
      void this.load();
    });
    const bar = h('div', { class: 'v-actions r-toolbar' }, form);
    if (this.summary.manage) {
      bar.append(
        button('新增户', 'household-new', () => this.householdForm(null)),
        button('导入台账', 'import-open', () => this.importPanel()),
        button('下载模板（XLSX）', 'template-xlsx', () => void this.api.download('/api/v1/registry/import-template?format=xlsx')),
        button('下载模板（CSV）', 'template-csv', () => void this.api.download('/api/v1/registry/import-template?format=csv')),
      );
    }
    return bar;
  }

  private async load(): Promise<void> {
    const params = new URLSearchParams({ limit: String(PAGE), offset: String(this.offset) });
    if (this.q) params.set('q', this.q);
    if (this.gridId !== null) params.set('gridId', String(this.gridId));
    this.list.replaceChildren(h('p', { class: 'v-muted' }, '加载中…'));
    try {
      const page = await this.api.get<HouseholdPage>(`/api/v1/registry/households?${params}`);
      this.renderList(page);
    } catch (err) {
      this.list.replaceChildren(h('p', { class: 'v-error' }, message(err)));
    }
  }

  private renderList(page: HouseholdPage): void {
    const table = h('table', { class: 'v-table r-table' },
      h('thead', {}, h('tr', {}, ...['户号', '地址', '网格', '户主', '人数', '代办员', '联系电话'].map((t) => h('th', {}, t)))));
    const body = h('tbody');
    for (const r of page.items) {
      const tr = h('tr', { class: 'r-row', testid: `household-${r.code}`, tabindex: '0' },
        h('td', { 'data-label': '户号' }, r.code), h('td', { 'data-label': '地址' }, r.address), h('td', { 'data-label': '网格' }, r.gridName ?? '未划入'),
        h('td', { 'data-label': '户主' }, r.head ?? '—'), h('td', { 'data-label': '人数' }, String(r.members)),
        h('td', { 'data-label': '代办员' }, r.agentName ?? '未指定'), h('td', { 'data-label': '电话' }, r.phone ?? '—'));
      tr.addEventListener('click', () => void this.open(r.id));
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') void this.open(r.id); });
      body.append(tr);
    }
    table.append(body);
    const from = page.total === 0 ? 0 : page.offset + 1;
    const to = page.offset + page.items.length;
    const pager = h('div', { class: 'v-actions r-pager' }, h('span', { class: 'v-muted', testid: 'registry-count' }, `第 ${from}–${to} 户，共 ${page.total} 户`));
    const prev = button('上一页', 'page-prev', () => { this.offset = Math.max(0, this.offset - PAGE); void this.load(); });
    const next = button('下一页', 'page-next', () => { this.offset += PAGE; void this.load(); });
    prev.disabled = page.offset === 0;
    next.disabled = to >= page.total;
    pager.append(prev, next);
    this.list.replaceChildren(page.items.length ? table : h('p', { class: 'v-muted' }, '没有符合条件的户。'), pager);
  }

  private async open(id: number): Promise<void> {
    try {
      this.renderCard(await this.api.get<HouseholdCard>(`/api/v1/registry/households/${id}`));
      this.detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
    } catch (err) {
      this.detail.replaceChildren(h('p', { class: 'v-error' }, message(err)));
    }
  }

  private renderCard(c: HouseholdCard): void {
    const s = this.summary;
    const members = h('div', { class: 'r-members' });
    for (const p of c.members) members.append(this.personCard(p, c));
    const actions = h('div', { class: 'v-actions' });
    if (s.manage) {
      actions.append(button('编辑户信息', 'household-edit', () => this.householdForm(c)), button('添加成员', 'person-new', () => this.personForm(null, c)));
    }
    const card = h('div', { class: 'v-card r-card', testid: 'household-card' },
      h('h2', {}, `${c.code} · ${c.address}`),
      h('dl', { class: 'r-facts' },
        h('dt', {}, '网格'), h('dd', {}, c.gridName ?? '未划入网格'),
        h('dt', {}, '联系电话'), h('dd', { testid: 'household-phone' }, c.phone ?? '—'),
        h('dt', {}, '代办员'), h('dd', { testid: 'household-agent' }, c.agent ? `${c.agent.name}${c.agent.phone ? `（${c.agent.phone}）` : ''}` : '未指定')),
      actions, h('h3', {}, `成员 ${c.members.length} 人`), members);
    if (c.former.length) {
      card.append(h('h3', {}, '已迁出或已故'), h('ul', { class: 'r-former' }, ...c.former.map((p) => h('li', {}, `${p.name}（${p.relation ?? ''}）`))));
    }
    this.detail.replaceChildren(card);
  }

  private personCard(p: PersonView, c: HouseholdCard): HTMLElement {
    const s = this.summary;
    const facts = h('div', { class: 'r-person-facts' },
      h('span', {}, [p.genderLabel, p.relation].filter(Boolean).join(' · ')),
      p.birthDate ? h('span', {}, `出生 ${p.birthDate}`) : null,
      h('span', { testid: 'person-id' }, `身份证 ${p.idNumber ?? '—'}`),
      h('span', { testid: 'person-phone' }, `手机 ${p.phone ?? '—'}`));
    const box = h('div', { class: 'r-person', testid: `person-${p.id}` }, h('div', { class: 'r-person-name' }, h('b', {}, p.name), badges(p.roles)), facts);
    const actions = h('div', { class: 'v-actions' });
    if (s.personal) {
      actions.append(button('查看完整信息', `reveal-${p.id}`, () => void this.reveal(p, box)));
    }
    if (s.manage) {
      actions.append(button('编辑', `person-edit-${p.id}`, () => this.personForm(p, c)));
      const out = button('迁出', `person-out-${p.id}`, () => {
        // the first press asks (no window.confirm: it blocks the page), the second registers the move
        if (out.dataset.armed !== 'true') {
          out.dataset.armed = 'true';
          out.textContent = `确认 ${p.name} 迁出或已故`;
          out.classList.add('primary');
          return;
        }
        void this.moveOut(p, c, box);
      });
      actions.append(out);
    }
    if (actions.childElementCount) box.append(actions);
    return box;
  }

  private async reveal(p: PersonView, box: HTMLElement): Promise<void> {
    try {
      const d = await this.api.post<PersonalData>(`/api/v1/registry/people/${p.id}/reveal`, {});
      box.querySelector('[data-testid="revealed"]')?.remove();
      box.append(h('div', { class: 'r-revealed', testid: 'revealed' },
        `身份证号 ${d.idNumber ?? '—'} · 出生 ${d.birthDate ?? '—'} · 手机 ${d.phone ?? '—'}`, h('span', { class: 'v-muted' }, '（本次查看已记入审计日志）')));
    } catch (err) {
      box.append(h('p', { class: 'v-error' }, message(err)));
    }
  }

  private async moveOut(p: PersonView, c: HouseholdCard, box: HTMLElement): Promise<void> {
    try {
      await this.api.put(`/api/v1/registry/people/${p.id}`, { active: false });
      await this.open(c.id);
      void this.load();
    } catch (err) {
      box.append(h('p', { class: 'v-error' }, message(err)));
    }
  }

  private async roster(role: string, label: string): Promise<void> {
    const r = await this.api.get<{ people: PersonView[] }>(`/api/v1/registry/roster?role=${role}`);
    const rows = r.people.map((p) => h('tr', {}, h('td', { 'data-label': '姓名' }, p.name), h('td', { 'data-label': '户号' }, p.householdCode ?? '（不在本村户内）'),
      h('td', { 'data-label': '身份' }, badges(p.roles)), h('td', { 'data-label': '手机' }, p.phone ?? '—')));
    this.side.replaceChildren(h('div', { class: 'v-card', testid: 'roster' },
      h('div', { class: 'r-side-head' }, h('h2', {}, `${label}名单（${r.people.length} 人）`), button('关闭', 'side-close', () => this.side.replaceChildren())),
      h('table', { class: 'v-table r-table' }, h('thead', {}, h('tr', {}, ...['姓名', '户号', '身份', '手机'].map((t) => h('th', {}, t)))), h('tbody', {}, ...rows))));
  }

  // ---- the import ----

  private importPanel(): void {
    const file = h('input', { type: 'file', class: 'r-file-input', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', testid: 'import-file' });
    const chosen = h('span', { class: 'v-muted', testid: 'import-file-name' }, '未选择文件');
    file.addEventListener('change', () => { chosen.textContent = file.files?.[0]?.name ?? '未选择文件'; });
    const picker = h('label', { class: 'v-btn r-file' }, '选择文件', file);
    const dry = h('input', { type: 'checkbox', testid: 'import-dry' });
    dry.checked = true;
    const out = h('div', { testid: 'import-result' });
    const go = button('上传', 'import-go', () => void this.upload(file, dry.checked, out), true);
    this.side.replaceChildren(h('div', { class: 'v-card', testid: 'import-panel' },
      h('div', { class: 'r-side-head' }, h('h2', {}, '导入户籍台账'), button('关闭', 'side-close', () => this.side.replaceChildren())),
      h('p', { class: 'v-muted' }, '每行一人，同一户填写相同户号。支持 CSV（UTF-8 或 GBK）和 XLSX，最大 5 MB。按户号和身份证号匹配：改正后可再次上传，已有的人只更新不同之处；有错误的行不导入，其余照常导入。'),
      h('div', { class: 'r-file-row' }, picker, chosen, h('label', { class: 'r-check' }, dry, h('span', {}, '仅校验（不写入）'))),
      h('div', { class: 'v-actions' }, go), out));
  }

  private async upload(input: HTMLInputElement, dryRun: boolean, out: HTMLElement): Promise<void> {
    const f = input.files?.[0];
    if (!f) {
      out.replaceChildren(h('p', { class: 'v-error' }, '请先选择文件'));
      return;
    }
    out.replaceChildren(h('p', { class: 'v-muted' }, '正在校验…'));
    const res = await sendFile(this.api, `/api/v1/registry/import?dryRun=${dryRun}&fileName=${encodeURIComponent(f.name)}`, f);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      out.replaceChildren(h('p', { class: 'v-error', testid: 'import-problem' }, (json as { detail?: string }).detail ?? `上传失败（HTTP ${res.status}）`));
      return;
    }
    const r = json as ImportResult;
    const verb = r.dryRun ? '将' : '已';
    const summary = h('p', { testid: 'import-summary', class: r.errors.length ? 'v-error' : '' },
      `${r.dryRun ? '校验结果（未写入）' : '导入完成'}：${r.fileKind}，共 ${r.rows} 行，${r.validRows} 行无误${r.invalidRows ? `，${r.invalidRows} 行有错误未导入` : ''}。`
      + `${verb}新增 ${r.householdsCreated} 户、更新 ${r.householdsUpdated} 户；${verb}新增 ${r.peopleCreated} 人、更新 ${r.peopleUpdated} 人，${r.peopleUnchanged} 人无变化。`);
    out.replaceChildren(summary);
    if (r.errors.length) {
      out.append(h('table', { class: 'v-table r-table r-errors', testid: 'import-errors' },
        h('thead', {}, h('tr', {}, ...['行', '列', '内容', '原因'].map((t) => h('th', {}, t)))),
        h('tbody', {}, ...r.errors.map((e) => h('tr', { testid: `import-error-${e.row}` }, h('td', { 'data-label': '行' }, `第 ${e.row} 行`),
          h('td', { 'data-label': '列' }, e.column), h('td', { 'data-label': '内容' }, e.value || '（空）'), h('td', { 'data-label': '原因' }, e.reason))))));
    }
    if (!r.dryRun) {
      this.summary = await this.api.get<Summary>('/api/v1/registry/summary');
      const head = this.head();
      this.headEl.replaceWith(head);
      this.headEl = head;
      this.gridId = null;
      void this.load();
    }
  }

  // ---- forms ----

  private householdForm(c: HouseholdCard | null): void {
    const code = h('input', { name: 'code', required: '', maxlength: '20', testid: 'f-code' });
    const address = h('input', { name: 'address', required: '', maxlength: '100', testid: 'f-address' });
    const grid = h('select', { name: 'gridId', testid: 'f-grid' }, h('option', { value: '' }, '未划入网格'),
      ...this.summary.grids.filter((g) => g.gridId !== null).map((g) => h('option', { value: String(g.gridId) }, g.name)));
    const phone = h('input', { name: 'phone', inputmode: 'tel', testid: 'f-phone' });
    const agent = h('select', { name: 'agentId', testid: 'f-agent' }, h('option', { value: '' }, '不变'));
    void this.api.get<{ people: PersonView[] }>('/api/v1/registry/roster?role=AGENT').then((r) =>
      agent.append(...r.people.map((p) => h('option', { value: String(p.id) }, `${p.name}（${p.householdCode ?? ''}）`))));
    if (c) {
      code.value = c.code;
      address.value = c.address;
      grid.value = c.gridId === null ? '' : String(c.gridId);
      phone.value = c.phone && !c.phone.includes('*') ? c.phone : '';
    }
    this.form(c ? `编辑户 ${c.code}` : '新增户', [['户号', code], ['地址', address], ['网格', grid], ['联系电话', phone], ['代办员', agent]], async () => {
      const body = {
        code: code.value.trim(), address: address.value.trim(), gridId: grid.value ? Number(grid.value) : null,
        phone: phone.value.trim() || (c ? '' : null), agentId: agent.value ? Number(agent.value) : null,
      };
      const saved = c ? await this.api.put<HouseholdCard>(`/api/v1/registry/households/${c.id}`, body)
        : await this.api.post<HouseholdCard>('/api/v1/registry/households', body);
      this.renderCard(saved);
      void this.load();
    });
  }

  private personForm(p: PersonView | null, c: HouseholdCard): void {
    const name = h('input', { name: 'name', required: '', maxlength: '30', testid: 'f-name' });
    const gender = h('select', { name: 'gender', testid: 'f-gender' }, h('option', { value: '' }, '按身份证号'), h('option', { value: 'MALE' }, '男'),
      h('option', { value: 'FEMALE' }, '女'));
    const idNumber = h('input', { name: 'idNumber', maxlength: '18', testid: 'f-id', placeholder: '18 位身份证号' });
    const relation = h('input', { name: 'relation', maxlength: '10', testid: 'f-relation', placeholder: '户主、配偶、子女…' });
    const phone = h('input', { name: 'phone', inputmode: 'tel', testid: 'f-mobile' });
    const account = h('input', { name: 'username', maxlength: '64', testid: 'f-account',
      placeholder: p?.hasAccount ? '已关联账号：留空不变，填“-”解除关联' : '账号名（居民为注册手机号），留空不关联' });
    const roles = h('div', { class: 'r-role-boxes', testid: 'f-roles' });
    for (const [code, label] of ROLES) {
      const box = h('input', { type: 'checkbox', value: code });
      box.checked = !!p?.roles.some((r) => r.role === code);
      roles.append(h('label', { class: 'r-check' }, box, h('span', {}, label)));
    }
    if (p) {
      name.value = p.name;
      gender.value = p.gender ?? '';
      idNumber.value = p.idNumber ?? '';
      relation.value = p.relation ?? '';
      phone.value = p.phone && !p.phone.includes('*') ? p.phone : '';
    }
    this.form(p ? `编辑 ${p.name}` : `为 ${c.code} 添加成员`, [['姓名', name], ['性别', gender], ['身份证号', idNumber], ['与户主关系', relation], ['手机', phone], ['身份', roles], ['关联账号', account]], async () => {
      const body = {
        householdId: c.id, name: name.value.trim(), gender: gender.value || null, idNumber: idNumber.value.trim() || null, relation: relation.value.trim() || null,
        phone: phone.value.trim() || null, roles: [...roles.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value),
      };
      let id = p?.id;
      if (p) await this.api.put(`/api/v1/registry/people/${p.id}`, body);
      else id = (await this.api.post<PersonView>('/api/v1/registry/people', body)).id;
      const username = account.value.trim();
      // the account is linked (or, with “-”, unlinked) by its own audited route
      if (username && id !== undefined) await this.api.put(`/api/v1/registry/people/${id}/account`, { username: username === '-' ? null : username });
      await this.open(c.id);
      void this.load();
    });
  }

  private form(title: string, fields: [string, HTMLElement][], save: () => Promise<void>): void {
    const error = h('p', { class: 'v-error', testid: 'form-error' });
    const form = h('form', { class: 'v-form', testid: 'registry-form' }, ...fields.map(([label, input]) => h('label', {}, h('span', {}, label), input)));
    const submit = h('button', { type: 'submit', class: 'v-btn primary', testid: 'form-save' }, '保存');
    form.append(h('div', { class: 'v-actions' }, submit, button('取消', 'form-cancel', () => this.side.replaceChildren())), error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        await save();
        this.side.replaceChildren();
      } catch (err) {
        error.textContent = message(err);
      } finally {
        submit.disabled = false;
      }
    });
    this.side.replaceChildren(h('div', { class: 'v-card' }, h('h2', {}, title), form));
    this.side.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

export const registryTab: VillageTab = {
  id: 'registry',
  label: '户籍台账',
  permission: 'registry.read',
  async mount(el: HTMLElement, ctx: VillageContext): Promise<void> {
    await new RegistryTab(el, ctx.api).mount();
  },
};
