// Translations: a lesson in another language (lessons/ID.LANG.md) keeps the original's id,
// quiz shape and answers and widgets; a widget text file (widgets/i18n/STEM.LANG.json) covers
// every string of its widget file a learner reads and keeps notice placeholders; the catalog
// lists translations that exist. Each bad file gives one error at the field, naming the value.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lab/lesson.hpp"
#include "lab/widget_file.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using lab::Diagnostic;
using lab::Json;
using lab::test::read_source;

std::string all(const std::vector<Diagnostic>& ds) { return lab::test::diagnostics_text(ds); }
int errors(const std::vector<Diagnostic>& ds) { return lab::test::error_count(ds); }

const char* kOriginal = R"(---
id: intro-lesson
title: Introduction
duration_min: 10
quiz:
  - q: One?
    options: ["a", "b", "c"]
    answer: 2
  - q: Two?
    options: ["a", "b"]
    answer: 0
---
## Start
Text.
)";

// A small site in a fresh folder: lessons/ and widgets/ written by each test.
class TranslationSite : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("lab-translation-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "lessons");
    fs::create_directories(root_ / "widgets" / "i18n");
    write("lessons/intro-lesson.md", kOriginal);
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& relative, const std::string& text) {
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }
  std::string path(const std::string& relative) const { return (root_ / relative).string(); }
  std::vector<Diagnostic> validate(const std::string& relative) {
    return lab::validate_paths({path(relative)}, root_.string());
  }
  // The original with `from` replaced by `to` (and a German title and lang).
  static std::string german(const std::string& from = "", const std::string& to = "") {
    std::string text = kOriginal;
    text.replace(text.find("title: Introduction"), 19, "title: Einführung\nlang: de");
    if (!from.empty()) text.replace(text.find(from), from.size(), to);
    return text;
  }

  fs::path root_;
};

}  // namespace

TEST_F(TranslationSite, AFaithfulTranslationIsClean) {
  write("lessons/intro-lesson.de.md", german());
  auto ds = validate("lessons/intro-lesson.de.md");
  EXPECT_EQ(errors(ds), 0) << all(ds);
  std::vector<Diagnostic> parse;
  Json lesson = lab::parse_lesson(german(), "intro-lesson.de.md", parse);
  EXPECT_EQ(lesson["lang"], "de");
  EXPECT_EQ(lab::parse_lesson(kOriginal, "intro-lesson.md", parse)["lang"], "en");
}

TEST_F(TranslationSite, AChangedAnswerIsNamedAtItsLine) {
  write("lessons/intro-lesson.de.md", german("answer: 0", "answer: 1"));
  auto ds = validate("lessons/intro-lesson.de.md");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_NE(all(ds).find("intro-lesson.de.md:12:13: error: quiz[1].answer: answer 1 of question 2 differs from "
                         "intro-lesson.md's 0"),
            std::string::npos)
      << all(ds);
}

TEST_F(TranslationSite, AMissingOptionOrQuestionIsNamed) {
  write("lessons/intro-lesson.de.md", german(R"(["a", "b"])", R"(["a", "b", "c"])"));
  auto ds = validate("lessons/intro-lesson.de.md");
  EXPECT_NE(all(ds).find("quiz[1].options: question 2 has 3 options, intro-lesson.md has 2"), std::string::npos)
      << all(ds);
  const std::string text = german();
  write("lessons/intro-lesson.de.md", text.substr(0, text.find("  - q: Two?")) + "---\n## Start\n");
  ds = validate("lessons/intro-lesson.de.md");
  EXPECT_NE(all(ds).find("quiz: the translation has 1 quiz question, intro-lesson.md has 2"), std::string::npos)
      << all(ds);
}

TEST_F(TranslationSite, LanguageAndIdMustAgreeWithTheFileName) {
  write("lessons/intro-lesson.fr.md", german());
  auto ds = validate("lessons/intro-lesson.fr.md");
  EXPECT_NE(all(ds).find("lang: the file name says the language is 'fr' but lang is 'de'"), std::string::npos)
      << all(ds);
  write("lessons/intro-lesson.de.md", german("id: intro-lesson", "id: other-lesson"));
  ds = validate("lessons/intro-lesson.de.md");
  EXPECT_NE(all(ds).find("id: a translation keeps the original's id"), std::string::npos) << all(ds);
  write("lessons/intro-lesson.es.md", german("lang: de", "lang: es_ES"));
  ds = validate("lessons/intro-lesson.es.md");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_NE(all(ds).find("lang: lang 'es_ES' is not a language tag"), std::string::npos) << all(ds);
}

TEST_F(TranslationSite, ATranslationOfNoLessonIsAnError) {
  write("lessons/missing.de.md", german("id: intro-lesson", "id: missing"));
  auto ds = validate("lessons/missing.de.md");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_NE(all(ds).find("a translation (ID.LANG.md) of a lesson that does not exist"), std::string::npos) << all(ds);
}

TEST_F(TranslationSite, TheCatalogListsTranslationsThatExist) {
  write("lessons/intro-lesson.de.md", german());
  const std::string catalog = R"({"title": "C", "lessons": [
    {"id": "intro-lesson", "title": "Introduction", "duration_min": 10, "path": "/lessons/intro-lesson.md",
     "translations": [{"lang": "de", "title": "Einführung", "path": "/lessons/intro-lesson.de.md"},
                      {"lang": "es", "title": "Introducción", "path": "/lessons/intro-lesson.es.md"}]}]})";
  write("lessons/index.json", catalog);
  auto ds = validate("lessons/index.json");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_NE(all(ds).find("translations[1].path: translation '/lessons/intro-lesson.es.md' not found"),
            std::string::npos)
      << all(ds);
  std::vector<Diagnostic> parse;
  Json parsed = lab::parse_catalog(catalog, "index.json", parse);
  ASSERT_EQ(parsed["lessons"][0]["translations"].size(), 2u);
  EXPECT_EQ(parsed["lessons"][0]["translations"][0]["title"], "Einführung");
}

TEST_F(TranslationSite, AWidgetTextTemplateOfTheLessonsWidgetIsClean) {
  for (const char* name : {"optimization_lab.titanic.json", "performance_tradeoff.titanic.json"}) {
    const std::string widget = read_source(std::string("widgets/") + name);
    write(std::string("widgets/") + name, widget);
    Json text = lab::widget_text_template(widget, name, "de");
    EXPECT_GT(text["text"].size(), 10u) << name;
    EXPECT_TRUE(text["text"].contains("/widget/title")) << name;
    const std::string stem = std::string(name).substr(0, std::string(name).size() - 5);
    write("widgets/i18n/" + stem + ".de.json", text.dump(2));
    auto ds = validate("widgets/i18n/" + stem + ".de.json");
    EXPECT_EQ(errors(ds), 0) << all(ds);
  }
}

TEST_F(TranslationSite, AWidgetTextFileMustCoverEveryStringAndKeepPlaceholders) {
  const std::string widget = read_source("widgets/optimization_lab.titanic.json");
  write("widgets/optimization_lab.titanic.json", widget);
  Json text = lab::widget_text_template(widget, "optimization_lab.titanic.json", "de");
  text["text"].erase("/widget/panels/1/title");
  text["text"]["/widget/panels/0/notice"] = "Bei λ = {lambda} bleiben {kept} Merkmale";
  text["text"]["/widget/panels/9/title"] = "Gibt es nicht";
  write("widgets/i18n/optimization_lab.titanic.de.json", text.dump(2));
  auto ds = validate("widgets/i18n/optimization_lab.titanic.de.json");
  const std::string out = all(ds);
  EXPECT_EQ(errors(ds), 3) << out;
  EXPECT_NE(out.find("key '/widget/panels/1/title' is missing: optimization_lab.titanic.json has 'Dropout' there"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("key '/widget/panels/0/notice' has placeholders {kept}, {lambda}, the original"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("key '/widget/panels/9/title' is not a translatable string of optimization_lab.titanic.json"),
            std::string::npos)
      << out;
  // Every error names the file and a line of it.
  for (const auto& d : ds) EXPECT_GT(d.where.line, 0) << d.str();
}

TEST_F(TranslationSite, AWidgetTextFileNamesItsLanguage) {
  const std::string widget = read_source("widgets/optimization_lab.titanic.json");
  write("widgets/optimization_lab.titanic.json", widget);
  write("widgets/i18n/optimization_lab.titanic.json",
        lab::widget_text_template(widget, "optimization_lab.titanic.json", "de").dump(2));
  auto ds = validate("widgets/i18n/optimization_lab.titanic.json");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_NE(all(ds).find("names no language"), std::string::npos) << all(ds);
  write("widgets/i18n/optimization_lab.titanic.fr.json",
        lab::widget_text_template(widget, "optimization_lab.titanic.json", "de").dump(2));
  ds = validate("widgets/i18n/optimization_lab.titanic.fr.json");
  ASSERT_EQ(errors(ds), 1) << all(ds);
  EXPECT_NE(all(ds).find("the file name says the language is 'fr' but lang is 'de'"), std::string::npos) << all(ds);
}

// validate_widget_text: the same check on texts, for a caller that has both files in hand (the
// live preview, on the site's own engine), with the same messages as validating the files.
TEST(WidgetTextTexts, CheckedAsTheFilesAre) {
  const std::string widget = lab::test::read_source("widgets/optimization_lab.titanic.json");
  Json text = lab::widget_text_template(widget, "optimization_lab.titanic.json", "de");
  std::vector<Diagnostic> ds;
  EXPECT_TRUE(lab::validate_widget_text(text.dump(2), "optimization_lab.titanic.de.json", widget,
                                        "widgets/optimization_lab.titanic.json", ds));
  EXPECT_TRUE(ds.empty());
  text["text"].erase("/widget/panels/1/title");
  EXPECT_FALSE(lab::validate_widget_text(text.dump(2), "optimization_lab.titanic.de.json", widget,
                                         "widgets/optimization_lab.titanic.json", ds));
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].where.file, "optimization_lab.titanic.de.json");
  EXPECT_GT(ds[0].where.line, 0);
  EXPECT_NE(ds[0].message.find("key '/widget/panels/1/title' is missing: optimization_lab.titanic.json has 'Dropout'"),
            std::string::npos)
      << ds[0].str();
  ds.clear();
  EXPECT_FALSE(lab::validate_widget_text(text.dump(2), "optimization_lab.titanic.json", widget,
                                         "optimization_lab.titanic.json", ds));
  ASSERT_FALSE(ds.empty());
  EXPECT_NE(ds[0].message.find("names no language"), std::string::npos) << ds[0].str();
  ds.clear();
  EXPECT_FALSE(lab::validate_widget_text("{ not json", "x.de.json", widget, "x.json", ds));
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].where.line, 1);
}
