// Minifies the CSS and HTML inside Lit's css``, html`` and svg`` templates at build time. esbuild
// and tsc keep template literals byte for byte, so the indentation of every stylesheet and template
// would otherwise ship to every user. Only changes that cannot alter what renders are made:
//
// - CSS: comments go; runs of whitespace become one space, or nothing around `{ } ;`, before `,`
//   and `)`, and after `:` and `(` (not before a colon, where it may be a descendant combinator,
//   `a :is(b)`; not after a comma, because in a var() fallback the browser keeps whitespace as
//   written, so `var(--a, #fff)` stays the same token list); the last `;` of a block goes. Strings,
//   escapes and `${}` expressions are kept as they are, and whitespace next to an expression stays
//   one space unless a separator is on its other side. The browser parses the result into exactly
//   the rules it parses from the source (the test of dist/totp-gate.js compares them).
// - HTML: runs of whitespace in text become one space (never removed, so inline spacing, `:empty`
//   and the space between text and a binding stay); inside a tag, whitespace between attributes
//   becomes one space and goes before `>`. Quoted attribute values, comments and the contents of
//   <pre>, <textarea>, <script>, <style> and <title> are not touched.
//
// It works on the raw text of each literal part, so escape sequences are never split, and the state
// of the HTML and CSS scanners carries over the expressions between parts.
//
// Why our own and not a library (measured 2026-12-01 with scripts/bundle-sizes.mjs, gzip bytes of
// the sign-in path / the full UI): this file gives 23,904 / 39,724; no minification 24,355 / 40,761
// (the full UI past its 40.6 kB target). The libraries that run on Node 20 are smaller only by
// changing what renders, which the test of dist/totp-gate.js catches (all 5 of its comparisons
// fail for each): @literals/html-css-minifier 4.0.2 and @lit-labs/rollup-plugin-minify-html-literals
// 0.2.0 (html-minifier-next and lightningcss, 23,824 / 39,610 and 23,820 / 39,608) drop whitespace
// text nodes and rewrite var() fallbacks, colours and the order of declarations, still with
// `conservativeCollapse` (23,845 / 39,666); minify-literals 1.0.10 (clean-css; 2.x needs Node 22)
// sorts selectors and writes `outline: none` as `0` at level 1 (23,876 / 39,705) and is past the
// budgets at level 0 (24,066 / 40,080); esbuild-minify-templates 0.13.1 joins `> <` and gives
// 24,077 / 40,073. A library's conservative HTML with this file's CSS gives 23,901 / 39,716: 3 B
// for a dependency tree with a native binary. Each library is asynchronous too, while dist/ is
// emitted by tsc with a synchronous transformer. Past 300 lines because the two scanners and the
// two ways in (the source text for esbuild, the transformer for tsc) are one piece.
//
// Used by: scripts/build-modules.mjs (the per-element ESM modules in dist/, through a TypeScript
// transformer so source maps stay right), scripts/bundle.mjs (dist/totp-gate.js) and the root
// scripts/bundle-sizes.mjs (esbuild `onLoad`), so the size check measures what apps get from dist.
import ts from 'typescript';

/** Whitespace as HTML and CSS define it (not U+00A0 and the like, which are text). */
const HTML_SPACE = /[ \t\n\f\r]/;
const RAW_TEXT = new Set(['pre', 'textarea', 'script', 'style', 'title', 'xmp', 'listing', 'plaintext']);
/** Whitespace after these characters carries no meaning in CSS. */
const CSS_DROP_AFTER = new Set(['{', '}', ';', ':', '(']);
/** Whitespace before these characters carries no meaning in CSS. */
const CSS_DROP_BEFORE = new Set(['{', '}', ';', ',', ')']);
/** Marks the place of a `${}` expression or the template's start or end while scanning. */
const EXPRESSION = 'expression';
const EDGE = 'edge';

/**
 * Minifies the static parts of a css`` template (the raw text around each `${}`).
 * @param {readonly string[]} parts
 * @returns {string[]}
 */
export function minifyCss(parts) {
  /** @type {'code' | 'comment' | '"' | "'"} */
  let state = 'code';
  return parts.map((part, index) => {
    let out = '';
    let semicolon = -1;
    /** Where the last escape sequence ends: an escaped `;` or `,` is part of a name, not a separator. */
    let escaped = -1;
    let i = 0;
    /** The character before a whitespace run, or what stands there instead. */
    const previous = () =>
      out.length === 0
        ? index === 0
          ? EDGE
          : EXPRESSION
        : out.length === escaped
          ? 'escaped'
          : /** @type {string} */ (out[out.length - 1]);
    while (i < part.length) {
      const c = /** @type {string} */ (part[i]);
      if (state === 'comment') {
        const end = part.indexOf('*/', i);
        i = end < 0 ? part.length : end + 2;
        if (end >= 0) state = 'code';
        continue;
      }
      if (state === '"' || state === "'") {
        if (c === '\\') {
          out += part.slice(i, i + 2);
          i += 2;
          continue;
        }
        out += c;
        i += 1;
        if (c === state) state = 'code';
        continue;
      }
      if (c === '/' && part[i + 1] === '*') {
        // A comment between two tokens keeps them apart (`a/**/b` is not `ab`): keep an empty one.
        const end = part.indexOf('*/', i + 2);
        const after = end < 0 ? undefined : part[end + 2];
        const before = out.length ? previous() : undefined;
        if (
          end >= 0 &&
          before !== undefined &&
          after !== undefined &&
          !HTML_SPACE.test(before) &&
          !HTML_SPACE.test(after) &&
          !CSS_DROP_AFTER.has(before) &&
          !CSS_DROP_BEFORE.has(after)
        ) {
          out += '/**/';
        }
        state = 'comment';
        i += 2;
        continue;
      }
      if (HTML_SPACE.test(c)) {
        let j = i;
        // A run of whitespace and comments is one separator.
        for (;;) {
          while (j < part.length && HTML_SPACE.test(part[j] ?? '')) j += 1;
          if (part[j] === '/' && part[j + 1] === '*') {
            const end = part.indexOf('*/', j + 2);
            if (end < 0) {
              state = 'comment';
              j = part.length;
              break;
            }
            j = end + 2;
            continue;
          }
          break;
        }
        const before = previous();
        const after =
          j < part.length ? /** @type {string} */ (part[j]) : index === parts.length - 1 ? EDGE : EXPRESSION;
        const drop = before === EDGE || after === EDGE || CSS_DROP_AFTER.has(before) || CSS_DROP_BEFORE.has(after);
        if (!drop) out += ' ';
        i = j;
        continue;
      }
      if (c === '\\') {
        out += part.slice(i, i + 2);
        escaped = out.length;
        i += 2;
        continue;
      }
      if (c === '"' || c === "'") state = c;
      if (c === '}' && semicolon >= 0 && semicolon === out.length - 1) {
        out = out.slice(0, -1);
        semicolon = -1;
      }
      out += c;
      if (c === ';') semicolon = out.length - 1;
      i += 1;
    }
    return out;
  });
}

/**
 * Minifies the static parts of an html`` or svg`` template (the raw text around each `${}`).
 * @param {readonly string[]} parts
 * @returns {string[]}
 */
export function minifyHtml(parts) {
  /** @type {'text' | 'tag' | 'comment' | 'raw' | '"' | "'"} */
  let state = 'text';
  let tagName = '';
  let closing = false;
  return parts.map((part) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const c = /** @type {string} */ (part[i]);
      if (state === 'comment') {
        const end = part.indexOf('-->', i);
        const stop = end < 0 ? part.length : end + 3;
        out += part.slice(i, stop);
        i = stop;
        if (end >= 0) state = 'text';
        continue;
      }
      if (state === 'raw') {
        const end = part.toLowerCase().indexOf(`</${tagName}`, i);
        const stop = end < 0 ? part.length : end;
        out += part.slice(i, stop);
        i = stop;
        if (end >= 0) state = 'text';
        continue;
      }
      if (state === '"' || state === "'") {
        const end = part.indexOf(state, i);
        const stop = end < 0 ? part.length : end + 1;
        out += part.slice(i, stop);
        i = stop;
        if (end >= 0) state = 'tag';
        continue;
      }
      if (HTML_SPACE.test(c)) {
        let j = i;
        while (j < part.length && HTML_SPACE.test(part[j] ?? '')) j += 1;
        // Inside a tag, whitespace before `>` means nothing; everywhere else one space stays.
        if (!(state === 'tag' && part[j] === '>')) out += ' ';
        i = j;
        continue;
      }
      if (c === '\\') {
        out += part.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (state === 'text') {
        if (part.startsWith('<!--', i)) {
          state = 'comment';
          out += '<!--';
          i += 4;
          continue;
        }
        const tag = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(part.slice(i, i + 64));
        if (tag) {
          state = 'tag';
          closing = tag[1] === '/';
          tagName = (tag[2] ?? '').toLowerCase();
          out += tag[0];
          i += tag[0].length;
          continue;
        }
      } else if (c === '"' || c === "'") {
        state = c;
      } else if (c === '>') {
        state = !closing && RAW_TEXT.has(tagName) ? 'raw' : 'text';
      }
      out += c;
      i += 1;
    }
    return out;
  });
}

/** @typedef {(parts: readonly string[]) => string[]} Minifier */

const LIT_MODULE = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/.*)?$/;
/** @type {Record<string, Minifier>} */
const MINIFIERS = { css: minifyCss, html: minifyHtml, svg: minifyHtml };

/**
 * The local names under which a file imports Lit's `css`, `html` and `svg` tags, with the
 * minifier of each. Only templates with these tags are minified: a function of the same name
 * from elsewhere is left alone.
 * @param {ts.SourceFile} file
 * @returns {Map<string, Minifier>}
 */
function litTags(file) {
  const tags = new Map();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!LIT_MODULE.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause?.isTypeOnly) continue;
    for (const element of bindings.elements) {
      const minify = MINIFIERS[(element.propertyName ?? element.name).text];
      if (minify && !element.isTypeOnly) tags.set(element.name.text, minify);
    }
  }
  return tags;
}

/**
 * A template tagged by one of `tags`: its literal nodes in order, and the minified raw text of each.
 * @param {ts.Node} node
 * @param {Map<string, Minifier>} tags
 */
function litTemplate(node, tags) {
  if (!ts.isTaggedTemplateExpression(node) || !ts.isIdentifier(node.tag)) return undefined;
  const minify = tags.get(node.tag.text);
  if (!minify) return undefined;
  const { template } = node;
  /** @type {(ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail)[]} */
  const literals = ts.isNoSubstitutionTemplateLiteral(template)
    ? [template]
    : [template.head, ...template.templateSpans.map((span) => span.literal)];
  return { literals, minified: minify(literals.map((literal) => literal.rawText ?? literal.text)) };
}

/**
 * Minifies every Lit template in a TypeScript or JavaScript module's text; everything else is left
 * byte for byte (for esbuild `onLoad`, where the text goes straight into the bundler).
 * @param {string} code
 * @param {string} fileName
 * @returns {string}
 */
export function minifyTemplatesInSource(code, fileName) {
  if (!/\b(css|html|svg)\b/.test(code)) return code;
  const kind = /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const tags = litTags(file);
  if (!tags.size) return code;
  /** @type {{ start: number, end: number, text: string }[]} */
  const edits = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    const found = litTemplate(node, tags);
    found?.literals.forEach((literal, k) => {
      // A literal's text sits between its opening (` or }) and its closing (` or ${).
      const closesWithBacktick = ts.isNoSubstitutionTemplateLiteral(literal) || ts.isTemplateTail(literal);
      const start = literal.getStart(file) + 1;
      const end = literal.end - (closesWithBacktick ? 1 : 2);
      if (code.slice(start, end) !== literal.rawText) {
        throw new Error(`${fileName}: could not locate a template literal at ${start}`);
      }
      const text = /** @type {string} */ (found.minified[k]);
      if (text !== literal.rawText) edits.push({ start, end, text });
    });
    ts.forEachChild(node, visit);
  };
  visit(file);
  edits.sort((a, b) => b.start - a.start);
  let result = code;
  for (const { start, end, text } of edits) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/**
 * A TypeScript `before` transformer that minifies every Lit template, for `program.emit()`: the
 * emitted JavaScript and its source maps stay in step, which rewriting tsc's output would break.
 * @param {ts.TransformationContext} context
 * @returns {(file: ts.SourceFile) => ts.SourceFile}
 */
export function minifyTemplatesTransformer(context) {
  const f = context.factory;
  return (file) => {
    const tags = litTags(file);
    if (!tags.size) return file;
    /** @param {ts.Node} node @returns {ts.Node} */
    const visit = (node) => {
      const updated = ts.visitEachChild(node, visit, context);
      const found = litTemplate(updated, tags);
      if (!found || !ts.isTaggedTemplateExpression(updated)) return updated;
      const { template } = updated;
      const raw = /** @type {string[]} */ (found.minified);
      const next = ts.isNoSubstitutionTemplateLiteral(template)
        ? f.createNoSubstitutionTemplateLiteral(undefined, /** @type {string} */ (raw[0]))
        : f.updateTemplateExpression(
            template,
            f.createTemplateHead(undefined, /** @type {string} */ (raw[0])),
            template.templateSpans.map((span, k) =>
              f.updateTemplateSpan(
                span,
                span.expression,
                k === template.templateSpans.length - 1
                  ? f.createTemplateTail(undefined, /** @type {string} */ (raw[k + 1]))
                  : f.createTemplateMiddle(undefined, /** @type {string} */ (raw[k + 1])),
              ),
            ),
          );
      return f.updateTaggedTemplateExpression(updated, updated.tag, updated.typeArguments, next);
    };
    return /** @type {ts.SourceFile} */ (ts.visitNode(file, visit));
  };
}
