// libFuzzer harness: the lesson loader (YAML front matter + Markdown) on arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lab/error.hpp"
#include "lab/lesson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<lab::Diagnostic> diagnostics;
  try {
    lab::Json lesson = lab::parse_lesson(text, "fuzz.md", diagnostics);
    (void)lesson.dump();
  } catch (const lab::Error&) {}
  for (const auto& d : diagnostics) (void)d.str();
  return 0;
}
