// The 平安联盟 panel of the command center's dashboard as HTML, from the alliance's summary (members by trade and
// team; null when the server has none) and the year's figures of leads and rewards (null when unavailable).
// Plain JavaScript without the DOM, so node's test runner checks it (test/alliance-figures.test.mjs).

const money = (v) => `¥${Number(v ?? 0).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;

function bars(rows, esc, testid) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return rows.map((r) => `<div class="bar-row" data-testid="${testid}"><span>${esc(r.label)}</span><svg viewBox="0 0 100 8" preserveAspectRatio="none">`
    + `<rect width="100" height="8" fill="#1b263b"/><rect width="${Math.round((r.count / max) * 100)}" height="8" fill="#e9c46a"/></svg><b>${r.count}</b></div>`).join('');
}

/**
 * @param summary {members, applied, suspended, left, byTrade: [{trade, label, count}], byTeam: [{teamId, name, ledBy, count}]} or null
 * @param stats {year, leads, reviewing, valid, invalid, suspectsCaught, propertyRecoveredYuan, rewardsPaidCount, rewardsPaidYuan,
 *              fundBudgetYuan, fundBalanceYuan} or null
 * @param esc makes text safe for HTML
 */
export function allianceFiguresHtml(summary, stats, esc) {
  let html = '<h3>平安联盟</h3>';
  if (summary) {
    html += `<div class="tiles"><div><b data-testid="alliance-members">${summary.members}</b><span>在册队员</span></div>`
      + `<div><b>${summary.applied}</b><span>待审核</span></div><div><b>${summary.suspended}</b><span>暂停</span></div></div>`;
    const trades = (summary.byTrade ?? []).slice().sort((a, b) => b.count - a.count).slice(0, 6);
    const teams = (summary.byTeam ?? []).slice().sort((a, b) => b.count - a.count).slice(0, 6)
      .map((t) => ({ label: t.ledBy ? `${t.name}（${t.ledBy}）` : t.name, count: t.count }));
    if (trades.length) html += '<h4>按行业</h4>' + bars(trades, esc, 'alliance-trade');
    if (teams.length) html += '<h4>按队伍</h4>' + bars(teams, esc, 'alliance-team');
  } else {
    html += '<p class="empty" data-testid="alliance-no-summary">队员统计暂不可用</p>';
  }
  if (stats) {
    html += `<h4>${esc(stats.year)} 年度线索与奖励</h4><div class="tiles">`
      + `<div><b data-testid="alliance-leads">${stats.leads}</b><span>线索</span></div>`
      + `<div><b data-testid="alliance-valid">${stats.valid}</b><span>有效线索</span></div>`
      + `<div><b data-testid="alliance-suspects">${stats.suspectsCaught}</b><span>抓获嫌疑人</span></div>`
      + `<div><b data-testid="alliance-paid">${money(stats.rewardsPaidYuan)}</b><span>已发奖励（${stats.rewardsPaidCount} 笔）</span></div>`
      // the fund's figures come only to those who may read the fund (operators see the alliance's figures without them)
      + (stats.fundBalanceYuan == null ? '' : `<div><b data-testid="alliance-balance">${money(stats.fundBalanceYuan)}</b><span>基金余额 / ${money(stats.fundBudgetYuan)}</span></div>`)
      + (stats.reviewing > 0 ? `<div><b>${stats.reviewing}</b><span>核实中</span></div>` : '')
      + '</div>';
  }
  return html;
}
