# c_embed.cmake - turn the C text that generated evaluators carry into
# string arrays the C generator can print (compiler/backend/c_emit.c).
#
#   cmake -DSRC=<source root> -DOUT=<file.c> -P c_embed.cmake
#
# Embedded, one array of lines each (NULL-terminated, so no literal comes
# near the 4095-character minimum that C11 compilers must accept):
#   ce_text_abi       compiler/backend/c_abi.h        the ABI types
#   ce_text_dec_h     runtime/dec.h                   } the preamble, with
#   ce_text_score_h   runtime/score/score.h           } static prototypes
#   ce_text_dec       runtime/dec.c                   exact decimals
#   ce_text_score     runtime/score/score.c           the scoring rules
#   ce_text_tables    compiler/backend/c_tables.inc   reading the encoded tables
#   ce_text_evaluate  compiler/backend/c_evaluate.inc the loop of eval.c
# An `#include "..."` of a project header becomes a comment (the headers
# come first in the output); system includes stay.  In the two headers
# every function prototype at the start of a line, `T name(...);`, becomes
# `static T name(...) CE_UNUSED;`, so the definitions that follow have
# internal linkage and an unused one draws no warning.  Run by
# add_custom_command in compiler/CMakeLists.txt, so editing any of these
# files regenerates OUT.

function(embed var path out_var) # [static]
  file(READ "${path}" text)
  if(ARGN STREQUAL "static")
    string(REGEX REPLACE "\n([A-Za-z_][A-Za-z0-9_ ]*[ *]+[a-z_][a-z0-9_]*\\([^;{}]*\\));"
           "\nstatic \\1 CE_UNUSED;" text "${text}")
  endif()
  string(REGEX REPLACE "\n(#include \"[^\"]*\")" "\n/* \\1: embedded above */" text "${text}")
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  # \? keeps "??x" from reading as a trigraph under -std=c11
  string(REPLACE "?" "\\?" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  string(REPLACE "\r" "" text "${text}")
  string(REGEX REPLACE "\n$" "" text "${text}")
  string(REPLACE "\n" "\\n\",\n  \"" text "${text}")
  file(RELATIVE_PATH rel "${SRC}" "${path}")
  set(${out_var} "${${out_var}}
/* ${rel} */
const char *const ${var}[] = {
  \"${text}\\n\",
  NULL
};
" PARENT_SCOPE)
endfunction()

set(body "/* Generated from the files named below by compiler/backend/c_embed.cmake;
 * do not edit. */
#include \"backend/c_emit.h\"
")
embed(ce_text_abi "${SRC}/compiler/backend/c_abi.h" body)
embed(ce_text_dec_h "${SRC}/runtime/dec.h" body static)
embed(ce_text_score_h "${SRC}/runtime/score/score.h" body static)
embed(ce_text_dec "${SRC}/runtime/dec.c" body)
embed(ce_text_score "${SRC}/runtime/score/score.c" body)
embed(ce_text_tables "${SRC}/compiler/backend/c_tables.inc" body)
embed(ce_text_evaluate "${SRC}/compiler/backend/c_evaluate.inc" body)

file(WRITE "${OUT}" "${body}")
