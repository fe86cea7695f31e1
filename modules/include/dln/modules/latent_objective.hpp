#pragma once
// The latent form (docs/modules.md §2, Theorem 1): for rule-level gates, GD or gradient flow on the full weights
// is identical to GD or flow on the latent weights V1 = W1·N_m, V2 = O_mᵀ·W2 with the loss
//     L = Σ_ρ π_ρ · ½‖T_ρ − Σ_m g_m(ρ) D_m V2^m V1^m Λ_m‖²,   Λ_m = diag(ν_{m,S}),
//     T_ρ = e_Ω e_{S(κ(ρ))}ᵀ + β_y Σ_S u_S e_Sᵀ   (answer reads the queried feature; per-item block β_y·I).
//
// The latents are grouped into independent blocks: a block is a set of input latents and output rows whose
// weights share hidden units only among themselves. Exact for any init: one block with every latent and every
// output row (full_block; what to_latent gives). With init aligned on the blocks (aligned_blocks) the complement
// latents are P − n1 identical copies of one latent, so one representative with multiplicity P − n1 carries
// them: a cost independent of P (docs/modules.md §2, consequence 2). A block's loss counts `multiplicity` times;
// its gradient is that of one copy.
#include <cstdint>
#include <vector>

#include "dln/modules/engine.hpp"

namespace dln::modules {

struct LatentBlock {
  std::vector<std::uint64_t> latents;  // input latents S, in column order
  bool answer = true;                  // the answer row is part of the block (for modules that write Ωy)
  // Item rows (contrast j, S) for modules that write Γy; j = 0 is u_S (target β_y on latent S), j ≥ 1 target 0.
  std::vector<std::pair<int, std::uint64_t>> items;
  double multiplicity = 1.0;
};

// Every latent and every output row, in to_latent's order (items j-major): exact for any weights.
LatentBlock full_block(const RuleDataset& data);
// The features with the answer row and their u_f rows, and one complement latent (S = 0) with its u_0 row and
// multiplicity P − n1: exact for init that is aligned on these blocks and identical across complement latents.
std::vector<LatentBlock> aligned_blocks(const RuleDataset& data);

class LatentObjective final : public Engine {
public:
  // State layout: block-major, module-minor (state[b·M + m]); deep V1 is hidden × latents, V2 rows × hidden.
  LatentObjective(Description description, std::vector<LatentBlock> blocks);

  const Description& description() const override { return description_; }
  const std::vector<LatentBlock>& blocks() const { return blocks_; }
  double loss(const State& state, const Eigen::MatrixXd& gates) const override;
  double descent(const State& state, const Eigen::MatrixXd& gates, State& descent) const override;
  // h_{mρ} = π_ρ Σ_blocks ⟨T_ρ − Ŷ_ρ, F_m⟩ on module m's rows (docs/modules.md §5.1).
  Eigen::MatrixXd gate_drive(const State& state, const Eigen::MatrixXd& gates) const override;
  // Quadrant norms of the map restricted to the data span (the part of the weights that acts on data).
  Readout measure(const State& state, const Eigen::MatrixXd& gates, int t) const override;

  // Latent rows of module m in block b (answer first when present, then the block's item rows).
  Eigen::Index module_rows(int block, int m) const;
  // The full-weight state → the single full block's state (requires blocks() == {full_block}).
  State from_full(const State& weights) const;

  // F_m = V2 V1 Λ_m (module rows × block latents): module m's latent map including its input gains.
  Eigen::MatrixXd module_map(int block, int m, const State& state) const;
  // T_ρ on the block's rows × latents.
  Eigen::MatrixXd target(int block, int rho) const;
  // 1 on the block rows module m writes, 0 elsewhere (block row order: answer, then items).
  Eigen::VectorXd row_mask(int block, int m) const;
  // ν_{m,S} over the block's latents.
  const Eigen::VectorXd& gains(int block, int m) const {
    return gains_[static_cast<std::size_t>(block)][static_cast<std::size_t>(m)];
  }

private:
  struct Rows {  // where module m's rows sit among block b's rows
    bool answer = false;
    bool items = false;
  };
  Rows rows_of(int block, int m) const;
  std::vector<Eigen::MatrixXd> predictions(int block, const State& state, const Eigen::MatrixXd& gates,
                                           std::vector<Eigen::MatrixXd>& maps) const;  // Ŷ_ρ per rule
  Eigen::MatrixXd restrict(int block, int m, const Eigen::MatrixXd& block_rows) const;  // module m's rows

  Description description_;
  std::vector<LatentBlock> blocks_;
  std::vector<std::vector<Eigen::VectorXd>> gains_;  // [block][module]: ν over the block's latents
};

// Module contributions and systematic share (Readout's fields) from a latent state.
struct Contributions {
  std::vector<double> answer, item;
  double systematic_share = 0.0;
};
Contributions latent_contributions(const LatentObjective& objective, const State& state, const Eigen::MatrixXd& gates);

}  // namespace dln::modules
