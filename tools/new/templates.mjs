// The starting files tools/new.mjs writes. Every field is present and says what it is for, so
// an author edits rather than looks up; all of it validates as written (tests/js/new.test.mjs).

/** A lesson file: front matter with every field (docs/widgets.md, "Lesson files"), a short body. */
export function lessonText({ id, title, duration, tags }) {
  const q = (s) => JSON.stringify(s);
  return `---
# Front matter: the lesson's data. tools/lab validate lessons/ checks it; docs/widgets.md lists every field.
${`id: ${id}`.padEnd(33)} # lowercase letters, digits and '-'; also the file name and the catalog id
title: ${q(title)}
lang: en                          # the lesson's language; a translation is ID.LANG.md (docs/i18n.md)
duration_min: ${duration}                  # about how long the lesson takes, in minutes
prereqs: []                       # ids of lessons to take first, e.g. ["ai-builder-ch3-lesson3"]
tags: ${q(tags)}
video:                            # optional; e.g. {platform: youtube, id: VIDEO_ID, start: 0, end: 600}
widgets: []                       # e.g. [{type: optimization_lab, data: /widgets/optimization_lab.NAME.json}]
                                  # (tools/lab new widget writes such a file and prints its entry)
goals:
  - Say in one line what a learner can do after this lesson
  - Add a line per goal; three or four is plenty
quiz:
  - q: Replace this with a question about the lesson
    options: ["A wrong answer", "The right answer", "Another wrong answer"]
    answer: 1                     # the index of the right option, counting from 0
    explain: Shown after answering. Say why the right option is right.
flashcards:
  - Term: A definition in one sentence; one card per line, the term before the first colon
reflection:
  - "An open question for the learner to think about, with no single right answer?"
next:                             # optional: the id of the lesson that follows
---

## Introduction
Why this lesson matters, in a paragraph or two. The body is Markdown; every "##" heading
becomes a section in the page's outline.

## The idea
Explain the idea here. A widget listed under \`widgets\` in the front matter appears on the page.

## Summary
The few points to remember.
`;
}

const base = ({ schema, csv, target, features }) => ({
  $schema: schema,
  dataset: { csv, target, features },
  preprocess: { impute: 'median', scale: 'standard' },
  split: { test: 0.2, validation: 0.2, stratify: true, seed: 42 },
});

// An optimization_lab: one panel on L1/L2 penalties (a regularization path), one on training
// curves with and without dropout; each control has a help line saying what to look for.
function optimizationLab(args) {
  return {
    ...base(args),
    model: { type: 'logistic_regression', lambda: 0.01, l1_ratio: 0 },
    train: { optimizer: 'adam', learning_rate: 0.001, batch_size: 32, epochs: 100, seed: 7 },
    experiments: {
      regularization: { model: { type: 'logistic_regression', lambda: 0.01, l1_ratio: 1, path: { n_lambda: 50, lambda_min_ratio: 0.001 } } },
      no_dropout: { model: { type: 'mlp', hidden: [16, 16], activation: 'relu', dropout: 0 } },
      dropout: { model: { type: 'mlp', hidden: [16, 16], activation: 'relu', dropout: 0.3 } },
    },
    widget: {
      type: 'optimization_lab',
      title: `Optimization Lab: ${args.name}`,
      description: `Predict '${args.target}' from ${args.features.length} columns. Replace this text with what the learner should try first.`,
      panels: [
        {
          id: 'regularization',
          title: 'L1 and L2 penalties',
          chart: 'coefficient_path',
          experiments: ['regularization'],
          controls: [{ option: 'model.l1_ratio', label: 'L1 share of the penalty', min: 0, max: 1, step: 0.1,
            help: '1 is L1 (weights reach exactly zero), 0 is L2 (all weights shrink together)' }],
          note: 'Each line is one feature\'s weight as the penalty grows from right to left.',
        },
        {
          id: 'dropout',
          title: 'Dropout',
          chart: 'loss_curves',
          experiments: ['no_dropout', 'dropout'],
          controls: [{ option: 'train.learning_rate', label: 'Learning rate', min: 0.0001, max: 0.1, scale: 'log',
            help: 'Too high and the curves jump about; too low and they barely move' }],
          presets: [{ name: 'Slow and steady', set: { 'train.learning_rate': 0.0003 }, help: 'A small step: smooth curves, more epochs needed' }],
          note: 'The gap between training and validation loss is overfitting; dropout should narrow it.',
        },
      ],
    },
  };
}

// A performance_tradeoff_explorer: a linear model, a small network and its compressed copies,
// ranked for the engine's default scenarios (real-time, batch, edge).
function tradeoffExplorer(args) {
  return {
    ...base(args),
    model: { type: 'mlp', hidden: [16, 16], activation: 'relu' },
    train: { optimizer: 'adam', learning_rate: 0.001, batch_size: 32, epochs: 100, seed: 7 },
    variants: [
      { name: 'Logistic regression', description: 'the linear baseline', model: { type: 'logistic_regression', lambda: 0.01 } },
      { name: 'MLP fp32', description: 'the network as trained' },
      { name: 'MLP pruned 80%', description: 'four weights in five set to zero', compress: { prune: { sparsity: 0.8, method: 'gradual', epochs: 20 } } },
      { name: 'MLP int8', description: 'weights stored in 8 bits', compress: { quantize: { bits: 8 } } },
    ],
    widget: {
      type: 'performance_tradeoff_explorer',
      title: `Performance Trade-off Explorer: ${args.name}`,
      description: 'Each variant is trained on the same rows; compare what it costs in size and time with what it gains in its score (accuracy for classes, R² for a number).',
      axes: { x: 'latency_ms', y: 'score', size: 'size_kb' },
      default_scenario: 'real-time',
      controls: [{ option: 'compress.prune.sparsity', label: 'Pruned share of weights', min: 0, max: 0.95, step: 0.05 }],
    },
  };
}

const makers = { optimization_lab: optimizationLab, performance_tradeoff_explorer: tradeoffExplorer };

/** The widget file of `type` over the CSV; {schema, csv, target, features, name}. */
export function widgetSpec(type, args) {
  const make = makers[type];
  if (!make) throw new Error(`tools/new/templates.mjs has no template for widget type '${type}'`);
  return make(args);
}
