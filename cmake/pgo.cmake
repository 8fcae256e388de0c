# Profile-guided optimisation (SDSIM_PGO). Only the code's layout, inlining and unrolling change, never its
# arithmetic: outputs are byte-identical (the release preset uses "auto", and the golden tests run on it).
#   auto      before compiling, the build makes an instrumented sdsim from the same sources in
#             <build>/pgo-training, trains it (cmake/pgo_train.cmake), and compiles every target with the
#             profiles that wrote; a changed source is re-profiled before it is recompiled.
#   generate  builds programs whose runs write profiles to SDSIM_PGO_DIR (auto's training build).
set(SDSIM_PGO "" CACHE STRING "Profile-guided optimisation: empty, auto or generate")
set_property(CACHE SDSIM_PGO PROPERTY STRINGS "" auto generate)
set(SDSIM_PGO_DIR "${CMAKE_BINARY_DIR}/pgo-profile" CACHE PATH "Where profiles are written and read")
# Profiles are named after object files relative to the build directory, so that the training build's are
# found by the build that uses them.
set(sdsim_pgo_prefix "-fprofile-prefix-path=${CMAKE_BINARY_DIR}")

if(SDSIM_PGO STREQUAL "generate")
  add_compile_options(-fprofile-generate -fprofile-update=prefer-atomic "-fprofile-dir=${SDSIM_PGO_DIR}"
                      ${sdsim_pgo_prefix})
  add_link_options(-fprofile-generate)
elseif(SDSIM_PGO STREQUAL "auto")
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "SDSIM_PGO=auto needs GCC (its profile format); leave SDSIM_PGO empty")
  endif()
  # Code no training run reached is optimised as usual (partial training), without a warning per file; a
  # function changed since its profile was written is optimised without it.
  add_compile_options(-fprofile-use -fprofile-partial-training "-fprofile-dir=${SDSIM_PGO_DIR}"
                      ${sdsim_pgo_prefix} -Wno-missing-profile -Wno-coverage-mismatch)
  add_link_options(-fprofile-use)
  include(ExternalProject)
  set(sdsim_pgo_training_dir "${CMAKE_BINARY_DIR}/pgo-training")
  set(sdsim_pgo_instrumented "${sdsim_pgo_training_dir}/app/sdsim")
  ExternalProject_Add(sdsim_pgo_instrumented
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${sdsim_pgo_training_dir}"
    CMAKE_ARGS -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
               "-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=${CMAKE_INTERPROCEDURAL_OPTIMIZATION}"
               -DSDSIM_PGO=generate "-DSDSIM_PGO_DIR=${SDSIM_PGO_DIR}"
               -DSDSIM_BUILD_TESTS=OFF -DSDSIM_BUILD_BENCH=OFF
    BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target sdsim
    BUILD_BYPRODUCTS "${sdsim_pgo_instrumented}"
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)
  set(sdsim_pgo_stamp "${SDSIM_PGO_DIR}.stamp")
  add_custom_command(
    OUTPUT "${sdsim_pgo_stamp}"
    COMMAND "${CMAKE_COMMAND}" "-DSDSIM=${sdsim_pgo_instrumented}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
            "-DPROFILE_DIR=${SDSIM_PGO_DIR}" "-DSTAMP=${sdsim_pgo_stamp}"
            -P "${PROJECT_SOURCE_DIR}/cmake/pgo_train.cmake"
    DEPENDS "${sdsim_pgo_instrumented}" "${PROJECT_SOURCE_DIR}/cmake/pgo_train.cmake"
    COMMENT "Training the instrumented sdsim for the profile-guided build"
    USES_TERMINAL)
  add_custom_target(sdsim_pgo_profile DEPENDS "${sdsim_pgo_stamp}")
  add_dependencies(sdsim_pgo_profile sdsim_pgo_instrumented)
elseif(NOT SDSIM_PGO STREQUAL "")
  message(FATAL_ERROR "SDSIM_PGO is \"${SDSIM_PGO}\": use auto, generate, or leave it empty")
endif()
