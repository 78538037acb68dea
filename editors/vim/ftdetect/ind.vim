" *.ind: indc performance-target specs (editors/vim/syntax/ind.vim)
autocmd BufNewFile,BufRead *.ind setfiletype ind
