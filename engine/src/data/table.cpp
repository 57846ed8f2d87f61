#include "data/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "data/csv_reader.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

// Plain decimals ("-12.75", "3") with at most 15 significant digits and 22 decimals: the
// digits form an exact integer m < 2^53 and 10^k is exact, so m / 10^k is one correctly
// rounded division, i.e. bit for bit what strtod returns (the classic fast path). Every other
// form (exponents, long mantissas, hex, inf/nan, spaces) goes to strtod. CSV cells are almost
// always plain decimals, and strtod is the slowest part of reading a file in WebAssembly.
bool parse_plain_decimal(std::string_view s, double& out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative || (!s.empty() && s[0] == '+')) ++i;
  std::uint64_t mantissa = 0;
  int digits = 0, decimals = 0;
  bool point = false, any = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (mantissa != 0 || c != '0') ++digits;  // leading zeros are not significant
      if (digits > 15) return false;
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      if (point && ++decimals > 22) return false;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  if (!any) return false;
  const double value = static_cast<double>(mantissa) / kPow10[decimals];
  out = negative ? -value : value;
  return true;
}

bool parse_number(std::string_view s, double& out) {
  if (s.empty()) return false;
  if (parse_plain_decimal(s, out)) return true;
  const std::string copy(s);  // strtod reads up to a NUL
  const char* begin = copy.c_str();
  char* end = nullptr;
  out = std::strtod(begin, &end);
  while (*end == ' ') ++end;
  return end != begin && *end == '\0' && std::isfinite(out);
}

// A column's type from what its present values were: numbers when every one is a number; an
// error when most are (a typo in a numeric column), naming the first that is not; text otherwise.
bool numeric_column(const std::string& file, const std::string& name, std::size_t present, std::size_t numbers,
                    int first_text_line, const std::string& first_text) {
  if (present > 0 && numbers == present) return true;
  if (numbers * 2 > present)
    fail_file(file, first_text_line, 0, "column '" + name + "' holds numbers but this row has '" + first_text + "'");
  return false;
}

}  // namespace

const Column& Frame::column(const std::string& name, const std::string& field) const {
  for (const auto& c : columns)
    if (c.name == name) return c;
  fail_field(field, "no column '" + name + "' in " + file);
}

Frame make_frame(const CsvTable& csv, const std::vector<std::string>& names, const std::string& file) {
  Frame frame;
  frame.file = file;
  frame.lines = csv.row_lines;
  const std::size_t n = csv.rows(), k = names.size();
  // One pass in row order over the cells (stored row by row): a pass per column strode
  // through the whole table each time (at 100k x 31, 31 walks over ~25 MB of cell spans).
  struct Reading {
    std::size_t index = 0, present = 0, numbers = 0, first_text = 0;
  };
  std::vector<Reading> reading(k);
  frame.columns.resize(k);
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t index = 0;
    while (index < csv.header.size() && csv.header[index] != names[c]) ++index;
    reading[c] = {index, 0, 0, n};
    Column& col = frame.columns[c];
    col.name = names[c];
    col.missing.assign(n, 0);
    col.number.assign(n, std::nan(""));
  }
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < k; ++c) {
      Reading& at = reading[c];
      Column& col = frame.columns[c];
      const std::optional<std::string_view> cell = csv.cell(r, at.index);
      if (!cell) {
        col.missing[r] = 1;
        continue;
      }
      ++at.present;
      if (parse_number(*cell, col.number[r]))
        ++at.numbers;
      else if (at.first_text == n)
        at.first_text = r;
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    const Reading& at = reading[c];
    Column& col = frame.columns[c];
    const bool text = at.first_text < n;  // a present value that is not a number
    if (numeric_column(file, col.name, at.present, at.numbers, text ? csv.row_lines[at.first_text] : 0,
                       text ? std::string(*csv.cell(at.first_text, at.index)) : std::string())) {
      col.numeric = true;
    } else {
      col.number.clear();
      col.number.shrink_to_fit();
      col.text.assign(n, "");
      for (std::size_t r = 0; r < n; ++r)
        if (!col.missing[r]) col.text[r] = *csv.cell(r, at.index);
    }
  }
  return frame;
}

Frame read_frame(const std::string& text, const std::string& file, const ColumnSelector& select) {
  CsvRecordReader reader(text, file);
  const std::vector<std::string> header = reader.header();
  const std::vector<std::string> names = select(header);
  const std::size_t k = names.size();
  const std::size_t rows_at_most = reader.rows_at_most();
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  // A column is read as numbers until a cell is not one. Text is kept only for a column whose
  // first value is text (a category: Titanic's "sex", a "yes"/"no" target); a column that turns
  // to text later is either an error (mostly numbers) or, rarely, read again for its text.
  struct Reading {
    std::size_t index = 0, present = 0, numbers = 0, first_text = kNone;
    int first_text_line = 0;
    std::string first_text_value;
    bool text = false;
  };
  std::vector<Reading> reading(k);
  Frame frame;
  frame.file = file;
  frame.lines.reserve(rows_at_most);
  frame.columns.resize(k);
  for (std::size_t c = 0; c < k; ++c) {
    reading[c].index = static_cast<std::size_t>(std::find(header.begin(), header.end(), names[c]) - header.begin());
    Column& col = frame.columns[c];
    col.name = names[c];
    col.number.reserve(rows_at_most);
    col.missing.reserve(rows_at_most);
  }
  std::string record;
  std::vector<CsvSpan> fields;
  std::size_t rows = 0;
  for (; record.clear(), reader.next_row(record, fields); ++rows) {
    frame.lines.push_back(reader.record_line());
    for (std::size_t c = 0; c < k; ++c) {
      Reading& at = reading[c];
      Column& col = frame.columns[c];
      const CsvSpan& f = fields[at.index];
      if (f.length == CsvSpan::kMissing) {
        col.missing.push_back(1);
        col.number.push_back(std::nan(""));
        if (at.text) col.text.emplace_back();
        continue;
      }
      const std::string_view cell(record.data() + f.offset, f.length);
      double x = 0;
      const bool number = parse_number(cell, x);
      col.missing.push_back(0);
      col.number.push_back(number ? x : std::nan(""));
      ++at.present;
      if (number) {
        ++at.numbers;
      } else if (at.first_text == kNone) {
        at.first_text = rows;
        at.first_text_line = reader.record_line();
        at.first_text_value = std::string(cell);
        if (at.present == 1) {  // the first value is text: every row before it was empty
          at.text = true;
          col.text.assign(rows, std::string());
        }
      }
      if (at.text) col.text.emplace_back(cell);
    }
  }
  if (rows == 0) fail_file(file, 2, 0, "CSV file has a header but no data rows");
  std::vector<std::size_t> reread;
  for (std::size_t c = 0; c < k; ++c) {
    const Reading& at = reading[c];
    Column& col = frame.columns[c];
    if (numeric_column(file, col.name, at.present, at.numbers, at.first_text_line, at.first_text_value)) {
      col.numeric = true;
    } else {
      col.number.clear();
      col.number.shrink_to_fit();
      if (at.present == 0)
        col.text.assign(rows, std::string());
      else if (!at.text)
        reread.push_back(c);
    }
  }
  if (!reread.empty()) {  // (the text was read once already: no error can come from it now)
    CsvRecordReader again(text, file);
    again.header();
    for (std::size_t c : reread) frame.columns[c].text.reserve(rows);
    while (record.clear(), again.next_row(record, fields)) {
      for (std::size_t c : reread) {
        const CsvSpan& f = fields[reading[c].index];
        if (f.length == CsvSpan::kMissing)
          frame.columns[c].text.emplace_back();
        else
          frame.columns[c].text.emplace_back(record.data() + f.offset, f.length);
      }
    }
  }
  return frame;
}

Frame keep_rows(Frame frame, const std::vector<char>& keep) {
  const std::size_t kept = static_cast<std::size_t>(std::count(keep.begin(), keep.end(), 1));
  if (kept == frame.rows()) return frame;
  Frame out;
  out.file = frame.file;
  out.lines.reserve(kept);
  for (const auto& c : frame.columns) {
    Column k;
    k.name = c.name;
    k.numeric = c.numeric;
    k.missing.reserve(kept);
    if (c.numeric)
      k.number.reserve(kept);
    else
      k.text.reserve(kept);
    for (std::size_t r = 0; r < frame.rows(); ++r) {
      if (!keep[r]) continue;
      k.missing.push_back(c.missing[r]);
      if (c.numeric)
        k.number.push_back(c.number[r]);
      else
        k.text.push_back(c.text[r]);
    }
    out.columns.push_back(std::move(k));
  }
  for (std::size_t r = 0; r < frame.rows(); ++r)
    if (keep[r]) out.lines.push_back(frame.lines[r]);
  return out;
}

Frame filter_rows(Frame frame, const Json& where) {
  if (where.is_null()) return frame;
  if (!where.is_object()) fail_field("dataset.where", "expected an object {column: [values]}, got " + where.dump());
  std::vector<char> keep(frame.rows(), 1);
  for (auto it = where.begin(); it != where.end(); ++it) {
    std::string field = "dataset.where." + it.key();
    const Column* col = nullptr;
    for (const auto& c : frame.columns)
      if (c.name == it.key()) col = &c;
    if (!col) fail_field(field, "no column '" + it.key() + "' among the selected columns");
    Json allowed = it.value().is_array() ? it.value() : Json::array({it.value()});
    for (const auto& v : allowed)
      if (!v.is_string() && !v.is_number()) fail_field(field, "values must be strings or numbers, got " + v.dump());
    for (std::size_t r = 0; r < frame.rows(); ++r) {
      if (col->missing[r]) {
        keep[r] = 0;
        continue;
      }
      bool match = false;
      for (const auto& v : allowed) {
        if (col->numeric) {
          double x = 0;
          if (v.is_number())
            match = match || v.get<double>() == col->number[r];
          else if (parse_number(v.get<std::string>(), x))
            match = match || x == col->number[r];
        } else {
          match = match || (v.is_string() ? v.get<std::string>() : v.dump()) == col->text[r];
        }
      }
      keep[r] = keep[r] && match;
    }
  }
  Frame out = keep_rows(std::move(frame), keep);
  if (out.rows() == 0) fail_field("dataset.where", "no row matches the filter");
  return out;
}

}  // namespace lab
