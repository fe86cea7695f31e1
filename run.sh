#!/usr/bin/env bash
# dln's two commands:
#   ./run.sh        install what is missing, build, and run the main job
#   ./run.sh test   install what is missing, build, and run the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

# Debian 12 packages dln builds and runs with.
packages=(
  cmake g++ make
  libeigen3-dev libboost-dev libboost-test-dev libboost-random-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libtomlplusplus-dev
  gnuplot-nox
  python3-numpy  # tests/cli/numpy_roundtrip.py: numpy.load reads what dln writes
  zlib1g-dev dataset-fashion-mnist  # the gzipped IDX reader and compositional Fashion-MNIST (nonlinear/)
  libginac-dev pkg-config  # exact closed forms (symbolic/), found through pkg-config
  libopenmpi-dev openmpi-bin  # the MPI backend of dln sweep (find_package(MPI)) and mpirun for its test
  libopenblas-dev  # Eigen's products through OpenBLAS, kernels chosen for the CPU at run time (DLN_WITH_OPENBLAS)
)

install_missing_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# DLN_WERROR=ON in the environment makes every warning in dln's own code an error (CI does).
build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDLN_WERROR="${DLN_WERROR:-OFF}" >/dev/null
  cmake --build build --parallel "$(nproc)"
}

main_job() {
  mkdir -p results
  build/bin/dln spectrum
  build/bin/dln theory --out results/theory_dense.csv
  echo "run.sh: wrote results/theory_dense.csv (and its manifest)"
  build/bin/dln figures --outdir figures  # every recipe in configs/; gallery in figures/README.md
}

install_missing_packages
build
case "${1:-}" in
  test) ctest --test-dir build --output-on-failure --parallel "$(nproc)" ;;
  "") main_job ;;
  *) echo "error: unknown command '$1' (accepted: none, or 'test')" >&2; exit 2 ;;
esac
