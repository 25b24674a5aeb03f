// Browser test of 录像查询 (/recordings.html), driven by command-api's RecordingsBrowserTest (which records the test
// camera, raises an alarm it covers, waits for the alarm's clip and passes RW_E2E_* settings): opened from the
// alarm, the clip plays back (its currentTime advances); a search by the place and a window of the last minutes
// finds the camera with segments, and 播放全部 plays them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, env, launch, shot } from './support.mjs';

/** Waits until the page's video has played past {@code seconds}, and returns its currentTime. */
async function playsPast(page, seconds) {
  await page.waitForFunction((s) => {
    const v = document.querySelector('[data-testid="rec-video"]');
    return v && v.readyState >= 2 && v.currentTime > s;
  }, seconds, { timeout: 30_000 });
  return page.evaluate(() => document.querySelector('[data-testid="rec-video"]').currentTime);
}

test('an alarm\'s clip plays back and a search by place and time finds the segment', async () => {
  const { context, close } = await launch({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  try {
    // the operator's dashboard: the alarm's timeline links to its recordings, opened in a tab sharing the session
    const dash = await context.newPage();
    await dash.goto(BASE());
    await dash.fill('#username', 'operator');
    await dash.fill('#password', env('RW_E2E_PASSWORD'));
    await dash.click('#login-submit, [data-testid="login-submit"]');
    await dash.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    const item = dash.locator(`[data-testid="alarm-item"][data-alarm-id="${env('RW_E2E_ALARM')}"]`);
    await item.locator('[data-testid="alarm-timeline-toggle"]').click();
    const link = item.locator('[data-testid="alarm-recordings"]');
    await link.waitFor({ timeout: 10_000 });
    assert.equal(await link.getAttribute('href'), `/recordings.html?alarm=${env('RW_E2E_ALARM')}`);
    const [page] = await Promise.all([context.waitForEvent('page'), link.click()]);
    page.on('pageerror', (e) => errors.push(String(e)));
    // a failed load is reported by its address (the console's message has none); the page has no favicon
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    assert.equal(await page.locator('#login').isHidden(), true, 'the recordings tab shares the dashboard\'s session');
    console.log('✔ the dashboard\'s alarm links to its recordings, opened signed in');

    const clip = page.locator(`[data-testid="rec-clip"][data-status="READY"]`).first();
    await clip.waitFor({ timeout: 20_000 });
    assert.match(await clip.innerText(), /录像测试摄像机/);
    assert.match(await page.locator('[data-testid="rec-playing"]').innerText(), /正在播放/);
    const t1 = await playsPast(page, 1.0);
    await page.waitForTimeout(1000);
    const t2 = await page.evaluate(() => document.querySelector('[data-testid="rec-video"]').currentTime);
    assert.ok(t2 > t1, `the clip's time advances (${t1} → ${t2})`);
    const duration = await page.evaluate(() => document.querySelector('[data-testid="rec-video"]').duration);
    assert.ok(duration > 6 && duration < 10.5, `the clip spans the alarm, 4 s before to 4 s after (${duration} s)`);
    await shot(page, 'recordings-alarm-clip.png');
    console.log(`✔ the alarm's clip plays back (currentTime ${t1.toFixed(2)} → ${t2.toFixed(2)} s of ${duration.toFixed(2)} s)`);

    // search: the place of the camera, 100 m, the last three minutes (Beijing time in the inputs)
    await page.fill('[data-testid="rec-lon"]', env('RW_E2E_LON'));
    await page.fill('[data-testid="rec-lat"]', env('RW_E2E_LAT'));
    await page.selectOption('[data-testid="rec-radius"]', '100');
    const local = (ms) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).replace(' ', 'T');
    await page.fill('[data-testid="rec-from"]', local(Date.now() - 3 * 60_000));
    await page.fill('[data-testid="rec-to"]', local(Date.now()));
    await page.click('[data-testid="rec-search"]');
    const cam = page.locator(`[data-testid="rec-camera"][data-camera="${env('RW_E2E_CAMERA')}"]`);
    await cam.waitFor({ timeout: 20_000 });
    await page.waitForFunction((id) => Number(document.querySelector(`[data-testid="rec-camera"][data-camera="${id}"]`)?.dataset.segments) > 0,
      env('RW_E2E_CAMERA'), { timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="rec-camera"][data-camera="cam-rec-far"]').count(), 0, 'the camera 500 m away is not listed');
    assert.ok(await cam.locator('.rec-span').count() > 0, 'its timeline shows recorded spans');
    await cam.locator('[data-testid="rec-play"]').click();
    await page.waitForFunction(() => /正在播放：录像测试摄像机 ·/.test(document.querySelector('[data-testid="rec-playing"]').textContent)
      && !/报警前后/.test(document.querySelector('[data-testid="rec-playing"]').textContent), undefined, { timeout: 20_000 });
    const t3 = await playsPast(page, 1.0);
    await shot(page, 'recordings-search.png');
    console.log(`✔ search by place and time finds the segment (${await cam.getAttribute('data-segments')} segments; playing, currentTime ${t3.toFixed(2)} s)`);
    assert.deepEqual(errors.filter((e) => !/127\.0\.0\.1:9\//.test(e)), [], 'no page error, no failed request');
  } finally {
    await close();
  }
});
