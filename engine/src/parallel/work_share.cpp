#include "lab/work_share.hpp"

#include <cmath>
#include <limits>

#include "lab/error.hpp"

namespace lab {

WorkShare WorkShare::share(int instance, int instances) {
  if (instances < 1 || instance < 0 || instance >= instances)
    fail_field("share.instance", "expected 0 <= instance < instances, got instance " + std::to_string(instance) +
                                     " of " + std::to_string(instances));
  WorkShare s;
  s.instance_ = instance;
  s.instances_ = instances;
  return s;
}

WorkShare WorkShare::merge(std::map<std::string, PieceNumbers> given) {
  WorkShare s;
  s.given_ = std::move(given);
  return s;
}

std::optional<PieceNumbers> WorkShare::piece(const std::string& key, const std::function<PieceNumbers()>& compute) {
  const std::string scoped = scope_ + key;
  if (sharing()) {
    if (met_++ % instances_ != instance_) return std::nullopt;
  } else if (auto it = given_.find(scoped); it != given_.end()) {
    return it->second;
  }
  PieceNumbers numbers = compute();
  computed_[scoped] = numbers;
  return numbers;
}

Json WorkShare::computed_json() const {
  Json out = Json::object();
  for (const auto& [key, numbers] : computed_) {
    Json list = Json::array();
    for (double v : numbers) {
      if (std::isfinite(v))
        list.push_back(v);
      else
        list.push_back(std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
    }
    out[key] = std::move(list);
  }
  return out;
}

std::map<std::string, PieceNumbers> WorkShare::pieces_from_json(const Json& pieces, const std::string& field) {
  if (!pieces.is_object())
    fail_field(field, "expected an object {piece: [numbers]}, got " + pieces.dump().substr(0, 40));
  std::map<std::string, PieceNumbers> out;
  for (auto it = pieces.begin(); it != pieces.end(); ++it) {
    const std::string where = field + "." + it.key();
    if (!it.value().is_array()) fail_field(where, "expected a list of numbers, got " + it.value().dump().substr(0, 40));
    PieceNumbers numbers;
    numbers.reserve(it.value().size());
    for (const auto& v : it.value()) {
      if (v.is_number())
        numbers.push_back(v.get<double>());
      else if (v == "nan")
        numbers.push_back(std::numeric_limits<double>::quiet_NaN());
      else if (v == "inf")
        numbers.push_back(std::numeric_limits<double>::infinity());
      else if (v == "-inf")
        numbers.push_back(-std::numeric_limits<double>::infinity());
      else
        fail_field(where, "expected a number, \"nan\", \"inf\" or \"-inf\", got " + v.dump().substr(0, 40));
    }
    out[it.key()] = std::move(numbers);
  }
  return out;
}

}  // namespace lab
