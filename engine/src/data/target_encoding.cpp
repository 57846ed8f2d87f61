#include "data/target_encoding.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/limits.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

std::string number_text(double v) { return Json(v).dump(); }  // 1 -> "1", 0.5 -> "0.5"

std::string some_values(const std::set<std::string>& values) {
  std::string some;
  int shown = 0;
  for (const auto& v : values)
    if (shown++ < 5) some += (some.empty() ? "'" : ", '") + v + "'";
  return some + (values.size() > 5 ? ", ..." : "");
}

// The auto rule (docs/spec.md, "Tasks"): a numeric target is regression when it has more
// distinct values than a classifier takes, or has fractions and more than two values (a
// price, a score); otherwise two values are binary and 3..kMaxClasses multi-class.
TaskKind detect(const Column& target, const std::set<std::string>& values) {
  if (target.numeric) {
    bool fractions = false;
    for (std::size_t r = 0; r < target.number.size() && !fractions; ++r)
      fractions = !target.missing[r] && target.number[r] != std::floor(target.number[r]);
    if (values.size() > static_cast<std::size_t>(limits::kMaxClasses) || (fractions && values.size() > 2))
      return TaskKind::Regression;
  }
  if (values.size() > static_cast<std::size_t>(limits::kMaxClasses))
    fail_field("dataset.target",
               "target '" + target.name + "' has " + std::to_string(values.size()) + " distinct values (" +
                   some_values(values) + "); a classifier takes at most " + std::to_string(limits::kMaxClasses) +
                   " classes, and a text column cannot be a regression target; choose another target");
  return values.size() == 2 ? TaskKind::Binary : TaskKind::Multiclass;
}

}  // namespace

EncodedTarget encode_target(const Frame& frame, const Column& target, const Json& dataset) {
  const std::size_t rows = frame.rows();
  auto text_of = [&](std::size_t r) { return target.numeric ? number_text(target.number[r]) : target.text[r]; };
  std::set<std::string> values;
  for (std::size_t r = 0; r < rows; ++r)
    if (!target.missing[r]) values.insert(text_of(r));

  const std::string asked = dataset.value("task", std::string("auto"));
  EncodedTarget out;
  out.missing = target.missing;
  out.value.assign(rows, std::nan(""));
  if (asked == "regression") {
    if (!target.numeric)
      fail_field("dataset.task", "task 'regression' needs a numeric target; '" + target.name + "' holds text (values " +
                                     some_values(values) + "); use task 'multiclass' or 'binary', or another target");
  }
  out.task.kind = asked == "auto" ? (values.size() < 2 ? TaskKind::Binary : detect(target, values)) : task_kind(asked);
  const Task& task = out.task;
  if (dataset.contains("positive") && task.kind != TaskKind::Binary)
    fail_field("dataset.positive", "'positive' applies to binary targets only; '" + target.name + "' is a " +
                                       std::string(task.name()) +
                                       " target here (remove 'positive', or set dataset.task)");

  if (task.kind == TaskKind::Regression) {
    // A missing value cannot be guessed for the quantity being predicted: say which row.
    for (std::size_t r = 0; r < rows; ++r)
      if (target.missing[r])
        fail_file(frame.file, frame.lines[r], 0,
                  "the regression target '" + target.name + "' is empty in this row; fill it in or remove the row");
    for (std::size_t r = 0; r < rows; ++r) out.value[r] = target.number[r];
    if (values.size() < 2)
      fail_field("dataset.target", "target '" + target.name + "' has a single value" +
                                       (values.empty() ? std::string() : " (" + *values.begin() + ")") +
                                       "; nothing to predict");
    return out;
  }

  if (values.size() < 2)
    fail_field("dataset.target", "target '" + target.name + "' has only one class" +
                                     (values.empty() ? std::string() : " ('" + *values.begin() + "')") +
                                     "; a classifier needs two");
  if (task.kind == TaskKind::Binary && values.size() > 2)
    fail_field("dataset.target", "target '" + target.name + "' has " + std::to_string(values.size()) + " classes (" +
                                     some_values(values) +
                                     "); task 'binary' needs exactly two (use task 'multiclass' or 'auto')");
  if (values.size() > static_cast<std::size_t>(limits::kMaxClasses))
    fail_field("dataset.target", "target '" + target.name + "' has " + std::to_string(values.size()) + " classes (" +
                                     some_values(values) + "); the limit is " + std::to_string(limits::kMaxClasses));

  std::vector<std::string>& classes = out.task.classes;
  if (task.kind == TaskKind::Binary) {
    const std::string positive =
        dataset.contains("positive") ? dataset["positive"].get<std::string>() : *values.rbegin();
    if (!values.count(positive))
      fail_field("dataset.positive", "'" + positive + "' is not a value of '" + target.name + "' (values: '" +
                                         *values.begin() + "', '" + *values.rbegin() + "')");
    classes = {*values.begin() == positive ? *values.rbegin() : *values.begin(), positive};
  } else {
    classes.assign(values.begin(), values.end());
    if (target.numeric)  // numeric classes in numeric order (2 before 10), as scikit-learn's np.unique
      std::sort(classes.begin(), classes.end(),
                [](const std::string& a, const std::string& b) { return std::stod(a) < std::stod(b); });
  }
  std::map<std::string, int> index;
  for (std::size_t c = 0; c < classes.size(); ++c) index[classes[c]] = static_cast<int>(c);
  for (std::size_t r = 0; r < rows; ++r)
    if (!target.missing[r]) out.value[r] = index[text_of(r)];
  return out;
}

}  // namespace lab
