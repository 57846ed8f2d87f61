// Language tags (BCP 47) as lessons, the catalog and widget text files write them.
#pragma once
#include <string>

namespace lab::lesson {

// A 2–3 letter lowercase language, then optional subtags of 2–8 letters or digits ("de",
// "pt-BR", "en-XA"): the tags a page's lang attribute and Intl take.
bool valid_language_tag(const std::string& tag);

// The same rule as a JSON Schema pattern, for the generated schemas.
inline constexpr const char* kLanguageTagPattern = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

}  // namespace lab::lesson
