// A first look at a CSV file, read by the engine's own strict reader (data/csv.cpp) and typed
// as a run would type it, so a front end's file picker shows the engine's verdict and the
// columns a run could predict, without a second CSV parser.
#pragma once
#include <cstddef>
#include <string>

#include "lab/json.hpp"

namespace lab {

// {file, rows, columns: [{name, kind: "number"|"text", missing, classes, values, task, problem}],
// head, targets, max_classes}. `classes` counts the distinct values as the run's target encoding sees them (1
// and 1.0 are one class), capped at max_classes + 1 (kPreviewMaxClasses); `values` shows up to five of them; `head`
// holds the first `head_rows` rows (null for an empty field). `task` is the task a run would give the column as its
// target ("binary" | "multiclass" | "regression", dataset.task "auto"), or null with the run's refusal in `problem`
// (too many classes, an empty regression value with its line, ...); `targets` lists the columns with a task. Throws
// lab::Error with file:line:col for everything the run would refuse while reading the file (quoting, UTF-8, header,
// text among numbers, limits), and for fewer than two columns.
Json preview_csv(const std::string& text, const std::string& filename, std::size_t head_rows = 5);

// The classifier's class limit (core/limits.hpp kMaxClasses; csv_preview.cpp checks they agree).
constexpr std::size_t kPreviewMaxClasses = 50;

}  // namespace lab
