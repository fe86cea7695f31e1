#!/usr/bin/env bash
# Wall time of `dln simulate` on issue 4's benchmark setting: n1 = 10 (P = 1024), k1 = 3, k2 = 1, hidden 50,
# 300 epochs of full-batch GD from the paper's random init at lr = 5e-4 (η·s_max = 1024·5e-4·1.002 ≈ 0.51,
# inside the stability bound η·s_max < 1). Each epoch is one gradient and one measured row, both O(P·h²)
# through the data's structure and sharing one forward pass (numeric::Objective::forward). For comparison
# the same run with SGD (batches of 64 and of 1: W2 stays factored within an epoch, so an epoch is
# O(P·h²) for either, B = 1 paying more small-matrix overhead per pattern) and with a docs/theory.md §8 rule. Eigen runs single-threaded (no OpenMP).
#
#   bench/simulate_benchmark.sh [DLN] [REPEATS]     (defaults: build/bin/dln, 5)
#
# Prints every repeat and, per case, the minimum and the median in seconds.
set -euo pipefail
dln=${1:-build/bin/dln}
repeats=${2:-5}
common=(simulate --n1 10 --k1 3 --k2 1 --hidden 50 --epochs 300 --lr 5e-4 --init random --seed 1 --quiet)

run_case() {
  local name=$1
  shift
  local times=()
  for _ in $(seq "$repeats"); do
    local start end
    start=$(date +%s%N)
    "$dln" "${common[@]}" "$@" >/dev/null
    end=$(date +%s%N)
    times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  printf '%-28s min %ss  median %ss  (runs: %s)\n' "$name" "$(head -1 <<<"$sorted")" \
    "$(sed -n "$(((repeats + 1) / 2))p" <<<"$sorted")" "${times[*]}"
}

echo "$dln ${common[*]} …"
run_case "gd"
run_case "sgd --batch 64" --rule sgd --batch 64
run_case "sgd --batch 1" --rule sgd --batch 1
run_case "hebbian" --rule hebbian
