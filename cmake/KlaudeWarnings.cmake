# klaude_set_warnings(<target>): the project's warning level, errors with -DKLAUDE_WERROR=ON.
# (Sanitizers are set for the whole build by KLAUDE_SANITIZE in the top-level CMakeLists.txt.)
function(klaude_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                                           $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                                           -Wno-missing-field-initializers
                                           $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor>)
  if(KLAUDE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
