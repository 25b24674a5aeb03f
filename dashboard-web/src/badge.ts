import './badge.css';
import { esc } from './html';

/**
 * The public check of a 平安联盟 badge (no login): the QR code opens /badge.html#<token>; the page asks
 * GET /api/v1/public/badges/{token} and shows, large, whether the badge is valid (green 在册有效) or not (red
 * 已暂停, 已退出, 已失效, 无效), with the name, team and leading unit while it names a member (在册, 暂停) and its number.
 */
interface BadgeCheck { valid: boolean; status: string; statusLabel: string; name: string | null; team: string | null; ledBy: string | null; badgeNo: string | null }

const banner = document.getElementById('banner')!;
const facts = document.getElementById('facts')!;

function show(b: BadgeCheck): void {
  banner.className = `bc-banner ${b.valid ? 'bc-ok' : 'bc-bad'}`;
  banner.dataset.status = b.status;
  banner.innerHTML = `<span class="bc-icon" aria-hidden="true">${b.valid ? '✔' : '✖'}</span><b data-testid="badge-status">${esc(b.statusLabel)}</b>
    <small>${b.valid ? '此人是在册的平安联盟队员' : b.status === 'INVALID' ? '这不是有效的平安联盟标识' : '此标识当前不能作为在岗凭证'}</small>`;
  const rows: [string, string | null][] = [['姓名', b.name], ['队伍', b.team], ['带队单位', b.ledBy], ['标识编号', b.badgeNo]];
  if (!rows.some(([, v]) => v)) {
    facts.hidden = true;
    return;
  }
  facts.innerHTML = rows.filter(([, v]) => v).map(([k, v]) => `<dt>${k}</dt><dd data-testid="badge-${k}">${esc(v)}</dd>`).join('');
  facts.hidden = false;
}

async function check(): Promise<void> {
  const token = decodeURIComponent(location.hash.replace(/^#/, '').trim());
  if (!token) {
    show({ valid: false, status: 'INVALID', statusLabel: '无效', name: null, team: null, ledBy: null, badgeNo: null });
    return;
  }
  try {
    const res = await fetch(`/api/v1/public/badges/${encodeURIComponent(token)}`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    show((await res.json()) as BadgeCheck);
  } catch {
    banner.className = 'bc-banner bc-wait';
    banner.textContent = '暂时无法核验，请检查网络后刷新重试';
  }
  document.body.dataset.ready = 'true';
}

window.addEventListener('hashchange', () => void check());
void check();
