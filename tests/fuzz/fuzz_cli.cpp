// A seeded random-mutation fuzzer for dln's input readers, run through the real binary: the TOML recipe
// reader (mutations of the shipped recipes, read by `dln figures --recipes DIR --list`), the TOML module
// descriptions (mutations of tests/cli/modules/*.toml, read by `dln modules theory --modules FILE`) and the
// numeric flag parsers (mutated values for the flags of every subcommand). For every input dln must
//   * not crash (no signal) and not hang (done within the time limit);
//   * accept it (exit 0, or 1 for a numerical outcome such as a divergence), or reject it as bad input:
//     exit 2 with exactly one line on stderr, starting with "error:".
// The same seed gives the same inputs (std::mt19937_64's sequence is fixed by the standard; choices are
// taken modulo, not through the implementation-defined distributions), so a failure can be replayed.
//
//   fuzz_cli DLN RECIPE_DIR MODULES_DIR WORK_DIR RECIPE_INPUTS MODULE_INPUTS FLAG_INPUTS SEED
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr auto kTimeLimit = std::chrono::seconds(30);

struct Outcome {
  int exit_status = -1;  // -1: killed by a signal or by the time limit
  int signal = 0;
  bool timed_out = false;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs the command with stdout to /dev/null and stderr to a file; kills it at the time limit.
Outcome run(const std::vector<std::string>& command, const fs::path& stderr_file) {
  std::vector<char*> argv;
  for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    const int err = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(null, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + kTimeLimit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      outcome.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!outcome.timed_out) {
    if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  }
  outcome.err = slurp(stderr_file);
  return outcome;
}

// What is wrong with the outcome, or "" when it keeps the contract.
std::string violation(const Outcome& o) {
  if (o.timed_out) return fmt::format("did not finish within {} s", kTimeLimit.count());
  if (o.signal != 0) return fmt::format("killed by signal {}", o.signal);
  if (o.exit_status == 0 || o.exit_status == 1) return "";
  if (o.exit_status != 2) return fmt::format("exit status {}, expected 0, 1 or 2", o.exit_status);
  const bool one_line = !o.err.empty() && o.err.find('\n') == o.err.size() - 1;
  if (!o.err.starts_with("error:") || !one_line) return "rejected without exactly one 'error:' line on stderr";
  return "";
}

class Mutator {
public:
  explicit Mutator(std::uint64_t seed) : engine_(seed) {}

  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine_() % n); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

  // A value a parser might trip on: extremes, other spellings of numbers, junk, and plain good values.
  std::string value() {
    static const std::vector<std::string> values{
        "0", "1", "-1", "3", "2", "0.5", "1e-6", "1e308", "1e309", "-1e309", "1e-320", "4.9e-324", "nan", "-nan",
        "inf", "-inf", "NaN", "0x10", "0x1p3", "1e", "e5", ".", "-", "+", "--", "1..2", "1,2", "1,,2", ",", " 3",
        "3 ", "\t", "٣", "1_000", "007", "9223372036854775807", "9223372036854775808", "18446744073709551615",
        "18446744073709551616", "-9223372036854775809", "2147483647", "2147483648", "-2147483649", "1e200",
        "1e-170", "true", "false", "[1]", "\"1\"", "'", "\\", "%s%n", std::string(300, '9'), std::string(5000, 'a')};
    std::string v = pick(values);
    if (below(4) == 0) v = mutate(v);
    return v;
  }

  // One to four random edits: delete a span, insert a token or a random byte, duplicate or drop a line,
  // replace a number by an extreme value.
  std::string mutate(std::string text) {
    static const std::vector<std::string> tokens{
        "=", "[", "]", "[[", "]]", "{", "}", ",", "\"", "'", "'''", "\"\"\"", "#", "\n", ".", "-", "+", "nan", "inf",
        "1e308", "-1", "0", "true", "[]", "{}", "\\u0000", "\\", "x = 1\n", "[dataset]\n", "kind = \"full-rank\"\n",
        "n1 = 40\n", "r = 1e200\n", "epochs = 2147483648\n", "é", "\xff", "\xc3"};
    const std::size_t edits = 1 + below(4);
    for (std::size_t e = 0; e < edits; ++e) {
      const std::size_t at = below(text.size() + 1);
      switch (below(6)) {
        case 0: text.erase(at, 1 + below(8)); break;
        case 1: text.insert(at, pick(tokens)); break;
        case 2: text.insert(at, 1, static_cast<char>(below(256))); break;
        case 3: {  // duplicate the line around `at`
          const std::size_t begin = text.rfind('\n', at == 0 ? 0 : at - 1);
          const std::size_t first = begin == std::string::npos ? 0 : begin + 1;
          const std::size_t end = text.find('\n', first);
          const std::string line = text.substr(first, end == std::string::npos ? std::string::npos : end - first + 1);
          text.insert(first, line);
          break;
        }
        case 4: {  // drop the line around `at`
          const std::size_t begin = text.rfind('\n', at == 0 ? 0 : at - 1);
          const std::size_t first = begin == std::string::npos ? 0 : begin + 1;
          const std::size_t end = text.find('\n', first);
          text.erase(first, end == std::string::npos ? std::string::npos : end - first + 1);
          break;
        }
        default: {  // the next number from `at` becomes an extreme value
          const std::size_t digit = text.find_first_of("0123456789", at);
          if (digit == std::string::npos) break;
          const std::size_t end = text.find_first_not_of("0123456789.e-+", digit);
          text.replace(digit, end == std::string::npos ? std::string::npos : end - digit, value());
          break;
        }
      }
    }
    return text;
  }

private:
  std::mt19937_64 engine_;
};

// A subcommand with the numeric flags it takes; every run gets the fixed arguments first, which keep a
// valid input quick (few epochs), then the mutated flags.
struct FlagTarget {
  std::vector<std::string> fixed;
  std::vector<std::string> flags;
};

const std::vector<FlagTarget> kFlagTargets{
    {{"spectrum"}, {"--n1", "--n2", "--k1", "--k2", "--r", "--keep"}},
    {{"theory", "--epochs", "5"}, {"--n1", "--n2", "--k1", "--k2", "--r", "--keep", "--lr", "--a0"}},
    {{"theory", "--init", "random", "--epochs", "5"}, {"--seed", "--init-scale", "--hidden", "--n1", "--r", "--epochs"}},
    {{"integrate", "--epochs", "3"}, {"--rtol", "--atol", "--max-steps", "--a0", "--lr", "--r", "--hidden"}},
    {{"simulate", "--epochs", "3"}, {"--lr", "--seeds", "--gamma", "--nu", "--hidden", "--a0", "--r", "--k1"}},
    {{"simulate", "--rule", "sgd", "--epochs", "3"}, {"--batch", "--seeds", "--seed", "--lr"}},
    {{"fullrank", "--method", "montecarlo", "--n1", "3"}, {"--samples", "--seed"}},
    {{"generalize", "--epochs", "3"}, {"--train", "--train-fraction", "--seeds", "--seed", "--hidden", "--lr"}},
    {{"theory", "--init", "random", "--a0-estimate", "per-mode", "--epochs", "5"}, {"--seed", "--n1", "--k1", "--r"}},
    {{"spectrum", "--exact"}, {"--n1", "--k1", "--r", "--lr", "--a0"}},
    {{"formula"}, {"--n1", "--k2", "--r", "--t", "--lr", "--a0", "--wrt"}},
    {{"nonlinear", "dataset", "--epochs", "3"}, {"--lr", "--batch", "--hidden", "--init-scale", "--seed", "--seeds"}},
    {{"modules", "theory", "--preset", "gt-modular", "--epochs", "3"},
     {"--n1", "--k1", "--k2", "--r", "--rules", "--kappa", "--prior", "--hidden", "--lr"}},
};

// The .toml files of a directory, read in name order (directory order is not portable).
std::vector<std::string> toml_files(const fs::path& directory) {
  std::vector<std::string> texts;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.path().extension() == ".toml") texts.push_back(slurp(entry.path()));
  std::sort(texts.begin(), texts.end());
  return texts;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 9) {
    std::cerr << "usage: fuzz_cli DLN RECIPE_DIR MODULES_DIR WORK_DIR RECIPE_INPUTS MODULE_INPUTS FLAG_INPUTS SEED\n";
    return 2;
  }
  const std::string dln = argv[1];
  const fs::path recipe_dir = argv[2], modules_dir = argv[3], work = argv[4];
  const int recipe_inputs = std::stoi(argv[5]), module_inputs = std::stoi(argv[6]), flag_inputs = std::stoi(argv[7]);
  Mutator mutator(std::stoull(argv[8]));
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path err_file = work / "stderr.txt";

  const std::vector<std::string> recipes = toml_files(recipe_dir), descriptions = toml_files(modules_dir);
  if (recipes.empty() || descriptions.empty()) {
    std::cerr << "no .toml files in " << (recipes.empty() ? recipe_dir : modules_dir) << "\n";
    return 1;
  }

  int failures = 0, accepted = 0, rejected = 0;
  const auto report = [&](const Outcome& o, const std::string& what) {
    if (const std::string problem = violation(o); !problem.empty()) {
      ++failures;
      std::cerr << fmt::format("FAIL: {}: {}\n--- stderr:\n{}\n", what, problem, o.err);
    } else {
      ++(o.exit_status == 2 ? rejected : accepted);
    }
  };

  for (int i = 0; i < recipe_inputs; ++i) {
    const fs::path dir = work / fmt::format("recipe{}", i);
    fs::create_directories(dir);
    const fs::path file = dir / "fuzzed.toml";
    std::ofstream(file, std::ios::binary) << mutator.mutate(mutator.pick(recipes));
    const Outcome o = run({dln, "figures", "--recipes", dir.string(), "--list"}, err_file);
    report(o, fmt::format("recipe input {} (kept as {})", i, file.string()));
    if (violation(o).empty()) fs::remove_all(dir);
  }

  for (int i = 0; i < module_inputs; ++i) {
    const fs::path file = work / fmt::format("modules{}.toml", i);
    std::ofstream(file, std::ios::binary) << mutator.mutate(mutator.pick(descriptions));
    const Outcome o = run({dln, "modules", "theory", "--modules", file.string(), "--epochs", "3"}, err_file);
    report(o, fmt::format("module description {} (kept as {})", i, file.string()));
    if (violation(o).empty()) fs::remove(file);
  }

  for (int i = 0; i < flag_inputs; ++i) {
    const FlagTarget& target = mutator.pick(kFlagTargets);
    std::vector<std::string> command{dln};
    command.insert(command.end(), target.fixed.begin(), target.fixed.end());
    for (std::size_t f = 0, n = 1 + mutator.below(3); f < n; ++f) {
      command.push_back(mutator.pick(target.flags));
      command.push_back(mutator.value());
    }
    const Outcome o = run(command, err_file);
    std::string shown;
    for (std::size_t a = 1; a < command.size(); ++a) shown += fmt::format(" '{}'", command[a].substr(0, 60));
    report(o, fmt::format("flag input {}: dln{}", i, shown));
  }

  std::cout << fmt::format("{} inputs ({} recipes, {} module descriptions, {} command lines): {} accepted, {} rejected "
                           "with one error line, {} broke the contract\n",
                           recipe_inputs + module_inputs + flag_inputs, recipe_inputs, module_inputs, flag_inputs,
                           accepted, rejected, failures);
  return failures == 0 ? 0 : 1;
}
