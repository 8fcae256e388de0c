# Training runs of an instrumented sdsim (SDSIM_PGO=auto's first half), as a script:
#   cmake -DSDSIM=<instrumented sdsim> -DSOURCE_DIR=<sources> -DPROFILE_DIR=<profiles> -DSTAMP=<file> -P pgo_train.cmake
# Starts from an empty profile directory (a profile of an older binary would not match), runs the benchmark's
# 10-block design and every example design under its own scenario, then touches STAMP.
file(REMOVE_RECURSE "${PROFILE_DIR}")
file(MAKE_DIRECTORY "${PROFILE_DIR}")

function(train)
  execute_process(COMMAND "${SDSIM}" run ${ARGN} --quiet WORKING_DIRECTORY "${SOURCE_DIR}"
                  OUTPUT_QUIET RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "profile-guided build: the training run `sdsim run ${ARGN}` failed (${status})")
  endif()
endfunction()

train(bench/designs/ten-blocks.json --scenario bench/designs/ten-blocks-1m.json --set scenario:duration_s=40)
file(GLOB designs "${SOURCE_DIR}/designs/*.json")
foreach(design IN LISTS designs)
  train("${design}" --replications 1 --jobs 1)
endforeach()
file(TOUCH "${STAMP}")
