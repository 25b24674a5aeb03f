// Browser test of each role's working case board, driven by command-api's WorkbenchBrowserTest (which starts
// the application and passes RW_E2E_* settings). Runs the Debian Chromium via playwright-core.
//
// 社区吹哨、部门报到 from the board: a resident's request in 松鹤园社区 → `operator` takes and escalates it →
// `operator-street` takes and escalates → `operator-district` routes it to 区执法局 (lead) and 区住建局 →
// 区住建局 sends its part back, the center routes it again → each department reports from its own login →
// the case is handled with both reports. Screenshots of each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through WorkbenchBrowserTest / scripts/test.sh)`);
  return v;
};
const shot = (page, name) => page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), name) });

// a real 16×12 JPEG (the platform checks a photo by its bytes)
const SCENE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PT' +
  'gyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAM' +
  'ABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhBy' +
  'JxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT' +
  'lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAA' +
  'AAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRom' +
  'JygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExc' +
  'bHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDg/DelJrfiC006WVo45WO5lGThVLED3OMZ7Z71b8Y+H4PDmtLa' +
  'W00ksMkKyr5mNy5JBBI68rnoOv41laXqVxpGpQX9qVE0LZXcMggjBB9iCR+NT65rl54g1D7be+WHCCNVjXCqo7DqepJ5PeomsT/aMbS/d8ruvO' +
  '++3p1IXs/YO696+5//2Q==', 'base64');

const DESCRIPTION = '12号楼顶层违规加盖彩钢房，疑似影响房屋结构安全，多次劝阻无效。住户反映雨天漏水严重，楼下住户墙体出现裂缝，请有关部门尽快核查处理并给出结论。';

/** The demo resident files the request through the API: a building case in 松鹤园社区; its reference. */
async function residentFiles(base) {
  const tok = await (await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'resident', password: env('RW_E2E_PASSWORD') }) })).json();
  const res = await fetch(`${base}/api/v1/cases`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tok.accessToken}` },
    body: JSON.stringify({ category: 'BUILDING', description: DESCRIPTION, lon: 119.1250, lat: 36.7020 }) });
  assert.equal(res.status, 201);
  return (await res.json()).ref;
}

test('a case goes from the community through the street and the district center to two departments, all on the board', async () => {
  const base = env('RW_E2E_BASE_URL');
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'), headless: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const pageErrors = [];
  /** A fresh tab signed in as {@code user}, the board loaded and live. */
  const signIn = async (user) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${user}: ${e}`));
    page.on('dialog', (d) => { pageErrors.push(`${user}: window.${d.type()} used`); void d.dismiss(); });
    await page.goto(base);
    await page.fill('#username', user);
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    return page;
  };
  try {
    const ref = await residentFiles(base);
    console.log(`workbench case ${ref}`);
    // the case's card as the board first showed it, taken the moment the page is ready (before STOMP connects)
    await context.addInitScript((r) => {
      window.cardAtReady = null;
      new MutationObserver((_, seen) => {
        if (document.body?.dataset.mapReady !== 'true') return;
        window.cardAtReady = document.querySelector(`[data-testid="case-item"][data-case-ref="${r}"]`);
        seen.disconnect();
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-map-ready'] });
    }, ref);
    const card = (page) => page.locator(`[data-testid="case-item"][data-case-ref="${ref}"]`);
    const detail = (page) => page.locator(`[data-testid="case-detail"][data-case-ref="${ref}"]`);
    const dialog = (page, name) => page.locator(`dialog[data-testid="dialog-${name}"]`);
    /** Opens the case, runs an action through its dialog (fill does the filling), waits for the dialog to close. */
    const act = async (page, action, fill = async () => {}) => {
      await detail(page).locator(`[data-testid="case-${action}"]`).click();
      const d = dialog(page, action);
      await d.waitFor({ timeout: 10_000 });
      await fill(d);
      await d.locator('[data-testid="dialog-confirm"]').click();
      await d.waitFor({ state: 'detached', timeout: 10_000 }).catch(async (e) => {
        throw new Error(`${action}: the dialog stayed open: ${await d.innerText()} (${e.message})`);
      });
    };
    const offered = async (page) => detail(page).locator('[data-testid="case-actions"] button').evaluateAll((bs) => bs.map((b) => b.dataset.testid));

    // ---- the community: 松鹤园社区's operator takes it and escalates it to the street ----
    const community = await signIn('operator');
    await card(community).waitFor({ timeout: 10_000 });
    // the lists load again once STOMP is connected (what a reconnect may have missed): a card that did not
    // change stays the same element, so what the user points at survives it (it was rebuilt, and detached)
    await community.waitForSelector('body[data-synced="2"]', { timeout: 10_000 });
    assert.deepEqual(await community.evaluate(() => [window.cardAtReady !== null, window.cardAtReady?.isConnected]), [true, true],
      'the case card shown at sign-in is still in the list after the resync that follows the STOMP connect');
    // the description is clipped on the card, whole in the detail
    await card(community).scrollIntoViewIfNeeded();
    const box = await card(community).locator('.desc').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, width: el.clientWidth, text: el.textContent }));
    assert.ok(box.scroll > box.client + 2, `a long description is clipped on the card: ${JSON.stringify(box)}`);
    assert.match(await card(community).innerText(), /已派单[\s\S]*社区/);
    await card(community).click();
    await detail(community).waitFor({ timeout: 5_000 });
    assert.equal(await detail(community).locator('[data-testid="case-description"]').innerText(), DESCRIPTION);
    assert.match(await detail(community).locator('.timeline').innerText(), /受理/);
    const before = await offered(community);
    assert.ok(before.includes('case-take') && before.includes('case-escalate'), `community offered ${before}`);
    assert.ok(!before.includes('case-route'), 'a community operator is not offered routing to departments');
    await act(community, 'take');
    await detail(community).locator('[data-testid="case-assign"]').waitFor({ timeout: 5_000 });
    assert.ok(!(await offered(community)).includes('case-route'), 'not after taking it either');
    // the grid workers' roster in the assign dialog (cancelled with Esc)
    await detail(community).locator('[data-testid="case-assign"]').click();
    await dialog(community, 'assign').waitFor();
    assert.match(await dialog(community, 'assign').locator('select[name="assignee"]').innerText(), /网格员 刘/);
    await community.keyboard.press('Escape');
    await dialog(community, 'assign').waitFor({ state: 'detached' });
    await shot(community, 'workbench-1-community.png');
    // escalating needs a reason: told beside the field; the dialog says where it goes next
    await detail(community).locator('[data-testid="case-escalate"]').click();
    const up = dialog(community, 'escalate');
    await up.waitFor();
    assert.match(await up.innerText(), /上报至：街道/);
    await up.locator('[data-testid="dialog-confirm"]').click();
    await up.locator('.field-error[data-field="note"]').getByText('请填写此项').waitFor({ timeout: 3_000 });
    await up.locator('textarea[name="note"]').fill('违建涉及房屋安全，社区无执法权，请街道协调');
    await shot(community, 'workbench-2-escalate-dialog.png');
    await up.locator('[data-testid="dialog-confirm"]').click();
    await up.waitFor({ state: 'detached', timeout: 10_000 });
    // no longer the community's: it leaves 待我办理
    await card(community).waitFor({ state: 'detached', timeout: 10_000 });
    await community.close();

    // ---- the street: takes and escalates to the district center ----
    const street = await signIn('operator-street');
    await card(street).click();
    await detail(street).waitFor();
    await act(street, 'take');
    await detail(street).locator('[data-testid="case-escalate"]').waitFor();
    await detail(street).locator('[data-testid="case-escalate"]').click();
    assert.match(await dialog(street, 'escalate').innerText(), /上报至：区社会治理服务中心/);
    await dialog(street, 'escalate').locator('textarea[name="note"]').fill('街道协调不了，需区住建、执法部门处理');
    await shot(street, 'workbench-3-street.png');
    await dialog(street, 'escalate').locator('[data-testid="dialog-confirm"]').click();
    await card(street).waitFor({ state: 'detached', timeout: 10_000 });
    await street.close();

    // ---- the district center: takes, routes to 区执法局 (lead) and 区住建局 (co-handler, 2 working days) ----
    const center = await signIn('operator-district');
    await card(center).click();
    await detail(center).waitFor();
    await act(center, 'take');
    await detail(center).locator('[data-testid="case-route"]').click();
    const route = dialog(center, 'route');
    await route.waitFor();
    // no lead chosen: refused beside the table
    await route.locator('input[name="dept"][value="ENFORCEMENT"]').check();
    await route.locator('input[name="dept"][value="HOUSING"]').check();
    await route.locator('[data-testid="dialog-confirm"]').click();
    await route.locator('.field-error[data-field="route"]').getByText(/牵头/).waitFor({ timeout: 3_000 });
    await route.locator('input[name="lead"][value="ENFORCEMENT"]').check();
    await route.locator('input[name="days_HOUSING"]').fill('2');
    await route.locator('textarea[name="note"]').fill('执法局牵头拆除违建，住建局鉴定房屋安全');
    await shot(center, 'workbench-4-route-dialog.png');
    await route.locator('[data-testid="dialog-confirm"]').click();
    await route.waitFor({ state: 'detached', timeout: 10_000 });
    await detail(center).locator('[data-testid="case-part"]').nth(1).waitFor({ timeout: 5_000 });
    const parts = await detail(center).locator('[data-testid="case-part"]').allInnerTexts();
    assert.match(parts[0], /区执法局[\s\S]*牵头[\s\S]*办理中/);
    assert.match(parts[1], /区住建局[\s\S]*协办/);
    await shot(center, 'workbench-5-routed.png');

    // ---- 区住建局: its own queue, titled with its name; sends its part back ----
    const housing = await signIn('dept-housing');
    assert.match(await housing.locator('[data-testid="cases-title"]').innerText(), /区住建局/);
    await card(housing).click();
    await detail(housing).waitFor();
    const mine = await offered(housing);
    assert.deepEqual(mine.sort(), ['case-report', 'case-send-back'], `a department is offered only report and send back: ${mine}`);
    assert.match(await detail(housing).locator('[data-testid="case-my-due"]').innerText(), /\d{2}:\d{2}/);
    await shot(housing, 'workbench-6-department-queue.png');
    await act(housing, 'send-back', (d) => d.locator('textarea[name="note"]').fill('房屋结构鉴定须先由执法局拆除违建后进行，请调整派遣时序'));
    await card(housing).waitFor({ state: 'detached', timeout: 10_000 });

    // ---- the center sees the send-back with its re-routing deadline and routes 区住建局 again ----
    await detail(center).locator('[data-testid="case-reroute-due"]').waitFor({ timeout: 10_000 });
    assert.match(await detail(center).locator('[data-testid="case-parts"]').innerText(), /退回理由：房屋结构鉴定/);
    await shot(center, 'workbench-7-sent-back.png');
    await act(center, 'route', async (d) => {
      assert.equal(await d.locator('input[name="lead"]').count(), 0, 'the lead is in hand: no lead to choose again');
      await d.locator('input[name="dept"][value="HOUSING"]').check();
      await d.locator('input[name="days_HOUSING"]').fill('3');
    });
    // routed again: the send-back no longer waits (its re-routing deadline is no longer shown in red)
    await detail(center).locator('[data-testid="case-reroute-due"]').waitFor({ state: 'detached', timeout: 10_000 });

    // ---- each department reports from its own login: 区住建局 with a photo, then the lead ----
    await housing.reload();
    await housing.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    await card(housing).click();
    await detail(housing).locator('[data-testid="case-report"]').click();
    const report = dialog(housing, 'report');
    await report.waitFor();
    await report.locator('textarea[name="note"]').fill('已完成房屋结构安全鉴定：主体结构安全，顶层加盖部分须拆除');
    await report.locator('[data-testid="report-photos"]').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: SCENE_JPEG });
    await shot(housing, 'workbench-8-report-dialog.png');
    await report.locator('[data-testid="dialog-confirm"]').click();
    await report.waitFor({ state: 'detached', timeout: 15_000 });
    await housing.close();

    const enforcement = await signIn('department');
    assert.match(await enforcement.locator('[data-testid="cases-title"]').innerText(), /区执法局/);
    await card(enforcement).click();
    await detail(enforcement).waitFor();
    await act(enforcement, 'report', (d) => d.locator('textarea[name="note"]').fill('违建彩钢房已于今日拆除，现场已清理'));
    await enforcement.close();

    // the center's detail follows live: handled, both reports there
    await center.locator(`[data-testid="case-detail"][data-case-ref="${ref}"][data-status="HANDLED"]`).waitFor({ timeout: 10_000 });
    const done = await detail(center).locator('[data-testid="case-parts"]').innerText();
    assert.match(done, /已完成房屋结构安全鉴定/);
    assert.match(done, /违建彩钢房已于今日拆除/);
    assert.match(await detail(center).locator('.timeline').innerText(), /部门退回[\s\S]*处置上报/);
    assert.equal(await detail(center).locator('[data-testid="case-photo"][data-stage="AFTER"]').count(), 1);
    await detail(center).scrollIntoViewIfNeeded();
    await shot(center, 'workbench-9-handled.png');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});
