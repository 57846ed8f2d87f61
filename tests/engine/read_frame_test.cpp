// read_frame (the CSV straight into typed columns, what a run uses) against the two steps it
// replaces, make_frame(parse_csv(text)): the same columns, types, values, missing flags and
// lines on every kind of table, and the same error for every kind of bad one.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "data/csv.hpp"
#include "data/table.hpp"
#include "lab/error.hpp"

namespace {

const auto kEveryColumn = [](const std::vector<std::string>& header) { return header; };

// What make_frame(parse_csv(text)) gives, or its error's text.
struct Outcome {
  lab::Frame frame;
  std::string error;
};

Outcome two_steps(const std::string& text, const lab::ColumnSelector& select) {
  try {
    const lab::CsvTable csv = lab::parse_csv(text, "t.csv");
    return {lab::make_frame(csv, select(csv.header), "t.csv"), ""};
  } catch (const lab::Error& e) {
    return {{}, e.what()};
  }
}

Outcome one_step(const std::string& text, const lab::ColumnSelector& select) {
  try {
    return {lab::read_frame(text, "t.csv", select), ""};
  } catch (const lab::Error& e) {
    return {{}, e.what()};
  }
}

void expect_same(const std::string& text, const lab::ColumnSelector& select = kEveryColumn) {
  SCOPED_TRACE(text);
  const Outcome want = two_steps(text, select), got = one_step(text, select);
  ASSERT_EQ(got.error, want.error);
  if (!want.error.empty()) return;
  EXPECT_EQ(got.frame.file, want.frame.file);
  EXPECT_EQ(got.frame.lines, want.frame.lines);
  ASSERT_EQ(got.frame.columns.size(), want.frame.columns.size());
  for (std::size_t c = 0; c < want.frame.columns.size(); ++c) {
    const lab::Column& w = want.frame.columns[c];
    const lab::Column& g = got.frame.columns[c];
    SCOPED_TRACE(w.name);
    EXPECT_EQ(g.name, w.name);
    EXPECT_EQ(g.numeric, w.numeric);
    EXPECT_EQ(g.missing, w.missing);
    EXPECT_EQ(g.text, w.text);
    ASSERT_EQ(g.number.size(), w.number.size());
    for (std::size_t r = 0; r < w.number.size(); ++r)  // bit for bit (NaN where missing)
      EXPECT_EQ(std::memcmp(&g.number[r], &w.number[r], sizeof(double)), 0) << "row " << r;
  }
}

}  // namespace

TEST(ReadFrame, NumbersCategoriesAndMissingValuesAsTheTwoStepsReadThem) {
  expect_same("a,b,c\n1,x,2.5\n2,y,\n,z,-1e3\n3,,0.1\n");
  expect_same(
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r\n3,4\r\n");                                                       // BOM, CRLF
  expect_same("name,note\n\"Smith, John\",\"said \"\"hi\"\"\"\nA,\"two\nlines\"\n");  // quotes, a line break inside
  expect_same("a,b\n1,2\n\n3,4\n\n");                                                 // blank lines skipped
  expect_same("a,b\n,1\n,2\n,3\n");                                                   // a column with no value at all
  expect_same("a,b\n,1\nx,2\n,3\n1,4\n");                  // first value text after empty rows
  expect_same("a,b\n1,1\nx,2\ny,3\nz,4\n");                // a number first, then mostly text
  expect_same("a,b\n1,1\n2,2\nx,3\n");                     // mostly numbers: an error at its line
  expect_same("a\n0x10\n 5\ninf\n1e400\n-0\n00012.50\n");  // what strtod takes and what it refuses
  expect_same("g,n\n\"m\",1\n\"\",2\nf,3\n");              // a quoted empty string is a value
}

TEST(ReadFrame, ChosenColumnsInTheChosenOrder) {
  const auto pick = [](const std::vector<std::string>&) { return std::vector<std::string>{"c", "a"}; };
  expect_same("a,b,c\n1,x,2\n3,y,4\n", pick);
}

TEST(ReadFrame, BadFilesGiveTheSameErrors) {
  for (const std::string text :
       {std::string(""), std::string("a,b\n"), std::string("a,a\n1,2\n"), std::string("a,\n1,2\n"),
        std::string("a,b\n1,2\n3\n"), std::string("a,b\n1,\"2\n"), std::string("a,b\n1,2\x01\n"),
        std::string("a,b\n1,\xff\n"), std::string("a,b\n1,\"2\"x\n"), std::string("a,b\n1,2\"\n")})
    expect_same(text);
}

TEST(ReadFrame, TheSelectorSeesTheHeaderAndItsErrorComesFirst) {
  std::vector<std::string> seen;
  const auto select = [&](const std::vector<std::string>& header) -> std::vector<std::string> {
    seen = header;
    lab::fail_field("dataset.target", "no column 'y' in t.csv");
  };
  EXPECT_THROW(lab::read_frame("a, b \n1,2\n", "t.csv", select), lab::Error);
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));  // names trimmed, as parse_csv's
}
