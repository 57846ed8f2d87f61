#include "lesson/markdown_sections.hpp"

#include <cctype>
#include <map>
#include <vector>

namespace lab::lesson {

namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::size_t leading_spaces(const std::string& s) {
  std::size_t n = 0;
  while (n < s.size() && s[n] == ' ') ++n;
  return n;
}

// Opening/closing code fence: up to 3 spaces, then 3+ backticks or tildes.
bool fence(const std::string& line, char& ch, std::size_t& len) {
  std::size_t i = leading_spaces(line);
  if (i > 3 || i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
  std::size_t j = i;
  while (j < line.size() && line[j] == line[i]) ++j;
  if (j - i < 3) return false;
  ch = line[i];
  len = j - i;
  return true;
}

// "## Title ##" -> level 2, "Title".
bool atx_heading(const std::string& line, int& level, std::string& title) {
  std::size_t i = leading_spaces(line);
  if (i > 3) return false;
  std::size_t j = i;
  while (j < line.size() && line[j] == '#') ++j;
  int n = static_cast<int>(j - i);
  if (n < 1 || n > 6) return false;
  if (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') return false;
  std::string text = trim(line.substr(j));
  // An optional closing run of '#' preceded by a space is not part of the title.
  std::size_t k = text.size();
  while (k > 0 && text[k - 1] == '#') --k;
  if (k == 0)
    text.clear();
  else if (k < text.size() && (text[k - 1] == ' ' || text[k - 1] == '\t'))
    text = trim(text.substr(0, k));
  level = n;
  title = text;
  return true;
}

// "===" or "---" under a paragraph line.
int setext_level(const std::string& line) {
  std::string t = trim(line);
  if (leading_spaces(line) > 3 || t.empty()) return 0;
  if (t.find_first_not_of('=') == std::string::npos) return 1;
  if (t.find_first_not_of('-') == std::string::npos) return 2;
  return 0;
}

// Only a plain text line can be a setext heading's title; list items, quotes, tables and
// indented code cannot.
bool paragraph_line(const std::string& line) {
  std::string t = trim(line);
  if (t.empty() || leading_spaces(line) > 3) return false;
  char c = t[0];
  if (c == '-' || c == '*' || c == '+' || c == '>' || c == '|' || c == '#') return false;
  if (std::isdigit(static_cast<unsigned char>(c))) {
    auto k = t.find_first_not_of("0123456789");
    if (k != std::string::npos && (t[k] == '.' || t[k] == ')')) return false;
  }
  return true;
}

// Lower case for the two-byte UTF-8 letters (Latin-1, Latin Extended-A, Greek, Cyrillic), the
// ones lesson headings use; GitHub lowercases them in anchors. No locale is involved, so native
// and wasm agree.
unsigned lower_2byte(unsigned cp) {
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
      (cp >= 0x410 && cp <= 0x42F))
    return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 && cp != 0x149 && cp != 0x178) {
    // Latin Extended-A pairs upper/lower as even/odd, except the 0x139..0x148 and 0x179..0x17E runs.
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if ((cp % 2 == 1) == odd_upper) return cp + 1;
  }
  return cp;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string heading_slug(const std::string& title) {
  std::string out;
  for (std::size_t i = 0; i < title.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(title[i]);
    if (c >= 0x80) {
      // U+2000..U+206F (dashes, curly quotes, ellipsis) is punctuation: dropped like ASCII's.
      if (c == 0xE2 && i + 2 < title.size() &&
          (static_cast<unsigned char>(title[i + 1]) == 0x80 || static_cast<unsigned char>(title[i + 1]) == 0x81)) {
        i += 2;
        continue;
      }
      std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (len == 2 && i + 1 < title.size()) {
        unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(title[i + 1]) & 0x3Fu);
        append_utf8(out, lower_2byte(cp));
        ++i;
        continue;
      }
      out += title.substr(i, len);  // other non-ASCII text (CJK, emoji) is kept, as GitHub does
      i += len - 1;
    } else if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (c == ' ') {
      out += '-';
    } else if (c == '-' || c == '_') {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Json markdown_sections(const std::string& body, int first_line) {
  Json sections = Json::array();
  std::map<std::string, int> used;  // repeated titles get "-1", "-2" like GitHub
  auto add = [&](int level, const std::string& title, int line) {
    std::string anchor = heading_slug(title);
    auto it = used.find(anchor);
    if (it != used.end()) {
      std::string base = anchor;
      do anchor = base + "-" + std::to_string(++used[base]);
      while (used.count(anchor));
    }
    used.emplace(anchor, 0);
    sections.push_back(Json{{"level", level}, {"title", title}, {"anchor", anchor}, {"line", line}});
  };

  bool in_code = false;
  char fence_char = 0;
  std::size_t fence_len = 0;
  std::string previous;  // previous line if it could be a setext title, else ""
  int line_no = first_line;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(pos, end - pos);
    char ch;
    std::size_t len;
    int level;
    std::string title;
    if (in_code) {
      if (fence(line, ch, len) && ch == fence_char && len >= fence_len &&
          trim(line).find_first_not_of(ch) == std::string::npos)
        in_code = false;
      previous.clear();
    } else if (fence(line, ch, len)) {
      in_code = true;
      fence_char = ch;
      fence_len = len;
      previous.clear();
    } else if (atx_heading(line, level, title)) {
      add(level, title, line_no);
      previous.clear();
    } else if (!previous.empty() && (level = setext_level(line)) > 0) {
      add(level, trim(previous), line_no - 1);
      previous.clear();
    } else {
      previous = paragraph_line(line) ? line : "";
    }
    if (end == body.size()) break;
    pos = end + 1;
    ++line_no;
  }
  return sections;
}

}  // namespace lab::lesson
