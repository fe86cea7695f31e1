# Install a finished build into PREFIX (emptied first) and build and run examples/consumer against it: the
# consumer finds dln through CMAKE_PREFIX_PATH = PREFIX only, never through the source or build tree.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "failed (${rc}): ${command}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${PREFIX} ${CONSUMER_BUILD})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} --config ${BUILD_TYPE})
set(expected include/dln/analytic.hpp lib/cmake/dln/dln-config.cmake lib/cmake/dln/dln-config-version.cmake
             lib/cmake/dln/dln-targets.cmake)
if(WITH_APP)
  list(APPEND expected bin/dln share/dln/configs/dense.toml)
endif()
foreach(installed IN LISTS expected)
  if(NOT EXISTS ${PREFIX}/${installed})
    message(FATAL_ERROR "cmake --install did not write ${PREFIX}/${installed}")
  endif()
endforeach()

run(${CMAKE_COMMAND} -S ${CONSUMER_SOURCE} -B ${CONSUMER_BUILD} "-DCMAKE_PREFIX_PATH=${PREFIX}"
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run(${CMAKE_COMMAND} --build ${CONSUMER_BUILD})
run(${CONSUMER_BUILD}/consumer)
message("${out}")
if(NOT out MATCHES "consumer: the closed forms agree")
  message(FATAL_ERROR "the consumer ran but did not report agreement:\n${out}")
endif()

# The installed program finds its recipes next to itself (<prefix>/share/dln/configs), not in the source tree.
if(WITH_APP)
  run(${PREFIX}/bin/dln figures --list --only dense)
  if(NOT out MATCHES "^dense +learning-curves")
    message(FATAL_ERROR "the installed dln figures --list did not list the installed recipes:\n${out}")
  endif()
endif()
