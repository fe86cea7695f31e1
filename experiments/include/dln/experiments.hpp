#pragma once
// dln::experiments — one Spec per experiment behind a figure: validate() once, run() → Result (numbers
// and a Report). No I/O: io/ reads and writes their TOML and JSON forms, figures/ draws the Results.
#include "dln/experiments/experiment.hpp"
