#include "lesson/json_document.hpp"

#include <set>
#include <vector>

namespace lab::lesson {

SourcePos position_of(const std::string& text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') { ++line; column = 1; }
    else if ((c & 0xC0) != 0x80) ++column;  // UTF-8 continuation bytes share a column
  }
  return {line, column};
}

namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the JSON string starting at text[i] == '"'; leaves i after the closing quote.
std::string read_string(const std::string& text, std::size_t& i) {
  std::string out;
  ++i;
  while (i < text.size() && text[i] != '"') {
    if (text[i] != '\\') { out += text[i++]; continue; }
    char e = i + 1 < text.size() ? text[i + 1] : '"';
    i += 2;
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned long cp = std::stoul(text.substr(i, 4), nullptr, 16);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= text.size() && text[i] == '\\' && text[i + 1] == 'u') {
          unsigned long low = std::stoul(text.substr(i + 2, 4), nullptr, 16);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        append_utf8(out, cp);
        break;
      }
      default: out += e;  // \" \\ \/
    }
  }
  ++i;
  return out;
}

struct Frame {
  bool object = false;
  Path path;
  std::size_t count = 0;
  bool want_key = true;  // objects alternate key and value
  std::string key;
  std::set<std::string> seen;
};

// Line/column of increasing offsets in one pass (position_of from the start each time would
// make a large file quadratic).
class Cursor {
 public:
  explicit Cursor(const std::string& text) : text_(text) {}
  SourcePos at(std::size_t offset) {
    for (; at_ < offset && at_ < text_.size(); ++at_) {
      unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '\n') { ++pos_.line; pos_.column = 1; }
      else if ((c & 0xC0) != 0x80) ++pos_.column;
    }
    return pos_;
  }

 private:
  const std::string& text_;
  std::size_t at_ = 0;
  SourcePos pos_{1, 1};
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Walks text that nlohmann already accepted, so the grammar is known to be right and the
// scanner only has to track structure. Iterative: deep nesting cannot overflow the stack.
bool index_positions(const std::string& text, JsonDocument& doc, Report& report) {
  std::vector<Frame> stack;
  Cursor cursor(text);
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < text.size()) {
    char c = text[i];
    if (is_space(c) || c == ',' || c == ':') { ++i; continue; }
    if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++i;
      continue;
    }
    if (!stack.empty() && stack.back().object && stack.back().want_key) {
      SourcePos at = cursor.at(i);
      Frame& f = stack.back();
      f.key = read_string(text, i);
      f.want_key = false;
      Path p = f.path.key(f.key);
      if (!f.seen.insert(f.key).second)
        report.error_at(at, "duplicate key '" + f.key + "'; JSON readers keep only one of them", p.field);
      else
        doc.positions.key[p.pointer] = at;
      continue;
    }
    Path p;
    if (!stack.empty()) {
      Frame& f = stack.back();
      p = f.object ? f.path.key(f.key) : f.path.index(f.count);
      ++f.count;
      f.want_key = true;
    }
    // emplace: the first of duplicated keys keeps its position, like the message says.
    doc.positions.value.emplace(p.pointer, cursor.at(i));
    if (c == '{' || c == '[') {
      if (stack.size() >= limits::kMaxWidgetJsonDepth) {
        report.error_at(cursor.at(i), "nested more than " + std::to_string(limits::kMaxWidgetJsonDepth) +
                                          " levels deep; a widget file needs far fewer");
        return false;  // too deep to check further
      }
      Frame f;
      f.object = c == '{';
      f.path = p;
      stack.push_back(std::move(f));
      ++i;
    } else if (c == '"') {
      read_string(text, i);
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']' && !is_space(text[i])) ++i;
    }
  }
  return true;
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: "
// prefix, since the diagnostic carries the position itself.
std::string parse_message(const std::string& what) {
  auto at = what.find("parse error");
  std::string m = at == std::string::npos ? what : what.substr(at);
  auto colon = m.find(": ");
  return colon == std::string::npos ? m : m.substr(colon + 2);
}

}  // namespace

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
  try {
    doc.value = Json::parse(text);
  } catch (const Json::parse_error& e) {
    std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    report.error_at(position_of(text, offset), "invalid JSON: " + parse_message(e.what()));
    return doc;
  } catch (const std::exception& e) {
    report.error_at({1, 1}, std::string("could not read JSON: ") + e.what());
    return doc;
  }
  doc.ok = index_positions(text, doc, report);
  if (!doc.ok) doc.value = Json();
  return doc;
}

}  // namespace lab::lesson
