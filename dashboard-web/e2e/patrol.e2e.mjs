// Browser test of the patrol phone (/patrol.html) on a phone-sized viewport, driven by command-api's
// PatrolPhoneBrowserTest (which starts the application, raises two intrusion alarms and passes
// RW_E2E_* settings). patrol1 is dispatched over REST while their page is closed; on opening, the page
// restores the offer with its place, the bearing and distance, the map and the 导航 menu, and shows
// only 接受/拒绝; after 接受 only the en-route actions; a reload keeps that; an offer the center
// withdraws leaves with the reason; 「我的」 shows where the position comes from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, BASE, shot, launch } from './support.mjs';

// the phone stands ~450 m south-west of the wall where the first alarm is (WGS-84, as a GPS gives it)
const HERE = { latitude: 36.7058, longitude: 119.1255, accuracy: 10 };

async function tokenOf(username) {
  const r = await fetch(`${BASE()}/api/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: env('RW_E2E_PASSWORD') }) });
  assert.equal(r.status, 200, `login ${username}`);
  return (await r.json()).accessToken;
}
async function call(token, method, path, body = {}) {
  const r = await fetch(`${BASE()}${path}`, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body) });
  const text = await r.text();
  assert.ok(r.ok, `${path}: HTTP ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
const texts = (locator) => locator.evaluateAll((els) => els.map((e) => e.textContent.trim()));

test('an offer made while the phone was closed is there on opening, with what and where, and only the actions valid now', async () => {
  const alarm = env('RW_E2E_ALARM');
  const second = env('RW_E2E_ALARM_2');
  const memberId = Number(env('RW_E2E_MEMBER'));
  const op = await tokenOf('operator');
  const me = await tokenOf(env('RW_E2E_PATROL'));
  // on duty where the phone is, then dispatched while no page of theirs is open
  await call(me, 'PUT', '/api/v1/members/me/state', { state: 'available' });
  await call(me, 'POST', '/api/v1/members/me/position', { lon: HERE.longitude, lat: HERE.latitude, accuracyM: 10 });
  await call(op, 'POST', `/api/v1/alarms/${alarm}/dispatch`, { memberIds: [memberId], note: '北墙有人翻越，请前往查看' });

  const phone = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    geolocation: HERE, permissions: ['geolocation'] });
  const errors = [];
  try {
    const page = await phone.context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push('CSP: ' + m.text()); });
    await page.goto(`${BASE()}/patrol.html`);
    await page.fill('#username', env('RW_E2E_PATROL'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });

    // restored from the server: the offer, with what and where
    const offer = page.locator(`[data-testid="offer"][data-alarm-id="${alarm}"]`);
    await offer.waitFor({ timeout: 10_000 });
    assert.equal(await offer.getAttribute('data-stage'), 'OFFERED');
    assert.equal(await page.locator('[data-testid="duty-state"]').innerText(), '有新派警，待接受');
    assert.equal(await offer.locator('[data-testid="offer-type"]').innerText(), '周界入侵');
    assert.match(await offer.locator('[data-testid="offer-device"]').innerText(), /派警测试北墙/);
    assert.match(await offer.locator('[data-testid="offer-place"]').innerText(), /松鹤园社区/);
    assert.match(await offer.locator('[data-testid="offer-time"]').innerText(), /告警 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    // the phone's own position: bearing and distance in words
    await offer.locator('[data-testid="offer-where"][data-source="phone"]').waitFor({ timeout: 10_000 });
    const where = await offer.locator('[data-testid="offer-where"]').innerText();
    assert.match(where, /^东北方向 \d+ 米（直线）$/, where);
    const metres = Number(/(\d+) 米/.exec(where)[1]);
    assert.ok(metres > 350 && metres < 550, `about 450 m: ${where}`);
    // a map that loaded, with the target and the phone
    await offer.locator('[data-testid="offer-map"][data-loaded="true"] canvas').waitFor({ timeout: 15_000 });
    assert.equal(await offer.locator('.maplibregl-marker').count(), 2);
    // only the actions valid now
    assert.deepEqual(await texts(offer.locator('[data-testid="offer-actions"] button')), ['接受', '拒绝']);
    assert.deepEqual(await texts(page.locator('[data-testid="duty-actions"] button')), ['SOS 紧急求助']);
    // 导航: each app in its coordinate system
    await offer.locator('[data-testid="offer-nav"] summary').click();
    const links = Object.fromEntries(await offer.locator('[data-testid="offer-nav"] a').evaluateAll((as) => as.map((a) => [a.dataset.testid, a.href])));
    assert.deepEqual(Object.keys(links), ['nav-amap', 'nav-baidu', 'nav-tencent', 'nav-apple', 'nav-geo']);
    assert.ok(links['nav-amap'].startsWith('https://uri.amap.com/navigation?from=') && links['nav-amap'].includes('coordinate=gaode'), links['nav-amap']);
    assert.ok(links['nav-baidu'].includes('coord_type=bd09ll'), links['nav-baidu']);
    assert.ok(links['nav-tencent'].startsWith('https://apis.map.qq.com/uri/v1/routeplan?'), links['nav-tencent']);
    assert.ok(links['nav-geo'].startsWith('geo:36.708800,119.129000'), links['nav-geo']);
    await shot(page, 'patrol-offer.png', true);
    await offer.locator('[data-testid="offer-nav"] summary').click();

    // 接受: only the en-route actions
    await offer.locator('[data-testid="act-accept"]').click();
    await page.locator(`[data-testid="offer"][data-alarm-id="${alarm}"][data-stage="EN_ROUTE"]`).waitFor({ timeout: 10_000 });
    assert.deepEqual(await texts(offer.locator('[data-testid="offer-actions"] button, [data-testid="offer-actions"] label')), ['到达现场', '现场照片', '办结']);
    assert.equal(await page.locator('[data-testid="duty-state"]').innerText(), '已接受派警，前往现场');
    await shot(page, 'patrol-en-route.png', true);

    // a reload keeps it
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await page.locator(`[data-testid="offer"][data-alarm-id="${alarm}"][data-stage="EN_ROUTE"]`).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="offer"]').count(), 1, 'the offer once');
    assert.deepEqual(await texts(page.locator('[data-testid="offer-actions"] button, [data-testid="offer-actions"] label')), ['到达现场', '现场照片', '办结']);
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 20_000 });
    await shot(page, 'patrol-reloaded.png');

    // a second offer while the page is open arrives by push; the center withdraws it: it leaves, with the reason
    await call(op, 'POST', `/api/v1/alarms/${second}/dispatch`, { memberIds: [memberId] });
    const other = page.locator(`[data-testid="offer"][data-alarm-id="${second}"]`);
    await other.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(`[data-testid="offer"][data-alarm-id="${second}"]`).count(), 1, 'the pushed offer once');
    await call(op, 'POST', `/api/v1/alarms/${second}/false-alarm`, { note: '风吹动树枝' });
    const ended = page.locator(`[data-testid="offer-ended"][data-alarm-id="${second}"]`);
    await ended.waitFor({ timeout: 10_000 });
    assert.match(await ended.innerText(), /派警已撤回：指挥中心判定为误报/);
    assert.equal(await other.count(), 0);
    await shot(page, 'patrol-withdrawn.png', true);

    // 「我的」: the member's record, with the position's source
    await page.click('[data-testid="tab-mine"]');
    await page.locator('[data-testid="panel-me"] [data-testid="me-position"]').filter({ hasText: '手机定位' }).waitFor({ timeout: 10_000 });
    await shot(page, 'patrol-mine.png');
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }
});
