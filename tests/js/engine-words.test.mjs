// The trade-off runner's sentences in the page's language (web/src/widgets/model/engine-words.ts):
// worded from the parts the engine gives beside each English sentence. In English they read as
// the engine writes them (the sentences below are the engine's, as tests/engine/tradeoff_test.cpp
// and engine/src/tradeoff/latency_notes.cpp make them); in German nothing English is left and
// numbers have the German comma; a part the catalog does not know keeps the engine's sentence.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const { busyNoteText, latencyNoteText, metricFallbackText, wordLatencyNote } = await import('../../build/js-test/widgets/model/engine-words.js');
const { missTexts, scenarioReason } = await import('../../build/js-test/widgets/model/tradeoff.js');
const { addCatalog, useLocale } = await import('../../build/js-test/widgets/widget-i18n.js');

const german = JSON.parse(readFileSync(new URL('../../web/i18n/de/widgets.json', import.meta.url), 'utf8'));
const note = (parts) => ({ verdict: 'slower', calls: 'single', ratio: 1.4, low: 1.2, high: 1.6, sparsity: 0, batch_rows: 263, text: 'ENGINE', ...parts });

/** Each note's English sentence as the engine writes it, and its parts. */
const NOTES = [
  [note({ reason: 'int8_one_row' }), 'MLP int8 took 1.40× the time of MLP fp32 per row: one row is little work: turning the row into int8 and the results back into floats costs about as much as the integer multiply saves; int8 pays on batches and on wider layers.'],
  [note({ verdict: 'within_noise', calls: 'batch', reason: 'sparse_ran_dense', sparsity: 0.6, ratio: 1.01, low: 0.97, high: 1.05 }),
    'MLP int8 is within measurement noise of MLP fp32 per batch of 263 rows (round by round it took 0.97–1.05× its time): at 60 % zeros, skipping them was slower here than multiplying the whole matrix (the sparse kernel reads an index for every weight it keeps), so this form runs the dense kernel per batch of 263 rows: pruning saved bytes, not time.'],
  [note({ reason: 'more_work', ratio: 2.5 }), 'MLP int8 took 2.50× the time of MLP fp32 per row: it does more work per prediction than MLP fp32.'],
  [note({ reason: 'fp16_widened', calls: 'batch' }), 'MLP int8 took 1.40× the time of MLP fp32 per batch of 263 rows: float16 only halves the stored bytes: the weights are widened back to float32 when the model loads, so it runs the same float32 arithmetic.'],
];

test('English: an English page shows the engine\'s sentences; the catalog\'s English words the parts as the engine does', async () => {
  assert.equal(await useLocale('en'), 'en');
  for (const [parts, english] of NOTES) {
    assert.equal(latencyNoteText({ ...parts, text: english }, 'MLP int8', 'MLP fp32'), english);
    assert.equal(wordLatencyNote(parts, 'MLP int8', 'MLP fp32'), english);
  }
  // An exact tie: the engine's printf rounds it to even ("1.12×"); the page keeps its sentence.
  const tie = note({ reason: 'more_work', ratio: 1.125, text: 'MLP int8 took 1.12× the time of MLP fp32 per row: it does more work per prediction than MLP fp32.' });
  assert.equal(latencyNoteText(tie, 'MLP int8', 'MLP fp32'), tie.text);
  assert.equal(busyNoteText({ busy: true, spread: 3, note: 'the engine\'s sentence' }), 'the engine\'s sentence');
  assert.equal(metricFallbackText({ wanted: 'auc', wanted_label: 'AUC', used: 'accuracy', task: 'multiclass' }, 'the engine\'s'), 'the engine\'s');
});

test('the catalog\'s English for the busy note and the metric fallback', async () => {
  const { t } = await import('../../build/js-test/widgets/widget-i18n.js');
  assert.equal(t('widgets.note.busy', { spread: '3.0×' }),
    'The page was busy while the forms were timed (the same call\'s time varied 3.0× from round to round, about 1.1× when quiet): latencies are less certain than usual, so differences under about 2× may not hold on a rerun.');
  assert.equal(busyNoteText({ busy: false, spread: 1.1, note: null }), null);
  assert.equal(metricFallbackText({ wanted: 'auc', wanted_label: 'AUC', used: 'accuracy', task: 'multiclass' }, null),
    'ranked by accuracy: AUC does not apply to a multi-class target');
  assert.equal(metricFallbackText(null, null), null);
});

test('a part the catalog does not know, or a note without its base, keeps the engine\'s sentence', async () => {
  await useLocale('en');
  assert.equal(wordLatencyNote(note({ reason: 'cache_misses' }), 'a', 'b'), 'ENGINE');
  assert.equal(wordLatencyNote(note({ reason: 'more_work' }), 'a', null), 'ENGINE');
  assert.equal(metricFallbackText(undefined, 'ranked by accuracy: …'), 'ranked by accuracy: …');
});

test('German: the same parts in German words and numbers, nothing English left', async () => {
  addCatalog('de', german);
  assert.equal(await useLocale('de'), 'de');
  try {
    const [int8] = NOTES[0];
    assert.equal(latencyNoteText(int8, 'MLP int8', 'MLP fp32'),
      'MLP int8 brauchte pro Zeile das 1,40× der Zeit von MLP fp32: eine Zeile ist wenig Arbeit: Die Zeile in int8 umzuwandeln und die Ergebnisse zurück in Gleitkommazahlen kostet etwa so viel, wie die Ganzzahl-Multiplikation spart; int8 lohnt sich bei Batches und bei breiteren Schichten.');
    const sparse = latencyNoteText(NOTES[1][0], 'MLP int8', 'MLP fp32');
    assert.match(sparse, /pro Batch von 263 Zeilen im Messrauschen von MLP fp32 \(Runde für Runde brauchte es das 0,97–1,05× /);
    assert.match(sparse, /bei 60 % Nullen/);
    assert.match(busyNoteText({ busy: true, spread: 2.5, note: 'ENGINE' }), /um das 2,5×/);
    assert.equal(metricFallbackText({ wanted: 'r2', wanted_label: 'R²', used: 'accuracy', task: 'binary' }, 'ENGINE'),
      'nach Genauigkeit sortiert: R² gibt es für ein binäres Ziel nicht');
    for (const [parts] of NOTES) {
      const text = latencyNoteText(parts, 'A', 'B');
      assert.doesNotMatch(text, /\b(took|the time of|per row|rows|within|work|bytes only)\b/, text);
    }
  } finally {
    await useLocale('en');
  }
});

test('a scenario\'s misses are worded from the engine\'s codes and numbers (batch latency for a batch scenario)', async () => {
  await useLocale('en');
  const row = (name, score, single, batch, size) => ({ name, score, size_bytes: size, latency: { single_median_us: single, batch_median_us: batch, batch_rows: 263 }, metrics: {} });
  const rows = [row('big', 0.85, 50, 4000, 60_000), row('small', 0.8, 10, 900, 2_000)];
  assert.deepEqual(missTexts(rows[0], [{ constraint: 'max_latency_ms', value: 4, limit: 1 }], undefined, true), ['batch latency 4.00 ms > 1.00 ms']);
  const scenario = {
    name: 'edge', title: 'Edge', priority: 'size', latency: 'batch', metric: 'score', metric_note: null, metric_fallback: null,
    weights: { accuracy: 0, latency: 0, size: 1 }, constraints: { max_latency_ms: 0.5 }, method: '',
    ranking: [
      { rank: 1, name: 'small', score: 1, meets_constraints: false, violations: ['ENGLISH 1'], misses: [{ constraint: 'max_latency_ms', value: 0.9, limit: 0.5 }] },
      { rank: 2, name: 'big', score: 0, meets_constraints: false, violations: ['ENGLISH 2'], misses: [{ constraint: 'max_latency_ms', value: 4, limit: 0.5 }] },
    ],
  };
  const reason = scenarioReason(scenario, rows);
  assert.match(reason, /misses least badly \(batch latency 900 µs > 500 µs\)/);
  assert.match(reason, /Runner-up: big \(0\.00, misses: batch latency 4\.00 ms > 500 µs\)/);
  assert.doesNotMatch(reason, /ENGLISH/);
  // A result from an engine that gave no misses: its sentences.
  const older = { ...scenario, ranking: scenario.ranking.map(({ misses, ...e }) => e) };
  assert.match(scenarioReason(older, rows), /\(ENGLISH 1\)/);
});
