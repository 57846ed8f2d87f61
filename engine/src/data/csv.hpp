// RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks, UTF-8 (a BOM is
// skipped), LF or CRLF line ends. An empty field is a missing value.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace lab {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::optional<std::string>>> rows;  // nullopt = empty field
  std::vector<int> row_lines;  // file line where each row starts (for error messages)
};

// Throws lab::Error with the file, line and column of the problem (ragged row, broken quote,
// invalid UTF-8, duplicate or empty header name, over the row/column limits).
CsvTable parse_csv(const std::string& text, const std::string& filename);

}  // namespace lab
