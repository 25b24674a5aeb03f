import { esc } from './html';
import { inChinese, problemIn, Refused, type ResidentApi } from './whistle-api';

/**
 * 村务 on the residents' page, for a resident whose household is in the village's registry:
 * 我家 (the household, its members, its 代办员 with a tap-to-call), 村规民约 (the compact in force, by
 * category), 我家的记录 (the household's violations with their penalties, welfare status, restorations
 * and appeals; 申诉 where the compact allows it), 调解 (the disputes the household is a party to, and
 * 申请调解), and the village's public board (公开栏). Alerts of the compact and of mediation are shown on top.
 */

interface Agent { id: number; name: string; phone: string | null }
interface PersonView { id: number; name: string; relation: string | null; active: boolean }
interface HouseholdCard { id: number; areaId: number; areaName: string; code: string; address: string; gridName: string | null; agent: Agent | null; members: PersonView[] }
interface Article { number: number; category: string; categoryLabel: string; text: string }
interface CompactVersion { number: number; title: string; areaName: string; inForceFrom: string | null; articles: Article[] }
interface Overview { inForce: CompactVersion | null }
interface Appeal { by: string; at: string; reason: string; resolved: boolean | null; outcome: string | null; settledAt: string | null }
interface Violation {
  id: number; versionNumber: number; articleNo: number; articleText: string; description: string; place: string | null; occurredOn: string | null;
  state: string; stateLabel: string; penaltyArticle: number | null; penaltyText: string | null; effects: string[]; effectLabels: string[]; measure: string | null;
  suspendedFrom: string | null; restorationArticle: number | null; restoredFrom: string | null; restorationEvidence: string | null; appeal: Appeal | null;
}
interface HouseholdRecord { welfareSuspended: boolean; violations: Violation[] }
interface Dispute {
  id: number; number: string; title: string; categoryLabel: string; description: string; levelLabel: string; statusLabel: string; status: string;
  levelDue: string | null; overdue: boolean; agentName: string | null; openedAt: string; closedAt: string | null; outcome: string | null; referredTo: string | null;
  parties: { sideLabel: string; name: string }[];
}
/** An alert pushed on /user/queue/alerts by the compact (compact-*) or mediation (mediation-*, dispute-*). */
export interface VillageAlert { kind: string; text?: string; title?: string; at?: string }

const CATEGORIES: [string, string][] = [
  ['NEIGHBOURS', '邻里纠纷'], ['MARRIAGE_FAMILY', '婚姻家庭'], ['SUPPORT', '赡养抚养'], ['HOMESTEAD_LAND', '宅基地与土地'],
  ['BUILDING_ADJACENCY', '房屋建设与相邻关系'], ['CONTRACT_DEBT', '合同债务'], ['DAMAGES', '损害赔偿'], ['OTHER', '其他'],
];

/** Alerts of this tab: the compact's and mediation's. */
export const isVillageAlert = (kind: string | undefined): boolean =>
  !!kind && (kind.startsWith('compact-') || kind.startsWith('dispute-') || kind.startsWith('mediation-'));

const zh = (opts: Intl.DateTimeFormatOptions) => (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, ...opts });
const time = zh({ year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
/** A calendar date (yyyy-MM-dd) in words: 2026年3月1日. */
const day = (d: string | null): string => {
  if (!d) return '';
  const [y, m, dd] = d.split('-').map(Number);
  return `${y}年${m}月${dd}日`;
};
const why = (e: unknown): string => (e instanceof Refused ? e.message : inChinese(problemIn(e), 'read'));
const missing = (e: unknown): boolean => problemIn(e).status === 404;

export class Village {
  private household: HouseholdCard | null = null;
  private readonly notices: VillageAlert[] = [];

  constructor(private readonly api: ResidentApi, private readonly el: HTMLElement) {}

  /** An alert arrived: kept on top of the tab (the newest first). */
  notice(a: VillageAlert): void {
    this.notices.unshift(a);
    this.notices.splice(5);
    const box = this.el.querySelector('[data-notices]');
    if (box) box.outerHTML = this.noticesHtml();
    this.bindNotices();
  }

  private noticesHtml(): string {
    if (this.notices.length === 0) return '<div data-notices></div>';
    return `<div data-notices class="v-notices" data-testid="village-notices">${this.notices.map((n, i) => `<p class="r-note" data-testid="village-notice">🔔 ${
      esc(n.text ?? n.title ?? '村务有新消息')}${n.at ? `<br><small>${time(n.at)}</small>` : ''}<button type="button" class="r-link" data-dismiss="${i}">知道了</button></p>`).join('')}</div>`;
  }

  private bindNotices(): void {
    this.el.querySelectorAll<HTMLButtonElement>('[data-dismiss]').forEach((b) => b.addEventListener('click', () => {
      this.notices.splice(Number(b.dataset.dismiss), 1);
      this.el.querySelector('[data-notices]')!.outerHTML = this.noticesHtml();
      this.bindNotices();
    }));
  }

  async show(): Promise<void> {
    this.el.innerHTML = '<h2>村务</h2><p class="r-hint">正在读取…</p>';
    try {
      this.household = await this.api.get<HouseholdCard>('/api/v1/registry/me');
    } catch (e) {
      this.el.innerHTML = `<h2>村务</h2>${this.noticesHtml()}${missing(e)
        ? '<p class="r-note" data-testid="village-unregistered">您的账号还没有关联到村（社区）的户籍台账。请联系村（居）委会登记户籍，登记后就能在这里看到村规民约、我家的记录和调解。</p>'
        : `<p class="r-error">${esc(why(e))}</p>`}`;
      this.bindNotices();
      return;
    }
    const h = this.household;
    const [compact, record, disputes, code] = await Promise.all([
      this.api.get<Overview>('/api/v1/compact').catch((e: unknown) => e),
      this.api.get<HouseholdRecord>('/api/v1/compact/my-record').catch((e: unknown) => e),
      this.api.get<{ items: Dispute[] }>('/api/v1/mediation/disputes').catch((e: unknown) => e),
      this.areaCode(h.areaId),
    ]);
    this.el.innerHTML = `<h2>村务 · ${esc(h.areaName)}</h2>${this.noticesHtml()}
      ${this.home(h)}
      ${code ? `<a class="r-secondary r-wide v-board" href="/board.html?village=${encodeURIComponent(code)}" target="_blank" rel="noopener" data-testid="village-board">📋 ${esc(h.areaName)}村务公开栏</a>` : ''}
      <section data-testid="village-record">${isFailure(record) ? `<h3>我家的记录</h3><p class="r-error">${esc(why(record))}</p>` : this.record(record as HouseholdRecord)}</section>
      <section data-testid="village-mediation">${isFailure(disputes) ? `<h3>调解</h3><p class="r-error">${esc(why(disputes))}</p>` : this.disputes((disputes as { items: Dispute[] }).items, h)}</section>
      <section data-testid="village-compact">${isFailure(compact) ? `<h3>村规民约</h3><p class="r-error">${esc(why(compact))}</p>` : this.compact((compact as Overview).inForce)}</section>`;
    this.bindNotices();
    this.el.querySelectorAll<HTMLButtonElement>('[data-appeal]').forEach((b) => b.addEventListener('click', () => this.appealForm(Number(b.dataset.appeal))));
    this.el.querySelector('[data-ask]')?.addEventListener('click', () => this.askForm(h));
  }

  /** The village's area code for the public board: the areas API gives the caller's area with its code. */
  private async areaCode(areaId: number): Promise<string | null> {
    try {
      const fc = await this.api.get<{ features: { properties: { id: number; code: string } }[] }>(`/api/v1/areas/${areaId}`);
      return fc.features.find((f) => f.properties.id === areaId)?.properties.code ?? null;
    } catch {
      return null;
    }
  }

  private home(h: HouseholdCard): string {
    const members = h.members.filter((m) => m.active);
    const agent = h.agent
      ? `<p>代办员：<b data-testid="village-agent">${esc(h.agent.name)}</b>${h.agent.phone && !h.agent.phone.includes('*')
        ? ` <a class="r-secondary small v-call" href="tel:${esc(h.agent.phone)}" data-testid="village-agent-call">📞 ${esc(h.agent.phone)}</a>` : ''}</p>
        <p class="r-hint">有事可以先找代办员，他帮您跑腿、代办、调解。</p>`
      : '<p class="r-hint">我家还没有指定代办员，有事请找村（居）委会。</p>';
    return `<div class="r-due-line v-home" data-testid="village-home"><h3>🏠 我家</h3>
      <p class="v-big" data-testid="village-address">${esc(h.address)}</p>${h.gridName ? `<p class="r-hint">${esc(h.gridName)}</p>` : ''}
      <p>家庭成员：${members.map((m) => `${esc(m.name)}${m.relation ? `<small>（${esc(m.relation)}）</small>` : ''}`).join('、')}</p>${agent}</div>`;
  }

  private compact(v: CompactVersion | null): string {
    if (!v) return '<h3>村规民约</h3><p class="r-hint">本村还没有生效的村规民约。</p>';
    const groups = new Map<string, Article[]>();
    for (const a of v.articles) groups.set(a.categoryLabel, [...(groups.get(a.categoryLabel) ?? []), a]);
    return `<h3>📜 村规民约</h3>
      <p class="v-big"><b>${esc(v.title)}</b></p>
      <p class="r-hint" data-testid="village-compact-version">第 ${v.number} 版${v.inForceFrom ? ` · 经村民代表会议通过，自${day(v.inForceFrom)}起施行` : ''} · 共 ${v.articles.length} 条</p>
      ${[...groups].map(([label, list], i) => `<details class="v-cat"${i === 0 ? ' open' : ''} data-testid="village-compact-category"><summary>${esc(label)}（${list.length} 条）</summary>
        <ol class="v-articles">${list.map((a) => `<li><b>第${a.number}条</b> ${esc(a.text)}</li>`).join('')}</ol></details>`).join('')}`;
  }

  private record(r: HouseholdRecord): string {
    const suspension = r.violations.filter((v) => (v.state === 'CONFIRMED' || v.state === 'APPEALED') && v.effects.includes('WELFARE_SUSPENDED'))
      .map((v) => v.suspendedFrom).filter((d): d is string => !!d).sort()[0];
    const welfare = r.welfareSuspended
      ? `<p class="v-welfare v-stop" data-testid="village-welfare">福利停发${suspension ? `（自${day(suspension)}起）` : ''}</p>`
      : '<p class="v-welfare v-okay" data-testid="village-welfare">福利正常</p>';
    return `<h3>📒 我家的记录</h3>${welfare}
      ${r.violations.length === 0 ? '<p class="r-hint">我家没有违反村规民约的记录。</p>' : `<ol class="r-list">${r.violations.map((v) => this.violation(v)).join('')}</ol>`}`;
  }

  private violation(v: Violation): string {
    const closed = v.state === 'RESTORED' || v.state === 'DISMISSED';
    const appeal = v.appeal
      ? `<p>申诉：${esc(v.appeal.reason)}<br><span class="r-hint">${esc(v.appeal.by)} · ${time(v.appeal.at)}</span>${v.appeal.resolved === null
        ? '<br><b>调解中</b>' : `<br><b class="${v.appeal.resolved ? 'r-ok' : ''}">${v.appeal.resolved ? '调解达成协议' : '未能在村内调解'}</b>：${esc(v.appeal.outcome ?? '')}`}</p>`
      : '';
    return `<li class="r-case v-violation ${closed ? 'v-closed' : 'v-open'}" data-testid="village-violation" data-id="${v.id}">
      <div class="r-row"><b>违反第${v.articleNo}条</b><span class="r-status" data-testid="village-violation-state">${esc(v.stateLabel)}</span></div>
      <p class="r-hint">${esc(v.articleText)}</p>
      <p>${esc(v.description)}</p>
      <div class="r-meta">${v.occurredOn ? `<span>${day(v.occurredOn)}</span>` : ''}${v.place ? `<span>${esc(v.place)}</span>` : ''}</div>
      ${v.penaltyArticle ? `<p>处罚：依据第${v.penaltyArticle}条，${esc(v.effectLabels.join('、'))}${v.measure ? `；${esc(v.measure)}` : ''}${v.suspendedFrom ? `<br>自${day(v.suspendedFrom)}起` : ''}</p>` : ''}
      ${v.restoredFrom ? `<p class="r-ok" data-testid="village-restored">已恢复：依据第${v.restorationArticle}条，自${day(v.restoredFrom)}起恢复${v.restorationEvidence ? `<br><span class="r-hint">${esc(v.restorationEvidence)}</span>` : ''}</p>` : ''}
      ${appeal}
      ${v.state === 'CONFIRMED' && !v.appeal ? `<button type="button" class="r-secondary r-wide" data-appeal="${v.id}" data-testid="village-appeal">不服处罚，申诉调解</button><div data-appeal-form="${v.id}"></div>` : ''}
    </li>`;
  }

  private appealForm(id: number): void {
    const box = this.el.querySelector<HTMLElement>(`[data-appeal-form="${id}"]`)!;
    box.innerHTML = `<form class="r-form r-inline" data-testid="village-appeal-form"><label><span>申诉理由</span>
      <textarea name="reason" rows="3" maxlength="1000" required placeholder="说明您为什么不服这项处罚"></textarea></label>
      <p class="r-error" role="alert"></p><button type="submit" class="r-primary">提交申诉</button></form>`;
    const form = box.querySelector('form')!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
      try {
        await this.api.postFor(`/api/v1/compact/violations/${id}/appeal`, { reason }, 'file');
        await this.show();
      } catch (err) {
        form.querySelector('.r-error')!.textContent = why(err);
      }
    });
  }

  private disputes(items: Dispute[], h: HouseholdCard): string {
    return `<h3>🤝 调解</h3>
      <p class="r-hint">邻里、家庭、土地等矛盾纠纷，${h.agent ? `先由我家代办员 ${esc(h.agent.name)} 调解` : '由村里的调解员调解'}；调不成的逐级上交调解员、和事佬、法律顾问。</p>
      <button type="button" class="r-secondary r-wide" data-ask data-testid="village-ask">🤝 申请调解</button><div data-ask-form></div>
      ${items.length === 0 ? '<p class="r-hint">我家没有调解中的纠纷。</p>' : `<ol class="r-list" data-testid="village-disputes">${items.map((d) => this.dispute(d)).join('')}</ol>`}`;
  }

  private dispute(d: Dispute): string {
    const open = !d.closedAt;
    return `<li class="r-case${d.overdue ? ' late' : ''}" data-testid="village-dispute">
      <div class="r-row"><b>${esc(d.title)}</b><span class="r-status">${esc(d.statusLabel)}</span></div>
      <div class="r-meta"><span>${esc(d.categoryLabel)}</span><span>${time(d.openedAt)} 申请</span></div>
      <p>当前：<b data-testid="village-dispute-level">${esc(d.levelLabel)}</b>${d.agentName ? `（${esc(d.agentName)}）` : ''}调解</p>
      ${open && d.levelDue ? `<p class="${d.overdue ? 'r-late' : 'r-hint'}" data-testid="village-dispute-due">${d.overdue ? '已超期，' : ''}应在 ${time(d.levelDue)} 前调处</p>` : ''}
      <p class="r-hint">当事人：${d.parties.map((p) => `${esc(p.name)}（${esc(p.sideLabel)}）`).join('、')}</p>
      ${d.outcome ? `<p>结果：${esc(d.outcome)}</p>` : ''}${d.referredTo ? `<p>已移交：${esc(d.referredTo)}</p>` : ''}
    </li>`;
  }

  private askForm(h: HouseholdCard): void {
    const box = this.el.querySelector<HTMLElement>('[data-ask-form]')!;
    box.innerHTML = `<form class="r-form r-inline" data-testid="village-ask-form">
      <label><span>什么纠纷？</span><select name="category" required data-testid="village-ask-category">${CATEGORIES.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
      <label><span>对方是谁？</span><input name="other" maxlength="60" required placeholder="例如：邻居 王某" data-testid="village-ask-other" /></label>
      <label><span>发生了什么？</span><textarea name="description" rows="4" maxlength="4000" required data-testid="village-ask-description"></textarea></label>
      <p class="r-hint">提交后${h.agent ? `由我家代办员 ${esc(h.agent.name)}` : '由村调解员'}联系您。</p>
      <p class="r-error" role="alert" data-testid="village-ask-error"></p>
      <button type="submit" class="r-primary" data-testid="village-ask-submit">提交申请</button></form>`;
    const form = box.querySelector('form')!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
      const label = CATEGORIES.find(([c]) => c === v('category'))?.[1] ?? '纠纷';
      try {
        await this.api.postFor('/api/v1/mediation/disputes', {
          title: `与${v('other')}的${label}`,
          category: v('category'),
          description: v('description'),
          parties: [{ side: 'RESPONDENT', name: v('other') }],
        }, 'file');
        await this.show();
        this.el.querySelector('[data-testid=village-mediation]')?.scrollIntoView({ block: 'start' });
      } catch (err) {
        form.querySelector('.r-error')!.textContent = why(err);
      }
    });
  }
}

const isFailure = (x: unknown): boolean => x instanceof Error;
