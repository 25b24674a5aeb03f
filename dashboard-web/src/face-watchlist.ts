import { ApiProblem } from './api';
import { openDialog } from './dialog';
import { dateTime } from './dates';
import { holds } from './holds';
import { esc } from './html';
import type { PageContext, PageTab } from './tabbed-page';

/** A watchlist entry (GET /api/v1/face-watchlist): ids and reasons only, the platform holds no faces. */
interface Entry {
  id: number; personId: string; alias: string; reason: string; areaId: number; areaName: string; validUntil: string | null;
  addedBy: string; addedAt: string; endedAt: string | null; endedBy: string | null; endNote: string | null; active: boolean; statusLabel: string;
}

const REASONS = ['在逃人员', '盗窃嫌疑人', '诈骗嫌疑人', '走失老人', '走失儿童', '其他'];

function message(e: unknown): string {
  return e instanceof ApiProblem || e instanceof Error ? e.message : String(e);
}

/**
 * 人脸布控名单: the police's watchlist of their area — person ids as the face gates know them, alias, reason, area,
 * until when — added and ended (撤控) here, every change audited. No face images: the face gates hold the templates.
 */
async function mount(el: HTMLElement, ctx: PageContext): Promise<void> {
  const manage = holds(ctx.me, 'face-watchlist.manage');
  el.innerHTML = `
    <div class="v-card"><h2>人脸布控名单 <span class="v-muted v-sub">（本辖区；平台只保存人员编号与布控事由，不保存人脸图像或特征）</span></h2>
      ${manage ? `<form class="v-form" data-testid="fw-form">
        <label>人员编号（人脸设备库编号）<input name="personId" required maxlength="64" placeholder="WL-0003" data-testid="fw-person"></label>
        <label>姓名或代称<input name="alias" required maxlength="40" data-testid="fw-alias"></label>
        <label>布控事由<select name="reason" data-testid="fw-reason">${REASONS.map((r) => `<option>${esc(r)}</option>`).join('')}</select></label>
        <label>有效期至（可不填）<input name="validUntil" type="date" data-testid="fw-until"></label>
        <div class="v-actions wide"><button class="v-btn primary" type="submit" data-testid="fw-add">加入布控</button>
          <label class="v-inline"><input type="checkbox" data-testid="fw-ended"> 显示已撤控</label></div>
      </form>` : ''}
      <p class="v-error" data-testid="fw-error"></p>
      <table class="v-table" data-testid="fw-list"></table></div>`;
  const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T;
  const error = q('fw-error');
  const showEnded = q<HTMLInputElement>('fw-ended');

  async function list(): Promise<void> {
    const { items } = await ctx.api.get<{ items: Entry[] }>(`/api/v1/face-watchlist${showEnded?.checked ? '?ended=true' : ''}`);
    q('fw-list').innerHTML = '<tr><th>人员编号</th><th>姓名或代称</th><th>事由</th><th>辖区</th><th>有效期至</th><th>布控人</th><th>状态</th><th></th></tr>' +
      (items.length === 0 ? '<tr><td colspan="8" class="v-muted">暂无布控人员</td></tr>' : items.map((e) => `
        <tr data-testid="fw-row-${esc(e.personId)}">
          <td>${esc(e.personId)}</td><td>${esc(e.alias)}</td><td>${esc(e.reason)}</td><td>${esc(e.areaName)}</td>
          <td>${e.validUntil ? esc(dateTime(e.validUntil)) : '撤控为止'}</td><td>${esc(e.addedBy)} · ${esc(dateTime(e.addedAt))}</td>
          <td><span class="v-badge ${e.active ? 'ok' : 'bad'}" title="${esc(e.endNote ?? '')}">${esc(e.statusLabel)}</span></td>
          <td>${manage && !e.endedAt ? `<button class="v-btn" type="button" data-end="${e.id}" data-testid="fw-end-${esc(e.personId)}">撤控</button>` : ''}</td>
        </tr>`).join(''));
    q('fw-list').querySelectorAll<HTMLButtonElement>('button[data-end]').forEach((b) => b.addEventListener('click', async () => {
      const entry = items.find((x) => x.id === Number(b.dataset.end))!;
      const done = await openDialog({
        title: '撤控', text: `${entry.personId} ${entry.alias}（${entry.reason}）将不再触发人脸布控告警。`,
        fields: [{ kind: 'text', name: 'note', label: '撤控原因', placeholder: '如：已抓获、已找到' }], confirm: '确认撤控',
        onConfirm: (v) => ctx.api.del(`/api/v1/face-watchlist/${entry.id}${v.note ? `?note=${encodeURIComponent(v.note as string)}` : ''}`),
      });
      if (done) await list();
    }));
  }

  q<HTMLFormElement>('fw-form')?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const until = String(f.get('validUntil') ?? '');
    error.textContent = '';
    try {
      await ctx.api.post('/api/v1/face-watchlist', {
        personId: String(f.get('personId')).trim(), alias: String(f.get('alias')).trim(), reason: String(f.get('reason')),
        // the end of the chosen day in Asia/Shanghai
        ...(until ? { validUntil: `${until}T23:59:59+08:00` } : {}),
      });
      (ev.target as HTMLFormElement).reset();
      await list();
    } catch (e) {
      error.textContent = message(e);
    }
  });
  showEnded?.addEventListener('change', () => void list());
  await list();
}

export const faceWatchlistTab: PageTab = { id: 'face-watchlist', label: '人脸布控', permission: 'face-watchlist.read', mount };
