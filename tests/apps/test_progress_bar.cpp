// The progress bar of long runs: silent when not wanted, complete at the end, redrawn in place on one
// line (never a line break of its own) and erased when done, so that the terminal's next line is clean.
#define BOOST_TEST_MODULE progress_bar
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>
#include <sstream>

#include "progress_bar.hpp"

using dln::cli::ProgressBar;

BOOST_AUTO_TEST_CASE(a_disabled_bar_writes_nothing) {
  std::ostringstream out;
  {
    ProgressBar bar(out, "dln simulate", "rows", 10, false);
    for (int done = 0; done <= 10; ++done) bar.update(done);
  }
  BOOST_TEST(out.str().empty());
}

BOOST_AUTO_TEST_CASE(an_enabled_bar_ends_complete_on_one_line_and_erases_itself) {
  std::ostringstream out;
  std::string while_running;
  {
    ProgressBar bar(out, "dln simulate", "rows", 10, true);
    for (int done = 0; done <= 10; ++done) bar.update(done);
    while_running = out.str();
  }
  // The last state is always drawn, whatever the redraw throttle skipped before it.
  const std::string last = while_running.substr(while_running.rfind('\r') + 1);
  BOOST_TEST(last.find("dln simulate [##############################] 100%  10/10 rows") == 0u, last);
  BOOST_TEST(while_running.find('\n') == std::string::npos);
  // Erased: a carriage return, blanks over the widest line drawn, a carriage return.
  const std::string erase = out.str().substr(while_running.size());
  BOOST_TEST(erase == fmt::format("\r{}\r", std::string(last.size(), ' ')));
}

BOOST_AUTO_TEST_CASE(the_first_update_draws_and_a_zero_total_does_not_divide_by_zero) {
  std::ostringstream out;
  ProgressBar bar(out, "dln integrate", "epochs", 0, true);
  bar.update(0);
  BOOST_TEST(out.str().find("dln integrate [") == 1u);  // after the leading '\r'
  BOOST_TEST(out.str().find("nan") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_eta_is_the_time_left_at_the_pace_so_far) {
  // A quarter done in 10 s: three quarters left take 30 s at that pace.
  BOOST_TEST(ProgressBar::eta(10.0, 0.25) == "ETA 30 s");
  BOOST_TEST(ProgressBar::eta(100.0, 0.5) == "ETA 1 min 40 s");
  BOOST_TEST(ProgressBar::eta(3600.0, 0.5) == "ETA 1 h 00 min");
  // Nothing to extrapolate from, and nothing left.
  BOOST_TEST(ProgressBar::eta(5.0, 0.0) == "");
  BOOST_TEST(ProgressBar::eta(5.0, 1.0) == "");
}
