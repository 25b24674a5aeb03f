import './patrol-duty-record.css';
import type { Api } from './api';
import { esc } from './html';
import { chineseDay, reason, weekday, type EquipmentHoldings, type MemberShifts, type MemberTraining } from './alliance-duty-api';

/**
 * The member's own duty record on the patrol page, for a phone: whether their training lets them go on duty (and
 * why not), each required course's validity, the other courses they passed, the equipment they hold, and their
 * next shifts (北京时间). Drawn into {@code el}; call again to redraw.
 */
export async function mountDutyRecord(el: HTMLElement, api: Api): Promise<void> {
  el.classList.add('dr');
  el.dataset.testid = el.dataset.testid ?? 'duty-record';
  el.innerHTML = '<p class="dr-empty">正在读取我的培训、装备和排班…</p>';
  let training: MemberTraining;
  let equipment: EquipmentHoldings;
  let shifts: MemberShifts;
  try {
    [training, equipment, shifts] = await Promise.all([
      api.get<MemberTraining>('/api/v1/alliance/training/mine'),
      api.get<EquipmentHoldings>('/api/v1/alliance/equipment/mine'),
      api.get<MemberShifts>('/api/v1/alliance/rosters/mine'),
    ]);
  } catch (e) {
    el.innerHTML = `<p class="dr-empty">无法读取执勤档案：${esc(reason(e))}</p>`;
    return;
  }
  const passed = new Map<string, string>();
  for (const r of training.records) if (r.result === 'PASSED' && !passed.has(r.course)) passed.set(r.course, r.heldOn);
  const required = new Set(training.standings.map((s) => s.course));
  const optional = [...passed.entries()].filter(([c]) => !required.has(c))
    .map(([c, day]) => ({ label: training.records.find((r) => r.course === c)!.courseLabel, day }));

  el.innerHTML = `
    <section class="dr-card" data-testid="dr-training">
      <h3>我的培训 ${training.cleared ? '<span class="dr-ok">可以上岗</span>' : '<span class="dr-bad">不能上岗</span>'}</h3>
      ${training.refusal && training.memberId !== null ? `<p class="dr-reason" data-testid="dr-refusal">${esc(training.refusal)}</p>` : ''}
      ${training.standings.map((s) => `<div class="dr-row"><span>${esc(s.courseLabel)}<small>${s.passedOn ? `${esc(chineseDay(s.passedOn))} 合格` : '尚未参加'}</small></span>
        <span class="when ${s.standing === 'VALID' ? 'dr-ok' : 'dr-bad'}">${esc(s.standingLabel)}${s.expiresOn ? `<small>${esc(chineseDay(s.expiresOn))}到期</small>` : ''}</span></div>`).join('')}
      ${optional.map((o) => `<div class="dr-row"><span>${esc(o.label)}</span><span class="when"><small>${esc(chineseDay(o.day))} 合格</small></span></div>`).join('')}
    </section>
    <section class="dr-card" data-testid="dr-equipment">
      <h3>我的装备 <small class="dr-empty">${equipment.holding.length} 件</small></h3>
      ${equipment.holding.map((h) => `<div class="dr-row"><span>${esc(h.kindLabel)}<small>资产编号 ${esc(h.assetNo)}</small></span>
        <span class="when"><small>${esc(chineseDay(h.issuedOn))} 领用</small></span></div>`).join('') || '<p class="dr-empty">暂无领用的装备</p>'}
    </section>
    <section class="dr-card" data-testid="dr-shifts">
      <h3>我的班次</h3>
      ${shifts.items.slice(0, 6).map((s) => `<div class="dr-row"><span>${esc(s.place)}<small>${esc(s.teamName ?? s.areaName)}${s.tourName ? ` · 巡更：${esc(s.tourName)}` : ''}</small></span>
        <span class="when ${s.now ? 'dr-now' : ''}">${s.now ? '进行中' : `${esc(weekday(s.day))} ${Number(s.day.slice(5, 7))}月${Number(s.day.slice(8))}日`}<small>${esc(s.start)}–${esc(s.end)}</small></span></div>`).join('')
        || '<p class="dr-empty">近期没有排班</p>'}
    </section>`;
}
