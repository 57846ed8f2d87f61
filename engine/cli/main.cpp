// lab-cli: the native command line behind tools/lab run / validate / options / docs / new.
// Bad input: one line on stderr naming the file/field/line and the value, exit code 2.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "lab/budget_ranking.hpp"
#include "lab/csv_preview.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/lesson.hpp"
#include "lab/options.hpp"
#include "lab/result_records.hpp"
#include "lab/spec_schema.hpp"
#include "lab/task_vocabulary.hpp"
#include "lab/version.hpp"
#include "lab/widget_vocabulary.hpp"

namespace {

int usage() {
  std::cerr << "usage: lab-cli run SPEC.json [--progress] [--export VARIANT]...\n"
               "       lab-cli validate [--root DIR] PATH...\n"
               "       lab-cli options\n"
               "       lab-cli formats\n"
               "       lab-cli vocabulary\n"
               "       lab-cli results\n"
               "       lab-cli rank-budget RESULT.json BUDGET_JSON\n"
               "       lab-cli front-matter LESSON.md\n"
               "       lab-cli preview DATA.csv\n"
               "       lab-cli widget-text WIDGET.json LANG\n"
               "       lab-cli version\n";
  return 2;
}

// What the engine left out instead of refusing ("warnings" of a result, or of each of its
// experiments), one line each on stderr, as errors are printed: the JSON on stdout stays clean.
void print_warnings(const std::string& path, const lab::OrderedJson& result) {
  auto print = [&](const lab::OrderedJson& r, const std::string& scope) {
    if (!r.contains("warnings")) return;
    for (const auto& w : r["warnings"])
      std::cerr << "warning: " << path << ": " << scope << w["field"].get<std::string>() << ": "
                << w["message"].get<std::string>() << "\n";
  };
  print(result, "");
  if (result.contains("experiments"))
    for (auto it = result["experiments"].begin(); it != result["experiments"].end(); ++it)
      print(it.value(), "experiments." + it.key() + ": ");
}

int run(const std::vector<std::string>& args) {
  std::string path;
  bool progress = false;
  lab::RunContext context;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--progress")
      progress = true;
    else if (a == "--export" && i + 1 < args.size())
      context.export_variants.push_back(args[++i]);
    else if (path.empty())
      path = a;
    else
      return usage();
  }
  if (path.empty()) return usage();
  if (progress) {
    context.on_progress = [](const lab::Progress& p) {
      std::cerr << p.stage << " " << p.done << "/" << p.total << "\n";
      return true;
    };
  }
  const lab::OrderedJson result = lab::run_experiment_file(path, context);
  print_warnings(path, result);
  std::cout << result.dump(2) << "\n";
  return 0;
}

int validate(const std::vector<std::string>& args) {
  std::string root = ".";
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--root" && i + 1 < args.size())
      root = args[++i];
    else
      paths.push_back(args[i]);
  }
  if (paths.empty()) return usage();
  int errors = 0, warnings = 0;
  for (const auto& d : lab::validate_paths(paths, root)) {
    std::cout << d.str() << "\n";
    (d.severity == "error" ? errors : warnings)++;
  }
  std::cerr << errors << " error(s), " << warnings << " warning(s)\n";
  return errors ? 1 : 0;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw lab::Error(lab::Location{path}, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The front matter as JSON for JSON Schema tools (tests/js/schema-agreement.test.mjs); a file
// not read that far gives its diagnostics on stderr and exit 1, like validate.
int front_matter(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage();
  std::vector<lab::Diagnostic> diagnostics;
  lab::Json value = lab::lesson_front_matter(read_file(args[0]), args[0], diagnostics);
  for (const auto& d : diagnostics) std::cerr << d.str() << "\n";
  if (value.is_null()) return 1;
  std::cout << value.dump(2) << "\n";
  return 0;
}

// The names and rules front ends show results by: widget_vocabulary() and task_vocabulary()
// in one object (ENGINE_VOCABULARY in web/src/generated/engine-types.ts is this, written by
// tools/lab docs).
int vocabulary(const std::vector<std::string>& args) {
  if (!args.empty()) return usage();
  lab::Json out = lab::widget_vocabulary();
  const lab::Json tasks = lab::task_vocabulary();  // held: items() of a temporary would dangle
  for (const auto& [key, value] : tasks.items()) out[key] = value;
  std::cout << out.dump(2) << "\n";
  return 0;
}

// The trade-off result's records as the engine declares them (tools/lab docs writes the web
// shell's result types from this).
int results(const std::vector<std::string>& args) {
  if (!args.empty()) return usage();
  std::cout << lab::describe_result_records().dump(2) << "\n";
  return 0;
}

// A trade-off result's variants ranked against a budget ({"max_size_kb": 8}), as the explorer's
// "My budget" asks the wasm module (rankBudget).
int rank_budget(const std::vector<std::string>& args) {
  if (args.size() != 2) return usage();
  const lab::Json result = lab::parse_json_text(read_file(args[0]), args[0]);
  const lab::Json variants = result.is_object() && result.contains("variants") ? result["variants"] : lab::Json();
  std::cout << lab::rank_budget(variants, lab::parse_json_text(args[1], "budget")).dump(2) << "\n";
  return 0;
}

// A widget text file to translate, with the widget file's English text in it (docs/i18n.md).
int widget_text(const std::vector<std::string>& args) {
  if (args.size() != 2) return usage();
  std::cout << lab::widget_text_template(read_file(args[0]), args[0], args[1]).dump(2) << "\n";
  return 0;
}

int preview(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage();
  std::cout << lab::preview_csv(read_file(args[0]), args[0]).dump(2) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage();
  const std::string command = args.front();
  args.erase(args.begin());
  try {
    if (command == "run") return run(args);
    if (command == "validate") return validate(args);
    if (command == "options") {
      std::cout << lab::describe_spec().dump(2) << "\n";
      return 0;
    }
    if (command == "formats") {
      std::cout << lab::describe_file_formats().dump(2) << "\n";
      return 0;
    }
    if (command == "vocabulary") return vocabulary(args);
    if (command == "results") return results(args);
    if (command == "rank-budget") return rank_budget(args);
    if (command == "front-matter") return front_matter(args);
    if (command == "preview") return preview(args);
    if (command == "widget-text") return widget_text(args);
    if (command == "version") {
      std::cout << lab::version() << "\n";
      return 0;
    }
    return usage();
  } catch (const lab::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 3;
  }
}
