// RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks, UTF-8 (a BOM is
// skipped), LF or CRLF line ends. An empty field is a missing value.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lab {

// A field's bytes in a buffer of unescaped fields; length kMissing: an empty field.
struct CsvSpan {
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;
  std::uint32_t offset, length;
};

// The fields are kept as (offset, length) into one buffer of their unescaped bytes, not as a
// string each: a 100k x 30 file is 3M fields, and a string per field (an allocation and a
// copy each, 40 bytes of bookkeeping) made reading it the slowest part of a run in wasm.
class CsvTable {
 public:
  std::vector<std::string> header;
  std::vector<int> row_lines;  // file line where each row starts (for error messages)

  std::size_t rows() const { return row_lines.size(); }
  std::size_t columns() const { return header.size(); }
  // The field's text, or nullopt for an empty field; valid while the table lives.
  std::optional<std::string_view> cell(std::size_t row, std::size_t column) const {
    const CsvSpan& s = cells_[row * header.size() + column];
    if (s.length == CsvSpan::kMissing) return std::nullopt;
    return std::string_view(text_.data() + s.offset, s.length);
  }

 private:
  friend CsvTable parse_csv(const std::string& text, const std::string& filename);
  std::string text_;            // every field's bytes, unescaped, one after another
  std::vector<CsvSpan> cells_;  // row-major, header.size() per row
};

// Throws lab::Error with the file, line and column of the problem (ragged row, broken quote,
// invalid UTF-8, duplicate or empty header name, over the row/column limits).
CsvTable parse_csv(const std::string& text, const std::string& filename);

// "" for a header of several columns; for a one-column header holding semicolons or tabs, the
// sentence that says the file looks separated by them (a spreadsheet in a locale whose decimal
// mark is the comma), to add to the error such a file causes ("; the header is one column ...").
std::string delimiter_hint(const std::vector<std::string>& header);

}  // namespace lab
