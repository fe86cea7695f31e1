# Runs a command twice — or CMD and then CMD2 — and checks that both runs exit with 0 and print exactly the
# same stdout (a seeded run must reproduce its output bit for bit, whatever --jobs says).
#
#   cmake "-DCMD=program;arg;arg…" ["-DCMD2=program;arg;arg…"] -P expect_identical.cmake
if(NOT DEFINED CMD)
  message(FATAL_ERROR "expect_identical.cmake: CMD (the command as a ;-list) is required")
endif()
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc1 OUTPUT_VARIABLE out1 ERROR_VARIABLE err1)
if(NOT DEFINED CMD2)
  set(CMD2 ${CMD})
endif()
execute_process(COMMAND ${CMD2} RESULT_VARIABLE rc2 OUTPUT_VARIABLE out2 ERROR_VARIABLE err2)
if(NOT rc1 STREQUAL "0" OR NOT rc2 STREQUAL "0")
  message(FATAL_ERROR "command: ${CMD}\nexit codes ${rc1} and ${rc2}, expected 0\n--- stderr:\n${err1}${err2}")
endif()
if(out1 STREQUAL "")
  message(FATAL_ERROR "command: ${CMD}\nprinted nothing")
endif()
if(NOT out1 STREQUAL out2)
  message(FATAL_ERROR "commands: ${CMD} and ${CMD2}\nthe two runs printed different output")
endif()
