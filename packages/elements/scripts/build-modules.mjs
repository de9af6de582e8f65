// `tsc -p tsconfig.build.json` through the TypeScript API, with one addition: the CSS and HTML in
// Lit's templates are minified on the way out (scripts/minify-templates.mjs). A transformer does it
// inside the emit, so the JavaScript, its source maps and the declarations stay in step.
import ts from 'typescript';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyTemplatesTransformer } from './minify-templates.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));

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
const program = ts.createProgram({
  rootNames: config.fileNames,
  options: config.options,
  projectReferences: config.projectReferences,
  configFileParsingDiagnostics: config.errors,
});
const emitted = program.emit(undefined, undefined, undefined, false, { before: [minifyTemplatesTransformer] });
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length) {
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
