#include "dln/io/module_description.hpp"

#include <fmt/format.h>
#include <string>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/table_reader.hpp"

namespace dln::io {

namespace {

modules::Block block(TableReader& reader, std::string_view key) {
  const std::string name = reader.text(key, "all");
  for (auto b : {modules::Block::all, modules::Block::omega, modules::Block::gamma})
    if (modules::to_string(b) == name) return b;
  reader.fail(key, fmt::format("must be \"all\", \"omega\" or \"gamma\", got \"{}\"", name));
}

modules::Gate gate(TableReader& reader) {
  const int given = (reader.has("gate") ? 1 : 0) + (reader.has("rule") ? 1 : 0) + (reader.has("logits") ? 1 : 0);
  if (given > 1)
    reader.fail(reader.has("rule") ? "rule" : "logits",
                "conflicts with another gate key: give one of gate (a constant), rule (ground truth) or logits (softmax)");
  modules::Gate g;
  if (reader.has("rule")) {
    g.kind = modules::GateKind::ground_truth;
    g.rule = reader.integer("rule");
  } else if (reader.has("logits")) {
    g.kind = modules::GateKind::softmax;
    g.logits = reader.numbers("logits");
  } else {
    g.value = reader.number("gate", 1.0);
  }
  return g;
}

// Re-throws a check's InvalidInput at the TOML position of the key it names: "module[i].key" → [[module]] #i,
// a dataset key → [dataset], anything else → the top level.
template <class Check>
void checked(TableReader& top, TableReader& dataset, std::vector<TableReader>& modules, Check&& check) {
  try {
    check();
  } catch (const InvalidInput& e) {
    const std::string& key = e.parameter();
    if (key.rfind("module[", 0) == 0) {
      const auto close = key.find(']');
      const std::size_t index = std::stoul(key.substr(7, close - 7)) - 1;
      modules[index].fail(key.substr(close + 2), e.what());
    }
    for (const char* name : {"n1", "k1", "k2", "r", "rules", "kappa", "prior"})
      if (key == name) dataset.fail(key, e.what());
    top.fail(key, e.what());
  }
}

modules::Description read(const std::filesystem::path& file) {
  toml::table document;
  try {
    document = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw InvalidInput("modules", fmt::format("{}:{}:{}: TOML error: {}", file.string(), e.source().begin.line,
                                              e.source().begin.column, e.description()));
  }
  TableReader top(document, file, "");
  modules::Description d;
  TableReader data = top.table("dataset");
  d.dataset = read_rule_dataset(data);
  data.finish();
  d.temperature = top.number("temperature", 1.0);
  d.router_lr_ratio = top.number("router_lr_ratio", 0.0);
  const std::string routing = top.text("routing", "rule");
  if (routing == "per-sample") d.routing = modules::Routing::per_sample;
  else if (routing != "rule") top.fail("routing", fmt::format("must be \"rule\" or \"per-sample\", got \"{}\"", routing));
  std::vector<TableReader> tables = top.tables("module");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader& t = tables[i];
    modules::ModuleSpec m;
    m.name = t.text("name", fmt::format("m{}", i + 1));
    m.input = block(t, "input");
    m.output = block(t, "output");
    m.hidden = t.integer("hidden", 16);
    m.gate = gate(t);
    t.finish();
    d.modules.push_back(std::move(m));
  }
  top.finish();
  checked(top, data, tables, [&] { d.validate(); });
  return d;
}

}  // namespace

modules::RuleDataset read_rule_dataset(TableReader& table) {
  modules::RuleDataset data;
  data.n1 = table.integer("n1", 3);
  data.k1 = table.integer("k1", 3);
  data.k2 = table.integer("k2", 1);
  data.r = table.number("r", 1.0);
  data.rules = table.integer("rules", 1);
  data.kappa = table.integers("kappa", std::vector<int>{});
  if (table.has("prior")) data.prior = table.numbers("prior");
  return data;
}

modules::Description read_module_description(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw InvalidInput("modules", fmt::format("'{}' is not a readable file (a TOML module description)", file.string()));
  try {
    return read(file);
  } catch (const InvalidInput& e) {
    // TableReader names the figure recipes; here the file came through --modules.
    throw InvalidInput("modules", e.what());
  }
}

}  // namespace dln::io
