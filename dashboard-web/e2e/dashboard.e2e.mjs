// Browser test of the operators' dashboard, driven by command-api's DashboardBrowserTest (which
// starts the application and passes RW_E2E_* settings). Runs the Debian Chromium via playwright-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import mqtt from 'mqtt';
import { wgs84ToGcj02 } from '../src/gcj02.js';
import { env, launch } from './support.mjs';

// a real 16×12 JPEG, made with javax.imageio (the platform checks a photo by its bytes)
const SCENE_JPEG =
  '/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PT' +
  'gyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAM' +
  'ABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhBy' +
  'JxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT' +
  'lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAA' +
  'AAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRom' +
  'JygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExc' +
  'bHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDg/DelJrfiC006WVo45WO5lGThVLED3OMZ7Z71b8Y+H4PDmtLa' +
  'W00ksMkKyr5mNy5JBBI68rnoOv41laXqVxpGpQX9qVE0LZXcMggjBB9iCR+NT65rl54g1D7be+WHCCNVjXCqo7DqepJ5PeomsT/aMbS/d8ruvO' +
  '++3p1IXs/YO696+5//2Q==';

// A wall alarm's intrusion, sent as the wall named by the environment variables `${wall}_ID`, `_USER`, `_PASSWORD`
// and `_CLIENT_ID`. Each wall reports where it stands: the platform places a wall alarm's event at the wall itself when
// it says it happened further away (500 m) or outside the wall's area.
async function publishIntrusion(wall, msgId, where = { lon: 119.1230, lat: 36.7002, zoneId: 'SHY-SOUTH' }) {
  const client = await mqtt.connectAsync(env('RW_E2E_MQTT_URL'), {
    protocolVersion: 5,
    clientId: env(`${wall}_CLIENT_ID`),
    username: env(`${wall}_USER`),
    password: env(`${wall}_PASSWORD`),
    reconnectPeriod: 0,
  });
  const ts = new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
  await client.publishAsync(`cc/v1/devices/${env(`${wall}_ID`)}/events`, JSON.stringify({
    msgId, ts, type: 'perimeter.intrusion', lon: where.lon, lat: where.lat, zoneId: where.zoneId, sensor: 'vibration-1',
  }), { qos: 1 });
  await client.endAsync();
}

/** The demo resident blows the whistle (from the page's origin): a case in 松鹤园社区; returns its reference. */
const residentFiles = (page, description) => page.evaluate(async ({ password, description }) => {
  const tok = await (await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'resident', password }) })).json();
  const c = await (await fetch('/api/v1/cases', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tok.accessToken}` },
    body: JSON.stringify({ category: 'ENV', description, lon: 119.1245, lat: 36.7060 }) })).json();
  return c.ref;
}, { password: env('RW_E2E_PASSWORD'), description });

test('the dashboard renews its token before it expires and keeps its live feed without a gap', async () => {
  const { context, close } = await launch({ viewport: { width: 1200, height: 800 } });
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(env('RW_E2E_BASE_URL'));
    // a real session of the operator whose access token (minted by DashboardBrowserTest) is about to expire
    const shortToken = env('RW_E2E_SHORT_TOKEN');
    const expiresMs = Number(env('RW_E2E_SHORT_TOKEN_EXPIRES_MS'));
    await page.evaluate(async ({ user, password, token, exp }) => {
      const s = await (await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user, password }) })).json();
      sessionStorage.setItem('rw.session', JSON.stringify({ ...s, accessToken: token, expiresAt: new Date(exp).toISOString() }));
    }, { user: env('RW_E2E_USER'), password: env('RW_E2E_PASSWORD'), token: shortToken, exp: expiresMs });
    await page.reload();
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    assert.ok(Date.now() < expiresMs - 5_000, 'the page connected with the short-lived token');
    await page.evaluate(() => {
      window.__connStates = [];
      const conn = document.getElementById('conn');
      new MutationObserver(() => window.__connStates.push(conn.dataset.state)).observe(conn, { attributes: true });
    });
    await page.waitForFunction((old) => JSON.parse(sessionStorage.getItem('rw.session')).accessToken !== old, shortToken, { timeout: 45_000 });
    const renewedAt = Date.now();
    // past the old token's expiry, when the server closes any session still using it
    await page.waitForTimeout(Math.max(0, expiresMs - Date.now()) + 3_000);
    const ref = await residentFiles(page, '续期后的实时推送');
    await page.locator(`[data-testid="case-item"][data-case-ref="${ref}"]`).waitFor({ timeout: 10_000 });
    const states = await page.evaluate(() => window.__connStates);
    assert.ok(states.every((st) => st === 'connected'), `the live indicator never left "connected" across the renewal: ${states.join(',')}`);
    console.log(`token renewed ${Math.round((expiresMs - renewedAt) / 1000)} s before it expired; a case filed after the expiry arrived live`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('a resident and an integrator who open the dashboard are sent to their own place and see nothing of the command center', async () => {
  const { context, close } = await launch({ viewport: { width: 1200, height: 800 } });
  try {
    for (const [user, shot, wording, link] of [['resident', 'dashboard-resident.png', /居民/, null],
      ['integrator', 'dashboard-integrator.png', /设备集成商/, '/asyncapi.json']]) {
      const page = await context.newPage();
      const asked = [];
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/api/v1/') && !path.startsWith('/api/v1/auth/')) asked.push(path);
      });
      await page.goto(env('RW_E2E_BASE_URL'));
      await page.evaluate(() => sessionStorage.clear());
      await page.fill('#username', user);
      await page.fill('#password', env('RW_E2E_PASSWORD'));
      await page.click('#login-submit');
      await page.locator('[data-testid="elsewhere"]').waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await page.locator('[data-testid="elsewhere"]').innerText(), wording);
      assert.equal(await page.locator('#app').isVisible(), false, 'the command center\'s screen stays hidden');
      if (link) assert.equal(await page.locator('#elsewhere-link').getAttribute('href'), link);
      assert.deepEqual(asked, ['/api/v1/me'], 'nothing but who they are was asked of the server');
      await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), shot) });
      await page.click('#elsewhere-logout');
      await page.close();
    }
  } finally {
    await close();
  }
});

test('an operator sees a perimeter intrusion appear in the alarm list and on the map', async () => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'),
    headless: true,
    viewport: { width: 1400, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // the Content-Security-Policy must not refuse anything the dashboard itself needs
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) pageErrors.push('CSP: ' + m.text()); });
    await page.goto(env('RW_E2E_BASE_URL'));
    await page.fill('#username', env('RW_E2E_USER'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');

    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
    assert.ok(canvas && canvas.width > 400 && canvas.height > 300, 'the map canvas is rendered');
    assert.equal(await page.locator('[data-testid="stat-devices"]').count(), 1);
    // the legend names every device kind the server's kind files describe, with its icon (issue 21)
    await page.locator('[data-testid="legend-video_intercom"]').waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="legend-video_intercom"]').innerText(), '单元楼宇门可视对讲');
    assert.equal(await page.locator('[data-testid="legend-face_gate"]').innerText(), '主路口人脸识别');
    assert.equal(await page.locator('[data-testid="legend-face_gate"] img').count(), 1);
    // the category catalogue (诉求分类) is the administrators': an operator is not offered it
    assert.equal(await page.locator('[data-testid="categories-open"]').isVisible(), false, 'no 诉求分类 button for an operator');
    // statistics at a glance: today's figures, the three rates as bars
    await page.locator('[data-testid="rate-response"]').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('[data-testid="overview"]').innerText(), /三率/);

    // a patrol terminal moves: its fix comes to the map's positions worker over its own STOMP session
    // and the overlay draws it (it writes how many terminals it holds and the newest fix's time)
    const overlay = page.locator('[data-testid="terminal-overlay"]');
    const terminals = await page.evaluate(async () => {
      const { accessToken } = JSON.parse(sessionStorage.getItem('rw.session'));
      const r = await (await fetch('/api/v1/devices?limit=5000', { headers: { Authorization: `Bearer ${accessToken}` } })).json();
      return r.items.filter((d) => d.kind === 'patrol_terminal').length;
    });
    assert.ok(terminals >= 1, 'the demo village has patrol terminals');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="terminal-overlay"]')?.dataset.total) === n, terminals, { timeout: 10_000 });
    const fixAt = Date.now();
    const term = await mqtt.connectAsync(env('RW_E2E_MQTT_URL'), {
      protocolVersion: 5,
      clientId: env('RW_E2E_TERMINAL_CLIENT_ID'),
      username: env('RW_E2E_TERMINAL_USER'),
      password: env('RW_E2E_TERMINAL_PASSWORD'),
      reconnectPeriod: 0,
    });
    await term.publishAsync(`cc/v1/devices/${env('RW_E2E_TERMINAL_ID')}/telemetry`, JSON.stringify({
      ts: new Date(fixAt + 8 * 3600_000).toISOString().replace('Z', '+08:00'), type: 'position', lon: 119.1242, lat: 36.7031, speedMps: 1.2,
    }), { qos: 1 });
    await term.endAsync();
    await page.waitForFunction((ms) => Number(document.querySelector('[data-testid="terminal-overlay"]')?.dataset.newestMs) >= ms, fixAt - 1000, { timeout: 10_000 });
    console.log(`terminal fix drawn on the map ${Date.now() - fixAt} ms after the MQTT publish`);
    assert.equal(Number(await overlay.getAttribute('data-total')), terminals, 'the moved terminal is the same one, not a new one');
    assert.ok(Number(await overlay.getAttribute('data-drawn')) >= 1, 'terminals in view are drawn');

    const deviceId = env('RW_E2E_DEVICE_ID');
    const item = page.locator(`[data-testid="alarm-item"][data-device="${deviceId}"][data-type="perimeter.intrusion"]`);
    assert.equal(await item.count(), 0, 'no alarm from the device before the intrusion');
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-before.png') });

    const sent = Date.now();
    await publishIntrusion('RW_E2E_DEVICE', `e2e-${sent}`);
    await item.first().waitFor({ timeout: 20_000 });
    console.log(`alarm visible in the browser ${Date.now() - sent} ms after the MQTT publish`);
    const text = await item.first().innerText();
    assert.match(text, /周界入侵报警/);
    assert.match(text, /南墙周界报警/);
    await page.locator('[data-testid="alarm-marker"]').first().waitFor({ timeout: 10_000 });

    await item.first().click();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-alarm.png') });
    assert.ok(await page.locator(`[data-testid="alarm-marker"][data-lng="${119.1230}"][data-lat="${36.7002}"]`).count() >= 1,
      'on the offline (WGS-84) basemap the marker sits at the event');

    // switch to a GCJ-02 basemap (as for AutoNavi tiles): the page reloads and every marker is shifted into GCJ-02
    await page.selectOption('[data-testid="basemap"]', 'gcj02');
    // the page reloads and resynchronises everything the shared test database holds by now (once over 30 s on CI)
    await page.waitForSelector('body[data-basemap="gcj02"][data-map-ready="true"]', { timeout: 60_000 });
    await item.first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="alarm-marker"]').first().waitFor({ timeout: 10_000 });
    const [gLon, gLat] = wgs84ToGcj02(119.1230, 36.7002);
    const shifted = page.locator(`[data-testid="alarm-marker"][data-lng="${gLon}"][data-lat="${gLat}"]`);
    assert.ok(await shifted.count() >= 1, `a marker drawn at the GCJ-02 position ${gLon},${gLat}`);
    await item.first().click();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-gcj02.png') });
    await page.selectOption('[data-testid="basemap"]', 'offline');
    await page.waitForSelector('body[data-basemap="offline"][data-map-ready="true"]', { timeout: 30_000 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});

test('an operator dispatches from the dashboard and the patrol member accepts on the phone page and arrives', async () => {
  const phone = await launch({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    // the member already stands at the north wall, where the intrusion will be
    geolocation: { latitude: 36.70848, longitude: 119.12921 }, permissions: ['geolocation'],
  });
  const desk = await launch({ viewport: { width: 1400, height: 860 } });
  const pageErrors = [];
  try {
    const patrol = await phone.context.newPage();
    patrol.on('pageerror', (e) => pageErrors.push('patrol: ' + e));
    await patrol.goto(new URL('/patrol.html', env('RW_E2E_BASE_URL')).toString());
    await patrol.fill('#username', env('RW_E2E_PATROL_USER'));
    await patrol.fill('#password', env('RW_E2E_PASSWORD'));
    await patrol.click('#login-submit');
    await patrol.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    // the page shows the server's duty state: 上岗 only if the member is off duty (another test may have left them on)
    await patrol.locator('[data-testid="duty-actions"] button').first().waitFor({ timeout: 10_000 });
    if (await patrol.locator('[data-testid="act-on-duty"]').count() > 0) await patrol.click('[data-testid="act-on-duty"]');
    await patrol.waitForFunction(() => document.querySelector('[data-testid="duty-state"]').textContent === '在岗待命');
    await patrol.waitForFunction(() => document.getElementById('gps').textContent.startsWith('已上报位置'), null, { timeout: 15_000 });
    await patrol.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });

    const page = await desk.context.newPage();
    page.on('pageerror', (e) => pageErrors.push('dashboard: ' + e));
    // the alarm flow asks in its own dialogs, never with window.prompt or confirm
    page.on('dialog', (d) => { pageErrors.push('native dialog: ' + d.message()); void d.dismiss(); });
    await page.goto(env('RW_E2E_BASE_URL'));
    await page.fill('#username', env('RW_E2E_USER'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });

    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    const before = new Set(await page.locator('[data-testid="alarm-item"]').evaluateAll((els) => els.map((e) => e.dataset.alarmId)));
    const msgId = `e2e-dispatch-${Date.now()}`;
    await publishIntrusion('RW_E2E_NORTH_WALL', msgId, { lon: 119.1292, lat: 36.7085, zoneId: 'SHY-E2E' });
    // the alarm this intrusion raised: the one that was not in the list before
    const alarmId = await page.waitForFunction((known) => {
      const fresh = [...document.querySelectorAll('[data-testid="alarm-item"][data-type="perimeter.intrusion"]')]
        .map((e) => e.dataset.alarmId).filter((id) => !known.includes(id));
      return fresh.length > 0 ? fresh[0] : null;
    }, [...before], { timeout: 20_000 }).then((h) => h.jsonValue());
    const mine = page.locator(`[data-testid="alarm-item"][data-alarm-id="${alarmId}"]`);
    await mine.locator('[data-testid="alarm-action-acknowledge"]').click();
    await page.waitForFunction((id) => document.querySelector(`[data-alarm-id="${id}"] .status`)?.textContent === '已确认', alarmId);
    await mine.locator('[data-testid="alarm-action-dispatch"]').click();
    const dispatchDialog = page.locator('[data-testid="dispatch-dialog"]');
    await dispatchDialog.waitFor({ timeout: 10_000 });
    for (const box of await dispatchDialog.locator('input[type="checkbox"]').all()) await box.check();
    const dispatched = Date.now();
    await dispatchDialog.locator('[data-testid="dialog-confirm"]').click();
    await dispatchDialog.waitFor({ state: 'detached', timeout: 10_000 });

    // the member's phone gets the alert
    const offer = patrol.locator(`[data-testid="offer"][data-alarm-id="${alarmId}"]`);
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    console.log(`dispatch alert visible on the patrol page ${Date.now() - dispatched} ms after the operator confirmed`);
    assert.equal(await offer.locator('[data-testid="offer-type"]').innerText(), '周界入侵');
    assert.match(await offer.locator('[data-testid="offer-where"]').innerText(), /\d+ 米/);
    await offer.locator('[data-testid="act-accept"]').click();
    await patrol.locator(`[data-testid="offer"][data-alarm-id="${alarmId}"][data-stage="EN_ROUTE"]`).waitFor({ timeout: 10_000 });
    await patrol.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'patrol-alert.png') });

    // reporting arrival: within 50 m of the alarm it is on scene, and the dashboard shows it
    await offer.locator('[data-testid="act-arrived"]').click();
    await patrol.locator(`[data-testid="offer"][data-alarm-id="${alarmId}"][data-stage="ARRIVED"]`).waitFor({ timeout: 10_000 });

    await page.waitForFunction((id) => document.querySelector(`[data-alarm-id="${id}"] .status`)?.textContent === '已到场', alarmId, { timeout: 15_000 });
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-on-scene.png') });

    // the member resolves it on the phone, with a note and a photo of the scene; the dashboard shows both
    await offer.locator('[data-testid="act-resolve"]').click();
    await offer.locator('[data-testid="resolve-note"]').fill('翻墙者为迟归住户，已核实');
    await offer.locator('[data-testid="resolve-photo"]').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(SCENE_JPEG, 'base64') });
    await offer.locator('[data-testid="resolve-confirm"]').click();
    await patrol.locator(`[data-testid="offer-ended"][data-alarm-id="${alarmId}"]`).filter({ hasText: '您已办结' }).waitFor({ timeout: 10_000 });
    assert.equal(await offer.count(), 0, 'the resolved dispatch leaves the list');
    await page.waitForFunction((id) => document.querySelector(`[data-alarm-id="${id}"] .status`)?.textContent === '已处置', alarmId, { timeout: 10_000 });
    await page.waitForFunction((id) => document.querySelector(`[data-alarm-id="${id}"] [data-testid="alarm-photo"]`)?.src?.startsWith('blob:'),
      alarmId, { timeout: 10_000 });
    assert.ok(await mine.locator('[data-testid="alarm-photo"]').evaluate((img) => img.naturalWidth > 0), 'the photo of the scene is shown');

    // track replay: the member's phone fixes of the last 12 hours, with a time slider
    const memberId = await page.evaluate(async (username) => {
      const { accessToken } = JSON.parse(sessionStorage.getItem('rw.session'));
      const r = await (await fetch('/api/v1/members', { headers: { Authorization: `Bearer ${accessToken}` } })).json();
      return r.items.find((m) => m.username === username).id;
    }, env('RW_E2E_PATROL_USER'));
    await page.click('[data-testid="replay-open"]');
    await page.locator('[data-testid="replay-member"] option').first().waitFor({ state: 'attached', timeout: 10_000 });
    await page.selectOption('[data-testid="replay-member"]', String(memberId));
    await page.selectOption('[data-testid="replay-window"]', 'recent');
    await page.click('[data-testid="replay-load"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="replay-summary"]').dataset.points) > 0, null, { timeout: 10_000 })
      .catch(async (e) => {
        throw new Error(`no track replayed: "${await page.locator('[data-testid="replay-summary"]').innerText()}" ${pageErrors.join('; ')} (${e.message})`);
      });
    await page.locator('[data-testid="replay-marker"]').waitFor({ timeout: 5_000 });
    assert.match(await page.locator('[data-testid="replay-summary"]').innerText(), /^\d+ 个定位点 · [\d.]+ km · 已巡检点 \d+ · 漏巡 \d+$/);
    await page.locator('[data-testid="replay-slider"]').evaluate((el) => {
      el.value = el.max;
      el.dispatchEvent(new Event('input'));
    });
    assert.match(await page.locator('[data-testid="replay-time"]').innerText(), /\d{1,2}:\d{2}:\d{2}/);
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-replay.png') });
    await page.click('#replay-close');

    // a resident blows the whistle: the case appears live on the board with its countdown, and opens to its timeline
    const ref = await residentFiles(page, '单元门口垃圾满溢');
    const card = page.locator(`[data-testid="case-item"][data-case-ref="${ref}"]`);
    await card.waitFor({ timeout: 10_000 });
    assert.match(await card.locator('[data-testid="case-countdown"]').innerText(), /^剩余 /);
    assert.match(await card.innerText(), /环境卫生[\s\S]*已派单[\s\S]*松鹤园社区/);
    await card.click();
    await page.locator('[data-testid="case-detail"]').getByText(/受理环境卫生诉求，派单至松鹤园社区/).waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-cases.png') });
    // the holding unit rejects it with a reason (a dialog): it leaves the board
    await page.click('[data-testid="case-reject"]');
    await page.fill('dialog[data-testid="dialog-reject"] textarea[name="note"]', '属于物业合同纠纷，请联系物业');
    await page.click('dialog[data-testid="dialog-reject"] [data-testid="dialog-confirm"]');
    await page.locator('[data-testid="case-detail"]').getByText(/不予受理：属于物业合同纠纷/).waitFor({ timeout: 5_000 });
    await card.waitFor({ state: 'detached', timeout: 5_000 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await phone.close();
    await desk.close();
  }
});

test('an operator dispatches the street police from the proposal dialog, follows each responder and the timeline live, and resolves in a dialog', async () => {
  const desk = await launch({ viewport: { width: 1400, height: 900 } });
  const pageErrors = [];
  try {
    const page = await desk.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => { pageErrors.push('native dialog: ' + d.message()); void d.dismiss(); });
    await page.goto(env('RW_E2E_BASE_URL'));
    // what the members do on their phones, through the same API (from the page's origin)
    const as = (user, method, path, body) => page.evaluate(async ({ user, password, method, path, body }) => {
      const tok = await (await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user, password }) })).json();
      const r = await fetch(path, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tok.accessToken}` },
        body: body === undefined ? undefined : JSON.stringify(body) });
      if (!r.ok) throw new Error(`${user} ${method} ${path}: HTTP ${r.status} ${await r.text()}`);
      return r.json();
    }, { user, password: env('RW_E2E_PASSWORD'), method, path, body });
    // the street's community police officer (广文街道, not the operator's community) and a patrol member on duty
    await as('police', 'PUT', '/api/v1/members/me/state', { state: 'available' });
    await as('police', 'POST', '/api/v1/members/me/position', { lon: 119.1262, lat: 36.7040 });
    await as('patrol2', 'PUT', '/api/v1/members/me/state', { state: 'available' });
    await as('patrol2', 'POST', '/api/v1/members/me/position', { lon: 119.1282, lat: 36.7080 });
    const members = (await as('operator-street', 'GET', '/api/v1/members')).items;
    const police = members.find((m) => m.username === 'police').id;
    const patrol2 = members.find((m) => m.username === 'patrol2').id;

    await page.fill('#username', env('RW_E2E_USER'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    const before = new Set(await page.locator('[data-testid="alarm-item"]').evaluateAll((els) => els.map((e) => e.dataset.alarmId)));
    await publishIntrusion('RW_E2E_NORTH_WALL', `e2e-responders-${Date.now()}`, { lon: 119.1292, lat: 36.7085, zoneId: 'SHY-E2E-D' });
    const alarmId = await page.waitForFunction((known) => {
      const fresh = [...document.querySelectorAll('[data-testid="alarm-item"][data-type="perimeter.intrusion"]')]
        .map((e) => e.dataset.alarmId).filter((id) => !known.includes(id));
      return fresh.length > 0 ? fresh[0] : null;
    }, [...before], { timeout: 20_000 }).then((h) => h.jsonValue());
    const mine = page.locator(`[data-testid="alarm-item"][data-alarm-id="${alarmId}"]`);

    // the proposal in a dialog: names, role, distance; the street's police officer among them
    await mine.locator('[data-testid="alarm-action-dispatch"]').click();
    const dialog = page.locator('[data-testid="dispatch-dialog"]');
    await dialog.waitFor({ timeout: 10_000 });
    const policeBox = dialog.locator(`input[type="checkbox"][value="${police}"]`);
    const patrolBox = dialog.locator(`input[type="checkbox"][value="${patrol2}"]`);
    const offered = await dialog.innerText();
    assert.equal(await policeBox.count(), 1, `the street's police officer is proposed to the community operator:\n${offered}`);
    assert.match(await dialog.locator('label', { has: page.locator(`input[value="${police}"]`) }).innerText(), /社区民警 吴 · 民警 · 广文街道派出所 · \d+ m/);
    assert.match(await dialog.locator('label', { has: page.locator(`input[value="${patrol2}"]`) }).innerText(), /平安联盟 周（出租车司机） · 平安联盟 · \d+ m/);
    // nobody chosen: told beside the list, and the dialog stays
    for (const box of await dialog.locator('input[type="checkbox"]').all()) await box.uncheck();
    await dialog.locator('[data-testid="dialog-confirm"]').click();
    await dialog.locator('.field-error[data-field="members"]').filter({ hasText: '请至少选择一项' }).waitFor({ timeout: 5_000 });
    // the focus stays inside the dialog however far one tabs
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="dispatch-dialog"]')), 'the focus is trapped in the dialog');
    await policeBox.check();
    await patrolBox.check();
    await dialog.locator('textarea[name="note"]').fill('请民警协同');
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-dispatch-dialog.png') });
    await dialog.locator('[data-testid="dialog-confirm"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    const state = (member) => page.locator(`[data-alarm-id="${alarmId}"] [data-testid="responder"][data-member-id="${member}"]`);
    await state(police).filter({ hasText: '已派出' }).waitFor({ timeout: 10_000 });
    assert.match(await state(patrol2).innerText(), /平安联盟 周（出租车司机）\s*平安联盟\s*已派出[\s\S]*派出 \d{2}:\d{2}:\d{2}/);
    // they answer on their phones; the board follows live
    await as('police', 'POST', `/api/v1/alarms/${alarmId}/accept`);
    await as('patrol2', 'POST', `/api/v1/alarms/${alarmId}/decline`, { note: '正在处理另一起纠纷' });
    await state(police).filter({ hasText: '已接受' }).waitFor({ timeout: 10_000 });
    await state(patrol2).filter({ hasText: '已拒绝（正在处理另一起纠纷）' }).waitFor({ timeout: 10_000 });
    await as('police', 'POST', '/api/v1/members/me/position', { lon: 119.1292, lat: 36.7084 });
    await state(police).filter({ hasText: '已到达' }).waitFor({ timeout: 15_000 });
    assert.match(await state(police).innerText(), /派出 \d{2}:\d{2}:\d{2} · 答复 \d{2}:\d{2}:\d{2} · 到达 \d{2}:\d{2}:\d{2}/);

    // the timeline, in words, with who took each step
    await mine.locator('[data-testid="alarm-timeline-toggle"]').click();
    const timeline = mine.locator('[data-testid="alarm-timeline"]');
    await timeline.locator('[data-testid="timeline-step"][data-action="arrive"]').waitFor({ timeout: 10_000 });
    const steps = await timeline.innerText();
    assert.match(steps, /派警 · 松鹤园社区指挥员 李 · 已派警\s*派警：(社区民警 吴（广文街道派出所）、平安联盟 周（出租车司机）|平安联盟 周（出租车司机）、社区民警 吴（广文街道派出所）)；请民警协同/);
    assert.match(steps, /接受派警 · 社区民警 吴/);
    assert.match(steps, /拒绝派警 · 平安联盟 周（出租车司机）[\s\S]*正在处理另一起纠纷/);
    assert.match(steps, /到达现场 · 社区民警 吴 · 已到场/);
    assert.doesNotMatch(steps, /\b(dispatch|accept|arrive|DISPATCHED|ON_SCENE)\b/, 'no codes in the timeline');
    await mine.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-responders.png') });

    // resolve in a dialog: Esc closes it without doing anything, an empty note is refused beside the field
    await mine.locator('[data-testid="alarm-action-resolve"]').click();
    const close = page.locator('[data-testid="close-dialog"]');
    await close.waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    await close.waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await mine.locator(':scope > .meta .status').innerText(), '已到场', 'Esc did nothing to the alarm');
    await mine.locator('[data-testid="alarm-action-resolve"]').click();
    await close.waitFor({ timeout: 5_000 });
    await close.locator('[data-testid="dialog-confirm"]').click();
    await close.locator('.field-error[data-field="note"]').filter({ hasText: '请填写此项' }).waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-resolve-dialog.png') });
    await close.locator('textarea[name="note"]').fill('民警到场核实，系住户翻墙取物');
    await close.locator('[data-testid="dialog-confirm"]').click();
    await close.waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForFunction((id) => document.querySelector(`[data-alarm-id="${id}"] .status`)?.textContent === '已处置', alarmId, { timeout: 10_000 });
    await state(police).filter({ hasText: '已处置' }).waitFor({ timeout: 10_000 });
    await timeline.locator('[data-testid="timeline-step"][data-action="resolve"]').filter({ hasText: '民警到场核实' }).waitFor({ timeout: 10_000 });
    await mine.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-resolved.png') });
    assert.deepEqual(pageErrors, []);
  } finally {
    await desk.close();
  }
});

test('a wall alarm a camera verifies shows the camera picture with the person boxed and proposes dispatch at once', async () => {
  const cameraId = env('RW_E2E_CAMERA_ID');
  const frame = await readFile(env('RW_E2E_PEOPLE_FRAME'));
  const status = `cc/v1/devices/${cameraId}/status`;
  const camera = await mqtt.connectAsync(env('RW_E2E_MQTT_URL'), {
    protocolVersion: 5,
    clientId: env('RW_E2E_CAMERA_CLIENT_ID'),
    username: env('RW_E2E_CAMERA_USER'),
    password: env('RW_E2E_CAMERA_PASSWORD'),
    reconnectPeriod: 0,
    will: { topic: status, payload: '{"state":"offline"}', qos: 1, retain: true },
  });
  // the camera answers capture_snapshot with a frame of vtest.avi (people walking), as a real one would with its view
  camera.on('message', async (_topic, payload) => {
    const cmd = JSON.parse(payload.toString());
    if (cmd.command !== 'capture_snapshot') return;
    const capturedAt = new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    await camera.publishAsync(`cc/v1/devices/${cameraId}/snapshots`, frame, {
      qos: 1, properties: { userProperties: { cmdId: cmd.cmdId, capturedAt } },
    });
    await camera.publishAsync(`cc/v1/devices/${cameraId}/commands/ack`, JSON.stringify({ cmdId: cmd.cmdId, result: 'ok' }), { qos: 1 });
  });
  await camera.subscribeAsync(`cc/v1/devices/${cameraId}/commands`, { qos: 1 });
  await camera.publishAsync(status, '{"state":"online"}', { qos: 1, retain: true });
  // and keeps saying so, as a camera's heartbeat does: the test platform calls a device silent after 4 s
  const heartbeat = setInterval(() => camera.publish(status, '{"state":"online"}', { qos: 1, retain: true }), 2000);

  const desk = await launch({ viewport: { width: 1400, height: 900 } });
  const pageErrors = [];
  try {
    const page = await desk.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(env('RW_E2E_BASE_URL'));
    await page.fill('#username', env('RW_E2E_USER'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    // the camera must be online on the platform before the wall fires
    await page.waitForTimeout(1500);

    const sent = Date.now();
    // the east wall, 80 m in front of the camera that watches it
    await publishIntrusion('RW_E2E_EAST_WALL', `e2e-v-${sent}`, { lon: 119.1318, lat: 36.7058, zoneId: 'SHY-E2E-V' });
    const verified = page.locator('[data-testid="alarm-item"] [data-testid="alarm-verification"][data-verification="VERIFIED"]');
    await verified.first().waitFor({ timeout: 30_000 });
    console.log(`verified alarm visible in the browser ${Date.now() - sent} ms after the MQTT publish`);
    assert.match(await verified.first().innerText(), /视频核实：有人/);
    const item = page.locator('[data-testid="alarm-item"]', {
      has: page.locator('[data-testid="alarm-verification"][data-verification="VERIFIED"]'),
    }).first();
    await item.locator('[data-testid="dispatch-proposed"]').waitFor({ timeout: 10_000 });
    const person = item.locator('[data-testid="dispatch-snapshot"] [data-testid="snapshot-box-person"]');
    await person.first().waitFor({ state: 'attached', timeout: 10_000 });
    // the boxes are drawn in fractions of the picture: measured once the picture has loaded and has its size
    await item.locator('[data-testid="dispatch-snapshot"] img').first().evaluate((img) => img.complete || new Promise((r) => img.addEventListener('load', r)));
    await item.scrollIntoViewIfNeeded();
    const box = await person.first().boundingBox();
    assert.ok(box && box.width > 4 && box.height > box.width, `a person-shaped box is drawn over the picture: ${JSON.stringify(box)}`);
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-verified.png') });
    assert.deepEqual(pageErrors, []);
  } finally {
    await desk.close();
    await camera.publishAsync(status, '{"state":"offline"}', { qos: 1, retain: true });
    clearInterval(heartbeat);
    await camera.endAsync();
  }
});

test('an administrator manages the category catalogue (诉求分类): field errors in Chinese, new, deactivate, activate', async () => {
  const { context, close } = await launch({ viewport: { width: 1400, height: 860 } });
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) pageErrors.push('CSP: ' + m.text()); });
    page.on('dialog', (d) => void d.accept());
    await page.goto(env('RW_E2E_BASE_URL'));
    await page.evaluate(() => sessionStorage.clear());
    await page.fill('#username', 'admin');
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.locator('[data-testid="categories-open"]').click({ timeout: 30_000 });
    const dialog = page.locator('[data-testid="categories"]');
    await dialog.locator('[data-testid="category-row"][data-code="ENV"]').waitFor({ timeout: 10_000 });
    assert.match(await dialog.locator('[data-testid="category-row"][data-code="ENV"]').innerText(), /→|社区/);
    // refused fields are told next to the form, in Chinese
    await dialog.locator('[data-testid="category-new"]').click();
    const form = dialog.locator('[data-testid="category-form"]');
    await form.locator('input[name="code"]').fill('E2E_DOGS');
    await form.locator('input[name="name"]').fill('流浪犬');
    await form.locator('input[name="icon"]').fill('AB');
    await form.locator('[data-testid="category-save"]').click();
    await form.locator('.field-error[data-field="icon"]').filter({ hasText: 'emoji' }).waitFor({ timeout: 10_000 });
    assert.match(await form.locator('.field-error[data-field="icon"]').innerText(), /图标.*不能有字母或数字/);
    await form.locator('input[name="icon"]').fill('🐕');
    await form.locator('input[name="keywords"]').fill('<b>狗</b>');
    await form.locator('[data-testid="category-save"]').click();
    const row = dialog.locator('[data-testid="category-row"][data-code="E2E_DOGS"]');
    await row.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-categories.png') });
    await row.locator('[data-testid="category-toggle"]').click();
    await row.filter({ hasText: '已停用' }).waitFor({ timeout: 10_000 });
    await row.locator('[data-testid="category-toggle"]').click();
    await row.filter({ hasText: '启用中' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

/** Logs `user` in on a new page of `context` and waits for the map (or the page telling them where their own place is). */
async function loginAs(context, user, pageErrors, ready = 'body[data-map-ready="true"]') {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${user}: ${e}`));
  page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) pageErrors.push(`${user} CSP: ${m.text()}`); });
  await page.goto(env('RW_E2E_BASE_URL'));
  await page.fill('#username', user);
  await page.fill('#password', env('RW_E2E_PASSWORD'));
  await page.click('#login-submit');
  await page.waitForSelector(ready, { timeout: 30_000 });
  return page;
}

test('every session is titled with its own unit and framed on its own area; none shows a reconnect banner it cannot end', async () => {
  const { context, close } = await launch({ viewport: { width: 1400, height: 860 } });
  const pageErrors = [];
  try {
    for (const [user, title, frame] of [['operator-district', '奎文区社会治理服务中心', '370705'], ['operator-street', '广文街道', '370705001'],
      ['police', '社区民警 · 广文街道', '370705001'], ['operator', '松鹤园社区', '370705001001']]) {
      const page = await loginAs(context, user, pageErrors);
      assert.equal(await page.locator('[data-testid="scope"]').innerText(), title, `${user}'s header`);
      assert.equal(await page.locator('#map').getAttribute('data-frame'), frame, `${user}'s map is framed on their own area`);
      await page.close();
    }
    // a department subscribes what it may (/topic/cases, its own alerts); a grid worker is sent to the phone page
    const dept = await loginAs(context, 'department', pageErrors);
    assert.equal(await dept.locator('[data-testid="scope"]').innerText(), '区综合行政执法局');
    assert.equal(await dept.locator('#map').getAttribute('data-frame'), '370705', 'a district department sees the district');
    await dept.evaluate(() => {
      window.__connStates = [document.getElementById('conn').dataset.state];
      const conn = document.getElementById('conn');
      new MutationObserver(() => window.__connStates.push(conn.dataset.state)).observe(conn, { attributes: true });
    });
    await dept.waitForSelector('#conn[data-state="connected"]', { timeout: 15_000 });
    await dept.waitForTimeout(5_000);
    assert.equal(await dept.locator('#conn').getAttribute('data-state'), 'connected', 'the department is still connected after 5 s');
    assert.doesNotMatch(await dept.locator('.topbar').innerText(), /已断开/);
    const states = await dept.evaluate(() => window.__connStates);
    assert.ok(!states.includes('offline'), `the department's indicator never said offline: ${states.join(',')}`);
    await dept.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-department.png') });
    await dept.close();

    const grid = await loginAs(context, 'grid1', pageErrors, '[data-testid="elsewhere"]:not([hidden])');
    await grid.waitForTimeout(4_000);
    assert.equal(await grid.locator('#elsewhere-link').getAttribute('href'), '/patrol.html', 'a grid worker is sent to the phone page');
    assert.match(await grid.locator('[data-testid="elsewhere"]').innerText(), /网格员/);
    assert.equal(await grid.locator('#conn').isVisible(), false);
    assert.doesNotMatch(await grid.locator('body').innerText(), /已断开/);
    await grid.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-grid-worker.png') });
    await grid.close();
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the leader sees the district overview, drills down to a community\'s cases, writes a 批示 the community gets live, and exports the month', async () => {
  const desk = await launch({ viewport: { width: 1600, height: 940 }, acceptDownloads: true });
  const other = await launch({ viewport: { width: 1400, height: 860 } });
  const pageErrors = [];
  try {
    // two requests of this month in 松鹤园社区, so the month has figures
    const probe = await desk.context.newPage();
    await probe.goto(env('RW_E2E_BASE_URL'));
    const ref = await residentFiles(probe, '楼道灯坏了一个月没人修');
    await residentFiles(probe, '小区门口占道经营');
    await probe.close();

    // the community's operator, on duty in another browser
    const operator = await loginAs(other.context, 'operator', pageErrors);
    await operator.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });

    const page = await loginAs(desk.context, 'leader', pageErrors);
    assert.equal(await page.locator('[data-testid="scope"]').innerText(), '区领导 · 奎文区');
    assert.equal(await page.locator('#map').getAttribute('data-frame'), '370705', 'the leader\'s map is framed on the district');
    // the overview opens by itself for a leader, with a table per street, community and department
    const district = page.locator('[data-testid="district"]');
    await district.waitFor({ state: 'visible', timeout: 10_000 });
    const street = district.locator('[data-testid="unit-row"][data-kind="STREET"]');
    await street.first().waitFor({ timeout: 15_000 });
    assert.match(await street.first().innerText(), /广文街道/);
    assert.ok(Number(await street.first().locator('[data-col="accepted"]').innerText()) >= 2, 'the street accepted this month\'s requests');
    const community = district.locator('[data-testid="unit-row"][data-kind="COMMUNITY"]', { hasText: '松鹤园社区' });
    assert.ok(Number(await community.locator('[data-col="accepted"]').innerText()) >= 2);
    assert.match(await district.locator('[data-testid="units-COMMUNITY"]').innerText(), /响应率[\s\S]*解决率[\s\S]*满意率[\s\S]*督办单/);
    assert.equal(await district.locator('[data-testid="units-DEPARTMENT"] h3').innerText(), '职能部门');
    // every active department of the district has its row, ranked, with its figures (none routed to one yet: zeros)
    const departments = district.locator('[data-testid="unit-row"][data-kind="DEPARTMENT"]');
    assert.ok(await departments.count() >= 6, `the demo's six departments are listed: ${await departments.count()}`);
    assert.match(await departments.filter({ hasText: '区住房和城乡建设局' }).innerText(), /^\d+\s+区住房和城乡建设局\s+\d+\s+\d+\s+\d+/);
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-leader-overview.png') });

    // drill down: the community's cases of the month, in words
    await community.click();
    const drilled = district.locator('[data-testid="drill"] [data-testid="district-case"]');
    await drilled.filter({ hasText: ref }).waitFor({ timeout: 10_000 });
    assert.match(await drilled.filter({ hasText: ref }).innerText(), /已派单[\s\S]*社区[\s\S]*(未超期|已超期)/);
    for (const text of await drilled.allInnerTexts()) assert.doesNotMatch(text, /奎文门社区/, 'only 松鹤园社区\'s cases');

    // the case on the map, with its detail; the leader writes a 批示 in a dialog
    await drilled.filter({ hasText: ref }).click();
    const popup = page.locator('[data-testid="case-popup"]');
    await popup.waitFor({ timeout: 10_000 });
    assert.match(await popup.innerText(), new RegExp(ref));
    await popup.locator('[data-testid="case-instruct"]').click();
    const dialog = page.locator('[data-testid="instruct-dialog"]');
    await dialog.waitFor({ timeout: 5_000 });
    await dialog.locator('[data-testid="dialog-confirm"]').click();
    assert.equal(await dialog.locator('.field-error[data-field="note"]').innerText(), '请填写此项', 'an empty 批示 is refused beside the field');
    await dialog.locator('textarea[name="note"]').fill('请社区今日内联系物业修复，并回复群众');
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-leader-instruct.png') });
    const sent = Date.now();
    await dialog.locator('[data-testid="dialog-confirm"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    // the community's operator gets it live, as a notice with the case's reference
    const notice = operator.locator(`[data-testid="notice"][data-case-ref="${ref}"]`);
    await notice.waitFor({ timeout: 10_000 });
    console.log(`批示 shown to the operator ${Date.now() - sent} ms after the leader sent it`);
    assert.match(await notice.innerText(), /领导批示[\s\S]*请社区今日内联系物业修复/);
    await operator.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-operator-instruction.png') });
    await notice.click();
    await operator.locator('[data-testid="case-popup"]').filter({ hasText: ref }).waitFor({ timeout: 10_000 });
    assert.match(await operator.locator('[data-testid="case-popup"]').innerText(), /请社区今日内联系物业修复/, 'the 批示 is on the case\'s timeline');
    assert.equal(await operator.locator('[data-testid="case-instruct"]').count(), 0, 'an operator is not offered 批示');

    // the month's report as XLSX: a ZIP file (PK…)
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), district.locator('[data-testid="export-xlsx"]').click()]);
    assert.match(download.suggestedFilename(), /^诉求统计-\d{4}-\d{2}\.xlsx$/);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the report is an XLSX (a ZIP) file');
    assert.ok(bytes.length > 2000, `a real workbook: ${bytes.length} bytes`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await desk.close();
    await other.close();
  }
});
