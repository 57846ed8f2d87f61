#include "data/table.hpp"

#include <cmath>
#include <cstdlib>

#include "lab/error.hpp"

namespace lab {
namespace {

bool parse_number(const std::string& s, double& out) {
  if (s.empty()) return false;
  const char* begin = s.c_str();
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
  const std::size_t n = csv.rows.size();
  for (const auto& name : names) {
    std::size_t index = 0;
    while (index < csv.header.size() && csv.header[index] != name) ++index;
    Column col;
    col.name = name;
    col.missing.assign(n, 0);
    std::size_t present = 0, numbers = 0, first_text = n;
    std::vector<double> parsed(n, std::nan(""));
    for (std::size_t r = 0; r < n; ++r) {
      const auto& cell = csv.rows[r][index];
      if (!cell) { col.missing[r] = 1; continue; }
      ++present;
      if (parse_number(*cell, parsed[r])) ++numbers;
      else if (first_text == n) first_text = r;
    }
    if (present > 0 && numbers == present) {
      col.numeric = true;
      col.number = std::move(parsed);
    } else if (numbers * 2 > present) {
      fail_file(file, csv.row_lines[first_text], 0,
                "column '" + name + "' holds numbers but this row has '" + *csv.rows[first_text][index] + "'");
    } else {
      col.text.assign(n, "");
      for (std::size_t r = 0; r < n; ++r)
        if (!col.missing[r]) col.text[r] = *csv.rows[r][index];
    }
    frame.columns.push_back(std::move(col));
  }
  return frame;
}

Frame keep_rows(const Frame& frame, const std::vector<char>& keep) {
  Frame out;
  out.file = frame.file;
  for (const auto& c : frame.columns) {
    Column k;
    k.name = c.name;
    k.numeric = c.numeric;
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

Frame filter_rows(const Frame& frame, const Json& where) {
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
  Frame out = keep_rows(frame, keep);
  if (out.rows() == 0) fail_field("dataset.where", "no row matches the filter");
  return out;
}

}  // namespace lab
