#include "lab/option_path.hpp"

#include <sstream>
#include <vector>

namespace lab {

namespace {

std::vector<std::string> split_path(const std::string& dotted) {
  std::vector<std::string> out;
  std::stringstream in(dotted);
  std::string part;
  while (std::getline(in, part, '.')) out.push_back(part);
  return out;
}

std::string names_of(const Schema& schema) {
  std::string out;
  for (const auto& o : schema.options) out += (out.empty() ? "" : ", ") + o.name;
  return out;
}

std::string join_from(const std::vector<std::string>& parts, std::size_t first) {
  std::string out;
  for (std::size_t i = first; i < parts.size(); ++i) out += (out.empty() ? "" : ".") + parts[i];
  return out;
}

std::string joined(const std::string& head, const std::string& tail) {
  return head.empty() ? tail : tail.empty() ? head : head + "." + tail;
}

OptionPath fail(std::string problem) {
  OptionPath out;
  out.problem = std::move(problem);
  return out;
}

}  // namespace

OptionPath resolve_option_path(const Schema& root, const std::string& dotted, const Json* spec) {
  const Schema* schema = &root;
  const Json* value = spec;
  const std::vector<std::string> parts = split_path(dotted);
  std::string walked, held, context = "the spec";  // held: the spec path so far
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Option* o = schema->find(parts[i]);
    if (!o) return fail("no engine option '" + parts[i] + "' in " + context + "; known: " + names_of(*schema));
    walked = joined(walked, parts[i]);
    held = joined(held, parts[i]);
    if (i + 1 == parts.size()) return OptionPath{o, false, held, ""};
    value = value && value->is_object() && value->contains(parts[i]) ? &(*value)[parts[i]] : nullptr;
    if (o->type == OptionType::Object || o->type == OptionType::ObjectList) {
      // A path through a list of sections (variants) means that field of each item.
      schema = o->fields.get();
      context = "'" + walked + "'";
      if (o->type == OptionType::ObjectList) value = nullptr;
    } else if (o->type == OptionType::Variant) {
      const std::string current = value && value->is_object() ? value->value("type", "") : "";
      auto named = o->variants.find(parts[i + 1]);
      if (named != o->variants.end() && i + 2 < parts.size()) {
        if (!current.empty() && current != parts[i + 1])
          return fail("'" + walked + "." + parts[i + 1] + "' is for " + walked + " type '" + parts[i + 1] +
                      "', but this experiment's " + walked + " type is '" + current + "'");
        ++i;
        walked += "." + parts[i];
        schema = named->second.get();
        context = "'" + walked + "'";
      } else if (current.empty()) {
        // No type to follow: any variant declaring the rest of the path will do.
        const std::string rest = join_from(parts, i + 1);
        for (const auto& variant : o->variants) {
          OptionPath found = resolve_option_path(*variant.second, rest);
          if (found.option) return OptionPath{found.option, false, joined(held, found.spec_path), ""};
        }
        std::string types;
        for (const auto& variant : o->variants) types += (types.empty() ? "" : ", ") + variant.first;
        return fail("no " + walked + " type declares '" + rest + "' (" + walked + " types: " + types + ")");
      } else {
        auto it = o->variants.find(current);
        if (it == o->variants.end()) return fail("unknown " + walked + " type '" + current + "'");
        schema = it->second.get();
        context = walked + " type '" + current + "'";
      }
    } else if (o->type == OptionType::Any) {
      OptionPath out;
      out.undeclared = true;
      out.spec_path = joined(held, join_from(parts, i + 1));
      return out;
    } else {
      return fail("'" + walked + "' is a single value, not a section");
    }
  }
  return fail("empty option path");
}

}  // namespace lab
