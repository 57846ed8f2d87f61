// prepare_data_kept (data/dataset_builder.hpp): the one prepared data set a caller keeps in its
// DataCache (lab/data_cache.hpp).
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "data/dataset_builder.hpp"
#include "lab/data_cache.hpp"

namespace lab {
namespace {

// FNV-1a over 8-byte words (then the tail bytes): a fingerprint of the CSV text, ~1 ms per MB
// in wasm, against the ~60 ms per MB that parsing and preprocessing it take.
std::uint64_t text_hash(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  const std::size_t words = text.size() / 8;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i * 8, 8);
    h = (h ^ w) * 1099511628211ull;
  }
  for (std::size_t i = words * 8; i < text.size(); ++i)
    h = (h ^ static_cast<unsigned char>(text[i])) * 1099511628211ull;
  return h;
}

}  // namespace

struct DataCache::Kept {
  std::string key;
  std::shared_ptr<const PreparedData> data;
};

DataCache::DataCache() : kept_(std::make_unique<Kept>()) {}
DataCache::~DataCache() = default;

std::string data_key(const Json& spec) {
  return spec["dataset"].dump() + spec["preprocess"].dump() + spec["split"].dump();
}

std::shared_ptr<const PreparedData> prepare_data_kept(const Json& spec, const RunContext& context) {
  const std::string csv = spec["dataset"]["csv"].get<std::string>();
  const auto file = context.files.find(csv);
  if (file == context.files.end() || !context.data_cache)
    return std::make_shared<const PreparedData>(prepare_data(spec, context));
  const std::string key =
      data_key(spec) + "|" + std::to_string(file->second.size()) + ":" + std::to_string(text_hash(file->second));
  DataCache::Kept& k = context.data_cache->kept();
  if (k.data && k.key == key) {
    check_run_memory(k.data->size, spec);  // the data is the same; the model may not be
    return k.data;
  }
  k = DataCache::Kept{};  // at most one data set: the old one goes before the new one is built
  auto data = std::make_shared<const PreparedData>(prepare_data(spec, context));
  k = DataCache::Kept{key, data};
  return data;
}

}  // namespace lab
