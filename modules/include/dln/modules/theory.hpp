#pragma once
// Closed forms of gated modules (docs/modules.md §3–4): with rule-level gates and init aligned on the latent
// blocks (features; complement latents), every mode of every module evolves as a race among the modules that
// write the same mode (race.hpp). dln finds the modes itself: per latent block and per group of interacting
// modules (G_mm' ≠ 0 and shared output rows) it takes the singular vectors of their gated correlations and checks
// that every module of the group is diagonal in them. That holds for gated single pathways (monolithic, R = 1
// architectures, constant gates), ground-truth routing (GT-Modular, GT-segregated), races on one output direction
// (the race preset) and every complement latent; it fails — and theory refuses, naming the modules — where the
// feature block is a coupled matrix ODE (soft non-proportional gates on the shared answer row; a dense module
// racing an answer-only one; a shared module beside rule modules), docs/modules.md §8.
#include <string>
#include <vector>

#include "dln/analytic/dynamics.hpp"
#include "dln/modules/latent_objective.hpp"
#include "dln/modules/race.hpp"

namespace dln::modules {

using analytic::TimeModel;  // flow, or the exact map of full-batch GD

struct RaceMode {
  int block = 0;              // index into the aligned blocks
  Eigen::VectorXd u, v;       // output direction (block rows) and input direction (block latents), unit
  std::vector<int> modules;   // the racers
  Race race;
};

struct ModeStructure {
  std::vector<LatentBlock> blocks;   // aligned_blocks (complement_each: one block per complement latent)
  std::vector<RaceMode> modes;
  std::vector<double> hidden_needed; // per module: hidden units aligned init needs (one per mode and latent copy)
};

// Throws InvalidInput("modules", …) outside the domain (see above), naming the modules whose modes rotate.
// complement_each: one block per complement latent (exact for init that differs across them; small P only).
// joint = false: every module on the modes of its own gated correlation, without the check that interacting
// modules share them — what balanced aligned init means for any description (no closed form implied).
ModeStructure mode_structure(const Description& description, bool complement_each = false, bool joint = true);

struct TheoryOptions {
  double lr = 0.02;
  int epochs = 300;
  TimeModel time = TimeModel::flow;
  double a0 = 1e-6;          // every racer's strength at t = 0 (balanced aligned init), unless strengths given
  bool check_hidden = true;  // refuse modules whose hidden width is below what their modes need
  void validate() const;     // InvalidInput("lr" | "epochs" | "a0", …)
};

// Initial contributions per mode and racer: c = ν·a0 for aligned init.
std::vector<Eigen::VectorXd> aligned_contributions(const ModeStructure& structure, double a0);
// From actual full weights (docs/modules.md §3.2): a0 = ¼‖V1 v + V2ᵀ u‖² (deep) or uᵀ V v (shallow), the weights
// taken to latent coordinates; per complement block it is the mean over the latents the block stands for.
std::vector<Eigen::VectorXd> contributions_from_weights(const Description& description, const ModeStructure& structure,
                                                        const State& weights);

// The latent state (on structure.blocks) of balanced aligned weights with the given contributions per mode.
State aligned_state(const Description& description, const ModeStructure& structure,
                    const std::vector<Eigen::VectorXd>& contributions);

// The same balanced aligned weights as full weights (each block's hidden units side by side, zero units up to the
// module's hidden width): the init from which full-batch GD follows the exact discrete maps. Needs
// structure = mode_structure(description, true) and hidden ≥ hidden_needed.
State aligned_full_weights(const Description& description, const ModeStructure& structure,
                           const std::vector<Eigen::VectorXd>& contributions);

// Throws dln::InvalidInput("router_lr_ratio", …) for learned routing: its flow has no closed form (docs/modules.md §5.1);
// ("routing", …) for per-sample routing (§5.3).
void require_fixed_routing(const Description& description);

// Closed-form trajectory read off through the latent read-out (LatentObjective::measure on the aligned state).
// `initial` empty = aligned_contributions(structure, options.a0).
ReadoutTrajectory theory_trajectory(const Description& description, const ModeStructure& structure,
                                    const TheoryOptions& options, std::vector<Eigen::VectorXd> initial = {});

}  // namespace dln::modules
