// Widget text files: widgets/i18n/STEM.LANG.json holds the text of widgets/STEM.json in
// language LANG, as {lang, widget, text: {JSON pointer: string}}. The widget file keeps every
// number and identifier; a text file only names what a learner reads, so a translation cannot
// change what runs. The web applies it as display text (web/src/widgets, "widget text").
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "documents/report.hpp"

namespace lab::lesson {

// The strings of a widget file a learner reads, as (JSON pointer, text) in file order: string
// fields named title, description, note, notice, label, help or name, and every value of a
// "labels" object. Names of variants and scenarios are among them: translated for display
// only, the runs keep the original names.
std::vector<std::pair<std::string, std::string>> translatable_texts(const Json& widget_file);

// The widget text file's fields in describe_schema's vocabulary, for its JSON Schema.
Json describe_widget_text_format();

// Checks a parsed widget text file (`value`, its positions already set on `report`): its
// fields, that lang is `file_lang`, and against `widget_file` (named `widget_name` in
// messages): every translatable string translated, no pointer the widget lacks, each value a
// non-empty string, a notice with the same {placeholders} as the original.
void check_widget_text(const Json& value, const std::string& file_lang, const Json& widget_file,
                       const std::string& widget_name, Report& report);

}  // namespace lab::lesson
