#include "lesson/catalog.hpp"

#include "lesson/field_check.hpp"
#include "lesson/json_document.hpp"
#include "lesson/lesson_schema.hpp"

namespace lab::lesson {

namespace {
const std::vector<Field> kCatalogFields = {{"title", Kind::Text, true}, {"lessons", Kind::List, true}};
const std::vector<Field> kEntryFields = {
    {"id", Kind::Text, true},        {"title", Kind::Text, true}, {"duration_min", Kind::Integer, false},
    {"tags", Kind::TextList, false}, {"path", Kind::Text, false}, {"available", Kind::Boolean, false}};
}  // namespace

Catalog read_catalog(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  Catalog catalog;
  Report report(filename, diagnostics);
  try {
    JsonDocument doc = parse_json_document(text, report);
    if (!doc.ok) return catalog;
    catalog.positions = std::move(doc.positions);
    report.set_positions(&catalog.positions);
    if (!check_fields(doc.value, Path{}, kCatalogFields, "lesson catalog", report)) return catalog;
    catalog.loaded = true;
    if (const Json* t = get(doc.value, "title", Kind::Text)) catalog.title = t->get<std::string>();
    const Json* lessons = get(doc.value, "lessons", Kind::List);
    if (!lessons) return catalog;
    for (std::size_t i = 0; i < lessons->size(); ++i) {
      Path at = Path{}.key("lessons").index(i);
      const Json& e = (*lessons)[i];
      const int errors_before = report.errors();
      if (!check_fields(e, at, kEntryFields, "catalog entry", report)) continue;
      const Json* id = get(e, "id", Kind::Text);
      if (!id) continue;
      CatalogEntry entry;
      entry.id = id->get<std::string>();
      if (!valid_lesson_id(entry.id))
        report.error(at.key("id"), "lesson id " + quote_short(entry.id) + " should use lowercase letters, digits and '-' only");
      if (const Json* t = get(e, "title", Kind::Text)) entry.title = t->get<std::string>();
      if (const Json* d = get(e, "duration_min", Kind::Integer)) {
        entry.duration_min = d->get<long long>();
        entry.has_duration = true;
      }
      if (const Json* tags = get(e, "tags", Kind::TextList))
        for (const auto& tag : *tags) entry.tags.push_back(tag.get<std::string>());
      if (const Json* a = get(e, "available", Kind::Boolean)) entry.available = a->get<bool>();
      if (const Json* p = get(e, "path", Kind::Text)) entry.path = p->get<std::string>();
      // Upcoming lessons ("available": false) have no file and may not know their length yet.
      if (entry.available && entry.path.empty())
        report.error(at, "an available lesson needs a \"path\" to its file (e.g. /lessons/" + entry.id + ".md)");
      if (entry.available && !e.contains("duration_min"))
        report.error(at, "an available lesson needs its \"duration_min\"");
      if (catalog.lessons.count(entry.id)) {
        report.error(at.key("id"), "lesson " + quote_short(entry.id) + " is listed twice");
        continue;
      }
      entry.has_errors = report.errors() > errors_before;
      catalog.index_of[entry.id] = i;
      catalog.order.push_back(entry.id);
      catalog.lessons[entry.id] = entry;
    }
  } catch (const std::exception& e) {
    report.error_at({}, std::string("internal error while reading the catalog: ") + e.what());
  }
  return catalog;
}

Json catalog_json(const Catalog& catalog) {
  if (!catalog.loaded) return nullptr;
  Json lessons = Json::array();
  for (const auto& id : catalog.order) {
    const CatalogEntry& e = catalog.lessons.at(id);
    if (e.has_errors) continue;
    lessons.push_back(Json{{"id", e.id},
                           {"title", e.title},
                           {"duration_min", e.has_duration ? Json(e.duration_min) : Json(nullptr)},
                           {"tags", e.tags},
                           {"path", e.path},
                           {"available", e.available}});
  }
  return Json{{"title", catalog.title}, {"lessons", lessons}};
}

}  // namespace lab::lesson

namespace lab {

Json parse_catalog(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  return lesson::catalog_json(lesson::read_catalog(text, filename, diagnostics));
}

}  // namespace lab
