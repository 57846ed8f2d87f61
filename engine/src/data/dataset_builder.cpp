#include "data/dataset_builder.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/files.hpp"
#include "core/limits.hpp"
#include "data/csv.hpp"
#include "data/memory_estimate.hpp"
#include "lab/error.hpp"
#include "lab/options.hpp"

namespace lab {
namespace {

std::vector<int> encode_target(const Frame& frame, const Column& target, const Json& dataset,
                               std::string& positive, std::string& negative) {
  std::set<std::string> values;
  auto text_of = [&](std::size_t r) {
    if (!target.numeric) return target.text[r];
    Json v = target.number[r];
    return v.dump();  // 1 -> "1", 0.5 -> "0.5"
  };
  for (std::size_t r = 0; r < frame.rows(); ++r) if (!target.missing[r]) values.insert(text_of(r));
  if (values.size() < 2) {
    fail_field("dataset.target", "target '" + target.name + "' has only one class" +
                                     (values.empty() ? std::string() : " ('" + *values.begin() + "')") +
                                     "; a classifier needs two");
  }
  if (values.size() > 2) {
    std::string some;
    int shown = 0;
    for (const auto& v : values) if (shown++ < 5) some += (some.empty() ? "'" : ", '") + v + "'";
    fail_field("dataset.target", "target '" + target.name + "' has " + std::to_string(values.size()) +
                                     " classes (" + some + (values.size() > 5 ? ", ..." : "") +
                                     "); binary classification needs exactly two");
  }
  positive = dataset.contains("positive") ? dataset["positive"].get<std::string>() : *values.rbegin();
  if (!values.count(positive))
    fail_field("dataset.positive", "'" + positive + "' is not a value of '" + target.name + "' (values: '" +
                                       *values.begin() + "', '" + *values.rbegin() + "')");
  negative = *values.begin() == positive ? *values.rbegin() : *values.begin();
  std::vector<int> labels(frame.rows(), -1);
  for (std::size_t r = 0; r < frame.rows(); ++r)
    if (!target.missing[r]) labels[r] = text_of(r) == positive ? 1 : 0;
  return labels;
}

void check_features(const Frame& frame, const std::string& target) {
  for (const auto& c : frame.columns) {
    if (c.name == target) continue;
    std::size_t missing = 0;
    for (char m : c.missing) missing += m;
    if (missing == frame.rows()) fail_field("dataset.features", "feature '" + c.name + "' has no values (every row is empty)");
    bool constant = true;
    std::size_t first = 0;
    while (c.missing[first]) ++first;
    for (std::size_t r = first + 1; r < frame.rows() && constant; ++r) {
      if (c.missing[r]) continue;
      constant = c.numeric ? c.number[r] == c.number[first] : c.text[r] == c.text[first];
    }
    if (constant) {
      Json v = c.numeric ? Json(c.number[first]) : Json(c.text[first]);
      fail_field("dataset.features", "feature '" + c.name + "' is constant (every value is " + v.dump() +
                                         ") and cannot inform the model");
    }
  }
}

Eigen::VectorXd label_vector(const std::vector<int>& labels, const std::vector<int>& rows) {
  Eigen::VectorXd y(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) y(static_cast<Eigen::Index>(i)) = labels[rows[i]];
  return y;
}

// Too few rows would train on nothing or measure on nothing (a 2-row CSV once gave a test split
// of 0 rows and a test accuracy of NaN): each split that is asked for must be large enough.
void check_split_sizes(const SplitRows& split, const std::vector<int>& labels, double test, double validation,
                       const std::string& negative, const std::string& positive) {
  const std::string data = " (" + std::to_string(labels.size()) + " usable rows in the data)";
  auto need = [&](const char* field, const char* name, std::size_t has, int needs) {
    if (has < static_cast<std::size_t>(needs))
      fail_field(field, std::string("the ") + name + " split has " + std::to_string(has) + " rows; it needs at least " +
                            std::to_string(needs) + data + "; use more data or change the split fractions");
  };
  if (test > 0) need("split.test", "test", split.test.size(), limits::kMinHeldOutRows);
  if (validation > 0) need("split.validation", "validation", split.validation.size(), limits::kMinHeldOutRows);
  need("split", "training", split.train.size(), limits::kMinTrainRows);
  std::size_t per_class[2] = {0, 0};
  for (int r : split.train) ++per_class[labels[r]];
  for (int cls : {0, 1})
    if (per_class[cls] < static_cast<std::size_t>(limits::kMinTrainRowsPerClass))
      fail_field("split", "the training rows hold " + std::to_string(per_class[cls]) + " rows of class '" + (cls ? positive : negative) + "'" +
                              "; each class needs at least " + std::to_string(limits::kMinTrainRowsPerClass) + data +
                              "; use more data or a smaller test/validation fraction");
}

}  // namespace

PreparedData prepare_data(const Json& spec, const RunContext& context) {
  const Json& ds = spec["dataset"];
  const std::string csv_path = ds["csv"].get<std::string>();
  const std::string text = resolve_and_read(csv_path, context.base_dir, context.files, "dataset.csv",
                                       context.read_file_system);
  // A first estimate from the text alone, before parsing allocates the table (most of a big
  // run's memory): a run far too big is refused here, the rest after the preprocessing below.
  check_run_memory(text_run_size(text, ds.contains("features") ? ds["features"].size() : 0), spec);
  CsvTable csv = parse_csv(text, csv_path);

  PreparedData out;
  out.target = ds["target"].get<std::string>();
  auto has = [&](const std::string& name) {
    return std::find(csv.header.begin(), csv.header.end(), name) != csv.header.end();
  };
  if (!has(out.target)) fail_field("dataset.target", "no column '" + out.target + "' in " + csv_path);
  std::vector<std::string> names;
  if (ds.contains("features")) {
    for (std::size_t i = 0; i < ds["features"].size(); ++i) {
      std::string f = ds["features"][i].get<std::string>();
      std::string field = "dataset.features[" + std::to_string(i) + "]";
      if (!has(f)) fail_field(field, "no column '" + f + "' in " + csv_path);
      if (f == out.target) fail_field(field, "'" + f + "' is the target; it cannot also be a feature");
      if (std::find(names.begin(), names.end(), f) != names.end()) fail_field(field, "'" + f + "' is listed twice");
      names.push_back(f);
    }
    if (names.empty()) fail_field("dataset.features", "needs at least one feature");
  } else {
    for (const auto& h : csv.header) if (h != out.target) names.push_back(h);
  }
  std::vector<std::string> columns = names;
  columns.push_back(out.target);
  if (ds.contains("where") && ds["where"].is_object())
    for (auto it = ds["where"].begin(); it != ds["where"].end(); ++it)
      if (std::find(columns.begin(), columns.end(), it.key()) == columns.end()) {
        if (!has(it.key())) fail_field("dataset.where." + it.key(), "no column '" + it.key() + "' in " + csv_path);
        columns.push_back(it.key());
      }

  Frame frame = filter_rows(make_frame(csv, columns, csv_path), ds.value("where", Json()));
  // Filter-only columns are dropped so they never become features.
  frame.columns.erase(std::remove_if(frame.columns.begin(), frame.columns.end(), [&](const Column& c) {
    return std::find(names.begin(), names.end(), c.name) == names.end() && c.name != out.target;
  }), frame.columns.end());

  const Column& target = frame.column(out.target, "dataset.target");
  std::vector<int> labels = encode_target(frame, target, ds, out.positive, out.negative);
  std::vector<char> keep(frame.rows());
  for (std::size_t r = 0; r < frame.rows(); ++r) keep[r] = labels[r] >= 0;
  out.frame = keep_rows(frame, keep);  // rows with a missing target cannot be used
  for (int l : labels) if (l >= 0) out.labels.push_back(l);
  check_features(out.frame, out.target);

  const SplitOptions split = spec_options<SplitOptions>("split", spec["split"]);
  const double test = split.test, validation = split.validation;
  if (test + validation >= 0.95) fail_field("split", "test + validation = " + std::to_string(test + validation) + "; at most 0.95 leaves rows to train on");
  out.split = split_rows(out.labels, test, validation, split.stratify, split.seed);
  check_split_sizes(out.split, out.labels, test, validation, out.negative, out.positive);

  const PreprocessOptions options = spec_options<PreprocessOptions>("preprocess", spec["preprocess"]);
  out.preprocessor = Preprocessor::fit(out.frame, out.target, out.split.train, options);
  // Before the design matrices and training allocate anything: a run too big for the browser
  // engine's memory is refused with the estimate, not left to fail halfway.
  check_run_memory(RunSize{text.size(), out.frame.rows(), csv.header.size(), out.preprocessor.columns.size()}, spec);
  out.X_train = out.preprocessor.transform(out.frame, out.split.train);
  out.X_val = out.preprocessor.transform(out.frame, out.split.validation);
  out.X_test = out.preprocessor.transform(out.frame, out.split.test);
  out.y_train = label_vector(out.labels, out.split.train);
  out.y_val = label_vector(out.labels, out.split.validation);
  out.y_test = label_vector(out.labels, out.split.test);
  return out;
}

OrderedJson PreparedData::summary() const {
  OrderedJson j;
  j["rows"] = {{"train", split.train.size()}, {"validation", split.validation.size()}, {"test", split.test.size()}};
  j["target"] = target;
  j["positive"] = positive;
  j["negative"] = negative;
  j["positive_rate"] = y_train.size() ? y_train.mean() : 0.0;
  j["features"] = OrderedJson::array();
  for (const auto& f : preprocessor.features) j["features"].push_back(f.name);
  j["columns"] = preprocessor.columns;
  return j;
}

}  // namespace lab
