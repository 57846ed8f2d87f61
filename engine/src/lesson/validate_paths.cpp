// validate_paths: lesson, widget and catalog files, and the links between them (a lesson's
// widget files exist and validate and have the type the lesson expects; prereqs/next are in
// the catalog; catalog entries point at lessons that say the same thing).
#include <algorithm>
#include <filesystem>
#include <set>

#include "core/files.hpp"
#include "documents/field_check.hpp"
#include "lab/error.hpp"
#include "lab/lesson.hpp"
#include "lesson/catalog.hpp"
#include "lesson/lesson_document.hpp"
#include "widgets/widget_data.hpp"
#include "widgets/widget_document.hpp"

namespace lab {

namespace {

namespace fs = std::filesystem;
using namespace lesson;

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
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
    if (name == "index.json")
      catalog_file(p);
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
      std::string file = resolve_site_path(entry.path, p, root_);
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) {
        report.error(at.key("path"), "lesson file " + quote_short(entry.path) + " not found (looked for " + file + ")");
        continue;
      }
      std::string lesson_text;
      if (!read(file, lesson_text)) continue;
      std::vector<Diagnostic> ignored;  // the lesson's own problems are reported when it is validated
      Json lesson = read_lesson(lesson_text, file, ignored).lesson;
      if (lesson.is_null()) continue;
      if (lesson.value("id", "") != id)
        report.error(at.key("id"),
                     "the catalog says '" + id + "' but " + entry.path + " has id '" + lesson.value("id", "") + "'");
      if (lesson.value("title", "") != entry.title)
        report.warning(at.key("title"), "the lesson's title is " + quote_short(lesson.value("title", "")));
      if (!lesson["duration_min"].is_number() ||
          lesson["duration_min"].get<double>() != static_cast<double>(entry.duration_min))
        report.warning(at.key("duration_min"), "the lesson says duration_min " + lesson["duration_min"].dump());
    }
    if (canonical(p) == canonical(catalog_path())) {
      catalog_ = std::move(c);
      catalog_tried_ = true;
    }
  }

  void lesson_file(const std::string& p) {
    std::string text;
    if (!read(p, text)) return;
    LessonDocument doc = read_lesson(text, p, out_);
    if (doc.lesson.is_null()) return;
    Report report(p, out_);
    report.set_positions(&doc.positions);
    check_links(doc.lesson, report);
    if (const Json* widgets = get(doc.lesson, "widgets", Kind::List))
      for (std::size_t i = 0; i < widgets->size(); ++i)
        check_widget_ref((*widgets)[i], Path{}.key("widgets").index(i), p, report);
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
