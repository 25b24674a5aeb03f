// Browser test of the village page's 小公约 tab, driven by command-api's CompactBrowserTest (which starts
// the application, puts 东顶村's compact in force and a household in grid 1 in the registry, and passes
// RW_E2E_* settings). grid-dongding-1, on a phone, reports the household's breach of article 8 with a
// photo from the camera input; committee-dongding confirms it under article 39 (the suspension appears in
// 福利停发名单), then records the restoration under article 41 (the household leaves the list).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, BASE, shot, launch } from './support.mjs';

async function logIn(page, username) {
  await page.goto(`${BASE()}/village.html#compact`);
  await page.fill('#username', username);
  await page.fill('#password', env('RW_E2E_PASSWORD'));
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  await page.click('[data-testid="tab-compact"]');
  await page.waitForSelector('[data-testid="compact-text"]', { timeout: 20_000 });
}

test('a grid worker reports a breach of the compact with a photo; the committee confirms it under article 39 and restores it under article 41', async () => {
  const household = env('RW_E2E_HOUSEHOLD_ID');
  const head = env('RW_E2E_HOUSEHOLD_HEAD');
  const phone = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const desk = await launch({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  try {
    // the grid worker's phone: the compact's text, then the report form with the camera input
    const grid = await phone.context.newPage();
    grid.on('pageerror', (e) => errors.push(`grid: ${e.message}`));
    await logIn(grid, env('RW_E2E_GRID_WORKER'));
    assert.match(await grid.textContent('[data-testid="compact-text"]'), /第8条/);
    await shot(grid, 'compact-grid-text.png');
    const camera = grid.locator('[data-testid="report-photo"]');
    assert.equal(await camera.getAttribute('capture'), 'environment');
    await grid.selectOption('[data-testid="report-household"]', household);
    await grid.selectOption('[data-testid="report-article"]', '8');
    await grid.fill('[data-testid="report-description"]', '翻建房屋时未经批准将房顶加高三层砖，挡住了后排邻居家的采光。');
    await grid.fill('[data-testid="report-place"]', '老村西片');
    await camera.setInputFiles(env('RW_E2E_PHOTO'));
    await grid.locator('[data-testid="report-form"]').scrollIntoViewIfNeeded();
    await shot(grid, 'compact-grid-report.png');
    await grid.click('[data-testid="report-submit"]');
    await grid.waitForFunction(() => /已登记/.test(document.querySelector('[data-testid="report-status"]')?.textContent ?? ''), null, { timeout: 15_000 });
    assert.match(await grid.textContent('[data-testid="report-status"]'), /证据照片 1 张/);
    await grid.locator('[data-testid="report-status"]').scrollIntoViewIfNeeded();
    await shot(grid, 'compact-grid-reported.png');
    const row = grid.locator('[data-testid="violations"] tr', { hasText: head });
    await row.first().scrollIntoViewIfNeeded();
    assert.match(await row.first().textContent(), /待认定/);

    // the committee: confirms under article 39; the household appears in the welfare list
    const committee = await desk.context.newPage();
    committee.on('pageerror', (e) => errors.push(`committee: ${e.message}`));
    await logIn(committee, env('RW_E2E_COMMITTEE'));
    await shot(committee, 'compact-committee-text.png');
    await committee.emulateMedia({ media: 'print' });
    await shot(committee, 'compact-print.png');
    await committee.emulateMedia({ media: 'screen' });
    await committee.locator('[data-testid="violations"] tr', { hasText: head }).first().click();
    await committee.waitForSelector('[data-testid="violation-detail"] [data-testid="confirm"]');
    await committee.waitForSelector('[data-testid="photos"] img', { timeout: 10_000 });
    await committee.selectOption('[data-testid="penalty-article"]', '39');
    await committee.fill('[data-f="note"]', '经村“两委”现场查看，认定违反第八条');
    await committee.click('[data-testid="confirm"]');
    await committee.waitForSelector('[data-testid="penalty"]', { timeout: 10_000 });
    assert.match(await committee.textContent('[data-testid="penalty"]'), /依第39条：停发一切福利待遇/);
    const detail = await committee.textContent('[data-testid="violation-detail"]');
    assert.match(detail, /东顶村网格员 蒋/, 'the reporter by name, not by user name');
    assert.doesNotMatch(detail, /grid-dongding-1|committee-dongding/);
    await committee.locator('[data-testid="violation-detail"]').scrollIntoViewIfNeeded();
    await shot(committee, 'compact-committee-confirmed.png');
    const suspended = committee.locator(`[data-testid="welfare"] tr[data-suspended="${household}"]`);
    await suspended.waitFor({ timeout: 10_000 });
    assert.match(await suspended.textContent(), /第39条（违反第8条）/);
    await suspended.scrollIntoViewIfNeeded();
    await shot(committee, 'compact-welfare.png');

    // restored under article 41: the household leaves the list
    await committee.locator('[data-testid="violation-detail"]').scrollIntoViewIfNeeded();
    await committee.selectOption('[data-testid="restoration-article"]', '41');
    await committee.fill('[data-testid="restore-evidence"]', '已拆除加高的三层砖，后排住户采光恢复');
    await committee.fill('[data-testid="restore-checker"]', '村委会主任 孙');
    // restored from today (the page proposes the 1st of next month; until the day it takes effect the household stays on the list)
    await committee.fill('[data-testid="restore-from"]', new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    await committee.click('[data-testid="restore"]');
    await committee.waitForSelector('[data-testid="restoration"]', { timeout: 10_000 });
    assert.match(await committee.textContent('[data-testid="restoration"]'), /依第41条/);
    await committee.click('[data-testid="household-record"]');
    await committee.waitForSelector('[data-testid="record"]');
    assert.match(await committee.textContent('[data-testid="record"]'), /福利正常/);
    await committee.locator('[data-testid="violation-detail"]').scrollIntoViewIfNeeded();
    await shot(committee, 'compact-restored.png');
    await committee.waitForFunction((id) => !document.querySelector(`[data-testid="welfare"] tr[data-suspended="${id}"]`), household, { timeout: 10_000 });

    // a new draft: a copy of the version in force, edited, then put to 四议两公开 (one call: the compact creates the matter)
    if (await committee.locator('[data-testid="new-draft"]').count()) await committee.click('[data-testid="new-draft"]');
    else await committee.click('[data-testid="edit-draft"]');
    await committee.waitForSelector('[data-testid="draft-editor"]');
    const rows = committee.locator('[data-testid="draft-editor"] [data-row]');
    assert.ok(await rows.count() >= 45, 'the draft starts as a copy of the version in force');
    await committee.click('[data-testid="draft-editor"] [data-act="add"]');
    await rows.last().locator('[data-f="text"]').fill('村民应当节约用水，不得私自加压抽取集体供水。');
    await committee.click('[data-testid="save-draft"]');
    await committee.waitForFunction(() => /草案已保存/.test(document.querySelector('[data-testid="editor-status"]')?.textContent ?? ''));
    await committee.click('[data-testid="propose"]');
    await committee.waitForFunction(() => !document.querySelector('[data-testid="draft-editor"]'), null, { timeout: 15_000 });
    assert.match(await committee.textContent('[data-testid="versions"]'), /四议两公开审议中/);
    await committee.locator('[data-testid="versions"]').scrollIntoViewIfNeeded();
    await shot(committee, 'compact-draft.png');
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
    await desk.close();
  }
});
