// Example tables a learner can try in any widget, besides the widget's own data and their own
// file: each is a CSV in widgets/data/ (converted from a Debian package by a script in tools/,
// see widgets/data/README.md), named relative to the widget file as a dataset.csv is.

export interface ExampleData {
  /** Relative to the widget file, like dataset.csv. */
  csv: string;
  target: string;
  /** What the button says: a key of the widgets catalog. */
  title: string;
}

export const EXAMPLE_DATA: readonly ExampleData[] = [
  { csv: 'data/iris.csv', target: 'species', title: 'widgets.data.example.iris' },
];
