#include "data_flags.hpp"

#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/matrix_file.hpp"
#include "dln/numeric/data_training.hpp"

namespace dln::cli {

void DataFlags::add_to(CLI::App& app) {
  app.add_option("--data", files,
                 "your own data instead of the built-in family: X and Y files (.csv: one row per line, "
                 "comma-separated, no header; .npy: float64), samples as columns, the same sample count")
      ->expected(2);
  app.add_option("--blocks", blocks_text,
                 "with --data: row ranges Ωx,Γx,Ωy,Γy as half-open begin:end (e.g. 0:3,3:11,0:1,1:9) for the "
                 "quadrant read-outs; omitted: no quadrants");
}

DataFlags::Loaded DataFlags::load() const {
  if (!blocks_text.empty() && !given()) throw InvalidInput("blocks", "needs --data X Y (the built-in family has its own blocks)");
  Loaded data;
  data.X = io::read_matrix(files.at(0), "data");
  data.Y = io::read_matrix(files.at(1), "data");
  if (data.X.cols() != data.Y.cols())
    throw InvalidInput("data", fmt::format("{} has {} samples (columns) and {} has {}; accepted: the same count",
                                           files[0], data.X.cols(), files[1], data.Y.cols()));
  data.modes = analytic::data_modes(data.X, data.Y);
  if (!blocks_text.empty()) data.blocks = analytic::parse_blocks(blocks_text, data.X.rows(), data.Y.rows());
  data.loss_offset = data.Y.squaredNorm() / (2.0 * static_cast<double>(data.X.cols()));
  return data;
}

nlohmann::json DataFlags::parameters() const {
  return {{"data", files}, {"blocks", blocks_text.empty() ? nlohmann::json(nullptr) : nlohmann::json(blocks_text)}};
}

void require_dense_with_data(const std::string& arch_name) {
  if (analytic::parse_architecture(arch_name) != analytic::Architecture::dense)
    throw InvalidInput("arch", fmt::format("'{}' with --data; accepted: dense (the data has no module structure)",
                                           arch_name));
}

double data_lr(const CLI::App& app, double lr_flag, const analytic::DataModes& modes) {
  return app.get_option("--lr")->count() > 0 ? lr_flag : std::min(lr_flag, 0.5 * numeric::stable_data_lr(modes));
}

std::string data_csv(const analytic::DataCurve& curve, int rank, bool blocks) {
  std::string csv = "t,loss";
  for (int j = 1; j <= rank; ++j) csv += fmt::format(",s{}", j);
  if (blocks) csv += ",OxOy,GxOy,OxGy,GxGy";
  csv += '\n';
  for (const auto& row : curve.rows) {
    csv += fmt::format("{},{:.17g}", row.t, row.loss);
    for (Eigen::Index j = 0; j < row.strengths.size(); ++j) csv += fmt::format(",{:.17g}", row.strengths(j));
    if (row.quadrants)
      csv += fmt::format(",{:.17g},{:.17g},{:.17g},{:.17g}", row.quadrants->OxOy, row.quadrants->GxOy,
                         row.quadrants->OxGy, row.quadrants->GxGy);
    csv += '\n';
  }
  return csv;
}

nlohmann::json data_final_values(const analytic::DataCurve& curve) {
  if (curve.rows.empty()) return nullptr;
  const auto& last = curve.rows.back();
  nlohmann::json final{{"t", last.t}, {"loss", last.loss}};
  for (Eigen::Index j = 0; j < last.strengths.size(); ++j) final[fmt::format("s{}", j + 1)] = last.strengths(j);
  return final;
}

}  // namespace dln::cli
