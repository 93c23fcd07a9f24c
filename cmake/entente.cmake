# entente_test(NAME SOURCES... LIBS lib...) adds a GoogleTest executable,
# registers its tests with ctest and passes the data folders as definitions.
function(entente_test name)
  if(NOT ENTENTE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    ENTENTE_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    ENTENTE_DATA_DIR="${ENTENTE_DATA_DIR}"
    ENTENTE_SHARED_DIR="${ENTENTE_SHARED_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 600)
endfunction()
