// The file formats as data (lab::describe_file_formats, lab-cli formats): what the generated
// JSON Schemas are made from (tools/docs/json-schema.mjs via tools/gen_docs.mjs). These check that the
// described rules are the ones the checks enforce, and that "$schema" (the editors' link to
// those schemas) is accepted by specs and widget files.
#include <gtest/gtest.h>

#include <regex>

#include "lab/experiment.hpp"
#include "lab/lesson.hpp"
#include "lesson/lesson_schema.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

const Json* field(const Json& section, const std::string& name) {
  for (const auto& f : section["options"])
    if (f["name"] == name) return &f;
  return nullptr;
}

int errors(const std::vector<lab::Diagnostic>& ds) {
  int n = 0;
  for (const auto& d : ds) n += d.severity == "error";
  return n;
}

// Every described field, nested ones included, has a line of documentation for the schema.
void expect_documented(const Json& section, const std::string& at) {
  for (const auto& f : section["options"]) {
    const std::string name = at + f["name"].get<std::string>();
    EXPECT_FALSE(f.value("doc", "").empty()) << name << " has no doc";
    if (f.contains("fields")) expect_documented(f["fields"], name + ".");
    if (f.contains("variants"))
      for (auto it = f["variants"].begin(); it != f["variants"].end(); ++it)
        expect_documented(it.value(), name + "." + it.key() + ".");
  }
}

}  // namespace

TEST(FileFormats, SpecsAndWidgetFilesAcceptASchemaLink) {
  Json spec = Json::parse(lab::test::read_source("widgets/optimization_lab.titanic.json"));
  ASSERT_EQ(spec.value("$schema", ""), "../schema/widget.schema.json");
  EXPECT_EQ(errors(lab::validate_widget(spec.dump(), "w.json")), 0);
  Json plain = spec;
  plain.erase("$schema");
  plain.erase("widget");
  plain.erase("experiments");
  plain["$schema"] = "https://example.org/any.json";
  EXPECT_EQ(lab::normalize_spec(plain)["$schema"], "https://example.org/any.json");
  plain["$schema"] = 3;  // declared as text: a number is a mistake worth reporting
  EXPECT_THROW(lab::normalize_spec(plain), lab::Error);
}

TEST(FileFormats, EveryDescribedFieldIsDocumented) {
  const Json formats = lab::describe_file_formats();
  expect_documented(formats["lesson"], "");
  ASSERT_EQ(formats["widget"]["type"], "variant");
  for (const auto& type : lab::known_widget_types()) {
    ASSERT_TRUE(formats["widget"]["variants"].contains(type)) << type;
    expect_documented(formats["widget"]["variants"][type], type + ".");
  }
}

TEST(FileFormats, LessonIdPatternIsTheIdRule) {
  const Json formats = lab::describe_file_formats();
  const std::regex pattern(field(formats["lesson"], "id")->at("json_schema")["pattern"].get<std::string>());
  for (const char* id : {"ai-builder-ch3-lesson4", "a", "x1", "-a", "a-", "A", "a_b", "", "a--b", "é", "a b", "9"})
    EXPECT_EQ(std::regex_search(id, pattern), lab::lesson::valid_lesson_id(id)) << '"' << id << '"';
}

TEST(FileFormats, DescribedDurationIsTheCheckedOne) {
  const Json formats = lab::describe_file_formats();
  const Json* duration = field(formats["lesson"], "duration_min");
  ASSERT_NE(duration, nullptr);
  auto parsed = [](int minutes) {
    std::vector<lab::Diagnostic> ds;
    lab::parse_lesson("---\nid: a\ntitle: T\nduration_min: " + std::to_string(minutes) + "\n---\n", "l.md", ds);
    return errors(ds);
  };
  const int lo = (*duration)["min"].get<int>(), hi = (*duration)["max"].get<int>();
  EXPECT_EQ(parsed(lo), 0);
  EXPECT_EQ(parsed(hi), 0);
  EXPECT_EQ(parsed(lo - 1), 1);
  EXPECT_EQ(parsed(hi + 1), 1);
}

TEST(FileFormats, FrontMatterComesAsWritten) {
  std::vector<lab::Diagnostic> ds;
  Json fm = lab::lesson_front_matter(lab::test::read_source("lessons/ai-builder-ch3-lesson4.md"), "l.md", ds);
  EXPECT_TRUE(ds.empty());
  ASSERT_TRUE(fm.is_object());
  EXPECT_EQ(fm["id"], "ai-builder-ch3-lesson4");
  ASSERT_TRUE(fm["flashcards"][0].is_object());  // "- Term: definition" as YAML reads it, not normalized
  EXPECT_EQ(fm["flashcards"][0].size(), 1u);

  // Rules beyond the front matter's syntax are not applied here: that is check_lesson's job.
  fm = lab::lesson_front_matter("---\nid: Not An Id\n---\nbody\n", "l.md", ds);
  EXPECT_EQ(fm["id"], "Not An Id");
  EXPECT_TRUE(ds.empty());

  fm = lab::lesson_front_matter("# no front matter\n", "l.md", ds);
  EXPECT_TRUE(fm.is_null());
  ASSERT_EQ(errors(ds), 1);
  EXPECT_NE(ds[0].message.find("no front matter"), std::string::npos) << ds[0].str();
}
