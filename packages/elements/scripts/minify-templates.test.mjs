// Tests of the template minifier (`npm run test:node -w @totp-gate/elements`). The elements'
// browser test of dist/totp-gate.js checks that minified templates render the same DOM.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { minifyCss, minifyHtml, minifyTemplatesInSource, minifyTemplatesTransformer } from './minify-templates.mjs';

/** @param {string} text */
const css = (text) => minifyCss([text])[0];
/** @param {string} text */
const html = (text) => minifyHtml([text])[0];

describe('minifyCss', () => {
  it('drops comments, the whitespace around braces and semicolons and after colons, and collapses the rest', () => {
    assert.equal(
      css(`
  /* the host */
  :host {
    display: block; /* trailing */
    color: var(--x, #fff);
  }
  h2,
  h3 { margin: 0 }
`),
      ':host{display:block;color:var(--x, #fff)}h2, h3{margin:0}',
    );
  });

  it('keeps the descendant combinator before a pseudo-class and other combinators', () => {
    assert.equal(css('a :is(b, c) { x: y; }'), 'a :is(b, c){x:y}');
    assert.equal(css('.base > * , form > * {margin:0}'), '.base > *, form > *{margin:0}');
    assert.equal(css(':host(:state(complete)) .cell.filled { a: b }'), ':host(:state(complete)) .cell.filled{a:b}');
    assert.equal(css('.a   ~   .b + .c {x:y}'), '.a ~ .b + .c{x:y}');
  });

  it('keeps the spaces calc() needs around + and -', () => {
    assert.equal(
      css('a { inline-size: calc( 100% - 2 * var(--s) + 1px ); }'),
      'a{inline-size:calc(100% - 2 * var(--s) + 1px)}',
    );
  });

  it('leaves strings, escapes and comment-like text in strings alone', () => {
    assert.equal(
      css(`a::before { content: "  two  spaces ; } /* not a comment */"; font-family: 'Segoe UI', x; }`),
      `a::before{content:"  two  spaces ; } /* not a comment */";font-family:'Segoe UI', x}`,
    );
    assert.equal(css(String.raw`a { content: '\'  x'; b: \;  c; }`), String.raw`a{content:'\'  x';b:\; c}`);
  });

  it('minifies media queries and keyframes and keeps the space before a parenthesis after a keyword', () => {
    assert.equal(
      css('@media (prefers-color-scheme: dark) and (min-width: 30em) { :host { a: b; } }'),
      '@media (prefers-color-scheme:dark) and (min-width:30em){:host{a:b}}',
    );
    assert.equal(
      css('@keyframes spin { to { transform: rotate(1turn); } }'),
      '@keyframes spin{to{transform:rotate(1turn)}}',
    );
  });

  it('drops the last semicolon of every block, nested ones too', () => {
    assert.equal(css('@media x { a { b: c; } d { e: f; } }'), '@media x{a{b:c}d{e:f}}');
  });

  it('keeps tokens apart where a comment separated them', () => {
    assert.equal(css('a/**/b { c: d }'), 'a/**/b{c:d}');
    assert.equal(css('a/* x */, b { c: d }'), 'a, b{c:d}');
  });

  it('keeps one space next to ${} expressions unless a separator is on the other side', () => {
    assert.deepEqual(minifyCss(['\n  a { color: ', ' ', ' ; }\n  ', '\n']), ['a{color:', ' ', '}', '']);
    assert.deepEqual(minifyCss(['a { b: ', '  !important; }']), ['a{b:', ' !important}']);
  });

  it('does not treat U+00A0 as whitespace', () => {
    assert.equal(css('a {\u00a0b: c }'), 'a{\u00a0b:c}');
  });
});

describe('minifyHtml', () => {
  it('collapses whitespace between tags and in text to one space, never to nothing', () => {
    assert.equal(
      html('\n  <div part="base">\n    <p>\n      Hello\n      world\n    </p>\n  </div>\n'),
      ' <div part="base"> <p> Hello world </p> </div> ',
    );
    assert.equal(html('<b>a</b>   <i>b</i>'), '<b>a</b> <i>b</i>');
  });

  it('keeps one space between text and bindings', () => {
    assert.deepEqual(minifyHtml(['<p>\n  ', '\n  ', ' text\n</p>']), ['<p> ', ' ', ' text </p>']);
  });

  it('collapses whitespace between attributes, drops it before > but keeps the space before />', () => {
    assert.deepEqual(
      minifyHtml(['<input\n  id="x"\n  .value=', '\n  ?disabled=', '\n  @input=', '\n/>\n<span\n  >', '</span\n>']),
      ['<input id="x" .value=', ' ?disabled=', ' @input=', ' /> <span>', '</span>'],
    );
  });

  it('leaves quoted attribute values alone, also across bindings', () => {
    assert.deepEqual(minifyHtml(['<p title="  a   b " class="x  ', '   y">  </p>']), [
      '<p title="  a   b " class="x  ',
      '   y"> </p>',
    ]);
    assert.equal(html(`<p title='a  > b'  >x</p>`), `<p title='a  > b'>x</p>`);
  });

  it('leaves <pre>, <textarea>, <style> and comments alone', () => {
    assert.equal(html('<pre>\n  a\n    b\n</pre>  <i>x</i>'), '<pre>\n  a\n    b\n</pre> <i>x</i>');
    assert.deepEqual(minifyHtml(['<textarea>  a  ', '  b  </textarea>  ']), ['<textarea>  a  ', '  b  </textarea> ']);
    assert.equal(html('<style>\n a  { b: c }\n</style>'), '<style>\n a  { b: c }\n</style>');
    assert.equal(html('<!--  keep   me  -->   <p>'), '<!--  keep   me  --> <p>');
  });

  it('keeps self-closing SVG elements and escape sequences', () => {
    assert.equal(
      html('<svg>\n  <rect width="1"\n    />\n  <path d="M0 0  L1 1" />\n</svg>'),
      '<svg> <rect width="1" /> <path d="M0 0  L1 1" /> </svg>',
    );
    assert.equal(html(String.raw`<p>a\n   \`b\`</p>`), String.raw`<p>a\n \`b\`</p>`);
  });

  it('does not touch U+00A0 in text', () => {
    assert.equal(html('<p>a\u00a0\u00a0b</p>'), '<p>a\u00a0\u00a0b</p>');
  });
});

describe('minifyTemplatesInSource', () => {
  it('minifies only templates tagged by Lit imports, including nested ones, and nothing else', () => {
    const source = [
      "import { css, html as h, nothing } from 'lit';",
      "import { html } from './not-lit.js';",
      'const s = css`\n  a {\n    b: c;\n  }\n`;',
      'const t = h`\n  <p>\n    ${x ? h`\n      <b>  ${y}  </b>\n    ` : nothing}\n  </p>\n`;',
      'const u = html`\n  <p>  </p>\n`;',
      'const v = `\n  <p>  </p>\n`;',
    ].join('\n');
    const out = minifyTemplatesInSource(source, 'x.ts').split('\n');
    assert.equal(out[2], 'const s = css`a{b:c}`;');
    assert.equal(out[3], 'const t = h` <p> ${x ? h` <b> ${y} </b> ` : nothing} </p> `;');
    assert.equal(out[4], 'const u = html`');
    assert.ok(source.endsWith(out.slice(-3).join('\n')));
  });

  it('gives the same JavaScript as the TypeScript transformer that builds dist/', () => {
    const dir = new URL('../src/', import.meta.url).pathname;
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && !f.startsWith('test'));
    assert.ok(files.length > 10);
    let changed = 0;
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, useDefineForClassFields: false };
      const viaText = ts.transpileModule(minifyTemplatesInSource(source, file), {
        compilerOptions: options,
      }).outputText;
      const viaTransformer = ts.transpileModule(source, {
        compilerOptions: options,
        transformers: { before: [minifyTemplatesTransformer] },
      }).outputText;
      assert.equal(viaTransformer, viaText, file);
      if (viaText !== ts.transpileModule(source, { compilerOptions: options }).outputText) changed += 1;
    }
    // Every element and stylesheet has templates: the transform must have found them.
    assert.ok(changed >= 12, `only ${changed} files changed`);
  });
});
