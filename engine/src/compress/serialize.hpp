// Binary model files. Layout: the magic "LABM", a format version byte, a ModelFormat byte,
// the output head (kind u8, outputs u16, and for the affine head scale and shift as f32),
// then the format's payload (see each form's write()). The size a trade-off run reports is the
// length of these bytes; load_model(save_model(m)) predicts exactly what m predicts.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "compress/deployed.hpp"

namespace lab {

// The header before the payload, with a sigmoid, softmax or identity head (the affine head
// adds 8 bytes).
constexpr std::size_t kModelHeaderBytes = 9;
constexpr std::uint8_t kModelFormatVersion = 2;  // 2: the output head joined the header

std::vector<std::uint8_t> save_model(const DeployedModel& model);

// Throws lab::Error (with the byte offset) on a wrong magic, version or format, truncated or
// trailing bytes, or shapes that do not fit together.
std::unique_ptr<DeployedModel> load_model(const std::vector<std::uint8_t>& bytes);

}  // namespace lab
