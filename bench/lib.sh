# Timing helpers for bench/*.sh (source it): wall times of whole commands, taken the same way in every script.

# min_wall_time REPEATS COMMAND...: the shortest wall time in seconds of REPEATS runs of COMMAND (output discarded;
# a failing run stops the script). The minimum is the run least disturbed by other processes on a shared machine.
min_wall_time() {
  local repeats=$1 best=""
  shift
  for _ in $(seq "$repeats"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    best=$(awk -v a="$best" -v ns=$((end - start)) 'BEGIN { t = ns / 1e9; printf "%.4f", (a == "" || t < a) ? t : a }')
  done
  echo "$best"
}

# ratio A B: A / B to two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# The machine's load average over the last minute, to print next to the timings it disturbed.
load_average() { cut -d' ' -f1 /proc/loadavg; }
