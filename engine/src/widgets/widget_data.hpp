// The file-system half of a widget file's checks: the CSV its dataset names exists, parses,
// and has the columns the spec uses. Kept out of validate_widget, which reads no files.
#pragma once
#include <string>

#include "documents/report.hpp"

namespace lab::lesson {

// `report` must be bound to the widget file's positions. "/..." resolves against
// `site_root`, other paths against the widget file's folder (docs/spec.md).
void check_widget_csv(const Json& spec, const std::string& widget_file, const std::string& site_root, Report& report);

// A path written in a lesson or widget file, resolved to a file-system path.
std::string resolve_site_path(const std::string& ref, const std::string& from_file, const std::string& site_root);

}  // namespace lab::lesson
