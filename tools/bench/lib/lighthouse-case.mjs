// Case 9: Lighthouse 12 (npm lighthouse, pinned: 13 needs Node 22) on the site as the bench
// serves it (tools/lib/site-server.mjs, which compresses as a static host does): the front page,
// the lesson's static page and widget.html, with its mobile preset (a mid-range phone: slow 4G,
// CPU 4x slower, simulated) and its desktop preset. Category scores (performance,
// accessibility, best practices, SEO) and the lab metrics a reader feels: CLS, LCP, TBT.
// Each run is Lighthouse's own CLI in a child process with its own Chromium (Debian's, through
// CHROME_PATH) and a fresh profile, as `npx lighthouse URL` would run it; its JSON report is
// kept under build/bench/lighthouse/ for reading the audits behind a score.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { CHROMIUM } from '../../lib/chromium.mjs';
import { LESSON } from './page-cases.mjs';

const run = promisify(execFile);

export const LIGHTHOUSE_PAGES = [
  { name: 'front page', path: 'index.html' },
  { name: 'lesson page', path: LESSON },
  { name: 'widget page', path: `widget.html?src=${encodeURIComponent('/widgets/optimization_lab.titanic.json')}` },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** The issue's targets: every page 100 in accessibility, best practices and SEO; the lesson
 *  page on the mobile preset performance >= 95, CLS <= 0.05, LCP <= 2.5 s, TBT <= 200 ms. */
export const LIGHTHOUSE_TARGETS = { categories: 100, lesson_mobile: { performance: 95, cls: 0.05, lcp_ms: 2500, tbt_ms: 200 } };

/** One Lighthouse run of `url`; the parsed report. */
async function lighthouse(root, url, preset, out) {
  const cli = join(root, 'node_modules/lighthouse/cli/index.js');
  const args = [cli, url, '--quiet', '--output=json', `--output-path=${out}`, `--only-categories=${CATEGORIES.join(',')}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync'];
  if (preset === 'desktop') args.push('--preset=desktop');
  await run(process.execPath, args, { cwd: root, env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** What the bench keeps of a report: scores 0-100, the metrics, and the audits that cost points
 *  (weighted, below a full score) so a missed 100 names its cause. */
function summary(report) {
  const audit = (id) => report.audits[id]?.numericValue ?? null;
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c.replace('-', '_'), report.categories[c]?.score === null || report.categories[c]?.score === undefined
    ? null : Math.round(report.categories[c].score * 100)]));
  const failing = [];
  for (const c of CATEGORIES) {
    for (const ref of report.categories[c]?.auditRefs ?? []) {
      const a = report.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push({ category: c, audit: ref.id, score: a.score, value: a.displayValue ?? '' });
    }
  }
  return {
    scores, cls: audit('cumulative-layout-shift'), lcp_ms: audit('largest-contentful-paint'), tbt_ms: audit('total-blocking-time'),
    fcp_ms: audit('first-contentful-paint'), speed_index_ms: audit('speed-index'),
    text_compression_savings_bytes: report.audits['uses-text-compression']?.details?.overallSavingsBytes ?? null,
    runtime_error: report.runtimeError?.message ?? null, failing,
  };
}

/** Case 9. `ctx.quick`: the lesson page on the mobile preset once (CI's smoke stays short);
 *  otherwise every page with both presets, the lesson page on mobile three times (Lighthouse's
 *  median run, by its own computeMedianRun: its mobile figures vary most). */
export async function lighthouseCase(ctx, serverUrl) {
  const { computeMedianRun } = await import('lighthouse/core/lib/median-run.js');
  const { version } = JSON.parse(readFileSync(join(ctx.root, 'node_modules/lighthouse/package.json'), 'utf8'));
  const dir = join(ctx.root, 'build/bench/lighthouse');
  mkdirSync(dir, { recursive: true });
  const plan = ctx.quick
    ? [{ page: LIGHTHOUSE_PAGES[1], preset: 'mobile', runs: 1 }]
    : LIGHTHOUSE_PAGES.flatMap((page) => ['mobile', 'desktop'].map((preset) => ({ page, preset, runs: page.path === LESSON && preset === 'mobile' ? 3 : 1 })));
  const results = [];
  for (const { page, preset, runs } of plan) {
    const reports = [];
    for (let r = 0; r < runs; r++) {
      ctx.log(`lighthouse: ${page.name} (${page.path}), ${preset} preset, run ${r + 1}/${runs}`);
      const file = join(dir, `${page.path.split('?')[0].replace(/\.html$/, '')}-${preset}-${r + 1}.json`);
      reports.push(await lighthouse(ctx.root, new URL(page.path, serverUrl).href, preset, file));
    }
    const median = reports.length > 1 ? computeMedianRun(reports) : reports[0];
    const performance = reports.map((x) => Math.round((x.categories.performance?.score ?? 0) * 100));
    results.push({ page: page.name, path: page.path, preset, runs, ...summary(median),
                   performance_runs: performance, chromium: median.environment?.hostUserAgent?.match(/Chrome\/([\d.]+)/)?.[1] ?? null });
  }
  return { version, results, targets: lighthouseTargets(results) };
}

/** Met or missed, per the targets above (null where the run did not measure it). */
export function lighthouseTargets(results) {
  const t = LIGHTHOUSE_TARGETS;
  const lesson = results.find((r) => r.path === LESSON && r.preset === 'mobile');
  const categories = results.map((r) => ({ page: r.page, preset: r.preset,
    met: ['accessibility', 'best_practices', 'seo'].every((c) => r.scores[c] === t.categories) }));
  return {
    categories_100: { pages: categories, met: categories.every((c) => c.met) },
    lesson_mobile: lesson ? {
      performance: { target: t.lesson_mobile.performance, value: lesson.scores.performance, met: lesson.scores.performance >= t.lesson_mobile.performance },
      cls: { target: t.lesson_mobile.cls, value: lesson.cls, met: lesson.cls <= t.lesson_mobile.cls },
      lcp_ms: { target: t.lesson_mobile.lcp_ms, value: lesson.lcp_ms, met: lesson.lcp_ms <= t.lesson_mobile.lcp_ms },
      tbt_ms: { target: t.lesson_mobile.tbt_ms, value: lesson.tbt_ms, met: lesson.tbt_ms <= t.lesson_mobile.tbt_ms },
    } : null,
  };
}

/** The console lines of case 9. */
export function lighthouseHeadline(l) {
  const f = (x, d = 0) => (x === null || x === undefined ? '–' : x.toFixed(d));
  return l.results.map((r) => `9 lighthouse ${r.page}, ${r.preset}: performance ${r.scores.performance}${r.runs > 1 ? ` (runs ${r.performance_runs.join(', ')})` : ''}, `
    + `accessibility ${r.scores.accessibility}, best practices ${r.scores.best_practices}, SEO ${r.scores.seo}; CLS ${f(r.cls, 3)}, LCP ${f(r.lcp_ms)} ms, TBT ${f(r.tbt_ms)} ms`
    + (r.failing.length ? `; costing points: ${r.failing.map((x) => `${x.audit}${x.value ? ` ${x.value}` : ''}`).join(', ')}` : ''));
}

const yes = (met) => (met === null || met === undefined ? 'n/a' : met ? '**met**' : '**missed**');
const num = (x, d = 0) => (x === null || x === undefined ? '–' : x.toFixed(d));

/** Case 9's rows of docs/benchmarks.md's targets table. */
export function lighthouseTargetRows(l) {
  const t = l.targets;
  const rows = [`| 9 Lighthouse accessibility, best practices, SEO on every page and preset | 100 | ${l.results.map((r) => `${r.page} ${r.preset} ${r.scores.accessibility}/${r.scores.best_practices}/${r.scores.seo}`).join('; ')} | ${yes(t.categories_100.met)} |`];
  const m = t.lesson_mobile;
  if (m) {
    rows.push(`| 9 Lighthouse mobile, lesson page: performance | ≥ ${m.performance.target} | ${m.performance.value} | ${yes(m.performance.met)} |`,
      `| 9 Lighthouse mobile, lesson page: CLS | ≤ ${m.cls.target} | ${num(m.cls.value, 3)} | ${yes(m.cls.met)} |`,
      `| 9 Lighthouse mobile, lesson page: LCP | ≤ ${m.lcp_ms.target / 1000} s | ${num(m.lcp_ms.value / 1000, 2)} s | ${yes(m.lcp_ms.met)} |`,
      `| 9 Lighthouse mobile, lesson page: TBT | ≤ ${m.tbt_ms.target} ms | ${num(m.tbt_ms.value)} ms | ${yes(m.tbt_ms.met)} |`);
  }
  return rows;
}

/** Case 9's section of docs/benchmarks.md. */
export function lighthouseSection(l) {
  return ['## 9 · Lighthouse', '',
    `Lighthouse ${l.version} (npm, its CLI, one fresh headless Chromium per run) on the bench's server, which compresses text as a static host does (brotli or gzip, tools/lib/site-server.mjs). `
    + 'Mobile preset: a mid-range phone on slow 4G with a 4× slower CPU, simulated (Lighthouse\'s default); desktop preset: a desktop on a fast connection. '
    + 'The lesson page on mobile is the median of its runs (Lighthouse\'s computeMedianRun); every other row is one run. Scores 0–100; the full reports are left in build/bench/lighthouse/.', '',
    '| page | preset | performance | accessibility | best practices | SEO | CLS | LCP s | TBT ms | FCP s | audits that cost points |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...l.results.map((r) => `| ${r.page} (\`${r.path.split('?')[0]}\`) | ${r.preset} | ${r.scores.performance}${r.runs > 1 ? ` (${r.performance_runs.join(', ')})` : ''} | ${r.scores.accessibility} | ${r.scores.best_practices} | ${r.scores.seo} | `
      + `${num(r.cls, 3)} | ${num(r.lcp_ms / 1000, 2)} | ${num(r.tbt_ms)} | ${num(r.fcp_ms / 1000, 2)} | ${r.failing.map((x) => `${x.audit}${x.value ? ` (${x.value})` : ''}`).join(', ') || '–'} |`), ''];
}
