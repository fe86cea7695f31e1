#include "dln/io/manifest.hpp"

#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "dln/io/atomic_file.hpp"
#include "dln/io/build_info.hpp"

namespace dln::io {

namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

void add_provenance(nlohmann::json& manifest) {
  const BuildInfo& build = build_info();
  manifest["version"] = build.version;
  manifest["build"] = {{"commit", build.commit},
                       {"compiler", build.compiler},
                       {"flags", build.flags},
                       {"build_type", build.build_type}};
  manifest["created_utc"] = utc_now();
}

nlohmann::json manifest(const RunRecord& record, const std::string& file) {
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - record.started).count();
  nlohmann::json m = {{"tool", "dln"},
                      {"command", record.command},
                      {"arguments", record.arguments},
                      {"parameters", record.parameters},
                      {"seeds", record.seeds},
                      {"status", record.status},
                      {"wall_time_s", wall},
                      {"file", std::filesystem::path(file).filename().string()}};
  add_provenance(m);
  if (!record.initial_strengths.is_null()) m["initial_strengths"] = record.initial_strengths;
  if (!record.final_values.is_null()) m["final"] = record.final_values;
  return m;
}

void emit(const std::string& path, const Content& content, const RunRecord& record) {
  if (path.empty()) {
    StdoutSink out;
    content(out);
    out.flush();
    return;
  }
  const std::string manifest_path = path + ".manifest.json";
  // The data first, the manifest last. The earlier manifest is removed only once the new data is safely on
  // disk under its temporary name, just before the rename: a failure while writing (a full disk, a kill)
  // leaves the earlier data and its manifest as they were, and a manifest never stands beside data it does
  // not describe.
  {
    AtomicFile data(path);
    content(data);
    data.finish();
    remove_file(manifest_path);
    data.commit();
  }
  write_file(manifest_path, manifest(record, path).dump(2) + "\n");
  if (record.announce) std::cerr << fmt::format("dln: wrote {} and {}\n", path, manifest_path);
}

void emit(const std::string& path, std::string_view content, const RunRecord& record) {
  emit(path, [content](Sink& out) { out.write(content); }, record);
}

}  // namespace dln::io
