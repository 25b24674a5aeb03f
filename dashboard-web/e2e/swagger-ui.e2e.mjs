// The REST contract's Swagger UI in a real Chromium, under the server's Content-Security-Policy:
// it must render every operation of /v3/api-docs and show who may call one, with no CSP refusal.
// Run by OpenApiContractTest (command-api), which starts the application.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

test('Swagger UI renders the served document, with the roles of an operation, under the CSP', async () => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'),
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const refused = [];
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) refused.push(m.text()); });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${env('RW_E2E_BASE_URL')}/swagger-ui.html`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const operations = await page.locator('.opblock').count();
    assert.ok(operations >= Number(process.env.RW_E2E_OPERATIONS ?? 1), `${operations} operations shown`);
    const title = await page.locator('.info .title').innerText();
    assert.match(title, /Red Whistle/);
    // open one operation: its description names the permission and the roles holding it
    const acknowledge = page.locator('.opblock', { has: page.locator('[data-path="/api/v1/alarms/{id}/acknowledge"]') });
    await acknowledge.locator('.opblock-summary').first().click();
    await page.waitForSelector('.opblock.is-open .opblock-description-wrapper', { timeout: 10_000 });
    const description = await acknowledge.locator('.opblock-description-wrapper').first().innerText();
    assert.match(description, /alarms\.command/);
    assert.match(description, /OPERATOR/);
    await acknowledge.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), 'swagger-ui.png') });
    assert.deepEqual(refused, [], 'the Content-Security-Policy refused nothing');
    assert.deepEqual(pageErrors, [], 'no script error');
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});
