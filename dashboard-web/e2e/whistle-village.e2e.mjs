// Browser test of 村务 on the residents' page (/whistle.html, phone viewport), driven by command-api's
// WhistleVillageBrowserTest (which starts the application with the demo seeded and passes RW_E2E_* settings).
// 村民 李 (13810000001, household DD-0108 of 东顶村) opens 村务: his household with its members and its
// 代办员, the compact in force by category, his household's record with the violation of article 8 penalised
// under 39 and restored under 41 (福利正常), the link to the village's 公开栏; he asks for mediation and sees
// the dispute listed at his 代办员's level with its deadline. Screenshots: wv-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through WhistleVillageBrowserTest / scripts/test.sh)`);
  return v;
};
const BASE = () => env('RW_E2E_BASE_URL');
const shot = (page, name, fullPage = false) => page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), name), fullPage });

const phone = async () => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'),
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  return { context, close: async () => { await context.close(); await rm(userDataDir, { recursive: true, force: true }); } };
};

test('a villager reads his household, the compact and his record, and asks for mediation', async () => {
  const b = await phone();
  const errors = [];
  try {
    const p = await b.context.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${BASE()}/whistle.html`);
    await p.fill('#login-phone', env('RW_E2E_VILLAGER'));
    await p.fill('#login-password', env('RW_E2E_PASSWORD'));
    await p.click('[data-testid=login-submit]');
    await p.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await p.click('[data-testid=tab-village]');
    await p.waitForSelector('[data-testid=village-home]', { timeout: 15_000 });

    // 我家: the address, the members, the 代办员
    const home = await p.textContent('[data-testid=village-home]');
    assert.match(home, /李/, home);
    assert.match(home, /代办员：卫/, home);
    assert.doesNotMatch(home, /DD-0108/, 'no codes shown');
    await shot(p, 'wv-home.png');

    // 公开栏: the village's board by its area code
    const board = await p.getAttribute('[data-testid=village-board]', 'href');
    assert.equal(board, '/board.html?village=370304104201');

    // 我家的记录: article 8, penalised under 39, restored under 41, welfare normal again
    assert.equal((await p.textContent('[data-testid=village-welfare]')).trim(), '福利正常');
    const v = p.locator('[data-testid=village-violation]').first();
    const record = await v.textContent();
    assert.match(record, /违反第8条/, record);
    assert.match(record, /已整改恢复/, record);
    assert.match(record, /依据第39条/, record);
    assert.match(record, /依据第41条，自\d{4}年\d{1,2}月\d{1,2}日起恢复/, record);
    assert.equal(await p.locator('[data-testid=village-appeal]').count(), 0, 'a restored violation cannot be appealed');
    await v.scrollIntoViewIfNeeded();
    await shot(p, 'wv-record.png');

    // 村规民约: the version in force, by category
    const version = await p.textContent('[data-testid=village-compact-version]');
    assert.match(version, /第 \d+ 版 · 经村民代表会议通过，自\d{4}年\d{1,2}月\d{1,2}日起施行 · 共 \d+ 条/, version);
    assert.ok(await p.locator('[data-testid=village-compact-category]').count() >= 2);
    const compactText = await p.textContent('[data-testid=village-compact]');
    assert.match(compactText, /第39条/, 'the penalty articles are shown');
    await p.locator('[data-testid=village-compact]').scrollIntoViewIfNeeded();
    await shot(p, 'wv-compact.png');

    // 申请调解: at his household's 代办员, with the deadline
    const other = `邻居 王${Date.now() % 1000}`;
    await p.click('[data-testid=village-ask]');
    await p.selectOption('[data-testid=village-ask-category]', 'NEIGHBOURS');
    await p.fill('[data-testid=village-ask-other]', other);
    await p.fill('[data-testid=village-ask-description]', '王家的排水沟堵了，雨水流进我家院子，说了几次没有修。');
    await shot(p, 'wv-ask.png');
    await p.click('[data-testid=village-ask-submit]');
    const mine = p.locator('[data-testid=village-dispute]', { hasText: `与${other}的邻里纠纷` });
    await mine.waitFor({ timeout: 15_000 });
    const listed = await mine.textContent();
    assert.match(listed, /当前：代办员（卫[^）]*）调解/, listed);
    assert.match(listed, /应在 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2} 前调处/, listed);
    assert.match(listed, new RegExp(`${other}（被申请人）`), listed);
    assert.doesNotMatch(listed, /NEIGHBOURS|AGENT/, 'no codes shown');
    await mine.scrollIntoViewIfNeeded();
    await shot(p, 'wv-mediation.png');
    await shot(p, 'wv-full.png', true);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

/** A REST call as a demo account (the committee's part of the story, which has its own page). */
async function rest(method, path, username, body) {
  const t = await fetch(`${BASE()}/api/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: env('RW_E2E_PASSWORD') }) });
  assert.equal(t.status, 200, `login ${username}`);
  const { accessToken } = await t.json();
  const res = await fetch(`${BASE()}${path}`, { method, headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => null);
  assert.ok(res.ok, `${method} ${path} as ${username}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

test('a villager is alerted of a penalty on the 村务 tab and appeals it to mediation', async () => {
  const b = await phone();
  const errors = [];
  try {
    const p = await b.context.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${BASE()}/whistle.html`);
    await p.fill('#login-phone', env('RW_E2E_NEIGHBOUR'));
    await p.fill('#login-password', env('RW_E2E_PASSWORD'));
    await p.click('[data-testid=login-submit]');
    await p.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await p.waitForSelector('#conn[data-state="connected"]', { timeout: 15_000 });

    // the committee reports and confirms a violation by 沈's household (article 8, punished under article 39)
    const household = (await rest('GET', '/api/v1/registry/me', env('RW_E2E_NEIGHBOUR'))).id;
    const reported = await rest('POST', '/api/v1/compact/violations', env('RW_E2E_COMMITTEE'),
      { householdId: household, articleNo: 8, description: '院墙未经批准向外扩建一米，占用村道。', place: '东顶村老村西片' });
    await rest('POST', `/api/v1/compact/violations/${reported.id}/confirm`, env('RW_E2E_COMMITTEE'), { penaltyArticle: 39, note: '经现场查看认定' });

    // the alert marks the tab; the tab shows it and the welfare suspended
    await p.waitForSelector('[data-testid=village-badge]:not([hidden])', { timeout: 15_000 });
    await shot(p, 'wv-alerted.png');
    await p.click('[data-testid=tab-village]');
    await p.waitForSelector('[data-testid=village-home]', { timeout: 15_000 })
      .catch((e) => { throw new Error(`${e.message}\npage errors: ${errors.join('; ')}`); });
    assert.match(await p.textContent('[data-testid=village-notices]'), /依据村规民约第39条/);
    assert.match(await p.textContent('[data-testid=village-welfare]'), /^福利停发（自\d{4}年\d{1,2}月\d{1,2}日起）$/);
    assert.equal(await p.isHidden('[data-testid=village-badge]'), true);
    const v = p.locator(`[data-testid=village-violation][data-id="${reported.id}"]`);
    assert.match(await v.textContent(), /已认定处罚/);
    await shot(p, 'wv-penalty.png');

    // 申诉: the reason asked for, the violation goes to mediation
    await v.locator('[data-testid=village-appeal]').click();
    await v.locator('[data-testid=village-appeal-form] textarea').fill('扩建前问过村委会，当时说可以，请求调解。');
    await v.locator('[data-testid=village-appeal-form] button[type=submit]').click();
    const appealed = p.locator(`[data-testid=village-violation][data-id="${reported.id}"]`, { hasText: '申诉调解中' });
    await appealed.waitFor({ timeout: 15_000 });
    assert.match(await appealed.textContent(), /申诉：扩建前问过村委会/);
    assert.equal(await appealed.locator('[data-testid=village-appeal]').count(), 0, 'appealed once');
    await appealed.scrollIntoViewIfNeeded();
    await shot(p, 'wv-appealed.png');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
