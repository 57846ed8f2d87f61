#include "core/json_text.hpp"

#include <set>
#include <vector>

#include "lab/error.hpp"

namespace lab {
namespace {

struct Frame {
  bool object = false;
  std::set<std::string> keys;
  std::string name;  // the key or [index] this container sits under
  int next_index = 0;
};

std::string path_of(const std::vector<Frame>& stack, const std::string& last) {
  std::string out;
  for (std::size_t i = 1; i < stack.size(); ++i) {
    const std::string& n = stack[i].name;
    out += (n.empty() || n[0] == '[' || out.empty()) ? n : "." + n;
  }
  if (!last.empty()) out += (out.empty() || last[0] == '[') ? last : "." + last;
  return out;
}

void line_and_column(const std::string& text, std::size_t byte, int& line, int& column) {
  line = 1;
  column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; column = 1; } else { ++column; }
  }
}

}  // namespace

Json parse_json_text(const std::string& text, const std::string& file) {
  std::vector<Frame> stack(1);
  std::string pending_key;
  auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth > limits::kMaxJsonDepth)
      throw Error(Location{file, path_of(stack, pending_key), 0, 0},
                  "nested deeper than " + std::to_string(limits::kMaxJsonDepth) + " levels");
    switch (event) {
      case Json::parse_event_t::key: {
        pending_key = parsed.get<std::string>();
        if (!stack.back().keys.insert(pending_key).second)
          throw Error(Location{file, path_of(stack, pending_key), 0, 0}, "duplicate key '" + pending_key + "'");
        break;
      }
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start: {
        Frame f;
        f.object = event == Json::parse_event_t::object_start;
        if (stack.size() > 1 || !stack.back().keys.empty() || !pending_key.empty()) {
          f.name = stack.back().object ? pending_key : "[" + std::to_string(stack.back().next_index++) + "]";
        }
        stack.push_back(std::move(f));
        pending_key.clear();
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (stack.size() > 1) stack.pop_back();
        break;
      case Json::parse_event_t::value:
        if (!stack.back().object) stack.back().next_index++;
        break;
    }
    return true;
  };
  try {
    return Json::parse(text, callback);
  } catch (const Json::parse_error& e) {
    int line = 0, column = 0;
    line_and_column(text, e.byte, line, column);
    std::string what = e.what();
    auto at = what.find("parse error");
    throw Error(Location{file, "", line, column}, "invalid JSON: " + (at == std::string::npos ? what : what.substr(at)));
  } catch (const Json::out_of_range& e) {
    // nlohmann reports number overflow (e.g. 1e999) this way; it has no position to give.
    std::string what = e.what();
    auto at = what.find("number overflow");
    throw Error(Location{file, "", 0, 0}, at == std::string::npos ? what : what.substr(at) + " (not a finite number)");
  }
}

}  // namespace lab
