#pragma once
// Writing results: CSV with 17 significant digits, a manifest beside every file, and files that
// appear whole or not at all (written to a temporary name, then renamed).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dln/analytic/trajectory.hpp"

namespace dln::cli {

std::string trajectory_csv(const analytic::Trajectory& trajectory);

// Everything needed to reproduce an output file.
struct RunRecord {
  std::string command;                 // "theory", "spectrum", …
  std::vector<std::string> arguments;  // the command line as given
  nlohmann::json parameters;           // every parameter, defaults included
  std::vector<std::uint64_t> seeds;
  std::string status = "ok";
  nlohmann::json final_values;         // read-outs at the last row (final_readouts), null when not a trajectory
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// The systematicity read-outs of the trajectory's last row, {"systematicity": …, "dist_S": …} (docs/theory.md §6), for
// the manifest; null without rows.
nlohmann::json final_readouts(const analytic::Trajectory& trajectory);

// Writes content to target.partial, then renames it to target: the file appears whole or not at all.
void write_then_rename(const std::filesystem::path& target, const std::string& content);

// Writes the content to stdout (path empty) or to path plus path.manifest.json.
void emit(const std::string& path, const std::string& content, const RunRecord& record);

}  // namespace dln::cli
