// Browser test of a face gate's watchlist hit on the police's dashboard, driven by command-api's FaceBrowserTest
// (which registers the face gate and the watchlist entry and passes RW_E2E_* settings): the gate publishes a
// face.passage (match=watchlist) and its snapshot; the police's board shows the face.watchlist alarm with the
// picture in its list item and its map popup; the operator's board does not; the police's 平安联盟工作台 lists
// the entry and the passage with its picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import mqtt from 'mqtt';
import { BASE, env, launch, shot } from './support.mjs';

async function publishPassage(msgId) {
  const client = await mqtt.connectAsync(env('RW_E2E_MQTT_URL'), {
    protocolVersion: 5, clientId: env('GATE_CLIENT_ID'), username: env('GATE_USER'), password: env('GATE_PASSWORD'), reconnectPeriod: 0,
  });
  const device = env('GATE_ID');
  const ts = new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
  await client.publishAsync(`cc/v1/devices/${device}/events`, JSON.stringify({
    msgId, ts, type: 'face.passage', direction: 'in', match: 'watchlist', personId: env('RW_E2E_PERSON'), confidence: 0.94,
  }), { qos: 1 });
  await client.publishAsync(`cc/v1/devices/${device}/snapshots`, await readFile(env('RW_E2E_FACE_FRAME')), {
    qos: 1, properties: { userProperties: { eventMsgId: msgId, capturedAt: ts } },
  });
  await client.endAsync();
}

test('a watchlist hit reaches the police\'s dashboard with its picture, not the operator\'s', async () => {
  const { context, close } = await launch({ viewport: { width: 1400, height: 900 } });
  const pageErrors = [];
  const signIn = async (user, path = '/') => {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${user}: ${e}`));
    await page.goto(BASE() + path);
    await page.fill('#username', user);
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('[data-testid="login-submit"], #login-submit');
    return page;
  };
  try {
    const police = await signIn('police');
    const operator = await signIn('operator-yuehe');
    for (const p of [police, operator]) {
      await p.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
      await p.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    }
    const msgId = `e2e-face-${Date.now()}`;
    await publishPassage(msgId);

    // other tests in the same database raise face alarms of their own (FaceAlarmDispatchTest's 张测试): this one is 张某某's
    const item = police.locator('[data-testid="alarm-item"][data-type="face.watchlist"]').filter({ hasText: '张某某' }).first();
    await item.waitFor({ timeout: 30_000 });
    assert.match(await item.locator('.title').innerText(), /人脸布控人员通行：张某某（盗窃嫌疑人）/);
    await item.locator('[data-testid="alarm-picture"] img[data-loaded="true"]').waitFor({ timeout: 30_000 });
    await item.locator('.title').click();
    const popup = police.locator('[data-testid="alarm-popup"]');
    await popup.locator('[data-testid="alarm-picture"] img[data-loaded="true"]').waitFor({ timeout: 30_000 });
    assert.match(await popup.innerText(), /人脸布控人员通行/);
    await police.waitForTimeout(1500);
    await shot(police, 'faces-police-alarm.png');
    console.log('✔ the police see the face alarm with its picture');

    // the operator's board (月河社区, where the gate is): no face alarm, however long we look
    await operator.waitForTimeout(2000);
    assert.equal(await operator.locator('[data-testid="alarm-item"][data-type="face.watchlist"]').count(), 0);
    await shot(operator, 'faces-operator-board.png');
    console.log('✔ the operator does not');

    // the police's workplace: the watchlist and the passages with the picture
    const alliance = await signIn('police', '/alliance.html');
    await alliance.click('[data-testid="tab-face-watchlist"]');
    await alliance.locator(`[data-testid="fw-row-${env('RW_E2E_PERSON')}"]`).waitFor({ timeout: 20_000 });
    await shot(alliance, 'faces-watchlist.png', true);
    await alliance.click('[data-testid="tab-face-passages"]');
    await alliance.fill('[data-testid="fp-device"]', env('GATE_ID'));
    await alliance.click('[data-testid="fp-search"]');
    const row = alliance.locator('[data-testid="fp-row"][data-match="watchlist"]').first();
    await row.waitFor({ timeout: 20_000 });
    await alliance.waitForFunction(() => [...document.querySelectorAll('[data-testid="fp-row"] img')].some((i) => i.complete && i.naturalWidth > 0),
      undefined, { timeout: 20_000 });
    assert.match(await row.innerText(), /张某某（盗窃嫌疑人）/);
    await shot(alliance, 'faces-passages.png', true);
    console.log('✔ face watchlist and passages on the alliance page');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
