#include "documents/language_tag.hpp"

namespace lab::lesson {

bool valid_language_tag(const std::string& tag) {
  std::size_t start = 0;
  for (int part = 0; start <= tag.size(); ++part) {
    std::size_t end = tag.find('-', start);
    if (end == std::string::npos) end = tag.size();
    const std::string sub = tag.substr(start, end - start);
    if (part == 0) {
      if (sub.size() < 2 || sub.size() > 3) return false;
      for (char c : sub)
        if (c < 'a' || c > 'z') return false;
    } else {
      if (sub.size() < 2 || sub.size() > 8) return false;
      for (char c : sub)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    }
    if (end == tag.size()) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace lab::lesson
