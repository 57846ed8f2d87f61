// Typed columns of a CSV table: each column is numeric (every present value parses as a
// number) or categorical (text). Rows can be filtered with a `where` clause.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "data/csv.hpp"
#include "lab/json.hpp"

namespace lab {

struct Column {
  std::string name;
  bool numeric = false;
  std::vector<double> number;     // numeric columns; NaN where missing
  std::vector<std::string> text;  // categorical columns; "" where missing
  std::vector<char> missing;      // 1 where the CSV field was empty
};

struct Frame {
  std::string file;
  std::vector<Column> columns;
  std::vector<int> lines;  // CSV line of each row
  std::size_t rows() const { return lines.size(); }
  const Column& column(const std::string& name, const std::string& field) const;  // throws naming field
};

// Builds typed columns for `names` (in that order). A column whose present values are mostly
// numbers but holds some text is an error naming the line and the value.
Frame make_frame(const CsvTable& csv, const std::vector<std::string>& names, const std::string& file);

// The columns to read, chosen from the CSV's header (may throw, naming the spec's field).
using ColumnSelector = std::function<std::vector<std::string>(const std::vector<std::string>& header)>;

// make_frame(parse_csv(text), select(header)) without the table of cells in between: each
// record's fields go straight into the typed columns (at 100k x 31 the table was 40 MB beside
// the columns' 28 MB, and wasm memory never shrinks). The same columns, types and errors.
Frame read_frame(const std::string& text, const std::string& file, const ColumnSelector& select);

// The rows whose `keep` flag is set, in order (the frame itself, moved, when every row is kept:
// a frame of a large file is tens of MB, and wasm memory never shrinks).
Frame keep_rows(Frame frame, const std::vector<char>& keep);

// Keeps the rows where every {column: [values]} condition of `where` holds (numbers compare by
// value, text exactly). Errors name the field path "dataset.where.<column>".
Frame filter_rows(Frame frame, const Json& where);

}  // namespace lab
