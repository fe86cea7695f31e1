#!/bin/bash
# The output contract of README's "Output, errors and reproducibility", tested where it meets the operating
# system: special files as targets, a full disk, a read-only directory, a kill during a write, empty values, and
# memory that does not grow with the length of a run.
#
#   reliability.sh CASE DLN WORKDIR      (exit 0 pass, 1 fail, 77 skipped: ctest's SKIP_RETURN_CODE)
#
# Mounting a small tmpfs (the full and read-only disks) needs root; elsewhere those cases are skipped with a
# message, and read_only falls back to a directory without write permission.
set -u
case_name=$1
dln=$2
work=$3/$case_name
repo=$(cd "$(dirname "$0")/../.." && pwd)  # for the example data

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

mounted=""
cleanup() { [ -n "$mounted" ] && umount "$mounted" 2>/dev/null; }
trap cleanup EXIT
[ -d "$work" ] && { umount "$work"/* 2>/dev/null; rm -rf "$work"; }
mkdir -p "$work" && cd "$work" || fail "cannot create $work"

# run RC ARGS…: runs dln (at most 60 s) and checks its exit status; leaves stdout/stderr in $out/$err.
run() {
  local expected=$1
  shift
  timeout 60 "$dln" "$@" >stdout.txt 2>stderr.txt
  local rc=$?
  out=$(cat stdout.txt)
  err=$(cat stderr.txt)
  [ "$rc" = 124 ] && fail "dln $* did not finish within 60 s"
  [ "$rc" = "$expected" ] || fail "dln $* exited $rc, expected $expected; stderr: $err"
  if [ "$expected" -ge 2 ]; then
    [ "$(wc -l <stderr.txt)" = 1 ] && [[ $err == error:* ]] || fail "dln $*: stderr is not one 'error:' line: $err"
    [ -z "$out" ] || fail "dln $*: printed on stdout although it failed: $out"
  fi
}

# mount_tmpfs DIR OPTIONS: a fresh tmpfs, or skip.
mount_tmpfs() {
  [ "$(id -u)" = 0 ] || skip "mounting a tmpfs needs root"
  mkdir -p "$1"
  mount -t tmpfs -o "$2" tmpfs "$1" 2>/dev/null || skip "cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)"
  mounted=$work/$1
}

no_leftovers() {
  local leftovers
  leftovers=$(find . -name '*.partial')
  [ -z "$leftovers" ] || fail "temporary files left behind: $leftovers"
}

# The manifest, when present, describes the data beside it: the file has its parameters' epochs + 1 rows
# and a header line.
manifest_matches_data() {
  local file=$1
  [ -e "$file.manifest.json" ] || return 0
  grep -q '"status": "ok"' "$file.manifest.json" || fail "$file.manifest.json does not say ok"
  [ -f "$file" ] || fail "$file.manifest.json says ok but $file is missing"
  local epochs lines
  epochs=$(grep -o '"epochs": [0-9]*' "$file.manifest.json" | grep -o '[0-9]*$')
  lines=$(wc -l <"$file")
  [ "$lines" = $((epochs + 2)) ] || fail "$file.manifest.json is for $epochs epochs, but $file has $lines lines"
}

case $case_name in
special_files)
  # A FIFO, a device and a directory are refused (exit 2) and left as they were; nothing is written.
  mkfifo fifo
  run 2 theory --epochs 3 --out fifo
  [[ $err == *"is a FIFO"* ]] || fail "the refusal does not say what the target is: $err"
  [ -p fifo ] || fail "the FIFO was replaced"
  if [ "$(id -u)" = 0 ] && mknod null c 1 3 2>/dev/null; then
    run 2 theory --epochs 3 --out null
    [[ $err == *"character device"* ]] || fail "the refusal does not say what the target is: $err"
    [ -c null ] || fail "the device node was replaced"
  else
    echo "note: not root, the device-node target is not tested"
  fi
  mkdir directory
  run 2 theory --epochs 3 --out directory
  [ -d directory ] || fail "the directory was replaced"
  for name in fifo null directory; do
    [ ! -e $name.manifest.json ] || fail "$name.manifest.json was written"
  done
  # A symbolic link is followed: the file it points to is replaced, the link stays; the manifest is beside
  # the name given. A dangling link creates the file it names.
  echo old >real.csv
  ln -s real.csv link.csv
  run 0 theory --epochs 3 --out link.csv
  [ -L link.csv ] || fail "the symbolic link was replaced"
  [ "$(head -c 7 real.csv)" = "t,loss," ] || fail "the file the link points to was not written"
  [ -f link.csv.manifest.json ] || fail "no manifest beside the link"
  ln -s new.csv dangling.csv
  run 0 theory --epochs 3 --out dangling.csv
  [ -L dangling.csv ] && [ -f new.csv ] || fail "a dangling link was not followed to a new file"
  no_leftovers
  ;;
stdout_full)
  # Standard output on a full device: the OS reason and exit 3, not a silent success.
  [ -w /dev/full ] || skip "no /dev/full"
  timeout 60 "$dln" theory --epochs 3 >/dev/full 2>stderr.txt
  rc=$?
  [ "$rc" = 3 ] || fail "writing to a full stdout exited $rc, expected 3: $(cat stderr.txt)"
  grep -q "^error: .*No space left on device" stderr.txt || fail "no OS reason: $(cat stderr.txt)"
  ;;
full_disk)
  # 64 kB: room for a short trajectory and its manifest, not for 3000 epochs (≈ 600 kB of CSV).
  mount_tmpfs disk size=64k
  run 0 theory --epochs 3 --out disk/x.csv
  cp disk/x.csv before.csv
  cp disk/x.csv.manifest.json before.manifest.json
  run 3 theory --epochs 3000 --out disk/x.csv
  [[ $err == *"No space left on device"* ]] || fail "no OS reason: $err"
  cmp -s disk/x.csv before.csv || fail "the earlier data was damaged"
  cmp -s disk/x.csv.manifest.json before.manifest.json || fail "the earlier manifest was damaged or removed"
  manifest_matches_data disk/x.csv
  no_leftovers
  ;;
read_only)
  # Found before any work: a simulation that would take minutes, and the whole validation suite, end at once.
  if [ "$(id -u)" = 0 ]; then
    mount_tmpfs ro ro,size=64k
  else
    mkdir ro && chmod 555 ro
  fi
  run 3 simulate --n1 7 --hidden 128 --epochs 1000000 --out ro/x.csv
  [[ $err == *"Read-only file system"* || $err == *"Permission denied"* ]] || fail "no OS reason: $err"
  run 3 validate --report ro/report.json
  [[ $err == *"Read-only file system"* || $err == *"Permission denied"* ]] || fail "no OS reason: $err"
  ;;
kill_during_write)
  # A complete earlier result, then runs killed at different moments (while computing, while writing
  # ≈ 190 MB of CSV, after): whatever the moment, a manifest that says ok stands beside the data it
  # describes, and no temporary file is left.
  run 0 theory --epochs 3 --out x.csv
  for delay in 0.5 1 1.5 2 3 4 6; do
    "$dln" theory --epochs 1000000 --out x.csv 2>/dev/null &
    pid=$!
    sleep $delay
    kill -TERM $pid 2>/dev/null
    wait $pid
    rc=$?
    [ "$rc" = 0 ] || [ "$rc" = $((128 + 15)) ] || fail "dln killed after $delay s exited $rc"
    no_leftovers
    manifest_matches_data x.csv
    echo "killed after $delay s: exit $rc, $(wc -l <x.csv) lines, manifest $([ -e x.csv.manifest.json ] && echo present || echo absent)"
  done
  ;;
every_subcommand)
  # Every subcommand writes through dln::io: the data and its manifest, the manifest no older than the data
  # (written last: with the manifest first, as before, it is older), naming the data file and carrying the
  # provenance; no temporary file left. And every subcommand refuses a FIFO target as bad input, untouched.
  mkfifo fifo
  check_written() {  # FILE: written by the last run, manifest last
    local file=$1
    [ -f "$file" ] && [ -s "$file" ] || fail "$file was not written"
    [ -f "$file.manifest.json" ] || fail "$file.manifest.json was not written"
    [ "$(stat -c %.9Y "$file.manifest.json" | tr -d .)" -ge "$(stat -c %.9Y "$file" | tr -d .)" ] ||
      fail "$file.manifest.json is older than $file: the manifest was not written last"
    grep -q "\"file\": \"$(basename "$file")\"" "$file.manifest.json" || fail "$file.manifest.json does not name $file"
    grep -q '"commit": "' "$file.manifest.json" && grep -q '"created_utc": "' "$file.manifest.json" ||
      fail "$file.manifest.json lacks the provenance"
  }
  n=0
  while read -r -a args; do
    n=$((n + 1))
    [ ${#args[@]} -gt 0 ] || continue
    run 0 "${args[@]}" --out out$n.txt
    check_written out$n.txt
    run 2 "${args[@]}" --out fifo
    [[ $err == *"is a FIFO"* ]] || fail "dln ${args[*]} --out fifo: the refusal does not say what the target is: $err"
    [ -p fifo ] && [ ! -e fifo.manifest.json ] || fail "dln ${args[*]} --out fifo touched the FIFO"
  done <<COMMANDS
spectrum
spectrum --json
spectrum --data $repo/examples/data/hierarchy/X.csv $repo/examples/data/hierarchy/Y.csv
theory --data $repo/examples/data/hierarchy/X.csv $repo/examples/data/hierarchy/Y.csv --epochs 3 --init random
simulate --data $repo/examples/data/hierarchy/X.csv $repo/examples/data/hierarchy/Y.csv --epochs 3 --save-weights .
spectrum --exact
formula
theory --epochs 3
theory --epochs 3 --init random --a0-estimate per-mode
integrate --epochs 3
simulate --epochs 3 --init random --seeds 2
fullrank --n1 3 --method exact
generalize --train 0 --epochs 3
nonlinear dataset --epochs 3 --seeds 1
modules theory --preset gt-modular --epochs 3
modules simulate --preset gt-modular --epochs 3
COMMANDS
  [ -f epoch3/W1.npy ] && [ -f epoch3/W2.npy ] || fail "--save-weights wrote no epoch3/W1.npy, W2.npy"
  # dln dataset: X and Y as .npy and .csv, the CSVs with manifests; a FIFO among its targets is refused first.
  mkdir dataset fifo_dataset && mkfifo fifo_dataset/Y.npy
  run 0 dataset --n1 3 --out dataset
  check_written dataset/X.csv
  check_written dataset/Y.csv
  [ -s dataset/X.npy ] && [ -s dataset/Y.npy ] || fail "dln dataset wrote no X.npy, Y.npy"
  run 2 dataset --n1 3 --out fifo_dataset
  [ -z "$(ls fifo_dataset | grep -v '^Y.npy$')" ] || fail "dln dataset wrote beside a refused target: $(ls fifo_dataset)"
  # dln sweep: its tables, then its manifest.
  printf 'command = "theory"\n[fixed]\nepochs = 3\n[grid]\nk1 = [1, 2]\n' >sweep.toml
  run 0 sweep sweep.toml --out sweep --jobs 1 -q
  for f in sweep/sweep.csv sweep/sweep_summary.csv; do
    [ -s "$f" ] || fail "$f was not written"
    [ "$(stat -c %.9Y sweep/sweep.manifest.json | tr -d .)" -ge "$(stat -c %.9Y "$f" | tr -d .)" ] ||
      fail "sweep/sweep.manifest.json is older than $f"
  done
  grep -q '"commit": "' sweep/sweep.manifest.json || fail "sweep/sweep.manifest.json lacks the provenance"
  run 0 validate --quick --quiet --report report.json
  check_written report.json
  run 2 validate --quick --quiet --report fifo
  # dln figures: each figure's manifest is written after its image, script, data (and notes).
  run 0 figures --only dense --quiet --outdir gallery
  for f in gallery/dense.png gallery/dense.gp gallery/dense.csv; do
    [ -s "$f" ] || fail "$f was not drawn"
    [ "$(stat -c %.9Y gallery/dense.manifest.json | tr -d .)" -ge "$(stat -c %.9Y "$f" | tr -d .)" ] ||
      fail "gallery/dense.manifest.json is older than $f"
  done
  grep -q '"recipe_text": "' gallery/dense.manifest.json || fail "the figure's manifest lacks its recipe's text"
  check_written gallery/README.md
  no_leftovers
  ;;
empty_values)
  # An empty value is refused, naming the flag, never read as 0 or as "no file".
  run 2 theory --epochs '' --out e.csv
  [[ $err == *--epochs* ]] || fail "does not name --epochs: $err"
  run 2 theory --init random --seed '' --out e.csv
  [[ $err == *--seed* ]] || fail "does not name --seed: $err"
  run 2 theory --n2 1 --keep '' --out e.csv
  [[ $err == *--keep* ]] || fail "does not name --keep: $err"
  run 2 theory --r '' --out e.csv
  [[ $err == *--r* ]] || fail "does not name --r: $err"
  run 2 generalize --train '' --epochs 1 --out e.csv
  [[ $err == *--train* ]] || fail "does not name --train: $err"
  run 2 theory --epochs 3 --out ''
  [[ $err == *--out* ]] || fail "does not name --out: $err"
  run 2 validate --report ''
  [[ $err == *--report* ]] || fail "does not name --report: $err"
  run 2 figures --outdir ''
  [[ $err == *--outdir* ]] || fail "does not name --outdir: $err"
  [ -z "$(ls)" ] || [ "$(ls)" = "$(printf 'stderr.txt\nstdout.txt')" ] || fail "files were written: $(ls)"
  ;;
bounded_memory)
  # dln theory writes each row as it computes it and advances every mode one epoch at a time, so its memory does
  # not grow with the epochs. Under a 200 MB address-space limit (the program and its libraries map ~25 MB):
  # 10⁶ epochs (187 MB of CSV; holding the rows took 150 MB) and the 1 013 per-mode series of a random init at
  # n1 = 10 over 10⁵ epochs (831 MB as series). Both ran out of memory before rows were streamed.
  (ulimit -v 200000 && exec timeout 60 "$dln" theory --epochs 1000000 --out long.csv >stdout.txt 2>stderr.txt)
  rc=$?
  [ "$rc" = 0 ] || fail "dln theory --epochs 1000000 under 200 MB exited $rc: $(cat stderr.txt)"
  [ "$(wc -l <long.csv)" = 1000002 ] || fail "long.csv has $(wc -l <long.csv) lines, expected a header and 10⁶ + 1 rows"
  grep -q '"t": 1000000' long.csv.manifest.json || fail "the manifest's final row is not t = 1000000"
  (ulimit -v 200000 && exec timeout 60 "$dln" theory --n1 10 --init random --a0-estimate per-mode --epochs 100000 \
     --out modes.csv >stdout.txt 2>stderr.txt)
  rc=$?
  [ "$rc" = 0 ] || fail "dln theory --n1 10 --a0-estimate per-mode under 200 MB exited $rc: $(cat stderr.txt)"
  [ "$(wc -l <modes.csv)" = 100002 ] || fail "modes.csv has $(wc -l <modes.csv) lines, expected 100002"
  ;;
*)
  fail "unknown case $case_name"
  ;;
esac
echo "ok: $case_name"
