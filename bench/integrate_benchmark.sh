#!/usr/bin/env bash
# Times `dln integrate` as a whole (docs/conventions.md: speed is measured here, never in a unit test) at
# n1 = 10 (P = 1024), k1 = 3, k2 = 1, hidden 50, 300 epochs, from the paper's dense random init
# σ = 2e-4, and reports the wall time and the number of right-hand-side (gradient) evaluations.
#
#   bench/integrate_benchmark.sh [path/to/dln] [lr]
#
# lr defaults to 5e-4, inside full-batch GD's stability bound η·s_max < 1 (docs/theory.md §4, η = P·lr):
# s_max = √(L1·L2)/P = √(1027·1025)/1024 ≈ 1.00195, so lr < 1/(P·s_max) ≈ 9.75e-4. (The full
# criterion of analytic::gd_stability, η·max λ_j(a*_i + a*_j)/2 < 1, is the same here: its largest
# term is i = j = π1, λ1·a1* = s_max.) The script computes η·s_max and refuses an lr outside the
# bound, so that the flow it times is one that GD could also follow.
#
# For reference, on a 16-core Intel Xeon (one core used): 3050 right-hand-side evaluations, 16.4 s;
# 11.2 s when built with -DCMAKE_CXX_FLAGS=-march=x86-64-v3 (AVX2/FMA for Eigen's products, which
# take ~85% of the time — callgrind). lr = 9e-4 (η·s_max = 0.92): 4142 evaluations, 22.8 s.
set -euo pipefail

dln=${1:-build/bin/dln}
lr=${2:-5e-4}
n1=10 k1=3 k2=1 r=1

awk -v n1="$n1" -v k1="$k1" -v k2="$k2" -v r="$r" -v lr="$lr" 'BEGIN {
  P = 2 ^ n1; s_max = sqrt((P + k1 * r * r) * (P + k2 * r * r)) / P; eta = P * lr
  printf "P = %d, s_max = %.6f, eta = P*lr = %.6g, eta*s_max = %.4f (GD stable iff < 1)\n", P, s_max, eta, eta * s_max
  if (eta * s_max >= 1) { print "error: lr outside the GD stability bound" > "/dev/stderr"; exit 2 }
}'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command=("$dln" integrate --arch dense --n1 "$n1" --k1 "$k1" --k2 "$k2" --r "$r" --hidden 50 --epochs 300
         --init random --init-scale 2e-4 --seed 0 --lr "$lr" --quiet --out "$work/run.csv")
echo "command: ${command[*]}"

start=$(date +%s.%N)
"${command[@]}"
end=$(date +%s.%N)

# A value of the manifest by its key (unique in it; dln writes one key per line), without a JSON tool.
manifest_value() {
  sed -n "s/^ *\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$work/run.csv.manifest.json"
}
echo "status: $(manifest_value status)"
echo "rhs_evaluations: $(manifest_value rhs_evaluations)"
echo "integration wall time (s): $(manifest_value integration_wall_time_s)"
awk -v s="$start" -v e="$end" 'BEGIN { printf "total wall time (s): %.3f\n", e - s }'
echo "rows: $(($(wc -l < "$work/run.csv") - 1))"
