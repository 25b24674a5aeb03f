// Browser test of the 平安联盟's enrolment, driven by command-api's AllianceBrowserTest (which starts the
// application, makes a resident of 松鹤园社区 for this run, RW_E2E_RESIDENT, and passes the RW_E2E_* settings).
//
// The resident applies on the residents' page (/whistle.html, tab 加入平安联盟) on a phone → 广文街道's police
// (police) vets the application on the alliance page (/alliance.html, 入盟审核) into 广文街道平安联盟队 → the
// resident's account became a patrol member's, and the badge card shows with its QR code → the QR code's
// address, opened on a phone without logging in, shows 在册有效 → the member's record shows the history →
// on the patrol page the new member is refused duty untrained → the police record their 岗前培训 → the member goes
// on duty and closes the page → the command center dispatches them to an alarm (RW_E2E_ALARM) → the member opens
// the page again: the offer is there, with what and where → 接受 → only the en-route actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, env, launch, shot } from './support.mjs';

const NAME = `宫晓东${Date.now() % 1000}`;

/** A valid ID number (GB 11643 check character) for a random birth date and sequence. */
function idNumber() {
  const birth = new Date(Date.UTC(1965 + Math.floor(Math.random() * 30), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 28)));
  const first17 = '370702' + birth.toISOString().slice(0, 10).replaceAll('-', '') + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

async function tokenOf(username) {
  const r = await fetch(`${BASE()}/api/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: env('RW_E2E_PASSWORD') }) });
  assert.equal(r.status, 200, `login ${username}`);
  return (await r.json()).accessToken;
}
async function call(token, method, path, body) {
  const r = await fetch(`${BASE()}${path}`, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  assert.ok(r.ok, `${path}: HTTP ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
const texts = (locator) => locator.evaluateAll((els) => els.map((e) => e.textContent.trim()));
// the new member's phone stands inside 松鹤园, ~450 m south-west of the wall where the alarm is
const HERE = { latitude: 36.7058, longitude: 119.1255, accuracy: 10 };

test('a resident applies, is vetted, trained, goes on duty and takes an offer made while their phone was closed', async () => {
  const errors = [];
  const watch = (page, who) => {
    page.on('pageerror', (e) => errors.push(`${who}: ${e}`));
    page.on('dialog', (d) => { errors.push(`${who}: window.${d.type()} used`); void d.dismiss(); });
  };
  const phone = env('RW_E2E_RESIDENT');
  const phoneBrowser = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    geolocation: HERE, permissions: ['geolocation'] });
  const desk = await launch({ viewport: { width: 1366, height: 900 } });
  try {
    // 1. the resident applies
    const r = await phoneBrowser.context.newPage();
    watch(r, 'resident');
    await r.goto(`${BASE()}/whistle.html`);
    await r.fill('[data-testid="login-phone"]', phone);
    await r.fill('[data-testid="login-password"]', env('RW_E2E_PASSWORD'));
    await r.click('[data-testid="login-submit"]');
    await r.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await r.click('[data-testid="tab-alliance"]');
    await r.waitForSelector('[data-testid="alliance-form"]');
    await r.fill('[data-testid="alliance-name"]', NAME);
    await r.fill('[data-testid="alliance-id-number"]', '370702198805121234');
    await r.selectOption('[data-testid="alliance-trade"]', 'ESTATE_GUARD');
    await r.fill('[data-testid="alliance-employer"]', '松鹤园小区物业保安部');
    await r.click('[data-testid="alliance-submit"]');
    await r.waitForSelector('[data-testid="alliance-error"]:not(:empty)');
    assert.match(await r.textContent('[data-testid="alliance-error"]'), /身份证|校验位/);
    await r.fill('[data-testid="alliance-id-number"]', idNumber());
    await r.click('[data-testid="alliance-submit"]');
    await r.waitForSelector('[data-testid="alliance-status-label"]');
    assert.equal(await r.textContent('[data-testid="alliance-status-label"]'), '待审核');
    await shot(r, 'alliance-resident-applied.png', true);

    // 2. the police vet it into 广文街道's team
    const p = await desk.context.newPage();
    watch(p, 'police');
    await p.goto(`${BASE()}/alliance.html`);
    await p.fill('#username', 'police');
    await p.fill('#password', env('RW_E2E_PASSWORD'));
    await p.click('[data-testid="login-submit"]');
    await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await p.click('[data-testid="tab-applications"]');
    const row = p.locator('[data-testid="application-row"]', { hasText: NAME });
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.textContent(), /\*{14}\d{3}[\dX]/);
    await shot(p, 'alliance-police-queue.png');
    await row.locator('[data-testid="application-vet"]').click();
    const dialog = p.locator('[data-testid="vet-dialog"]');
    await dialog.waitFor();
    await dialog.locator('select[name="teamId"]').selectOption({ label: '广文街道平安联盟队（广文街道派出所）' });
    await dialog.locator('textarea[name="note"]').fill('经核实身份和工作单位，同意入盟');
    await dialog.locator('[data-testid="dialog-confirm"]').click();
    await p.waitForSelector('[data-testid="vet-result"] [data-testid="vet-account"]', { timeout: 15_000 });
    assert.match(await p.textContent('[data-testid="vet-account"]'), new RegExp(`居民账号 ${phone} 已转为平安联盟队员账号`));
    const card = p.locator('[data-testid="vet-result"] [data-testid="badge-card"]').first();
    await card.waitFor();
    assert.equal(await card.locator('[data-testid="badge-name"]').textContent(), NAME);
    assert.match(await card.locator('[data-testid="badge-no"]').textContent(), /^平安联盟 370705-\d{5}$/);
    assert.ok(await card.locator('[data-testid="badge-qr"] svg').count() === 1, 'the QR code is drawn');
    await card.scrollIntoViewIfNeeded();
    await shot(p, 'alliance-police-vetted.png', true);
    await card.screenshot({ path: `${env('RW_E2E_SCREENSHOTS')}/alliance-badge-card.png` });
    const url = await card.locator('[data-testid="badge-qr"]').getAttribute('title');
    assert.match(url, /\/badge\.html#\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
    await p.locator('[data-testid="application-row"]', { hasText: NAME }).waitFor({ state: 'detached', timeout: 10_000 }); // no longer waiting

    // 3. the record in 队员 shows the history
    await p.click('[data-testid="tab-members"]');
    await p.fill('[data-testid="member-filter-q"]', NAME);
    await p.click('[data-testid="member-search"]');
    await p.locator('[data-testid="member-item"]', { hasText: NAME }).click();
    const history = p.locator('[data-testid="pane-members"] [data-testid="member-history"]');
    await history.locator('li').nth(1).waitFor();
    assert.match(await history.textContent(), /待审核 → 在册/);
    await shot(p, 'alliance-police-record.png', true);

    // 4. anyone scanning the QR code, without logging in, sees 在册有效
    const scan = await phoneBrowser.context.newPage();
    watch(scan, 'public');
    await scan.goto(url);
    await scan.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    assert.equal(await scan.textContent('[data-testid="badge-status"]'), '在册有效');
    assert.equal(await scan.textContent('[data-testid="badge-姓名"]'), NAME);
    assert.doesNotMatch(await scan.textContent('body'), new RegExp(phone));
    await shot(scan, 'alliance-badge-public.png', true);

    // 5. on the patrol page the new member may not go on duty before the pre-duty training
    const member = await call(await tokenOf(phone), 'GET', '/api/v1/alliance/me');
    const memberId = String(member.memberId);
    let m = await phoneBrowser.context.newPage();
    watch(m, 'member');
    await m.goto(`${BASE()}/patrol.html`);
    await m.fill('#username', phone);
    await m.fill('#password', env('RW_E2E_PASSWORD'));
    await m.click('#login-submit');
    await m.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await m.click('[data-testid="act-on-duty"]');
    await m.locator('[data-testid="duty-msg"]', { hasText: '未完成岗前培训' }).waitFor({ timeout: 10_000 });
    await shot(m, 'alliance-journey-untrained.png', true);

    // 6. the police hold a 岗前培训 session today and record the member's pass
    await p.click('[data-testid="tab-training"]');
    const pane = p.locator('[data-testid="pane-training"]');
    await p.waitForSelector(`[data-testid="untrained-${memberId}"]`, { timeout: 15_000 });
    await pane.locator('[data-testid="new-course"]').selectOption('PRE_DUTY');
    await pane.locator('[data-testid="new-place"]').fill('广文街道派出所会议室');
    await pane.locator('[data-testid="new-trainer"]').fill('社区民警 吴');
    await pane.locator('[data-testid="new-save"]').click();
    await pane.locator('[data-testid="session-title"]', { hasText: '岗前培训' }).waitFor({ timeout: 10_000 });
    await pane.locator('[data-testid="record-member"]').selectOption(memberId);
    await pane.locator('[data-testid="record-result"]').selectOption('PASSED');
    await pane.locator('[data-testid="record-save"]').click();
    await pane.locator(`[data-testid="record-${memberId}"]`, { hasText: '合格' }).waitFor({ timeout: 10_000 });
    await shot(p, 'alliance-journey-trained.png', true);

    // 7. now on duty; then the member closes the page
    await m.click('[data-testid="act-on-duty"]');
    await m.locator('[data-testid="duty-actions"] button', { hasText: '下岗' }).waitFor({ timeout: 10_000 });
    await call(await tokenOf(phone), 'POST', '/api/v1/members/me/position', { lon: HERE.longitude, lat: HERE.latitude, accuracyM: 10 });
    await shot(m, 'alliance-journey-on-duty.png', true);
    await m.close();

    // 8. the command center dispatches the new member while their phone's page is closed
    const alarm = env('RW_E2E_ALARM');
    await call(await tokenOf('operator'), 'POST', `/api/v1/alarms/${alarm}/dispatch`, { memberIds: [Number(memberId)], note: '北墙有人翻越，请前往查看' });

    // 9. opening the page again: the offer is there, with what and where; 接受 leaves only the en-route actions
    // (the session lives in the tab: a closed page signs in again)
    m = await phoneBrowser.context.newPage();
    watch(m, 'member');
    await m.goto(`${BASE()}/patrol.html`);
    await m.fill('#username', phone);
    await m.fill('#password', env('RW_E2E_PASSWORD'));
    await m.click('#login-submit');
    await m.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    const offer = m.locator(`[data-testid="offer"][data-alarm-id="${alarm}"]`);
    await offer.waitFor({ timeout: 10_000 });
    assert.equal(await offer.getAttribute('data-stage'), 'OFFERED');
    assert.equal(await offer.locator('[data-testid="offer-type"]').innerText(), '周界入侵');
    assert.match(await offer.locator('[data-testid="offer-place"]').innerText(), /松鹤园社区/);
    await offer.locator('[data-testid="offer-where"][data-source="phone"]').waitFor({ timeout: 10_000 });
    assert.match(await offer.locator('[data-testid="offer-where"]').innerText(), /^东北方向 \d+ 米（直线）$/);
    assert.deepEqual(await texts(offer.locator('[data-testid="offer-actions"] button')), ['接受', '拒绝']);
    await shot(m, 'alliance-journey-offer.png', true);
    await offer.locator('[data-testid="act-accept"]').click();
    await m.locator(`[data-testid="offer"][data-alarm-id="${alarm}"][data-stage="EN_ROUTE"]`).waitFor({ timeout: 10_000 });
    assert.deepEqual(await texts(offer.locator('[data-testid="offer-actions"] button, [data-testid="offer-actions"] label')), ['到达现场', '现场照片', '办结']);
    await shot(m, 'alliance-journey-accepted.png', true);

    assert.deepEqual(errors, []);
    console.log('✔ alliance enrolment done');
  } finally {
    await phoneBrowser.close();
    await desk.close();
  }
});
