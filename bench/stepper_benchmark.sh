#!/usr/bin/env bash
# Odeint steppers at equal error against the closed form on integrate_flow's right-hand side (bench/stepper_comparison.cpp):
# each stepper over a range of rtol, so that the evaluations can be compared at the same error. Compiles the program
# against a Release build tree's libraries (build the `dln` target first).
#
#   bench/stepper_benchmark.sh [BUILD] [N1]      (defaults: build, 6; hidden = P, so n1 = 6 keeps a run to seconds)
set -euo pipefail
here=$(dirname "$(realpath "$0")")
root=$(dirname "$here")
build=$(realpath "${1:-build}")
n1=${2:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
g++ -std=c++20 -O3 -DNDEBUG -I"$root/numeric/src" -I"$root/numeric/include" -I"$root/analytic/include" \
    -I"$root/tests/common" -I/usr/include/eigen3 "$here/stepper_comparison.cpp" -o "$work/stepper_comparison" \
    "$build/numeric/libdln_numeric.a" "$build/analytic/libdln_analytic.a" -lfmt
echo "load average before: $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
for rtol in 1e-9 3e-10 1e-10 3e-11; do "$work/stepper_comparison" dopri5 "$rtol" "$n1"; done
for rtol in 1e-8 1e-9 1e-10; do "$work/stepper_comparison" rk78 "$rtol" "$n1"; done
for rtol in 1e-11 1e-12 1e-13; do "$work/stepper_comparison" bs "$rtol" "$n1"; done
echo "load average after: $(cut -d' ' -f1 /proc/loadavg)"
