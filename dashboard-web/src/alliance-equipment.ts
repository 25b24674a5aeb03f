import './alliance-duty.css';
import { openDialog } from './dialog';
import { holds } from './holds';
import { esc } from './html';
import { today } from './dates';
import type { PageContext, PageTab } from './tabbed-page';
import { chineseDay, reason, type EquipmentHoldings, type EquipmentItem, type EquipmentItemDetail, type EquipmentKind, type MemberTraining } from './alliance-duty-api';

/**
 * 装备器材: the police station's equipment of its area — in stock (在库), issued (已发放) with who holds it since when,
 * damaged (损坏待修) and lost (遗失) — issuing to a member and taking back (with the condition) in a dialog, each
 * item's history and each member's holdings; registering new items.
 */

const STATUSES: [string, string][] = [['', '全部'], ['IN_STOCK', '在库'], ['ISSUED', '已发放'], ['DAMAGED', '损坏待修'], ['LOST', '遗失']];
const CONDITIONS = [{ value: 'GOOD', label: '完好' }, { value: 'DAMAGED', label: '损坏' }, { value: 'LOST', label: '遗失' }];

async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  const manage = holds(ctx.me, 'alliance.manage');
  el.innerHTML = `
    <div class="v-card"><h2>装备器材 <span class="v-muted v-sub">统一配备，发放到人，收回登记</span></h2>
      <div class="ad-counts" data-testid="equipment-filter"></div>
      <p class="v-error" data-testid="equipment-error"></p>
      <table class="v-table" data-testid="equipment-list"></table></div>
    <div class="v-card" data-testid="equipment-history" hidden></div>
    <div class="v-card" data-testid="equipment-add" ${manage ? '' : 'hidden'}><h2>登记器材</h2>
      <div class="v-form">
        <label>种类<select data-testid="add-kind"></select></label>
        <label>资产编号<input data-testid="add-asset" placeholder="如 GW-VEST-201" /></label>
        <label>出厂序列号<input data-testid="add-serial" /></label>
        <label>备注<input data-testid="add-note" /></label>
      </div>
      <div class="v-actions"><button class="v-btn primary" type="button" data-testid="add-save">登记入库</button></div>
      <p class="v-error" data-testid="add-error"></p></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  let status = '';
  const kinds = (await ctx.api.get<{ items: EquipmentKind[] }>('/api/v1/alliance/equipment/kinds')).items;
  q<HTMLSelectElement>('add-kind').innerHTML = kinds.map((k) => `<option value="${esc(k.code)}">${esc(k.label)}</option>`).join('');

  async function list(): Promise<void> {
    let items: EquipmentItem[];
    try {
      items = (await ctx.api.get<{ items: EquipmentItem[] }>('/api/v1/alliance/equipment/items')).items;
    } catch (e) {
      q('equipment-error').textContent = reason(e);
      return;
    }
    const count = (s: string) => items.filter((i) => !s || i.status === s).length;
    q('equipment-filter').innerHTML = STATUSES.map(([s, label]) =>
      `<button type="button" class="ad-chip ${s === status ? 'active' : ''}" data-status="${s}" data-testid="filter-${s || 'ALL'}">${label}<b>${count(s)}</b></button>`).join('');
    q('equipment-filter').querySelectorAll<HTMLButtonElement>('button').forEach((b) => b.addEventListener('click', () => {
      status = b.dataset.status ?? '';
      void list();
    }));
    const shown = items.filter((i) => !status || i.status === status);
    q('equipment-list').innerHTML = '<tr><th>器材</th><th>资产编号</th><th>状态</th><th>持有人</th><th>所属</th><th></th></tr>' +
      (shown.length === 0 ? '<tr><td colspan="6" class="v-muted">暂无器材</td></tr>' : shown.map((i) => `
        <tr data-testid="item-${esc(i.assetNo)}">
          <td>${esc(i.kindLabel)}</td><td>${esc(i.assetNo)}</td>
          <td><span class="v-badge ${i.status === 'IN_STOCK' ? 'ok' : i.status === 'ISSUED' ? '' : 'bad'}" data-testid="item-status">${esc(i.statusLabel)}</span></td>
          <td>${i.holderName ? `${esc(i.holderName)} <span class="v-muted">（${esc(chineseDay(i.issuedOn))}起）</span>` : '<span class="v-muted">—</span>'}</td>
          <td class="v-muted">${esc(i.areaName)}</td>
          <td class="ad-row-actions">
            ${manage && i.status === 'IN_STOCK' ? `<button class="v-btn" type="button" data-act="issue" data-id="${i.id}" data-testid="issue">发放</button>` : ''}
            ${manage && i.status === 'ISSUED' ? `<button class="v-btn" type="button" data-act="return" data-id="${i.id}" data-testid="return">收回</button>` : ''}
            ${manage && (i.status === 'DAMAGED' || i.status === 'LOST') ? `<button class="v-btn" type="button" data-act="repaired" data-id="${i.id}" data-testid="repaired">${i.status === 'LOST' ? '已找回' : '已修复'}</button>` : ''}
            <button class="v-btn" type="button" data-act="history" data-id="${i.id}" data-testid="history">履历</button>
          </td></tr>`).join(''));
    q('equipment-list').querySelectorAll<HTMLButtonElement>('button[data-act]').forEach((b) => b.addEventListener('click', () => {
      const item = items.find((i) => i.id === Number(b.dataset.id))!;
      void ({ issue, return: giveBack, repaired, history } as Record<string, (i: EquipmentItem) => Promise<void>>)[b.dataset.act!](item);
    }));
  }

  async function issue(item: EquipmentItem): Promise<void> {
    const members = (await ctx.api.get<{ items: MemberTraining[] }>('/api/v1/alliance/training/members')).items;
    const done = await openDialog({
      title: `发放 ${item.kindLabel}`, text: `资产编号 ${item.assetNo}`, testid: 'issue-dialog', confirm: '发放',
      fields: [
        { kind: 'select', name: 'memberId', label: '发放给', required: true, value: '', options: [{ value: '', label: '请选择队员' },
          ...members.map((m) => ({ value: String(m.memberId), label: `${m.name}${m.cleared ? '' : '（未完成岗前培训）'}` }))] },
        { kind: 'text', name: 'issuedOn', label: '发放日期', value: today(), placeholder: 'YYYY-MM-DD' },
      ],
      onConfirm: (v) => ctx.api.post(`/api/v1/alliance/equipment/items/${item.id}/issue`, { memberId: Number(v.memberId), issuedOn: v.issuedOn }),
    });
    if (done) await list();
  }

  async function giveBack(item: EquipmentItem): Promise<void> {
    const done = await openDialog({
      title: `收回 ${item.kindLabel}`, text: `资产编号 ${item.assetNo}，持有人 ${item.holderName ?? ''}`, testid: 'return-dialog', confirm: '收回',
      fields: [
        { kind: 'select', name: 'condition', label: '收回时状况', required: true, value: 'GOOD', options: CONDITIONS },
        { kind: 'text', name: 'returnedOn', label: '收回日期', value: today(), placeholder: 'YYYY-MM-DD' },
        { kind: 'textarea', name: 'note', label: '说明（损坏、遗失请写明经过）' },
      ],
      onConfirm: (v) => ctx.api.post(`/api/v1/alliance/equipment/items/${item.id}/return`, v),
    });
    if (done) await list();
  }

  async function repaired(item: EquipmentItem): Promise<void> {
    const done = await openDialog({
      title: item.status === 'LOST' ? `${item.kindLabel}已找回` : `${item.kindLabel}已修复`, text: `资产编号 ${item.assetNo}：恢复为完好在库`,
      testid: 'repaired-dialog', fields: [{ kind: 'text', name: 'note', label: '说明' }],
      onConfirm: (v) => ctx.api.post(`/api/v1/alliance/equipment/items/${item.id}/repaired`, v),
    });
    if (done) await list();
  }

  async function history(item: EquipmentItem): Promise<void> {
    const d = await ctx.api.get<EquipmentItemDetail>(`/api/v1/alliance/equipment/items/${item.id}`);
    const box = q('equipment-history');
    box.hidden = false;
    box.innerHTML = `<h2>${esc(d.item.kindLabel)} ${esc(d.item.assetNo)} 发放履历</h2>` + (d.history.length === 0 ? '<p class="v-muted">从未发放</p>' :
      `<table class="v-table"><tr><th>队员</th><th>发放</th><th>收回</th><th>状况</th><th>说明</th></tr>${d.history.map((h) => `
        <tr><td><a href="#" data-member="${h.memberId}">${esc(h.memberName)}</a></td><td>${esc(chineseDay(h.issuedOn))}（${esc(h.issuedBy)}）</td>
        <td>${h.returnedOn ? `${esc(chineseDay(h.returnedOn))}（${esc(h.returnedBy)}）` : '<span class="v-badge">在用</span>'}</td>
        <td>${esc(h.conditionLabel ?? '')}</td><td>${esc(h.note ?? '')}</td></tr>`).join('')}</table>`);
    box.querySelectorAll<HTMLAnchorElement>('a[data-member]').forEach((a) => a.addEventListener('click', (e) => {
      e.preventDefault();
      void holdings(Number(a.dataset.member));
    }));
    box.scrollIntoView({ block: 'nearest' });
  }

  async function holdings(memberId: number): Promise<void> {
    const h = await ctx.api.get<EquipmentHoldings>(`/api/v1/alliance/equipment/members/${memberId}`);
    const box = q('equipment-history');
    box.innerHTML = `<h2>${esc(h.memberName)} 的装备</h2><p>现持有：${h.holding.map((x) => `${esc(x.kindLabel)}（${esc(x.assetNo)}）`).join('、') || '无'}</p>
      <p class="v-muted">历次领用 ${h.history.length} 次，已归还 ${h.history.filter((x) => x.returnedOn).length} 次</p>`;
  }

  q('add-save').addEventListener('click', async () => {
    q('add-error').textContent = '';
    try {
      await ctx.api.post('/api/v1/alliance/equipment/items', { kind: q<HTMLSelectElement>('add-kind').value, assetNo: q<HTMLInputElement>('add-asset').value,
        serial: q<HTMLInputElement>('add-serial').value, note: q<HTMLInputElement>('add-note').value });
      q<HTMLInputElement>('add-asset').value = '';
      q<HTMLInputElement>('add-serial').value = '';
      q<HTMLInputElement>('add-note').value = '';
      status = 'IN_STOCK';
      await list();
    } catch (e) {
      q('add-error').textContent = reason(e);
    }
  });
  await list();
}

export const equipmentTab: PageTab = { id: 'equipment', label: '装备器材', permission: 'alliance.read', mount };
