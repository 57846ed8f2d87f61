#include "data/csv.hpp"
#include "data/csv_reader.hpp"

#include <algorithm>
#include <set>

#include "core/utf8.hpp"
#include "core/limits.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::vector<std::string> read_csv_header(CsvRecordReader& reader, const std::string& filename) {
  std::vector<CsvSpan> fields;
  std::string header_text;
  if (!reader.record(header_text, fields, CsvSpan::kMissing)) fail_file(filename, 1, 1, "empty CSV file: expected a header row");
  std::set<std::string> seen;
  std::vector<std::string> header;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const CsvSpan& f = fields[i];
    std::string name = trim(f.length == CsvSpan::kMissing ? std::string() : header_text.substr(f.offset, f.length));
    if (name.empty()) fail_file(filename, 1, 0, "header column " + std::to_string(i + 1) + " has no name");
    if (!seen.insert(name).second) fail_file(filename, 1, 0, "duplicate column name '" + name + "'");
    header.push_back(name);
  }
  return header;
}

std::size_t csv_rows_at_most(const std::string& text, std::size_t width) {
  const std::size_t line_ends = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  return std::min({line_ends, text.size() / std::max<std::size_t>(width, 1) + 1, static_cast<std::size_t>(limits::kMaxRows) + 1});
}

CsvTable parse_csv(const std::string& text, const std::string& filename) {
  if (text.size() >= CsvSpan::kMissing) fail_file(filename, 1, 1, "the file is larger than 4 GiB");
  CsvTable table;
  table.text_.reserve(text.size());
  CsvRecordReader reader(text, filename);
  table.header = read_csv_header(reader, filename);
  const std::size_t width = table.header.size();
  // Every row's spans in one allocation: grown by doubling, the vector held its old and new
  // buffers at once (up to 3x its final 25 MB at 100k x 31), and wasm memory never shrinks.
  const std::size_t rows_at_most = csv_rows_at_most(text, width);
  table.cells_.reserve(rows_at_most * width);
  table.row_lines.reserve(rows_at_most);
  std::vector<CsvSpan> fields;
  while (reader.record(table.text_, fields, CsvSpan::kMissing)) {
    if (reader.blank_line(fields, width)) continue;
    reader.check_row(fields, width, table.rows());
    table.cells_.insert(table.cells_.end(), fields.begin(), fields.end());
    table.row_lines.push_back(reader.record_line());
  }
  if (table.rows() == 0) fail_file(filename, 2, 0, "CSV file has a header but no data rows");
  return table;
}

}  // namespace lab
