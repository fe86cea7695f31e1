#!/bin/bash
# dln sweep's backends give the same bytes: one recipe run serially (--jobs 1), on 2 threads, on 2 MPI ranks
# (when built with MPI) and as 3 shards + merge must write identical sweep.csv and sweep_summary.csv —
# the "done when". Byte equality, no tolerance: every task is the same computation with the same
# seed, whatever ran it, and the tables are written from the results in task order.
# Usage: backends.sh DLN RECIPE WORKDIR [MPIEXEC]
set -u
dln=$1 recipe=$2 work=$3 mpiexec=${4:-}
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
check_same() {  # check_same DIR: its tables equal the serial run's
  for table in sweep.csv sweep_summary.csv; do
    if ! cmp -s serial/$table "$1/$table"; then echo "FAIL: $1/$table differs from the serial run's"; fail=1; fi
  done
}
"$dln" sweep "$recipe" --out serial --jobs 1 -q || { echo "FAIL: serial run"; exit 1; }
# The serial table has one row per task and epoch: a sweep that ran nothing would pass the comparisons.
rows=$(($(wc -l < serial/sweep.csv) - 1))
[ "$rows" -gt 0 ] || { echo "FAIL: the serial sweep.csv has no rows"; fail=1; }

"$dln" sweep "$recipe" --out threads2 --jobs 2 -q || { echo "FAIL: 2 threads"; fail=1; }
check_same threads2

for k in 1 2 3; do "$dln" sweep "$recipe" --out shards --shard $k/3 -q || { echo "FAIL: shard $k/3"; fail=1; }; done
"$dln" sweep merge shards || { echo "FAIL: merge"; fail=1; }
check_same shards

if [ -n "$mpiexec" ]; then
  OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
    "$mpiexec" --oversubscribe -np 2 "$dln" sweep "$recipe" --out mpi -q || { echo "FAIL: mpirun -np 2"; fail=1; }
  check_same mpi
  grep -q '"backend": "mpi"' mpi/sweep.manifest.json || { echo "FAIL: the MPI manifest does not say backend mpi"; fail=1; }
fi

# Merging shards of two recipes is refused (exit 2, one error line) and writes nothing.
mkdir mixed && cp shards/shard-000000000-* shards/shard-000000002-* mixed/
sed 's/^seed = .*/seed = 99/' "$recipe" > other.toml
"$dln" sweep other.toml --out mixed --shard 3/3 -q || { echo "FAIL: the other recipe's shard"; fail=1; }
"$dln" sweep merge mixed 2> merge.err; code=$?
if [ $code -ne 2 ] || ! grep -q '^error: .*another recipe' merge.err || [ -e mixed/sweep.csv ] || [ -e mixed/sweep.manifest.json ]; then
  echo "FAIL: merging two recipes' shards: exit $code, stderr: $(cat merge.err)"; fail=1
fi
[ $fail -eq 0 ] && echo "all backends identical ($rows rows)"
exit $fail
