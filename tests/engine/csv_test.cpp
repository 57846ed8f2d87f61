#include <gtest/gtest.h>

#include "data/csv.hpp"
#include "lab/error.hpp"

using lab::parse_csv;

TEST(Csv, QuotedCommasQuotesAndLineBreaks) {
  auto t = parse_csv("name,note\r\n\"Smith, John\",\"said \"\"hi\"\"\"\r\nA,\"two\nlines\"\n", "x.csv");
  ASSERT_EQ(t.header.size(), 2u);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(*t.rows[0][0], "Smith, John");
  EXPECT_EQ(*t.rows[0][1], "said \"hi\"");
  EXPECT_EQ(*t.rows[1][1], "two\nlines");
  EXPECT_EQ(t.row_lines[1], 3);
}

TEST(Csv, EmptyFieldIsMissingAndBomIsSkipped) {
  auto t = parse_csv("\xEF\xBB\xBF" "a,b\n1,\n", "x.csv");
  EXPECT_EQ(t.header[0], "a");
  EXPECT_TRUE(t.rows[0][0].has_value());
  EXPECT_FALSE(t.rows[0][1].has_value());
}

TEST(Csv, Utf8NamesSurvive) {
  auto t = parse_csv("name\n\"Ködel, Müller\"\n", "x.csv");
  EXPECT_EQ(*t.rows[0][0], "Ködel, Müller");
}

static std::string error_of(const std::string& text) {
  try {
    parse_csv(text, "bad.csv");
  } catch (const lab::Error& e) {
    return e.what();
  }
  return "";
}

TEST(Csv, RaggedRowNamesTheLine) {
  EXPECT_EQ(error_of("a,b\n1,2\n3\n"), "bad.csv:3: row has 1 fields; the header has 2");
}

TEST(Csv, BrokenQuoteNamesWhereItOpened) {
  EXPECT_EQ(error_of("a,b\n1,\"open\n"), "bad.csv:2:3: quoted field is never closed");
}

TEST(Csv, InvalidUtf8IsAnError) {
  EXPECT_NE(error_of("a\n\xff\n").find("invalid UTF-8"), std::string::npos);
}

TEST(Csv, EmptyAndHeaderOnlyFilesAreErrors) {
  EXPECT_NE(error_of("").find("empty CSV"), std::string::npos);
  EXPECT_NE(error_of("a,b\n").find("no data rows"), std::string::npos);
  EXPECT_NE(error_of("a,a\n1,2\n").find("duplicate column name 'a'"), std::string::npos);
}
