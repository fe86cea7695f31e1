# dln spectrum --exact (dln::symbolic): the paper setting's radicals in every format, every architecture at the
# degenerate settings, and the refusals. Included from tests/cli/CMakeLists.txt.

# docs/theory.md §11 in radicals: s = 3√11/8, √11/8, √3/8; λ = 11/8, 3/8; a* = 3/√11, 1/√11, 1/√3;
# ΩxΩy* = 8/11, ΓxΩy* = 2√6/11 (the lines are "  name = expression ≈ decimal").
dln_cli_test(spectrum.exact.paper_setting
             REGEX "s += 3√11/8 .*lambda += 11/8 .*asymptote = 3/√11 .*s += √11/8 .*asymptote = 1/√11 .*s += √3/8 .*lambda += 3/8 .*asymptote = 1/√3 .*OxOy += 8/11 .*GxOy += 2√6/11 .*systematicity = √33/11 .*critical_lr += 1/\\(3√11\\) .*learning order[^\n]*pi1 < pi2 < pi3"
             FORBID_REGEX ${no_nan} ARGS spectrum --exact)
dln_cli_test(spectrum.exact.latex REGEX "s_{\\\\pi_{1}} &= \\\\frac{3\\\\sqrt{11}}{8} \\\\approx 1\\.2437"
             ARGS spectrum --exact --format latex)
dln_cli_test(spectrum.exact.json
             REGEX "\"ginac\": \"3\\*sqrt\\(11\\)/8\",\n *\"latex\": \"[^\"]*\",\n *\"name\": \"s\",\n *\"note\": \"\",\n *\"text\": \"3√11/8\",\n *\"value\": 1\\.24373"
             ARGS spectrum --exact --format json)
# r as typed: a decimal is its exact fraction, a fraction is kept.
dln_cli_test(spectrum.exact.r_decimal  REGEX "r=4/5 "  ARGS spectrum --exact --r 0.8)
dln_cli_test(spectrum.exact.r_fraction REGEX "r=3/2 .*s += √2419/32 " ARGS spectrum --exact --r 3/2)
dln_cli_test(spectrum.exact.out_writes_file_and_manifest
             OUT ${DLN_CLI_OUT_DIR}/spectrum_exact.json OUT_REGEX "\"text\": \"√1155/32\""
             MANIFEST_REGEX "\"exact\": true.*\"r\": \"1/2\""
             ARGS spectrum --exact --format json --r 1/2)
foreach(setting k1_0 k2_0 n2_0 n2_n1 k1_k2 no_outputs)
  foreach(arch dense split segregated shallow)
    dln_cli_test(spectrum.exact.${setting}.${arch} REGEX "quadrant asymptotes" FORBID_REGEX ${no_nan}
                 ARGS spectrum --exact --arch ${arch} ${degenerate_${setting}})
  endforeach()
endforeach()

# Refusals: r, lr and a0 must be rational (and the message says why and where decimals are used instead).
dln_cli_error_test(spectrum.exact.r_irrational ERROR_REGEX "^error: --r: must be a rational number.*decimals"
                   ARGS spectrum --exact --r sqrt(2))
dln_cli_error_test(spectrum.exact.r_nan  ERROR_REGEX "^error: --r: must be a rational number.*got 'nan'" ARGS spectrum --exact --r nan)
dln_cli_error_test(spectrum.exact.r_inf  ERROR_REGEX "^error: --r: must be a rational number.*got 'inf'" ARGS spectrum --exact --r inf)
dln_cli_error_test(spectrum.exact.r_zero_denominator ERROR_REGEX "^error: --r: has a zero denominator" ARGS spectrum --exact --r 1/0)
dln_cli_error_test(spectrum.exact.r_zero ERROR_REGEX "^error: --r must be a finite number > 0" ARGS spectrum --exact --r 0)
dln_cli_error_test(spectrum.exact.lr_irrational ERROR_REGEX "^error: --lr must be a rational number" ARGS spectrum --exact --lr pi)
dln_cli_error_test(spectrum.exact.a0_zero ERROR_REGEX "^error: --a0 must be > 0" ARGS spectrum --exact --a0 0)
dln_cli_error_test(spectrum.exact.n1_above_30 ERROR_REGEX "^error: --n1" ARGS spectrum --exact --n1 31)
dln_cli_error_test(spectrum.exact.format_unknown ERROR_REGEX "^error: --format" ARGS spectrum --exact --format html)
dln_cli_error_test(spectrum.exact.lr_needs_exact ERROR_REGEX "^error: --lr requires --exact" ARGS spectrum --lr 0.1)
dln_cli_error_test(spectrum.exact.with_json ERROR_REGEX "^error: --json excludes --exact" ARGS spectrum --exact --json)
# Without --exact a fraction is not a number (the decimal commands take decimals).
dln_cli_error_test(spectrum.r_fraction_without_exact ERROR_REGEX "^error: --r must be a number, got '3/2'" ARGS spectrum --r 3/2)

# dln formula: the formulas in the parameters with their values, and derivatives.
dln_cli_test(formula.dense
             REGEX "s += √\\(L1·L2\\)/P +≈ 1\\.24373.*asymptote += √\\(L2/L1\\) .*systematicity = r·√\\(k1/L1\\) +≈ 0\\.52223"
             FORBID_REGEX ${no_nan} ARGS formula)
foreach(arch split segregated shallow)
  dln_cli_test(formula.${arch} REGEX "quadrant asymptotes" FORBID_REGEX ${no_nan} ARGS formula --arch ${arch} --r 3/2)
endforeach()
# ∂(systematicity at convergence)/∂r = √k1·P/L1^(3/2) = 8√3/(11√11) ≈ 0.379806 at the paper's setting.
dln_cli_test(formula.derivative REGEX "d systematicity/d r += [^\n]*≈ 0\\.37980579" ARGS formula --derive systematicity --wrt r)
dln_cli_test(formula.json REGEX "\"name\": \"d t_half:pi1/d k1\"" ARGS formula --derive t_half:pi1 --wrt k1 --format json)
dln_cli_test(formula.latex REGEX "\\\\frac{\\\\partial" ARGS formula --derive systematicity --wrt r --format latex)
dln_cli_error_test(formula.derive_unknown ERROR_REGEX "^error: --derive must name read-outs of the dense architecture, among s:pi1.*systematicity. got 'sys'"
                   ARGS formula --derive sys --wrt r)
dln_cli_error_test(formula.wrt_unknown ERROR_REGEX "^error: --wrt must name a parameter, one of n1, n2, k1, k2, r, lr, a0, t. got 'P'"
                   ARGS formula --derive systematicity --wrt P)
dln_cli_error_test(formula.derive_needs_wrt ERROR_REGEX "^error: --derive requires --wrt" ARGS formula --derive systematicity)
dln_cli_error_test(formula.r_irrational ERROR_REGEX "^error: --r: must be a rational number" ARGS formula --r pi)
dln_cli_error_test(formula.t_negative ERROR_REGEX "^error: --t must be" ARGS formula --t -1)
