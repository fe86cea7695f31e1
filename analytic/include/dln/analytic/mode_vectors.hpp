#pragma once
// Mode vectors in a module's own coordinates, explicitly (small P, for checks) or applied to a
// matrix through the fast Walsh–Hadamard transform (any P that fits in memory).
//
// The complement of span{x_f} is given the Walsh basis: the rows x_f of Ωx are the single-bit Walsh
// functions χ_S(c) = (-1)^popcount(S & c) with S = 2^(n1-1-f), so the χ_S/√P with popcount(S) ≠ 1,
// in increasing S, are an orthonormal basis {q} of the complement. Any basis is valid (docs/theory.md §3).
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "dln/analytic/modes.hpp"

namespace dln::analytic {

// One side (input rows of X or output rows of Y) of a module.
struct SideLayout {
  int n1 = 0;
  std::uint64_t P = 0;
  int omega_rows = 0;                     // n1 (Ωx), n2 (Ωy) or 0
  std::vector<int> omega_row_of_feature;  // per feature f: its row in the Ω block, or -1
  int copies = 0;                         // k1 or k2 Γ copies (0 when the module does not see Γ)
  Eigen::Index dimension() const { return omega_rows + static_cast<Eigen::Index>(copies * P); }
};

SideLayout input_side(const DatasetSpec& spec, Block block);
SideLayout output_side(const DatasetSpec& spec, Block block);

// The Walsh indices S the modes of a family are built on: 2^(n1-1-f) for features, the complement's
// popcount(S) ≠ 1 in increasing order. Size = family multiplicity when present.
std::vector<std::uint64_t> walsh_indices(const DatasetSpec& spec, ModeBasis basis);

// In-place unnormalised fast Walsh–Hadamard transform of each row: out[S] = Σ_c (-1)^popcount(S&c) in[c].
void walsh_hadamard_rows(Eigen::MatrixXd& rows);

// The family's vectors on one side, as columns (dimension × multiplicity). Small P only.
Eigen::MatrixXd mode_vectors(const SideLayout& side, VectorShape shape, const std::vector<std::uint64_t>& walsh);

// M · mode_vectors(side, shape, walsh) without forming the vectors, in two parts. First the part that
// depends on M alone, O(rows·P·log P): M's Γ copies summed and Walsh-transformed, so that column S is
// (Σ_copies M_copy)·χ_S (rows × P; empty when the side has no copies). Every family on the same side
// reads its Γ columns from this one transform.
Eigen::MatrixXd walsh_transformed_copies(const Eigen::MatrixXd& M, const SideLayout& side);

// Then the product itself, given transformed = walsh_transformed_copies(M, side) (not read when
// shape.gamma = 0): O(rows·multiplicity).
Eigen::MatrixXd apply_to_mode_vectors(const Eigen::MatrixXd& M, const Eigen::MatrixXd& transformed,
                                      const SideLayout& side, VectorShape shape,
                                      const std::vector<std::uint64_t>& walsh);

}  // namespace dln::analytic
