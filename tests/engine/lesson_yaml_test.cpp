// YAML edge cases: each gives a result or a clear error, never a crash or an escaped
// exception (fixtures under tests/fixtures/lessons/yaml/, big inputs generated here).
#include <gtest/gtest.h>

#include "lab/lesson.hpp"
#include "test_support.hpp"

namespace {

using lab::Diagnostic;
using lab::Json;

struct Parsed {
  Json lesson;
  std::vector<Diagnostic> diagnostics;
  std::string all() const {
    std::string s;
    for (const auto& d : diagnostics) s += d.str() + "\n";
    return s;
  }
};

Parsed parse_text(const std::string& text, const std::string& name = "inline.md") {
  Parsed p;
  EXPECT_NO_THROW(p.lesson = lab::parse_lesson(text, name, p.diagnostics));
  return p;
}

Parsed parse_fixture(const std::string& name) {
  std::string rel = "tests/fixtures/lessons/yaml/" + name;
  return parse_text(lab::test::read_source(rel), rel);
}

}  // namespace

TEST(LessonYaml, QuotedStringsWithColons) {
  Parsed p = parse_fixture("quoted_colons.md");
  EXPECT_TRUE(p.diagnostics.empty()) << p.all();
  EXPECT_EQ(p.lesson["title"], "Ratios: odds vs. probability");
  EXPECT_EQ(p.lesson["goals"][1], "Step 2: it's time: fit");
  EXPECT_EQ(p.lesson["quiz"][0]["options"][0], "A: the first");
  // A quoted card splits at its first ": ", so the definition keeps later colons.
  EXPECT_EQ(p.lesson["flashcards"][0],
            Json({{"term", "Odds"}, {"definition", "p / (1 - p), the ratio used by logistic regression"}}));
  EXPECT_EQ(p.lesson["flashcards"][1]["term"], "Log-odds");
}

TEST(LessonYaml, MultiLineStrings) {
  Parsed p = parse_fixture("multiline.md");
  EXPECT_TRUE(p.diagnostics.empty()) << p.all();
  EXPECT_EQ(p.lesson["title"], "A folded title over two lines\n");
  EXPECT_EQ(p.lesson["quiz"][0]["q"], "A literal question\nkeeping its line breaks?\n");
  EXPECT_EQ(p.lesson["quiz"][0]["explain"], "Folded text joins the lines with spaces.");
  EXPECT_EQ(p.lesson["reflection"][0], "A quoted string that continues on the next line");
  // Core schema: plain yes/no are text, not YAML 1.1 booleans.
  EXPECT_EQ(p.lesson["quiz"][0]["options"], Json({"yes", "no"}));
}

TEST(LessonYaml, Unicode) {
  Parsed p = parse_fixture("unicode.md");
  EXPECT_TRUE(p.diagnostics.empty()) << p.all();
  EXPECT_EQ(p.lesson["title"], "Régularisation – λ et ℓ₁ 🚢");
  EXPECT_EQ(p.lesson["tags"][1], "日本語");
  EXPECT_EQ(p.lesson["flashcards"][0]["term"], "Überanpassung");
  EXPECT_EQ(p.lesson["sections"][0]["anchor"], "überblick--λ");  // the en dash goes, letters stay
}

TEST(LessonYaml, Comments) {
  Parsed p = parse_fixture("comments.md");
  EXPECT_TRUE(p.diagnostics.empty()) << p.all();
  EXPECT_EQ(p.lesson["id"], "comments");
  EXPECT_EQ(p.lesson["title"], "Not # a comment inside quotes");
  EXPECT_EQ(p.lesson["duration_min"], 25);
  EXPECT_EQ(p.lesson["tags"], Json::array());
  ASSERT_EQ(p.lesson["sections"].size(), 1u);  // "# not a heading" sits in a code block
}

TEST(LessonYaml, WindowsLineEnds) {
  Parsed p = parse_fixture("crlf.md");
  EXPECT_TRUE(p.diagnostics.empty()) << p.all();
  EXPECT_EQ(p.lesson["title"], "Windows line ends");
  EXPECT_EQ(p.lesson["sections"][0]["title"], "Heading");
  EXPECT_EQ(p.lesson["sections"][0]["line"], 6);
}

TEST(LessonYaml, TabIndentationIsAClearError) {
  Parsed p = parse_fixture("tabs.md");
  EXPECT_TRUE(p.lesson.is_null());
  ASSERT_EQ(p.diagnostics.size(), 1u) << p.all();
  EXPECT_EQ(p.diagnostics[0].where.line, 6);
  EXPECT_EQ(p.diagnostics[0].where.column, 1);
  EXPECT_NE(p.all().find("indented with a tab; YAML indents with spaces only"), std::string::npos) << p.all();
}

TEST(LessonYaml, SyntaxErrorHasFileLine) {
  Parsed p = parse_fixture("syntax_error.md");
  EXPECT_TRUE(p.lesson.is_null());
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].where.line, 6);
  EXPECT_NE(p.all().find("tests/fixtures/lessons/yaml/syntax_error.md:6:1: error: YAML syntax error"),
            std::string::npos)
      << p.all();
}

TEST(LessonYaml, EmptyFile) {
  Parsed p = parse_fixture("empty.md");
  EXPECT_TRUE(p.lesson.is_null());
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_NE(p.all().find(":1:1: error: the file is empty"), std::string::npos) << p.all();
  EXPECT_EQ(parse_text("  \n\n").diagnostics.size(), 1u);
}

TEST(LessonYaml, NoFrontMatter) {
  Parsed p = parse_fixture("no_front_matter.md");
  EXPECT_TRUE(p.lesson.is_null());
  EXPECT_NE(p.all().find("no front matter: the first line must be '---'"), std::string::npos) << p.all();
}

TEST(LessonYaml, UnclosedFrontMatter) {
  Parsed p = parse_fixture("unclosed.md");
  EXPECT_TRUE(p.lesson.is_null());
  EXPECT_NE(p.all().find("never closed"), std::string::npos) << p.all();
}

TEST(LessonYaml, EmptyFrontMatter) {
  Parsed p = parse_text("---\n---\nBody\n");
  EXPECT_TRUE(p.lesson.is_null());
  EXPECT_NE(p.all().find("the front matter is empty"), std::string::npos) << p.all();
  Parsed list = parse_text("---\n- a\n- b\n---\n");
  EXPECT_NE(list.all().find("must be a mapping of fields"), std::string::npos) << list.all();
}

// yaml-cpp's YAML::Load follows a self-referencing anchor into endless recursion; the event
// parser sees the alias and reports it instead.
TEST(LessonYaml, AliasIsRejectedNotFollowed) {
  Parsed p = parse_fixture("alias_cycle.md");
  EXPECT_NE(p.all().find("aliases (*name) are not supported"), std::string::npos) << p.all();
}

TEST(LessonYaml, OneMegabyteBodyParses) {
  std::string text = "---\nid: big\ntitle: Big\nduration_min: 5\n---\n";
  while (text.size() < (1u << 20)) text += "## Part\nA paragraph of text with ünïcode, **bold** and `code`.\n";
  Parsed p = parse_text(text);
  EXPECT_TRUE(p.diagnostics.empty()) << p.all().substr(0, 500);
  EXPECT_GT(p.lesson["sections"].size(), 10000u);
  EXPECT_EQ(p.lesson["sections"][1]["anchor"], "part-1");  // repeated titles get GitHub's suffixes
}

TEST(LessonYaml, OneMegabyteWithoutStructureIsAClearError) {
  Parsed one_line = parse_text(std::string(1u << 20, 'x'));
  EXPECT_NE(one_line.all().find("no front matter"), std::string::npos);
  Parsed huge_front = parse_text("---\ntitle: " + std::string(1u << 20, 'x') + "\n---\n");
  EXPECT_NE(huge_front.all().find("the front matter is 1048584 bytes; the limit is 262144"), std::string::npos)
      << huge_front.all();
}

TEST(LessonYaml, DeepNestingStopsEarly) {
  Parsed flow = parse_text("---\ntitle: " + std::string(100000, '[') + "\n---\n");
  EXPECT_NE(flow.all().find("nested more than 64 levels deep"), std::string::npos) << flow.all();
  std::string block = "---\ntitle:\n";
  for (int i = 0; i < 50000; ++i) block += "- ";
  Parsed seq = parse_text(block + "x\n---\n");
  EXPECT_NE(seq.all().find("nested more than 64 levels deep"), std::string::npos) << seq.all();
}

TEST(LessonYaml, BinaryGarbageIsAnError) {
  std::string junk = "---\nid: ";
  for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
  Parsed p = parse_text(junk + "\n---\n");
  EXPECT_FALSE(p.diagnostics.empty());
}

// Found by fuzzing: text that is not UTF-8 reached the JSON, whose dump() then threw.
TEST(LessonYaml, InvalidUtf8IsAnErrorAndNeverReachesTheJson) {
  Parsed p = parse_text("---\nid: x\ntitle: T\nduration_min: 5\nreflection:\n  - \"A quote\xFE\xFF\"\n---\n");
  EXPECT_TRUE(p.lesson.is_null());
  ASSERT_EQ(p.diagnostics.size(), 1u) << p.all();
  EXPECT_EQ(p.diagnostics[0].where.line, 6);
  EXPECT_EQ(p.diagnostics[0].where.column, 13);
  EXPECT_NE(p.all().find("invalid UTF-8 (byte 0xFE)"), std::string::npos) << p.all();
  Parsed escaped = parse_text("---\nid: x\ntitle: \"\\ud800\"\nduration_min: 5\n---\n");
  EXPECT_EQ(escaped.diagnostics.size(), 1u) << escaped.all();  // yaml-cpp itself refuses a lone surrogate
  EXPECT_NO_THROW(escaped.lesson.dump());
  for (const auto& d : escaped.diagnostics) EXPECT_NO_THROW(d.to_json().dump());
}

TEST(LessonYaml, LongUnicodeValuesAreCutAtCharacterBoundariesInMessages) {
  std::string title;
  for (int i = 0; i < 40; ++i) title += "é";
  Parsed p = parse_text("---\nid: x\ntitle: T\nduration_min: " + title + "\n---\n");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_NO_THROW(p.diagnostics[0].to_json().dump());
}

TEST(LessonYaml, ByteOrderMarkIsSkipped) {
  Parsed p = parse_text("\xEF\xBB\xBF---\nid: bom\ntitle: T\nduration_min: 5\n---\n");
  EXPECT_TRUE(p.diagnostics.empty()) << p.all();
  EXPECT_EQ(p.lesson["id"], "bom");
}

TEST(LessonYaml, NonTextKeysAndDuplicateNestedKeys) {
  Parsed complex = parse_text("---\nid: k\ntitle: T\nduration_min: 5\n? [a, b]\n: 1\n---\n");
  EXPECT_NE(complex.all().find("mapping keys must be plain text"), std::string::npos) << complex.all();
  Parsed nested =
      parse_text("---\nid: k\ntitle: T\nduration_min: 5\nvideo:\n  platform: youtube\n  id: a\n  id: b\n---\n");
  ASSERT_EQ(nested.diagnostics.size(), 1u) << nested.all();
  EXPECT_EQ(nested.diagnostics[0].where.line, 8);
  EXPECT_EQ(nested.diagnostics[0].where.column, 3);
  EXPECT_EQ(nested.diagnostics[0].where.field, "video.id");
}

// Every prefix of a real lesson (a cheap stand-in for fuzzing): truncation anywhere gives a
// result or diagnostics, never an exception.
TEST(LessonYaml, EveryTruncationOfTheSeedFormatIsHandled) {
  std::string text = lab::test::read_source("tests/fixtures/lessons/rules/valid_minimal.md");
  for (std::size_t n = 0; n <= text.size(); ++n) {
    std::vector<Diagnostic> d;
    EXPECT_NO_THROW(lab::parse_lesson(text.substr(0, n), "cut.md", d)) << n;
  }
}

// Found by fuzzing (fuzz_lesson): a key that yaml-cpp decodes to bytes that are not UTF-8 was
// kept as a mapping key, and writing the lesson out as JSON threw. The key is now reported and
// kept with U+FFFD in place of the bad bytes, so the lesson and its diagnostics stay writable.
TEST(LessonYaml, KeysThatDecodeToInvalidUtf8AreReportedAndStayWritable) {
  const std::string text(
      "---\nid: a\nid\x03N4YAML15ParserEN4YAMLaer and` its predML15ParserEu\x00N4YAMLaer and` its predictions "
      "faster\", ionE: T\n: T\n---\nbody\n",
      125);
  Parsed p = parse_text(text, "fuzz.md");
  EXPECT_NE(p.all().find("invalid UTF-8"), std::string::npos) << p.all();
  EXPECT_NO_THROW((void)p.lesson.dump());
  for (const auto& d : p.diagnostics) EXPECT_NO_THROW((void)d.to_json().dump());
}
