// Lesson translations: lessons/ID.LANG.md is lesson ID written in language LANG. A translation
// is a lesson of its own (validated like any other) that must keep what the page, the learner
// store and the LMS key by position or id: the id, the quiz's questions, options and answer
// indexes (a learner's saved choice 2 means the same answer in every language) and the widgets.
#pragma once
#include <string>

#include "documents/language_tag.hpp"
#include "documents/report.hpp"

namespace lab::lesson {

struct TranslationName {
  std::string id;    // "ai-builder-ch3-lesson4"
  std::string lang;  // "de"; empty when the file name is not ID.LANG.md
};

// Splits a lesson file's name: "ai-builder-ch3-lesson4.de.md" -> {id, "de"}; "x.md" -> {"x", ""};
// a name not ending in .md names no translation.
TranslationName translation_name(const std::string& filename);

// Checks `translation` (parse_lesson's JSON) against `original`, named `original_file` in
// messages: its lang is `file_lang`, its id the original's, the quiz has the same shape and
// answers, the widgets and the video are the same. Reported at the translation's fields.
void check_translation(const Json& translation, const Json& original, const std::string& original_file,
                       const std::string& file_lang, Report& report);

}  // namespace lab::lesson
