#include "lesson/catalog.hpp"

#include <algorithm>
#include <functional>

#include "documents/field_check.hpp"
#include "documents/json_document.hpp"
#include "lesson/lesson_schema.hpp"
#include "lesson/translation.hpp"

namespace lab::lesson {

namespace {
// The catalog's fields, declared once: read_catalog checks them and describe_catalog_format
// hands them (with the rules below) to the JSON Schema generator.
const std::vector<Field> kCatalogFields = {
    {"$schema", Kind::Text, false, "for editors: the JSON Schema this file follows (docs/schema.md)"},
    {"title", Kind::Text, true, "the course's title, shown on the front page"},
    {"chapters", Kind::List, false,
     "the course's chapters in order, each an id and a title; when given, every lesson names its chapter"},
    {"lessons", Kind::List, true, "the lessons in course order within their chapters"}};
const std::vector<Field> kChapterFields = {
    {"id", Kind::Text, true, "the chapter's id: lowercase letters, digits and '-' (lessons name it in \"chapter\")"},
    {"title", Kind::Text, true, "the chapter's title, a heading on the front page"}};
const std::vector<Field> kEntryFields = {
    {"id", Kind::Text, true, "the lesson's id, as in its front matter"},
    {"title", Kind::Text, true, "the lesson's title, as in its front matter"},
    {"chapter", Kind::Text, false, "the id of the chapter the lesson belongs to (one of \"chapters\")"},
    {"duration_min", Kind::Integer, false, "minutes, as in its front matter; required for an available lesson"},
    {"tags", Kind::TextList, false, "keywords shown on the front page"},
    {"prerequisites", Kind::TextList, false,
     "ids of catalog lessons to take first; the lesson page links them (with the front matter's prereqs)"},
    {"path", Kind::Text, false, "the lesson file as a site path (/lessons/ID.md); required for an available lesson"},
    {"available", Kind::Boolean, false, "false lists a lesson not written yet as 'coming soon' (default true)"},
    {"translations", Kind::List, false,
     "the lesson in other languages, each a lang, the translated title and its file (/lessons/ID.LANG.md)"}};
const std::vector<Field> kTranslationFields = {
    {"lang", Kind::Text, true, "the translation's language, a BCP 47 tag (de, pt-BR), as in its front matter"},
    {"title", Kind::Text, true, "the lesson's title in that language, as in the translation's front matter"},
    {"path", Kind::Text, true, "the translation's file as a site path (/lessons/ID.LANG.md)"}};
constexpr const char* kIdPattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

std::string chapter_ids(const std::vector<Chapter>& chapters) {
  std::string out;
  for (const auto& c : chapters) out += (out.empty() ? "" : ", ") + c.id;
  return out;
}

void read_chapters(const Json& list, Catalog& catalog, Report& report) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    Path at = Path{}.key("chapters").index(i);
    if (!check_fields(list[i], at, kChapterFields, "chapter", report)) continue;
    const Json* id = get(list[i], "id", Kind::Text);
    const Json* title = get(list[i], "title", Kind::Text);
    if (!id || !title) continue;
    Chapter chapter{id->get<std::string>(), title->get<std::string>()};
    if (!valid_lesson_id(chapter.id)) {
      report.error(at.key("id"),
                   "chapter id " + quote_short(chapter.id) + " should use lowercase letters, digits and '-' only");
      continue;
    }
    if (std::any_of(catalog.chapters.begin(), catalog.chapters.end(),
                    [&](const Chapter& c) { return c.id == chapter.id; })) {
      report.error(at.key("id"), "chapter " + quote_short(chapter.id) + " is listed twice");
      continue;
    }
    catalog.chapters.push_back(chapter);
  }
}

// An entry's "chapter" must name a declared chapter, and with chapters declared every entry
// names one: the front page groups by chapter and previous/next follows the chapters' order.
void check_chapter(const Json& e, const Path& at, bool declared, CatalogEntry& entry, const Catalog& catalog,
                   Report& report) {
  const Json* chapter = get(e, "chapter", Kind::Text);
  if (chapter) entry.chapter = chapter->get<std::string>();
  if (!declared) {
    if (chapter)
      report.error(at.key("chapter"),
                   "chapter " + quote_short(entry.chapter) + " is named but the catalog has no \"chapters\" list");
    return;
  }
  if (!e.contains("chapter") || e["chapter"].is_null()) {
    report.error(at, "the catalog has chapters, so lesson " + quote_short(entry.id) +
                         " needs a \"chapter\" (one of: " + chapter_ids(catalog.chapters) + ")");
    return;
  }
  if (chapter && std::none_of(catalog.chapters.begin(), catalog.chapters.end(),
                              [&](const Chapter& c) { return c.id == entry.chapter; }))
    report.error(at.key("chapter"), "chapter " + quote_short(entry.chapter) + " is not in the catalog's chapters (" +
                                        chapter_ids(catalog.chapters) + ")");
}
void read_translations(const Json& list, const Path& at, CatalogEntry& entry, Report& report) {
  for (std::size_t k = 0; k < list.size(); ++k) {
    const Path t = at.index(k);
    if (!check_fields(list[k], t, kTranslationFields, "translation", report)) continue;
    const Json* lang = get(list[k], "lang", Kind::Text);
    const Json* title = get(list[k], "title", Kind::Text);
    const Json* path = get(list[k], "path", Kind::Text);
    if (!lang || !title || !path) continue;
    CatalogTranslation tr{lang->get<std::string>(), title->get<std::string>(), path->get<std::string>()};
    if (!valid_language_tag(tr.lang)) {
      report.error(t.key("lang"),
                   "lang " + quote_short(tr.lang) + " is not a language tag; write it as BCP 47 does: de, pt-BR");
      continue;
    }
    if (std::any_of(entry.translations.begin(), entry.translations.end(),
                    [&](const CatalogTranslation& o) { return o.lang == tr.lang; })) {
      report.error(t.key("lang"), "lesson " + quote_short(entry.id) + " lists its " + tr.lang + " translation twice");
      continue;
    }
    entry.translations.push_back(tr);
  }
}

// Every prerequisite names another lesson of this catalog, and following them never comes back
// to where it started (a cycle leaves a learner no lesson to begin with). A bad one is reported
// and dropped; the lesson itself stays listed.
void check_prerequisites(Catalog& catalog, Report& report) {
  auto at = [&](const std::string& id, std::size_t k) {
    return Path{}.key("lessons").index(catalog.index_of.at(id)).key("prerequisites").index(k);
  };
  std::map<std::string, std::vector<bool>> keep;  // id -> which of its listed prerequisites stay
  for (const auto& id : catalog.order) {
    const auto& listed = catalog.lessons.at(id).prerequisites;
    auto& ok = keep[id] = std::vector<bool>(listed.size(), false);
    for (std::size_t k = 0; k < listed.size(); ++k) {
      const std::string& p = listed[k];
      if (p == id)
        report.error(at(id, k), "lesson " + quote_short(id) + " lists itself as a prerequisite");
      else if (!catalog.lessons.count(p))
        report.error(at(id, k), "prerequisite " + quote_short(p) + " is not a lesson of this catalog");
      else if (std::find(listed.begin(), listed.begin() + static_cast<std::ptrdiff_t>(k), p) !=
               listed.begin() + static_cast<std::ptrdiff_t>(k))
        report.error(at(id, k), "prerequisite " + quote_short(p) + " is listed twice");
      else
        ok[k] = true;
    }
  }
  // Depth-first from each lesson: a lesson met again while still on the path closes a cycle,
  // reported at the entry that closes it (whose link is dropped).
  std::map<std::string, int> state;  // 0 not seen, 1 on the path, 2 done
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& id) {
    state[id] = 1;
    path.push_back(id);
    const auto& listed = catalog.lessons.at(id).prerequisites;
    for (std::size_t k = 0; k < listed.size(); ++k) {
      if (!keep[id][k]) continue;
      const std::string& p = listed[k];
      if (state[p] == 1) {
        std::string loop;
        for (auto it = std::find(path.begin(), path.end(), p); it != path.end(); ++it) loop += *it + " -> ";
        report.error(at(id, k), "prerequisites go round in a circle: " + loop + p);
        keep[id][k] = false;
      } else if (state[p] == 0) {
        visit(p);
      }
    }
    path.pop_back();
    state[id] = 2;
  };
  for (const auto& id : catalog.order)
    if (state[id] == 0) visit(id);
  for (auto& [id, ok] : keep) {
    auto& listed = catalog.lessons.at(id).prerequisites;
    std::vector<std::string> kept;
    for (std::size_t k = 0; k < listed.size(); ++k)
      if (ok[k]) kept.push_back(listed[k]);
    listed = kept;
  }
}
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
    const bool has_chapters = doc.value.contains("chapters") && !doc.value["chapters"].is_null();
    if (const Json* chapters = get(doc.value, "chapters", Kind::List)) read_chapters(*chapters, catalog, report);
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
        report.error(at.key("id"),
                     "lesson id " + quote_short(entry.id) + " should use lowercase letters, digits and '-' only");
      if (const Json* t = get(e, "title", Kind::Text)) entry.title = t->get<std::string>();
      if (const Json* d = get(e, "duration_min", Kind::Integer)) {
        entry.duration_min = d->get<long long>();
        entry.has_duration = true;
      }
      if (const Json* tags = get(e, "tags", Kind::TextList))
        for (const auto& tag : *tags) entry.tags.push_back(tag.get<std::string>());
      if (const Json* pre = get(e, "prerequisites", Kind::TextList))
        for (const auto& p : *pre) entry.prerequisites.push_back(p.get<std::string>());
      if (const Json* a = get(e, "available", Kind::Boolean)) entry.available = a->get<bool>();
      if (const Json* p = get(e, "path", Kind::Text)) entry.path = p->get<std::string>();
      if (const Json* tr = get(e, "translations", Kind::List))
        read_translations(*tr, at.key("translations"), entry, report);
      check_chapter(e, at, has_chapters, entry, catalog, report);
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
    check_prerequisites(catalog, report);
  } catch (const std::exception& e) {
    report.error_at({}, std::string("internal error while reading the catalog: ") + e.what());
  }
  return catalog;
}

std::vector<std::string> course_order(const Catalog& catalog) {
  std::vector<std::string> ids = catalog.order;
  auto chapter_rank = [&](const std::string& id) {
    const std::string& chapter = catalog.lessons.at(id).chapter;
    for (std::size_t i = 0; i < catalog.chapters.size(); ++i)
      if (catalog.chapters[i].id == chapter) return i;
    return catalog.chapters.size();  // no (known) chapter: after the chapters, in file order
  };
  std::stable_sort(ids.begin(), ids.end(),
                   [&](const std::string& a, const std::string& b) { return chapter_rank(a) < chapter_rank(b); });
  return ids;
}

namespace {
Json translations_json(const CatalogEntry& e) {
  Json out = Json::array();
  for (const auto& t : e.translations) out.push_back(Json{{"lang", t.lang}, {"title", t.title}, {"path", t.path}});
  return out;
}
}  // namespace

Json catalog_json(const Catalog& catalog) {
  if (!catalog.loaded) return nullptr;
  Json chapters = Json::array();
  for (const auto& c : catalog.chapters) chapters.push_back(Json{{"id", c.id}, {"title", c.title}});
  Json lessons = Json::array();
  for (const auto& id : course_order(catalog)) {
    const CatalogEntry& e = catalog.lessons.at(id);
    if (e.has_errors) continue;
    lessons.push_back(Json{{"id", e.id},
                           {"title", e.title},
                           {"chapter", e.chapter.empty() ? Json(nullptr) : Json(e.chapter)},
                           {"duration_min", e.has_duration ? Json(e.duration_min) : Json(nullptr)},
                           {"tags", e.tags},
                           {"prerequisites", e.prerequisites},
                           {"path", e.path},
                           {"available", e.available},
                           {"translations", translations_json(e)}});
  }
  return Json{{"title", catalog.title}, {"chapters", chapters}, {"lessons", lessons}};
}

Json describe_catalog_format() {
  const Json id_rule{{"pattern", kIdPattern}};
  Json chapter = describe_fields(kChapterFields);
  described_field(chapter, "id")["json_schema"] = id_rule;
  Json entry = describe_fields(kEntryFields);
  described_field(entry, "id")["json_schema"] = id_rule;
  described_field(entry, "chapter")["json_schema"] = id_rule;
  described_field(entry, "available")["default"] = true;
  described_field(entry, "prerequisites")["json_schema"] = Json{{"items", id_rule}};
  Json translation = describe_fields(kTranslationFields);
  described_field(translation, "lang")["json_schema"] = Json{{"pattern", kLanguageTagPattern}};
  described_field(translation, "path")["json_schema"] = Json{{"pattern", "^.+\\.md$"}};
  Json& translations = described_field(entry, "translations");
  translations["type"] = "object list";
  translations["fields"] = Json{{"name", "translation"}, {"options", translation}};
  Json fields = describe_fields(kCatalogFields);
  Json& chapters = described_field(fields, "chapters");
  chapters["type"] = "object list";
  chapters["fields"] = Json{{"name", "chapter"}, {"options", chapter}};
  Json& lessons = described_field(fields, "lessons");
  lessons["type"] = "object list";
  lessons["fields"] = Json{{"name", "catalog entry"}, {"options", entry}};
  return Json{{"name", "lesson catalog"}, {"options", fields}};
}

}  // namespace lab::lesson

namespace lab {

Json parse_catalog(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics) {
  return lesson::catalog_json(lesson::read_catalog(text, filename, diagnostics));
}

}  // namespace lab
