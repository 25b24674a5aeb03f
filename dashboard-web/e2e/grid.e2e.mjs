// Browser test of the grid workers' 我的诉求 on the patrol page (/patrol.html) on a phone-sized
// viewport, driven by command-api's GridWorkerBrowserTest (which starts the application and passes
// RW_E2E_* settings). A resident files a request with a photo (REST), the community's operator takes
// it and assigns it to grid1 (REST) while grid1's phone is open: the phone is told, lists it with its
// deadline, opens it (map, distance, an Amap 导航 link in GCJ-02), reports with a photo from the
// camera input, and the case shows 已处置，待评价. grid2, of the same community, never sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wgs84ToGcj02 } from '../src/gcj02.js';
import { env, BASE, shot, launch } from './support.mjs';

// grid1 stands in 第一网格 of 松鹤园社区 (WGS-84, as a phone's GPS gives it); the request is ~120 m away
const HERE = { latitude: 36.7075, longitude: 119.1215, accuracy: 10 };
const PLACE = { lon: 119.1226, lat: 36.7070 };

/** A phone: 390×844 CSS pixels, touch, the position granted and emulated. */
const phone = () => launch({
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  geolocation: HERE, permissions: ['geolocation'],
});

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

/** Logs in on the patrol page and waits until it is ready and live. */
async function logIn(page, username) {
  await page.goto(`${BASE()}/patrol.html`);
  await page.fill('#username', username);
  await page.fill('#password', env('RW_E2E_PASSWORD'));
  await page.click('#login-submit');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  await page.waitForSelector('#conn[data-state="connected"]', { timeout: 20_000 });
}

test('a grid worker is told of a new case, navigates to it and reports it with a photo from the phone; another grid worker never sees it', async () => {
  const grid1 = await phone();
  const grid2 = await phone();
  const patrol = await phone();
  const errors = [];
  try {
    // the resident's request, with a photo of the scene
    const resident = await tokenOf(env('RW_E2E_RESIDENT'));
    const upload = await fetch(`${BASE()}/api/v1/case-photos`, { method: 'POST',
      headers: { 'Content-Type': 'image/webp', Authorization: `Bearer ${resident}` }, body: await readFile(env('RW_E2E_PHOTO')) });
    assert.ok(upload.ok, `the resident's photo: HTTP ${upload.status}`);
    const filed = await act(resident, '/api/v1/cases', { category: 'ENV', description: '3号楼北侧绿化带里堆了很多装修垃圾，已经好几天没人清理，气味很大，晚上还有老鼠出没，请尽快处理',
      photos: [(await upload.json()).url], lon: PLACE.lon, lat: PLACE.lat });

    const page = await grid1.context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push('CSP: ' + m.text()); });
    await logIn(page, env('RW_E2E_GRID_WORKER'));
    await page.click('[data-testid="tab-cases"]');
    await page.waitForSelector('[data-testid="view-cases"]:not([hidden])');
    assert.equal(await page.locator(`[data-testid="grid-case"][data-case-ref="${filed.ref}"]`).count(), 0, 'not theirs before it is assigned');

    // the operator takes it and assigns it to grid1 while the phone is open: the phone is told
    const op = await tokenOf(env('RW_E2E_OPERATOR'));
    await act(op, `/api/v1/cases/${filed.id}/take`);
    await act(op, `/api/v1/cases/${filed.id}/assign`, { assignee: env('RW_E2E_GRID_WORKER'), note: '请今天下午到现场查看并联系物业清运' });
    const notice = page.locator('[data-testid="case-notice"]');
    await notice.filter({ hasText: filed.ref }).waitFor({ timeout: 10_000 });
    assert.match(await notice.innerText(), /^新指派：环境卫生/);
    const card = page.locator(`[data-testid="grid-case"][data-case-ref="${filed.ref}"]`);
    await card.waitFor({ timeout: 10_000 });
    assert.equal(await card.getAttribute('data-status'), 'ASSIGNED');
    assert.equal(await card.locator('[data-testid="case-status"]').innerText(), '处置中');
    assert.match(await card.locator('[data-testid="case-due"]').innerText(), /^办结时限 \d+月\d+日 \d\d:\d\d.* · 剩余 \d+(天\d+小时|小时\d+分)/);
    assert.ok((await card.locator('.g-icon').innerText()).trim().length > 0, 'the category icon');
    assert.ok((await page.locator('[data-testid="cases-badge"]').innerText()) !== '0', 'the tab counts the cases in hand');
    await page.waitForFunction((ref) => document.querySelector(`[data-case-ref="${ref}"] .g-thumbs img`)?.naturalWidth > 0, filed.ref, { timeout: 10_000 });
    await shot(page, 'grid-list.png');

    // the detail: the place and the phone on a map, the distance, 导航 in GCJ-02, the unit's ask, the timeline
    await card.click();
    await page.waitForSelector(`[data-testid="view-case"]:not([hidden])[data-case-id="${filed.id}"]`);
    await page.locator('[data-testid="case-distance"]').filter({ hasText: /距您 \d+ 米/ }).waitFor({ timeout: 10_000 });
    const distance = Number(/距您 (\d+) 米/.exec(await page.locator('[data-testid="case-distance"]').innerText())[1]);
    assert.ok(distance > 80 && distance < 160, `about 120 m: ${distance}`);
    const href = await page.locator('[data-testid="case-nav"]').getAttribute('href');
    const [gx, gy] = wgs84ToGcj02(PLACE.lon, PLACE.lat);
    assert.ok(href.startsWith('https://uri.amap.com/navigation?'), href);
    assert.ok(href.includes(`to=${gx.toFixed(6)},${gy.toFixed(6)},`), `GCJ-02 target ${gx},${gy} in ${href}`);
    assert.ok(Math.abs(gx - PLACE.lon) > 0.003, 'GCJ-02 is not WGS-84 here');
    assert.match(href, /mode=walk/);
    assert.match(href, /coordinate=gaode/);
    assert.match(await page.locator('[data-testid="case-asks"]').innerText(), /请今天下午到现场查看并联系物业清运/);
    const steps = await page.locator('[data-testid="case-timeline"] li').allInnerTexts();
    assert.ok(steps.some((s) => s.includes('指派')) && steps.some((s) => s.includes('接单')) && steps.some((s) => s.includes('居民提交')),
      `the timeline in words: ${steps.join(' | ')}`);
    assert.ok(steps.every((s) => !/\b(assign|take|submit)\b/.test(s)), 'no raw action codes');
    assert.equal(await page.locator('#case-map .maplibregl-marker').count(), 2, 'the place and the phone on the map');
    await shot(page, 'grid-detail.png');

    // 上报处置: the note is required; a photo from the camera input, uploaded with its progress, 处置后
    await page.click('[data-testid="open-report"]');
    await page.waitForSelector('[data-testid="report-dialog"][open]');
    assert.equal(await page.locator('[data-testid="report-photos"]').getAttribute('capture'), 'environment');
    await page.click('[data-testid="report-submit"]');
    assert.equal(await page.locator('[data-testid="report-note-error"]').innerText(), '请填写处置情况');
    await page.fill('[data-testid="report-note"]', '已联系物业将装修垃圾全部清运，绿化带已清扫干净');
    await page.setInputFiles('[data-testid="report-photos"]', env('RW_E2E_PHOTO'));
    await page.locator('[data-testid="report-photo-list"] [data-testid="photo"][data-state="uploaded"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('[data-testid="stage-after"]').isChecked(), true);
    await shot(page, 'grid-report.png');
    await page.click('[data-testid="report-submit"]');
    await page.waitForSelector('[data-testid="report-dialog"]:not([open])', { state: 'attached', timeout: 10_000 });
    await page.waitForSelector(`[data-testid="view-case"][data-status="HANDLED"]`, { timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="detail-status"]').innerText(), '已处置，待评价');
    assert.equal(await page.locator('[data-testid="open-report"]').count(), 0, 'reported once');
    await page.locator('[data-testid="case-photo"][data-stage="AFTER"]').waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="case-photo"]')].every((i) => i.naturalWidth > 0), null, { timeout: 10_000 });
    await page.evaluate(() => document.querySelector('[data-testid="case-photos"]').scrollIntoView({ block: 'start' }));
    await shot(page, 'grid-reported.png');
    await page.click('[data-testid="case-back"]');
    assert.equal(await card.getAttribute('data-status'), 'HANDLED');
    await shot(page, 'grid-list-after.png');

    // grid2, of the same community, neither lists nor opens grid1's case
    const other = await grid2.context.newPage();
    other.on('pageerror', (e) => errors.push(String(e)));
    await logIn(other, env('RW_E2E_GRID_WORKER_2'));
    await other.click('[data-testid="tab-cases"]');
    await other.waitForSelector('[data-testid="view-cases"]:not([hidden])');
    await other.waitForFunction(() => document.querySelector('[data-testid="cases-list"]').children.length > 0
      || !document.querySelector('[data-testid="cases-empty"]').hidden, null, { timeout: 10_000 });
    assert.equal(await other.locator(`[data-testid="grid-case"][data-case-ref="${filed.ref}"]`).count(), 0, 'grid2 does not see it');
    const seen = await fetch(`${BASE()}/api/v1/cases/${filed.id}`, { headers: { Authorization: `Bearer ${await tokenOf(env('RW_E2E_GRID_WORKER_2'))}` } });
    assert.equal(seen.status, 404);
    await shot(other, 'grid2-list.png');

    // a patrol member's page has no 我的诉求 (patrol members hold no cases)
    const member = await patrol.context.newPage();
    await logIn(member, env('RW_E2E_PATROL'));
    assert.equal(await member.locator('[data-testid="tab-cases"]').isHidden(), true);
    assert.deepEqual(errors, []);
  } finally {
    await grid1.close();
    await grid2.close();
    await patrol.close();
  }
});
