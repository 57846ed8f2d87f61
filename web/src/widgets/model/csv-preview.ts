// A first look at a learner's CSV before it goes to the engine: the header (to pick the target
// column) and the distinct values of each column (a target must have exactly two). The engine
// reads the file again and is the judge of everything else (quoting, UTF-8, limits); this only
// catches what makes the target picker useless, with a message a learner can act on.

export interface CsvPreview {
  columns: string[];
  rows: number;
  /** Up to `maxDistinct + 1` distinct non-empty values per column. */
  distinct: Map<string, Set<string>>;
}

const MAX_DISTINCT = 20;

/** Splits RFC 4180 text into records (quotes, doubled quotes, CRLF); lenient: the engine is strict. */
export function* csvRecords(text: string): Generator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      yield record;
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length) {
    record.push(field);
    yield record;
  }
}

/** Reads the header and the distinct values; throws an Error whose message is for the learner. */
export function previewCsv(text: string): CsvPreview {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new Error('The file is empty. Pick a CSV file with a header row and data rows.');
  if (body.includes('\u0000')) throw new Error('This does not look like a text CSV file (it contains binary data).');
  const records = csvRecords(body);
  const first = records.next();
  const columns = first.done ? [] : first.value.map((c) => c.trim());
  if (columns.length < 2) {
    throw new Error('The file needs at least two comma-separated columns (features and a target) in its first row.');
  }
  if (columns.some((c) => c === '')) throw new Error(`Column ${columns.findIndex((c) => c === '') + 1} of the header row has no name.`);
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw new Error(`The header names the column "${duplicate}" twice.`);
  const distinct = new Map(columns.map((c) => [c, new Set<string>()]));
  let rows = 0;
  for (const record of records) {
    if (record.length === 1 && record[0] === '') continue;  // blank line
    rows++;
    record.forEach((value, i) => {
      const set = distinct.get(columns[i]);
      if (set && value !== '' && set.size <= MAX_DISTINCT) set.add(value);
    });
  }
  if (rows === 0) throw new Error('The file has a header row but no data rows.');
  return { columns, rows, distinct };
}

/** Columns that can be a binary target (exactly two distinct values). */
export function binaryColumns(preview: CsvPreview): string[] {
  return preview.columns.filter((c) => preview.distinct.get(c)?.size === 2);
}

/** Why a column cannot be the target, or null when it can. */
export function targetProblem(preview: CsvPreview, column: string): string | null {
  const values = preview.distinct.get(column);
  if (!values) return `There is no column "${column}".`;
  if (values.size === 2) return null;
  const shown = [...values].slice(0, 5).map((v) => `"${v}"`).join(', ');
  if (values.size < 2) return `The target "${column}" must have two different values; it has ${values.size === 0 ? 'none' : `only ${shown}`}.`;
  return `The target "${column}" must have exactly two values (yes/no, 0/1, ...); it has ${values.size > MAX_DISTINCT ? `more than ${MAX_DISTINCT}` : values.size}, e.g. ${shown}.`;
}
