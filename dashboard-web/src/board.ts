import './board.css';
import { esc } from './html';

/**
 * A village's public board (村务公开栏), read without logging in: GET /api/v1/public/villages/{code}/board
 * (the village's area code in ?village=…). The resolutions made public and the results of carrying them
 * out, each meeting's figures and rule; a 打印 button and an A4 print layout with the date printed.
 */
interface BoardMeeting {
  step: string;
  stepLabel: string;
  heldOn: string;
  ruleName: string;
  ruleText: string;
  members: number;
  present: number;
  yes: number;
  no: number;
  abstain: number;
  passed: boolean;
  outcome: string;
}
interface BoardItem {
  matterId: number;
  title: string;
  kindLabel: string;
  major: boolean;
  amountYuan: number | null;
  passed: boolean;
  resolvedOn: string | null;
  publishedOn: string;
  displayUntil: string | null;
  onDisplay: boolean;
  text: string;
  meetings: BoardMeeting[];
  result: { publishedOn: string; text: string; figures: string | null } | null;
}
interface Board {
  villageCode: string;
  villageName: string;
  townName: string | null;
  today: string;
  items: BoardItem[];
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;

/** 2008-03-25 → 2008年3月25日. */
export function day(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function yuan(v: number | null): string {
  if (v == null) return '';
  return v >= 10000 ? `${(v / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元` : `${v.toLocaleString('zh-CN')} 元`;
}

function meetingRows(meetings: BoardMeeting[]): string {
  return meetings.map((m) => `
    <tr data-testid="board-meeting" data-step="${esc(m.step)}">
      <td>${esc(m.stepLabel)}</td><td class="d">${esc(day(m.heldOn))}</td>
      <td class="n">${m.members}</td><td class="n">${m.present}</td><td class="n">${m.yes}</td><td class="n">${m.no}</td><td class="n">${m.abstain}</td>
      <td class="${m.passed ? 'ok' : 'bad'}">${m.passed ? '通过' : '未通过'}</td>
      <td class="rule">${esc(m.ruleName)}：${esc(m.ruleText)}</td>
    </tr>`).join('');
}

function item(i: BoardItem): string {
  const badges = [`<span class="b-badge">${esc(i.kindLabel)}</span>`];
  if (i.major) badges.push('<span class="b-badge major">重大事项</span>');
  badges.push(i.passed ? '<span class="b-badge ok">决议通过</span>' : '<span class="b-badge bad">决议未通过</span>');
  if (i.result) badges.push('<span class="b-badge ok">实施结果已公开</span>');
  const display = i.displayUntil
    ? `公示期：${day(i.publishedOn)}至${day(i.displayUntil)}${i.onDisplay ? '（公示中）' : ''}`
    : `公开日期：${day(i.publishedOn)}`;
  return `
  <article class="b-item" data-testid="board-item" data-matter-id="${i.matterId}">
    <h2>${esc(i.title)}</h2>
    <p class="b-badges">${badges.join('')}${i.amountYuan != null ? `<span class="b-amount">金额 ${esc(yuan(i.amountYuan))}</span>` : ''}</p>
    <section class="b-block">
      <h3>决议公开</h3>
      <p class="b-meta">决议日期：${esc(day(i.resolvedOn))}　${esc(display)}</p>
      <p class="b-text" data-testid="board-text">${esc(i.text)}</p>
      <table class="b-table">
        <thead><tr><th>程序</th><th>日期</th><th>应到</th><th>实到</th><th>赞成</th><th>反对</th><th>弃权</th><th>结果</th><th>表决规则</th></tr></thead>
        <tbody>${meetingRows(i.meetings)}</tbody>
      </table>
    </section>
    ${i.result ? `
    <section class="b-block" data-testid="board-result">
      <h3>实施结果公开</h3>
      <p class="b-meta">公开日期：${esc(day(i.result.publishedOn))}</p>
      <p class="b-text">${esc(i.result.text)}</p>
      ${i.result.figures ? `<p class="b-figures">${esc(i.result.figures)}</p>` : ''}
    </section>` : ''}
  </article>`;
}

async function show(): Promise<void> {
  const code = new URLSearchParams(location.search).get('village') ?? '';
  $('print').addEventListener('click', () => window.print());
  if (!/^[0-9A-Za-z-]{1,40}$/.test(code)) {
    $('note').textContent = '请在地址中注明村（社区）代码，例如 board.html?village=370304104201';
    document.body.dataset.ready = 'true';
    return;
  }
  const res = await fetch(`/api/v1/public/villages/${encodeURIComponent(code)}/board`, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    $('note').textContent = res.status === 404 ? '没有找到这个村（社区）的公开栏。' : '公开栏暂时无法读取，请稍后再试。';
    document.body.dataset.ready = 'true';
    return;
  }
  const b = (await res.json()) as Board;
  document.title = `${b.villageName}村务公开栏`;
  $('title').textContent = `${b.villageName}村务公开栏`;
  $('sub').textContent = `${b.townName ? `${b.townName} · ` : ''}四议两公开 · 决议公开 · 实施结果公开`;
  $('printed').textContent = `打印日期：${day(b.today)}`;
  $('note').textContent = b.items.length === 0 ? '暂无公开的决议。' : `共公开决议 ${b.items.length} 项，按公开日期从近到远排列。`;
  $('items').innerHTML = b.items.map(item).join('');
  document.body.dataset.ready = 'true';
}

void show();
