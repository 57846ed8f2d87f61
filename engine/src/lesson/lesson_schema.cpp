#include "lesson/lesson_schema.hpp"
#include "core/limits.hpp"

#include <algorithm>

#include "documents/field_check.hpp"
#include "lab/widget_file.hpp"
#include "lesson/translation.hpp"

namespace lab::lesson {

namespace {

const std::vector<Field> kLessonFields = {
    {"id", Kind::Text, true, "the lesson's id: lowercase letters, digits and '-' (it appears in URLs and the catalog)"},
    {"title", Kind::Text, true, "the title shown on the lesson page and in the catalog"},
    {"lang", Kind::Text, false,
     "the lesson's language as a BCP 47 tag (en, de, pt-BR; default en): the page's interface follows it; "
     "a translation ID.LANG.md names its LANG here"},
    {"duration_min", Kind::Integer, true, "about how long the lesson takes, in minutes"},
    {"prereqs", Kind::TextList, false, "ids of the lessons to take first"},
    {"tags", Kind::TextList, false, "keywords shown with the lesson in the catalog"},
    {"video", Kind::Object, false, "an embedded video: platform, id, and optionally start/end in seconds"},
    {"widgets", Kind::List, false, "the widgets the lesson embeds, each a type and the widget file it loads"},
    {"goals", Kind::TextList, false, "what a learner can do after the lesson, one line each"},
    {"quiz", Kind::List, false, "multiple-choice questions: q, options, answer (an index from 0), explain"},
    {"flashcards", Kind::List, false, "cards written 'Term: definition'"},
    {"reflection", Kind::TextList, false, "open questions for the learner to think about"},
    {"next", Kind::Text, false, "the id of the lesson that follows"},
};
const std::vector<Field> kVideoFields = {
    {"platform", Kind::Text, true, "the video's host"},
    {"id", Kind::Text, true, "the video's id on that platform"},
    {"start", Kind::Integer, false, "where playback starts, in seconds (default 0)"},
    {"end", Kind::Integer, false, "where playback ends, in seconds; after start"},
};
const std::vector<Field> kWidgetRefFields = {
    {"type", Kind::Text, true, "the widget's type; it must match the widget file's widget.type"},
    {"data", Kind::Text, true, "the widget file (.json), as a site path such as /widgets/NAME.json"}};
const std::vector<Field> kQuizFields = {
    {"q", Kind::Text, true, "the question"},
    {"options", Kind::TextList, true, "the answers to choose from (at least two)"},
    {"answer", Kind::Integer, true, "the index of the right option, counting from 0"},
    {"explain", Kind::Text, false, "shown after answering: why the right option is right"},
};
// Lesson ids as a JSON Schema pattern, for describe_lesson_format; valid_lesson_id below is
// the same rule in code (tests/engine/file_format_test.cpp holds the two together).
constexpr const char* kLessonIdPattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
// The shell embeds these players; another platform would render as a dead frame.
const std::vector<std::string> kVideoPlatforms = {"youtube", "vimeo"};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool contains(const std::vector<std::string>& items, const std::string& s) {
  return std::find(items.begin(), items.end(), s) != items.end();
}

// Flashcards are written "- Term: definition", which YAML reads as a one-key mapping; a quoted
// "Term: definition" string is accepted too. Returns false if neither shape fits.
bool flashcard_parts(const Json& card, std::string& term, std::string& definition) {
  if (card.is_object() && card.size() == 1 && card.begin().value().is_string()) {
    term = card.begin().key();
    definition = card.begin().value().get<std::string>();
  } else if (card.is_string()) {
    const std::string& s = card.get_ref<const std::string&>();
    auto colon = s.find(": ");
    if (colon == std::string::npos) return false;
    term = s.substr(0, colon);
    definition = s.substr(colon + 2);
  } else {
    return false;
  }
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; };
  return !blank(term) && !blank(definition);
}

void check_id(const Json& fm, const char* name, const Path& at, Report& report) {
  if (const Json* v = get(fm, name, Kind::Text); v && !valid_lesson_id(v->get<std::string>()))
    report.error(at, "lesson id " + quote_short(v->get<std::string>()) +
                         " should use lowercase letters, digits and '-' only (e.g. ai-builder-ch3-lesson4)");
}

void check_video(const Json& video, const Path& at, Report& report) {
  if (!check_fields(video, at, kVideoFields, "video", report)) return;
  if (const Json* p = get(video, "platform", Kind::Text); p && !contains(kVideoPlatforms, p->get<std::string>()))
    report.error(at.key("platform"), "unknown video platform " + quote_short(p->get<std::string>()) +
                                         "; expected one of: " + join(kVideoPlatforms));
  if (const Json* id = get(video, "id", Kind::Text); id && id->get<std::string>().empty())
    report.error(at.key("id"), "video id is empty");
  const Json* start = get(video, "start", Kind::Integer);
  const Json* end = get(video, "end", Kind::Integer);
  if (start && start->get<double>() < 0) report.error(at.key("start"), "video start must be 0 seconds or later");
  if (end && end->get<double>() <= 0) report.error(at.key("end"), "video end must be after 0 seconds");
  double s = start ? start->get<double>() : 0;
  if (end && s >= end->get<double>())
    report.error(at.key(start ? "start" : "end"), "video start (" + std::to_string(static_cast<long long>(s)) +
                                                      " s) must be before its end (" +
                                                      std::to_string(end->get<long long>()) + " s)");
}

void check_widget_refs(const Json& widgets, const Path& at, Report& report) {
  for (std::size_t i = 0; i < widgets.size(); ++i) {
    Path w = at.index(i);
    if (!check_fields(widgets[i], w, kWidgetRefFields, "widget reference", report)) continue;
    if (const Json* t = get(widgets[i], "type", Kind::Text);
        t && !contains(known_widget_types(), t->get<std::string>()))
      report.error(w.key("type"), "unknown widget type " + quote_short(t->get<std::string>()) +
                                      "; expected one of: " + join(known_widget_types()));
    if (const Json* d = get(widgets[i], "data", Kind::Text)) {
      const std::string& path = d->get_ref<const std::string&>();
      if (path.size() < 6 || path.compare(path.size() - 5, 5, ".json") != 0)
        report.error(w.key("data"), "widget data " + quote_short(path) + " should name a .json widget file");
    }
  }
}

void check_quiz(const Json& quiz, const Path& at, Report& report) {
  for (std::size_t i = 0; i < quiz.size(); ++i) {
    Path q = at.index(i);
    if (!check_fields(quiz[i], q, kQuizFields, "quiz question", report)) continue;
    const Json* options = get(quiz[i], "options", Kind::TextList);
    if (options && options->size() < 2)
      report.error(q.key("options"), "a question needs at least two options, got " + std::to_string(options->size()));
    const Json* answer = get(quiz[i], "answer", Kind::Integer);
    if (options && answer && options->size() >= 1) {
      double a = answer->get<double>();
      if (a < 0 || a >= static_cast<double>(options->size()))
        report.error(q.key("answer"), "answer " + answer->dump() +
                                          " is not one of the options; expected an index from 0 to " +
                                          std::to_string(options->size() - 1) + " (answers count from 0)");
    }
  }
}

void check_flashcards(const Json& cards, const Path& at, Report& report) {
  for (std::size_t i = 0; i < cards.size(); ++i) {
    std::string term, definition;
    if (!flashcard_parts(cards[i], term, definition))
      report.error(at.index(i),
                   "a flashcard is written 'Term: definition' (a term, a colon and a space, "
                   "then its definition), got " +
                       describe_value(cards[i]));
  }
}

}  // namespace

bool valid_lesson_id(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

void check_lesson(const Json& fm, Report& report) {
  Path root;
  if (!check_fields(fm, root, kLessonFields, "lesson front matter", report)) return;
  check_id(fm, "id", root.key("id"), report);
  check_id(fm, "next", root.key("next"), report);
  if (const Json* t = get(fm, "title", Kind::Text); t && t->get<std::string>().empty())
    report.error(root.key("title"), "title is empty");
  if (const Json* lang = get(fm, "lang", Kind::Text); lang && !valid_language_tag(lang->get<std::string>()))
    report.error(root.key("lang"), "lang " + quote_short(lang->get<std::string>()) +
                                       " is not a language tag; write it as BCP 47 does: en, de, pt-BR");
  if (const Json* d = get(fm, "duration_min", Kind::Integer)) {
    double m = d->get<double>();
    if (m < 1 || m > limits::kMaxLessonMinutes)
      report.error(root.key("duration_min"), "duration_min " + d->dump() + " is outside 1.." +
                                                 std::to_string(limits::kMaxLessonMinutes) + " minutes");
  }
  if (const Json* prereqs = get(fm, "prereqs", Kind::TextList)) {
    for (std::size_t i = 0; i < prereqs->size(); ++i) {
      const std::string& p = (*prereqs)[i].get_ref<const std::string&>();
      if (!valid_lesson_id(p))
        report.error(root.key("prereqs").index(i),
                     "lesson id " + quote_short(p) + " should use lowercase letters, digits and '-' only");
      if (const Json* id = get(fm, "id", Kind::Text); id && *id == p)
        report.error(root.key("prereqs").index(i), "a lesson cannot be its own prerequisite");
    }
  }
  if (const Json* video = get(fm, "video", Kind::Object)) check_video(*video, root.key("video"), report);
  if (const Json* w = get(fm, "widgets", Kind::List)) check_widget_refs(*w, root.key("widgets"), report);
  if (const Json* q = get(fm, "quiz", Kind::List)) check_quiz(*q, root.key("quiz"), report);
  if (const Json* f = get(fm, "flashcards", Kind::List)) check_flashcards(*f, root.key("flashcards"), report);
}

namespace {

Json text_or(const Json& obj, const char* key, Json fallback) {
  const Json* v = get(obj, key, Kind::Text);
  return v ? *v : fallback;
}

// The lesson's language: "en" when not given, null when not a language tag (check_lesson
// reports it), so no later check compares a language the file does not state.
Json lang_or_english(const Json& fm) {
  if (!fm.contains("lang") || fm["lang"].is_null()) return "en";
  const Json* v = get(fm, "lang", Kind::Text);
  return v && valid_language_tag(v->get<std::string>()) ? *v : Json(nullptr);
}

Json whole_or(const Json& obj, const char* key, Json fallback) {
  const Json* v = get(obj, key, Kind::Integer);
  return v ? Json(v->get<long long>()) : fallback;
}

Json texts(const Json& obj, const char* key) {
  Json out = Json::array();
  if (const Json* list = get(obj, key, Kind::List))
    for (const auto& item : *list)
      if (item.is_string()) out.push_back(item);
  return out;
}

Json video_part(const Json& fm) {
  const Json* v = get(fm, "video", Kind::Object);
  if (!v || !get(*v, "id", Kind::Text) || !get(*v, "platform", Kind::Text)) return nullptr;
  if (!contains(kVideoPlatforms, (*v)["platform"].get<std::string>())) return nullptr;
  long long start = whole_or(*v, "start", 0).get<long long>();
  if (start < 0) start = 0;
  Json end = whole_or(*v, "end", nullptr);
  if (end.is_number() && end.get<long long>() <= start) end = nullptr;
  return Json{{"platform", (*v)["platform"]}, {"id", (*v)["id"]}, {"start", start}, {"end", end}};
}

Json widget_parts(const Json& fm) {
  Json out = Json::array();
  if (const Json* list = get(fm, "widgets", Kind::List))
    for (const auto& w : *list) {
      const Json* type = w.is_object() ? get(w, "type", Kind::Text) : nullptr;
      const Json* data = w.is_object() ? get(w, "data", Kind::Text) : nullptr;
      if (type && data && contains(known_widget_types(), type->get<std::string>()))
        out.push_back(Json{{"type", *type}, {"data", *data}});
    }
  return out;
}

Json quiz_parts(const Json& fm) {
  Json out = Json::array();
  if (const Json* list = get(fm, "quiz", Kind::List))
    for (const auto& q : *list) {
      if (!q.is_object() || !get(q, "q", Kind::Text)) continue;
      const Json* options = get(q, "options", Kind::TextList);
      const Json* answer = get(q, "answer", Kind::Integer);
      if (!options || options->size() < 2 || !answer) continue;
      const long long a = answer->get<long long>();
      if (a < 0 || a >= static_cast<long long>(options->size())) continue;
      out.push_back(Json{{"q", q["q"]}, {"options", *options}, {"answer", a}, {"explain", text_or(q, "explain", "")}});
    }
  return out;
}

Json flashcard_parts_of(const Json& fm) {
  Json out = Json::array();
  if (const Json* list = get(fm, "flashcards", Kind::List))
    for (const auto& card : *list) {
      std::string term, definition;
      if (flashcard_parts(card, term, definition)) out.push_back(Json{{"term", term}, {"definition", definition}});
    }
  return out;
}

}  // namespace

// Builds each part in its documented shape from what the file holds; a value of another shape
// is left out (check_lesson has reported it), so a front end renders the parts as they are.
Json normalize_lesson(const Json& fm) {
  return Json{{"id", text_or(fm, "id", "")},
              {"title", text_or(fm, "title", "")},
              {"lang", lang_or_english(fm)},
              {"duration_min", whole_or(fm, "duration_min", nullptr)},
              {"prereqs", texts(fm, "prereqs")},
              {"tags", texts(fm, "tags")},
              {"video", video_part(fm)},
              {"widgets", widget_parts(fm)},
              {"goals", texts(fm, "goals")},
              {"quiz", quiz_parts(fm)},
              {"flashcards", flashcard_parts_of(fm)},
              {"reflection", texts(fm, "reflection")},
              {"next", text_or(fm, "next", nullptr)}};
}

// The front matter's tables with the rules check_lesson adds to them, for JSON Schema. Rules
// with a describe_schema word (choices, min, max) use it; the rest are given as JSON Schema
// ("json_schema", merged by tools/docs/json-schema.mjs). Rules between fields (an answer within
// its options, start before end, a lesson not its own prerequisite) stay in the code above;
// docs/schema.md lists them.
Json describe_lesson_format() {
  const Json id_rule{{"pattern", kLessonIdPattern}};
  Json fields = describe_fields(kLessonFields);
  described_field(fields, "id")["json_schema"] = id_rule;
  described_field(fields, "next")["json_schema"] = id_rule;
  described_field(fields, "prereqs")["json_schema"] = Json{{"items", id_rule}};
  described_field(fields, "title")["json_schema"] = Json{{"minLength", 1}};
  described_field(fields, "lang")
      .update(Json{{"default", "en"}, {"json_schema", Json{{"pattern", kLanguageTagPattern}}}});
  described_field(fields, "duration_min").update(Json{{"min", 1}, {"max", limits::kMaxLessonMinutes}});
  Json video = describe_fields(kVideoFields);
  described_field(video, "platform")["choices"] = kVideoPlatforms;
  described_field(video, "id")["json_schema"] = Json{{"minLength", 1}};
  described_field(video, "start")["min"] = 0;
  described_field(video, "end").update(Json{{"min", 0}, {"min_exclusive", true}});
  described_field(fields, "video")["fields"] = Json{{"name", "video"}, {"options", video}};
  Json widget = describe_fields(kWidgetRefFields);
  described_field(widget, "type")["choices"] = known_widget_types();
  described_field(widget, "data")["json_schema"] = Json{{"pattern", "^.+\\.json$"}};
  Json& widgets = described_field(fields, "widgets");
  widgets["type"] = "object list";
  widgets["fields"] = Json{{"name", "widget reference"}, {"options", widget}};
  Json quiz = describe_fields(kQuizFields);
  described_field(quiz, "options")["json_schema"] = Json{{"minItems", 2}};
  described_field(quiz, "answer")["min"] = 0;
  Json& questions = described_field(fields, "quiz");
  questions["type"] = "object list";
  questions["fields"] = Json{{"name", "quiz question"}, {"options", quiz}};
  // flashcard_parts: a one-key mapping (- Term: definition) or a "Term: definition" string,
  // the term being the text before the first ": ", neither part blank (only spaces and tabs).
  const Json non_blank{{"type", "string"}, {"pattern", "[^ \\t]"}};
  const Json card_text{{"type", "string"}, {"pattern", "^[ \\t]*(?!: )[^ \\t](?:(?!: )[\\s\\S])*: [\\s\\S]*[^ \\t]"}};
  const Json card_mapping{{"type", "object"},
                          {"minProperties", 1},
                          {"maxProperties", 1},
                          {"propertyNames", non_blank},
                          {"additionalProperties", non_blank}};
  described_field(fields, "flashcards")["json_schema"] =
      Json{{"items", Json{{"anyOf", Json::array({card_mapping, card_text})}}}};
  return Json{{"name", "lesson front matter"}, {"options", fields}};
}

}  // namespace lab::lesson
