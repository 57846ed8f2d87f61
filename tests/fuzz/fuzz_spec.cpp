// libFuzzer harness: widget files and experiment specs as text: JSON parsing, the widget
// validator and the declared-option checks.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/lesson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto& d : lab::validate_widget(text, "fuzz.json")) (void)d.str();
  try {
    lab::Json spec = lab::Json::parse(text);
    (void)lab::normalize_spec(spec);
  } catch (const lab::Json::exception&) {
  } catch (const lab::Error&) {}
  return 0;
}
