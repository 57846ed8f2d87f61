// The record reader behind parse_csv (a table of cells) and read_frame (typed columns, straight
// from the text): RFC 4180 records, each field's unescaped bytes appended to a buffer, every
// error with the file, line and column.
#pragma once
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "data/csv.hpp"
#include "lab/error.hpp"

namespace lab {

// Bytes an unquoted CSV field takes as they are: printable ASCII but the comma and the quote,
// and tab (not CR/LF, control bytes or the start of a UTF-8 sequence).
struct CsvPlainBytes {
  bool at[256] = {};
  constexpr CsvPlainBytes() {
    for (int c = 0x20; c < 0x7F; ++c) at[c] = c != ',' && c != '"';
    at[static_cast<int>('\t')] = true;
  }
  constexpr bool operator[](unsigned char c) const { return at[c]; }
};
inline constexpr CsvPlainBytes kPlainByte{};

// Call header() first, then next_row() until it returns false.
class CsvRecordReader {
 public:
  CsvRecordReader(const std::string& text, const std::string& file) : s_(text), file_(file) {
    // Field offsets are 32-bit (CsvSpan).
    if (s_.size() >= CsvSpan::kMissing) fail_file(file_, 1, 1, "the file is larger than 4 GiB");
    if (s_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }

  // The header's column names (trimmed), refused when one is empty or repeated.
  std::vector<std::string> header();

  // The next data row's fields, their bytes appended to `out`; false at the end of the text.
  // Blank lines are skipped, as most CSV readers do; a row of another width than the header's,
  // or past the row limit, is an error naming its line.
  bool next_row(std::string& out, std::vector<CsvSpan>& fields) {
    do {
      if (!record(out, fields)) return false;
    } while (fields.size() == 1 && fields[0].length == CsvSpan::kMissing && width_ > 1);
    if (fields.size() != width_)
      fail_file(file_, record_line_, 0,
                "row has " + std::to_string(fields.size()) + " fields; the header has " + std::to_string(width_) +
                    delimiter_hint_);
    if (rows_ >= static_cast<std::size_t>(limits::kMaxRows))
      fail_file(file_, record_line_, 0, "more than " + std::to_string(limits::kMaxRows) + " rows");
    ++rows_;
    return true;
  }

  // The file line where the row (or header) just read starts.
  int record_line() const { return record_line_; }
  // How many rows a text can hold at most (call after header()): its line ends, and at least
  // the header's width in bytes a row (its commas and line end), within the row limit. Sizes
  // one allocation for every row up front.
  std::size_t rows_at_most() const;

 private:
  // Reads one record, its fields' bytes appended to `out`; returns false at end of input.
  bool record(std::string& out, std::vector<CsvSpan>& fields) {
    fields.clear();
    if (pos_ >= s_.size()) return false;
    record_line_ = line_;
    while (true) {
      field_column_ = column();
      if (fields.size() >= static_cast<std::size_t>(limits::kMaxColumns) + 1)
        fail_file(file_, line_, field_column_, "more than " + std::to_string(limits::kMaxColumns) + " columns");
      const std::size_t start = out.size();
      fields.push_back(field(out)
                           ? CsvSpan{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(out.size() - start)}
                           : CsvSpan{static_cast<std::uint32_t>(start), CsvSpan::kMissing});
      if (pos_ >= s_.size()) return true;
      char c = s_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      if (c == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
      ++pos_;  // '\n' or lone '\r'
      new_line();
      return true;
    }
  }

  // Appends the field's bytes to `out`; false for an empty (missing) field.
  bool field(std::string& out) {
    if (pos_ < s_.size() && s_[pos_] == '"') {
      int open_line = line_, open_col = column();
      ++pos_;
      while (true) {
        if (pos_ >= s_.size()) fail_file(file_, open_line, open_col, "quoted field is never closed");
        char c = s_[pos_];
        if (c == '"') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
            out += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\n') {
          out += c;
          ++pos_;
          new_line();
          continue;
        }
        if (c != '\r') check_not_control(static_cast<unsigned char>(c));
        append_char(out);
      }
      if (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n' && s_[pos_] != '\r')
        fail_file(file_, line_, column(), std::string("unexpected character '") + s_[pos_] + "' after a closing quote");
      return true;  // a quoted empty string "" is an empty value, not missing
    }
    // Plain ASCII bytes (almost every cell) are scanned in one pass and copied once; other
    // bytes go through the UTF-8 check one sequence at a time.
    const std::size_t begin = pos_;
    std::size_t start = pos_;
    const std::size_t size = s_.size();
    while (pos_ < size) {
      // One table look-up per byte for the common case (at 100k x 30 the per-byte tests were a
      // quarter of the parse); anything else takes the checks below, as before.
      while (pos_ < size && kPlainByte[static_cast<unsigned char>(s_[pos_])]) ++pos_;
      if (pos_ >= size) break;
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') fail_file(file_, line_, column(), "quote inside an unquoted field");
      check_not_control(c);
      if (c < 0x80) {
        ++pos_;
        continue;
      }
      out.append(s_, start, pos_ - start);
      append_char(out);
      start = pos_;
    }
    out.append(s_, start, pos_ - start);
    return pos_ > begin;
  }

  // A NUL or other control byte would become an invisible category or a column name no one can
  // type: refused at its place (tab, and CR/LF as line ends or inside quotes, are text).
  void check_not_control(unsigned char c) const {
    if ((c >= 0x20 && c != 0x7F) || c == '\t') return;
    refuse_control(c);
  }

  [[noreturn]] void refuse_control(unsigned char c) const {
    static const char* hex = "0123456789ABCDEF";
    std::string byte = std::string("(0x") + hex[c >> 4] + hex[c & 15] + ")";
    fail_file(file_, line_, column(),
              std::string(c == 0 ? "NUL byte " : "control character ") + byte +
                  "; a CSV file may hold no control characters but tab, CR and LF");
  }

  void append_char(std::string& out) {
    std::size_t n = utf8_sequence_length(s_, pos_);
    if (n == 0) fail_file(file_, line_, column(), "invalid UTF-8 byte");
    out.append(s_, pos_, n);
    pos_ += n;
  }

  void new_line() {
    ++line_;
    line_start_ = pos_;
  }
  int column() const { return static_cast<int>(pos_ - line_start_) + 1; }

  const std::string& s_;
  const std::string& file_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  int record_line_ = 1;
  int field_column_ = 1;
  std::size_t width_ = 0;  // the header's
  // When the header reads as one column holding semicolons or tabs, the file was most likely
  // written with that separator (a spreadsheet in a locale whose decimal mark is the comma): said
  // with the width error it causes.
  std::string delimiter_hint_;
  std::size_t rows_ = 0;  // data rows read so far
};

}  // namespace lab
