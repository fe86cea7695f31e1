#pragma once
// The manifest beside every output file, <file>.manifest.json: what ran (command line, every parameter,
// seeds), what came of it (status, final read-outs), and where it came from (dln's version, the commit
// and compiler that built it, a UTC timestamp). It is the run's commit record: written last, after the
// data, and removed just before new data replaces the old, so that a manifest always describes the file
// beside it.
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dln/io/sink.hpp"

namespace dln::io {

// Everything needed to reproduce an output file.
struct RunRecord {
  std::string command;                 // "theory", "spectrum", …
  std::vector<std::string> arguments;  // the command line as given
  nlohmann::json parameters;           // every parameter, defaults included
  std::vector<std::uint64_t> seeds;
  std::string status = "ok";
  nlohmann::json final_values;       // the last row's read-outs (final_readouts), null when not a trajectory
  nlohmann::json initial_strengths;  // the per-mode a0 a random init amounts to, null otherwise
  bool announce = false;             // say "dln: wrote FILE" on stderr (a terminal, no --quiet)
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// "version", "build" {commit, compiler, flags, build_type} and "created_utc" (ISO 8601, now), added to `manifest`.
void add_provenance(nlohmann::json& manifest);

// The manifest of `record` for the data file `file`.
nlohmann::json manifest(const RunRecord& record, const std::string& file);

// Streams the content: to stdout when path is empty; otherwise removes path.manifest.json, writes path
// through an AtomicFile, then writes the manifest. The manifest is built from `record` only after `content` has
// run, so a content that computes as it writes (a streamed learning curve) may complete the record's status and
// final values. Throws IoError; the data file then keeps its earlier
// version, or stands without a manifest (never committed) when only the manifest failed.
void emit(const std::string& path, const Content& content, const RunRecord& record);
void emit(const std::string& path, std::string_view content, const RunRecord& record);

}  // namespace dln::io
