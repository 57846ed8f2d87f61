// Progress reports of a run (the data read, per epoch, lambda, fold, stage or variant) and
// cancellation: the caller's callback answers false to stop, which ends the run with
// lab::Cancelled.
#pragma once
#include <string>

#include "lab/run_context.hpp"

namespace lab {

// Throws lab::Cancelled when the caller's callback answers false.
void report(const RunContext& context, const std::string& stage, int done, int total, Json data = Json());

// "fit" 1/1: the run's model is fitted (a path, if any, included); its scores, importance and
// result follow. What a timing of the fit alone reads (tools/bench, case 8).
inline void report_fitted(const RunContext& context) { report(context, "fit", 1, 1); }

}  // namespace lab
