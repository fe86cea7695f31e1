#include "parse_error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <regex>

namespace dln::cli {

namespace {

// What a value of CLI11's type name must look like, in words.
std::string kind_of_value(const std::string& type) {
  if (type == "INT") return "an integer";
  if (type == "UINT") return "a non-negative integer";
  if (type == "FLOAT") return "a number";
  return "a value of type " + type;
}

bool integer_text(const std::string& value) { return std::regex_match(value, std::regex("[+-]?[0-9]+")); }

// The parsed subcommand holding the option (a nested one such as `nonlinear dataset` first), and the option,
// or nulls.
std::pair<const CLI::App*, const CLI::Option*> find_option(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : app.get_subcommands()) {
    if (const auto found = find_option(*sub, name); found.second) return found;
    if (const CLI::Option* option = sub->get_option_no_throw(name)) return {sub, option};
  }
  return {nullptr, nullptr};
}

// Every subcommand at every depth (`nonlinear` and `nonlinear dataset`).
template <typename Visit>
void for_each_subcommand(CLI::App& app, Visit&& visit) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    visit(*sub);
    for_each_subcommand(*sub, visit);
  }
}

}  // namespace

std::string command_name(const CLI::App& command) {
  const CLI::App* parent = command.get_parent();
  return parent != nullptr && parent->get_parent() != nullptr ? command_name(*parent) + " " + command.get_name()
                                                              : command.get_name();
}

std::string one_line(const std::string& message) {
  std::string line;
  for (const char c : message) {
    if (c == '\n') line += "\\n";
    else if (c == '\t') line += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) line += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    else line += c;
  }
  return line;
}

std::string parse_error_line(const CLI::App& dln, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::RequiredError*>(&error) && dln.get_subcommands().empty() && !dln.remaining().empty()) {
    std::vector<std::string> names;
    for (const CLI::App* sub : dln.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    return fmt::format("error: unknown subcommand '{}'; the subcommands are {} (see dln --help)", dln.remaining().front(),
                       fmt::join(names, ", "));
  }
  static const std::regex not_converted("Could not convert: (\\S+) = (.*)");
  std::smatch match;
  const std::string message = one_line(error.what());
  if (const auto* conversion = dynamic_cast<const CLI::ConversionError*>(&error);
      conversion && std::regex_match(message, match, not_converted)) {
    const std::string name = match[1], value = match[2];
    if (const auto [sub, option] = find_option(dln, name); option) {
      const std::string type = option->get_type_name();
      const std::string problem = (type == "INT" || type == "UINT") && integer_text(value)
                                      ? fmt::format("{} = {} is out of range", name, value)
                                      : fmt::format("{} must be {}, got '{}'", name, kind_of_value(type), value);
      return fmt::format("error: {} ({}; see dln {} --help)", problem, option->get_description(), command_name(*sub));
    }
  }
  return fmt::format("error: {} (see dln --help)", message);
}

void refuse_empty_values(CLI::App& dln) {
  const CLI::Validator non_empty(
      [](const std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); }, "",
      "non-empty");
  for_each_subcommand(dln, [&](CLI::App& sub) {
    for (CLI::Option* option : sub.get_options())
      if (option->get_expected_min() > 0) option->check(non_empty);
  });
}

void refuse_negative_unsigned(CLI::App& dln) {
  const CLI::Validator unsigned_value(
      [](const std::string& value) {
        return value.find('-') == std::string::npos ? std::string()
                                                    : fmt::format("must be a non-negative integer, got '{}'", value);
      },
      "", "unsigned");
  for_each_subcommand(dln, [&](CLI::App& sub) {
    for (CLI::Option* option : sub.get_options())
      if (option->get_type_name() == "UINT") option->check(unsigned_value);
  });
}

}  // namespace dln::cli
