#include "core/progress.hpp"

#include "lab/error.hpp"

namespace lab {

void report(const RunContext& context, const std::string& stage, int done, int total, Json data) {
  if (!context.on_progress) return;
  if (!context.on_progress(Progress{stage, done, total, std::move(data)})) throw Cancelled();
}

}  // namespace lab
