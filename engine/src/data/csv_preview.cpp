#include "lab/csv_preview.hpp"

#include <set>

#include "data/csv.hpp"
#include "data/table.hpp"
#include "lab/error.hpp"

namespace lab {

namespace {

// A cell as the target encoding names its class: numbers by value (1 and 1.0 are one class).
std::string class_of(const Column& column, std::size_t row) {
  return column.numeric ? Json(column.number[row]).dump() : column.text[row];
}

Json describe_column(const Column& column) {
  std::set<std::string> classes;
  std::size_t missing = 0;
  for (std::size_t r = 0; r < column.missing.size(); ++r) {
    if (column.missing[r]) { ++missing; continue; }
    if (classes.size() <= kPreviewMaxClasses) classes.insert(class_of(column, r));
  }
  Json shown = Json::array();
  for (const auto& value : classes) {
    if (shown.size() == 5) break;
    shown.push_back(value);
  }
  return Json{{"name", column.name}, {"kind", column.numeric ? "number" : "text"}, {"missing", missing},
              {"classes", classes.size()}, {"values", shown}};
}

}  // namespace

Json preview_csv(const std::string& text, const std::string& filename, std::size_t head_rows) {
  const CsvTable csv = parse_csv(text, filename);
  if (csv.header.size() < 2)
    fail_file(filename, 1, 1, "a dataset needs at least two columns (features and a target) in its header row");
  // Typed as a run types them: a mostly numeric column with a text cell fails here, with its line.
  const Frame frame = make_frame(csv, csv.header, filename);
  Json columns = Json::array(), targets = Json::array();
  for (const auto& column : frame.columns) {
    Json described = describe_column(column);
    if (described["classes"] == 2) targets.push_back(column.name);
    columns.push_back(std::move(described));
  }
  Json head = Json::array();
  for (std::size_t r = 0; r < csv.rows.size() && r < head_rows; ++r) {
    Json row = Json::array();
    for (const auto& cell : csv.rows[r]) row.push_back(cell ? Json(*cell) : Json());
    head.push_back(std::move(row));
  }
  return Json{{"file", filename}, {"rows", csv.rows.size()}, {"columns", columns}, {"head", head}, {"targets", targets},
              {"max_classes", kPreviewMaxClasses}};
}

}  // namespace lab
