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
