// Browser test of the camera catalogue (国标目录) on the operators' dashboard, driven by command-api's
// CatalogBrowserTest (which starts the application, writes a GB2312 catalogue file and passes RW_E2E_*
// settings). 松鹤园社区's operator opens a camera on the map and reads its 国标编码, exports the area's
// catalogue (a GB2312 Catalog holding that code), checks the file in a dry run (the table names each
// refused item's code and the reason in Chinese), imports it (the good item goes in), and sees the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through CatalogBrowserTest / scripts/test.sh)`);
  return v;
};
const shot = (page, name) => page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), name) });

test('the operator reads a camera\'s 国标编码, exports the catalogue and imports one with a bad item', async () => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'), headless: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push(`CSP: ${m.text()}`); });
    await page.goto(env('RW_E2E_BASE_URL'));
    await page.fill('#username', 'operator');
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('#login-submit');
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 });

    // the camera on the map: its popup names its national code
    const code = env('RW_E2E_CAMERA_CODE');
    const lon = Number(env('RW_E2E_CAMERA_LON'));
    const lat = Number(env('RW_E2E_CAMERA_LAT'));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="stat-devices"]')?.textContent?.split('/')[1]) > 0);
    const [x, y] = await page.evaluate(([a, b]) => window.rwMapPixel(a, b), [lon, lat]);
    const box = await page.locator('#map canvas.maplibregl-canvas').boundingBox();
    await page.mouse.click(box.x + x, box.y + y);
    const popup = page.locator('[data-testid="device-popup"]');
    await popup.waitFor({ timeout: 10_000 });
    assert.match(await popup.innerText(), new RegExp(`国标编码\\s*${code}`));
    await shot(page, 'catalog-popup.png');

    // 国标目录: export the area's catalogue
    await page.click('[data-testid="catalog-open"]');
    const dialog = page.locator('[data-testid="catalog"]');
    await dialog.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="catalog-export"]')]);
    assert.match(download.suggestedFilename(), /^国标目录-\d{20}\.xml$/);
    const exported = await readFile(await download.path());
    assert.equal(exported.subarray(0, 39).toString('latin1'), '<?xml version="1.0" encoding="GB2312"?>');
    assert.ok(exported.includes(Buffer.from(`<DeviceID>${code}</DeviceID>`)), 'the camera is in the exported catalogue');
    await dialog.locator('[data-testid="catalog-export-result"]').filter({ hasText: '已导出' }).waitFor();

    // a dry run of a catalogue with one good and two bad items: nothing written, each refusal with its reason
    await page.setInputFiles('[data-testid="catalog-file"]', env('RW_E2E_CATALOG_FILE'));
    assert.equal(await page.isChecked('[data-testid="catalog-dry"]'), true, 'a dry run is the default');
    await page.click('[data-testid="catalog-import"]');
    await page.waitForSelector('[data-testid="catalog-summary"]');
    assert.match(await page.textContent('[data-testid="catalog-summary"]'), /校验结果（未写入）：共 3 条，新增 1，更新 0，无变化 0，拒绝 2。/);
    const rows = await dialog.locator('[data-testid="catalog-row"]').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.match(rows[0], /37070501011320000951\s+浏览器导入的摄像机\s+新增\s+gb-37070501011320000951/);
    assert.match(rows[1], /37070501011180000952\s+一台录像机\s+拒绝\s+类型编码“118”（网络视频录像机 NVR）不是摄像机类型/);
    assert.match(rows[2], /37070501011320000953\s+没有坐标\s+拒绝\s+缺少经纬度（Longitude\/Latitude），无法确定所在网格/);
    await shot(page, 'catalog-import-dry.png');

    // the import itself: the good item goes in, the bad ones stay out, and the map shows the new camera
    const total = () => Number(document.querySelector('[data-testid="stat-devices"]')?.textContent?.split('/')[1]);
    const before = await page.evaluate(total);
    await page.uncheck('[data-testid="catalog-dry"]');
    await page.click('[data-testid="catalog-import"]');
    await page.waitForFunction(() => /导入完成/.test(document.querySelector('[data-testid="catalog-summary"]')?.textContent ?? ''));
    assert.match(await page.textContent('[data-testid="catalog-summary"]'), /导入完成：共 3 条，新增 1，更新 0，无变化 0，拒绝 2。/);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="stat-devices"]')?.textContent?.split('/')[1]) === n,
      before + 1, { timeout: 10_000 });
    await shot(page, 'catalog-import.png');
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
});
