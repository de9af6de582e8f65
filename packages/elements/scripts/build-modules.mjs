// `tsc -p tsconfig.build.json` through the TypeScript API, with two additions: the CSS and HTML in
// Lit's templates are minified on the way out (scripts/minify-templates.mjs), and the CommonJS
// `qrcode` encoder is shipped converted into one ES module, dist/qr/qrcode-core.js, which
// dist/qr/qr-matrix.js imports (scripts/qrcode-esm.mjs says why). Transformers do both inside the
// emit, so the JavaScript, its source maps and the declarations stay in step.
import ts from 'typescript';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyTemplatesTransformer } from './minify-templates.mjs';
import { QRCODE_CORE, qrcodeCoreAsEsm } from './qrcode-esm.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));

/** @type {ts.FormatDiagnosticsHost} */
const host = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => PACKAGE,
  getNewLine: () => ts.sys.newLine,
};
const config = ts.getParsedCommandLineOfConfigFile(join(PACKAGE, 'tsconfig.build.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.formatDiagnostic(diagnostic, host));
  },
});
if (!config) throw new Error('tsconfig.build.json was not read.');
const program = ts.createProgram({
  rootNames: config.fileNames,
  options: config.options,
  projectReferences: config.projectReferences,
  configFileParsingDiagnostics: config.errors,
});
/** The file dist/qr/qr-matrix.js imports the converted encoder from. */
const QRCODE_ESM = './qrcode-core.js';
let qrcodeImports = 0;

/**
 * Points imports of the CommonJS encoder at the converted module next to the importer.
 * @type {ts.TransformerFactory<ts.SourceFile>}
 */
const qrcodeImportTransformer = (context) => (file) => {
  /** @type {ts.Visitor} */
  const visit = (node) => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text === QRCODE_CORE
    ) {
      if (!/[/\\]src[/\\]qr[/\\][^/\\]+\.ts$/.test(file.fileName)) {
        throw new Error(
          `${file.fileName} imports ${QRCODE_CORE}: only src/qr/ may (dist/qr/qrcode-core.js is beside it).`,
        );
      }
      qrcodeImports++;
      return context.factory.updateImportDeclaration(
        node,
        node.modifiers,
        node.importClause,
        context.factory.createStringLiteral(QRCODE_ESM),
        node.attributes,
      );
    }
    return ts.visitEachChild(node, visit, context);
  };
  return ts.visitEachChild(file, visit, context);
};

const emitted = program.emit(undefined, undefined, undefined, false, {
  before: [minifyTemplatesTransformer, qrcodeImportTransformer],
});
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length) {
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
if (qrcodeImports === 0) {
  console.error(`No module imports ${QRCODE_CORE} any more: drop dist/qr/qrcode-core.js from the build.`);
  process.exit(1);
}
writeFileSync(join(PACKAGE, 'dist/qr/qrcode-core.js'), await qrcodeCoreAsEsm());
