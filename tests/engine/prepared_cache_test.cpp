// The data set a caller keeps between runs (prepare_data_kept with a DataCache): reruns on the same CSV
// text give the results of a fresh preparation; a CSV changed under the same name is prepared
// anew; a bigger model on kept data still meets the memory check.
#include <gtest/gtest.h>

#include <string>

#include "data/dataset_builder.hpp"
#include "lab/data_cache.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

std::string rows_csv(int rows, int shift) {
  std::string csv = "a,b,y\n";
  for (int i = 0; i < rows; ++i)
    csv += std::to_string((i * 7 + shift) % 31) + "," + std::to_string((i * 3) % 11) + "," +
           ((i + shift) % 3 ? "yes" : "no") + "\n";
  return csv;
}

Json spec_on(const std::string& csv) {
  return Json{{"dataset", {{"csv", csv}, {"target", "y"}, {"positive", "yes"}}},
              {"split", {{"test", 0.25}, {"seed", 1}}},
              {"model", {{"type", "logistic_regression"}, {"lambda", 0.01}}}};
}

// The cache an engine instance would own; every test's runs share it, as a worker's runs do.
lab::DataCache& cache() {
  static lab::DataCache kept;
  return kept;
}

lab::RunContext with_file(const std::string& name, const std::string& text) {
  lab::RunContext c;
  c.data_cache = &cache();
  c.read_file_system = false;
  c.files[name] = text;
  return c;
}

TEST(PreparedDataKept, ARerunOnTheSameTextIsTheFreshResultWithTheSameRows) {
  const std::string text = rows_csv(400, 0);
  const auto first = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), with_file("d.csv", text));
  const auto again = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), with_file("d.csv", text));
  EXPECT_EQ(first.get(), again.get()) << "the kept data set is reused";
  const lab::PreparedData fresh = lab::prepare_data(lab::normalize_spec(spec_on("d.csv")), with_file("d.csv", text));
  EXPECT_EQ(again->X_train, fresh.X_train);
  EXPECT_EQ(again->y_test, fresh.y_test);
  EXPECT_EQ(lab::run_experiment(spec_on("d.csv"), with_file("d.csv", text)).dump(),
            lab::run_experiment(spec_on("d.csv"), with_file("d.csv", text)).dump());
}

TEST(PreparedDataKept, ACsvChangedUnderTheSameNameOrOtherSettingsIsPreparedAnew) {
  const auto a = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), with_file("d.csv", rows_csv(400, 0)));
  const auto b = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), with_file("d.csv", rows_csv(400, 1)));
  EXPECT_NE(a.get(), b.get());
  EXPECT_NE(a->X_train, b->X_train);
  Json other_split = spec_on("d.csv");
  other_split["split"]["seed"] = 2;
  const auto c = lab::prepare_data_kept(lab::normalize_spec(other_split), with_file("d.csv", rows_csv(400, 1)));
  EXPECT_NE(b.get(), c.get());
  EXPECT_NE(b->X_train, c->X_train);
}

TEST(PreparedDataKept, TheCacheIsTheCallersAndWithoutOneEveryRunPreparesItsData) {
  const std::string text = rows_csv(300, 2);
  lab::RunContext bare = with_file("d.csv", text);
  bare.data_cache = nullptr;
  const auto a = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), bare);
  const auto b = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), bare);
  EXPECT_NE(a.get(), b.get()) << "no cache: nothing is kept";
  EXPECT_EQ(a->X_train, b->X_train);
  lab::DataCache mine;  // another instance's cache does not see this test's kept data set
  lab::RunContext other = with_file("d.csv", text);
  other.data_cache = &mine;
  const auto c = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), other);
  const auto d = lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), with_file("d.csv", text));
  EXPECT_NE(c.get(), d.get());
  EXPECT_EQ(c.get(), lab::prepare_data_kept(lab::normalize_spec(spec_on("d.csv")), other).get());
}

TEST(PreparedDataKept, ABiggerModelOnKeptDataIsStillCheckedForMemory) {
  std::string big = "a,b,y\n";
  for (int i = 0; i < 20000; ++i)
    big += std::to_string(i % 97) + "," + std::to_string(i % 13) + "," + (i % 2 ? "yes" : "no") + "\n";
  Json small = spec_on("big.csv");
  small["model"] = {{"type", "mlp"}, {"hidden", {8}}};
  small["train"] = {{"epochs", 1}};
  EXPECT_NO_THROW(lab::run_experiment(small, with_file("big.csv", big)));
  Json wide = small;
  wide["model"]["hidden"] = Json::array({1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024});
  const std::string message = lab::test::error_of([&] { lab::run_experiment(wide, with_file("big.csv", big)); });
  EXPECT_NE(message.find("above the 1 GiB limit"), std::string::npos) << message;
}

}  // namespace
