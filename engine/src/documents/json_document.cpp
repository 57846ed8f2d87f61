#include "documents/json_document.hpp"

#include "core/json_text.hpp"
#include "core/limits.hpp"

namespace lab::lesson {
namespace {

// A syntax issue's message without nlohmann's "parse error at line L, column C: ": the
// diagnostic carries the position itself.
std::string without_position(const std::string& message) {
  const std::string prefix = "invalid JSON: parse error";
  if (message.rfind(prefix, 0) != 0) return message;
  auto colon = message.find(": ", prefix.size());
  return colon == std::string::npos ? message : "invalid JSON: " + message.substr(colon + 2);
}

}  // namespace

SourcePos position_of(const std::string& text, std::size_t offset) {
  const TextPos at = text_position(text, offset);
  return {at.line, at.column};
}

JsonDocument parse_json_document(const std::string& text, Report& report) {
  JsonDocument doc;
  if (text.size() > limits::kMaxWidgetBytes) {
    report.error_at({1, 1}, "the file is " + std::to_string(text.size()) + " bytes; the limit is " +
                                std::to_string(limits::kMaxWidgetBytes));
    return doc;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    report.error_at({1, 1}, "the file is empty; expected a JSON object (an experiment spec with a \"widget\" section)");
    return doc;
  }
  StrictJson read = read_strict_json(text, limits::kMaxWidgetJsonDepth, true);
  for (const auto& issue : read.issues) {
    const SourcePos at{issue.at.line, issue.at.column};
    switch (issue.kind) {
      case JsonIssue::Syntax:
        report.error_at(at.line ? at : SourcePos{1, 1}, without_position(issue.message));
        break;
      case JsonIssue::Depth:
        report.error_at(at, issue.message + "; a widget file needs far fewer");
        break;
      case JsonIssue::DuplicateKey:
        report.error_at(at, issue.message + "; JSON readers keep only one of them", issue.field);
        break;
    }
  }
  for (const auto& [pointer, at] : read.value_at) doc.positions.value[pointer] = {at.line, at.column};
  for (const auto& [pointer, at] : read.key_at) doc.positions.key[pointer] = {at.line, at.column};
  // A file with duplicate keys still parsed: its value is checked further (the duplicates are
  // errors already); one too deep or not JSON is not.
  doc.ok = read.parsed;
  doc.value = std::move(read.value);
  return doc;
}

}  // namespace lab::lesson
