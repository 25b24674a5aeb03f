// Browser test of the operators' dashboard, driven by command-api's DashboardBrowserTest (which
// starts the application and passes RW_E2E_* settings). Runs the Debian Chromium via playwright-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import mqtt from 'mqtt';
import { wgs84ToGcj02 } from '../src/gcj02.js';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through DashboardBrowserTest / scripts/test.sh)`);
  return v;
};

async function publishIntrusion(deviceId, msgId) {
  const client = await mqtt.connectAsync(env('RW_E2E_MQTT_URL'), {
    protocolVersion: 5,
    clientId: env('RW_E2E_DEVICE_CLIENT_ID'),
    username: env('RW_E2E_DEVICE_USER'),
    password: env('RW_E2E_DEVICE_PASSWORD'),
    reconnectPeriod: 0,
  });
  const ts = new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
  await client.publishAsync(`cc/v1/devices/${deviceId}/events`, JSON.stringify({
    msgId, ts, type: 'perimeter.intrusion', lon: 119.1230, lat: 36.7002, zoneId: 'SHY-SOUTH', sensor: 'vibration-1',
  }), { qos: 1 });
  await client.endAsync();
}

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
    await page.goto(env('RW_E2E_BASE_URL'));
    await page.fill('#username', env('RW_E2E_USER'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');

    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
    assert.ok(canvas && canvas.width > 400 && canvas.height > 300, 'the map canvas is rendered');
    assert.equal(await page.locator('[data-testid="stat-devices"]').count(), 1);

    const deviceId = env('RW_E2E_DEVICE_ID');
    const item = page.locator(`[data-testid="alarm-item"][data-device="${deviceId}"][data-type="perimeter.intrusion"]`);
    assert.equal(await item.count(), 0, 'no alarm from the device before the intrusion');
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'dashboard-before.png') });

    const sent = Date.now();
    await publishIntrusion(deviceId, `e2e-${sent}`);
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
    await page.waitForSelector('body[data-basemap="gcj02"][data-map-ready="true"]', { timeout: 30_000 });
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
