// The embind layer of engine.mjs, the module every widget runs on: a handful of free functions
// mapping 1:1 onto the engine's entry points. Every call returns a fresh JSON string
// ({"ok":true,...} or {"ok":false,"error":{...}}, made by guarded.hpp), so errors cross as
// values and JS never has to delete() anything. Lesson and catalog parsing lives in the second
// module (authoring.cpp): the site build has already done it for the lessons the site ships.
// Widget files are checked here: every widget checks its file as it loads (in the background),
// and a second module fetched then would hold up the learner's first run.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <map>
#include <string>

#include "guarded.hpp"
#include "lab/budget_ranking.hpp"
#include "lab/control_values.hpp"
#include "lab/csv_preview.hpp"
#include "lab/data_cache.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/lesson.hpp"
#include "lab/option_path.hpp"
#include "lab/options.hpp"
#include "lab/spec_schema.hpp"
#include "lab/task_vocabulary.hpp"
#include "lab/version.hpp"
#include "lab/widget_vocabulary.hpp"
#include "lab/work_share.hpp"

namespace {

using lab::Json;

using lab::bindings::guarded;

// The files a spec refers to, {path: text or UTF-8 bytes}: a JS object (each string is copied
// into the module once, as UTF-8; a Uint8Array as it is) or, as before, {path: text} as JSON text. The object form
// spares a large CSV a JSON.stringify and a JSON parse (2 s of a 16 MB file's preparation).
void read_files(const emscripten::val& files, lab::RunContext& context) {
  const std::string type = files.typeOf().as<std::string>();
  if (type == "undefined" || files.isNull()) return;
  if (type == "string") {
    const std::string text = files.as<std::string>();
    if (text.empty()) return;
    Json map = lab::parse_json_text(text, "files");
    if (!map.is_object()) lab::fail_field("files", "expected an object {path: text}");
    for (auto& [path, value] : map.items()) {
      if (!value.is_string()) lab::fail_field("files." + path, "expected the file's text (a string)");
      context.files[path] = value.get<std::string>();
    }
    return;
  }
  if (type != "object") lab::fail_field("files", "expected an object {path: text}, got a " + type);
  const emscripten::val keys = emscripten::val::global("Object").call<emscripten::val>("keys", files);
  const int count = keys["length"].as<int>();
  for (int i = 0; i < count; ++i) {
    const std::string path = keys[i].as<std::string>();
    const emscripten::val value = files[path];
    if (value.typeOf().as<std::string>() == "string") {
      context.files[path] = value.as<std::string>();
    } else if (value.instanceof (emscripten::val::global("Uint8Array"))) {
      // The file's UTF-8 bytes, copied in one native set() (a string is converted to UTF-8 by
      // a JavaScript loop, ~15 ms per 3 MB on every run: the worker encodes a fetched file once).
      const std::size_t length = value["length"].as<std::size_t>();
      std::string bytes(length, '\0');
      emscripten::val(emscripten::typed_memory_view(length, reinterpret_cast<unsigned char*>(bytes.data())))
          .call<void>("set", value);
      context.files[path] = std::move(bytes);
    } else {
      lab::fail_field("files." + path, "expected the file's text (a string, or its UTF-8 bytes as a Uint8Array)");
    }
  }
}

// The data set this engine instance keeps between runs (a learner's reruns, a pool's merge).
lab::DataCache& kept_data() {
  static lab::DataCache cache;
  return cache;
}

// The context of a browser run: the caller's files, progress to JS (false cancels), the
// trade-off variants to export and the instance's kept data set.
lab::RunContext browser_context(const emscripten::val& files, const emscripten::val& on_progress) {
  lab::RunContext context;
  context.data_cache = &kept_data();
  context.read_file_system = false;  // the browser hands every file over in `files`
  read_files(files, context);
  if (on_progress.typeOf().as<std::string>() == "function") {
    context.on_progress = [on_progress](const lab::Progress& p) {
      Json message{{"stage", p.stage}, {"done", p.done}, {"total", p.total}, {"data", p.data}};
      emscripten::val answer = on_progress(message.dump());
      return !(answer.isFalse());
    };
  }
  return context;
}

// spec: JSON text. files: see read_files.
// on_progress: JS function(progressJson) -> boolean (false cancels), or undefined.
std::string run_experiment(const std::string& spec, emscripten::val files, emscripten::val on_progress) {
  return guarded([&] {
    const lab::RunContext context = browser_context(files, on_progress);
    Json parsed = lab::parse_json_text(spec, "spec");
    return lab::OrderedJson{{"ok", true}, {"result", lab::run_experiment(parsed, context)}}.dump();
  });
}

// The trade-off run of `spec` with one variant's deployed model reported for an ONNX exporter:
// {ok, name, format, export} (engine/src/export/model_parts.hpp), without the other rows. The
// run is the same seeded run the widget showed, so the model is the one its numbers describe.
std::string export_variant(const std::string& spec, emscripten::val files, const std::string& variant,
                           emscripten::val on_progress) {
  return guarded([&] {
    lab::RunContext context = browser_context(files, on_progress);
    context.export_variants = {variant};
    const lab::OrderedJson result = lab::run_experiment(lab::parse_json_text(spec, "spec"), context);
    if (result.contains("variants"))
      for (const auto& row : result["variants"])
        if (row.contains("export"))
          return lab::OrderedJson{
              {"ok", true}, {"name", row["name"]}, {"format", row["format"]}, {"export", row["export"]}}
              .dump();
    lab::fail_field("variants", "the spec has no trade-off variants to export");
  });
}

// One step of a run split across the page's workers (lab/work_share.hpp). share: JSON text,
// {"instance": i, "instances": n} (step 1: answers {ok, pieces}) or {"pieces": {...}}, every
// share's pieces (step 2: answers {ok, result}, the one-worker run's result).
std::string run_shared(const std::string& spec, emscripten::val files, const std::string& share,
                       emscripten::val on_progress) {
  return guarded([&] {
    lab::RunContext context = browser_context(files, on_progress);
    const Json how = lab::parse_json_text(share, "share");
    lab::WorkShare work = how.contains("pieces")
                              ? lab::WorkShare::merge(lab::WorkShare::pieces_from_json(how["pieces"]))
                              : lab::WorkShare::share(how.value("instance", -1), how.value("instances", 0));
    context.share = &work;
    lab::OrderedJson result = lab::run_experiment(lab::parse_json_text(spec, "spec"), context);
    if (work.sharing()) return lab::OrderedJson{{"ok", true}, {"pieces", result["pieces"]}}.dump();
    return lab::OrderedJson{{"ok", true}, {"result", result}}.dump();
  });
}

// How many pieces the spec's run splits into (0: not worth splitting).
std::string count_pieces(const std::string& spec) {
  return guarded([&] {
    return Json{{"ok", true}, {"pieces", lab::count_pieces(lab::parse_json_text(spec, "spec"))}}.dump();
  });
}

std::string validate_widget(const std::string& text, const std::string& filename) {
  return guarded([&] {
    Json list = Json::array();
    bool has_error = false;
    for (const auto& d : lab::validate_widget(text, filename)) {
      list.push_back(d.to_json());
      has_error = has_error || d.severity == "error";
    }
    return Json{{"ok", !has_error}, {"diagnostics", list}}.dump();
  });
}

std::string options() {
  return guarded([] { return Json{{"ok", true}, {"options", lab::describe_spec()}}.dump(); });
}

// The declaration each dotted option path names, as options() describes it, and where a spec
// holds its value. spec: JSON text ("" for none); requests: JSON text of [[path, experiment]],
// each path following the model type of that experiment ("" for the spec's own run). One call
// for all of a widget's controls: the spec crosses and is parsed once.
std::string option_paths(const std::string& spec, const std::string& requests) {
  return guarded([&] {
    const Json parsed = spec.empty() ? Json() : lab::parse_json_text(spec, "spec");
    std::map<std::string, Json> merged;  // by experiment
    Json answers = Json::array();
    for (const auto& request : lab::parse_json_text(requests, "requests")) {
      const std::string path = request.at(0).get<std::string>(), name = request.at(1).get<std::string>();
      answers.push_back(lab::bindings::answer_of([&] {
        if (!spec.empty() && !merged.count(name))
          merged[name] = lab::experiment_spec_with(parsed, name, Json::object());
        const lab::OptionPath found =
            lab::resolve_option_path(lab::spec_schema(), path, spec.empty() ? nullptr : &merged[name]);
        if (!found.option && !found.undeclared) lab::fail_field(path, found.problem);
        const Json option =
            found.option ? lab::describe_schema(lab::Schema{"", {*found.option}})["options"][0] : Json();
        return Json{{"ok", true}, {"option", option}, {"spec_path", found.spec_path}, {"undeclared", found.undeclared}};
      }));
    }
    return Json{{"ok", true}, {"paths", answers}}.dump();
  });
}

// The normalized spec of each named experiment ("" for the spec's own run): {name: spec}, or
// the first error. One call for all of a widget's experiments.
std::string experiment_specs(const std::string& spec, const std::string& names) {
  return guarded([&] {
    const Json parsed = lab::parse_json_text(spec, "spec");
    Json specs = Json::object();
    for (const auto& name : lab::parse_json_text(names, "names"))
      specs[name.get<std::string>()] = lab::experiment_spec_with(parsed, name.get<std::string>(), Json::object());
    return Json{{"ok", true}, {"specs", specs}}.dump();
  });
}

// spec: JSON text; name: an experiment of it ("" for the spec's own run); values: JSON text of
// {option.path: value} set on top (see lab/control_values.hpp).
std::string experiment_spec(const std::string& spec, const std::string& name, const std::string& values) {
  return guarded([&] {
    Json set = values.empty() ? Json::object() : lab::parse_json_text(values, "values");
    Json merged = lab::experiment_spec_with(lab::parse_json_text(spec, "spec"), name, set);
    return Json{{"ok", true}, {"spec", merged}}.dump();
  });
}

// runs: JSON text of {experiment: {option.path: value}}: the spec that runs just those.
std::string run_spec(const std::string& spec, const std::string& runs) {
  return guarded([&] {
    Json out = lab::run_spec_with(lab::parse_json_text(spec, "spec"), lab::parse_json_text(runs, "runs"));
    return Json{{"ok", true}, {"spec", out}}.dump();
  });
}

std::string preview_csv(const std::string& text, const std::string& filename) {
  return guarded([&] { return Json{{"ok", true}, {"preview", lab::preview_csv(text, filename)}}.dump(); });
}

std::string widget_vocabulary() {
  return guarded([] {
    Json out = lab::widget_vocabulary();
    out["ok"] = true;
    return out.dump();
  });
}

// Per task kind its metrics, main score and CV metric, and the model a task uses in place of
// another (lab/task_vocabulary.hpp).
std::string task_vocabulary() {
  return guarded([] {
    Json out = lab::task_vocabulary();
    out["ok"] = true;
    return out.dump();
  });
}

// variants: JSON text of a trade-off result's rows; budget: JSON text of {limit: value}.
// Answers {ok, best, ranking} (lab/budget_ranking.hpp).
std::string rank_budget(const std::string& variants, const std::string& budget) {
  return guarded([&] {
    Json out = lab::rank_budget(lab::parse_json_text(variants, "variants"), lab::parse_json_text(budget, "budget"));
    out["ok"] = true;
    return out.dump();
  });
}

std::string version() { return lab::version(); }

}  // namespace

EMSCRIPTEN_BINDINGS(lab) {
  emscripten::function("runExperiment", &run_experiment);
  emscripten::function("exportVariant", &export_variant);
  emscripten::function("runShared", &run_shared);
  emscripten::function("countPieces", &count_pieces);
  emscripten::function("validateWidget", &validate_widget);
  emscripten::function("options", &options);
  emscripten::function("optionPaths", &option_paths);
  emscripten::function("experimentSpecs", &experiment_specs);
  emscripten::function("experimentSpec", &experiment_spec);
  emscripten::function("runSpec", &run_spec);
  emscripten::function("previewCsv", &preview_csv);
  emscripten::function("widgetVocabulary", &widget_vocabulary);
  emscripten::function("taskVocabulary", &task_vocabulary);
  emscripten::function("rankBudget", &rank_budget);
  emscripten::function("version", &version);
}
