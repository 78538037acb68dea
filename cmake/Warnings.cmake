# indc_warnings(target): the project's warning list, applied to our own
# targets only (generated scanner and parser code gets relaxed warnings).
function(indc_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wpointer-arith -Wcast-qual -Wwrite-strings -Wvla -Wformat=2
    -Wno-unused-parameter)
  if(INDC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
