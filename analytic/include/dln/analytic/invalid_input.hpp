#pragma once
// Tier-1 errors (docs/conventions.md): bad input, rejected at the boundary before any work is done.
#include <stdexcept>
#include <string>

namespace dln {

// `parameter` is the name of the offending parameter as the user spells it ("n1", "keep", "lr");
// `what()` says what was wrong and which values are accepted.
class InvalidInput : public std::invalid_argument {
public:
  InvalidInput(std::string parameter, const std::string& message)
      : std::invalid_argument(message), parameter_(std::move(parameter)) {}
  const std::string& parameter() const noexcept { return parameter_; }

private:
  std::string parameter_;
};

}  // namespace dln
