// The spec's data sections: "dataset" (the CSV, target, task, features, row filter),
// "preprocess" and "split". Each is built once and kept.
#pragma once
#include <memory>

#include "lab/options.hpp"

namespace lab {

const std::shared_ptr<const Schema>& dataset_schema();
const std::shared_ptr<const Schema>& preprocess_schema();
const std::shared_ptr<const Schema>& split_schema();

}  // namespace lab
