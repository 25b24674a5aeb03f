// Browser test of supervision the leader can see, driven by command-api's WorkbenchBrowserTest after it let a
// department's own limit pass and ran the supervision sweep (RW_E2E_REF: the case; RW_E2E_UNIT: the department
// the order is counted against). The leader's 区情总览 lists the 督办单; a click puts the case on the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through WorkbenchBrowserTest / scripts/test.sh)`);
  return v;
};

test('the leader sees the supervision order of a department that let its limit pass, and opens the case from it', async () => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'), headless: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    viewport: { width: 1600, height: 940 },
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => { pageErrors.push(`window.${d.type()} used`); void d.dismiss(); });
    await page.goto(env('RW_E2E_BASE_URL'));
    await page.fill('#username', 'leader');
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });
    const ref = env('RW_E2E_REF');
    const order = page.locator(`[data-testid="supervision-item"][data-case-ref="${ref}"]`).first();
    await order.waitFor({ timeout: 20_000 });
    assert.match(await order.innerText(), new RegExp(env('RW_E2E_UNIT')));
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'leader-supervision-order.png') });
    await order.click();
    const popup = page.locator('[data-testid="case-popup"]');
    await popup.waitFor({ timeout: 10_000 });
    assert.match(await popup.innerText(), new RegExp(ref));
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'leader-supervision-case.png') });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});
