#include "documents/yaml_document.hpp"
#include "core/limits.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cerrno>
#include <cstdlib>
#include <regex>
#include <sstream>

namespace lab::lesson {

namespace {

// Front matter is a few dozen keys; these bounds only stop hostile or runaway input early
// (yaml-cpp's own recursion guard sits at depth 2000, deep enough to strain a wasm stack).

struct StopParsing {};  // thrown by the builder to abandon the document after a fatal report

class JsonBuilder : public YAML::EventHandler {
 public:
  JsonBuilder(int first_line, Report& report, YamlDocument& doc)
      : first_line_(first_line), report_(report), doc_(doc) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { add(Json(), "", mark, true); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    // Once per document: a file built from aliases would otherwise give one line per use.
    if (!alias_reported_)
      report_.error_at(pos(mark), "YAML aliases (*name) are not supported in front matter; write the value out");
    alias_reported_ = true;
    add(Json(), "", mark, false);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string& value) override {
    // "?" marks a plain scalar; quoted, block and explicitly tagged scalars stay text.
    add(tag == "?" ? plain_scalar(value) : Json(value), value, mark, false);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(Json::array(), mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(Json::object(), mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Json value;
    Path path;
    bool is_key = false;        // a collection used as a mapping key (reported, dropped)
    bool expecting_key = true;  // maps alternate key, value
    bool skip_value = false;    // value of a duplicate key: keep the first one
    std::string key;
    SourcePos key_pos;
    std::map<std::string, SourcePos> seen;
  };

  SourcePos pos(const YAML::Mark& m) const {
    if (m.is_null() || m.line < 0) return {};
    return {first_line_ + m.line, m.column + 1};
  }

  void count() {
    if (++nodes_ > limits::kMaxYamlNodes) {
      report_.error_at({}, "front matter has more than " + std::to_string(limits::kMaxYamlNodes) +
                               " values; is this really a lesson?");
      throw StopParsing{};
    }
  }

  bool parent_expects_key() const {
    return !stack_.empty() && stack_.back().value.is_object() && stack_.back().expecting_key;
  }

  // Where the next value goes: its path, and records its position.
  Path place(SourcePos at, bool null_value) {
    if (stack_.empty()) {
      doc_.positions.value[""] = at;
      return Path{};
    }
    Frame& f = stack_.back();
    Path p = f.value.is_object() ? f.path.key(f.key) : f.path.index(f.value.size());
    if (f.value.is_object()) {
      doc_.positions.key[p.pointer] = f.key_pos;
      // An empty value ("next:") is marked at the following token; the key is clearer.
      doc_.positions.value[p.pointer] = null_value ? f.key_pos : at;
    } else {
      doc_.positions.value[p.pointer] = at;
    }
    return p;
  }

  void add_key(const std::string& text, SourcePos at) {
    Frame& f = stack_.back();
    auto first = f.seen.find(text);
    if (first != f.seen.end()) {
      report_.error_at(at,
                       "duplicate key '" + text + "' (first set at line " + std::to_string(first->second.line) +
                           "); each key may appear once",
                       f.path.key(text).field);
      f.skip_value = true;
    } else {
      f.seen.emplace(text, at);
    }
    f.key = text;
    f.key_pos = at;
    f.expecting_key = false;
  }

  void attach(Json value) {
    if (stack_.empty()) {
      doc_.value = std::move(value);
      return;
    }
    Frame& f = stack_.back();
    if (f.value.is_object()) {
      if (!f.skip_value) f.value[f.key] = std::move(value);
      f.skip_value = false;
      f.expecting_key = true;
    } else {
      f.value.push_back(std::move(value));
    }
  }

  void add(Json value, const std::string& text, const YAML::Mark& mark, bool null_value) {
    count();
    // Escapes such as "\ud800" (a lone surrogate) decode to bytes that are not UTF-8, and such
    // text could not be written out as JSON later.
    const bool invalid = first_invalid_utf8(text) != std::string::npos;
    if (invalid) {
      report_.error_at(pos(mark), "this text decodes to invalid UTF-8 (an escape of a lone surrogate?)");
      value = Json();
    }
    if (parent_expects_key()) {
      if (value.is_null() && text.empty()) {
        report_.error_at(pos(mark), "empty mapping key");
      }
      // A key is kept (later checks name it), so it must be writable: bad bytes become U+FFFD.
      add_key(invalid ? valid_utf8(text) : text, pos(mark));
      return;
    }
    place(pos(mark), null_value);
    attach(std::move(value));
  }

  void open(Json empty, const YAML::Mark& mark) {
    count();
    if (stack_.size() >= limits::kMaxYamlDepth) {
      report_.error_at(pos(mark),
                       "front matter is nested more than " + std::to_string(limits::kMaxYamlDepth) + " levels deep");
      throw StopParsing{};
    }
    Frame f;
    if (parent_expects_key()) {
      if (!complex_key_reported_) report_.error_at(pos(mark), "mapping keys must be plain text, not a list or mapping");
      complex_key_reported_ = true;
      f.is_key = true;
    } else {
      f.path = place(pos(mark), false);
    }
    f.value = std::move(empty);
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.is_key) {
      add_key("<complex key>", {});
      stack_.back().skip_value = true;
      return;
    }
    attach(std::move(f.value));
  }

  int first_line_;
  Report& report_;
  YamlDocument& doc_;
  std::vector<Frame> stack_;
  std::size_t nodes_ = 0;
  bool alias_reported_ = false;
  bool complex_key_reported_ = false;
};

// Line and column of the first tab used as indentation, if any: yaml-cpp's message for it
// ("illegal map value") does not say what is wrong.
SourcePos first_indent_tab(const std::string& text, int first_line) {
  int line = first_line;
  bool at_line_start = true;
  int column = 1;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      at_line_start = true;
      column = 1;
      continue;
    }
    if (at_line_start && c == '\t') return {line, column};
    if (c != ' ') at_line_start = false;
    ++column;
  }
  return {};
}

}  // namespace

Json plain_scalar(const std::string& s) {
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Json();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s.size() > 64) return s;  // no number is this long; keeps the regexes cheap
  if (std::regex_match(s, kInt)) {
    errno = 0;
    long long v = std::strtoll(s.c_str(), nullptr, 10);
    if (errno != ERANGE) return v;
    return std::strtod(s.c_str(), nullptr);
  }
  if (std::regex_match(s, kFloat)) return std::strtod(s.c_str(), nullptr);
  return s;
}

YamlDocument parse_yaml(const std::string& text, int first_line, Report& report) {
  YamlDocument doc;
  JsonBuilder builder(first_line, report, doc);
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const StopParsing&) {
    doc.value = Json();
  } catch (const YAML::Exception& e) {
    SourcePos at = e.mark.is_null() ? SourcePos{} : SourcePos{first_line + e.mark.line, e.mark.column + 1};
    std::string message = "YAML syntax error: " + e.msg;
    SourcePos tab = first_indent_tab(text, first_line);
    if (tab.line > 0 && tab.line <= at.line) {
      message += " (line " + std::to_string(tab.line) + " is indented with a tab; YAML indents with spaces only)";
      at = tab;  // the tab is the thing to fix, not the token where yaml-cpp gave up
    }
    report.error_at(at, message);
    doc.value = Json();
  } catch (const std::exception& e) {
    // Anything else from yaml-cpp or nlohmann (e.g. allocation failure) ends as a diagnostic.
    report.error_at({}, std::string("could not read front matter: ") + e.what());
    doc.value = Json();
  }
  return doc;
}

}  // namespace lab::lesson
