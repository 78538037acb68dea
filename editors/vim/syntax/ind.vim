" Vim syntax file
" Language:   ind: indc project performance-target specs (项目支出绩效目标表)
" Filenames:  *.ind
" Reference:  docs/language.md, section 1 (lexical structure); docs/editors.md
"
" Keep the word lists in step with compiler/front/keywords.def (keywords)
" and AST_CATEGORIES in compiler/front/ast.h (categories, three forms each):
" tests/editors/check_grammars.c fails when one is missing here.
"
" Where two items start at the same place the one defined last wins, so the
" order below matters: operators, numbers, units, dates, grades, keywords,
" then strings and comments.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
syn sync minlines=50

" ---- operators and punctuation (full-width forms too) -----------------------
syn match indArith      "[-+*/%]\|＋\|－\|＊\|／\|％"
syn match indLogical    "&&\|||\|!\|！"
syn match indComparison ">=\|<=\|==\|!=\|[<>=]\|≥\|≧\|≤\|≦\|≠\|＞\|＜\|＝"
" comparisons in words (language.md [LEX-CMP]), longest first
syn match indComparison "大于或等于\|小于或等于\|大于等于\|小于等于\|不少于\|不低于\|不小于\|不超过\|不高于\|不多于\|不大于\|大于\|高于\|多于\|超过\|小于\|低于\|少于\|等于"
syn match indDelimiter  "[{}()：:；;，,、｛｝（）]"

" ---- numbers, and the unit right after one: 15场, 9.8 万元, ≥2000 人/次, 95% -
syn match indNumber "\%([A-Za-z0-9_.]\)\@<!\d\+\%(\.\d\+\)\="
syn match indUnit   "\%(\d[ \t]\=\)\@<=\%(%\|‰\|％\|[A-Za-z_\u3400-\u9fff\uf900-\ufaff]\+\%([ \t]*[/／][ \t]*[A-Za-z_\u3400-\u9fff\uf900-\ufaff]\+\)\=\)"

" ---- deadlines and periods: 2023年12月底前完成, 2023年底前, 2023-12-31, 2023全年, 2023年内
syn match indDate "\d\@<!\d\{4}[ \t]*年[ \t]*\d\{1,2}[ \t]*月\%([ \t]*\d\{1,2}[ \t]*日\|[ \t]*[底末]\)\=[ \t]*\%(之前\|前\)\=[ \t]*\%(完成\)\="
syn match indDate "\d\@<!\d\{4}[ \t]*年[ \t]*[底末][ \t]*\%(之前\|前\)\=[ \t]*\%(完成\)\="
syn match indDate "\d\@<!\d\{4}[ \t]*\%(年[ \t]*\)\=全年"
syn match indDate "\d\@<!\d\{4}[ \t]*年[ \t]*内"
syn match indDate "\d\@<!\d\{4}-\d\{1,2}-\d\{1,2}\d\@!"

" ---- a grade target: 达到 3A 级, reach 3A level ---------------------------------
syn match indGrade "\%(\%(达到\|\<reach\)[ \t]*\)\@<=\d*[A-Za-z_\u3400-\u9fff]\+\%([ \t]*\%(级\|level\)\)\="

" ---- keywords and categories ---------------------------------------------------
" A Chinese keyword is a whole run of Chinese characters (and ASCII letters),
" which digits and punctuation may touch: 预算数14, 指标：, but not 数量 in
" 数量指标 or 指标 in 指标abc.
let s:letter = '[A-Za-z_\u3400-\u9fff\uf900-\ufaff]'
function! s:Chinese(group, words) abort
  execute 'syn match ' . a:group . ' "\v' . s:letter . '@<!%(' . join(a:words, '|') . ')'
        \ . s:letter . '@!"'
endfunction

" keywords.def, Chinese
call s:Chinese('indKeyword', ['预算单位', '年度', '金额单位', '导入', '计量单位', '等级',
      \ '评分规则', '项目', '预算数', '财政资金', '其他资金', '资金用途', '绩效目标', '指标',
      \ '描述', '分值', '实际', '达到', '截至', '全年', '年内', '测试', '给定', '期望', '执行数',
      \ '状态', '得分', '总分'])
call s:Chinese('indConditional', ['如果', '则', '否则'])
call s:Chinese('indLogical', ['且', '或', '非'])
" AST_CATEGORIES, Chinese: full and short forms
call s:Chinese('indCategory', ['产出指标', '效益指标', '满意度指标', '成本指标', '数量指标',
      \ '质量指标', '时效指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标',
      \ '服务对象满意度指标', '经济成本指标', '社会成本指标', '生态环境成本指标'])
call s:Chinese('indCategory', ['产出', '效益', '满意度', '成本', '数量', '质量', '时效',
      \ '经济效益', '社会效益', '生态效益', '可持续影响', '服务对象满意度', '经济成本', '社会成本',
      \ '生态环境成本'])

" keywords.def, English
syn keyword indKeyword     agency year currency import unit scale policy project budget fiscal
syn keyword indKeyword     other purpose goal indicator description weight actual reach by
syn keyword indKeyword     full_year within test given expect spent status score total grade
syn keyword indConditional if then else
syn keyword indLogical     and or not
" AST_CATEGORIES, English
syn keyword indCategory    output benefit satisfaction cost quantity quality timeliness economic
syn keyword indCategory    social ecological sustainable beneficiary economic_cost social_cost
syn keyword indCategory    ecological_cost

" ---- names in backquotes, strings, comments ----------------------------------
syn match indQuotedName "`[^`]\+`"

syn match  indEscapeError contained "\\."
syn match  indEscape      contained "\\\%([\\\"nt]\|u{\x\{1,6}}\)"
syn region indString   start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=indEscape,indEscapeError
" “…” nests: “组织“挑战杯”大学生创业计划竞赛” is one string
syn region indCQString matchgroup=indCQString start=+“+ end=+”+ end=+$+
      \ contains=indCQNested,indEscape,indEscapeError
syn region indCQNested contained transparent matchgroup=indCQString start=+“+ end=+”+ end=+$+
      \ contains=indCQNested,indEscape,indEscapeError

syn keyword indTodo contained TODO FIXME XXX NOTE
syn match  indComment      "#.*$" contains=indTodo,@Spell
syn region indBlockComment start="/\*" end="\*/" contains=indTodo,@Spell

hi def link indComment      Comment
hi def link indBlockComment Comment
hi def link indTodo         Todo
hi def link indString       String
hi def link indCQString     String
hi def link indEscape       SpecialChar
hi def link indEscapeError  Error
hi def link indNumber       Number
hi def link indUnit         Type
hi def link indDate         Constant
hi def link indGrade        Constant
hi def link indKeyword      Keyword
hi def link indConditional  Conditional
hi def link indLogical      Operator
hi def link indCategory     Structure
hi def link indComparison   Operator
hi def link indArith        Operator
hi def link indDelimiter    Delimiter
hi def link indQuotedName   Identifier

delfunction s:Chinese
let b:current_syntax = 'ind'
let &cpo = s:cpo_save
unlet s:cpo_save s:letter
