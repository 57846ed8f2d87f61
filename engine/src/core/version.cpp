#include "lab/version.hpp"

namespace lab {
std::string version() { return LAB_VERSION; }
}  // namespace lab
