#include "core/json_text.hpp"

#include <set>

#include "core/limits.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

struct JsonPath {
  std::string pointer, field;
  JsonPath key(const std::string& name) const {
    std::string token;
    for (char c : name) token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return {pointer + "/" + token, field.empty() ? name : field + "." + name};
  }
  JsonPath index(std::size_t i) const {
    return {pointer + "/" + std::to_string(i), field + "[" + std::to_string(i) + "]"};
  }
};

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80)
    out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the JSON string starting at text[i] == '"' (known valid); leaves i after the quote.
std::string read_string(const std::string& text, std::size_t& i) {
  std::string out;
  ++i;
  while (i < text.size() && text[i] != '"') {
    if (text[i] != '\\') {
      out += text[i++];
      continue;
    }
    char e = i + 1 < text.size() ? text[i + 1] : '"';
    i += 2;
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
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
      default:
        out += e;  // \" \\ \/
    }
  }
  ++i;
  return out;
}

// Line/column of increasing offsets in one pass (text_position from the start each time would
// make a large file quadratic).
class Cursor {
 public:
  explicit Cursor(const std::string& text) : text_(text) {}
  TextPos at(std::size_t offset) {
    for (; at_ < offset && at_ < text_.size(); ++at_) {
      unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '\n') {
        ++pos_.line;
        pos_.column = 1;
      } else if ((c & 0xC0) != 0x80)
        ++pos_.column;
    }
    return pos_;
  }

 private:
  const std::string& text_;
  std::size_t at_ = 0;
  TextPos pos_;
};

struct Frame {
  bool object = false;
  JsonPath path;
  std::size_t count = 0;
  bool want_key = true;  // objects alternate key and value
  std::string key;
  std::set<std::string> seen;
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string depth_message(std::size_t max_depth) {
  return "nested deeper than " + std::to_string(max_depth) + " levels";
}

// Walks text whose prefix nlohmann accepted, so the grammar is known to be right and the
// scanner only tracks structure. Iterative: deep nesting cannot overflow the stack. Stops at
// the first container past max_depth.
void scan(const std::string& text, std::size_t max_depth, bool positions, StrictJson& out) {
  std::vector<Frame> stack;
  Cursor cursor(text);
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < text.size()) {
    char c = text[i];
    if (is_space(c) || c == ',' || c == ':') {
      ++i;
      continue;
    }
    if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++i;
      continue;
    }
    if (!stack.empty() && stack.back().object && stack.back().want_key) {
      const TextPos at = cursor.at(i);
      Frame& f = stack.back();
      f.key = read_string(text, i);
      f.want_key = false;
      const JsonPath p = f.path.key(f.key);
      if (!f.seen.insert(f.key).second)
        out.issues.push_back({JsonIssue::DuplicateKey, at, p.pointer, p.field, "duplicate key '" + f.key + "'"});
      else if (positions)
        out.key_at[p.pointer] = at;
      continue;
    }
    JsonPath p;
    if (!stack.empty()) {
      Frame& f = stack.back();
      p = f.object ? f.path.key(f.key) : f.path.index(f.count);
      ++f.count;
      f.want_key = true;
    }
    // emplace: the first of duplicated keys keeps its position.
    if (positions) out.value_at.emplace(p.pointer, cursor.at(i));
    if (c == '{' || c == '[') {
      if (stack.size() >= max_depth) {
        out.issues.push_back({JsonIssue::Depth, cursor.at(i), p.pointer, p.field, depth_message(max_depth)});
        return;  // too deep to check further
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
}

// nlohmann's message from "parse error at line L, column C: ..." on (without its exception id).
std::string parse_message(const std::string& what) {
  auto at = what.find("parse error");
  return at == std::string::npos ? what : what.substr(at);
}

struct TooDeep {};

}  // namespace

TextPos text_position(const std::string& text, std::size_t offset) {
  return Cursor(text).at(offset > text.size() ? text.size() : offset);
}

StrictJson read_strict_json(const std::string& text, std::size_t max_depth, bool positions) {
  StrictJson out;
  Json value;
  try {
    // nlohmann counts the depth from 0 at the root's members; a container at depth d sits
    // d + 1 levels deep.
    value = Json::parse(text, [&](int depth, Json::parse_event_t event, Json&) {
      if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
          static_cast<std::size_t>(depth) >= max_depth)
        throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    scan(text, max_depth, false, out);  // finds the first container past the limit, and where
    if (out.issues.empty() || out.issues.back().kind != JsonIssue::Depth)
      out.issues.push_back({JsonIssue::Depth, {}, "", "", depth_message(max_depth)});
    return out;
  } catch (const Json::parse_error& e) {
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    out.issues.push_back(
        {JsonIssue::Syntax, text_position(text, offset), "", "", "invalid JSON: " + parse_message(e.what())});
    return out;
  } catch (const Json::out_of_range& e) {
    // nlohmann reports number overflow (e.g. 1e999) this way; it has no position to give.
    std::string what = e.what();
    auto at = what.find("number overflow");
    out.issues.push_back({JsonIssue::Syntax,
                          {0, 0},
                          "",
                          "",
                          at == std::string::npos ? what : what.substr(at) + " (not a finite number)"});
    return out;
  }
  scan(text, max_depth, positions, out);
  out.parsed = true;
  out.ok = out.issues.empty();
  out.value = std::move(value);  // with duplicate keys: nlohmann's reading (the last one wins)
  return out;
}

Json parse_json_text(const std::string& text, const std::string& file) {
  StrictJson read = read_strict_json(text, static_cast<std::size_t>(limits::kMaxJsonDepth), false);
  if (read.ok) return std::move(read.value);
  const JsonIssue& first = read.issues.front();
  throw Error(Location{file, first.field, first.at.line, first.at.line ? first.at.column : 0}, first.message);
}

}  // namespace lab
