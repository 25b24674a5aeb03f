// Browser test of a dashboard whose instance dies (issue 23), driven by command-api's LoadBalancedDashboardBrowserTest:
// two instances behind the repository's HAProxy configuration, the page opened through the balancer. The test finds
// the WebSocket of the page's own STOMP session (the one subscribed to /topic/alarms) and the instance that answered
// its handshake (HAProxy's X-Red-Whistle-Instance header); it reloads until that is rw-2, SIGKILLs rw-2, raises a wall
// alarm while the page is cut off, and expects the page to show it is reconnecting, to reconnect through the balancer
// (to rw-1), to resynchronise and to show the alarm it missed, then to receive the next one live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { BASE, env, launch, shot } from './support.mjs';

const beijing = () => new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');

async function intrusion(msgId) {
  const client = await mqtt.connectAsync(env('RW_E2E_MQTT_URL'), {
    protocolVersion: 5,
    clientId: env('RW_E2E_WALL_CLIENT_ID'),
    username: env('RW_E2E_WALL_USER'),
    password: env('RW_E2E_WALL_PASSWORD'),
    reconnectPeriod: 0,
  });
  await client.publishAsync(`cc/v1/devices/${env('RW_E2E_WALL_ID')}/events`, JSON.stringify({
    msgId, ts: beijing(), type: 'perimeter.intrusion', lon: 119.1318, lat: 36.7040, zoneId: 'SHY-LB', sensor: 'vibration-1',
  }), { qos: 1 });
  await client.endAsync();
}

/** The alarm raised by the event {@code msgId}, asked of the balancer outside the browser; null while there is none. */
async function alarmOf(token, msgId) {
  const r = await fetch(`${BASE()}/api/v1/alarms?limit=200`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  const body = await r.json();
  return (Array.isArray(body) ? body : body.items).find((a) => a.eventMsgId === msgId) ?? null;
}

/** Closes an alarm as a false alarm, through the balancer, so that the next intrusion raises a new one. */
async function falseAlarm(token, id) {
  const r = await fetch(`${BASE()}/api/v1/alarms/${id}/false-alarm`, { method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ note: '负载均衡测试结束' }) });
  assert.equal(r.status, 200, `closing alarm ${id}`);
}

test('a dashboard whose instance is killed shows it is reconnecting, reconnects through the balancer and shows the alarm it missed', async () => {
  const { context, close } = await launch({ viewport: { width: 1400, height: 860 } });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // the page's WebSockets, by CDP request id: the instance that answered the handshake and whether it carries the alarms
    const sockets = new Map();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketCreated', (e) => sockets.set(e.requestId, { instance: null, alarms: false, closed: false, at: Date.now() }));
    cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
      const s = sockets.get(e.requestId);
      const h = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'x-red-whistle-instance');
      if (s && h) s.instance = h[1];
    });
    cdp.on('Network.webSocketFrameSent', (e) => {
      const s = sockets.get(e.requestId);
      if (s && /^SUBSCRIBE\n/.test(e.response.payloadData) && /\ndestination:\/topic\/alarms\n/.test(e.response.payloadData)) s.alarms = true;
    });
    cdp.on('Network.webSocketClosed', (e) => { const s = sockets.get(e.requestId); if (s) s.closed = true; });
    const alarmSocket = () => [...sockets.values()].filter((s) => s.alarms && !s.closed).sort((a, b) => b.at - a.at)[0];

    await page.goto(BASE());
    await page.fill('#username', env('RW_E2E_USER'));
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    // round robin: reload (the session stays in the tab) until the page's live session is on rw-2
    let loads = 1;
    for (;;) {
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
      await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
      const deadline = Date.now() + 5_000;
      while (!alarmSocket()?.instance && Date.now() < deadline) await page.waitForTimeout(100);
      const on = alarmSocket()?.instance;
      assert.ok(on, 'the page subscribed to /topic/alarms through the balancer, and the balancer named the instance');
      if (on === 'rw-2') break;
      assert.ok(loads < 12, `the balancer put the page's live session on ${on} ${loads} times in a row`);
      sockets.clear();
      await page.reload();
      loads++;
    }
    console.log(`the page's live session is on rw-2 (page load ${loads})`);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('rw.session')).accessToken);

    // rw-2 dies under the page; a wall alarm is raised while the page is cut off (rw-1 ingests)
    const killed = Date.now();
    process.kill(Number(env('RW_E2E_KILL_PID')), 'SIGKILL');
    const missed = `lb-missed-${killed}`;
    await intrusion(missed);
    await page.waitForSelector('#conn:not([data-state="connected"])', { timeout: 15_000 });
    const cutAfter = Date.now() - killed;
    const shown = await page.locator('#conn-text').innerText();
    assert.match(shown, /已断开，正在重连|连接中/, 'the page says in words that it is reconnecting');
    await shot(page, 'dashboard-failover-reconnecting.png');
    let raised = null;
    while (!raised) {
      assert.ok(Date.now() - killed < 15_000, 'the alarm was raised within 15 s of the publish');
      raised = await alarmOf(token, missed);
      if (!raised) await new Promise((r) => setTimeout(r, 100));
    }
    const raisedAt = Date.now();
    const wasConnected = await page.locator('#conn[data-state="connected"]').count();
    assert.equal(wasConnected, 0, 'the alarm was raised while the page was not connected (it reconnects after 2 s)');

    // the page reconnects through the balancer, to rw-1, and resynchronises
    await page.waitForSelector('#conn[data-state="connected"]', { timeout: 30_000 });
    const backAfter = Date.now() - killed;
    assert.equal(alarmSocket()?.instance, 'rw-1', 'the new live session is on the surviving instance');
    const item = page.locator(`[data-testid="alarm-item"][data-alarm-id="${raised.id}"]`);
    await item.waitFor({ timeout: 10_000 });
    const resyncedAfter = Date.now() - killed;
    assert.ok(raisedAt - killed < backAfter, 'the alarm came before the page was back: only the resync can have shown it');
    await item.click();
    await page.waitForTimeout(800);
    await shot(page, 'dashboard-failover-resynced.png');

    // and what comes next arrives live, on rw-1 (a new alarm: the wall's open one would only count the intrusion again)
    await falseAlarm(token, raised.id);
    const next = `lb-next-${Date.now()}`;
    const sent = Date.now();
    await intrusion(next);
    let nextAlarm = null;
    while (!nextAlarm) {
      assert.ok(Date.now() - sent < 15_000, 'the next alarm was raised');
      nextAlarm = await alarmOf(token, next);
      if (!nextAlarm) await new Promise((r) => setTimeout(r, 100));
    }
    await page.locator(`[data-testid="alarm-item"][data-alarm-id="${nextAlarm.id}"]`).waitFor({ timeout: 10_000 });
    const liveAfter = Date.now() - sent;
    console.log(`dashboard through HAProxy: rw-2 SIGKILLed under the page; the page showed 「${shown}」 ${cutAfter} ms after the kill, `
      + `was connected again (to rw-1) ${backAfter} ms after it and showed the alarm raised meanwhile ${resyncedAfter} ms after it; `
      + `the next alarm arrived live ${liveAfter} ms after its publish`);
    assert.deepEqual(pageErrors, []);
    await falseAlarm(token, nextAlarm.id);
  } finally {
    await close();
  }
});
