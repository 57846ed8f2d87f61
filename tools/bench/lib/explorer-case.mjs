// Case 10: is the Trade-off Explorer's story true on every run? The lesson's explorer runs
// `runs` times in Chromium on widget.html (each run rebuilds and re-times every variant in the
// page's worker); per run it counts the compressed forms reported slower than the model they
// were made from without a sentence saying why (target 0), and whether int8 and the >= 90 %
// pruned forms beat fp32 per batch (target: every run). The figures are the learner's browser
// on this machine; nothing here asserts.
import { openPage } from './site.mjs';

const SRC = '/widgets/performance_tradeoff.titanic.json';

/** One run's facts from the result the widget emitted. */
function judge(result) {
  const rows = result.variants;
  const fp32 = rows.find((v) => v.format === 'mlp_fp32' && !v.compress);
  const unexplained = rows.filter((v) => v.vs_base && ['single', 'batch'].some((k) => v.vs_base[k].verdict === 'slower') && v.latency_notes.length === 0)
    .map((v) => v.name);
  const batchRatio = (v) => v.latency.batch_median_us / fp32.latency.batch_median_us;
  const int8 = rows.filter((v) => v.format === 'mlp_int8');
  const heavilyPruned = rows.filter((v) => v.format === 'mlp_sparse' && v.sparsity >= 0.9);
  return {
    unexplained,
    int8_batch_ratio: int8.map(batchRatio),
    pruned90_batch_ratio: heavilyPruned.map(batchRatio),
    int8_and_pruned_faster_per_batch: [...int8, ...heavilyPruned].every((v) => batchRatio(v) < 1),
    notes: rows.reduce((n, v) => n + v.latency_notes.length, 0),
    busy: result.measurement.busy,
    spread: result.measurement.spread,
    choices: result.scenarios.map((s) => s.ranking[0].name),
  };
}

export async function explorerTruth(ctx, browser, serverUrl) {
  const runs = ctx.sizes.explorerRuns;
  ctx.log(`explorer truth: the lesson's Trade-off Explorer run ${runs} times in Chromium`);
  const page = await openPage(browser, `${serverUrl}/widget.html?src=${encodeURIComponent(SRC)}`);
  await page.evaluate(() => {
    window.explorerRuns = [];
    document.addEventListener('lab-run-result', (e) => { if (e.detail?.result?.variants) window.explorerRuns.push(e.detail.result); }, true);
  });
  const run = page.locator('performance-tradeoff-explorer button.run');
  const judged = [];
  for (let i = 0; i < runs; i++) {
    await run.and(page.locator(':not([disabled])')).waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => window.explorerRuns.length);
    await run.click();
    await page.waitForFunction((n) => window.explorerRuns.length > n, seen, { timeout: 600_000 });
    judged.push(judge(await page.evaluate(() => window.explorerRuns.at(-1))));
  }
  const errors = [...page.errors];
  await page.context().close();
  return {
    runs,
    runs_with_unexplained_slower_form: judged.filter((j) => j.unexplained.length).length,
    runs_int8_and_pruned_faster_per_batch: judged.filter((j) => j.int8_and_pruned_faster_per_batch).length,
    runs_busy: judged.filter((j) => j.busy).length,
    distinct_scenario_choices: Math.min(...judged.map((j) => new Set(j.choices).size)),
    per_run: judged,
    errors,
  };
}

const yes = (met) => (met ? '**met**' : '**missed**');
const ratios = (list) => list.map((r) => `${r.toFixed(2)}×`).join(', ');

export function explorerHeadline(e) {
  return [`10 explorer truth, ${e.runs} runs in Chromium: a compressed form slower than its base with no sentence why in ${e.runs_with_unexplained_slower_form} runs (target 0); int8 and ≥ 90 %-pruned faster than fp32 per batch in ${e.runs_int8_and_pruned_faster_per_batch} of ${e.runs} (target all); busy in ${e.runs_busy}; scenarios chose ≥ ${e.distinct_scenario_choices} different variants`];
}

export function explorerTargetRows(e) {
  return [
    `| 10 explorer runs with a compressed form slower than its base and no sentence why | 0 of ${e.runs} | ${e.runs_with_unexplained_slower_form} | ${yes(e.runs_with_unexplained_slower_form === 0)} |`,
    `| 10 explorer runs where int8 and ≥ 90 %-pruned beat fp32 per batch | ${e.runs} of ${e.runs} | ${e.runs_int8_and_pruned_faster_per_batch} | ${yes(e.runs_int8_and_pruned_faster_per_batch === e.runs)} |`,
  ];
}

export function explorerSection(e) {
  return ['## 10 · Is the explorer\'s story true on every run?', '',
    `The lesson's Trade-off Explorer (\`widget.html?src=/widgets/performance_tradeoff.titanic.json\`) run ${e.runs} times in Chromium; every run trains, builds and times all twelve variants in the page's worker (interleaved rounds, eval/latency.hpp). Per run: how many compressed forms were measured slower than the model they were made from without a sentence saying why, the batch time of int8 and of the ≥ 90 %-pruned form against fp32, whether the engine judged the page busy (round-to-round spread above 1.6), and which variant each scenario chose.`, '',
    '| run | unexplained slower forms | int8 / fp32 (batch) | ≥ 90 % pruned / fp32 (batch) | notes shown | spread | scenario choices |', '| --- | --- | --- | --- | --- | --- | --- |',
    ...e.per_run.map((r, i) => `| ${i + 1} | ${r.unexplained.length ? r.unexplained.join(', ') : 'none'} | ${ratios(r.int8_batch_ratio)} | ${ratios(r.pruned90_batch_ratio)} | ${r.notes} | ${r.spread.toFixed(2)}${r.busy ? ' (busy)' : ''} | ${r.choices.join(' · ')} |`),
    ''];
}
