import { renderSVG } from 'uqr';
import { esc } from './html';
import './alliance-badge.css';

/**
 * The 平安联盟's unified badge (统一标识) as a card: the member's name, team and its leading unit, trade, badge
 * number and status, with the QR code anyone can scan to check it on the public page (/badge.html#<token>).
 * Printable (A6, print CSS: only the card is printed). The patrol page mounts it with the member's own
 * membership (GET /api/v1/alliance/me); the alliance page with a member's record.
 */

/** What the card shows: GET /api/v1/alliance/me's answer, or the same fields of a member's record. */
export interface BadgeHolder {
  name: string;
  badgeNo: string | null;
  badgeToken: string | null;
  team: string | null;
  ledBy?: string | null;
  tradeLabel: string;
  status: string;
  statusLabel: string;
}

/** The address a badge's QR code carries: the public check page of this installation. */
export const badgeUrl = (token: string, origin = location.origin): string => `${origin}/badge.html#${token}`;

/** The QR code of a badge as an SVG element's markup (black on white, a quiet zone of 2 modules). */
export const badgeQr = (token: string): string => renderSVG(badgeUrl(token), { ecc: 'M', border: 2 });

/** Draws the badge card into {@code el}; a member without a badge (not yet vetted) is told so. */
export function renderBadge(el: HTMLElement, me: BadgeHolder): void {
  if (!me.badgeNo || !me.badgeToken) {
    el.innerHTML = `<div class="ab-card ab-none" data-testid="badge-card"><p>${esc(me.name)}：${esc(me.statusLabel)}，尚未发放平安联盟标识。</p></div>`;
    return;
  }
  const ok = me.status === 'ACTIVE';
  el.innerHTML = `<div class="ab-card" data-testid="badge-card">
    <div class="ab-head"><span class="ab-logo" aria-hidden="true">🛡</span><div><b>平安联盟</b><small>群防群治队伍 · 统一标识</small></div></div>
    <div class="ab-body">
      <div class="ab-who">
        <p class="ab-name" data-testid="badge-name">${esc(me.name)}</p>
        <p>${esc(me.tradeLabel)}</p>
        <p>${esc(me.team ?? '')}</p>
        ${me.ledBy ? `<p class="ab-led">带队：${esc(me.ledBy)}</p>` : ''}
        <p class="ab-no" data-testid="badge-no">平安联盟 ${esc(me.badgeNo)}</p>
        <p class="ab-status ${ok ? 'ok' : 'bad'}" data-testid="badge-status">${esc(me.statusLabel)}</p>
      </div>
      <div class="ab-qr" data-testid="badge-qr" title="${esc(badgeUrl(me.badgeToken))}">${badgeQr(me.badgeToken)}</div>
    </div>
    <p class="ab-foot">扫码核验身份 · 标识补发后旧码失效</p>
  </div>`;
}

/** Prints one badge card alone (the page's print CSS hides everything else). */
export function printBadge(me: BadgeHolder): void {
  const holder = document.createElement('div');
  holder.className = 'ab-print';
  renderBadge(holder, me);
  document.body.append(holder);
  document.body.classList.add('ab-printing');
  const done = (): void => {
    holder.remove();
    document.body.classList.remove('ab-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
