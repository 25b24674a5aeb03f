// Browser test of leads to rewards on the alliance page (/alliance.html), driven by command-api's RewardsBrowserTest
// (which starts the application, has patrol1 send a lead and prepares a second valid lead whose proposed reward is
// more than the fund's balance, then passes the RW_E2E_* settings).
//
// The 广文街道 police (police) check the lead (有效 with what was found), record one suspect caught and propose a
// reward → the station's leader (police-leader) opens on 奖励审批, approves it (paid), sees the fund's balance go
// down by it with the payment on the ledger, and is refused the reward the fund cannot cover, in the database's
// figures → the dashboard's 平安联盟 panel shows the year's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, env, launch, shot } from './support.mjs';

const LEAD = env('RW_E2E_LEAD');
const OVER = env('RW_E2E_OVER_REWARD');
const money = (s) => Number(s.replace(/[¥,\s]/g, ''));

test('a lead checked valid, rewarded, approved and paid from the fund; a reward beyond the balance refused', async () => {
  const { context, close } = await launch({ viewport: { width: 1366, height: 900 } });
  const errors = [];
  const signIn = async (user, path = '/alliance.html') => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${user}: ${e}`));
    page.on('dialog', (d) => { errors.push(`${user}: window.${d.type()} used`); void d.dismiss(); });
    await page.goto(`${BASE()}${path}`);
    await page.fill('#username', user);
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click(path === '/' ? '#login-submit' : '[data-testid="login-submit"]');
    return page;
  };
  const signOut = async (page) => {
    await page.evaluate(() => localStorage.clear());
    await page.close();
  };
  try {
    // 1. the police check the lead, record the arrest and propose a reward
    const police = await signIn('police');
    await police.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await police.click('[data-testid="tab-leads"]');
    await police.click(`[data-testid="lead-open-${LEAD}"]`);
    const detail = police.locator('[data-testid="lead-detail"]');
    await detail.locator('[data-testid="review-status"]').selectOption('VALID');
    await detail.locator('[data-testid="review-note"]').fill('调取监控确认为盗窃电动车嫌疑人');
    await detail.locator('[data-testid="review-save"]').click();
    await detail.locator('[data-testid="lead-detail-status"]', { hasText: '有效' }).waitFor({ timeout: 10_000 });
    await detail.locator('[data-testid="outcome-suspects"]').fill('1');
    await detail.locator('[data-testid="outcome-property"]').fill('电动车一辆');
    await detail.locator('[data-testid="outcome-value"]').fill('3200');
    await detail.locator('[data-testid="outcome-save"]').click();
    await detail.locator('[data-testid="lead-outcome"]', { hasText: '抓获嫌疑人 1 名' }).waitFor({ timeout: 10_000 });
    await detail.locator('[data-testid="reward-amount"]').fill('1200');
    await detail.locator('[data-testid="reward-propose"]').click();
    await detail.locator('[data-testid^="lead-reward-"]', { hasText: '待审批' }).waitFor({ timeout: 10_000 });
    assert.match(await detail.locator('[data-testid^="lead-reward-"]').first().textContent(), /¥1,200\.00/);
    await shot(police, 'rewards-police-lead.png', true);
    await signOut(police);

    // 2. the station's leader opens on the rewards awaiting approval and approves it
    const leader = await signIn('police-leader');
    await leader.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    assert.equal(await leader.locator('[data-testid="tab-rewards"]').getAttribute('class'), 'active', 'the leader opens on 奖励审批');
    await leader.click('[data-testid="tab-fund"]');
    const before = money(await leader.locator('[data-testid="fund-balance"]').textContent());
    await leader.click('[data-testid="tab-rewards"]');
    const row = leader.locator('[data-testid^="reward-row-"]', { hasText: `#${LEAD} ` });
    const rewardId = (await row.getAttribute('data-testid')).replace('reward-row-', '');
    await row.locator(`[data-testid="reward-note-${rewardId}"]`).fill('同意');
    await row.locator(`[data-testid="reward-approve-${rewardId}"]`).click();
    await leader.locator(`[data-testid="reward-status-${rewardId}"]`, { hasText: '已批准并支付' }).waitFor({ timeout: 10_000 });
    await shot(leader, 'rewards-leader-approved.png');

    // 3. the fund: the balance down by the reward, the payment on top of the ledger
    await leader.goto(`${BASE()}/alliance.html#fund`);
    await leader.reload(); // the tabs keep their panes: the page drawn afresh reads the fund again
    await leader.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const after = money(await leader.locator('[data-testid="fund-balance"]').textContent());
    assert.equal(Math.round((before - after) * 100), 120000, `balance ${before} → ${after}`);
    const top = leader.locator('[data-testid="fund-ledger"] tr').nth(1);
    assert.match(await top.textContent(), /奖励支出.*−¥1,200\.00/);
    assert.match(await leader.locator('[data-testid="report-totals"]').textContent(), /共发放奖励/);
    await shot(leader, 'rewards-fund.png', true);

    // 4. a reward the fund cannot cover: refused, in the database's figures
    await leader.click('[data-testid="tab-rewards"]');
    await leader.click(`[data-testid="reward-approve-${OVER}"]`);
    const refusal = leader.locator('[data-testid="reward-error"]');
    await refusal.filter({ hasText: '奖励基金余额不足' }).waitFor({ timeout: 10_000 });
    const text = await refusal.textContent();
    assert.match(text, /本年度余额 ¥[\d,]+\.\d\d，本次奖励 ¥[\d,]+\.\d\d/);
    assert.equal(money(text.split('本年度余额')[1].split('，')[0]), after, 'the balance the refusal names is the fund\'s');
    assert.equal(await leader.locator(`[data-testid="reward-status-${OVER}"]`).textContent(), '待审批');
    await shot(leader, 'rewards-overdraw-refused.png');
    await signOut(leader);

    // 5. the command center's dashboard: the 平安联盟 panel (without the alliance's summary on this server)
    const dash = await signIn('police-leader', '/');
    await dash.waitForSelector('[data-testid="alliance-panel"]:not([hidden])', { timeout: 30_000 });
    const panel = dash.locator('[data-testid="alliance-panel"]');
    assert.ok(Number(await panel.locator('[data-testid="alliance-leads"]').textContent()) > 0);
    assert.equal(money(await panel.locator('[data-testid="alliance-balance"]').textContent()), Math.round(after));
    await shot(dash, 'rewards-dashboard-panel.png');
    assert.deepEqual(errors, []);
    console.log('✔ rewards flow done');
  } finally {
    await close();
  }
});
