# klaude_set_warnings(<target>): the project's warning level, errors with -DKLAUDE_WERROR=ON.
function(klaude_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                           -Wno-missing-field-initializers
                                           $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor>)
  if(KLAUDE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(KLAUDE_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
