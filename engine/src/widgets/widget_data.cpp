#include "widgets/widget_data.hpp"

#include <filesystem>
#include <set>

#include "core/files.hpp"
#include "data/csv.hpp"
#include "documents/field_check.hpp"
#include "lab/error.hpp"

namespace lab::lesson {

namespace fs = std::filesystem;

std::string resolve_site_path(const std::string& ref, const std::string& from_file, const std::string& site_root) {
  fs::path p = !ref.empty() && ref[0] == '/' ? fs::path(site_root.empty() ? "." : site_root) / ref.substr(1)
                                             : fs::path(from_file).parent_path() / ref;
  return p.lexically_normal().string();
}

void check_widget_csv(const Json& spec, const std::string& widget_file, const std::string& site_root, Report& report) {
  const Json* dataset = get(spec, "dataset", Kind::Object);
  const Json* csv = dataset ? get(*dataset, "csv", Kind::Text) : nullptr;
  if (!csv) return;  // normalize_spec has already said what is missing
  Path at = Path{}.key("dataset");
  std::string full = resolve_site_path(csv->get<std::string>(), widget_file, site_root);
  std::error_code ec;
  if (!fs::is_regular_file(full, ec)) {
    report.error(at.key("csv"), "CSV file " + quote_short(csv->get<std::string>()) + " not found (looked for " + full +
                                    "; the path is relative to the widget file)");
    return;
  }
  std::set<std::string> columns;
  try {
    CsvTable table = parse_csv(read_text_file(full), full);
    columns.insert(table.header.begin(), table.header.end());
  } catch (const Error& e) {
    report.error(at.key("csv"), "the CSV does not load: " + std::string(e.what()));
    return;
  }
  auto need = [&](const Path& where, const std::string& column, bool at_key) {
    if (!columns.count(column)) report.error(where, "the CSV has no column " + quote_short(column), at_key);
  };
  if (const Json* target = get(*dataset, "target", Kind::Text))
    need(at.key("target"), target->get<std::string>(), false);
  std::set<std::string> features;
  if (const Json* list = get(*dataset, "features", Kind::TextList)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      features.insert((*list)[i].get<std::string>());
      need(at.key("features").index(i), (*list)[i].get<std::string>(), false);
    }
  }
  if (const Json* where = get(*dataset, "where", Kind::Object))
    for (auto it = where->begin(); it != where->end(); ++it) need(at.key("where").key(it.key()), it.key(), true);
  const Json* preprocess = get(spec, "preprocess", Kind::Object);
  if (const Json* log1p = preprocess ? get(*preprocess, "log1p", Kind::TextList) : nullptr) {
    for (std::size_t i = 0; i < log1p->size(); ++i) {
      std::string column = (*log1p)[i].get<std::string>();
      Path p = Path{}.key("preprocess").key("log1p").index(i);
      need(p, column, false);
      if (!features.empty() && columns.count(column) && !features.count(column))
        report.error(p, "log1p column " + quote_short(column) + " is not among dataset.features");
    }
  }
}

}  // namespace lab::lesson
