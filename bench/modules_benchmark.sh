#!/usr/bin/env bash
# Wall time of the module engines (docs/modules_engine.md). lr scales like 1/(R·P): at n1 = 30, lr = 1e-10 gives
# η = R·P·lr ≈ 0.32, η·s ≈ 0.13 for the GT modules.
#   * closed forms and the latent engine with aligned init at n1 = 30 (P ≈ 10⁹), whose cost does not depend on P;
#   * full-weight GD at n1 = 10 (P = 1024, k1 = 3, k2 = 1, hidden 50, 300 epochs, random init) with three modules
#     (gt-modular, R = 3), against `dln simulate`'s dense network (one module) on the same data: the issue asks for
#     no more time per module than today's dense simulator.
#
#   bench/modules_benchmark.sh [DLN] [REPEATS]     (defaults: build/bin/dln, 3)
set -euo pipefail
dln=${1:-build/bin/dln}
repeats=${2:-3}

run_case() {
  local name=$1
  shift
  local times=()
  for _ in $(seq "$repeats"); do
    local start end
    start=$(date +%s%N)
    "$dln" "$@" >/dev/null
    end=$(date +%s%N)
    times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  printf '%-34s min %ss  median %ss\n' "$name" "$(head -1 <<<"$sorted")" "$(sed -n "$(((repeats + 1) / 2))p" <<<"$sorted")"
}

run_case "theory gt-modular n1=30" modules theory --preset gt-modular --n1 30 --rules 3 --lr 1e-10 --epochs 1000 --quiet
run_case "theory monolithic n1=30" modules theory --preset monolithic --n1 30 --rules 3 --lr 1e-10 --epochs 1000 --quiet
run_case "latent aligned n1=30 (GD)" modules simulate --preset gt-modular --engine latent --n1 30 --rules 3 --lr 1e-10 --epochs 1000 --quiet
common=(--n1 10 --k1 3 --k2 1 --hidden 50 --epochs 300 --lr 5e-4 --init random --init-scale 2e-4 --seed 1 --quiet)
run_case "modules simulate gt-modular (3)" modules simulate --preset gt-modular --rules 3 "${common[@]}"
run_case "simulate dense (1 module)" simulate "${common[@]}"
