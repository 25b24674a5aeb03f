import type { Api } from './api';
import type { Case } from './rest';
import { openDialog } from './dialog';
import { esc } from './html';
import { formatTime, t } from './i18n';

/**
 * A case as the map's popup shows it (the district overview's lists open cases there): reference,
 * category, status, level and holder, deadline and whether it is overdue, the departments' parts,
 * the latest steps of its timeline; for a leader (cases.instruct) a 批示 written in a dialog, which
 * the server pushes to the unit holding the case.
 */
export function casePopup(api: Api, c: Case, canInstruct: boolean, reopen: (id: number) => void): HTMLElement {
  const el = document.createElement('div');
  el.className = 'case-pop';
  el.dataset.testid = 'case-popup';
  el.dataset.caseRef = c.ref;
  const steps = c.timeline.slice(-5);
  el.innerHTML =
    `<h3>${esc(c.ref)} · ${esc(c.categoryName ?? c.category)}</h3>` +
    `<p class="desc">${esc(c.description)}</p>` +
    `<p class="meta">${esc(c.statusLabel ?? c.status)} · ${esc(c.levelLabel ?? c.level)} · ${esc(c.holderName ?? '—')}</p>` +
    `<p class="meta">${t('cases.due')}：${formatTime(c.resolveDue)} · <span class="${c.overdue ? 'bad' : ''}" data-testid="case-popup-overdue">` +
    `${t(c.overdue ? 'district.isOverdue' : 'district.inTime')}</span>${c.complex ? ' · ' + t('district.complex') : ''}</p>` +
    (c.assignments?.length
      ? `<ul class="parts">${c.assignments.map((a) => `<li>${esc(a.departmentName)}${a.lead ? `（${t('case.lead')}）` : ''} · ${esc(a.statusLabel)}` +
        `${a.overdue ? ` · <span class="bad">${t('district.isOverdue')}</span>` : ''}</li>`).join('')}</ul>`
      : '') +
    `<ol class="timeline">${steps.map((s) => `<li><span>${formatTime(s.at)}</span> <b>${esc(s.actorName ?? s.actor)}</b>` +
      `${s.note ? ' ' + esc(s.note) : ''}</li>`).join('')}</ol>`;
  if (canInstruct && !['CLOSED', 'WITHDRAWN', 'REJECTED', 'MERGED'].includes(c.status)) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.testid = 'case-instruct';
    b.textContent = t('instruct.button');
    b.addEventListener('click', () => {
      void openDialog({
        title: t('instruct.title'),
        text: `${c.ref} · ${c.categoryName ?? c.category} · ${t('notice.holder')} ${c.holderName ?? '—'}`,
        fields: [{ kind: 'textarea', name: 'note', label: t('instruct.note'), required: true, placeholder: t('instruct.placeholder') }],
        confirm: t('instruct.send'),
        testid: 'instruct-dialog',
        onConfirm: (v) => api.caseAction(c.id, 'instruct', { note: v.note as string }),
      }).then((v) => {
        if (v) reopen(c.id);
      });
    });
    el.append(b);
  }
  return el;
}
