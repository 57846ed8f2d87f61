#include "data/dataset_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/files.hpp"
#include "core/limits.hpp"
#include "core/progress.hpp"
#include "data/csv.hpp"
#include "data/data_schema.hpp"
#include "data/memory_estimate.hpp"
#include "lab/error.hpp"
#include "lab/options.hpp"

namespace lab {
namespace {

// A feature column with no values, or one value in every row, cannot inform any model: it is
// left out with a warning (scikit-learn fits with it and its coefficient stays 0; many real
// tables have one). Only when nothing is left is the run refused.
void drop_uninformative_features(Frame& frame, const std::string& target, std::vector<Warning>& warnings) {
  std::vector<std::string> dropped;
  std::string reasons;
  for (const auto& c : frame.columns) {
    if (c.name == target) continue;
    std::size_t first = 0;
    while (first < frame.rows() && c.missing[first]) ++first;
    std::string why;
    if (first == frame.rows()) {
      why = "has no values (every row is empty)";
    } else {
      bool constant = true;
      for (std::size_t r = first + 1; r < frame.rows() && constant; ++r) {
        if (c.missing[r]) continue;
        constant = c.numeric ? c.number[r] == c.number[first] : c.text[r] == c.text[first];
      }
      if (constant)
        why = "is constant (every value is " + (c.numeric ? Json(c.number[first]) : Json(c.text[first])).dump() + ")";
    }
    if (why.empty()) continue;
    dropped.push_back(c.name);
    reasons += (reasons.empty() ? "'" : "; '") + c.name + "' " + why;
    warnings.push_back(
        {Location{"", "dataset.features", 0, 0}, "feature '" + c.name + "' " + why + " and was left out"});
  }
  if (dropped.empty()) return;
  if (dropped.size() + 1 == frame.columns.size())
    fail_field("dataset.features",
               "no feature can inform the model: " + reasons + "; the data needs at least one column that varies");
  frame.columns.erase(std::remove_if(frame.columns.begin(), frame.columns.end(),
                                     [&](const Column& c) {
                                       return std::find(dropped.begin(), dropped.end(), c.name) != dropped.end();
                                     }),
                      frame.columns.end());
}

Eigen::VectorXd target_vector(const std::vector<double>& values, const std::vector<int>& rows) {
  Eigen::VectorXd y(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    y(static_cast<Eigen::Index>(i)) = values[static_cast<std::size_t>(rows[i])];
  return y;
}

// Too few rows would train on nothing or measure on nothing (a 2-row CSV once gave a test split
// of 0 rows and a test accuracy of NaN): each split that is asked for must be large enough.
void check_split_sizes(const SplitRows& split, const std::vector<int>& labels, double test, double validation,
                       const Task& task) {
  const std::string data = " (" + std::to_string(labels.size()) + " usable rows in the data)";
  auto need = [&](const char* field, const char* name, std::size_t has, int needs) {
    if (has < static_cast<std::size_t>(needs))
      fail_field(field, std::string("the ") + name + " split has " + std::to_string(has) + " rows; it needs at least " +
                            std::to_string(needs) + data + "; use more data or change the split fractions");
  };
  if (test > 0) need("split.test", "test", split.test.size(), limits::kMinHeldOutRows);
  if (validation > 0) need("split.validation", "validation", split.validation.size(), limits::kMinHeldOutRows);
  need("split", "training", split.train.size(), limits::kMinTrainRows);
  std::vector<std::size_t> per_class(task.classes.size(), 0);
  for (int r : split.train)
    if (task.classification()) ++per_class[static_cast<std::size_t>(labels[r])];
  for (std::size_t cls = 0; cls < per_class.size(); ++cls)
    if (per_class[cls] < static_cast<std::size_t>(limits::kMinTrainRowsPerClass))
      fail_field("split", "the training rows hold " + std::to_string(per_class[cls]) + " rows of class '" +
                              task.classes[cls] + "'" + "; each class needs at least " +
                              std::to_string(limits::kMinTrainRowsPerClass) + data +
                              "; use more data or a smaller test/validation fraction");
}

// A class of one row cannot be in training and held-out rows at once (scikit-learn's
// train_test_split refuses it the same way).
void check_strata(const std::vector<int>& labels, const Task& task) {
  std::vector<int> count(task.classes.size(), 0);
  for (int l : labels) ++count[static_cast<std::size_t>(l)];
  for (std::size_t c = 0; c < count.size(); ++c)
    if (count[c] < 2)
      fail_field("split.stratify",
                 "class '" + task.classes[c] + "' has " + std::to_string(count[c]) +
                     " row; a stratified split needs at least 2 rows of every class (remove the class with "
                     "dataset.where, or set split.stratify to false)");
}

// The columns a run reads, from the CSV's header: the features (the spec's list, or every
// column but the target; into `names`), the target, then the columns a `where` filter needs
// only while it filters.
std::vector<std::string> run_columns(const std::vector<std::string>& header, const std::string& csv_path,
                                     const Json& ds, const std::string& target, std::vector<std::string>& names) {
  auto has = [&](const std::string& name) { return std::find(header.begin(), header.end(), name) != header.end(); };
  if (!has(target)) fail_field("dataset.target", "no column '" + target + "' in " + csv_path + delimiter_hint(header));
  if (ds.contains("features")) {
    for (std::size_t i = 0; i < ds["features"].size(); ++i) {
      std::string f = ds["features"][i].get<std::string>();
      std::string field = "dataset.features[" + std::to_string(i) + "]";
      if (!has(f)) fail_field(field, "no column '" + f + "' in " + csv_path);
      if (f == target) fail_field(field, "'" + f + "' is the target; it cannot also be a feature");
      if (std::find(names.begin(), names.end(), f) != names.end()) fail_field(field, "'" + f + "' is listed twice");
      names.push_back(f);
    }
    if (names.empty()) fail_field("dataset.features", "needs at least one feature");
  } else {
    for (const auto& h : header)
      if (h != target) names.push_back(h);
  }
  std::vector<std::string> columns = names;
  columns.push_back(target);
  if (ds.contains("where") && ds["where"].is_object())
    for (auto it = ds["where"].begin(); it != ds["where"].end(); ++it)
      if (std::find(columns.begin(), columns.end(), it.key()) == columns.end()) {
        if (!has(it.key())) fail_field("dataset.where." + it.key(), "no column '" + it.key() + "' in " + csv_path);
        columns.push_back(it.key());
      }
  return columns;
}

}  // namespace

PreparedData prepare_data(const Json& spec, const RunContext& context) {
  const Json& ds = spec["dataset"];
  const std::string csv_path = ds["csv"].get<std::string>();
  PreparedData out;
  out.target = ds["target"].get<std::string>();
  // The CSV is read straight into typed columns (read_frame), and its text is freed once they
  // are built when it was read from a file: at 100k x 30 the text is 17 MB and the columns
  // 28 MB, and wasm memory never shrinks.
  std::size_t text_bytes = 0, csv_columns = 0;
  std::vector<std::string> names;
  Frame frame = [&] {
    std::string read;
    const std::string& text =
        resolve_and_read(csv_path, context.base_dir, context.files, "dataset.csv", context.read_file_system, read);
    // A first estimate from the text alone, before the columns are allocated: a run far too
    // big is refused here, the rest after the preprocessing below.
    check_run_memory(text_run_size(text, ds.contains("features") ? ds["features"].size() : 0), spec);
    text_bytes = text.size();
    return read_frame(text, csv_path, [&](const std::vector<std::string>& header) {
      csv_columns = header.size();
      return run_columns(header, csv_path, ds, out.target, names);
    });
  }();
  // Read: what a large file's wait was for (and a point where a learner's cancel is heard).
  report(context, "read", 1, 1, Json{{"rows", frame.rows()}, {"bytes", text_bytes}});
  frame = filter_rows(std::move(frame), ds.value("where", Json()));
  // Filter-only columns are dropped so they never become features.
  frame.columns.erase(std::remove_if(frame.columns.begin(), frame.columns.end(),
                                     [&](const Column& c) {
                                       return std::find(names.begin(), names.end(), c.name) == names.end() &&
                                              c.name != out.target;
                                     }),
                      frame.columns.end());
  const Column& target = frame.column(out.target, "dataset.target");
  EncodedTarget encoded = encode_target(frame, target, ds);
  out.task = encoded.task;
  if (out.task.kind == TaskKind::Binary) {
    out.negative = out.task.classes[0];
    out.positive = out.task.classes[1];
  }
  std::vector<char> keep(frame.rows());
  for (std::size_t r = 0; r < frame.rows(); ++r) keep[r] = !encoded.missing[r];
  for (std::size_t r = 0; r < keep.size(); ++r)
    if (keep[r]) {
      out.values.push_back(encoded.value[r]);
      // Regression rows share one stratum: a split of a numeric target is a plain shuffle.
      out.labels.push_back(out.task.classification() ? static_cast<int>(encoded.value[r]) : 0);
    }
  frame = keep_rows(std::move(frame), keep);  // rows with a missing target cannot be used
  drop_uninformative_features(frame, out.target, out.warnings);

  const SplitOptions split = fill_options<SplitOptions>(*split_schema(), spec["split"]);
  const double test = split.test, validation = split.validation;
  if (test + validation >= 0.95)
    fail_field("split",
               "test + validation = " + std::to_string(test + validation) + "; at most 0.95 leaves rows to train on");
  out.split = split_rows(out.labels, test, validation, split.stratify && out.task.classification(), split.seed);
  check_split_sizes(out.split, out.labels, test, validation, out.task);
  if (split.stratify && out.task.classification() && test + validation > 0) check_strata(out.labels, out.task);

  const PreprocessOptions options = fill_options<PreprocessOptions>(*preprocess_schema(), spec["preprocess"]);
  out.preprocessor = Preprocessor::fit(frame, out.target, out.split.train, options);
  // Before the design matrices and training allocate anything: a run too big for the browser
  // engine's memory is refused with the estimate, not left to fail halfway.
  out.size = RunSize{text_bytes, frame.rows(), csv_columns, out.preprocessor.columns.size()};
  check_run_memory(out.size, spec);
  out.X_train = out.preprocessor.transform(frame, out.split.train);
  out.X_val = out.preprocessor.transform(frame, out.split.validation);
  out.X_test = out.preprocessor.transform(frame, out.split.test);
  out.y_train = target_vector(out.values, out.split.train);
  out.y_val = target_vector(out.values, out.split.validation);
  out.y_test = target_vector(out.values, out.split.test);
  return out;
}

OrderedJson PreparedData::summary() const {
  OrderedJson j;
  j["rows"] = {{"train", split.train.size()}, {"validation", split.validation.size()}, {"test", split.test.size()}};
  j["target"] = target;
  j["task"] = task.name();
  if (task.kind == TaskKind::Binary) {
    j["positive"] = positive;
    j["negative"] = negative;
    j["positive_rate"] = y_train.size() ? y_train.mean() : 0.0;
  } else if (task.kind == TaskKind::Multiclass) {
    j["classes"] = task.classes;
    std::vector<double> share(task.classes.size(), 0.0);  // class balance of the training rows
    for (Eigen::Index i = 0; i < y_train.size(); ++i)
      share[static_cast<std::size_t>(y_train(i))] += 1.0 / static_cast<double>(y_train.size());
    j["class_share"] = share;
  } else {
    j["target_mean"] = y_train.size() ? y_train.mean() : 0.0;
    j["target_std"] = y_train.size() ? std::sqrt((y_train.array() - y_train.mean()).square().mean()) : 0.0;
  }
  j["features"] = OrderedJson::array();
  for (const auto& f : preprocessor.features) j["features"].push_back(f.name);
  j["columns"] = preprocessor.columns;
  return j;
}

}  // namespace lab
