// Errors cross the wasm boundary as values: a call's body runs inside guarded(), which turns
// any exception into {"ok":false,"error":{kind, message, file, field, line, column}}. Emscripten
// 3.1.6 would hand a thrown C++ exception to JS as a bare pointer. Shared by the shipped
// module (bindings.cpp) and the bench module (tools/bench/native/bench_bindings.cpp).
#pragma once
#include <new>
#include <stdexcept>
#include <string>

#include "lab/error.hpp"
#include "lab/json.hpp"

namespace lab::bindings {

inline Json error_json(const std::string& kind, const std::string& message, const Location& where) {
  return Json{{"ok", false},
              {"error",
               {{"kind", kind},
                {"message", message},
                {"file", where.file},
                {"field", where.field},
                {"line", where.line},
                {"column", where.column}}}};
}

// The answer `body` gives ({"ok":true,...} JSON), or the error value of what it threw: one item
// of a call that answers for several requests.
template <typename Body>
Json answer_of(Body body) {
  try {
    return body();
  } catch (const Error& e) {
    return error_json("input", e.message(), e.where());
  }
}

// Runs `body` (returning the answer's JSON text) and turns any exception into an error value.
template <typename Body>
std::string guarded(Body body) {
  try {
    return body();
  } catch (const Error& e) {
    return error_json("input", e.message(), e.where()).dump();
  } catch (const Cancelled&) {
    return error_json("cancelled", "cancelled", {}).dump();
  } catch (const std::bad_alloc&) {
    return error_json("resource", "out of memory", {}).dump();
  } catch (const std::exception& e) {
    return error_json("internal", e.what(), {}).dump();
  }
}

}  // namespace lab::bindings
