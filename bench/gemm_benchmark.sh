#!/usr/bin/env bash
# The matrix products of one GD epoch alone (bench/epoch_gemms.cpp), with Eigen's own kernels (the default build:
# generic x86-64, SSE2) and through OpenBLAS (-DDLN_WITH_OPENBLAS=ON's EIGEN_USE_BLAS, one thread), compiled with
# the Release build's flags: the floor that the products put under an epoch in each build.
#
#   bench/gemm_benchmark.sh [N1] [HIDDEN]      (defaults: 10, 50)
set -euo pipefail
here=$(dirname "$(realpath "$0")")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
n1=${1:-10}
hidden=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-std=c++20 -O3 -DNDEBUG -I/usr/include/eigen3)
g++ "${flags[@]}" "$here/epoch_gemms.cpp" -o "$work/eigen"
g++ "${flags[@]}" -DEIGEN_USE_BLAS "$here/epoch_gemms.cpp" -o "$work/openblas" -lopenblas
echo "load average before: $(load_average) on $(nproc) cores"
echo "Eigen's kernels:"; "$work/eigen" "$n1" "$hidden"
echo "OpenBLAS (one thread):"; OPENBLAS_NUM_THREADS=1 "$work/openblas" "$n1" "$hidden"
echo "load average after: $(load_average)"
