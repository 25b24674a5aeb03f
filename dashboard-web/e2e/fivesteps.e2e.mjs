// Browser test of 五事工作法, driven by command-api's FiveStepsBrowserTest (which starts the application,
// puts households in 松鹤园社区's registry and passes RW_E2E_* settings). A resident raises a matter on the
// residents' page (议事 tab, phone viewport); the community's committee deliberates it, adds an option
// with its cost, holds the residents' meeting, records the votes and lets the system count them, and
// assigns tasks to 区住建局 and the property company on the village page; 区住建局's account goes from the
// dashboard's link to its tasks and reports its task done; the committee accepts the tasks and completes
// the matter; the resident evaluates it. Screenshots: fs-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, BASE, shot, launch } from './support.mjs';

const phone = () => launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const desk = () => launch({ viewport: { width: 1280, height: 900 } });

async function village(page, username) {
  // the committee's page opens on its first tab (户籍台账); 五事工作法 is named in the address
  await page.goto(`${BASE()}/village.html#fivesteps`);
  await page.fill('#username', username);
  await page.fill('#password', env('RW_E2E_PASSWORD'));
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
}

/** The committee's matter, opened from the 五事工作法 list. */
async function openMatter(page, title) {
  await page.goto(`${BASE()}/village.html?at=${Date.now()}#fivesteps`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  await page.click(`[data-testid=fs-open]:has-text("${title}")`);
  await page.waitForSelector('[data-testid=fs-detail]');
}

test('a resident raises a matter, the committee deliberates, votes and assigns tasks, 区住建局 reports, the resident evaluates', async () => {
  const resident = await phone();
  const committee = await desk();
  const dept = await desk();
  const errors = [];
  const title = `楼道照明改造 ${Date.now() % 100000}`;
  try {
    // 1 居民提事 on the residents' page
    const r = await resident.context.newPage();
    r.on('pageerror', (e) => errors.push(`resident: ${e.message}`));
    await r.goto(`${BASE()}/whistle.html`);
    await r.fill('#login-phone', env('RW_E2E_RESIDENT'));
    await r.fill('#login-password', env('RW_E2E_PASSWORD'));
    await r.click('[data-testid=login-submit]');
    await r.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await r.click('[data-testid=tab-matters]');
    await r.waitForSelector('[data-testid=matter-raise-open]');
    await r.click('[data-testid=matter-raise-open]');
    await r.fill('[data-testid=matter-title]', title);
    await r.fill('[data-testid=matter-compound]', '十四甲小区');
    await r.fill('[data-testid=matter-description]', '3 号楼楼道灯坏了多年，建议整栋改成声控 LED 灯，费用大家商量。');
    await shot(r, 'fs-resident-raise.png');
    await r.click('[data-testid=matter-submit]');
    await r.waitForSelector('[data-testid=matter-status]:has-text("居民提事")');
    await shot(r, 'fs-resident-raised.png');

    // 2 网格议事 and 3 会议定事 on the village page
    const c = await committee.context.newPage();
    c.on('pageerror', (e) => errors.push(`committee: ${e.message}`));
    await village(c, env('RW_E2E_COMMITTEE'));
    await c.click(`[data-testid=fs-open]:has-text("${title}")`);
    await c.waitForSelector('[data-testid=fs-detail]');
    const d = c.locator('[data-testid=fs-deliberate]');
    await d.locator('[name=place]').fill('3 号楼前议事亭');
    await d.locator('[name=participants]').fill('业主代表 王，业主代表\n松鹤园社区第一网格网格员，网格员');
    await d.locator('[name=opinions]').fill('业主代表 王：声控灯省电，大家愿意分摊\n网格员：可申请社区微实事资金');
    await d.locator('[name=minutes]').fill('同意改造，提交居民会议表决');
    await d.locator('button[type=submit]').click();
    await c.waitForSelector('[data-testid=fs-status]:has-text("网格议事")');
    const o = c.locator('[data-testid=fs-option]');
    await o.locator('[name=label]').fill('方案一：声控 LED 灯');
    await o.locator('[name=amount]').fill('120');
    await o.locator('[name=unit]').fill('元/盏');
    await o.locator('[name=quantity]').fill('36');
    await o.locator('[name=quantityUnit]').fill('盏');
    await o.locator('[name=perYear]').selectOption('0');
    await o.locator('button[type=submit]').click();
    await c.waitForSelector('td:has-text("120 元/盏 × 36 盏 = 合计 4320 元")');
    const m = c.locator('[data-testid=fs-convene]');
    await m.locator('[name=rule]').selectOption('RESIDENTS_MEETING');
    await m.locator('[name=place]').fill('松鹤园社区党群服务中心');
    await m.locator('[name=motion]').fill('3 号楼楼道改装声控 LED 灯，费用 4320 元');
    await m.locator('[name=optionId]').selectOption({ index: 1 });
    await m.locator('button[type=submit]').click();
    await c.waitForSelector('[data-testid=fs-votes]');
    await c.click('[data-all-yes]');
    await shot(c, 'fs-committee-votes.png', true);
    await c.click('[data-testid=fs-close]');
    await c.waitForSelector('[data-testid=fs-outcome]:has-text("通过")');
    assert.match(await c.textContent('[data-testid=fs-resolution]'), /居民会议/);
    await shot(c, 'fs-committee-resolved.png', true);

    // 4 联动办事: tasks to 区住建局 and the property company
    const t = c.locator('[data-testid=fs-task]');
    await t.locator('[name=unitKind]').selectOption('DEPARTMENT');
    await t.locator('[name=department]').selectOption('HOUSING');
    await t.locator('[name=title]').fill('核查楼道电气线路安全');
    await t.locator('[name=workingDays]').fill('3');
    await t.locator('button[type=submit]').click();
    await c.waitForSelector('[data-testid=fs-tasks] td:has-text("核查楼道电气线路安全")');
    const t2 = c.locator('[data-testid=fs-task]');
    await t2.locator('[name=unitKind]').selectOption('OTHER');
    await t2.locator('[name=unitName]').fill('十四甲小区物业服务中心');
    await t2.locator('[name=title]').fill('采购安装声控 LED 灯');
    await t2.locator('[name=workingDays]').fill('10');
    await t2.locator('button[type=submit]').click();
    await c.waitForSelector('[data-testid=fs-tasks] td:has-text("采购安装声控 LED 灯")');
    await shot(c, 'fs-committee-tasks.png', true);

    // 区住建局: from the dashboard's link to its tasks, reports its task done
    const p = await dept.context.newPage();
    p.on('pageerror', (e) => errors.push(`dept: ${e.message}`));
    await p.goto(`${BASE()}/`);
    await p.fill('#username', env('RW_E2E_DEPARTMENT'));
    await p.fill('#password', env('RW_E2E_PASSWORD'));
    await p.click('#login-submit');
    await p.waitForSelector('[data-testid=fivesteps-open]:not([hidden])', { timeout: 30_000 });
    await p.click('[data-testid=fivesteps-open]');
    await p.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    const row = p.locator(`tr:has(td:has-text("${title}"))`);
    await row.locator('input[data-note]').fill('线路已核查，符合安全要求');
    await shot(p, 'fs-dept-tasks.png', true);
    await row.locator('[data-testid=fs-report]').click();
    await p.waitForSelector(`tr:has(td:has-text("${title}")) .v-badge:has-text("已报办结")`);
    await shot(p, 'fs-dept-reported.png', true);

    // the committee accepts, the property company's task is reported for it, the matter is completed
    await openMatter(c, title);
    await c.click('[data-testid=fs-accept]');
    await c.waitForSelector('[data-testid=fs-tasks] td:has-text("已验收")');
    const other = c.locator('tr:has(td:has-text("采购安装声控 LED 灯"))');
    await other.locator('input[data-note]').fill('36 盏声控灯已安装');
    await other.locator('[data-testid=fs-report]').click();
    await c.waitForSelector('[data-testid=fs-accept]');
    await c.click('[data-testid=fs-accept]');
    await c.waitForSelector('[data-testid=fs-complete]');
    await c.click('[data-testid=fs-complete]');
    await c.waitForSelector('[data-testid=fs-status]:has-text("群众评事")');

    // 5 群众评事 by the resident
    await r.click('[data-testid=tab-mine]');
    await r.click('[data-testid=tab-matters]');
    await r.click(`[data-testid=matter]:has-text("${title}")`);
    await r.waitForSelector('[data-testid=matter-evaluate]');
    await r.fill('[data-testid=matter-comment]', '楼道亮了，晚上回家放心');
    await r.click('[data-testid=verdict-SATISFIED]');
    await r.waitForSelector('[data-testid=matter-evaluated]:has-text("满意")');
    await shot(r, 'fs-resident-evaluated.png');
    await shot(r, 'fs-resident-record.png', true);
    await r.click('[data-back]');
    await r.waitForSelector(`[data-testid=matter]:has-text("${title}")`);
    await shot(r, 'fs-resident-list.png');
    assert.deepEqual(errors, []);
  } catch (e) {
    // what each page showed when it failed, and the errors of its scripts
    for (const [name, ctx] of [['resident', resident], ['committee', committee], ['dept', dept]]) {
      for (const [i, pg] of ctx.context.pages().entries()) await shot(pg, `fs-failed-${name}-${i}.png`, true).catch(() => undefined);
    }
    console.log('page errors:', errors);
    throw e;
  } finally {
    await resident.close();
    await committee.close();
    await dept.close();
  }
});
