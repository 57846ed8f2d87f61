#include "widgets/widget_text.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "documents/field_check.hpp"
#include "documents/language_tag.hpp"
#include "lab/widget_file.hpp"

namespace lab::lesson {

namespace {

const std::vector<Field> kWidgetTextFields = {
    {"$schema", Kind::Text, false, "for editors: the JSON Schema this file follows (docs/schema.md)"},
    {"lang", Kind::Text, true, "the language of the text, a BCP 47 tag; the file is named STEM.LANG.json"},
    {"widget", Kind::Text, true, "the widget file this text belongs to, relative to this file (../STEM.json)"},
    {"text", Kind::Object, true,
     "each translatable string of the widget file by its JSON pointer (/widget/panels/0/title): every "
     "title, description, note, notice, label, help and name, and the values of labels objects"}};

const std::set<std::string> kTextFields = {"title", "description", "note", "notice", "label", "help", "name"};

// RFC 6901: '~' and '/' in a key are escaped as ~0 and ~1.
std::string escape_pointer_key(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

void collect(const Json& v, const std::string& at, bool in_labels,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string child = at + "/" + escape_pointer_key(it.key());
      if (it.value().is_string() && (in_labels || kTextFields.count(it.key())))
        out.emplace_back(child, it.value().get<std::string>());
      else
        collect(it.value(), child, it.key() == "labels", out);
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) collect(v[i], at + "/" + std::to_string(i), false, out);
  }
}

// The {name} placeholders of a template, in order; false when the braces do not pair up.
bool placeholders(const std::string& text, std::multiset<std::string>& names) {
  std::size_t i = 0;
  while ((i = text.find_first_of("{}", i)) != std::string::npos) {
    if (text[i] == '}') return false;
    const std::size_t close = text.find_first_of("{}", i + 1);
    if (close == std::string::npos || text[close] == '{') return false;
    names.insert(text.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  return true;
}

std::string listed(const std::multiset<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "{" : ", {") + n + "}";
  return out.empty() ? "none" : out;
}

bool is_notice(const std::string& pointer) {
  return pointer.size() >= 7 && pointer.compare(pointer.size() - 7, 7, "/notice") == 0;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> translatable_texts(const Json& widget_file) {
  std::vector<std::pair<std::string, std::string>> out;
  collect(widget_file, "", false, out);
  return out;
}

Json describe_widget_text_format() {
  Json fields = describe_fields(kWidgetTextFields);
  described_field(fields, "lang")["json_schema"] = Json{{"pattern", kLanguageTagPattern}};
  described_field(fields, "widget")["json_schema"] = Json{{"pattern", "^.+\\.json$"}};
  described_field(fields, "text")["json_schema"] =
      Json{{"propertyNames", Json{{"pattern", "^(/[^/]*)+$"}}},
           {"additionalProperties", Json{{"type", "string"}, {"minLength", 1}}}};
  return Json{{"name", "widget text"}, {"options", fields}};
}

void check_widget_text(const Json& value, const std::string& file_lang, const Json& widget_file,
                       const std::string& widget_name, Report& report) {
  if (!check_fields(value, Path{}, kWidgetTextFields, "widget text file", report)) return;
  if (const Json* lang = get(value, "lang", Kind::Text)) {
    const std::string& l = lang->get_ref<const std::string&>();
    if (!valid_language_tag(l))
      report.error(Path{}.key("lang"),
                   "lang " + quote_short(l) + " is not a language tag; write it as BCP 47 does: de, pt-BR");
    else if (l != file_lang)
      report.error(Path{}.key("lang"), "the file name says the language is " + quote_short(file_lang) +
                                           " but lang is " + quote_short(l) + " (name the file STEM.LANG.json)");
  }
  const Json* text = get(value, "text", Kind::Object);
  if (!text || !widget_file.is_object()) return;
  const Path at = Path{}.key("text");
  std::map<std::string, std::string> source;
  const auto texts = translatable_texts(widget_file);
  for (const auto& [pointer, original] : texts) source[pointer] = original;
  for (auto it = text->begin(); it != text->end(); ++it) {
    const Path entry = at.key(it.key());
    auto found = source.find(it.key());
    if (found == source.end()) {
      report.error(entry, "key " + quote_short(it.key()) + " is not a translatable string of " + widget_name, true);
      continue;
    }
    if (!it.value().is_string() || it.value().get<std::string>().empty()) {
      report.error(
          entry, "key " + quote_short(it.key()) + ": expected the translated text, got " + describe_value(it.value()));
      continue;
    }
    if (!is_notice(it.key())) continue;
    std::multiset<std::string> want, got;
    placeholders(found->second, want);
    if (!placeholders(it.value().get<std::string>(), got))
      report.error(entry, "key " + quote_short(it.key()) + ": unbalanced braces in " +
                              quote_short(it.value().get<std::string>()) + "; placeholders are {name}");
    else if (want != got)
      report.error(entry, "key " + quote_short(it.key()) + " has placeholders " + listed(got) + ", the original " +
                              listed(want) + "; a translation keeps the same ones");
  }
  for (const auto& [pointer, original] : texts)
    if (!text->contains(pointer))
      report.error(at, "key " + quote_short(pointer) + " is missing: " + widget_name + " has " + quote_short(original) +
                           " there");
}

}  // namespace lab::lesson

namespace lab {

Json widget_text_template(const std::string& widget_text, const std::string& widget_filename, const std::string& lang) {
  const Json widget = parse_json_text(widget_text, widget_filename);
  Json text = Json::object();
  for (const auto& [pointer, original] : lesson::translatable_texts(widget)) text[pointer] = original;
  const std::string name = std::filesystem::path(widget_filename).filename().string();
  return Json{
      {"$schema", "../../schema/widget-text.schema.json"}, {"lang", lang}, {"widget", "../" + name}, {"text", text}};
}

}  // namespace lab
