#!/usr/bin/env bash
# Parallel runs against the serial loop, measured in one run of this script so that the ratios compare like
# with like (same machine, same load):
#   1. dln sweep of 16 independent `dln simulate` tasks (n1 = 9, 400 epochs: long enough that process start-up
#      and mpirun's own start do not dominate) with --jobs 1 and --jobs 2, and with `mpirun -np 2` (when the build has MPI);
#   2. dln simulate --seeds 16 with --jobs 1 and --jobs 2 (one seed ensemble through the same pool).
# The outputs of each pair are compared byte for byte: a faster run that gave other numbers would not count.
#
#   bench/parallel_benchmark.sh [DLN] [REPEATS]     (defaults: build/bin/dln, 3)
#
# Prints, per case, the minimum wall time over the repeats and the ratio to its serial baseline.
set -euo pipefail
dln=$(realpath "${1:-build/bin/dln}")
repeats=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/recipe.toml" <<'RECIPE'
command = "simulate"
seeds = 4
seed = 0
[fixed]
n1 = 9
k1 = 3
init = "random"
epochs = 400
hidden = 30
lr = 0.001
[grid]
init-scale = [1e-4, 2e-4, 5e-4, 1e-3]
RECIPE

# min over the repeats of the wall time of "$@", in seconds
best_time() {
  local best=""
  for _ in $(seq "$repeats"); do
    local start end t
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    t=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}

report() {  # name seconds baseline-seconds
  printf '%-40s %7.3f s   ratio %.2f\n' "$1" "$2" "$(awk -v a="$2" -v b="$3" 'BEGIN { print a / b }')"
}

cd "$work"
serial=$(best_time "$dln" sweep recipe.toml --jobs 1 --quiet --out serial)
threads=$(best_time "$dln" sweep recipe.toml --jobs 2 --quiet --out threads)
cmp serial/sweep.csv threads/sweep.csv
echo "16 simulate tasks (n1 = 9, 400 epochs) on $(nproc) cores:"
report "dln sweep --jobs 1" "$serial" "$serial"
report "dln sweep --jobs 2" "$threads" "$serial"
if command -v mpirun >/dev/null; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  mpi=$(best_time mpirun --oversubscribe -np 2 "$dln" sweep recipe.toml --quiet --out mpi)
  if grep -q '"backend": "mpi"' mpi/sweep.manifest.json; then  # a build without DLN_WITH_MPI runs it twice
    cmp serial/sweep.csv mpi/sweep.csv
    report "mpirun -np 2 dln sweep" "$mpi" "$serial"
    printf '%-40s %.2f\n' "MPI (2 ranks) / threads (2 jobs)" "$(awk -v a="$mpi" -v b="$threads" 'BEGIN { print a / b }')"
  fi
fi

seeds=(simulate --n1 9 --k1 3 --hidden 30 --epochs 400 --lr 0.001 --init random --seeds 16 --quiet)
one=$(best_time "$dln" "${seeds[@]}" --jobs 1 --out one.csv)
two=$(best_time "$dln" "${seeds[@]}" --jobs 2 --out two.csv)
cmp one.csv two.csv
echo "dln ${seeds[*]}:"
report "--jobs 1" "$one" "$one"
report "--jobs 2" "$two" "$one"
