#!/usr/bin/env bash
# How fast the module engines are (docs/modules_engine.md), every ratio measured in one run of this script (same
# machine, same load; the load average is printed before and after):
#   1. closed forms (dln modules theory, exact map of GD) and the latent engine (dln modules simulate --engine latent,
#      aligned init) at n1 = 30 (P = 2^30), 1000 epochs, lr = η/(R·P) with η ≈ 0.32: their cost does not grow with P;
#   2. full-weight GD at n1 = 10 (P = 1024, k1 = 3, k2 = 1, hidden 50, 300 epochs, random init) with three modules
#      (gt-modular, R = 3) against dln simulate's dense network (one module) on the same data and settings, per
#      epoch ((T(300 epochs) − T(0 epochs))/300: process start, data and init left out) and per module: once with
#      the read-out at every epoch (the CLI's default) and once with rows at t = 0 and 300 only (--record-every 300:
#      the GD step alone); the dense simulator reads out every epoch (its read-out is a few products of h × h).
#
#   bench/modules_benchmark.sh [DLN] [REPEATS]     (defaults: build/bin/dln, 3; times are minima over the repeats)
set -euo pipefail
here=$(dirname "$(realpath "$0")")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
dln=$(realpath "${1:-build/bin/dln}")
repeats=${2:-3}

echo "load average before: $(load_average) on $(nproc) cores"
printf '\n%-44s %8s\n' "n1 = 30, 1000 epochs" "seconds"
for preset in gt-modular monolithic race; do
  rules=3 lr=1e-10
  if [ "$preset" = race ]; then rules=1 lr=3e-10; fi
  printf '%-44s %8s\n' "theory $preset (R = $rules)" \
    "$(min_wall_time "$repeats" "$dln" modules theory --preset "$preset" --rules "$rules" --n1 30 --lr "$lr" --epochs 1000 --time discrete --quiet)"
done
printf '%-44s %8s\n' "latent GD gt-modular (R = 3, aligned init)" \
  "$(min_wall_time "$repeats" "$dln" modules simulate --preset gt-modular --engine latent --rules 3 --n1 30 --lr 1e-10 --epochs 1000 --quiet)"

common=(--n1 10 --k1 3 --k2 1 --hidden 50 --lr 5e-4 --init random --init-scale 2e-4 --seed 1 --quiet)
epochs=300
# ms per epoch: (T(epochs) − T(0))/epochs, where EXTRA (a quoted flag list, may be empty) is given to the long run only.
per_epoch() {
  local extra=$1 full setup
  shift
  # shellcheck disable=SC2086
  full=$(min_wall_time "$repeats" "$@" --epochs "$epochs" $extra)
  setup=$(min_wall_time "$repeats" "$@" --epochs 0)
  awk -v f="$full" -v s="$setup" -v e="$epochs" 'BEGIN { printf "%.2f", 1e3 * (f - s) / e }'
}
dense=$(per_epoch "" "$dln" simulate "${common[@]}")
step=$(per_epoch "--record-every $epochs" "$dln" modules simulate --preset gt-modular --rules 3 "${common[@]}")
every=$(per_epoch "" "$dln" modules simulate --preset gt-modular --rules 3 "${common[@]}")
printf '\n%-58s %10s %12s %16s\n' "n1 = 10, hidden 50, full weights" "ms/epoch" "ms/module" "÷ dense module"
printf '%-58s %10s %12s %16s\n' "dln simulate (dense, 1 module, read-out every epoch)" "$dense" "$dense" "1.00"
for row in "gt-modular, 3 modules, GD step (--record-every $epochs):$step" "gt-modular, 3 modules, read-out every epoch:$every"; do
  t=${row##*:}
  module=$(awk -v t="$t" 'BEGIN { printf "%.2f", t / 3 }')
  printf '%-58s %10s %12s %16s\n' "${row%:*}" "$t" "$module" "$(ratio "$module" "$dense")"
done
echo
echo "load average after: $(load_average)"
