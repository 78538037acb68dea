" tests/editors/vim_check.vim - run by run.sh as
"   vim -Nu NONE -i NONE -es --cmd 'let g:rtp=… | let g:sample=… | let g:expect=… | let g:out=…' -S vim_check.vim
" Opens g:sample with editors/vim on the runtime path and checks the syntax
" group under the first character of each TEXT of g:expect (see its
" header); writes the failures and a count line to g:out.
set nomore encoding=utf-8
let &runtimepath = g:rtp . ',' . &runtimepath
filetype plugin on
syntax on
execute 'edit ' . fnameescape(g:sample)
let s:out = []
let s:n = 0
if &filetype !=# 'ind'
  call add(s:out, 'filetype not detected: "' . &filetype . '"')
endif
call cursor(1, 1)
for s:line in readfile(g:expect)
  if s:line =~# '^#' && s:line !~# "\t" || s:line ==# ''
    continue
  endif
  let [s:text, s:group; s:rest] = split(s:line, "\t", 1)
  let s:n += 1
  let s:mark = stridx(s:text, '⟨')
  let s:find = substitute(s:text, '⟨', '', '')
  let s:pos = searchpos('\V' . escape(s:find, '\'), s:n == 1 ? 'cW' : 'W')
  if s:pos == [0, 0]
    call add(s:out, 'not found after the previous text: ' . s:text)
    continue
  endif
  if s:mark > 0 " the marked character: bytes before the mark from the match
    let s:pos = [s:pos[0], s:pos[1] + s:mark]
  endif
  let s:got = synIDattr(synID(s:pos[0], s:pos[1], 1), 'name')
  if s:got ==# '' | let s:got = '-' | endif
  if s:got !=# s:group
    call add(s:out, printf('line %d: %s is %s, expected %s', s:pos[0], s:text, s:got, s:group))
  endif
endfor
call add(s:out, printf('%d checked, %d wrong', s:n, len(s:out)))
call writefile(s:out, g:out)
qall!
