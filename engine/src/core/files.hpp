// Reading the files a spec names: caller-supplied text first (the browser passes fetched
// files), then the file system relative to the spec's folder.
#pragma once
#include <map>
#include <string>
#include "core/limits.hpp"

namespace lab {

// Largest file the engine reads (documented limit; see docs/limits.md).

std::string read_text_file(const std::string& path);  // throws lab::Error naming the path
// The file's text: the supplied entry itself (not a copy: a data file can be tens of MB, and
// wasm memory never shrinks) or, from the file system, the file read into `storage`.
const std::string& resolve_and_read(const std::string& path, const std::string& base_dir,
                                    const std::map<std::string, std::string>& supplied, const std::string& field,
                                    bool read_file_system, std::string& storage);
std::string parent_dir(const std::string& path);

}  // namespace lab
