// One operators' dashboard in headless Chromium under load, driven by scripts/bench-push.sh.
// Records, inside the page: when each alarm's STOMP MESSAGE reached the page's WebSocket (epoch ms,
// performance.timeOrigin + now), how many position frames its positions worker received, and every long task of the main
// thread (PerformanceObserver 'longtask', over 50 ms by definition). Writes them as JSON.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through scripts/bench-push.sh)`);
  return v;
};

const userDataDir = await mkdtemp(join(tmpdir(), 'rw-bench-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: env('RW_BENCH_CHROMIUM'),
  headless: true,
  viewport: { width: 1400, height: 860 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
    // Headless Chromium without a GPU composites in software: every frame, the main thread reads the map's WebGL canvas
    // back (GLES2::ReadPixels inside Commit) and waits for SwiftShader to finish drawing it; a trace (RW_BENCH_TRACE)
    // showed that wait was every long task over 100 ms. An operator's workstation composites on its GPU instead.
    // RW_BENCH_GPU_COMPOSITING=1 makes Chromium treat SwiftShader as a GPU (compositing in the GPU process, as on a real
    // machine): no readback on the main thread, but the compositing then costs this 2-core machine more CPU in total.
    ...(process.env.RW_BENCH_GPU_COMPOSITING === '1'
      ? ['--ignore-gpu-blocklist', '--enable-gpu-rasterization', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-gpu-compositing']
      : [])],
});
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', String(e)));
  await page.addInitScript(() => {
    const rw = { alarms: {}, longTasks: [] };
    window.__rwBench = rw;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rw.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        // registered before the application's own handler, so this is when the page got the frame
        this.addEventListener('message', (e) => {
          const at = performance.timeOrigin + performance.now();
          const d = e.data;
          if (typeof d !== 'string' || !d.startsWith('MESSAGE')) return;
          if (d.includes('destination:/topic/alarms')) {
            const m = /"eventMsgId":"([^"]+)"/.exec(d);
            if (m && !(m[1] in rw.alarms)) rw.alarms[m[1]] = at;
          }
        });
      }
    };
  });
  await page.goto(env('RW_BENCH_BASE_URL'));
  await page.fill('#username', env('RW_BENCH_USER'));
  await page.fill('#password', env('RW_BENCH_PASSWORD'));
  await page.click('#login-submit');
  await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('#conn[data-state="connected"]', { timeout: 60_000 });
  // the window starts once the page is up and the members are moving
  await page.waitForTimeout(10_000);
  const from = await page.evaluate(() => performance.now());
  // position frames come into the dashboard's positions worker, which writes its count on the overlay
  const overlayFrames = () => page.evaluate(() => Number(document.querySelector('[data-testid="terminal-overlay"]')?.dataset.frames ?? 0));
  const framesBefore = await overlayFrames();
  // optionally, where the main thread spends its time (CDP sampling profiler, 30 s): self time per function
  if (process.env.RW_BENCH_PROFILE) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await page.waitForTimeout(30_000);
    const { profile } = await cdp.send('Profiler.stop');
    const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
    const self = new Map();
    for (const n of profile.nodes) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0) * dt);
    }
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`);
    await writeFile(process.env.RW_BENCH_PROFILE, top.join('\n') + '\n');
  }
  // optionally, what the main thread's long tasks are made of (CDP trace, RW_BENCH_TRACE_S seconds, 15 by default): per task over 100 ms, its
  // biggest children by total time (script, style, layout, paint, GC...)
  if (process.env.RW_BENCH_TRACE) {
    const cdp = await context.newCDPSession(page);
    const chunks = [];
    const complete = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,gpu', transferMode: 'ReturnAsStream' });
    const traceS = Number(process.env.RW_BENCH_TRACE_S ?? 15);
    await page.waitForTimeout(traceS * 1000);
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
      if (eof) break;
    }
    const parsed = JSON.parse(chunks.join(''));
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    // the dashboard's renderer: of the renderer main threads, the busiest one
    const busy = new Map();
    for (const e of events) if (e.ph === 'X' && e.dur) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
    const main = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .sort((a, b) => (busy.get(`${b.pid}:${b.tid}`) ?? 0) - (busy.get(`${a.pid}:${a.tid}`) ?? 0))[0];
    const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
    const tasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > 100_000);
    const lines = [`${tasks.length} main-thread tasks over 100 ms in ${traceS} s`];
    // how often the page draws: canvas readbacks, commits, animation frames (count and total ms over the trace)
    for (const name of ['GLES2::ReadPixels', 'Commit', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'Paint', 'v8.callFunction', 'MajorGC', 'MinorGC']) {
      const es = onMain.filter((e) => e.name === name);
      lines.push(`  ${name}: ${es.length} times, ${(es.reduce((s, e) => s + e.dur, 0) / 1000).toFixed(0)} ms`);
    }
    // everything the main thread did, by event name (nested events count in their parents too)
    const all = new Map();
    for (const e of onMain) all.set(e.name, (all.get(e.name) ?? 0) + e.dur);
    lines.push('  main thread, all events: ' + [...all.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)
      .map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', '));
    // the GPU process's main thread (SwiftShader draws the WebGL there): its busy time and its biggest tasks
    const gpu = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrGpuMain');
    if (gpu) {
      const onGpu = events.filter((e) => e.pid === gpu.pid && e.tid === gpu.tid && e.ph === 'X' && e.dur);
      const top = onGpu.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
      const byName = new Map();
      for (const e of onGpu) if (e.dur > 1000) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
      lines.push(`  GPU main thread: ${top.length} tasks, ${(top.reduce((s, e) => s + e.dur, 0) / 1000).toFixed(0)} ms busy; ` +
        [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', '));
    }
    for (const t of tasks.slice(0, 20)) {
      const inside = new Map();
      for (const e of onMain) {
        if (e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur) inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur);
      }
      const top = [...inside.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', ');
      lines.push(`${(t.dur / 1000).toFixed(0)} ms: ${top}`);
    }
    await writeFile(process.env.RW_BENCH_TRACE, lines.join('\n') + '\n');
  }
  // until the load bench says it is done
  const done = env('RW_BENCH_DONE_FILE');
  while (!existsSync(done)) await page.waitForTimeout(1000);
  const r = await page.evaluate((from) => {
    const rw = window.__rwBench;
    return {
      alarms: rw.alarms,
      longTasks: rw.longTasks.filter((t) => t.start >= from).map((t) => t.duration),
      // when (s into the window) each task over 100 ms began, to tell a one-off from a pattern
      longTasksOver100: rw.longTasks.filter((t) => t.start >= from && t.duration > 100).map((t) => ({ atS: (t.start - from) / 1000, ms: t.duration })),
      windowS: (performance.now() - from) / 1000,
      // how many terminals the overlay holds (set on each redraw)
      onMap: Number(document.querySelector('[data-testid="terminal-overlay"]')?.dataset.total ?? 0),
    };
  }, from);
  r.positionFrames = (await overlayFrames()) - framesBefore;
  await page.screenshot({ path: env('RW_BENCH_SCREENSHOT') });
  await writeFile(env('RW_BENCH_OUT'), JSON.stringify(r));
  console.log(`browser: ${Object.keys(r.alarms).length} alarms, ${r.positionFrames} position frames, ${r.longTasks.length} long tasks in ${r.windowS.toFixed(0)} s`);
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
