// Widget files: the project's two validate; each widget rule fires on a one-change copy of the
// optimization lab; spec errors from lab::normalize_spec are mapped onto file positions.
#include <gtest/gtest.h>

#include <algorithm>

#include "lab/lesson.hpp"
#include "test_support.hpp"

namespace {

using lab::Diagnostic;
using lab::Json;

Json lab_spec() { return Json::parse(lab::test::read_source("widgets/optimization_lab.titanic.json")); }
Json tradeoff_spec() { return Json::parse(lab::test::read_source("widgets/performance_tradeoff.titanic.json")); }

std::string all(const std::vector<Diagnostic>& ds) { return lab::test::diagnostics_text(ds); }
int errors(const std::vector<Diagnostic>& ds) { return lab::test::error_count(ds); }

std::vector<Diagnostic> check(const Json& spec) { return lab::validate_widget(spec.dump(2), "w.json"); }

// Exactly one error, whose field and text are as given.
void expect_error(const Json& spec, const std::string& field, const std::string& words) {
  auto ds = check(spec);
  ASSERT_EQ(errors(ds), 1) << all(ds);
  for (const auto& d : ds) {
    if (d.severity != "error") continue;
    EXPECT_EQ(d.where.field, field) << d.str();
    EXPECT_NE(d.message.find(words), std::string::npos) << d.str();
    EXPECT_GT(d.where.line, 0) << d.str();
  }
}

Json& panel(Json& spec, const std::string& id) {
  for (auto& p : spec["widget"]["panels"])
    if (p["id"] == id) return p;
  throw std::runtime_error("no panel " + id);
}

}  // namespace

TEST(LessonWidget, ProjectWidgetFilesValidate) {
  for (const char* f : {"widgets/optimization_lab.titanic.json", "widgets/performance_tradeoff.titanic.json"}) {
    auto ds = lab::validate_widget(lab::test::read_source(f), f);
    EXPECT_EQ(errors(ds), 0) << all(ds);
  }
  EXPECT_TRUE(lab::validate_widget(lab::test::read_source("widgets/optimization_lab.titanic.json"), "x").empty());
}

TEST(LessonWidget, InvalidJsonGivesLineAndColumn) {
  auto ds = lab::validate_widget("{\n  \"a\": 1,\n  \"b\": \n}\n", "bad.json");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].where.line, 4);
  EXPECT_EQ(ds[0].where.column, 1);
  EXPECT_NE(ds[0].str().find("bad.json:4:1: error: invalid JSON: syntax error"), std::string::npos) << ds[0].str();
}

TEST(LessonWidget, DuplicateJsonKeyIsAnError) {
  auto ds = lab::validate_widget("{\n  \"widget\": {},\n  \"widget\": {}\n}", "dup.json");
  ASSERT_FALSE(ds.empty());
  EXPECT_EQ(ds[0].where.line, 3);
  EXPECT_EQ(ds[0].where.column, 3);
  EXPECT_NE(ds[0].message.find("duplicate key 'widget'"), std::string::npos) << all(ds);
}

TEST(LessonWidget, MissingWidgetSection) {
  Json s = lab_spec();
  s.erase("widget");
  expect_error(s, "", "needs a \"widget\" section");
}

TEST(LessonWidget, UnknownWidgetType) {
  Json s = lab_spec();
  s["widget"]["type"] = "cooking_lab";
  expect_error(s, "widget.type", "unknown widget type 'cooking_lab'");
}

TEST(LessonWidget, UnknownWidgetField) {
  Json s = lab_spec();
  s["widget"]["colour"] = "red";
  expect_error(s, "widget.colour", "unknown field 'colour'");
}

// normalize_spec names a dotted field; the diagnostic points at that value in the text.
TEST(LessonWidget, SpecErrorIsLocatedInTheFile) {
  std::string text = lab::test::read_source("widgets/optimization_lab.titanic.json");
  std::string from = "\"model\": { \"type\": \"logistic_regression\", \"lambda\": 0.01,";
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "\"model\": { \"type\": \"logistic_regression\", \"lambda\": -3,");
  auto ds = lab::validate_widget(text, "w.json");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_EQ(ds[0].where.field, "model.lambda");
  EXPECT_EQ(ds[0].where.line, 12);  // the model line, after "$schema" and the dataset lines
  EXPECT_EQ(ds[0].where.column, 55);
  EXPECT_NE(ds[0].message.find("-3"), std::string::npos) << ds[0].str();
}

TEST(LessonWidget, UnknownSpecOption) {
  Json s = lab_spec();
  s["train"]["learning_rat"] = 0.1;
  expect_error(s, "train.learning_rat", "unknown option");
}

TEST(LessonWidget, ExperimentErrorPointsInsideItsPatch) {
  Json s = lab_spec();
  s["experiments"]["dropout"]["model"]["dropout"] = 1.5;
  expect_error(s, "experiments.dropout.model.dropout", "1.5");
}

TEST(LessonWidget, ExperimentMustBeAnObject) {
  Json s = lab_spec();
  s["experiments"]["dropout"] = 3;
  std::string text = s.dump(2);
  auto ds = lab::validate_widget(text, "w.json");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_EQ(ds[0].where.field.rfind("experiments.dropout", 0), 0u) << ds[0].str();
  // Located at the experiment's value: the line holding "dropout": 3.
  std::size_t at = text.find("\"dropout\": 3");
  EXPECT_EQ(ds[0].where.line, 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'))) << ds[0].str();
}

TEST(LessonWidget, ControlForUnknownOption) {
  Json s = lab_spec();
  panel(s, "early_stopping")["controls"][1]["option"] = "train.early_stopping.min_delt";
  expect_error(s, "widget.panels[2].controls[1].option",
               "no engine option 'min_delt' in 'train.early_stopping'; known: monitor");
  Json t = lab_spec();
  panel(t, "dropout")["controls"][0]["option"] = "model.dropuot";
  auto ds = check(t);
  EXPECT_NE(all(ds).find("no model type declares 'dropuot'"), std::string::npos) << all(ds);
}

TEST(LessonWidget, ControlRangeMustLieInsideTheDeclaredRange) {
  Json s = lab_spec();
  panel(s, "dropout")["controls"][0]["max"] = 1.5;
  expect_error(s, "widget.panels[1].controls[0].max", "outside the engine's range [0, 1)");
}

TEST(LessonWidget, ControlMustFitTheExperimentsModel) {
  Json s = lab_spec();
  panel(s, "regularization")["controls"].push_back(
      {{"option", "model.dropout"}, {"label", "x"}, {"min", 0}, {"max", 0.5}});
  expect_error(s, "widget.panels[0].controls[2].option", "model type 'logistic_regression'");
  Json t = lab_spec();
  panel(t, "regularization")["controls"][0]["option"] = "model.mlp.dropout";
  auto ds = check(t);
  EXPECT_NE(all(ds).find("is for model type 'mlp', but this experiment's model type is 'logistic_regression'"),
            std::string::npos)
      << all(ds);
}

TEST(LessonWidget, ExperimentValueMustBeReachableByItsControl) {
  Json s = lab_spec();
  panel(s, "schedules")["controls"][2]["max"] = 0.9;
  expect_error(s, "widget.panels[3].controls[2]",
               "experiment 'schedule_exponential' starts at train.schedule.gamma = 0.97");
}

TEST(LessonWidget, LogScaleNeedsPositiveMinAndMinBelowMax) {
  Json s = lab_spec();
  panel(s, "schedules")["controls"][0]["min"] = 0;
  auto ds = check(s);
  EXPECT_NE(all(ds).find("a log-scale control needs min above 0"), std::string::npos) << all(ds);
  Json t = lab_spec();
  panel(t, "dropout")["controls"][0]["min"] = 0.6;
  panel(t, "dropout")["controls"][0]["max"] = 0.4;
  EXPECT_NE(all(check(t)).find("min (0.6) must be below max (0.4)"), std::string::npos) << all(check(t));
}

TEST(LessonWidget, WholeNumberOptionsNeedWholeBoundsAndSteps) {
  Json s = lab_spec();
  panel(s, "early_stopping")["controls"][0]["step"] = 0.5;
  expect_error(s, "widget.panels[2].controls[0].step", "is a whole number; step 0.5 is not");
}

TEST(LessonWidget, ListOptionCannotBeAControl) {
  Json s = lab_spec();
  panel(s, "dropout")["controls"].push_back({{"option", "model.hidden"}, {"label", "layers"}});
  expect_error(s, "widget.panels[1].controls[1].option", "cannot be a control");
}

TEST(LessonWidget, ChoiceControlsOnlyOfferDeclaredChoices) {
  Json s = lab_spec();
  panel(s, "dropout")["controls"].push_back(
      {{"option", "model.activation"}, {"label", "a"}, {"choices", {"relu", "gelu"}}});
  expect_error(s, "widget.panels[1].controls[1].choices[1]", "does not accept 'gelu'");
}

TEST(LessonWidget, PresetsStayInsideTheirControls) {
  Json s = lab_spec();
  panel(s, "dropout")["presets"][2]["set"]["model.dropout"] = 0.9;
  expect_error(s, "widget.panels[1].presets[2].set.model.dropout", "outside the control's range [0, 0.8]");
  Json t = lab_spec();
  panel(t, "dropout")["presets"][0]["set"]["train.epochs"] = 5;
  expect_error(t, "widget.panels[1].presets[0].set.train.epochs", "has no control here");
  Json u = lab_spec();
  panel(u, "batchnorm_weight_decay")["presets"][0]["set"]["model.batch_norm"] = 1;
  expect_error(u, "widget.panels[4].presets[0].set.model.batch_norm", "expected true or false");
}

TEST(LessonWidget, PanelsNameExistingExperimentsAndKnownCharts) {
  Json s = lab_spec();
  panel(s, "dropout")["experiments"][1] = "drop_out";
  auto ds = check(s);
  EXPECT_NE(all(ds).find("no experiment 'drop_out'"), std::string::npos) << all(ds);
  Json t = lab_spec();
  panel(t, "dropout")["chart"] = "pie";
  expect_error(t, "widget.panels[1].chart", "unknown chart 'pie'");
}

TEST(LessonWidget, OptimizationLabNeedsExperiments) {
  Json s = lab_spec();
  s.erase("experiments");
  for (auto& p : s["widget"]["panels"]) p["experiments"] = Json::array();
  auto ds = check(s);
  EXPECT_NE(all(ds).find("needs a non-empty \"experiments\" map"), std::string::npos) << all(ds);
}

TEST(LessonWidget, TradeoffNeedsVariantsScenariosAndKnownAxes) {
  Json s = tradeoff_spec();
  s["variants"] = Json::array();
  auto ds = check(s);
  EXPECT_NE(all(ds).find("needs a non-empty \"variants\" list"), std::string::npos) << all(ds);
  Json e = tradeoff_spec();
  e["scenarios"] = Json::array();
  EXPECT_NE(all(check(e)).find("an empty \"scenarios\" list"), std::string::npos) << all(check(e));
  Json t = tradeoff_spec();
  t["widget"]["default_scenario"] = "mobile";
  expect_error(t, "widget.default_scenario", "no scenario named 'mobile'");
  Json u = tradeoff_spec();
  u["widget"]["axes"]["x"] = "speed";
  expect_error(u, "widget.axes.x", "unknown metric 'speed'");
  Json v = tradeoff_spec();
  v["variants"][1]["name"] = v["variants"][0]["name"];
  expect_error(v, "variants[1].name", "Logistic regression");  // reported once, by whichever side knows
}

// Without a "scenarios" list the engine's defaults apply, and default_scenario names one of them.
TEST(LessonWidget, TradeoffDefaultScenariosCount) {
  Json s = tradeoff_spec();
  s.erase("scenarios");
  s["widget"]["default_scenario"] = "edge";
  auto ds = check(s);
  EXPECT_EQ(errors(ds), 0) << all(ds);
}

// Trade-off controls are relative to one variant: "compress.quantize.bits" is checked against
// the declaration of variants[].compress.quantize.bits.
TEST(LessonWidget, TradeoffControlsFitTheDeclaredCompressOptions) {
  Json s = tradeoff_spec();
  s["widget"]["controls"][1]["min"] = 4;
  expect_error(s, "widget.controls[1].min", "min 4 is outside the engine's range [8, 16]");
  Json t = tradeoff_spec();
  t["widget"]["controls"][0]["option"] = "compress.prune.sparsty";
  expect_error(t, "widget.controls[0].option", "no engine option 'sparsty' in 'variants.compress.prune'");
}

// The run setup: controls over the spec itself and the MLP sizes the learner chooses from,
// each size checked by the engine's own rules for model.hidden.
TEST(LessonWidget, TradeoffSetupAndModelSizes) {
  Json s = tradeoff_spec();
  s["widget"]["setup"][0]["max"] = 1e9;
  expect_error(s, "widget.setup[0].max", "outside the engine's range [0, 200000] for 'latency.batch_rows'");
  Json t = tradeoff_spec();
  t["widget"]["model_sizes"][2]["hidden"] = Json::array({0, 5});
  expect_error(t, "widget.model_sizes[2].hidden", "value 0 is outside [1, 1024] (model.hidden[0])");
  Json u = tradeoff_spec();
  u["widget"]["model_sizes"].erase(1);  // the file's own 128-128
  expect_error(u, "widget.model_sizes", "none of the sizes is the spec's own model.hidden [128,128]");
  Json v = tradeoff_spec();
  v["widget"]["model_sizes"][0]["name"] = v["widget"]["model_sizes"][1]["name"];
  expect_error(v, "widget.model_sizes[1].name", "is used twice");
  Json w = tradeoff_spec();
  w["model"] = {{"type", "decision_tree"}};
  expect_error(w, "widget.model_sizes", "this spec's model is 'decision_tree'");
}

// A variant's "model" is a free-form patch the engine checks when it runs, so a control on it
// cannot be compared with a declaration: a warning, and the control must bring its own bounds.
TEST(LessonWidget, ControlsOnFreeFormSectionsNeedTheirOwnBounds) {
  Json s = tradeoff_spec();
  s["widget"]["controls"].push_back({{"option", "model.dropout"}, {"label", "dropout"}, {"min", 0}});
  auto ds = check(s);
  EXPECT_EQ(errors(ds), 1) << all(ds);
  EXPECT_NE(all(ds).find("does not declare 'variants.model.dropout'"), std::string::npos) << all(ds);
  EXPECT_NE(all(ds).find("needs its own min and max"), std::string::npos) << all(ds);
}

// Found by fuzzing: nlohmann's parse error quotes the bad bytes it read, and a diagnostic
// holding them could not be written out as JSON.
TEST(LessonWidget, DiagnosticsStayValidUtf8) {
  auto ds = lab::validate_widget("{\"widget\": {\"type\": \"lab\xFF\xFF\"}}", "bad\xFE.json");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NO_THROW(ds[0].to_json().dump()) << ds[0].str();
  EXPECT_NE(ds[0].message.find("\xEF\xBF\xBD"), std::string::npos) << ds[0].str();
}

TEST(LessonWidget, OddInputsGiveDiagnosticsNotExceptions) {
  for (std::string text : std::vector<std::string>{
           "", "null", "[]", "1e999", "\"x\"", "{\"widget\": null}", "{\"dataset\": 3, \"widget\": 4}",
           std::string(100000, '[') + std::string(100000, ']'), std::string("{\"a\":\"\xff\"}")}) {
    std::vector<Diagnostic> ds;
    EXPECT_NO_THROW(ds = lab::validate_widget(text, "odd.json")) << text.substr(0, 20);
    EXPECT_GT(errors(ds), 0) << text.substr(0, 20);
  }
}

TEST(LessonWidget, NoticeTemplatesUseTheChartsDeclaredValues) {
  Json s = lab_spec();
  panel(s, "dropout")["notice"] = "Gap {reference_gap} -> {compared_gap}; validation {compared_val_score}.";
  panel(s, "dropout")["labels"] = {{"no_dropout", "Plain network"}, {"dropout", "With dropout"}};
  panel(s, "regularization")["notice"] = "{penalty} at {lambda} keeps {nonzero} of {features}.";
  s["widget"]["panels"][3]["notice"] = "{best} ends lowest ({best_val_loss}).";
  EXPECT_EQ(errors(check(s)), 0) << all(check(s));

  Json unknown = lab_spec();
  panel(unknown, "dropout")["notice"] = "Gap {reference_gapp}.";
  expect_error(unknown, "widget.panels[1].notice", "{reference_gapp} is not a value a loss_curves notice can show");

  Json single = lab_spec();  // the early-stopping panel shows one experiment
  panel(single, "early_stopping")["experiments"] = Json::array({"early_stopping"});
  panel(single, "early_stopping").erase("labels");
  single["experiments"].erase("no_early_stopping");
  panel(single, "early_stopping")["notice"] = "{compared_epochs}";
  expect_error(single, "widget.panels[2].notice", "{compared_epochs} needs a second experiment");

  Json open = lab_spec();
  panel(open, "dropout")["notice"] = "Gap {reference_gap.";
  expect_error(open, "widget.panels[1].notice", "unbalanced '{' at character 5");

  Json label = lab_spec();
  panel(label, "dropout")["labels"] = {{"schedule_step", "Step"}};
  expect_error(label, "widget.panels[1].labels.schedule_step", "the panel shows no experiment 'schedule_step'");

  Json tradeoff = tradeoff_spec();
  tradeoff["widget"]["notice"] = "{scenario}: {choice} ({choice_latency}, {choice_size}).";
  EXPECT_EQ(errors(check(tradeoff)), 0) << all(check(tradeoff));
  tradeoff["widget"]["notice"] = "{lambda}";
  expect_error(tradeoff, "widget.notice", "{lambda} is not a value a tradeoff notice can show");
}
