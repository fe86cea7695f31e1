// The matrix products of one full-batch GD epoch with its read-out (numeric::Objective::forward, descend and
// measure of a dense deep module: k1 input copies, k2 = 1 output copy), alone, at the shapes dln uses, on random
// matrices: the part of an epoch no restructuring of the other passes can remove. Built by
// bench/gemm_benchmark.sh twice, with Eigen's own kernels and with -DEIGEN_USE_BLAS (OpenBLAS), with the
// same optimisation flags as the Release build, so it prints what the products cost in each of dln's builds.
//
//   epoch_gemms [N1] [HIDDEN] [REPEATS]     (defaults 10, 50, 300; n2 = n1, P = 2^n1)
//
// Prints, per group of products and in total, the best CPU milliseconds per epoch (the minimum over 5 rounds of
// REPEATS epochs), the flops and the rate they give, and the same build's DGEMM rate at 1000 × 1000 (C += A·B).
#include <Eigen/Dense>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <vector>

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// M·Mᵀ by a rank update of one triangle, as numeric/src/gram.hpp does.
template <typename Derived>
void gram_into(const Eigen::MatrixBase<Derived>& M, Eigen::MatrixXd& result) {
  result.setZero(M.rows(), M.rows());
  result.selfadjointView<Eigen::Lower>().rankUpdate(M);
  result.triangularView<Eigen::StrictlyUpper>() = result.transpose();
}

}  // namespace

int main(int argc, char** argv) {
  const int n1 = argc > 1 ? std::atoi(argv[1]) : 10, h = argc > 2 ? std::atoi(argv[2]) : 50;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 300;
  const Eigen::Index P = Eigen::Index{1} << n1, n2 = n1;
  std::srand(1);
  const Eigen::MatrixXd omega_x = Eigen::MatrixXd::Random(n1, P), omega_y = Eigen::MatrixXd::Random(n2, P);
  Eigen::MatrixXd W1_omega = Eigen::MatrixXd::Random(h, n1) * 1e-3, W2 = Eigen::MatrixXd::Random(n2 + P, h) * 1e-3;
  const Eigen::MatrixXd S = Eigen::MatrixXd::Random(h, P), A0 = Eigen::MatrixXd::Random(h, P);
  Eigen::MatrixXd H(h, P), A(h, P), D(h, P), G_omega, G_gamma, HHt, W2_HHt(n2 + P, h), S_gram, W1_gram, block(n2, n1);
  const double step = 1e-6;
  // Each product with its multiply-adds (the n2-row Gram and W[Ωy,Ωx] are negligible and counted with their group).
  const double hh = static_cast<double>(h) * h, p = static_cast<double>(P), hnp = static_cast<double>(h) * n1 * p;
  struct Product {
    const char* name;
    double multiply_adds;
    std::function<void()> run;
  };
  const std::vector<Product> products = {
      {"Ω products (H, A, W1_Ω and W2_Ω steps)", 4 * hnp, [&] {
         H = S;
         H.noalias() += W1_omega * omega_x;
         A = A0;
         A.noalias() += W2.topRows(n2).transpose() * omega_y;
         W1_omega.noalias() += step * D * omega_x.transpose();
         W2.topRows(n2).noalias() += step * omega_y * H.transpose();
         block.noalias() = W2.topRows(n2) * W1_omega;
       }},
      {"Gram matrices G, H·Hᵀ, S·Sᵀ", 1.5 * hh * p, [&] {
         gram_into(W2.topRows(n2).transpose(), G_omega);
         gram_into(W2.bottomRows(P).transpose(), G_gamma);
         gram_into(H, HHt);
         gram_into(S, S_gram);
         gram_into(W1_omega, W1_gram);
       }},
      {"G·H", hh * p, [&] {
         D = A;
         D.noalias() -= (G_omega + G_gamma) * H;
       }},
      {"W2·H·Hᵀ", hh * (p + n2), [&] { W2_HHt.noalias() = W2 * HHt; }},
  };
  double total = 0.0, total_flops = 0.0;
  for (const Product& product : products) {
    product.run();
    double best = 1e300;
    for (int round = 0; round < 5; ++round) {
      const double start = cpu_seconds();
      for (int i = 0; i < repeats; ++i) product.run();
      const double per_epoch = (cpu_seconds() - start) / repeats;
      if (per_epoch < best) best = per_epoch;
    }
    std::printf("  %-42s %7.3f ms per epoch, %6.2f MFLOP, %5.1f GFLOP/s\n", product.name, 1e3 * best,
                2e-6 * product.multiply_adds, 2e-9 * product.multiply_adds / best);
    total += best;
    total_flops += 2.0 * product.multiply_adds;
  }
  const Eigen::Index N = 1000;
  const Eigen::MatrixXd a = Eigen::MatrixXd::Random(N, N), b = Eigen::MatrixXd::Random(N, N);
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(N, N);
  double dgemm = 1e300;
  for (int round = 0; round < 3; ++round) {
    const double start = cpu_seconds();
    c.noalias() += a * b;
    const double t = cpu_seconds() - start;
    if (t < dgemm) dgemm = t;
  }
  std::printf("n1 %d hidden %d: products %.3f ms per epoch, %.2f MFLOP, %.1f GFLOP/s; DGEMM 1000: %.1f GFLOP/s "
              "(checksum %.3g)\n",
              n1, h, 1e3 * total, 1e-6 * total_flops, 1e-9 * total_flops / total, 2e-9 * N * N * N / dgemm,
              W2_HHt.sum() + D.sum() + S_gram.sum() + W1_gram.sum() + block.sum() + c(0, 0));
}
