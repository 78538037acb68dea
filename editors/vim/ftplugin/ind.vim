" Vim filetype plugin: indc performance-target specs (*.ind)
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

" # line comments, /* */ block comments; “” and full-width brackets match with %
setlocal commentstring=#\ %s
setlocal comments=s1:/*,mb:*,ex:*/,:#
setlocal matchpairs+=“:”,｛:｝,（:）
setlocal expandtab shiftwidth=2 softtabstop=2

let b:undo_ftplugin = 'setlocal commentstring< comments< matchpairs< expandtab< shiftwidth< softtabstop<'
