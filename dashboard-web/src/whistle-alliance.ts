import { esc } from './html';
import { dateTime } from './dates';
import { inChinese, problemIn, type ResidentApi } from './whistle-api';

/**
 * 加入平安联盟 on the residents' page: a resident applies to join the 平安联盟 with their trade and employer, and
 * follows the application (待审核 → 在册 or 未通过, with the police's reason). Once vetted, their account is a
 * patrol member's: the same phone and password open the patrol page.
 */

interface HistoryLine { toLabel: string; reason: string | null; at: string }
interface Application {
  member: { id: number; name: string; phone: string; idNumber: string; tradeLabel: string; employer: string | null; team: string | null; status: string;
    statusLabel: string; statusReason: string | null; badgeNo: string | null; appliedAt: string };
  history: HistoryLine[];
}

const TRADES: [string, string][] = [
  ['PROPERTY', '物业人员'], ['ESTATE_GUARD', '小区保安'], ['IN_HOUSE_SECURITY', '企事业单位内保'], ['SANITATION', '环卫工人'],
  ['PARK', '园林工人'], ['TAXI', '出租车司机'], ['SHOPKEEPER', '个体工商户'], ['OTHER', '其他'],
];

/** A refusal in words: the server's own Chinese for a bad field or a 409, else the page's shared mapping. */
const why = (e: unknown): string => {
  const p = problemIn(e);
  if (p.errors?.[0]?.message) return p.errors[0].message;
  if (p.status === 409 && p.detail) return p.detail;
  return inChinese(p, 'file');
};

export class AllianceApplication {
  constructor(private readonly api: ResidentApi, private readonly el: HTMLElement, private readonly phone: string) {}

  async show(): Promise<void> {
    this.el.innerHTML = '<h2>加入平安联盟</h2><p class="r-hint">正在读取…</p>';
    let mine: Application[];
    try {
      mine = (await this.api.get<{ items: Application[] }>('/api/v1/alliance/applications/mine')).items;
    } catch (e) {
      this.el.innerHTML = `<h2>加入平安联盟</h2><p class="r-error">${esc(why(e))}</p>`;
      return;
    }
    const a = mine[0];
    const intro = `<p class="r-note">平安联盟由派出所带队，物业人员、小区保安、内保、环卫和园林工人、出租车司机、个体工商户等各行各业的居民参加，
      一起巡逻守护社区、提供线索。提交申请后由辖区派出所审核，通过后发放统一标识，您可以用本手机号登录巡逻页面上岗。</p>`;
    if (a && a.member.status !== 'REJECTED' && a.member.status !== 'LEFT') {
      this.el.innerHTML = `<h2>加入平安联盟</h2>${this.status(a)}`;
      return;
    }
    this.el.innerHTML = `<h2>加入平安联盟</h2>${a ? this.status(a) : ''}${intro}
      <form class="r-form r-inline" data-testid="alliance-form">
        <label><span>姓名（与身份证一致）</span><input name="name" maxlength="30" required autocomplete="name" data-testid="alliance-name" value="${esc(a?.member.name ?? '')}" /></label>
        <label><span>手机号</span><input name="phone" type="tel" inputmode="numeric" maxlength="11" required data-testid="alliance-phone" value="${esc(a?.member.phone ?? this.phone)}" /></label>
        <label><span>身份证号</span><input name="idNumber" maxlength="18" required autocomplete="off" data-testid="alliance-id-number" /></label>
        <label><span>行业</span><select name="trade" required data-testid="alliance-trade">${TRADES.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label><span>工作单位</span><input name="employer" maxlength="60" placeholder="例如：松鹤园物业服务中心" data-testid="alliance-employer" value="${esc(a?.member.employer ?? '')}" /></label>
        <p class="r-hint">🔒 身份证号仅供派出所审核身份，页面上只显示后四位。</p>
        <p class="r-error" role="alert" data-testid="alliance-error"></p>
        <button type="submit" class="r-primary" data-testid="alliance-submit">${a ? '重新申请' : '提交申请'}</button>
      </form>`;
    const form = this.el.querySelector<HTMLFormElement>('form')!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
      try {
        await this.api.postFor('/api/v1/alliance/applications',
          { name: v('name'), phone: v('phone'), idNumber: v('idNumber'), trade: v('trade'), employer: v('employer') || null }, 'file');
        await this.show();
      } catch (err) {
        form.querySelector('.r-error')!.textContent = why(err);
      }
    });
  }

  private status(a: Application): string {
    const m = a.member;
    const cls = m.status === 'ACTIVE' ? 'r-ok' : m.status === 'APPLIED' ? '' : 'r-late';
    return `<div class="r-due-line" data-testid="alliance-status">
      <p>我的入盟申请：<b class="${cls}" data-testid="alliance-status-label">${esc(m.statusLabel)}</b></p>
      <p class="r-hint">${esc(m.name)} · ${esc(m.tradeLabel)}${m.employer ? ` · ${esc(m.employer)}` : ''} · 身份证 ${esc(m.idNumber)}</p>
      ${m.status === 'APPLIED' ? '<p class="r-hint">已提交，等待辖区派出所审核。</p>' : ''}
      ${m.status === 'ACTIVE' ? `<p>已编入 ${esc(m.team ?? '')}，标识编号 平安联盟 ${esc(m.badgeNo ?? '')}。请重新登录，用本手机号打开 <a href="/patrol.html" data-testid="alliance-patrol">巡逻页面</a> 上岗。</p>` : ''}
      ${m.statusReason && m.status !== 'ACTIVE' && m.status !== 'APPLIED' ? `<p>原因：${esc(m.statusReason)}</p>` : ''}
      <ol class="r-list">${a.history.map((h) => `<li class="r-hint">${esc(dateTime(h.at))} ${esc(h.toLabel)}${h.reason ? `：${esc(h.reason)}` : ''}</li>`).join('')}</ol>
    </div>`;
  }
}
