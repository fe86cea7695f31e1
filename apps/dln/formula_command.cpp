// dln formula: the closed forms as formulas in the parameters (docs/symbolic.md), with their values at the
// dataset flags' setting, or the derivatives of chosen read-outs (--derive R --wrt X).
#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic/architecture.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/symbolic/formulas.hpp"
#include "dln/symbolic/parameters.hpp"
#include "exact_flags.hpp"

namespace dln::cli {

namespace {

class FormulaCommand : public Command {
public:
  explicit FormulaCommand(CLI::App& dln) {
    app = dln.add_subcommand("formula", "closed forms as formulas in n1, n2, k1, k2, r, lr, a0, t, and their derivatives");
    dataset_.add_to(*app);
    exact_flags_.add_to(*app);
    app->add_option("--arch", arch_name_, "architecture")
        ->transform(one_of(analytic::kArchitectureNames))
        ->capture_default_str();
    app->add_option("--t", t_text_, "time (epochs) at which a(t) and the quadrant norms are evaluated, a rational")
        ->capture_default_str();
    auto* wrt = app->add_option("--wrt", request_.wrt, "parameters to differentiate by, e.g. r,k1: n1, n2, k1, k2, r, lr, a0, t")
                    ->delimiter(',');
    app->add_option("--derive", request_.derive,
                    "read-outs to differentiate, e.g. systematicity,t_half:pi1 (s:, lambda:, asymptote:, t_half:, a: "
                    "with a family; OxOy, GxOy, OxGy, GxGy, systematicity)")
        ->delimiter(',')
        ->needs(wrt);
    wrt->needs(app->get_option("--derive"));
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    dataset_.spec.validate();
    request_.arch = analytic::parse_architecture(arch_name_);
    request_.setting = exact_flags_.setting(dataset_.spec);
    request_.t = symbolic::parse_rational(t_text_, "t");
    if (request_.t < 0) throw InvalidInput("t", "must be ≥ 0, got " + t_text_);
    output_.check_writable();
    const symbolic::Report report = symbolic::formula_report(request_);
    const auto& spec = dataset_.spec;
    record.parameters = {{"n1", spec.n1}, {"n2", spec.n2}, {"k1", spec.k1}, {"k2", spec.k2},
                         {"r", exact_flags_.r_text}, {"lr", exact_flags_.lr_text}, {"a0", exact_flags_.a0_text},
                         {"t", t_text_}, {"arch", arch_name_}, {"derive", request_.derive}, {"wrt", request_.wrt},
                         {"format", exact_flags_.format}};
    emit(output_.path, render_report(report, exact_flags_.format), record);
    return 0;
  }

private:
  DatasetFlags dataset_;
  ExactFlags exact_flags_;
  OutputFlags output_;
  std::string arch_name_ = "dense";
  std::string t_text_ = "100";
  symbolic::FormulaRequest request_;
};

}  // namespace

std::unique_ptr<Command> make_formula_command(CLI::App& dln) { return std::make_unique<FormulaCommand>(dln); }

}  // namespace dln::cli
