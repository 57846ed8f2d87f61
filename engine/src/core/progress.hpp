// Progress reports of a run (the data read, per epoch, lambda, fold, stage or variant) and
// cancellation: the caller's callback answers false to stop, which ends the run with
// lab::Cancelled.
#pragma once
#include <string>

#include "lab/experiment.hpp"

namespace lab {

// Throws lab::Cancelled when the caller's callback answers false.
void report(const RunContext& context, const std::string& stage, int done, int total, Json data = Json());

}  // namespace lab
