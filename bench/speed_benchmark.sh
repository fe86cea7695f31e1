#!/usr/bin/env bash
# How fast dln's full-batch GD is against references, every ratio measured in one run of this script (same
# machine, same load; the load average is printed before and after):
#   1. dln simulate --rule gd against bench/numpy_gd.py, the same structure-aware algorithm in numpy on one BLAS
#      thread, at n1 = 8, 10, 12, 14 (k1 = 3, k2 = 1, hidden 50, 300 epochs, random init, η = P·lr = 0.5, inside
#      GD's stability bound η·s_max < 1 with s_max ≈ 1). dln's time per epoch is (T(300 epochs) − T(0 epochs))/300:
#      process start, data and init left out, as numpy's own timing of its loop leaves them out.
#   2. dln's epoch against the flop limit: 6h²P flops (G·H, W2·HHᵀ, HHᵀ and W2_ΓᵀW2_Γ: h²P multiply-adds each, the
#      two Gram matrices at half price) at the DGEMM rate one core reaches, measured here by numpy (N = 1000).
#   3. dln integrate against dln simulate on the same run (n1 = 10, lr 5e-4, init scale 2e-4, default tolerances).
#   4. dln simulate --seeds 8 with --jobs 2 against --jobs 1 (n1 = 10, 300 epochs; the outputs compared byte for byte).
#
#   bench/speed_benchmark.sh [DLN] [REPEATS]     (defaults: build/bin/dln, 3; times are minima over the repeats)
#
# numpy is Debian's python3-numpy, run by /usr/bin/python3 (override with PYTHON=...).
set -euo pipefail
here=$(dirname "$(realpath "$0")")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
dln=$(realpath "${1:-build/bin/dln}")
repeats=${2:-3}
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hidden=50 epochs=300

echo "load average before: $(load_average) on $(nproc) cores"
rate=$("$python" "$here/numpy_gd.py" --dgemm 1000 | awk '{ print $2 }')
echo "one core's DGEMM (numpy on OpenBLAS, 1000 × 1000): $rate GFLOP/s"

# The shortest seconds per epoch numpy_gd.py reports over the repeats.
numpy_epoch() {
  local best=""
  for _ in $(seq "$repeats"); do
    local t
    t=$("$python" "$here/numpy_gd.py" "$@" | awk '{ print $2 }')
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}

printf '\n%3s %6s %11s %13s %10s %13s %10s\n' n1 P "dln ms/ep" "numpy ms/ep" "numpy/dln" "limit ms/ep" "dln/limit"
for n1 in 8 10 12 14; do
  P=$((1 << n1))
  lr=$(awk -v P="$P" 'BEGIN { printf "%.6g", 0.5 / P }')
  run=("$dln" simulate --rule gd --n1 "$n1" --k1 3 --k2 1 --hidden "$hidden" --init random --seed 1 --lr "$lr" --quiet
       --out "$work/gd.csv")
  full=$(min_wall_time "$repeats" "${run[@]}" --epochs "$epochs")
  setup=$(min_wall_time "$repeats" "${run[@]}" --epochs 0)
  numpy=$(numpy_epoch --n1 "$n1" --hidden "$hidden" --epochs "$epochs" --lr "$lr")
  awk -v n1="$n1" -v P="$P" -v h="$hidden" -v full="$full" -v setup="$setup" -v e="$epochs" -v numpy="$numpy" \
      -v rate="$rate" 'BEGIN {
    dln = (full - setup) / e; limit = 6 * h * h * P / (rate * 1e9)
    printf "%3d %6d %11.3f %13.3f %10.2f %13.3f %10.2f\n", n1, P, 1e3 * dln, 1e3 * numpy, numpy / dln, 1e3 * limit, dln / limit
  }'
done

common=(--n1 10 --k1 3 --k2 1 --hidden "$hidden" --epochs "$epochs" --init random --init-scale 2e-4 --seed 0 --lr 5e-4 --quiet)
simulate=$(min_wall_time "$repeats" "$dln" simulate "${common[@]}" --out "$work/simulate.csv")
integrate=$(min_wall_time "$repeats" "$dln" integrate --arch dense "${common[@]}" --out "$work/integrate.csv")
printf '\nn1 = 10, %d epochs: dln simulate %.3f s, dln integrate %.3f s: integrate/simulate %s\n' \
  "$epochs" "$simulate" "$integrate" "$(ratio "$integrate" "$simulate")"

seeds=("$dln" simulate "${common[@]}" --seeds 8)
serial=$(min_wall_time "$repeats" "${seeds[@]}" --jobs 1 --out "$work/serial.csv")
parallel=$(min_wall_time "$repeats" "${seeds[@]}" --jobs 2 --out "$work/parallel.csv")
cmp "$work/serial.csv" "$work/parallel.csv"
printf 'simulate --seeds 8: --jobs 1 %.3f s, --jobs 2 %.3f s: serial/parallel %s (same bytes)\n' \
  "$serial" "$parallel" "$(ratio "$serial" "$parallel")"
echo "load average after: $(load_average)"
