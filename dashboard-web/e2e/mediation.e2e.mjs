// Browser test of 小调解 on the village page (/village.html), driven by command-api's MediationBrowserTest (which
// starts the application, puts the mediation team into the registry and passes RW_E2E_* settings). Runs the
// Debian Chromium via playwright-core.
//
// A dispute goes up the whole village chain: the household's 代办员 (agent-1) opens it and records a session,
// then escalates it with a reason → a mediator (mediator) records a session and escalates it → the legal
// adviser (lawyer-1) drafts the terms, generates the agreement (调解协议书), downloads the PDF and signs it off
// → the committee (committee-dongding) sees it settled in its overview with the rosters and statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through MediationBrowserTest / scripts/test.sh)`);
  return v;
};
const shot = (page, name, fullPage = true) => page.screenshot({ path: join(env('RW_E2E_SCREENSHOTS'), name), fullPage });

const TITLE = `院墙滴水纠纷 ${Date.now() % 100000}`;

test('a dispute goes from the 代办员 to the mediators to the legal adviser and ends in a signed agreement', async () => {
  const base = env('RW_E2E_BASE_URL');
  const browser = await chromium.launch({ executablePath: env('RW_E2E_CHROMIUM'), headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  const pageErrors = [];
  const signIn = async (user, width = 1280) => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${user}: ${e}`));
    page.on('dialog', (d) => { pageErrors.push(`${user}: window.${d.type()} used`); void d.dismiss(); });
    await page.goto(`${base}/village.html`);
    await page.fill('#username', user);
    await page.fill('#password', env('RW_E2E_PASSWORD'));
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.click('[data-testid="tab-mediation"]');
    await page.waitForSelector('[data-testid="mediation-list"] tr', { timeout: 15_000 });
    return page;
  };
  const openDispute = async (page) => {
    await page.locator('[data-testid="mediation-list"] tr', { hasText: TITLE }).locator('button').click();
    await page.waitForSelector(`[data-testid="dispute-title"]:has-text("${TITLE}")`);
  };
  const detail = (page) => page.locator('[data-testid="mediation-detail"]');
  const session = async (page, place, notes) => {
    await detail(page).locator('[data-testid="session-place"]').fill(place);
    await detail(page).locator('[data-testid="session-notes"]').fill(notes);
    await detail(page).locator('[data-testid="session-save"]').click();
    await detail(page).locator('[data-testid="dispute-sessions"]', { hasText: place }).waitFor({ timeout: 10_000 });
  };
  try {
    // 1. the 代办员 opens the dispute at their level, records a session, escalates with a reason
    const agent = await signIn('agent-1', 390);
    const open = agent.locator('[data-testid="mediation-open"]');
    await open.locator('[data-testid="open-title"]').fill(TITLE);
    await open.locator('[data-testid="open-category"]').selectOption('BUILDING_ADJACENCY');
    assert.deepEqual(await open.locator('[data-testid="open-level"] option').allTextContents(), ['代办员']);
    await open.locator('[data-testid="open-applicant"]').fill('李大成');
    await open.locator('[data-testid="open-applicant-details"]').fill('东顶村老村西片 12 号，电话 13911112222');
    await open.locator('[data-testid="open-respondent"]').fill('王二顺');
    await open.locator('[data-testid="open-respondent-details"]').fill('东顶村老村西片 13 号');
    await open.locator('[data-testid="open-description"]').fill('王家新砌院墙未设檐沟，雨水滴入李家院内，双方多次争吵。');
    await open.locator('[data-testid="open-save"]').click();
    await agent.waitForSelector(`[data-testid="dispute-title"]:has-text("${TITLE}")`);
    assert.match(await detail(agent).locator('[data-testid="dispute-title"]').textContent(), /代办员一级/);
    assert.match(await detail(agent).locator('[data-testid="dispute-due"]').textContent(), /^\d{4}\/\d{2}\/\d{2} 23:59$/);
    await session(agent, '李大成家院内', '听取双方意见，王二顺不同意加装檐沟。');
    // on the phone: the list, then the dispute's detail, each as the screen shows it
    await agent.evaluate(() => window.scrollTo(0, 0));
    await shot(agent, 'mediation-agent-list.png', false);
    await detail(agent).locator('[data-testid="dispute-title"]').scrollIntoViewIfNeeded();
    await agent.evaluate(() => document.querySelector('[data-testid="dispute-title"]').scrollIntoView({ block: 'start' }));
    await shot(agent, 'mediation-agent.png', false);
    await detail(agent).locator('[data-testid="escalate-reason"]').fill('代办员调解未果，请调解员介入');
    await detail(agent).locator('[data-testid="escalate-save"]').click();
    await agent.waitForSelector('[data-testid="dispute-title"]:has-text("调解员、和事佬一级")');
    assert.equal(await detail(agent).locator('[data-testid="session-save"]').count(), 0, 'the agent no longer handles it');

    // 2. the mediator records a session and escalates to the legal adviser, whose page is open: the adviser is told
    const lawyer = await signIn('lawyer-1');
    const mediator = await signIn('mediator');
    await openDispute(mediator);
    await session(mediator, '村人民调解委员会调解室', '调解员、和事佬到场说和，双方对相邻权有分歧。');
    await detail(mediator).locator('[data-testid="escalate-reason"]').fill('涉及相邻关系法律规定，请法律顾问释法');
    await detail(mediator).locator('[data-testid="escalate-save"]').click();
    await mediator.waitForSelector('[data-testid="dispute-title"]:has-text("法律顾问一级")');
    await shot(mediator, 'mediation-mediator.png');

    // 3. the legal adviser, told on their page (/user/queue/alerts), drafts the terms, generates the agreement,
    //    downloads it and signs it off
    const notice = lawyer.locator('[data-testid="village-notice"]', { hasText: TITLE });
    await notice.waitFor({ timeout: 15_000 });
    await shot(lawyer, 'mediation-lawyer-notice.png');
    await notice.click();
    await openDispute(lawyer);
    await detail(lawyer).locator('[data-testid="agreement-terms"]').fill('王二顺于院墙顶加装檐沟，将雨水引向自家院内；李大成予以配合。');
    await detail(lawyer).locator('[data-testid="agreement-performance"]').fill('王二顺自行施工，代办员回访验收');
    await detail(lawyer).locator('[data-testid="agreement-due"]').fill('2027-01-31');
    await detail(lawyer).locator('[data-testid="agreement-save"]').click();
    await detail(lawyer).locator('[data-testid="agreement-generate"]').click();
    await detail(lawyer).locator('[data-testid="dispute-download"]').waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([lawyer.waitForEvent('download'), detail(lawyer).locator('[data-testid="dispute-download"]').click()]);
    const pdf = await readFile(await download.path());
    await download.saveAs(join(env('RW_E2E_SCREENSHOTS'), 'mediation-agreement.pdf'));
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    assert.match(download.suggestedFilename(), /^调解协议书-.*\.pdf$/);
    console.log(`agreement ${download.suggestedFilename()}: ${pdf.length} bytes`);
    await shot(lawyer, 'mediation-lawyer-agreement.png');
    await detail(lawyer).locator('[data-testid="signoff-save"]').click();
    await lawyer.waitForSelector('[data-testid="dispute-signed"]');
    assert.match(await detail(lawyer).locator('[data-testid="dispute-title"]').textContent(), /调解成功/);
    await shot(lawyer, 'mediation-lawyer-signed.png');

    // 4. the committee's overview: the dispute settled, the rosters, the statistics
    const committee = await signIn('committee-dongding');
    await committee.locator('[data-testid="mediation-list"] tr', { hasText: TITLE }).filter({ hasText: '调解成功' }).waitFor();
    await committee.waitForSelector('[data-testid="stats-rate"]');
    assert.match(await committee.locator('[data-testid="stats-rate"]').textContent(), /“小事不出村”率：\d+(\.\d)?%/);
    await shot(committee, 'mediation-committee.png');
    assert.deepEqual(pageErrors, []);
    console.log('✔ mediation chain done');
  } finally {
    await browser.close();
  }
});
