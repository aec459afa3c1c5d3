# Project-wide warning flags and optional sanitizers, applied through ddb_target_defaults().
function(ddb_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                             -Wno-restrict)  # GCC 12 false positives (PR105329)
  if(DDB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(DDB_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${DDB_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${DDB_SANITIZE})
  endif()
endfunction()
