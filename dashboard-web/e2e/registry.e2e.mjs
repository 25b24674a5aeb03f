// Browser test of the village page's 户籍台账 tab (/village.html), driven by command-api's
// RegistryBrowserTest (which starts the application and passes RW_E2E_* settings). 东顶村's committee
// (committee-dongding) finds 李's household DD-0108 and looks at a member's full data (audited), checks a
// CSV with one bad row in a dry run (the error table names the row, column and reason), imports it (the
// good rows go in), and opens the imported household. The grid worker of 第一网格 (grid-dongding-1) then
// opens the tab on a phone: their grid only, phones shown, ID numbers masked, no 查看完整信息.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through RegistryBrowserTest / scripts/test.sh)`);
  return v;
};
const shot = (page, name) => page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), name), fullPage: true });

// two people of a new household W-0001 and, on row 4, a third whose ID number's check character is wrong
const CSV = '\uFEFF户号,地址,网格,联系电话,姓名,性别,出生日期,身份证号,与户主关系,手机,身份\r\n'
  + 'W-0001,东顶村老村西街301号,第一网格,0533-4189001,浏览甲,男,1955-03-03,370303195503030132,户主,13900000201,党员;村民代表\r\n'
  + 'W-0001,东顶村老村西街301号,第一网格,,浏览乙,女,1958-08-08,370303195808080245,配偶,,\r\n'
  + 'W-0001,东顶村老村西街301号,第一网格,,浏览丙,男,,370303198303030351,子女,13900000203,\r\n';

const launch = async (options) => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'), headless: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    ...options,
  });
  return { context, close: async () => { await context.close(); await rm(userDataDir, { recursive: true, force: true }); } };
};

async function signIn(context, user, errors) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${user}: ${e}`));
  page.on('dialog', (d) => { errors.push(`${user}: window.${d.type()} used`); void d.dismiss(); });
  await page.goto(`${env('RW_E2E_BASE_URL')}/village.html`);
  await page.fill('#username', user);
  await page.fill('#password', env('RW_E2E_PASSWORD'));
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="household-DD-0001"], [data-testid="registry-count"]', { timeout: 30_000 });
  return page;
}

test('the committee imports a ledger with a bad row and opens a household; the grid worker sees their grid on a phone', async () => {
  const errors = [];
  const dir = await mkdtemp(join(tmpdir(), 'rw-ledger-'));
  const file = join(dir, '东顶村台账.csv');
  await writeFile(file, CSV);
  const desk = await launch({ viewport: { width: 1366, height: 900 } });
  try {
    const page = await signIn(desk.context, 'committee-dongding', errors);
    assert.match(await page.textContent('[data-testid="registry-totals"]'), /在册 3\d\d 户、10\d\d 人/);
    assert.match(await page.textContent('[data-testid="roster-PARTY_MEMBER"]'), /党员 (49|5\d)/);
    await shot(page, 'registry-list.png');

    // 李's household: members, roles in words, ID numbers masked, the full data on request
    await page.fill('[data-testid="registry-search"]', 'DD-0108');
    await page.click('[data-testid="registry-search-go"]');
    await page.click('[data-testid="household-DD-0108"]');
    const card = page.locator('[data-testid="household-card"]');
    await card.waitFor();
    assert.match(await card.textContent(), /李守田/);
    assert.match(await card.textContent(), /代办员卫东升/);
    const firstId = await card.locator('[data-testid="person-id"]').first().textContent();
    assert.match(firstId, /身份证 \*{14}\d{3}[\dX]/);
    await card.locator('[data-testid^="reveal-"]').first().click();
    const revealed = card.locator('[data-testid="revealed"]');
    await revealed.waitFor();
    assert.match(await revealed.textContent(), /身份证号 370304\d{11}[\dX]/);
    assert.match(await revealed.textContent(), /已记入审计日志/);
    await shot(page, 'registry-household.png');

    // a dry run: one row refused, nothing written
    await page.click('[data-testid="import-open"]');
    await page.setInputFiles('[data-testid="import-file"]', file);
    await page.click('[data-testid="import-go"]');
    await page.waitForSelector('[data-testid="import-errors"]');
    const summary = await page.textContent('[data-testid="import-summary"]');
    assert.match(summary, /校验结果（未写入）/);
    assert.match(summary, /共 3 行，2 行无误，1 行有错误未导入/);
    const rows = await page.locator('[data-testid="import-errors"] tbody tr').allTextContents();
    assert.equal(rows.length, 1);
    assert.match(rows[0], /第 4 行身份证号370303198303030351身份证号校验位不符/);
    await shot(page, 'registry-import-dry.png');

    // the import itself: the good rows go in
    await page.uncheck('[data-testid="import-dry"]');
    await page.click('[data-testid="import-go"]');
    await page.waitForFunction(() => /导入完成/.test(document.querySelector('[data-testid="import-summary"]')?.textContent ?? ''));
    assert.match(await page.textContent('[data-testid="import-summary"]'), /已新增 1 户.*已新增 2 人/);
    await shot(page, 'registry-import.png');
    await page.fill('[data-testid="registry-search"]', 'W-0001');
    await page.click('[data-testid="registry-search-go"]');
    await page.click('[data-testid="household-W-0001"]');
    await page.waitForFunction(() => /W-0001/.test(document.querySelector('[data-testid="household-card"] h2')?.textContent ?? ''));
    const imported = await card.textContent();
    assert.match(imported, /浏览甲/);
    assert.match(imported, /浏览乙/);
    assert.doesNotMatch(imported, /浏览丙/);
    assert.match(imported, /村（居）民代表/);
    await shot(page, 'registry-imported-household.png');
  } finally {
    await desk.close();
  }

  const phone = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await signIn(phone.context, 'grid-dongding-1', errors);
    assert.match(await page.textContent('[data-testid="registry-count"]'), /共 11\d 户/);
    await page.fill('[data-testid="registry-search"]', 'DD-0108');
    await page.click('[data-testid="registry-search-go"]');
    await page.click('[data-testid="household-DD-0108"]');
    const card = page.locator('[data-testid="household-card"]');
    await card.waitFor();
    assert.match(await card.locator('[data-testid="person-phone"]').first().textContent(), /手机 1\d{10}/);
    assert.match(await card.locator('[data-testid="person-id"]').first().textContent(), /\*{8}/);
    assert.equal(await card.locator('[data-testid^="reveal-"]').count(), 0);
    assert.equal(await page.locator('[data-testid="import-open"]').count(), 0);
    await shot(page, 'registry-phone.png');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 392, `the page fits the phone's width (${width}px)`);
  } finally {
    await phone.close();
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
});
