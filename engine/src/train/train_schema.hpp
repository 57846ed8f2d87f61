// The spec's "train" section and its "schedule" and "early_stopping" sections, each built once
// and kept.
#pragma once
#include <memory>

#include "lab/options.hpp"

namespace lab {

const std::shared_ptr<const Schema>& schedule_schema();
const std::shared_ptr<const Schema>& early_stopping_schema();
const std::shared_ptr<const Schema>& train_schema();

}  // namespace lab
