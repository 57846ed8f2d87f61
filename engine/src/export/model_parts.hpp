// A deployed model's numbers, as plain JSON for a graph exporter (tools/onnx/): what each
// format computes, not how it is stored. The exporter turns these into an ONNX graph; keeping
// the protobuf encoding out of the engine keeps the engine free of a protobuf dependency.
//
//   mlp (fp32, fp16, sparse):  {kind: "mlp", activation, storage: "float32"|"float16"|"sparse",
//                               layers: [{in, out, weights (out x in, row-major), bias}]}
//   mlp int8:                  {kind: "mlp_int8", activation, layers: [{in, out, weights (int8,
//                               row-major), weight_scale [1 or out], weight_zero_point [same],
//                               input_scale, input_zero_point, bias}]}
//   linear (logistic, multinomial, least squares):
//                              {kind: "linear", coefficients (outputs x features, row-major),
//                               intercept [outputs]}
//   trees (one tree, boosting): {kind: "trees", base [outputs], trees: [{target, width, feature
//                               (-1: leaf), value (a split's threshold), right (a split's false
//                               child), leaf_values (width per leaf, in node order)}]}
// Every kind also has head: {kind: "sigmoid"|"softmax"|"identity"|"affine", outputs, output:
// "probability"|"value", classes (multi-class), scale and shift (affine)}: the raw scores above
// go through it (tasks/output_head.hpp) to give the task's prediction.
#pragma once
#include <string>

#include "compress/deployed.hpp"
#include "lab/json.hpp"
#include "tasks/task.hpp"

namespace lab {

OrderedJson model_parts(const DeployedModel& model, const Task& task, std::string& why);

}  // namespace lab
