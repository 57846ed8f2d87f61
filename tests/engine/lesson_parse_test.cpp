// The project's lesson parsed into the structure the web shell reads (a golden test of key
// fields, not a byte dump), and the seed lesson it was written from: same structure, own words.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "lab/lesson.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

const char* kLesson = "lessons/ai-builder-ch3-lesson4.md";

Json parse_clean(const std::string& text, const std::string& name) {
  std::vector<lab::Diagnostic> diagnostics;
  Json lesson = lab::parse_lesson(text, name, diagnostics);
  for (const auto& d : diagnostics) ADD_FAILURE() << d.str();
  return lesson;
}

// The seed lives next to the repository in ../shared/seeds when the workspace has it.
std::string read_seed() {
  std::ifstream in(std::string(LAB_SOURCE_DIR) + "/../shared/seeds/000_ee34e55479a21cff.txt", std::ios::binary);
  if (!in) return "";
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> headings(const Json& lesson) {
  std::vector<std::string> out;
  for (const auto& s : lesson["sections"])
    out.push_back(std::string(s["level"].get<int>(), '#') + " " + s["title"].get<std::string>());
  return out;
}

}  // namespace

TEST(LessonParse, ProjectLessonFrontMatter) {
  Json l = parse_clean(lab::test::read_source(kLesson), kLesson);
  ASSERT_TRUE(l.is_object());
  EXPECT_EQ(l["id"], "ai-builder-ch3-lesson4");
  EXPECT_EQ(l["title"], "Model Optimization Techniques");
  EXPECT_EQ(l["duration_min"], 45);
  EXPECT_EQ(l["prereqs"], Json({"ai-builder-ch3-lesson1", "ai-builder-ch3-lesson2", "ai-builder-ch3-lesson3"}));
  EXPECT_EQ(l["next"], "ai-builder-ch3-lesson5");
  EXPECT_EQ(l["tags"], Json({"intermediate", "optimization", "regularization", "early-stopping", "pruning"}));
  EXPECT_EQ(l["video"], Json({{"platform", "youtube"}, {"id", "7x8R2aJx0a0"}, {"start", 0}, {"end", 720}}));
  ASSERT_EQ(l["widgets"].size(), 2u);
  EXPECT_EQ(l["widgets"][0], Json({{"type", "optimization_lab"}, {"data", "/widgets/optimization_lab.titanic.json"}}));
  EXPECT_EQ(l["widgets"][1],
            Json({{"type", "performance_tradeoff_explorer"}, {"data", "/widgets/performance_tradeoff.titanic.json"}}));
  EXPECT_EQ(l["goals"].size(), 4u);
  EXPECT_EQ(l["reflection"].size(), 2u);
}

TEST(LessonParse, ProjectLessonQuizAndFlashcards) {
  Json l = parse_clean(lab::test::read_source(kLesson), kLesson);
  ASSERT_EQ(l["quiz"].size(), 4u);
  const int answers[] = {1, 0, 1, 1};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(l["quiz"][i]["answer"], answers[i]) << i;
    EXPECT_EQ(l["quiz"][i]["options"].size(), 4u) << i;
    EXPECT_FALSE(l["quiz"][i]["explain"].get<std::string>().empty()) << i;
  }
  EXPECT_EQ(l["quiz"][1]["options"][0], "L1 regularization");
  // "- Term: definition" reaches the shell as {term, definition}, in the written order.
  const char* terms[] = {"Regularization", "L1 Regularization", "L2 Regularization", "Early Stopping",
                         "Dropout",        "Pruning",           "Quantization",      "Learning Rate Schedule"};
  ASSERT_EQ(l["flashcards"].size(), 8u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(l["flashcards"][i]["term"], terms[i]);
    EXPECT_FALSE(l["flashcards"][i]["definition"].get<std::string>().empty());
  }
}

TEST(LessonParse, ProjectLessonBodyAndSections) {
  std::string text = lab::test::read_source(kLesson);
  Json l = parse_clean(text, kLesson);
  std::string body = l["body"];
  EXPECT_EQ(body.rfind("\n## Introduction\n", 0), 0u) << body.substr(0, 40);
  EXPECT_EQ(text.substr(text.size() - body.size()), body);  // the body is the file's tail, untouched
  const Json& s = l["sections"];
  ASSERT_EQ(s.size(), 30u);
  EXPECT_EQ(s[0], Json({{"level", 2}, {"title", "Introduction"}, {"anchor", "introduction"}, {"line", 54}}));
  EXPECT_EQ(s[5]["title"], "Pruning & Quantization");
  EXPECT_EQ(s[5]["anchor"], "pruning--quantization");
  EXPECT_EQ(s[8]["anchor"], "1-monitor-validation-metrics");
  EXPECT_EQ(
      s[12],
      Json({{"level", 2}, {"title", "Interactive Exploration"}, {"anchor", "interactive-exploration"}, {"line", 118}}));
  EXPECT_EQ(s[29]["title"], "References");
  // Section lines are file lines: the heading text is on that line.
  std::istringstream lines(text);
  std::vector<std::string> file_lines;
  for (std::string line; std::getline(lines, line);) file_lines.push_back(line);
  const int heading = s[12]["line"].get<int>();
  ASSERT_GE(heading, 1);
  ASSERT_LE(heading, static_cast<int>(file_lines.size()));
  EXPECT_EQ(file_lines[static_cast<std::size_t>(heading - 1)], "## Interactive Exploration");
}

TEST(LessonParse, SeedLoadsWithoutDiagnostics) {
  std::string seed = read_seed();
  LAB_SKIP_UNLESS_PRESENT(!seed.empty(), "../shared/seeds not present");
  Json l = parse_clean(seed, "000_ee34e55479a21cff.txt");
  ASSERT_TRUE(l.is_object());
  EXPECT_EQ(l["id"], "ai-builder-ch3-lesson4");
  EXPECT_EQ(l["flashcards"].size(), 8u);
  EXPECT_EQ(l["sections"].size(), 30u);
}

TEST(LessonParse, ProjectLessonKeepsTheSeedsStructure) {
  std::string seed_text = read_seed();
  LAB_SKIP_UNLESS_PRESENT(!seed_text.empty(), "../shared/seeds not present");
  Json seed = parse_clean(seed_text, "seed");
  Json ours = parse_clean(lab::test::read_source(kLesson), kLesson);
  for (const char* key : {"id", "title", "duration_min", "prereqs", "tags", "video", "widgets", "next"})
    EXPECT_EQ(ours[key], seed[key]) << key;
  ASSERT_EQ(ours["quiz"].size(), seed["quiz"].size());
  for (std::size_t i = 0; i < seed["quiz"].size(); ++i) {
    EXPECT_EQ(ours["quiz"][i]["answer"], seed["quiz"][i]["answer"]);
    EXPECT_EQ(ours["quiz"][i]["options"].size(), seed["quiz"][i]["options"].size());
  }
  ASSERT_EQ(ours["flashcards"].size(), seed["flashcards"].size());
  for (std::size_t i = 0; i < seed["flashcards"].size(); ++i)
    EXPECT_EQ(ours["flashcards"][i]["term"], seed["flashcards"][i]["term"]);
  EXPECT_EQ(headings(ours), headings(seed));
}

// The lesson is written in the project's own words: no sentence-length line of the seed's
// prose (headings excepted) appears in it, nor any quiz explanation or flashcard definition.
TEST(LessonParse, ProjectLessonDoesNotCopyTheSeedsSentences) {
  std::string seed_text = read_seed();
  LAB_SKIP_UNLESS_PRESENT(!seed_text.empty(), "../shared/seeds not present");
  std::string ours = lab::test::read_source(kLesson);
  std::istringstream lines(seed_text);
  std::string line;
  while (std::getline(lines, line)) {
    std::string t = line.substr(line.find_first_not_of(" -") == std::string::npos ? 0 : line.find_first_not_of(" -"));
    if (t.size() < 30 || t[0] == '#' || t.rfind("options:", 0) == 0 || t.find("http") != std::string::npos) continue;
    bool structural = false;  // fields the lesson must keep identical
    for (const char* key : {"data:", "prereqs:", "tags:", "title:", "type:", "next:"})
      structural = structural || t.rfind(key, 0) == 0;
    if (structural) continue;
    EXPECT_EQ(ours.find(t), std::string::npos) << "copied from the seed: " << t;
  }
  Json seed = parse_clean(seed_text, "seed");
  Json mine = parse_clean(ours, kLesson);
  for (std::size_t i = 0; i < seed["quiz"].size(); ++i)
    EXPECT_NE(mine["quiz"][i]["explain"], seed["quiz"][i]["explain"]);
  for (std::size_t i = 0; i < seed["flashcards"].size(); ++i)
    EXPECT_NE(mine["flashcards"][i]["definition"], seed["flashcards"][i]["definition"]);
}
