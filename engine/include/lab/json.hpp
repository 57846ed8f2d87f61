// The engine speaks JSON at its edges: specs in, results out (nlohmann/json).
#pragma once
#include <nlohmann/json.hpp>

namespace lab {
using Json = nlohmann::json;
// Keys keep the order they were written in, so results read like the spec.
using OrderedJson = nlohmann::ordered_json;
}  // namespace lab
