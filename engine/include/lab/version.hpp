#pragma once
#include <string>

namespace lab {
std::string version();  // "0.1.0"
}
