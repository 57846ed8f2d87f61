// Table cells for the generated docs: one line each, and a `|` in the text does not end the cell.
export function markdownCell(text) {
  return String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
