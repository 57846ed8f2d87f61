#include "data/csv.hpp"
#include "data/csv_reader.hpp"

#include <algorithm>
#include <set>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::string delimiter_hint(const std::vector<std::string>& header) {
  if (header.size() != 1) return "";
  const std::string& only = header.front();
  const auto semicolons = std::count(only.begin(), only.end(), ';'), tabs = std::count(only.begin(), only.end(), '\t');
  if (semicolons == 0 && tabs == 0) return "";
  return std::string("; the header is one column '") + (only.size() > 60 ? only.substr(0, 57) + "..." : only) +
         "', so the file looks " + (semicolons >= tabs ? "semicolon" : "tab") +
         "-separated: this reader takes commas (save it as CSV with commas, e.g. a spreadsheet's \"CSV (comma "
         "delimited)\")";
}

std::vector<std::string> CsvRecordReader::header() {
  std::vector<CsvSpan> fields;
  std::string header_text;
  if (!record(header_text, fields)) fail_file(file_, 1, 1, "empty CSV file: expected a header row");
  std::set<std::string> seen;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const CsvSpan& f = fields[i];
    std::string name = trim(f.length == CsvSpan::kMissing ? std::string() : header_text.substr(f.offset, f.length));
    if (name.empty()) fail_file(file_, 1, 0, "header column " + std::to_string(i + 1) + " has no name");
    if (!seen.insert(name).second) fail_file(file_, 1, 0, "duplicate column name '" + name + "'");
    names.push_back(name);
  }
  width_ = names.size();
  delimiter_hint_ = delimiter_hint(names);
  return names;
}

std::size_t CsvRecordReader::rows_at_most() const {
  const std::size_t line_ends = static_cast<std::size_t>(std::count(s_.begin(), s_.end(), '\n')) + 1;
  return std::min(
      {line_ends, s_.size() / std::max<std::size_t>(width_, 1) + 1, static_cast<std::size_t>(limits::kMaxRows) + 1});
}

CsvTable parse_csv(const std::string& text, const std::string& filename) {
  CsvRecordReader reader(text, filename);
  CsvTable table;
  table.header = reader.header();
  const std::size_t width = table.header.size();
  // Every row's spans in one allocation: grown by doubling, the vector held its old and new
  // buffers at once (up to 3x its final 25 MB at 100k x 31), and wasm memory never shrinks.
  const std::size_t rows_at_most = reader.rows_at_most();
  table.text_.reserve(text.size());
  table.cells_.reserve(rows_at_most * width);
  table.row_lines.reserve(rows_at_most);
  std::vector<CsvSpan> fields;
  while (reader.next_row(table.text_, fields)) {
    table.cells_.insert(table.cells_.end(), fields.begin(), fields.end());
    table.row_lines.push_back(reader.record_line());
  }
  if (table.rows() == 0) fail_file(filename, 2, 0, "CSV file has a header but no data rows");
  return table;
}

}  // namespace lab
