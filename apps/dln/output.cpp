#include "output.hpp"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <stdexcept>

#ifndef DLN_VERSION
#error "DLN_VERSION must be defined by the build"
#endif

namespace dln::cli {

void write_then_rename(const std::filesystem::path& target, const std::string& content) {
  std::filesystem::path temporary = target;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", temporary.string()));
  }
  std::filesystem::rename(temporary, target);
}

namespace {

nlohmann::json manifest(const RunRecord& record, const std::string& file) {
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - record.started).count();
  nlohmann::json m = {{"tool", "dln"},
                      {"version", DLN_VERSION},
                      {"command", record.command},
                      {"arguments", record.arguments},
                      {"parameters", record.parameters},
                      {"seeds", record.seeds},
                      {"status", record.status},
                      {"wall_time_s", wall},
                      {"file", std::filesystem::path(file).filename().string()}};
  if (!record.final_values.is_null()) m["final"] = record.final_values;
  return m;
}

}  // namespace

std::string trajectory_csv(const analytic::Trajectory& trajectory) {
  std::string csv = fmt::format("{}\n", fmt::join(analytic::csv_columns(trajectory), ","));
  for (const auto& row : trajectory.rows) {
    csv += fmt::format("{}", row.t);
    analytic::for_each_column([&](analytic::Column, double value) { csv += fmt::format(",{:.17g}", value); }, row);
    csv += '\n';
  }
  return csv;
}

nlohmann::json final_readouts(const analytic::Trajectory& trajectory) {
  if (trajectory.rows.empty()) return nullptr;
  const auto& last = trajectory.rows.back();
  return {{"t", last.t}, {"systematicity", last.systematicity}, {"dist_S", last.dist_S}};
}

void emit(const std::string& path, const std::string& content, const RunRecord& record) {
  if (path.empty()) {
    std::cout << content << std::flush;
    return;
  }
  // The manifest lands first, the data last: a data file is never present without its manifest.
  write_then_rename(path + ".manifest.json", manifest(record, path).dump(2) + "\n");
  write_then_rename(path, content);
}

}  // namespace dln::cli
