// Browser test of live video, driven by command-api's LiveBrowserTest (which raises an intrusion that two cameras
// see and passes RW_E2E_* settings): the operator opens the alarm's video wall, both cameras play live from the
// simulated cameras' RTSP server through the platform's relay; the frames advance (the clock burned into them,
// read back from the picture, moves on) and the latency (browser clock − burned-in time) is measured for
// RW_E2E_SAMPLE_SECONDS and printed; the wall closes; a click on a camera on the map opens its live view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, env, launch, shot } from './support.mjs';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
};

/** The tiles' measurements so far: per camera, the burned-in times read and the latencies. */
const readings = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid="live-tile"]')].map((el) => ({
  camera: el.dataset.camera, state: el.dataset.state, times: [...el.live.frameTimes], latencies: [...el.live.latencies],
})));

test('an alarm\'s video wall plays its cameras live, and a camera on the map opens its live view', async () => {
  const { context, close } = await launch({ viewport: { width: 1400, height: 900 } });
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => console.log(`console ${m.type()}: ${m.text()}`));
    await page.goto(BASE() + '/');
    await page.fill('#username', 'operator');
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('[data-testid="login-submit"], #login-submit');
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"')), true);

    const item = page.locator(`[data-testid="alarm-item"][data-alarm-id="${env('RW_E2E_ALARM')}"]`);
    await item.waitFor({ timeout: 30_000 });
    await item.locator('[data-testid="alarm-live-toggle"]').click();
    const cameras = env('RW_E2E_CAMERAS').split(',');
    try {
      for (const c of cameras) {
        await item.locator(`[data-testid="live-tile"][data-camera="${c}"][data-state="live"]`).waitFor({ timeout: 40_000 });
      }
    } catch (e) {
      await shot(page, 'live-video-wall-failed.png');
      console.log('tiles: ' + JSON.stringify(await page.evaluate(() => [...document.querySelectorAll('[data-testid="live-tile"]')].map((el) => {
        const v = el.querySelector('video');
        const b = v.buffered;
        return { camera: el.dataset.camera, state: el.dataset.state, caption: el.querySelector('figcaption').textContent,
          readyState: v.readyState, paused: v.paused, t: v.currentTime, buffered: b.length ? [b.start(0), b.end(b.length - 1)] : null,
          error: v.error && v.error.message, src: v.src };
      }))));
      throw e;
    }
    assert.match(await item.locator('[data-testid="live-state"]').first().innerText(), /直播中/);
    console.log('✔ the video wall plays ' + cameras.join(', ') + ' live');

    const seconds = Number(env('RW_E2E_SAMPLE_SECONDS'));
    const before = await readings(page);
    await page.waitForTimeout(seconds * 1000);
    const after = await readings(page);
    await item.scrollIntoViewIfNeeded();
    await shot(page, 'live-video-wall.png');
    const all = [];
    for (const c of cameras) {
      const a = after.find((r) => r.camera === c);
      const b = before.find((r) => r.camera === c);
      assert.ok(a.times.length >= seconds, `${c}: the burned-in clock was read ${a.times.length} times`);
      // frames advance: the clock in the picture moved on by most of the time waited
      const moved = a.times[a.times.length - 1] - (b.times[b.times.length - 1] ?? a.times[0]);
      assert.ok(moved > seconds * 1000 * 0.8, `${c}: the picture's clock moved ${moved} ms in ${seconds} s`);
      const lat = a.latencies.slice(b.latencies.length);
      all.push(...lat);
      console.log(`latency ${c}: p50 ${pct(lat, 50)} ms, p95 ${pct(lat, 95)} ms over ${lat.length} frames read in ${seconds} s`);
    }
    console.log(`latency all: p50 ${pct(all, 50)} ms, p95 ${pct(all, 95)} ms, n=${all.length}`);
    assert.ok(pct(all, 50) < 5000, 'live, not minutes behind');

    await item.locator('[data-testid="alarm-live-toggle"]').click();
    assert.equal(await page.locator('[data-testid="live-tile"]').count(), 0);
    console.log('✔ the wall closed');

    // a camera on the map: the alarm's place in the middle, zoomed in until devices are drawn one by one, then the test
    // camera (east of the alarm, on the same latitude) is looked for along the line to the right of the middle
    await item.locator('.title').click();
    await page.waitForTimeout(2500);
    await page.keyboard.press('Escape');
    const box = await page.locator('#map canvas').first().boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    // zoom in around the middle with the keyboard (MapLibre's '=' key), after focusing the map with a click in a corner
    await page.mouse.click(box.x + 40, box.y + box.height - 40);
    await page.keyboard.press('Escape');
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Equal');
      await page.waitForTimeout(900);
    }
    const popup = page.locator('[data-testid="device-popup"]').filter({ hasText: env('RW_E2E_MAP_CAMERA_NAME') });
    for (let dx = 8; dx < 400 && (await popup.count()) === 0; dx += 6) {
      await page.mouse.click(cx + dx, cy);
      await page.waitForTimeout(150);
    }
    await popup.first().waitFor({ timeout: 5_000 });
    await popup.first().locator('[data-testid="camera-live"]').click();
    const dialog = page.locator('[data-testid="live-dialog"] [data-testid="live-tile"][data-state="live"]');
    await dialog.waitFor({ timeout: 40_000 });
    await page.waitForTimeout(1500);
    await shot(page, 'live-camera-dialog.png');
    console.log('✔ a camera on the map opens its live view');
    await page.locator('[data-testid="live-dialog-close"]').click();
    assert.equal(await page.locator('[data-testid="live-dialog"]').count(), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
