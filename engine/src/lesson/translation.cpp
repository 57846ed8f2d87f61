#include "lesson/translation.hpp"

#include <filesystem>

namespace lab::lesson {

TranslationName translation_name(const std::string& filename) {
  std::string stem = std::filesystem::path(filename).filename().string();
  // Only ID.LANG.md names a translation (a lesson source named x.txt is no "txt" translation).
  if (stem.size() <= 3 || stem.compare(stem.size() - 3, 3, ".md") != 0) return {stem, ""};
  stem.resize(stem.size() - 3);
  const std::size_t dot = stem.rfind('.');
  if (dot == std::string::npos || dot == 0) return {stem, ""};
  return {stem.substr(0, dot), stem.substr(dot + 1)};
}

namespace {

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void check_quiz_shape(const Json& quiz, const Json& original, const std::string& source, Report& report) {
  const Path at = Path{}.key("quiz");
  if (quiz.size() != original.size()) {
    report.error(at, "the translation has " + count_of(quiz.size(), "quiz question", "quiz questions") + ", " + source +
                         " has " + std::to_string(original.size()) +
                         "; a translation keeps the original's questions in their order");
    return;
  }
  for (std::size_t i = 0; i < quiz.size(); ++i) {
    const Json& options = quiz[i]["options"];
    const Json& source_options = original[i]["options"];
    if (options.size() != source_options.size())
      report.error(at.index(i).key("options"), "question " + std::to_string(i + 1) + " has " +
                                                   count_of(options.size(), "option", "options") + ", " + source +
                                                   " has " + std::to_string(source_options.size()) +
                                                   "; a translation keeps every option in its place");
    else if (quiz[i]["answer"] != original[i]["answer"])
      report.error(at.index(i).key("answer"),
                   "answer " + quiz[i]["answer"].dump() + " of question " + std::to_string(i + 1) + " differs from " +
                       source + "'s " + original[i]["answer"].dump() +
                       "; a translation keeps the answer indexes (saved answers and the LMS score count on them)");
  }
}

}  // namespace

void check_translation(const Json& translation, const Json& original, const std::string& original_file,
                       const std::string& file_lang, Report& report) {
  const std::string source = std::filesystem::path(original_file).filename().string();
  if (translation.value("id", "") != original.value("id", ""))
    report.error(Path{}.key("id"), "a translation keeps the original's id: " + source + " has id " +
                                       quote_short(original.value("id", "")) + ", this file " +
                                       quote_short(translation.value("id", "")));
  const std::string lang = translation["lang"].is_string() ? translation["lang"].get<std::string>() : "";
  // (a lang that is not a tag is null here: the lesson rules report it)
  if (!lang.empty() && lang != file_lang)
    report.error(Path{}.key("lang"), "the file name says the language is " + quote_short(file_lang) + " but lang is " +
                                         quote_short(lang) + " (name translations ID.LANG.md)");
  else if (!lang.empty() && lang == original.value("lang", "en"))
    report.error(Path{}.key("lang"), "lang " + quote_short(lang) + " is the language of " + source +
                                         " itself; a translation is in another language");
  check_quiz_shape(translation["quiz"], original["quiz"], source, report);
  if (translation["widgets"] != original["widgets"])
    report.error(Path{}.key("widgets"), "a translation embeds the same widgets as " + source +
                                            " (type and data, in order); their text is translated in "
                                            "widgets/i18n/NAME.LANG.json");
  if (translation["video"] != original["video"])
    report.warning(Path{}.key("video"), "the video differs from " + source + "'s");
}

}  // namespace lab::lesson
