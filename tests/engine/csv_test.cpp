#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "data/csv.hpp"
#include "data/table.hpp"
#include "lab/error.hpp"

using lab::parse_csv;

TEST(Csv, QuotedCommasQuotesAndLineBreaks) {
  auto t = parse_csv("name,note\r\n\"Smith, John\",\"said \"\"hi\"\"\"\r\nA,\"two\nlines\"\n", "x.csv");
  ASSERT_EQ(t.header.size(), 2u);
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(*t.cell(0, 0), "Smith, John");
  EXPECT_EQ(*t.cell(0, 1), "said \"hi\"");
  EXPECT_EQ(*t.cell(1, 1), "two\nlines");
  EXPECT_EQ(t.row_lines[1], 3);
}

TEST(Csv, EmptyFieldIsMissingAndBomIsSkipped) {
  auto t = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\n1,\n",
      "x.csv");
  EXPECT_EQ(t.header[0], "a");
  EXPECT_TRUE(t.cell(0, 0).has_value());
  EXPECT_FALSE(t.cell(0, 1).has_value());
}

TEST(Csv, Utf8NamesSurvive) {
  auto t = parse_csv("name\n\"Ködel, Müller\"\n", "x.csv");
  EXPECT_EQ(*t.cell(0, 0), "Ködel, Müller");
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
  // A semicolon-separated file (decimal commas) reads as one column: the error says so.
  const std::string semicolons = error_of("age;fare;survived\n22;7,25;no\n");
  EXPECT_EQ(semicolons,
            "bad.csv:2: row has 2 fields; the header has 1; the header is one column 'age;fare;survived', so the file "
            "looks semicolon-separated: this reader takes commas (save it as CSV with commas, e.g. a spreadsheet's "
            "\"CSV (comma delimited)\")");
  EXPECT_NE(error_of("a\tb\tc\n1\t2,5\t3\n").find("looks tab-separated"), std::string::npos);
}

// A NUL or other control byte would become an invisible category: each is refused at its
// place, quoted or not; tab (and CR/LF as line ends or inside quotes) are text.
TEST(Csv, ControlCharactersNameTheirPlaceAndByte) {
  EXPECT_EQ(error_of(std::string("a,b\n1,x\0y\n", 11)),
            "bad.csv:2:4: NUL byte (0x00); a CSV file may hold no control characters but tab, CR and LF");
  EXPECT_EQ(error_of("a,b\n1,\"in \x1B quotes\"\n"),
            "bad.csv:2:7: control character (0x1B); a CSV file may hold no control characters but tab, CR and LF");
  EXPECT_EQ(error_of("a,b\x7F\n1,2\n"),
            "bad.csv:1:4: control character (0x7F); a CSV file may hold no control characters but tab, CR and LF");
  auto t = parse_csv("a,b\r\n1\t2,\"x\r\ny\"\r\n", "ok.csv");
  EXPECT_EQ(*t.cell(0, 0), "1\t2");
  EXPECT_EQ(*t.cell(0, 1), "x\r\ny");
}

TEST(Csv, BrokenQuoteNamesWhereItOpened) {
  EXPECT_EQ(error_of("a,b\n1,\"open\n"), "bad.csv:2:3: quoted field is never closed");
}

TEST(Csv, InvalidUtf8IsAnError) {
  EXPECT_NE(error_of("a\n\xff\n").find("invalid UTF-8"), std::string::npos);
  // Strict UTF-8, as JSON output needs: a lead byte past F4, a surrogate, an overlong form, a
  // code point past U+10FFFF, a truncated sequence (the first found by fuzzing: F5 8F 8F 8F).
  for (const char* cell :
       {"\xF5\x8F\x8F\x8F", "\xED\xA0\x80", "\xE0\x80\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\xE2\x82"})
    EXPECT_EQ(error_of(std::string("a,b\n1,") + cell + "\n"), "bad.csv:2:3: invalid UTF-8 byte") << cell;
  // The edges of the valid ranges are read as they are.
  for (const char* cell :
       {"\xED\x9F\xBF", "\xEE\x80\x80", "\xF4\x8F\xBF\xBF", "\xE0\xA0\x80", "\xF0\x90\x80\x80", "\xC2\x80"})
    EXPECT_EQ(*parse_csv(std::string("a\n") + cell + "\n", "ok.csv").cell(0, 0), cell);
}

TEST(Csv, EmptyAndHeaderOnlyFilesAreErrors) {
  EXPECT_NE(error_of("").find("empty CSV"), std::string::npos);
  EXPECT_NE(error_of("a,b\n").find("no data rows"), std::string::npos);
  EXPECT_NE(error_of("a,a\n1,2\n").find("duplicate column name 'a'"), std::string::npos);
}

// Numeric cells are read by a fast path for plain decimals with a strtod fallback; the value
// must be bit for bit what strtod gives, for every form a CSV may hold.
TEST(Csv, NumbersAreReadExactlyAsStrtodReadsThem) {
  std::vector<std::string> cells = {"0",
                                    "-0",
                                    "+7",
                                    "1.",
                                    ".5",
                                    "-.25",
                                    "007.500",
                                    "0.1",
                                    "0.3",
                                    "2.675",
                                    "123456789012345",
                                    "1234567890123456",
                                    "9007199254740993",
                                    "0.0000000000000000000001",
                                    "0.00000000000000000000001",
                                    "1e5",
                                    "-2.5E-3",
                                    " 4",
                                    "4 ",
                                    "1.7976931348623157",
                                    "4.9406564584124654",
                                    "99999999999999.9"};
  std::uint64_t state = 12345;  // a fixed LCG: the same cells on every run
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string digits = std::to_string(next() % 1000000000ULL) + std::to_string(next() % 10000000ULL);
    digits = digits.substr(0, 1 + next() % digits.size());
    std::size_t point = next() % (digits.size() + 1);
    std::string cell =
        (next() % 2 ? "-" : "") + digits.substr(0, point) + (point < digits.size() ? "." + digits.substr(point) : "");
    cells.push_back(cell);
  }
  std::string text = "x\n";
  for (const auto& c : cells) text += c + "\n";
  auto frame = lab::make_frame(parse_csv(text, "n.csv"), {"x"}, "n.csv");
  ASSERT_TRUE(frame.columns[0].numeric);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    double expected = std::strtod(cells[r].c_str(), nullptr);
    double got = frame.columns[0].number[r];
    std::uint64_t a, b;
    std::memcpy(&a, &expected, 8);
    std::memcpy(&b, &got, 8);
    EXPECT_EQ(a, b) << "cell '" << cells[r] << "': strtod " << expected << ", read " << got;
  }
}
