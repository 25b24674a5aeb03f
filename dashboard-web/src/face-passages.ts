import { dateTime } from './dates';
import { esc } from './html';
import type { PageContext, PageTab } from './tabbed-page';

/** A passage of a face gate (GET /api/v1/face-passages). */
interface Passage {
  deviceId: string; deviceName: string; msgId: string; at: string; directionLabel: string; match: string; matchLabel: string;
  personId: string | null; alias: string | null; reason: string | null; confidence: number | null; snapshotId: number | null;
  thumbnailUrl: string | null; imageUrl: string | null; alarmId: number | null;
}

/**
 * 人脸通行记录: who passed the face gates of the police's area, newest first, filtered by gate, match and time, page by
 * page; each with its snapshot (fetched with the token) and, for a watchlist hit, the entry and the alarm it raised.
 * Kept only for the retention period (redwhistle.faces.passage-retention).
 */
async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  el.innerHTML = `
    <div class="v-card"><h2>人脸通行记录 <span class="v-muted v-sub">（本辖区人脸识别路口；按保存期限自动删除，仅民警可见）</span></h2>
      <form class="v-form" data-testid="fp-filter">
        <label>设备编号<input name="device" placeholder="全部" data-testid="fp-device"></label>
        <label>比对结果<select name="match" data-testid="fp-match"><option value="">全部</option><option value="watchlist">布控人员</option>
          <option value="stranger">陌生人</option><option value="known">已登记人员</option></select></label>
        <label>起始日期<input name="from" type="date" data-testid="fp-from"></label>
        <label>截止日期<input name="to" type="date" data-testid="fp-to"></label>
        <div class="v-actions wide"><button class="v-btn primary" type="submit" data-testid="fp-search">查询</button></div>
      </form>
      <p class="v-error" data-testid="fp-error"></p>
      <table class="v-table" data-testid="fp-list"></table>
      <div class="v-actions"><button class="v-btn" type="button" data-testid="fp-more" hidden>更多</button></div></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  const table = q('fp-list');
  const more = q<HTMLButtonElement>('fp-more');
  let params = new URLSearchParams();
  let cursor: string | null = null;

  const row = (p: Passage): string => `
    <tr data-testid="fp-row" data-match="${esc(p.match)}">
      <td>${p.thumbnailUrl ? `<img data-src="${esc(p.thumbnailUrl)}" data-full="${esc(p.imageUrl)}" alt="抓拍" class="v-thumb">` : '<span class="v-muted">无抓拍</span>'}</td>
      <td>${esc(dateTime(p.at))}</td><td>${esc(p.deviceName)}</td><td>${esc(p.directionLabel)}</td>
      <td><span class="v-badge ${p.match === 'watchlist' ? 'bad' : ''}">${esc(p.matchLabel)}</span>
        ${p.personId ? `<br>${esc(p.personId)}${p.alias ? ` ${esc(p.alias)}（${esc(p.reason)}）` : ' <span class="v-muted">不在本平台布控名单</span>'}` : ''}</td>
      <td>${p.confidence == null ? '' : `${Math.round(p.confidence * 100)}%`}</td>
      <td>${p.alarmId ? `告警 #${p.alarmId}` : ''}</td>
    </tr>`;

  async function page(first: boolean): Promise<void> {
    q('fp-error').textContent = '';
    const p = new URLSearchParams(params);
    if (!first && cursor) p.set('cursor', cursor);
    try {
      const res = await ctx.api.get<{ items: Passage[]; nextCursor: string | null }>(`/api/v1/face-passages?${p}`);
      if (first) table.innerHTML = '<tr><th>抓拍</th><th>时间</th><th>路口</th><th>方向</th><th>比对结果</th><th>置信度</th><th></th></tr>';
      table.insertAdjacentHTML('beforeend', res.items.length === 0 && first ? '<tr><td colspan="7" class="v-muted">暂无通行记录</td></tr>' : res.items.map(row).join(''));
      table.querySelectorAll<HTMLImageElement>('img[data-src]').forEach((img) => {
        const src = img.dataset.src!;
        delete img.dataset.src;
        void ctx.api.photoUrl(src).then((u) => (img.src = u)).catch(() => (img.alt = '×'));
        img.addEventListener('click', async () => window.open(await ctx.api.photoUrl(img.dataset.full!), '_blank'));
      });
      cursor = res.nextCursor;
      more.hidden = !cursor;
    } catch (e) {
      q('fp-error').textContent = e instanceof Error ? e.message : String(e);
    }
  }

  q<HTMLFormElement>('fp-filter').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    params = new URLSearchParams();
    const device = String(f.get('device') ?? '').trim();
    if (device) params.set('device', device);
    if (f.get('match')) params.set('match', String(f.get('match')));
    // whole days in Asia/Shanghai: from the start of the first to the end of the last
    if (f.get('from')) params.set('from', `${f.get('from')}T00:00:00+08:00`);
    if (f.get('to')) params.set('to', new Date(Date.parse(`${f.get('to')}T00:00:00+08:00`) + 86_400_000).toISOString());
    void page(true);
  });
  more.addEventListener('click', () => void page(false));
  await page(true);
}

export const facePassagesTab: PageTab = { id: 'face-passages', label: '人脸通行', permission: 'face-passages.read', mount };
