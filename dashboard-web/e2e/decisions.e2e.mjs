// Browser test of 四议两公开 on the village page (/village.html) and the public board (/board.html),
// driven by command-api's DecisionsBrowserTest (which starts the application, registers 东顶村's people
// and passes RW_E2E_* settings). 东顶村's committee creates a matter, tries to skip the proposal (refused,
// the reason shown), takes it through the four meetings with attendance ticked from the registry and the
// votes, has a representatives' meeting without quorum refused (the tally's words shown), holds it again
// and publishes the resolution; the board is then read without logging in, on screen and as printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, BASE, shot, launch } from './support.mjs';

const TITLE = `村集体闲置厂房出租 ${Date.now() % 100000}`;

/** Records the selected step's meeting: all members present voting yes unless told otherwise. */
async function meeting(page, step, { chair = '陈书记', present, hands = false } = {}) {
  const form = page.locator('[data-testid="dec-meeting"]');
  await form.locator('[data-testid="dec-step-select"]').selectOption(step);
  await form.locator('[data-testid="dec-chair"]').fill(chair);
  await form.locator('[data-testid="dec-none"]').click();
  const boxes = form.locator('[data-testid="dec-present"]');
  const n = await boxes.count();
  const k = present ?? n;
  for (let i = 0; i < k; i++) await boxes.nth(i).check();
  if (hands) {
    await form.locator('[data-testid="dec-hands"]').check();
    await form.locator('[data-testid="dec-yes"]').fill(String(k));
  }
  await form.locator('[data-testid="dec-record"]').click();
  return n;
}

test('the committee takes a matter through the four steps, a skipped step and a failed quorum are refused, the board is public and printable', async () => {
  const office = await launch({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  try {
    const page = await office.context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push('CSP: ' + m.text()); });
    await page.goto(`${BASE()}/village.html`);
    await page.fill('#username', env('RW_E2E_COMMITTEE'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await page.click('[data-testid="tab-decisions"]');
    await page.waitForSelector('[data-testid="pane-decisions"]:not([hidden])');

    // a new matter: collective assets, a major kind
    await page.click('[data-testid="dec-new"] summary');
    await page.fill('[data-testid="dec-new-title"]', TITLE);
    await page.selectOption('[data-testid="dec-new-kind"]', 'COLLECTIVE_ASSETS');
    await page.fill('[data-testid="dec-new-amount"]', '120000');
    await page.fill('[data-testid="dec-new-description"]', '村集体闲置厂房 1,200 平方米对外公开招租，租期五年');
    await page.click('[data-testid="dec-new-submit"]');
    await page.locator('[data-testid="dec-detail-title"]').filter({ hasText: TITLE }).waitFor();
    assert.equal(await page.locator('[data-testid="dec-state"]').innerText(), '待提议');

    // skipping the party branch's proposal: refused, the reason shown
    await meeting(page, 'DISCUSSION');
    const error = page.locator('[data-testid="dec-error"]');
    await error.filter({ hasText: '须先完成：村党组织提议' }).waitFor({ timeout: 10_000 });
    await error.scrollIntoViewIfNeeded();
    await shot(page, 'decisions-skip-refused.png');

    // the four steps
    await meeting(page, 'PROPOSAL');
    await page.locator('[data-testid="dec-state"]').filter({ hasText: '已提议' }).waitFor();
    // the server's tally is shown once the matter is drawn afresh
    const tally = page.locator('[data-testid="dec-tally"]:not([hidden])');
    await tally.waitFor();
    assert.match(await tally.innerText(), /^系统计票：应到 \d+ 人，实到 \d+ 人，赞成 \d+，反对 0，弃权 0。通过：赞成 \d+ 票，达到 \d+ 票$/);
    await meeting(page, 'DISCUSSION');
    await page.locator('[data-testid="dec-state"]').filter({ hasText: '已商议' }).waitFor();
    await meeting(page, 'DELIBERATION', { hands: true });
    await page.locator('[data-testid="dec-state"]').filter({ hasText: '已审议' }).waitFor();
    await tally.waitFor();
    assert.match(await tally.innerText(), /通过/);

    // the representatives without quorum: refused with the tally's words, kept as an invalid meeting
    const count = await page.locator('[data-testid="dec-count"]').innerText();
    const needed = Number(/有效须到会 (\d+) 人/.exec(count)[1]);
    const members = await meeting(page, 'RESOLUTION', { present: needed - 1 });
    await error.filter({ hasText: `会议无效：应到 ${members} 人，实到 ${needed - 1} 人，不足 ${needed} 人` }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="dec-state"]').innerText(), '已审议，待村民代表会议决议');
    await page.locator('[data-testid="dec-step"][data-step="RESOLUTION"][data-valid="false"]').scrollIntoViewIfNeeded();
    await shot(page, 'decisions-quorum-refused.png');

    // held again with everyone, one against
    const form = page.locator('[data-testid="dec-meeting"]');
    await form.locator('[data-testid="dec-chair"]').fill('陈书记');
    await form.locator('[data-testid="dec-all"]').click();
    await form.locator('[data-testid="dec-vote"]').first().selectOption('NO');
    await form.locator('[data-testid="dec-record"]').click();
    await page.locator('[data-testid="dec-state"]').filter({ hasText: '已决议' }).waitFor();
    await tally.waitFor();
    assert.match(await tally.innerText(), new RegExp(`应到 ${members} 人，实到 ${members} 人，赞成 ${members - 1}，反对 1，弃权 0。通过`));
    const steps = page.locator('[data-testid="dec-step"]');
    assert.equal(await steps.count(), 5, 'four valid meetings and the invalid attempt');

    // publishing the resolution
    await page.fill('[data-testid="dec-publish-text"]', `经村民代表会议表决通过：${TITLE}，公开招租，租金收入归村集体。`);
    await page.click('[data-testid="dec-publish-submit"]');
    await page.locator('[data-testid="dec-state"]').filter({ hasText: '决议已公开' }).waitFor();
    const item = page.locator(`[data-testid="dec-item"]`).filter({ hasText: TITLE });
    assert.equal(await item.getAttribute('data-state'), 'PUBLISHED');
    await shot(page, 'decisions-published.png', true);
    const boardHref = await page.locator('[data-testid="dec-board-link"]').first().getAttribute('href');
    assert.equal(boardHref, '/board.html?village=370304104201');
    assert.deepEqual(errors, []);
  } finally {
    await office.close();
  }

  // the public board, without logging in: a fresh browser
  const visitor = await launch({ viewport: { width: 1100, height: 900 } });
  try {
    const page = await visitor.context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push('CSP: ' + m.text()); });
    await page.goto(`${BASE()}/board.html?village=370304104201`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    assert.equal(await page.locator('[data-testid="board-title"]').innerText(), '东顶村村务公开栏');
    const item = page.locator('[data-testid="board-item"]').filter({ hasText: TITLE });
    await item.waitFor();
    assert.equal(await item.locator('[data-testid="board-meeting"]').count(), 4);
    const rep = item.locator('[data-testid="board-meeting"][data-step="RESOLUTION"]');
    assert.match(await rep.innerText(), /村民代表会议决议/);
    assert.match(await rep.innerText(), /通过/);
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes('决策测试'), 'no names of the people on the board');
    assert.ok(!text.includes('陈书记'), 'no chair on the board');
    await shot(page, 'board.png');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('[data-testid="board-print"]').isVisible(), false, 'the 打印 button is not printed');
    assert.match(await page.locator('[data-testid="board-printed"]').innerText(), /^打印日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    await shot(page, 'board-print.png', true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.length > 10_000, 'an A4 PDF');
    assert.deepEqual(errors, []);
  } finally {
    await visitor.close();
  }
});
