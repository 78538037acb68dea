// tests/editors/tm_check.js GRAMMAR SAMPLE EXPECT
//
// Tokenizes SAMPLE with the TextMate grammar as VS Code does (the
// vscode-textmate and vscode-oniguruma packages, found through NODE_PATH)
// and checks the innermost scope under the first character of each TEXT of
// EXPECT (see its header).  Exit 77 (skipped) when the packages are absent:
// `npm install vscode-textmate vscode-oniguruma` and set NODE_PATH to run it.
'use strict';
const fs = require('fs');
let vsctm, onig;
try {
  vsctm = require('vscode-textmate');
  onig = require('vscode-oniguruma');
} catch (e) {
  console.log('SKIP editors-textmate: vscode-textmate and vscode-oniguruma not found (NODE_PATH)');
  process.exit(77);
}
const [grammarPath, samplePath, expectPath] = process.argv.slice(2);
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
const onigLib = onig.loadWASM(wasm).then(() => ({
  createOnigScanner: (p) => new onig.OnigScanner(p),
  createOnigString: (s) => new onig.OnigString(s),
}));
const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
});

// The innermost scope at every character of the sample, by offset.
function scopesOf(grammar, text) {
  const scope = [];
  let rule = vsctm.INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, rule);
    for (const t of r.tokens) {
      const inner = t.scopes[t.scopes.length - 1];
      const name = inner === 'source.ind' ? '-' : inner.replace(/\.ind$/, '');
      for (let i = t.startIndex; i < t.endIndex && i < line.length; i++) scope.push(name);
    }
    scope.push('-'); // the newline
    rule = r.ruleStack;
  }
  return scope;
}

registry.loadGrammar('source.ind').then((grammar) => {
  const text = fs.readFileSync(samplePath, 'utf8');
  const scope = scopesOf(grammar, text);
  const wrong = [];
  let from = 0, n = 0;
  for (const line of fs.readFileSync(expectPath, 'utf8').split('\n')) {
    if (line === '' || (line.startsWith('#') && !line.includes('\t'))) continue;
    const [textField, , want] = line.split('\t');
    const mark = textField.indexOf('⟨');
    const find = textField.replace('⟨', '');
    n++;
    const at = text.indexOf(find, n === 1 ? from : from + 1);
    if (at < 0) {
      wrong.push(`not found after the previous text: ${textField}`);
      continue;
    }
    from = at;
    const pos = at + (mark > 0 ? mark : 0);
    if (scope[pos] !== want) {
      const lineNo = text.slice(0, pos).split('\n').length;
      wrong.push(`line ${lineNo}: ${textField} is ${scope[pos]}, expected ${want}`);
    }
  }
  for (const w of wrong) console.log(w);
  console.log(`editors-textmate: ${n - wrong.length} passed, ${wrong.length} failed`);
  process.exit(wrong.length ? 1 : 0);
});
