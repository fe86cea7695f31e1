#include "dln/analytic/init_prediction.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <numeric>

#include "dln/analytic/mode_coordinates.hpp"
#include "dln/analytic/mode_vectors.hpp"
#include "dln/analytic/readout.hpp"

namespace dln::analytic {

std::string_view to_string(A0Estimate estimate) {
  switch (estimate) {
    case A0Estimate::per_mode: return "per-mode";
    case A0Estimate::class_block: return "class-block";
  }
  return "?";
}

namespace {

// Eigenvalues of a Gram matrix below this fraction of its largest are rounding of an exact 0: the directions
// projected away, or a rank limited by the hidden width.
constexpr double kRankTolerance = 1e-10;

// A family's coordinates split by block: `omega` from the Ω rows (or columns) of the weights alone, `gamma` from
// the Γ copies alone; their sum is family_coordinates' `in` (input side) or `out` (output side).
struct SplitCoordinates {
  Eigen::MatrixXd omega, gamma;
  Eigen::MatrixXd whole() const { return omega + gamma; }
};

// M·(mode vectors of `shape`), split into the contributions of the Ω and Γ blocks of M's columns.
SplitCoordinates split_coordinates(const Eigen::MatrixXd& M, const Eigen::MatrixXd& transformed, const SideLayout& side,
                                   VectorShape shape, const std::vector<std::uint64_t>& walsh) {
  return {apply_to_mode_vectors(M, transformed, side, {shape.omega, 0.0}, walsh),
          apply_to_mode_vectors(M, transformed, side, {0.0, shape.gamma}, walsh)};
}

// A deep module seen through its families: the block-split coordinates of W1 (input side) and W2ᵀ (output side).
struct ModuleView {
  std::vector<std::size_t> families;        // indices into modes.families, present and of this module
  std::vector<SplitCoordinates> in, out;    // per listed family: W1 v_j and W2ᵀ u_j by block
};

ModuleView module_view(const ArchitectureModes& modes, int module, const ModuleWeights& weights) {
  const ModuleLayout layout = module_layouts(modes.arch)[static_cast<std::size_t>(module)];
  const SideLayout in_side = input_side(modes.spec, layout.input), out_side = output_side(modes.spec, layout.output);
  const Eigen::MatrixXd W2t = weights.W2.transpose();
  const Eigen::MatrixXd in_transformed = walsh_transformed_copies(weights.W1, in_side);
  const Eigen::MatrixXd out_transformed = walsh_transformed_copies(W2t, out_side);
  ModuleView view;
  for (std::size_t i = 0; i < modes.families.size(); ++i) {
    const ModeFamily& family = modes.families[i];
    if (family.module != module || !family.present()) continue;
    const auto walsh = walsh_indices(modes.spec, family.basis);
    view.families.push_back(i);
    view.in.push_back(split_coordinates(weights.W1, in_transformed, in_side, family.v, walsh));
    view.out.push_back(split_coordinates(W2t, out_transformed, out_side, family.u, walsh));
  }
  return view;
}

// The thin SVD of H through the eigen-decomposition of H Hᵀ (h × h, whatever the number of modes), descending.
void factor(const Eigen::MatrixXd& H, ClassBlock& block) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(H * H.transpose());
  const Eigen::VectorXd& values = eigen.eigenvalues();  // ascending
  const double largest = values.size() > 0 ? values.maxCoeff() : 0.0;
  const auto rank_limit = std::min(H.rows(), H.cols());
  std::vector<Eigen::Index> kept;
  for (Eigen::Index i = values.size() - 1; i >= 0 && static_cast<Eigen::Index>(kept.size()) < rank_limit; --i)
    if (largest > 0.0 && values(i) > kRankTolerance * largest) kept.push_back(i);
  const auto rank = static_cast<Eigen::Index>(kept.size());
  block.hidden.resize(H.rows(), rank);
  block.a0.resize(kept.size());
  for (std::size_t k = 0; k < kept.size(); ++k) {
    block.hidden.col(static_cast<Eigen::Index>(k)) = eigen.eigenvectors().col(kept[k]);
    block.a0[k] = values(kept[k]);
  }
  block.modes = H.transpose() * block.hidden;  // the right singular vectors, times √a0
  for (Eigen::Index k = 0; k < rank; ++k) block.modes.col(k) /= std::sqrt(block.a0[static_cast<std::size_t>(k)]);
}

// The class blocks of one deep module (docs/theory.md §15): its families grouped by equal (s, λ), in decreasing s;
// each class's H = ½[W1 v_j + W2ᵀ u_j]_j is projected off the hidden span the classes with larger s took, which is
// the span of their blocks' hidden directions.
std::vector<ClassBlock> module_class_blocks(const ArchitectureModes& modes, int module, const ModuleView& view) {
  std::vector<std::size_t> order(view.families.size());  // positions in view
  std::iota(order.begin(), order.end(), 0);
  auto family = [&](std::size_t position) -> const ModeFamily& { return modes.families[view.families[position]]; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return family(a).s > family(b).s; });
  const Eigen::Index hidden = view.in.empty() ? 0 : view.in.front().omega.rows();
  Eigen::MatrixXd taken(hidden, 0);  // orthonormal basis of the larger classes' hidden span
  std::vector<ClassBlock> blocks;
  for (std::size_t first = 0; first < order.size();) {
    std::size_t last = first + 1;
    while (last < order.size() && family(order[last]).s == family(order[first]).s &&
           family(order[last]).lambda == family(order[first]).lambda)
      ++last;
    ClassBlock& block = blocks.emplace_back();
    block.module = module;
    Eigen::Index columns = 0;
    for (std::size_t k = first; k < last; ++k) columns += view.in[order[k]].omega.cols();
    Eigen::MatrixXd H(hidden, columns);
    for (std::size_t k = first, column = 0; k < last; ++k) {
      const std::size_t position = order[k];
      block.families.push_back(view.families[position]);
      const Eigen::Index width = view.in[position].omega.cols();
      H.middleCols(static_cast<Eigen::Index>(column), width) =
          0.5 * (view.in[position].whole() + view.out[position].whole());
      column += static_cast<std::size_t>(width);
    }
    H -= taken * (taken.transpose() * H);
    factor(H, block);
    Eigen::MatrixXd grown(hidden, taken.cols() + block.hidden.cols());
    grown << taken, block.hidden;
    taken = std::move(grown);
    first = last;
  }
  return blocks;
}

bool all_modules_deep(const ArchitectureModes& modes) {
  const auto layouts = module_layouts(modes.arch);
  return std::all_of(layouts.begin(), layouts.end(), [](const ModuleLayout& m) { return m.deep; });
}

// The rows of a block's `modes` that belong to each of its families, as (first row, count).
std::vector<std::pair<Eigen::Index, Eigen::Index>> family_rows(const ArchitectureModes& modes, const ClassBlock& block) {
  std::vector<std::pair<Eigen::Index, Eigen::Index>> rows;
  Eigen::Index first = 0;
  for (std::size_t i : block.families) {
    const auto count = static_cast<Eigen::Index>(modes.families[i].multiplicity);
    rows.emplace_back(first, count);
    first += count;
  }
  return rows;
}

// The predicted weights of one deep module (docs/theory.md §15), kept as the h × h Gram matrices the quadrant
// norms need: ‖W_{R,C}‖² = tr(W2_Rᵀ W2_R · W1_C W1_Cᵀ) with R an output block and C an input block, and
//   W1_C(t) = Σ_c M_c V_{c,C}ᵀ + W1⊥_C,    W2_R(t) = Σ_c U_{c,R} M_cᵀ + W2⊥_R G(t)    (c over the families),
// where M_c = A diag(√a) B_cᵀ with B_c the block's rows of family c, W1⊥ = W1(0)(I − VVᵀ) never moves (every row of
// the error lies in span V), and W2⊥ = (I − UUᵀ)W2(0) decays as W2⊥ ← W2⊥(I − η W1ΣxW1ᵀ), i.e. by the factor
// f_i along each hidden direction A_i. Distinct mode vectors are orthogonal within each block of rows, so
// V_{c,C}ᵀV_{d,C} = δ_cd w_c^C·I with w_c^C the family's squared block weight.
class FrozenPartModule {
public:
  FrozenPartModule(const ArchitectureModes& modes, int module, const ModuleView& view,
                   const std::vector<ClassBlock>& blocks, std::size_t first_block, const ModuleWeights& weights) {
    const ModuleLayout layout = module_layouts(modes.arch)[static_cast<std::size_t>(module)];
    const SideLayout in_side = input_side(modes.spec, layout.input), out_side = output_side(modes.spec, layout.output);
    has_in_ = {in_side.omega_rows > 0, in_side.copies > 0};
    has_out_ = {out_side.omega_rows > 0, out_side.copies > 0};
    const Eigen::Index h = weights.W1.rows();
    std::array<Eigen::MatrixXd, 2> correction_in{Eigen::MatrixXd::Zero(h, h), Eigen::MatrixXd::Zero(h, h)};
    std::array<Eigen::MatrixXd, 2> correction_out = correction_in;
    auto position_of = [&](std::size_t family) {
      return static_cast<std::size_t>(std::find(view.families.begin(), view.families.end(), family) -
                                      view.families.begin());
    };
    for (std::size_t b = first_block; b < blocks.size() && blocks[b].module == module; ++b) {
      const ClassBlock& block = blocks[b];
      Block term;
      term.index = b;
      term.hidden = block.hidden;
      const auto rank = block.hidden.cols();
      for (int side = 0; side < 2; ++side) {
        term.on_mode_in[side] = term.on_mode_out[side] = Eigen::MatrixXd::Zero(rank, rank);
        term.cross_in[side] = term.cross_out[side] = Eigen::MatrixXd::Zero(rank, h);
      }
      const auto rows = family_rows(modes, block);
      for (std::size_t k = 0; k < block.families.size(); ++k) {
        const ModeFamily& family = modes.families[block.families[k]];
        const std::size_t position = position_of(block.families[k]);
        const Eigen::MatrixXd B = block.modes.middleRows(rows[k].first, rows[k].second);
        const Eigen::MatrixXd in = view.in[position].whole(), out = view.out[position].whole();
        const std::array<double, 2> w_in{family.v.omega * family.v.omega, family.v.gamma * family.v.gamma};
        const std::array<double, 2> w_out{family.u.omega * family.u.omega, family.u.gamma * family.u.gamma};
        for (int side = 0; side < 2; ++side) {
          const Eigen::MatrixXd& in_block = side == 0 ? view.in[position].omega : view.in[position].gamma;
          const Eigen::MatrixXd& out_block = side == 0 ? view.out[position].omega : view.out[position].gamma;
          term.on_mode_in[side] += w_in[side] * B.transpose() * B;
          term.on_mode_out[side] += w_out[side] * B.transpose() * B;
          // B_cᵀ K_{c,C}ᵀ with K_{c,C} = W1⊥_C V_{c,C} = in_{c,C} − w_c^C·in_c, and alike on the output side.
          term.cross_in[side] += B.transpose() * (in_block - w_in[side] * in).transpose();
          term.cross_out[side] += B.transpose() * (out_block - w_out[side] * out).transpose();
          // Frozen Grams: W1⊥_C W1⊥_Cᵀ = W1_C W1_Cᵀ − Σ_c (in_{c,C} in_cᵀ + in_c in_{c,C}ᵀ) + Σ_c w_c^C in_c in_cᵀ.
          const Eigen::MatrixXd in_cross = in_block * in.transpose(), out_cross = out_block * out.transpose();
          correction_in[side] += w_in[side] * in * in.transpose() - in_cross - in_cross.transpose();
          correction_out[side] += w_out[side] * out * out.transpose() - out_cross - out_cross.transpose();
        }
      }
      blocks_.push_back(std::move(term));
    }
    const Eigen::Index in_omega = in_side.omega_rows, out_omega = out_side.omega_rows;
    const Eigen::MatrixXd& W1 = weights.W1;
    const Eigen::MatrixXd W2t = weights.W2.transpose();
    frozen_in_[0] = W1.leftCols(in_omega) * W1.leftCols(in_omega).transpose() + correction_in[0];
    frozen_in_[1] = W1.rightCols(W1.cols() - in_omega) * W1.rightCols(W1.cols() - in_omega).transpose() +
                    correction_in[1];
    frozen_out_[0] = W2t.leftCols(out_omega) * W2t.leftCols(out_omega).transpose() + correction_out[0];
    frozen_out_[1] = W2t.rightCols(W2t.cols() - out_omega) * W2t.rightCols(W2t.cols() - out_omega).transpose() +
                     correction_out[1];
    identity_ = Eigen::MatrixXd::Identity(h, h);
  }

  // Adds this module's ‖W_{R,C}(t)‖² to `squared`, given every block's strengths a(t) and decay factors f(t).
  void add_squared_quadrants(const std::vector<Eigen::VectorXd>& a, const std::vector<Eigen::VectorXd>& decay,
                             Quadrants& squared) const {
    Eigen::MatrixXd G = identity_;
    for (const auto& term : blocks_)
      G -= term.hidden * (Eigen::VectorXd::Ones(decay[term.index].size()) - decay[term.index]).asDiagonal() *
           term.hidden.transpose();
    std::array<Eigen::MatrixXd, 2> in_gram = frozen_in_, out_gram;
    for (int side = 0; side < 2; ++side) out_gram[side] = G * frozen_out_[side] * G;
    for (const auto& term : blocks_) {
      const Eigen::VectorXd root = a[term.index].cwiseMax(0.0).cwiseSqrt();
      const Eigen::MatrixXd scaled = term.hidden * root.asDiagonal();  // A diag(√a)
      for (int side = 0; side < 2; ++side) {
        const Eigen::MatrixXd in_cross = scaled * term.cross_in[side];
        const Eigen::MatrixXd out_cross = scaled * term.cross_out[side] * G;
        in_gram[side] += scaled * term.on_mode_in[side] * scaled.transpose() + in_cross + in_cross.transpose();
        out_gram[side] += scaled * term.on_mode_out[side] * scaled.transpose() + out_cross + out_cross.transpose();
      }
    }
    // Output block 0 = Ωy, 1 = Γy; input block 0 = Ωx, 1 = Γx.
    auto norm2 = [&](int r, int c) {
      return has_out_[r] && has_in_[c] ? std::max(0.0, out_gram[r].cwiseProduct(in_gram[c]).sum()) : 0.0;
    };
    squared.OxOy += norm2(0, 0);
    squared.GxOy += norm2(0, 1);
    squared.OxGy += norm2(1, 0);
    squared.GxGy += norm2(1, 1);
  }

private:
  struct Block {
    std::size_t index = 0;                        // into the class_blocks list
    Eigen::MatrixXd hidden;                       // A
    std::array<Eigen::MatrixXd, 2> on_mode_in;    // Σ_c w_c^C B_cᵀB_c per input block (rank × rank)
    std::array<Eigen::MatrixXd, 2> on_mode_out;   // Σ_c w_c^R B_cᵀB_c per output block
    std::array<Eigen::MatrixXd, 2> cross_in;      // Σ_c B_cᵀ (W1⊥_C V_{c,C})ᵀ per input block (rank × h)
    std::array<Eigen::MatrixXd, 2> cross_out;     // Σ_c B_cᵀ (W2⊥_Rᵀ U_{c,R})ᵀ per output block
  };
  std::vector<Block> blocks_;
  std::array<bool, 2> has_in_{}, has_out_{};
  std::array<Eigen::MatrixXd, 2> frozen_in_, frozen_out_;
  Eigen::MatrixXd identity_;
};

// The decay factor of W2⊥ along a block's hidden direction after t epochs, epoch by epoch beside its mode's
// ModeCurve: the discrete product Π_{t'<t}(1 − ηλ a(t')) or, for the flow, exp(−∫λ a dt/τ) =
// √(a*/(a* + a0(e^{2st/τ} − 1))) (as λa* = s).
class DecayCurve {
public:
  DecayCurve(double s, double lambda, double a0, TimeModel time, double eta)
      : s_(s), lambda_(lambda), a0_(a0), a_star_(lambda > 0.0 ? s / lambda : 0.0), eta_(eta), time_(time) {}
  double value() const { return value_; }
  // To the next epoch, from the mode strength a(t) of the epoch it leaves.
  void advance(double a_previous) {
    ++t_;
    if (time_ == TimeModel::discrete)
      value_ *= 1.0 - eta_ * lambda_ * a_previous;
    else
      value_ = a_star_ > 0.0 ? std::sqrt(a_star_ / (a_star_ + a0_ * std::expm1(2.0 * s_ * eta_ * static_cast<double>(t_))))
                             : 1.0;
  }

private:
  double s_, lambda_, a0_, a_star_, eta_;
  TimeModel time_;
  int t_ = 0;
  double value_ = 1.0;
};

}  // namespace

std::vector<ClassBlock> class_blocks(const ArchitectureModes& modes, const NetworkWeights& weights) {
  assert(weights.size() == module_layouts(modes.arch).size());
  std::vector<ClassBlock> blocks;
  for (std::size_t m = 0; m < weights.size(); ++m) {
    const int module = static_cast<int>(m);
    if (!module_layouts(modes.arch)[m].deep) continue;
    auto module_blocks = module_class_blocks(modes, module, module_view(modes, module, weights[m]));
    std::move(module_blocks.begin(), module_blocks.end(), std::back_inserter(blocks));
  }
  return blocks;
}

Trajectory theory_from_init(const ArchitectureModes& modes, const NetworkWeights& weights,
                            const TheoryOptions& options, A0Estimate estimate) {
  if (estimate == A0Estimate::per_mode || !all_modules_deep(modes))
    return theory_trajectory(modes, effective_initial_strengths(modes, weights), options);

  std::vector<ClassBlock> blocks;
  std::vector<FrozenPartModule> frozen;
  for (std::size_t m = 0; m < weights.size(); ++m) {
    const int module = static_cast<int>(m);
    const ModuleView view = module_view(modes, module, weights[m]);
    const std::size_t first_block = blocks.size();
    auto module_blocks = module_class_blocks(modes, module, view);
    std::move(module_blocks.begin(), module_blocks.end(), std::back_inserter(blocks));
    frozen.emplace_back(modes, module, view, blocks, first_block, weights[m]);
  }

  // One curve per block value; a family's strength at t is its modes' share of them: its mean is
  // Σ_i n_i a_i(t)/k and its mean square Σ_i n_i a_i(t)²/k, with n_i = ‖B_c e_i‖² (Σ over the class's families = 1).
  const double eta = modes.spec.P() * options.lr;
  std::vector<std::vector<ModeCurve>> curves(blocks.size());
  std::vector<std::vector<DecayCurve>> decay(blocks.size());
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const ModeFamily& family = modes.families[blocks[b].families.front()];
    for (double start : blocks[b].a0) {
      curves[b].emplace_back(family.s, family.lambda, start, true, options.time, eta);
      decay[b].emplace_back(family.s, family.lambda, start, options.time, eta);
    }
  }
  std::vector<std::vector<Eigen::VectorXd>> share(blocks.size());  // per block, per family: n_i
  for (std::size_t b = 0; b < blocks.size(); ++b)
    for (const auto& [first, count] : family_rows(modes, blocks[b]))
      share[b].push_back(blocks[b].modes.middleRows(first, count).colwise().squaredNorm().transpose());

  // a(t) and f(t) of every block's modes; strengths_at moves them to its t, quadrants_at reads them there.
  std::vector<Eigen::VectorXd> a_t, f_t;
  for (const auto& block_curves : curves) {
    a_t.emplace_back(static_cast<Eigen::Index>(block_curves.size()));
    f_t.emplace_back(static_cast<Eigen::Index>(block_curves.size()));
  }
  auto advance_to = [&](std::size_t t) {
    bool finite = true;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      for (Eigen::Index i = 0; i < a_t[b].size(); ++i) {
        ModeCurve& curve = curves[b][static_cast<std::size_t>(i)];
        DecayCurve& f = decay[b][static_cast<std::size_t>(i)];
        if (t > 0) {
          f.advance(curve.value());
          curve.advance();
        }
        a_t[b](i) = curve.value();
        f_t[b](i) = f.value();
        finite = finite && std::isfinite(curve.value());
      }
    }
    return finite;
  };
  auto strengths_at = [&](std::size_t t, std::vector<FamilyStrength>& out) {
    if (!advance_to(t)) return false;
    std::fill(out.begin(), out.end(), FamilyStrength{});
    for (std::size_t b = 0; b < blocks.size(); ++b)
      for (std::size_t k = 0; k < blocks[b].families.size(); ++k) {
        const std::size_t i = blocks[b].families[k];
        const auto count = static_cast<double>(modes.families[i].multiplicity);
        out[i].mean = share[b][k].dot(a_t[b]) / count;
        out[i].mean_square = share[b][k].dot(a_t[b].cwiseAbs2()) / count;
      }
    return true;
  };
  auto quadrants_at = [&](std::size_t) {
    Quadrants squared;
    for (const auto& module : frozen) module.add_squared_quadrants(a_t, f_t, squared);
    return Quadrants{std::sqrt(squared.OxOy), std::sqrt(squared.GxOy), std::sqrt(squared.OxGy),
                     std::sqrt(squared.GxGy)};
  };
  return closed_form_rows(modes, options, strengths_at, quadrants_at);
}

}  // namespace dln::analytic
