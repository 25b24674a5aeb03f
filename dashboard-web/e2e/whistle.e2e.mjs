// Browser test of the residents' page (/whistle.html) on a phone-sized viewport, driven by
// command-api's WhistleBrowserTest (which starts the application, listens to the SMS log and passes
// RW_E2E_* settings). A resident signs up with the code the SMS sender logged, files a request from
// the phone's (emulated) position, and follows it live while an operator (second browser context,
// the dashboard's case board) and a grid worker (REST) handle it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { env, BASE, shot, launch } from './support.mjs';

// a place in 第一网格 of 松鹤园社区 (WGS-84, as a phone's GPS gives it)
const HERE = { latitude: 36.7075, longitude: 119.1215, accuracy: 12 };
// a place no grid of the platform covers (Beijing)
const ELSEWHERE = { latitude: 39.9087, longitude: 116.3975, accuracy: 20 };

/** A phone: 390×844 CSS pixels, touch, the position granted and emulated. */
const phone = () => launch({
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  geolocation: HERE, permissions: ['geolocation'],
});

/** The code the SMS sender logged for the number, newer than the first `before` messages to it. */
async function smsCode(phone, before) {
  const masked = phone.slice(0, 3) + '****' + phone.slice(7);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const lines = (await readFile(env('RW_E2E_SMS_OUTBOX'), 'utf8').catch(() => '')).split('\n').filter((l) => l.startsWith(masked + '\t'));
    if (lines.length > before) {
      const m = /验证码 (\d{6})/.exec(lines[lines.length - 1]);
      assert.ok(m, `a code in the message: ${lines[lines.length - 1]}`);
      return m[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no SMS to ${masked} in ${env('RW_E2E_SMS_OUTBOX')}`);
}

async function messagesTo(phone) {
  const masked = phone.slice(0, 3) + '****' + phone.slice(7);
  return (await readFile(env('RW_E2E_SMS_OUTBOX'), 'utf8').catch(() => '')).split('\n').filter((l) => l.startsWith(masked + '\t')).length;
}

/** REST as a demo user (the operator takes and assigns, the grid worker reports). */
async function tokenOf(username) {
  const r = await fetch(`${BASE()}/api/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: env('RW_E2E_PASSWORD') }) });
  assert.equal(r.status, 200, `login ${username}`);
  return (await r.json()).accessToken;
}
async function act(token, path, body = {}) {
  const r = await fetch(`${BASE()}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body) });
  const text = await r.text();
  assert.ok(r.ok, `${path}: HTTP ${r.status} ${text}`);
  return JSON.parse(text);
}

/** Signs the phone up on the page: number, 获取验证码, the code from the log, password, name. */
async function signUp(page, number, name) {
  await page.goto(`${BASE()}/whistle.html`);
  await page.click('[data-testid="go-signup"]');
  await page.fill('[data-testid="signup-phone"]', number);
  const before = await messagesTo(number);
  await page.click('[data-testid="signup-send"]');
  const code = await smsCode(number, before);
  await page.locator('[data-testid="signup-hint"]').filter({ hasText: '短信已发送' }).waitFor();
  assert.match(await page.locator('[data-testid="signup-send"]').innerText(), /秒后重发/);
  await page.fill('[data-testid="signup-code"]', code);
  await page.fill('[data-testid="signup-password"]', 'whistle-e2e-1');
  await page.fill('[data-testid="signup-name"]', name);
  await shot(page, 'whistle-signup.png');
  await page.click('[data-testid="signup-submit"]');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  await page.waitForSelector('#conn[data-state="connected"]', { timeout: 20_000 });
  assert.equal(await page.locator('[data-testid="who"]').innerText(), name);
}

/** Fills 一键吹响: the first category of the catalogue, the position, a description. */
async function fillRequest(page, description) {
  await page.click('[data-testid="tab-file"]');
  const categories = page.locator('[data-testid="category"]');
  await categories.first().waitFor({ timeout: 10_000 });
  await categories.first().click();
  await page.locator('[data-testid="where"]').filter({ hasText: '已定位' }).waitFor({ timeout: 15_000 });
  await page.fill('[data-testid="description"]', description);
}

/** Submits and returns the filed request's reference (the page opens its detail). */
async function submit(page) {
  await page.click('[data-testid="submit"]');
  await page.locator('[data-testid="view-detail"]:not([hidden]) [data-testid="detail-ref"]').waitFor({ timeout: 15_000 });
  return page.locator('[data-testid="detail-ref"]').innerText();
}

/**
 * The operator's case board. The operator first lands on the residents' page and logs in there: the
 * page keeps the staff session and links to the dashboard, which opens signed in (no second login).
 */
async function operatorBoard() {
  const operator = await launch({ viewport: { width: 1280, height: 800 } });
  const board = await operator.context.newPage();
  await board.goto(`${BASE()}/whistle.html`);
  await board.fill('[data-testid="login-phone"]', env('RW_E2E_OPERATOR'));
  await board.fill('[data-testid="login-password"]', env('RW_E2E_PASSWORD'));
  await board.click('[data-testid="login-submit"]');
  await board.click('[data-testid="to-dashboard"]');
  await board.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
  return { operator, board };
}

test('a resident signs up with the code from the log, blows the whistle from the phone, sees it on the board live and evaluates it', async () => {
  const resident = await phone();
  const { operator, board } = await operatorBoard();
  const errors = [];
  try {
    const page = await resident.context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push('CSP: ' + m.text()); });
    const number = env('RW_E2E_PHONE');
    await signUp(page, number, '居民 测试');
    // the phone offers the camera and the album both (no capture attribute forcing the camera)
    assert.equal(await page.locator('[data-testid="photos"]').getAttribute('capture'), null);

    await fillRequest(page, '小区东门路灯坏了，晚上很黑');
    const where = await page.locator('[data-testid="where"]').innerText();
    assert.match(where, /36\.70\d*, 119\.12/, `the phone's position on the map: ${where}`);
    // the resident moves the marker a little with a drag on the map
    const marker = await page.locator('#file-map .maplibregl-marker').boundingBox();
    await page.mouse.move(marker.x + marker.width / 2, marker.y + marker.height - 4);
    await page.mouse.down();
    await page.mouse.move(marker.x + marker.width / 2 + 25, marker.y + marker.height - 10, { steps: 8 });
    await page.mouse.up();
    await page.locator('[data-testid="where"]').filter({ hasText: '已调整位置' }).waitFor({ timeout: 5_000 });
    const bar = await page.locator('[data-testid="submit"]').boundingBox();
    assert.ok(bar && bar.y + bar.height <= 844 && bar.y > 844 / 2, `the whistle button sits in the bottom half, in reach of a thumb: ${JSON.stringify(bar)}`);
    assert.ok(bar.height >= 48, 'a big button');
    await shot(page, 'whistle-file.png');

    const ref = await submit(page);
    assert.match(ref, /^XHS-\d{8}-\d{6}$/);
    assert.equal(await page.locator('[data-testid="detail-status"]').innerText(), '已派单');
    assert.match(await page.locator('[data-testid="detail-due"]').innerText(), /受理时限/);
    await shot(page, 'whistle-filed.png');

    // the operators' case board gets it live
    await board.locator(`[data-testid="case-item"][data-case-ref="${ref}"]`).waitFor({ timeout: 15_000 });
    await shot(board, 'whistle-operator-board.png');

    // take → assign → report, by the operator and the grid worker; the phone follows live
    const id = Number(await page.locator('[data-testid="view-detail"]').getAttribute('data-case-id'));
    const op = await tokenOf(env('RW_E2E_OPERATOR'));
    await act(op, `/api/v1/cases/${id}/take`);
    await page.waitForSelector('[data-testid="view-detail"][data-status="TAKEN"]', { timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="withdraw"]').count(), 0, 'no 撤回 once the case is taken');
    await act(op, `/api/v1/cases/${id}/assign`, { assignee: env('RW_E2E_GRID_WORKER'), note: '请尽快到现场查看' });
    await page.waitForSelector('[data-testid="view-detail"][data-status="ASSIGNED"]', { timeout: 10_000 });
    assert.match(await page.locator('[data-testid="detail-due"]').innerText(), /办结时限/);
    await act(await tokenOf(env('RW_E2E_GRID_WORKER')), `/api/v1/cases/${id}/report`, { note: '已更换灯泡，路灯恢复照明' });
    await page.locator('[data-testid="evaluate-form"]').waitFor({ timeout: 10_000 });
    const timeline = await page.locator('[data-testid="timeline"] li').count();
    assert.ok(timeline >= 4, `submit, take, assign and report in the timeline: ${timeline}`);
    await shot(page, 'whistle-handled.png');

    // 评价: resolved, satisfied, a comment; a refresh of the case meanwhile (the live feed reconnecting
    // reloads the list and the open case) leaves the half-written evaluation as it was
    await page.click('[data-testid="eval-resolved"]');
    await page.click('[data-testid="eval-satisfied"]');
    await page.fill('[data-testid="eval-note"]', '修得很快，谢谢！');
    await page.click('[data-testid="tab-mine"]');
    await page.click(`[data-testid="my-case"][data-case-ref="${ref}"]`);
    await page.locator('[data-testid="evaluate-form"]').waitFor();
    assert.equal(await page.locator('[data-testid="eval-note"]').inputValue(), '修得很快，谢谢！', 'the comment survives a redraw');
    assert.equal(await page.locator('[data-testid="evaluate-form"] button.chosen').count(), 2, 'the choices survive a redraw');
    await page.click('[data-testid="eval-submit"]');
    await page.waitForSelector('[data-testid="view-detail"][data-status="CLOSED"]', { timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="detail-status"]').innerText(), '已办结');
    await shot(page, 'whistle-evaluated.png');

    await page.click('[data-testid="back"]');
    const card = page.locator(`[data-testid="my-case"][data-case-ref="${ref}"]`);
    await card.waitFor();
    assert.equal(await card.getAttribute('data-status'), 'CLOSED');
    await shot(page, 'whistle-mine.png');

    // logged out and in again with the number
    await page.click('[data-testid="logout"]');
    await page.waitForSelector('[data-testid="login-form"]:not([hidden])');
    await page.fill('[data-testid="login-phone"]', number);
    await page.fill('[data-testid="login-password"]', 'whistle-e2e-1');
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    assert.deepEqual(errors, []);
  } finally {
    await resident.close();
    await operator.close();
  }
});

test('a resident files a request with a photo from the phone, sees the after picture, and withdraws a second request', async () => {
  const resident = await phone();
  const errors = [];
  try {
    const page = await resident.context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await signUp(page, env('RW_E2E_PHONE_2'), '居民 拍照');

    await fillRequest(page, '楼下绿化带堆满建筑垃圾');
    await page.setInputFiles('[data-testid="photos"]', env('RW_E2E_PHOTO'));
    await page.locator('[data-testid="photo"][data-state="uploaded"]').waitFor({ timeout: 15_000 });
    // above the fixed bottom bar
    await page.evaluate(() => document.querySelector('[data-testid="photo-list"]').scrollIntoView({ block: 'center' }));
    await shot(page, 'whistle-photo.png');
    await submit(page);
    const id = Number(await page.locator('[data-testid="view-detail"]').getAttribute('data-case-id'));
    await page.locator('[data-testid="detail-photo"][data-stage="SUBMITTED"]').waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="detail-photo"]')?.naturalWidth > 0, null, { timeout: 10_000 });

    // handled with an after picture, uploaded by the grid worker
    const op = await tokenOf(env('RW_E2E_OPERATOR'));
    const grid = await tokenOf(env('RW_E2E_GRID_WORKER'));
    await act(op, `/api/v1/cases/${id}/take`);
    await act(op, `/api/v1/cases/${id}/assign`, { assignee: env('RW_E2E_GRID_WORKER') });
    const upload = await fetch(`${BASE()}/api/v1/case-photos`, { method: 'POST', headers: { 'Content-Type': 'image/jpeg', Authorization: `Bearer ${grid}` },
      body: await readFile(env('RW_E2E_PHOTO')) });
    assert.ok(upload.ok, `the after picture: HTTP ${upload.status}`);
    const after = await upload.json();
    await act(grid, `/api/v1/cases/${id}/report`, { note: '已联系物业清运', photos: [after.url] });
    await page.locator('[data-testid="detail-photo"][data-stage="AFTER"]').waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="detail-photo"]')].every((i) => i.naturalWidth > 0), null,
      { timeout: 10_000 });
    await page.evaluate(() => document.querySelector('[data-testid="detail-photos"]').scrollIntoView({ block: 'center' }));
    await shot(page, 'whistle-after-photo.png');
    assert.ok((await page.locator('[data-testid="assignee"]').innerText({ timeout: 5_000 })).length > 0, 'the grid worker is named');
    assert.match(await page.locator('[data-testid="assignee-phone"]').getAttribute('href'), /^tel:/);

    // a second request, withdrawn while nobody has taken it; the form starts afresh after the first
    await page.click('[data-testid="tab-file"]');
    assert.equal(await page.locator('[data-testid="description"]').inputValue(), '');
    assert.equal(await page.locator('[data-testid="category"].chosen').count(), 0);
    assert.equal(await page.locator('[data-testid="photo"]').count(), 0);
    await fillRequest(page, '误报：已自行处理');
    await submit(page);
    await page.click('[data-testid="withdraw"]');
    await page.click('[data-testid="withdraw-confirm"]');
    await page.waitForSelector('[data-testid="view-detail"][data-status="WITHDRAWN"]', { timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="detail-status"]').innerText(), '已撤回');
    await shot(page, 'whistle-withdrawn.png');

    // a place outside every grid is refused in Chinese (a new document: no position cached from before)
    await resident.context.setGeolocation(ELSEWHERE);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await fillRequest(page, '这里的井盖丢了');
    await page.click('[data-testid="submit"]');
    const refused = page.locator('[data-testid="file-error"]');
    await refused.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
    assert.equal(await refused.innerText(), '所选位置不在本平台服务的网格内，请在地图上调整位置');
    await page.evaluate(() => document.querySelector('[data-testid="file-error"]').scrollIntoView({ block: 'center' }));
    await shot(page, 'whistle-outside-grid.png');
    assert.deepEqual(errors, []);
  } finally {
    await resident.close();
  }
});

