#include "data/csv.hpp"

#include <algorithm>
#include <set>

#include "core/utf8.hpp"
#include "core/limits.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

class Parser {
 public:
  Parser(const std::string& text, const std::string& file) : s_(text), file_(file) {
    if (s_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }

  // Reads one record, its fields' bytes appended to `out`; returns false at end of input.
  template <typename Span>
  bool record(std::string& out, std::vector<Span>& fields, std::uint32_t missing) {
    fields.clear();
    if (pos_ >= s_.size()) return false;
    record_line_ = line_;
    while (true) {
      field_column_ = column();
      if (fields.size() >= static_cast<std::size_t>(limits::kMaxColumns) + 1)
        fail_file(file_, line_, field_column_, "more than " + std::to_string(limits::kMaxColumns) + " columns");
      const std::size_t start = out.size();
      fields.push_back(field(out) ? Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(out.size() - start)}
                                  : Span{static_cast<std::uint32_t>(start), missing});
      if (pos_ >= s_.size()) return true;
      char c = s_[pos_];
      if (c == ',') { ++pos_; continue; }
      if (c == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
      ++pos_;  // '\n' or lone '\r'
      new_line();
      return true;
    }
  }
  int record_line() const { return record_line_; }

 private:
  // Appends the field's bytes to `out`; false for an empty (missing) field.
  bool field(std::string& out) {
    if (pos_ < s_.size() && s_[pos_] == '"') {
      int open_line = line_, open_col = column();
      ++pos_;
      while (true) {
        if (pos_ >= s_.size()) fail_file(file_, open_line, open_col, "quoted field is never closed");
        char c = s_[pos_];
        if (c == '"') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') { out += '"'; pos_ += 2; continue; }
          ++pos_;
          break;
        }
        if (c == '\n') { out += c; ++pos_; new_line(); continue; }
        if (c != '\r') check_not_control(static_cast<unsigned char>(c));
        append_char(out);
      }
      if (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n' && s_[pos_] != '\r')
        fail_file(file_, line_, column(), std::string("unexpected character '") + s_[pos_] + "' after a closing quote");
      return true;  // a quoted empty string "" is an empty value, not missing
    }
    // Plain ASCII bytes (almost every cell) are scanned in one pass and copied once; other
    // bytes go through the UTF-8 check one sequence at a time.
    const std::size_t begin = pos_;
    std::size_t start = pos_;
    while (pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') fail_file(file_, line_, column(), "quote inside an unquoted field");
      check_not_control(c);
      if (c < 0x80) { ++pos_; continue; }
      out.append(s_, start, pos_ - start);
      append_char(out);
      start = pos_;
    }
    out.append(s_, start, pos_ - start);
    return pos_ > begin;
  }

  // A NUL or other control byte would become an invisible category or a column name no one can
  // type: refused at its place (tab, and CR/LF as line ends or inside quotes, are text).
  void check_not_control(unsigned char c) const {
    if ((c >= 0x20 && c != 0x7F) || c == '\t') return;
    static const char* hex = "0123456789ABCDEF";
    std::string byte = std::string("(0x") + hex[c >> 4] + hex[c & 15] + ")";
    fail_file(file_, line_, column(), std::string(c == 0 ? "NUL byte " : "control character ") + byte +
                                          "; a CSV file may hold no control characters but tab, CR and LF");
  }

  void append_char(std::string& out) {
    std::size_t n = utf8_sequence_length(s_, pos_);
    if (n == 0) fail_file(file_, line_, column(), "invalid UTF-8 byte");
    out.append(s_, pos_, n);
    pos_ += n;
  }

  void new_line() { ++line_; line_start_ = pos_; }
  int column() const { return static_cast<int>(pos_ - line_start_) + 1; }

  const std::string& s_;
  const std::string& file_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  int record_line_ = 1;
  int field_column_ = 1;
};

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

CsvTable parse_csv(const std::string& text, const std::string& filename) {
  if (text.size() >= CsvTable::kMissing) fail_file(filename, 1, 1, "the file is larger than 4 GiB");
  CsvTable table;
  table.text_.reserve(text.size());
  Parser p(text, filename);
  std::vector<CsvTable::Span> fields;
  std::string header_text;
  if (!p.record(header_text, fields, CsvTable::kMissing)) fail_file(filename, 1, 1, "empty CSV file: expected a header row");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const CsvTable::Span& f = fields[i];
    std::string name = trim(f.length == CsvTable::kMissing ? std::string() : header_text.substr(f.offset, f.length));
    if (name.empty()) fail_file(filename, 1, 0, "header column " + std::to_string(i + 1) + " has no name");
    if (!seen.insert(name).second) fail_file(filename, 1, 0, "duplicate column name '" + name + "'");
    table.header.push_back(name);
  }
  const std::size_t width = table.header.size();
  // Every row's spans in one allocation: grown by doubling, the vector held its old and new
  // buffers at once (up to 3x its final 25 MB at 100k x 31), and wasm memory never shrinks.
  // A row takes at least `width` bytes (its commas and line end), which bounds the estimate
  // for files of blank or quoted lines.
  const std::size_t line_ends = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  const std::size_t rows_at_most = std::min({line_ends, text.size() / width + 1, static_cast<std::size_t>(limits::kMaxRows) + 1});
  table.cells_.reserve(rows_at_most * width);
  table.row_lines.reserve(rows_at_most);
  while (p.record(table.text_, fields, CsvTable::kMissing)) {
    // A blank line (one missing field) is skipped, as most CSV readers do.
    if (fields.size() == 1 && fields[0].length == CsvTable::kMissing && width > 1) continue;
    if (fields.size() != width)
      fail_file(filename, p.record_line(), 0,
                "row has " + std::to_string(fields.size()) + " fields; the header has " + std::to_string(width));
    if (table.rows() >= static_cast<std::size_t>(limits::kMaxRows))
      fail_file(filename, p.record_line(), 0, "more than " + std::to_string(limits::kMaxRows) + " rows");
    table.cells_.insert(table.cells_.end(), fields.begin(), fields.end());
    table.row_lines.push_back(p.record_line());
  }
  if (table.rows() == 0) fail_file(filename, 2, 0, "CSV file has a header but no data rows");
  return table;
}

}  // namespace lab
