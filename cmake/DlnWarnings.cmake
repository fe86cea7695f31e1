# Warnings on our own targets only (never on the dependencies' headers, which are SYSTEM); errors with
# DLN_WERROR (on in CI).
function(dln_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion $<$<BOOL:${DLN_WERROR}>:-Werror>)
endfunction()
