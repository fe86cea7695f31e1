# dln simulate (validation/simulate.hpp), included from tests/cli/CMakeLists.txt after its helpers and
# the shared variables (csv_header, no_nan, the degenerate_* settings).

# --- Bad input ---------------------------------------------------------------------------------------
dln_cli_error_test(simulate.rule_unknown        ERROR_REGEX "--rule"       ARGS simulate --rule oja)
dln_cli_error_test(simulate.batch_missing       ERROR_REGEX "--batch"      ARGS simulate --rule sgd)
dln_cli_error_test(simulate.batch_zero          ERROR_REGEX "--batch"      ARGS simulate --rule sgd --batch 0)
dln_cli_error_test(simulate.batch_negative      ERROR_REGEX "--batch"      ARGS simulate --rule sgd --batch -1)
dln_cli_error_test(simulate.batch_above_P       ERROR_REGEX "--batch.*8"   ARGS simulate --rule sgd --batch 9)
dln_cli_error_test(simulate.batch_nan           ERROR_REGEX "--batch"      ARGS simulate --rule sgd --batch nan)
dln_cli_error_test(simulate.batch_with_gd       ERROR_REGEX "--batch"      ARGS simulate --batch 4)
dln_cli_error_test(simulate.batch_with_hebbian  ERROR_REGEX "--batch"      ARGS simulate --rule hebbian --batch 4)
foreach(rule hebbian anti-hebbian contrastive-hebbian predictive-coding)
  foreach(arch split segregated shallow)
    dln_cli_error_test(simulate.${rule}_${arch} ERROR_REGEX "--rule.*dense" ARGS simulate --rule ${rule} --arch ${arch})
  endforeach()
endforeach()
dln_cli_error_test(simulate.seeds_zero          ERROR_REGEX "--seeds"      ARGS simulate --init random --seeds 0)
dln_cli_error_test(simulate.seeds_negative      ERROR_REGEX "--seeds"      ARGS simulate --init random --seeds -2)
dln_cli_error_test(simulate.seeds_too_many      ERROR_REGEX "--seeds"      ARGS simulate --init random --seeds 1001)
dln_cli_error_test(simulate.seeds_nan           ERROR_REGEX "--seeds"      ARGS simulate --init random --seeds nan)
dln_cli_error_test(simulate.seeds_wrap          ERROR_REGEX "--seeds"
                   ARGS simulate --init random --seed 18446744073709551615 --seeds 2)
# An aligned init has no randomness: N runs of gd (or any rule but sgd) would be N identical runs.
dln_cli_error_test(simulate.seeds_aligned       ERROR_REGEX "--seeds.*identical" ARGS simulate --seeds 3)
dln_cli_error_test(simulate.seeds_aligned_rule  ERROR_REGEX "--seeds.*identical" ARGS simulate --rule hebbian --seeds 2)
dln_cli_error_test(simulate.lr_zero             ERROR_REGEX "--lr"         ARGS simulate --lr 0)
dln_cli_error_test(simulate.lr_nan              ERROR_REGEX "--lr"         ARGS simulate --lr nan)
dln_cli_error_test(simulate.lr_inf              ERROR_REGEX "--lr"         ARGS simulate --lr inf)
dln_cli_error_test(simulate.epochs_negative     ERROR_REGEX "--epochs"     ARGS simulate --epochs -1)
dln_cli_error_test(simulate.r_nan               ERROR_REGEX "--r"          ARGS simulate --r nan)
dln_cli_error_test(simulate.a0_inf              ERROR_REGEX "--a0"         ARGS simulate --a0 inf)
dln_cli_error_test(simulate.init_scale_nan      ERROR_REGEX "--init-scale" ARGS simulate --init random --init-scale nan)
dln_cli_error_test(simulate.seed_with_aligned   ERROR_REGEX "--seed"       ARGS simulate --seed 3)
# Aligned init needs one hidden unit per mode: 8 for dense at n1 = 3.
dln_cli_error_test(simulate.hidden_below_modes  ERROR_REGEX "--hidden.*8"  ARGS simulate --hidden 7)
dln_cli_error_test(simulate.random_too_large    ERROR_REGEX "--n1"         ARGS simulate --init random --n1 25)
dln_cli_error_test(simulate.out_missing_dir     ERROR_REGEX "--out"
                   OUT ${DLN_CLI_OUT_DIR}/no-such-directory/simulate.csv ARGS simulate)
# docs/theory.md §8's strengths: any finite number for the four §8 rules, 0 only for gd and sgd (no such term);
# the message must name the flag and what it accepts.
dln_cli_error_test(simulate.gamma_with_gd       ERROR_REGEX "--gamma must be 0 for --rule gd"   ARGS simulate --gamma 0.5)
dln_cli_error_test(simulate.nu_nan              ERROR_REGEX "--nu must be a finite number"
                   ARGS simulate --rule hebbian --nu nan)

# --- Successful runs ---------------------------------------------------------------------------------
# (docs/conventions.md: more columns may follow the fixed header, so headers are matched as prefixes.)
set(sd_columns "loss_sd,a_pi1_sd,a_pi2_sd,a_pi3_sd,OxOy_sd,GxOy_sd,OxGy_sd,GxGy_sd")
set(seeds_header "^${csv_header},[^\n]*${sd_columns}[^\n]*\n")
dln_cli_test(simulate.help   REGEX "--rule.*--batch.*--seeds" ARGS simulate --help)
# γ and ν have no single default: the help lists the rules' own (docs/theory.md §8's table).
dln_cli_test(simulate.help_strengths REGEX "--gamma.*contrastive-hebbian 1, predictive-coding -1, otherwise 0.*--nu.*hebbian 0\\.001, anti-hebbian -0\\.001, otherwise 0"
             ARGS simulate --help)
dln_cli_test(simulate.header REGEX "^${csv_header}[,\n]"     ARGS simulate --epochs 3)
dln_cli_test(simulate.out_writes_file_and_manifest
             OUT ${DLN_CLI_OUT_DIR}/simulate.csv OUT_REGEX "^${csv_header}[^\n]*\n0,.*\n3,"
             MANIFEST_REGEX "\"command\": \"simulate\".*\"rule\": \"gd\".*\"status\": \"ok\""
             ARGS simulate --epochs 3)
# Without --lr / --epochs a docs/theory.md §8 rule runs with its table's lr and epochs; given ones win.
dln_cli_test(simulate.rule_defaults
             OUT ${DLN_CLI_OUT_DIR}/simulate_rule_defaults.csv OUT_REGEX "\n1500,"
             MANIFEST_REGEX "\"epochs\": 1500,.*\"gamma\": 1\\.0,.*\"lr\": 0\\.005,.*\"nu\": 0\\.0,"
             ARGS simulate --rule contrastive-hebbian)
dln_cli_test(simulate.rule_flags_win
             OUT ${DLN_CLI_OUT_DIR}/simulate_rule_flags.csv OUT_REGEX "\n2,[^\n]*\n$"
             MANIFEST_REGEX "\"epochs\": 2,.*\"lr\": 0\\.02,"
             ARGS simulate --rule predictive-coding --lr 0.02 --epochs 2)
# Given γ and ν replace the rule's (hebbian: γ 0, ν 0.001) and are what the manifest records.
dln_cli_test(simulate.gamma_nu_given
             OUT ${DLN_CLI_OUT_DIR}/simulate_gamma_nu.csv OUT_REGEX "\n3,[^\n]*\n$"
             MANIFEST_REGEX "\"gamma\": 0\\.2,.*\"nu\": 0\\.05,.*\"rule\": \"hebbian\""
             ARGS simulate --rule hebbian --gamma 0.2 --nu 0.05 --epochs 3)
# --seeds N: mean columns, then one _sd column each; the manifest lists every run seed and batch stream.
dln_cli_test(simulate.sgd_seeds
             OUT ${DLN_CLI_OUT_DIR}/simulate_seeds.csv OUT_REGEX "${seeds_header}0,.*\n5,"
             MANIFEST_REGEX "\"batch\": 3,.*\"batch_stream_seeds\": \\[.*\"seeds\": \\[\n *4,\n *5,\n *6\n *\\]"
             ARGS simulate --rule sgd --batch 3 --init random --seed 4 --seeds 3 --epochs 5)
# SGD's batch order is random even from the aligned init, so --seeds works there for sgd.
dln_cli_test(simulate.sgd_seeds_aligned REGEX "${seeds_header}" FORBID_REGEX ${no_nan}
             ARGS simulate --rule sgd --batch 2 --seeds 2 --epochs 3)
# η·s_max ≈ 10 ≫ 1: warned before starting, diverges, reported with the epoch, rows up to then kept, exit 1.
dln_cli_test(simulate.diverged EXIT 1 REGEX "warning: .*stability.*diverged at epoch [1-9]" FORBID_REGEX ${no_nan}
             OUT ${DLN_CLI_OUT_DIR}/simulate_diverged.csv OUT_REGEX "^${csv_header}[^\n]*\n0,"
             MANIFEST_REGEX "\"failed_at_epoch\": [1-9][0-9]*,.*\"status\": \"diverged\""
             ARGS simulate --lr 1 --epochs 100)
dln_cli_test(simulate.sgd_diverged EXIT 1 REGEX "diverged at epoch [1-9][0-9]* .*; run seed 2;" FORBID_REGEX ${no_nan}
             ARGS simulate --rule sgd --batch 4 --lr 1 --epochs 100 --init random --seed 2 --init-scale 0.1)

# The same seed gives the same bits.
foreach(case "sgd;--rule;sgd;--batch;3;--init;random;--seed;11" "seeds;--rule;sgd;--batch;5;--init;random;--seeds;3"
             "hebbian;--rule;hebbian;--init;random;--seed;2")
  list(POP_FRONT case name)
  add_test(NAME cli.simulate.reproducible.${name}
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:dln>;simulate;--epochs;40;${case}"
                   -P ${CMAKE_CURRENT_LIST_DIR}/expect_identical.cmake)
endforeach()

# Seeds run on a pool: one thread or three give the same bytes (simulate and generalize).
foreach(case "simulate;--rule;sgd;--batch;3;--init;random;--seeds;5;--epochs;40"
             "generalize;--train;0,1,2;--epochs;60;--seeds;5")
  list(GET case 0 name)
  add_test(NAME cli.${name}.jobs_give_the_same_bytes
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:dln>;${case};--jobs;1" "-DCMD2=$<TARGET_FILE:dln>;${case};--jobs;3"
                   -P ${CMAKE_CURRENT_LIST_DIR}/expect_identical.cmake)
  dln_cli_error_test(${name}.jobs_negative ERROR_REGEX "--jobs" ARGS ${name} --jobs -1)
  dln_cli_error_test(${name}.jobs_too_many ERROR_REGEX "--jobs.*1024" ARGS ${name} --jobs 5000)
endforeach()

# Degenerate settings (docs/theory.md §13) train cleanly with every architecture, full batch and minibatch.
foreach(setting k1_0 k2_0 n2_0 n2_n1 k1_k2)
  foreach(arch dense split segregated shallow)
    dln_cli_test(simulate.${setting}.${arch}.gd REGEX "^${csv_header}[,\n]" FORBID_REGEX ${no_nan}
                 ARGS simulate --arch ${arch} --epochs 50 ${degenerate_${setting}})
    dln_cli_test(simulate.${setting}.${arch}.sgd REGEX "^${csv_header}[,\n]" FORBID_REGEX ${no_nan}
                 ARGS simulate --arch ${arch} --epochs 50 --rule sgd --batch 3 --init random ${degenerate_${setting}})
  endforeach()
  dln_cli_test(simulate.${setting}.hebbian REGEX "^${csv_header}[,\n]" FORBID_REGEX ${no_nan}
               ARGS simulate --rule anti-hebbian --epochs 50 --init random ${degenerate_${setting}})
endforeach()
