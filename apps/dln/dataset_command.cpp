// dln dataset: the built-in family's X and Y (docs/theory.md §2, samples as columns) as files, so that
// they can be read back with --data, by numpy (numpy.load) or by anything that reads CSV.
#include <filesystem>
#include <fmt/format.h>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/io/atomic_file.hpp"
#include "dln/io/matrix_file.hpp"
#include "dln/io/output_target.hpp"

namespace dln::cli {

namespace {

class DatasetCommand : public Command {
public:
  explicit DatasetCommand(CLI::App& dln) {
    app = dln.add_subcommand("dataset", "write the built-in family's X and Y as .npy and .csv (samples as columns)");
    dataset_.add_to(*app);
    app->add_option("--out", directory_, "existing directory for X.npy, Y.npy, X.csv, Y.csv (and their manifests)")
        ->required();
  }

  int run(RunRecord& record) override {
    const auto& spec = dataset_.spec;
    spec.validate();
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(directory_, ec))
      throw InvalidInput("out", fmt::format("'{}' is not an existing directory (create it first)", directory_));
    const fs::path dir(directory_);
    for (const char* name : {"X.npy", "Y.npy", "X.csv", "Y.csv"}) io::check_output_target(dir / name, "out");
    const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
    record.parameters = {{"n1", spec.n1}, {"n2", spec.n2}, {"k1", spec.k1}, {"k2", spec.k2},
                         {"r", spec.r}, {"keep", spec.kept_features()}};
    io::write_file(dir / "X.npy", io::npy_bytes(X));
    io::write_file(dir / "Y.npy", io::npy_bytes(Y));
    emit((dir / "X.csv").string(), io::csv_text(X), record);
    emit((dir / "Y.csv").string(), io::csv_text(Y), record);
    return 0;
  }

private:
  DatasetFlags dataset_;
  std::string directory_;
};

}  // namespace

std::unique_ptr<Command> make_dataset_command(CLI::App& dln) { return std::make_unique<DatasetCommand>(dln); }

}  // namespace dln::cli
