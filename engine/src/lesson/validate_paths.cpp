// validate_paths: lesson, widget and catalog files, and the links between them (a lesson's
// widget files exist and validate and have the type the lesson expects; prereqs/next are in
// the catalog; catalog entries point at lessons that say the same thing).
#include <algorithm>
#include <filesystem>
#include <set>

#include "core/files.hpp"
#include "documents/field_check.hpp"
#include "documents/json_document.hpp"
#include "lab/error.hpp"
#include "lab/lesson.hpp"
#include "lesson/catalog.hpp"
#include "lesson/lesson_document.hpp"
#include "lesson/translation.hpp"
#include "widgets/widget_data.hpp"
#include "widgets/widget_document.hpp"
#include "widgets/widget_text.hpp"

namespace lab {

namespace {

namespace fs = std::filesystem;
using namespace lesson;

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// How a neighbour file (SiteValidator::neighbour) is read: its lesson, or its JSON value; null
// when it has none. `problems` takes its own diagnostics.
Json lesson_in(const std::string& text, const std::string& file, std::vector<Diagnostic>& problems) {
  return read_lesson(text, file, problems).lesson;
}

Json json_in(const std::string& text, const std::string& file, std::vector<Diagnostic>& problems) {
  Report report(file, problems);
  JsonDocument doc = parse_json_document(text, report);
  return doc.ok ? std::move(doc.value) : Json();
}

// A parsed widget text file (`filename`) against its widget file (null when it could not be
// read): the language its name gives, then check_widget_text.
void check_widget_text_document(const Json& value, const std::string& filename, const Json& widget_json,
                                const std::string& widget_name, Report& report) {
  std::string stem = fs::path(filename).filename().string();
  if (ends_with(stem, ".json")) stem.resize(stem.size() - 5);
  const std::size_t dot = stem.rfind('.');
  const std::string lang = dot == std::string::npos ? "" : stem.substr(dot + 1);
  if (lang.empty() || !valid_language_tag(lang)) {
    report.error_at({1, 1}, "a widget text file is named STEM.LANG.json (e.g. optimization_lab.titanic.de.json); " +
                                quote_short(fs::path(filename).filename().string()) + " names no language");
    return;
  }
  check_widget_text(value, lang, widget_json, widget_name, report);
}

class SiteValidator {
 public:
  SiteValidator(std::string site_root, std::vector<Diagnostic>& out) : root_(std::move(site_root)), out_(out) {}

  void path(const std::string& p) {
    std::error_code ec;
    if (fs::is_directory(p, ec))
      folder(p);
    else if (fs::is_regular_file(p, ec))
      file(p, true);
    else
      Report(p, out_).error_at({}, "no such file or folder");
  }

 private:
  // Folders recurse in name order so the output is stable. README.md documents a folder; it
  // is not a lesson. Hidden entries (.git) are skipped.
  void folder(const std::string& dir) {
    std::vector<fs::path> entries;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& e : entries) {
      std::string name = e.filename().string();
      if (name.empty() || name[0] == '.' || name == "README.md") continue;
      if (fs::is_directory(e, ec))
        folder(e.string());
      else if (ends_with(name, ".md") || ends_with(name, ".json"))
        file(e.string(), false);
    }
  }

  void file(const std::string& p, bool explicit_path) {
    if (!first_visit(p)) return;
    std::string name = fs::path(p).filename().string();
    // A file named explicitly is taken as a lesson unless it is JSON (lesson sources such as
    // the seeds may carry another extension); in folders only .md files are lessons.
    const fs::path parent = fs::path(p).parent_path();
    if (name == "index.json")
      catalog_file(p);
    else if (ends_with(name, ".json") && parent.filename() == "i18n")
      widget_text_file(p);
    else if (ends_with(name, ".json") && parent.parent_path().filename() == "i18n" &&
             valid_language_tag(parent.filename().string()))
      return;  // a message catalog of the web shell (web/i18n/LANG/*.json): tools/i18n checks those
    else if (ends_with(name, ".json"))
      widget_file(p);
    else if (ends_with(name, ".md") || explicit_path)
      lesson_file(p);
  }

  bool first_visit(const std::string& p) { return done_.insert(canonical(p)).second; }

  bool read(const std::string& p, std::string& text) {
    try {
      text = read_text_file(p);
      return true;
    } catch (const Error& e) {
      Report(p, out_).error_at({}, e.message());
      return false;
    }
  }

  std::string canonical(const std::string& p) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(p, ec).string();
    return ec ? p : key;
  }

  // The site's catalog, read (and checked, once) on first need.
  const Catalog& catalog() {
    if (!catalog_tried_) {
      catalog_tried_ = true;
      std::error_code ec;
      if (fs::is_regular_file(catalog_path(), ec) && first_visit(catalog_path())) catalog_file(catalog_path());
    }
    return catalog_;
  }

  std::string catalog_path() const {
    return (fs::path(root_.empty() ? "." : root_) / "lessons" / "index.json").lexically_normal().string();
  }

  void catalog_file(const std::string& p) {
    std::string text;
    if (!read(p, text)) return;
    Catalog c = read_catalog(text, p, out_);
    Report report(p, out_);
    report.set_positions(&c.positions);
    for (const auto& [id, entry] : c.lessons) {
      if (!entry.available || entry.path.empty()) continue;
      Path at = Path{}.key("lessons").index(c.index_of.at(id));
      Json lesson = listed_lesson(entry.path, p, at.key("path"), "lesson file", report);
      if (lesson.is_null()) continue;
      if (lesson.value("id", "") != id)
        report.error(at.key("id"),
                     "the catalog says '" + id + "' but " + entry.path + " has id '" + lesson.value("id", "") + "'");
      if (lesson.value("title", "") != entry.title)
        report.warning(at.key("title"), "the lesson's title is " + quote_short(lesson.value("title", "")));
      if (!lesson["duration_min"].is_number() ||
          lesson["duration_min"].get<double>() != static_cast<double>(entry.duration_min))
        report.warning(at.key("duration_min"), "the lesson says duration_min " + lesson["duration_min"].dump());
      for (std::size_t k = 0; k < entry.translations.size(); ++k)
        check_catalog_translation(entry, k, at.key("translations").index(k), p, report);
    }
    if (canonical(p) == canonical(catalog_path())) {
      catalog_ = std::move(c);
      catalog_tried_ = true;
    }
  }

  // A file the one being validated names (a catalog's lesson, a translation's original, a text
  // file's widget file), read by `in`; its own problems are left out: they are reported when it
  // is validated itself. Null, after `missing` reported it, when there is no such file (and
  // null when it cannot be read or has nothing to read).
  template <class Missing>
  Json neighbour(const std::string& file, Json (*in)(const std::string&, const std::string&, std::vector<Diagnostic>&),
                 Missing missing) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      missing();
      return nullptr;
    }
    std::string text;
    if (!read(file, text)) return nullptr;
    std::vector<Diagnostic> ignored;
    return in(text, file, ignored);
  }

  // The lesson file a catalog (`catalog_file`) lists at `site_path`, parsed; null, with an error
  // at `at` when it does not exist.
  Json listed_lesson(const std::string& site_path, const std::string& catalog_file, const Path& at, const char* what,
                     Report& report) {
    const std::string file = resolve_site_path(site_path, catalog_file, root_);
    return neighbour(file, lesson_in, [&] {
      report.error(at, std::string(what) + " " + quote_short(site_path) + " not found (looked for " + file + ")");
    });
  }

  // A catalog entry's translation: its file exists and is that lesson in that language.
  void check_catalog_translation(const CatalogEntry& entry, std::size_t k, const Path& at, const std::string& p,
                                 Report& report) {
    const CatalogTranslation& t = entry.translations[k];
    Json lesson = listed_lesson(t.path, p, at.key("path"), "translation", report);
    if (lesson.is_null()) return;
    if (lesson.value("id", "") != entry.id)
      report.error(at.key("path"), t.path + " has id " + quote_short(lesson.value("id", "")) + ", not " +
                                       quote_short(entry.id) + "; a translation keeps its lesson's id");
    if (lesson.value("lang", "en") != t.lang)
      report.error(at.key("lang"), "the catalog says " + quote_short(t.lang) + " but " + t.path + " has lang " +
                                       quote_short(lesson.value("lang", "en")));
    if (lesson.value("title", "") != t.title)
      report.warning(at.key("title"), "the translation's title is " + quote_short(lesson.value("title", "")));
  }

  void lesson_file(const std::string& p) {
    std::string text;
    if (!read(p, text)) return;
    LessonDocument doc = read_lesson(text, p, out_);
    if (doc.lesson.is_null()) return;
    Report report(p, out_);
    report.set_positions(&doc.positions);
    check_links(doc.lesson, report);
    check_translation_of(doc.lesson, p, report);
    if (const Json* widgets = get(doc.lesson, "widgets", Kind::List))
      for (std::size_t i = 0; i < widgets->size(); ++i)
        check_widget_ref((*widgets)[i], Path{}.key("widgets").index(i), p, report);
  }

  // ID.LANG.md is lesson ID in language LANG: ID.md beside it must exist and agree with it.
  void check_translation_of(const Json& lesson, const std::string& p, Report& report) {
    const TranslationName name = translation_name(p);
    if (name.lang.empty()) return;
    const std::string original = (fs::path(p).parent_path() / (name.id + ".md")).string();
    Json source = neighbour(original, lesson_in, [&] {
      report.error(Path{}.key("id"),
                   "a translation (ID.LANG.md) of a lesson that does not exist: " + original + " not found");
    });
    if (!source.is_null()) check_translation(lesson, source, original, name.lang, report);
  }

  // widgets/i18n/STEM.LANG.json: the text of widgets/STEM.json (its "widget" field) in LANG.
  void widget_text_file(const std::string& p) {
    std::string text;
    if (!read(p, text)) return;
    Report report(p, out_);
    JsonDocument doc = parse_json_document(text, report);
    if (!doc.ok) return;
    report.set_positions(&doc.positions);
    const Json* widget = get(doc.value, "widget", Kind::Text);
    Json widget_json;
    std::string widget_name = "the widget file";
    if (widget) {
      const std::string file = (fs::path(p).parent_path() / widget->get<std::string>()).lexically_normal().string();
      widget_name = fs::path(file).filename().string();
      widget_json = neighbour(file, json_in, [&] {
        report.error(Path{}.key("widget"),
                     "widget file " + quote_short(widget->get<std::string>()) + " not found (looked for " + file + ")");
      });
    }
    check_widget_text_document(doc.value, p, widget_json, widget_name, report);
  }

  // prereqs/next may name lessons not written yet, so a miss is a warning.
  void check_links(const Json& lesson, Report& report) {
    const Catalog& c = catalog();
    if (!c.loaded) {
      report.warning(Path{}, "no lesson catalog at " + catalog_path() + "; prereqs and next are not checked");
      return;
    }
    auto check = [&](const Json& id, const Path& at, const char* what) {
      if (id.is_string() && !c.lessons.count(id.get<std::string>()))
        report.warning(at,
                       std::string(what) + " '" + id.get<std::string>() + "' is not in the catalog " + catalog_path());
    };
    if (const Json* prereqs = get(lesson, "prereqs", Kind::TextList))
      for (std::size_t i = 0; i < prereqs->size(); ++i)
        check((*prereqs)[i], Path{}.key("prereqs").index(i), "prerequisite");
    if (lesson.contains("next")) check(lesson["next"], Path{}.key("next"), "next lesson");
    if (lesson.contains("id")) check(lesson["id"], Path{}.key("id"), "lesson");
  }

  void check_widget_ref(const Json& ref, const Path& at, const std::string& lesson_path, Report& report) {
    const Json* data = get(ref, "data", Kind::Text);
    if (!data) return;
    const std::string& written = data->get_ref<const std::string&>();
    if (written.find("://") != std::string::npos) {
      report.error(at.key("data"), "widget data must be a file of this site (e.g. /widgets/x.json), not a URL");
      return;
    }
    std::string file = resolve_site_path(written, lesson_path, root_);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      report.error(at.key("data"), "widget data " + quote_short(written) + " not found (looked for " + file + ")");
      return;
    }
    WidgetSummary w = widget_file(file);
    if (w.errors > 0)
      report.error(at.key("data"), "widget data " + quote_short(written) + " does not validate (" +
                                       std::to_string(w.errors) + " error" + (w.errors > 1 ? "s" : "") +
                                       ", listed under " + file + ")");
    // An unknown type was already reported by the lesson rules; one message is enough.
    const Json* type = get(ref, "type", Kind::Text);
    const auto& known = known_widget_types();
    if (type && !w.type.empty() && w.type != *type &&
        std::find(known.begin(), known.end(), type->get<std::string>()) != known.end())
      report.error(at.key("type"),
                   "the lesson expects type " + type->get<std::string>() + " but " + written + " has type " + w.type);
  }

  struct WidgetSummary {
    int errors = 0;
    std::string type;
  };

  // Validates each widget file once, however many lessons use it.
  WidgetSummary widget_file(const std::string& p) {
    std::string key = canonical(p);
    auto known = widgets_.find(key);
    if (known != widgets_.end()) return known->second;
    done_.insert(key);
    WidgetSummary summary;
    std::string text;
    if (!read(p, text)) {
      summary.errors = 1;
      return widgets_[key] = summary;
    }
    std::size_t first = out_.size();
    WidgetDocument doc = read_widget(text, p, out_);
    if (doc.spec.is_object()) {
      Report report(p, out_);
      report.set_positions(&doc.positions);
      check_widget_csv(doc.spec, p, root_, report);
      if (const Json* w = get(doc.spec, "widget", Kind::Object))
        if (const Json* t = get(*w, "type", Kind::Text)) summary.type = t->get<std::string>();
    }
    for (std::size_t i = first; i < out_.size(); ++i) summary.errors += out_[i].severity == "error";
    return widgets_[key] = summary;
  }

  std::string root_;
  std::vector<Diagnostic>& out_;
  std::set<std::string> done_;
  std::map<std::string, WidgetSummary> widgets_;
  Catalog catalog_;
  bool catalog_tried_ = false;
};

}  // namespace

bool validate_widget_text(const std::string& text, const std::string& filename, const std::string& widget_text,
                          const std::string& widget_filename, std::vector<Diagnostic>& diagnostics) {
  const std::size_t before = diagnostics.size();
  try {
    Report report(filename, diagnostics);
    JsonDocument doc = parse_json_document(text, report);
    if (doc.ok) {
      report.set_positions(&doc.positions);
      std::vector<Diagnostic> ignored;
      check_widget_text_document(doc.value, filename, json_in(widget_text, widget_filename, ignored),
                                 fs::path(widget_filename).filename().string(), report);
    }
  } catch (const std::exception& e) {
    diagnostics.push_back(Diagnostic{"error", Location{}, std::string("internal error while validating: ") + e.what()});
  }
  return std::none_of(diagnostics.begin() + static_cast<std::ptrdiff_t>(before), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == "error"; });
}

std::vector<Diagnostic> validate_paths(const std::vector<std::string>& paths, const std::string& site_root) {
  std::vector<Diagnostic> out;
  try {
    SiteValidator validator(site_root, out);
    for (const auto& p : paths) validator.path(p);
  } catch (const std::exception& e) {
    Diagnostic d{"error", Location{}, std::string("internal error while validating: ") + e.what()};
    out.push_back(d);
  }
  return out;
}

}  // namespace lab
