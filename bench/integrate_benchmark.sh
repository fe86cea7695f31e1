#!/usr/bin/env bash
# Times `dln integrate` against `dln simulate` on the same run, in one run of this script (docs/conventions.md:
# speed is measured here, never in a unit test): n1 = 10 (P = 1024), k1 = 3, k2 = 1, hidden 50, 300 epochs, from the
# paper's dense random init σ = 2e-4, default tolerances (rtol 1e-10, atol 1e-14). It prints, as the minimum over
# REPEATS runs of each, the wall and CPU seconds, the minor page faults, the number of right-hand-side (gradient)
# evaluations and their cost next to a GD epoch's, and the ratio integrate/simulate.
#
#   bench/integrate_benchmark.sh [path/to/dln] [lr] [REPEATS]      (defaults: build/bin/dln, 5e-4, 3)
#
# lr defaults to 5e-4, inside full-batch GD's stability bound η·s_max < 1 (docs/theory.md §4, η = P·lr):
# s_max = √(L1·L2)/P = √(1027·1025)/1024 ≈ 1.00195, so lr < 1/(P·s_max) ≈ 9.75e-4. (The full
# criterion of analytic::gd_stability, η·max λ_j(a*_i + a*_j)/2 < 1, is the same here: its largest
# term is i = j = π1, λ1·a1* = s_max.) The script computes η·s_max and refuses an lr outside the
# bound, so that the flow it times is one that GD could also follow.
set -euo pipefail

dln=${1:-build/bin/dln}
lr=${2:-5e-4}
repeats=${3:-3}
n1=10 k1=3 k2=1 r=1

awk -v n1="$n1" -v k1="$k1" -v k2="$k2" -v r="$r" -v lr="$lr" 'BEGIN {
  P = 2 ^ n1; s_max = sqrt((P + k1 * r * r) * (P + k2 * r * r)) / P; eta = P * lr
  printf "P = %d, s_max = %.6f, eta = P*lr = %.6g, eta*s_max = %.4f (GD stable iff < 1)\n", P, s_max, eta, eta * s_max
  if (eta * s_max >= 1) { print "error: lr outside the GD stability bound" > "/dev/stderr"; exit 2 }
}'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(--n1 "$n1" --k1 "$k1" --k2 "$k2" --r "$r" --hidden 50 --init random --init-scale 2e-4 --seed 0 --lr "$lr" --quiet)
echo "load average before: $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"

# best EPOCHS COMMAND...: "wall cpu faults" of the run with the least CPU time (user + system) over the repeats, the
# one least disturbed by other processes on a shared machine; faults are the minor page faults of that run.
best() {
  local epochs=$1 out=""
  shift
  for _ in $(seq "$repeats"); do
    /usr/bin/time -f '%e %U %S %R' -o "$work/time" "$@" --epochs "$epochs" >/dev/null
    out=$(awk -v prev="$out" '{ cpu = $2 + $3; split(prev, p, " ")
      if (prev == "" || cpu < p[2]) printf "%s %.3f %d", $1, cpu, $4; else print prev }' "$work/time")
  done
  echo "$out"
}

# A value of the manifest by its key (unique in it; dln writes one key per line), without a JSON tool.
manifest_value() {
  sed -n "s/^ *\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$work/integrate.csv.manifest.json"
}

read -r sim_wall sim_cpu sim_faults <<<"$(best 300 "$dln" simulate "${common[@]}" --out "$work/simulate.csv")"
read -r sim0_wall sim0_cpu _ <<<"$(best 0 "$dln" simulate "${common[@]}" --out "$work/simulate0.csv")"
integrate=("$dln" integrate --arch dense "${common[@]}" --out "$work/integrate.csv")
echo "command: ${integrate[*]} --epochs 300"
read -r int_wall int_cpu int_faults <<<"$(best 300 "${integrate[@]}")"
evaluations=$(manifest_value rhs_evaluations)
echo "status: $(manifest_value status), rows: $(($(wc -l < "$work/integrate.csv") - 1))"
read -r int0_wall int0_cpu _ <<<"$(best 0 "${integrate[@]}")"
awk -v sw="$sim_wall" -v sc="$sim_cpu" -v sf="$sim_faults" -v s0="$sim0_cpu" -v iw="$int_wall" -v ic="$int_cpu" \
    -v if_="$int_faults" -v i0="$int0_cpu" -v n="$evaluations" 'BEGIN {
  printf "dln simulate:  %.3f s wall, %.3f s CPU, %d minor page faults\n", sw, sc, sf
  printf "dln integrate: %.3f s wall, %.3f s CPU, %d minor page faults, %d right-hand-side evaluations (%.2f per epoch)\n",
         iw, ic, if_, n, n / 300
  printf "CPU ms per GD epoch %.3f, per evaluation (the 301 read-outs included) %.3f\n", 1e3 * (sc - s0) / 300,
         1e3 * (ic - i0) / n
  printf "integrate/simulate: %.2f (wall), %.2f (CPU)\n", iw / sw, ic / sc
}'
echo "load average after: $(cut -d' ' -f1 /proc/loadavg)"
