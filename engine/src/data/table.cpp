#include "data/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lab/error.hpp"

namespace lab {
namespace {

// Plain decimals ("-12.75", "3") with at most 15 significant digits and 22 decimals: the
// digits form an exact integer m < 2^53 and 10^k is exact, so m / 10^k is one correctly
// rounded division, i.e. bit for bit what strtod returns (the classic fast path). Every other
// form (exponents, long mantissas, hex, inf/nan, spaces) goes to strtod. CSV cells are almost
// always plain decimals, and strtod is the slowest part of reading a file in WebAssembly.
bool parse_plain_decimal(std::string_view s, double& out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
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

}  // namespace

const Column& Frame::column(const std::string& name, const std::string& field) const {
  for (const auto& c : columns) if (c.name == name) return c;
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
      if (parse_number(*cell, col.number[r])) ++at.numbers;
      else if (at.first_text == n) at.first_text = r;
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    const Reading& at = reading[c];
    Column& col = frame.columns[c];
    if (at.present > 0 && at.numbers == at.present) {
      col.numeric = true;
    } else if (at.numbers * 2 > at.present) {
      fail_file(file, csv.row_lines[at.first_text], 0,
                "column '" + col.name + "' holds numbers but this row has '" + std::string(*csv.cell(at.first_text, at.index)) + "'");
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
    if (c.numeric) k.number.reserve(kept);
    else k.text.reserve(kept);
    for (std::size_t r = 0; r < frame.rows(); ++r) {
      if (!keep[r]) continue;
      k.missing.push_back(c.missing[r]);
      if (c.numeric) k.number.push_back(c.number[r]);
      else k.text.push_back(c.text[r]);
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
    for (const auto& c : frame.columns) if (c.name == it.key()) col = &c;
    if (!col) fail_field(field, "no column '" + it.key() + "' among the selected columns");
    Json allowed = it.value().is_array() ? it.value() : Json::array({it.value()});
    for (const auto& v : allowed)
      if (!v.is_string() && !v.is_number()) fail_field(field, "values must be strings or numbers, got " + v.dump());
    for (std::size_t r = 0; r < frame.rows(); ++r) {
      if (col->missing[r]) { keep[r] = 0; continue; }
      bool match = false;
      for (const auto& v : allowed) {
        if (col->numeric) {
          double x = 0;
          if (v.is_number()) match = match || v.get<double>() == col->number[r];
          else if (parse_number(v.get<std::string>(), x)) match = match || x == col->number[r];
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
