#include "lesson/front_matter.hpp"

namespace lab::lesson {

namespace {

// A delimiter line is exactly "---" (or "..." to close), allowing trailing spaces and CR.
bool is_delimiter(const std::string& text, std::size_t begin, std::size_t end, bool closing) {
  std::size_t e = end;
  while (e > begin && (text[e - 1] == ' ' || text[e - 1] == '\r' || text[e - 1] == '\t')) --e;
  std::string line = text.substr(begin, e - begin);
  return line == "---" || (closing && line == "...");
}

}  // namespace

FrontMatterSplit split_front_matter(const std::string& text, Report& report) {
  FrontMatterSplit out;
  std::size_t start = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // UTF-8 byte order mark
  bool blank = text.find_first_not_of(" \t\r\n", start) == std::string::npos;
  if (blank) {
    report.error_at({1, 1},
                    "the file is empty; a lesson starts with a '---' line, YAML front matter "
                    "(id, title, duration_min, ...), a closing '---' line and the Markdown body");
    return out;
  }
  std::size_t eol = text.find('\n', start);
  if (eol == std::string::npos) eol = text.size();
  if (!is_delimiter(text, start, eol, false)) {
    report.error_at({1, 1},
                    "no front matter: the first line must be '---', followed by the lesson's "
                    "YAML fields (id, title, ...) and a closing '---' line");
    return out;
  }
  std::size_t yaml_begin = eol + 1 > text.size() ? text.size() : eol + 1;
  int line = 2;
  std::size_t pos = yaml_begin;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (is_delimiter(text, pos, end, true)) {
      out.ok = true;
      out.yaml = text.substr(yaml_begin, pos - yaml_begin);
      out.yaml_line = 2;
      out.body = end < text.size() ? text.substr(end + 1) : "";
      out.body_line = line + 1;
      return out;
    }
    pos = end + 1;
    ++line;
  }
  report.error_at({1, 1},
                  "the front matter opened on line 1 is never closed: expected a line '---' "
                  "between the YAML fields and the Markdown body");
  return out;
}

}  // namespace lab::lesson
