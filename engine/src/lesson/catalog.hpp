// The lesson catalog (lessons/index.json): the course page's list of lessons and the set of
// ids that prereqs/next may point at. Optional chapters group the lessons and set the course
// order (previous/next on lesson pages). Lessons not written yet are listed with
// "available": false so the course can show them as upcoming.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "documents/report.hpp"

namespace lab::lesson {

struct Chapter {
  std::string id, title;
};

// A lesson in another language (lessons/ID.LANG.md), as the catalog lists it.
struct CatalogTranslation {
  std::string lang, title, path;
};

struct CatalogEntry {
  std::string id, title, path;
  std::string chapter;  // "" when the catalog has no chapters
  long long duration_min = 0;
  bool has_duration = false;
  std::vector<std::string> tags;
  std::vector<std::string> prerequisites;  // catalog ids to take first (lesson pages list them)
  bool available = true;
  std::vector<CatalogTranslation> translations;  // in the file's order
  bool has_errors = false;                       // still an id prereqs may name; left out of catalog_json
};

struct Catalog {
  bool loaded = false;
  std::string title;
  std::vector<Chapter> chapters;                // in course order
  std::vector<std::string> order;               // ids as the file lists them (the course page's order)
  std::map<std::string, CatalogEntry> lessons;  // by id
  PositionIndex positions;
  std::map<std::string, std::size_t> index_of;  // id -> position in the "lessons" list
};

// Parses and checks the catalog's own shape (diagnostics go to `diagnostics`).
Catalog read_catalog(const std::string& text, const std::string& filename, std::vector<Diagnostic>& diagnostics);

// The lesson ids in course order: by chapter in the chapters' order, then as the file lists them.
std::vector<std::string> course_order(const Catalog& catalog);

// The catalog as the web shell renders it: {title, chapters: [{id, title}], lessons: [{id,
// title, chapter (or null), duration_min (or null), tags, prerequisites, path, available, translations: [{lang, title,
// path}]}]} in course order, entries with errors left out; null if unreadable.
Json catalog_json(const Catalog& catalog);

// The catalog's fields and rules in describe_schema's vocabulary, for its JSON Schema.
Json describe_catalog_format();

}  // namespace lab::lesson
