// Browser test of the 平安联盟's duty on the alliance's page (/alliance.html), driven by command-api's
// AllianceDutyBrowserTest (which starts the application, adds an untrained PATROL member of its own to 松鹤园社区
// and passes RW_E2E_* settings). The police (police) see the member among the untrained, hold a 岗前培训 session
// and record the member's result (合格), after which the member is no longer listed; register a new reflective vest
// and issue it to the member in the issue dialog; look at the rosters' week and the 当前在岗 board. Then patrol1,
// on a phone, opens the patrol page and sees their own training, equipment and shifts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, BASE, shot, launch } from './support.mjs';

async function logIn(page, path, username) {
  await page.goto(`${BASE()}${path}`);
  await page.fill('#username', username);
  await page.fill('#password', env('RW_E2E_PASSWORD'));
  await page.click('#login-form button[type="submit"]');
}

test('the police record a training result and issue a vest; the member sees their duty record on the phone', async () => {
  const member = env('RW_E2E_MEMBER_ID');
  const name = env('RW_E2E_MEMBER_NAME');
  const asset = `E2E-VEST-${Date.now() % 1_000_000}`;
  const desk = await launch({ viewport: { width: 1280, height: 900 } });
  const phone = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const errors = [];
  try {
    const page = await desk.context.newPage();
    page.on('pageerror', (e) => errors.push(`police: ${e.message}`));
    page.on('dialog', (d) => { errors.push(`police: window.${d.type()} used`); void d.dismiss(); });
    await logIn(page, '/alliance.html#training', 'police');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const tabs = await page.locator('[data-testid="tabs"] button').allTextContents();
    for (const t of ['装备器材', '岗前培训', '排班在岗']) assert.ok(tabs.includes(t), `tab ${t} in ${tabs}`);
    await page.waitForSelector(`[data-testid="untrained-${member}"]`, { timeout: 15_000 });
    assert.match(await page.textContent(`[data-testid="untrained-${member}"]`), /未完成岗前培训（岗前培训），不能上岗/);
    await shot(page, 'alliance-duty-untrained.png', true);

    // a 岗前培训 session today, the member's result recorded
    const pane = page.locator('[data-testid="pane-training"]');
    await pane.locator('[data-testid="new-course"]').selectOption('PRE_DUTY');
    await pane.locator('[data-testid="new-place"]').fill('松鹤园社区党群服务中心');
    await pane.locator('[data-testid="new-trainer"]').fill('社区民警 吴');
    await pane.locator('[data-testid="new-save"]').click();
    await pane.locator('[data-testid="session-title"]', { hasText: '岗前培训' }).waitFor({ timeout: 10_000 });
    await pane.locator('[data-testid="record-member"]').selectOption(member);
    await pane.locator('[data-testid="record-result"]').selectOption('PASSED');
    await pane.locator('[data-testid="record-note"]').fill('理论、实操考核合格');
    await pane.locator('[data-testid="record-save"]').click();
    await pane.locator(`[data-testid="record-${member}"]`, { hasText: '合格' }).waitFor({ timeout: 10_000 });
    await page.locator(`[data-testid="untrained-${member}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    await shot(page, 'alliance-duty-training-recorded.png', true);

    // a new vest registered and issued to the member in the dialog
    await page.click('[data-testid="tab-equipment"]');
    const eq = page.locator('[data-testid="pane-equipment"]');
    await eq.locator('[data-testid="equipment-list"] tr').nth(1).waitFor({ timeout: 10_000 });
    await eq.locator('[data-testid="add-kind"]').selectOption('VEST');
    await eq.locator('[data-testid="add-asset"]').fill(asset);
    await eq.locator('[data-testid="add-serial"]').fill('SN-E2E-1');
    await eq.locator('[data-testid="add-save"]').click();
    const row = eq.locator(`[data-testid="item-${asset}"]`);
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await row.locator('[data-testid="item-status"]').textContent(), '在库');
    await row.locator('[data-testid="issue"]').click();
    const dialog = page.locator('[data-testid="issue-dialog"]');
    await dialog.waitFor();
    await dialog.locator('select[name="memberId"]').selectOption(member);
    await shot(page, 'alliance-duty-issue-dialog.png');
    await dialog.locator('[data-testid="dialog-confirm"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await eq.locator('[data-testid="filter-ALL"]').click();
    await eq.locator(`[data-testid="item-${asset}"] [data-testid="item-status"]`, { hasText: '已发放' }).waitFor({ timeout: 10_000 });
    assert.match(await eq.locator(`[data-testid="item-${asset}"]`).textContent(), new RegExp(name.replace(/[（）]/g, '.')));
    await shot(page, 'alliance-duty-equipment-issued.png', true);

    // the rosters: the week of shifts and who is on duty now
    await page.click('[data-testid="tab-rosters"]');
    await page.locator('[data-testid="roster-week"] th').first().waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="now-board"] h2').waitFor();
    await shot(page, 'alliance-duty-rosters.png', true);

    // patrol1 on a phone: their own training, equipment and shifts on the patrol page
    const own = await phone.context.newPage();
    own.on('pageerror', (e) => errors.push(`patrol1: ${e.message}`));
    await logIn(own, '/patrol.html', 'patrol1');
    await own.click('[data-testid="tab-mine"]');
    await own.locator('[data-testid="dr-training"]').waitFor({ timeout: 30_000 });
    assert.match(await own.textContent('[data-testid="dr-training"]'), /可以上岗/);
    assert.match(await own.textContent('[data-testid="dr-equipment"]'), /反光背心/);
    await own.locator('[data-testid="dr-training"]').scrollIntoViewIfNeeded();
    await shot(own, 'alliance-duty-patrol-record.png', true);
    assert.deepEqual(errors, []);
    console.log('✔ alliance duty done');
  } finally {
    await desk.close();
    await phone.close();
  }
});
