# Project-wide warning flags and optional sanitizers, applied through ddb_target_defaults().
# GCC builds everything; Clang builds the fuzzers (fuzz/), hence the compiler-specific flags.
function(ddb_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wshadow=local
                                               -Wno-restrict)  # GCC 12 false positives (PR105329)
  else()
    target_compile_options(${target} PRIVATE -Wshadow-uncaptured-local)
  endif()
  if(DDB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(DDB_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${DDB_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${DDB_SANITIZE})
    # GCC warns that ThreadSanitizer does not model the fences Asio uses; a report whose only
    # ordering is such a fence may be a false alarm, and would need reading as one.
    if(DDB_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-tsan)
    endif()
  endif()
endfunction()
