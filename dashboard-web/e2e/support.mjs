// What every browser script needs (the scripts are run by command-api's browser tests through
// org.redwhistle.testing.BrowserScript, which sets the RW_E2E_* settings): a setting, the application's
// address, a screenshot in the run's screenshot folder, and the Debian Chromium in its own profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** A setting the browser test passes; missing means the script was not run through it. */
export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run the script through its browser test / scripts/test.sh)`);
  return v;
};

export const BASE = () => env('RW_E2E_BASE_URL');

export const shot = (page, name, fullPage = false) => page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), name), fullPage });

/** Chromium in a profile of its own (zh-CN, Asia/Shanghai), with {@code options} for the context; close() removes the profile. */
export const launch = async (options) => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env('RW_E2E_CHROMIUM'),
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    ...options,
  });
  return { context, close: async () => { await context.close(); await rm(userDataDir, { recursive: true, force: true }); } };
};
