// The engine speaks JSON at its edges: specs in, results out (nlohmann/json).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace lab {
// One JSON type for everything (specs, options, results): keys keep the order they were
// written in, so results read like the spec. A single instantiation of nlohmann's templates
// also keeps the WebAssembly module small (two types doubled its JSON code).
using Json = nlohmann::ordered_json;
using OrderedJson = Json;

// Strict parsing of a spec or widget file's text: syntax errors carry line and column;
// duplicate keys, nesting deeper than 256 levels and numbers that overflow a double are
// errors naming the field path. Throws lab::Error (declared in lab/error.hpp) naming `file`.
Json parse_json_text(const std::string& text, const std::string& file);
}  // namespace lab
