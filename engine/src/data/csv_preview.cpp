#include "lab/csv_preview.hpp"

#include <set>

#include "core/limits.hpp"
#include "data/csv.hpp"
#include "data/table.hpp"
#include "data/target_encoding.hpp"
#include "lab/error.hpp"

namespace lab {

static_assert(kPreviewMaxClasses == static_cast<std::size_t>(limits::kMaxClasses),
              "the preview counts classes up to the classifier's limit");

namespace {

// A cell as the target encoding names its class: numbers by value (1 and 1.0 are one class).
std::string class_of(const Column& column, std::size_t row) {
  return column.numeric ? Json(column.number[row]).dump() : column.text[row];
}

Json describe_column(const Column& column) {
  std::set<std::string> classes;
  std::size_t missing = 0;
  for (std::size_t r = 0; r < column.missing.size(); ++r) {
    if (column.missing[r]) {
      ++missing;
      continue;
    }
    if (classes.size() <= kPreviewMaxClasses) classes.insert(class_of(column, r));
  }
  Json shown = Json::array();
  for (const auto& value : classes) {
    if (shown.size() == 5) break;
    shown.push_back(value);
  }
  return Json{{"name", column.name},
              {"kind", column.numeric ? "number" : "text"},
              {"missing", missing},
              {"classes", classes.size()},
              {"values", shown}};
}

}  // namespace

Json preview_csv(const std::string& text, const std::string& filename, std::size_t head_rows) {
  const CsvTable csv = parse_csv(text, filename);
  if (csv.header.size() < 2)
    fail_file(
        filename, 1, 1,
        "a dataset needs at least two columns (features and a target) in its header row" + delimiter_hint(csv.header));
  // Typed as a run types them: a mostly numeric column with a text cell fails here, with its line.
  const Frame frame = make_frame(csv, csv.header, filename);
  Json columns = Json::array(), targets = Json::array();
  for (const auto& column : frame.columns) {
    Json described = describe_column(column);
    // The task a run would give this column as its target (dataset.task "auto"), or the run's
    // own refusal: one rule, the engine's, for the picker and the run.
    try {
      described["task"] = encode_target(frame, column, Json::object()).task.name();
      described["problem"] = nullptr;
      targets.push_back(column.name);
    } catch (const Error& e) {
      described["task"] = nullptr;
      // A row-level problem keeps its file:line; a field's name means nothing in a picker.
      described["problem"] = e.where().line > 0 ? std::string(e.what()) : e.message();
    }
    columns.push_back(std::move(described));
  }
  Json head = Json::array();
  for (std::size_t r = 0; r < csv.rows() && r < head_rows; ++r) {
    Json row = Json::array();
    for (std::size_t c = 0; c < csv.columns(); ++c) {
      const auto cell = csv.cell(r, c);
      row.push_back(cell ? Json(std::string(*cell)) : Json());
    }
    head.push_back(std::move(row));
  }
  return Json{{"file", filename}, {"rows", csv.rows()}, {"columns", columns},
              {"head", head},     {"targets", targets}, {"max_classes", kPreviewMaxClasses}};
}

}  // namespace lab
