# Warnings on our own targets only (never on the dependencies' headers, which are SYSTEM).
function(dln_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
endfunction()
