// The run-memory ceiling: a run the browser engine could not hold is refused before training,
// with the estimate and the limit in the message; ordinary runs pass well under it.
#include <gtest/gtest.h>

#include <string>

#include "core/limits.hpp"
#include "data/memory_estimate.hpp"
#include "lab/experiment.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

// n rows of two numeric features and a two-class target, as a learner's upload would be.
std::string synthetic_csv(int rows) {
  std::string csv = "a,b,y\n";
  for (int i = 0; i < rows; ++i)
    csv += std::to_string(i % 97) + "," + std::to_string(i % 13) + "," + (i % 2 ? "yes" : "no") + "\n";
  return csv;
}

Json wide_mlp_spec() {
  Json s = Json::parse(R"({"dataset":{"csv":"big.csv","target":"y","positive":"yes"},
                           "model":{"type":"mlp","hidden":[1024,1024,1024,1024,1024,1024,1024,1024]},
                           "train":{"epochs":1}})");
  return s;
}

TEST(MemoryEstimate, ARunAboveTheCeilingIsRefusedBeforeTraining) {
  lab::RunContext context;
  context.files["big.csv"] = synthetic_csv(20000);
  bool trained = false;
  context.on_progress = [&](const lab::Progress&) {
    trained = true;
    return true;
  };
  try {
    lab::run_experiment(wide_mlp_spec(), context);
    FAIL() << "a run estimated above the limit ran";
  } catch (const lab::Error& e) {
    EXPECT_EQ(e.where().field, "dataset");
    EXPECT_NE(e.message().find("this run needs ~"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("above the 1 GiB limit of the browser engine"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("20000 rows"), std::string::npos) << e.message();
  }
  EXPECT_FALSE(trained) << "the check must come before any training step";
}

TEST(MemoryEstimate, TheSameDataWithASmallModelRuns) {
  lab::RunContext context;
  context.files["big.csv"] = synthetic_csv(20000);
  Json spec = wide_mlp_spec();
  spec["model"]["hidden"] = Json::array({16});
  EXPECT_NO_THROW(lab::run_experiment(spec, context));
}

TEST(MemoryEstimate, GrowsWithRowsColumnsAndModel) {
  const Json logistic = Json::parse(R"({"model":{"type":"logistic_regression"}})");
  const lab::RunSize small{100000, 1000, 12, 20};
  lab::RunSize more_rows = small;
  more_rows.rows *= 10;
  lab::RunSize more_columns = small;
  more_columns.design_columns *= 10;
  const std::size_t base = lab::estimate_run_bytes(small, logistic);
  EXPECT_GT(lab::estimate_run_bytes(more_rows, logistic), base);
  EXPECT_GT(lab::estimate_run_bytes(more_columns, logistic), base);
  EXPECT_GT(lab::estimate_run_bytes(small, Json::parse(R"({"model":{"type":"mlp","hidden":[256,256]}})")), base);
  // A trade-off spec: its largest variant sets the figure.
  const Json tradeoff = Json::parse(R"({"model":{"type":"mlp","hidden":[8]},
                                        "variants":[{"name":"big","model":{"type":"mlp","hidden":[512,512]}}]})");
  EXPECT_GT(lab::estimate_run_bytes(small, tradeoff),
            lab::estimate_run_bytes(small, Json::parse(R"({"model":{"type":"mlp","hidden":[8]}})")));
}

TEST(MemoryEstimate, TheTextAloneGivesRowsAndColumns) {
  const lab::RunSize size = lab::text_run_size("a,b,c,y\n1,2,3,yes\n4,5,6,no\n7,8,9,yes", 0);
  EXPECT_EQ(size.rows, 3u);  // the last line has no line end
  EXPECT_EQ(size.csv_columns, 4u);
  EXPECT_EQ(size.design_columns, 3u);
  EXPECT_EQ(lab::text_run_size("a,b,c,y\n1,2,3,yes\n", 2).design_columns, 2u);
  EXPECT_EQ(lab::text_run_size("", 0).rows, 0u);
}

TEST(MemoryEstimate, BytesAreShownInBinaryUnits) {
  EXPECT_EQ(lab::format_bytes(1u << 30), "1 GiB");
  EXPECT_EQ(lab::format_bytes(1.25 * (1u << 30)), "1.2 GiB");
  EXPECT_EQ(lab::format_bytes(850.0 * (1u << 20)), "850 MiB");
}

}  // namespace
