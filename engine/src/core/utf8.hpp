// UTF-8 checks shared by every reader (CSV cells, lesson text, diagnostics). Text goes into
// JSON results, which must be valid UTF-8 to be written out, so "valid" here is strict: no
// overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
#pragma once
#include <cstddef>
#include <string>

namespace lab {

// Length of the valid UTF-8 sequence starting at s[i] (1 to 4), or 0 if none starts there.
std::size_t utf8_sequence_length(const std::string& s, std::size_t i);

// Offset of the first byte that breaks UTF-8, or std::string::npos.
std::size_t first_invalid_utf8(const std::string& s, std::size_t from = 0);

// `s` with every byte that breaks UTF-8 replaced by U+FFFD.
std::string valid_utf8(const std::string& s);

}  // namespace lab
