// A deployed model's numbers, as plain JSON for a graph exporter (tools/onnx/): what each
// format computes, not how it is stored. The exporter turns these into an ONNX graph; keeping
// the protobuf encoding out of the engine keeps the engine free of a protobuf dependency.
//
//   mlp (fp32, fp16, sparse):  {kind: "mlp", activation, storage: "float32"|"float16"|"sparse",
//                               layers: [{in, out, weights (out x in, row-major), bias}]}
//   mlp int8:                  {kind: "mlp_int8", activation, layers: [{in, out, weights (int8,
//                               row-major), weight_scale [1 or out], weight_zero_point [same],
//                               input_scale, input_zero_point, bias}]}
//   logistic regression:       {kind: "logistic", coefficients, intercept}
//   trees (one tree, boosting): {kind: "trees", base, transform: "none"|"logistic", trees:
//                               [{feature (-1: leaf), value (threshold or leaf value), right}]}
// The output of every kind is the positive class's probability.
#pragma once
#include <string>

#include "compress/deployed.hpp"
#include "lab/json.hpp"

namespace lab {

OrderedJson model_parts(const DeployedModel& model, std::string& why);

}  // namespace lab
