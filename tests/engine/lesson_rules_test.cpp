// One test per lesson rule, each on a small broken copy of a valid lesson under
// tests/fixtures/lessons/rules/: the rule fires, at the right file line and column, and says
// what was expected.
#include <gtest/gtest.h>

#include "lab/lesson.hpp"
#include "test_support.hpp"

namespace {

using lab::Diagnostic;
using lab::Json;

struct Parsed {
  Json lesson;
  std::vector<Diagnostic> diagnostics;
};

Parsed parse_fixture(const std::string& name) {
  std::string rel = "tests/fixtures/lessons/rules/" + name;
  Parsed p;
  p.lesson = lab::parse_lesson(lab::test::read_source(rel), rel, p.diagnostics);
  return p;
}

// The fixture gives exactly one diagnostic, an error at line:column whose text holds `words`.
void expect_one_error(const Parsed& p, int line, int column, const std::string& words) {
  ASSERT_EQ(p.diagnostics.size(), 1u) << (p.diagnostics.empty() ? "none" : p.diagnostics[1].str());
  const Diagnostic& d = p.diagnostics[0];
  EXPECT_EQ(d.severity, "error");
  EXPECT_EQ(d.where.line, line) << d.str();
  EXPECT_EQ(d.where.column, column) << d.str();
  EXPECT_NE(d.str().find(words), std::string::npos) << d.str();
}

}  // namespace

TEST(LessonRules, ValidFixtureHasNoDiagnostics) {
  Parsed p = parse_fixture("valid_minimal.md");
  for (const auto& d : p.diagnostics) ADD_FAILURE() << d.str();
  EXPECT_EQ(p.lesson["flashcards"][0], Json({{"term", "Term"}, {"definition", "A word with a definition"}}));
  EXPECT_EQ(p.lesson["video"]["start"], 5);
}

TEST(LessonRules, MissingRequiredField) {
  Parsed p = parse_fixture("missing_title.md");
  expect_one_error(p, 2, 1, "missing required field 'title'");
  EXPECT_TRUE(p.lesson.is_object());  // the rest is still handed back
}

TEST(LessonRules, WrongType) {
  expect_one_error(parse_fixture("wrong_type_duration.md"), 4, 15,
                   "duration_min: expected a whole number, got the text 'ten'");
}

TEST(LessonRules, QuizAnswerOutsideOptions) {
  expect_one_error(parse_fixture("quiz_answer_out_of_range.md"), 20, 13, "expected an index from 0 to 1");
}

TEST(LessonRules, QuizWithFewerThanTwoOptions) {
  expect_one_error(parse_fixture("quiz_one_option.md"), 19, 14, "at least two options");
}

TEST(LessonRules, FlashcardWithoutTermAndDefinition) {
  expect_one_error(parse_fixture("flashcard_without_colon.md"), 23, 5, "'Term: definition'");
}

TEST(LessonRules, VideoStartNotBeforeEnd) {
  expect_one_error(parse_fixture("video_start_after_end.md"), 10, 10,
                   "video start (90 s) must be before its end (65 s)");
}

TEST(LessonRules, UnknownWidgetType) {
  expect_one_error(
      parse_fixture("unknown_widget_type.md"), 13, 11,
      "unknown widget type 'cooking_lab'; expected one of: optimization_lab, performance_tradeoff_explorer");
}

TEST(LessonRules, UnknownFrontMatterKey) {
  expect_one_error(parse_fixture("unknown_key.md"), 5, 1, "unknown field 'author'");
}

TEST(LessonRules, DuplicateKeyIsReportedWhereItRepeats) {
  Parsed p = parse_fixture("duplicate_key.md");
  expect_one_error(p, 7, 1, "duplicate key 'title' (first set at line 3)");
  EXPECT_EQ(p.lesson["title"], "A small valid lesson");  // the first one is kept
}

// Rules that need no file of their own: inline front matter, one rule each.
namespace {
std::vector<Diagnostic> check(const std::string& front_matter) {
  std::vector<Diagnostic> d;
  lab::parse_lesson("---\n" + front_matter + "---\nBody\n", "inline.md", d);
  return d;
}
bool mentions(const std::vector<Diagnostic>& ds, const std::string& words) {
  for (const auto& d : ds)
    if (d.str().find(words) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(LessonRules, NumberWhereTextIsExpectedSuggestsQuotes) {
  auto d = check("id: x\ntitle: 2024\nduration_min: 5\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(mentions(d, "title: expected text, got the integer 2024 (put it in quotes"));
}

TEST(LessonRules, GoalWithColonReadsAsMappingAndSaysSo) {
  auto d = check("id: x\ntitle: T\nduration_min: 5\ngoals:\n  - Note: this is a mapping\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(mentions(d, "goals[0]: expected text, got a mapping"));
  EXPECT_EQ(d[0].where.line, 6);
}

TEST(LessonRules, QuotedFlashcardStringIsAccepted) {
  std::vector<Diagnostic> d;
  Json l =
      lab::parse_lesson("---\nid: x\ntitle: T\nduration_min: 5\nflashcards:\n  - \"Odds: a ratio\"\n---\n", "f.md", d);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(l["flashcards"][0]["term"], "Odds");
}

TEST(LessonRules, NegativeAnswerAndUnknownVideoPlatform) {
  EXPECT_TRUE(
      mentions(check("id: x\ntitle: T\nduration_min: 5\nquiz:\n  - q: Q\n    options: [a, b]\n    answer: -1\n"),
               "answer -1 is not one of the options"));
  EXPECT_TRUE(mentions(check("id: x\ntitle: T\nduration_min: 5\nvideo: {platform: tiktok, id: a}\n"),
                       "unknown video platform 'tiktok'"));
}

TEST(LessonRules, IdsAreSlugsAndALessonIsNotItsOwnPrerequisite) {
  EXPECT_TRUE(mentions(check("id: Big Lesson\ntitle: T\nduration_min: 5\n"), "lowercase letters"));
  EXPECT_TRUE(mentions(check("id: x\ntitle: T\nduration_min: 5\nprereqs: [x]\n"), "its own prerequisite"));
  EXPECT_TRUE(mentions(check("id: x\ntitle: T\nduration_min: 0\n"), "outside 1..600"));
}

TEST(LessonRules, WidgetDataMustNameAJsonFile) {
  EXPECT_TRUE(mentions(
      check("id: x\ntitle: T\nduration_min: 5\nwidgets:\n  - {type: optimization_lab, data: /widgets/x.csv}\n"),
      "should name a .json widget file"));
}
