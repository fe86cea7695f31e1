# dln modules: the module description from presets and TOML, bad input refused naming the key (and the
# file:line:column of TOML), the CSV header, and the closed forms refusing outside their domain.
set(modules_dir ${CMAKE_CURRENT_LIST_DIR}/modules)
dln_cli_test(modules_theory_preset
  ARGS modules theory --preset gt-modular --rules 3 --epochs 50 --quiet
  FIRST_LINE "t,loss,loss_r0,loss_r1,loss_r2,r0_OxOy,r0_GxOy,r0_OxGy,r0_GxGy,r1_OxOy,r1_GxOy,r1_OxGy,r1_GxGy,r2_OxOy,r2_GxOy,r2_OxGy,r2_GxGy,rule0_OxOy,rule0_GxOy,rule0_OxGy,rule0_GxGy,rule0_intended,rule0_answer,rule0_item,rule1_OxOy,rule1_GxOy,rule1_OxGy,rule1_GxGy,rule1_intended,rule1_answer,rule1_item,rule2_OxOy,rule2_GxOy,rule2_OxGy,rule2_GxGy,rule2_intended,rule2_answer,rule2_item,systematic_share,g_rule0_r0,g_rule0_r1,g_rule0_r2,g_rule1_r0,g_rule1_r1,g_rule1_r2,g_rule2_r0,g_rule2_r1,g_rule2_r2,collapse_avg,collapse_worst,inverse_mi,alignment,adaptation,routing_entropy,load_rule0,load_rule1,load_rule2")
dln_cli_test(modules_simulate_toml
  ARGS modules simulate --modules ${modules_dir}/good.toml --epochs 20 --init random --seed 3 --quiet
  OUT ${DLN_CLI_OUT_DIR}/modules_simulate_toml.csv
  OUT_REGEX "^t,loss,loss_r0,loss_r1,"
  MANIFEST_REGEX "\"command\": \"modules simulate\".*\"seeds\": \\[\n? *3")
dln_cli_test(modules_integrate_latent
  ARGS modules integrate --preset monolithic --engine latent --n1 12 --epochs 30 --quiet
  REGEX "^t,loss")
dln_cli_error_test(modules_unknown_key ARGS modules simulate --modules ${modules_dir}/unknown_key.toml
  ERROR_REGEX "unknown_key.toml:6:1: unknown key 'hiden'")
dln_cli_error_test(modules_bad_gate ARGS modules theory --modules ${modules_dir}/bad_gate.toml
  ERROR_REGEX "bad_gate.toml:6:8: .*gate must be a finite number in \\[0, 1\\]")
dln_cli_error_test(modules_bad_kappa ARGS modules theory --modules ${modules_dir}/bad_kappa.toml
  ERROR_REGEX "bad_kappa.toml:3:9: .*kappa must be injective")
dln_cli_error_test(modules_rules_above_n1 ARGS modules theory --preset monolithic --n1 2 --rules 3
  ERROR_REGEX "--rules must be an integer in \\[1, n1 = 2\\]")
dln_cli_error_test(modules_prior_not_distribution ARGS modules simulate --preset gt-modular --rules 2 --prior 0.5,0.6
  ERROR_REGEX "--prior must sum to 1")
dln_cli_error_test(modules_theory_outside_domain ARGS modules theory --preset shared-plus-rules
  ERROR_REGEX "--modules no closed form: modules shared, rule0")
dln_cli_error_test(modules_preset_with_file ARGS modules theory --modules ${modules_dir}/good.toml --n1 4
  ERROR_REGEX "--n1 applies to --preset only")
dln_cli_error_test(modules_hidden_too_small ARGS modules theory --preset monolithic --hidden 4
  ERROR_REGEX "--hidden the closed form of module net needs hidden ≥ 8")
dln_cli_error_test(modules_bad_engine ARGS modules simulate --engine nope
  ERROR_REGEX "--engine must be full or latent")
# The full-weight engine's guard counts a step's activations over P = 2^24 patterns (hidden × P per module), not
# only the weights: refused as bad input, saying what it would need, instead of running out of memory.
dln_cli_error_test(modules_full_too_large ARGS modules simulate --preset gt-modular --n1 24 --epochs 1
  ERROR_REGEX "--n1 n1 = 24 needs [0-9.e+]+ matrix entries .* for a step's activations over P = 16777216 patterns")
# ... and the read-out of every row, one module's latent map of outputs × P = k2·P² entries: at n1 = 16 the weights and
# a step fit (4e6 entries each) but the map needs 4.3e9 (34 GB); this run died in std::bad_alloc (exit 3) with
# --init random and spent minutes building the aligned init first without the check.
dln_cli_error_test(modules_full_readout_too_large ARGS modules simulate --n1 16 --epochs 1
  ERROR_REGEX "--n1 n1 = 16 needs 4\\.31e\\+09 matrix entries \\(34\\.4 GB: .* 4\\.3e\\+09 for the read-out's latent maps")
dln_cli_error_test(modules_full_readout_too_large_random ARGS modules simulate --n1 16 --init random --epochs 1
  ERROR_REGEX "--n1 n1 = 16 needs 4\\.31e\\+09 matrix entries")

# Learned routing (docs/modules.md §5.1): the logits train with the weights; the CSV carries the gates and the
# routing metrics per epoch (no adaptation column when M ≠ R), the manifest the ratio, the noise and its seed.
dln_cli_test(modules_learned_routing
  ARGS modules simulate --preset modular-op --rules 3 --router-lr-ratio 10 --logit-noise 0.1 --seed 4 --epochs 20 --quiet
  OUT ${DLN_CLI_OUT_DIR}/modules_learned_routing.csv
  OUT_REGEX "^t,.*,g_m0_r0,.*,g_m2_r2,collapse_avg,collapse_worst,inverse_mi,alignment,adaptation,routing_entropy,load_m0,load_m1,load_m2\n"
  MANIFEST_REGEX "\"router_lr_ratio\": 10\\.0.*\"seeds\": \\[\n? *4")
dln_cli_test(modules_learned_routing_toml
  ARGS modules integrate --modules ${modules_dir}/learned.toml --engine latent --epochs 10 --quiet
  REGEX "systematic_share,g_a_r0,g_a_r1,g_b_r0,g_b_r1,g_items_r0,g_items_r1,collapse_avg,collapse_worst,inverse_mi,alignment,routing_entropy,load_a,load_b,load_items\n")
dln_cli_error_test(modules_learned_routing_no_theory ARGS modules theory --modules ${modules_dir}/learned.toml
  ERROR_REGEX "--router_lr_ratio learned routing has no closed form")
dln_cli_error_test(modules_router_without_softmax ARGS modules simulate --preset gt-modular --rules 2 --router-lr-ratio 1
  ERROR_REGEX "router_lr_ratio > 0 needs at least two softmax-gated modules")
dln_cli_error_test(modules_router_negative ARGS modules simulate --preset modular-op --rules 2 --router-lr-ratio -1
  ERROR_REGEX "router_lr_ratio must be a finite number ≥ 0")
dln_cli_error_test(modules_logit_noise_negative ARGS modules simulate --preset modular-op --rules 2 --logit-noise -0.5
  ERROR_REGEX "--logit-noise must be a finite number ≥ 0")

# Held-out combinations: train on some patterns under every rule, test on the others.
dln_cli_test(modules_held_out
  ARGS modules simulate --preset gt-segregated --rules 2 --init random --train 0,1,2,4,7 --epochs 20 --quiet
  OUT ${DLN_CLI_OUT_DIR}/modules_held_out.csv
  OUT_REGEX "systematic_share,test_loss,test_answer_loss,g_rule0_r0,"
  MANIFEST_REGEX "\"train\": \\[\n? *0,")
dln_cli_error_test(modules_held_out_latent ARGS modules simulate --preset gt-modular --rules 2 --engine latent --train 0,1
  ERROR_REGEX "--train needs --engine full")
dln_cli_error_test(modules_held_out_every_pattern ARGS modules simulate --preset gt-modular --rules 2 --train 0,1,2,3,4,5,6,7
  ERROR_REGEX "--train leaves no pattern to test on")
dln_cli_error_test(modules_held_out_range ARGS modules simulate --preset gt-modular --rules 2 --train 0,9
  ERROR_REGEX "--train must list distinct patterns in \\[0, P − 1 = 7\\]")

# Per-sample routing, Mittal's joint "Modular" (docs/modules.md §5.3): full-weight GD only; the gate columns are the
# mean gates over the patterns, and the description's routing is in the manifest.
dln_cli_test(modules_per_sample_routing
  ARGS modules simulate --preset modular --rules 3 --init random --router-lr-ratio 1 --seed 3 --epochs 20 --quiet
  OUT ${DLN_CLI_OUT_DIR}/modules_per_sample_routing.csv
  OUT_REGEX "^t,.*,g_m0_r0,.*,g_m2_r2,collapse_avg,collapse_worst,inverse_mi,alignment,adaptation,routing_entropy,load_m0,load_m1,load_m2\n"
  MANIFEST_REGEX "\"routing\": \"per-sample\"")
dln_cli_test(modules_per_sample_held_out
  ARGS modules simulate --preset modular --rules 2 --init random --train 0,1,2,4,7 --epochs 20 --quiet
  REGEX "systematic_share,test_loss,test_answer_loss,g_m0_r0,")
dln_cli_error_test(modules_per_sample_no_flow ARGS modules integrate --preset modular --rules 2
  ERROR_REGEX "--preset routes per sample .*no closed form, latent reduction or flow .*run dln modules simulate --engine full")
dln_cli_error_test(modules_per_sample_no_latent ARGS modules simulate --modules ${modules_dir}/per_sample.toml --engine latent
  ERROR_REGEX "--modules routes per sample")
dln_cli_error_test(modules_per_sample_no_theory ARGS modules theory --preset modular --rules 2
  ERROR_REGEX "--preset routes per sample")
dln_cli_error_test(modules_routing_unknown ARGS modules simulate --modules ${modules_dir}/bad_routing.toml
  ERROR_REGEX "bad_routing.toml:2:11: .*routing must be \"rule\" or \"per-sample\", got \"sample\"")
dln_cli_test(modules_per_sample_toml ARGS modules simulate --modules ${modules_dir}/per_sample.toml --init random --epochs 5 --quiet
  REGEX "g_a_r0,g_a_r1,g_b_r0,g_b_r1,collapse_avg,collapse_worst,inverse_mi,alignment,adaptation,routing_entropy")
# Minibatch SGD over the R·P samples (rule, pattern): the manifest names the rule, the batch and the stream seed;
# a seed gives the same bits; SGD is for the full weights and needs a batch in [1, R·P].
dln_cli_test(modules_sgd
  ARGS modules simulate --preset gt-modular --rules 3 --rule sgd --batch 5 --seed 4 --epochs 10 --quiet
  OUT ${DLN_CLI_OUT_DIR}/modules_sgd.csv
  OUT_REGEX "^t,loss,loss_r0,"
  MANIFEST_REGEX "\"batch\": 5,.*\"batch_stream_seed\": [0-9]+,.*\"rule\": \"sgd\".*\"seeds\": \\[\n? *4")
add_test(NAME cli.modules_sgd_same_seed_same_bits
         COMMAND ${CMAKE_COMMAND}
                 "-DCMD=$<TARGET_FILE:dln>;modules;simulate;--preset;race;--rules;1;--init;random;--rule;sgd;--batch;3;--seed;9;--epochs;20;--quiet"
                 -P ${CMAKE_CURRENT_LIST_DIR}/expect_identical.cmake)
dln_cli_error_test(modules_sgd_without_batch ARGS modules simulate --preset gt-modular --rule sgd
  ERROR_REGEX "--batch is required with --rule sgd")
dln_cli_error_test(modules_sgd_batch_too_large ARGS modules simulate --preset gt-modular --rules 2 --rule sgd --batch 17
  ERROR_REGEX "--batch B must be an integer with 1 ≤ B ≤ R·P = 16")
dln_cli_error_test(modules_sgd_latent ARGS modules simulate --preset gt-modular --rule sgd --batch 4 --engine latent
  ERROR_REGEX "--rule sgd needs --engine full")
dln_cli_error_test(modules_batch_without_sgd ARGS modules simulate --preset gt-modular --batch 4
  ERROR_REGEX "--batch applies to --rule sgd only")
dln_cli_error_test(modules_bad_rule ARGS modules simulate --preset gt-modular --rule hebbian
  ERROR_REGEX "--rule must be gd or sgd")
dln_cli_error_test(modules_record_every_zero ARGS modules simulate --preset gt-modular --record-every 0
  ERROR_REGEX "--record-every must be an integer in \\[1, epochs = 300\\]")
dln_cli_error_test(modules_sgd_per_sample ARGS modules simulate --preset modular --rules 2 --rule sgd --batch 4
  ERROR_REGEX "--rule sgd needs rule-level routing")
