#include "core/files.hpp"

#include <fstream>
#include <sstream>

#include "lab/error.hpp"

namespace lab {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Location{path, "", 0, 0}, "cannot open file");
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) throw Error(Location{path, "", 0, 0}, "cannot read file");
  if (static_cast<std::size_t>(size) > limits::kMaxFileBytes)
    throw Error(Location{path, "", 0, 0},
                "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(limits::kMaxFileBytes));
  in.seekg(0);
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), size);
  return text;
}

std::string parent_dir(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

const std::string& resolve_and_read(const std::string& path, const std::string& base_dir,
                                    const std::map<std::string, std::string>& supplied, const std::string& field,
                                    bool read_file_system, std::string& storage) {
  auto it = supplied.find(path);
  if (it != supplied.end()) {
    if (it->second.size() > limits::kMaxFileBytes)
      fail_field(field,
                 "file '" + path + "' is larger than the limit of " + std::to_string(limits::kMaxFileBytes) + " bytes");
    return it->second;
  }
  if (!read_file_system)
    fail_field(field, "file '" + path + "' not found (it was not among the files given to the engine)");
  std::string full = (path.empty() || path[0] == '/' || base_dir.empty()) ? path : base_dir + "/" + path;
  std::ifstream probe(full);
  if (!probe) fail_field(field, "file '" + path + "' not found (looked in '" + full + "')");
  storage = read_text_file(full);
  return storage;
}

}  // namespace lab
