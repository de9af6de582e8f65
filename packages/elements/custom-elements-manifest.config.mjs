// custom-elements.json for editors, design tools and the docs tables: generated from the
// elements' JSDoc (@summary, @fires, @csspart, @cssproperty, @slot) during `npm run build`.
import { readdirSync, readFileSync } from 'node:fs';

const SRC = new URL('./src/', import.meta.url);

/**
 * Event classes of the events modules (src/events.ts and each element's `*-events.ts`) and the
 * event names they carry (`static readonly eventName`).
 */
const EVENT_NAMES = new Map(
  readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => /(^|[/-])events\.ts$/.test(file))
    .flatMap((file) =>
      [
        ...readFileSync(new URL(file, SRC), 'utf8').matchAll(
          /class (\w+) extends Event \{\s*static readonly eventName = '([\w-]+)'/g,
        ),
      ].map(([, className, eventName]) => [className, eventName]),
    ),
);

/**
 * Fixes what the analyzer guesses wrong for these elements:
 * - `static properties` entries with `state: true` are internal state, not attributes or API (the
 *   analyzer lists them as both: open-wc/custom-elements-manifest#294);
 * - `dispatchEvent(new TotpXEvent(arg))` is read as an event named after `arg`: name it from
 *   the class's `eventName` and merge it with the JSDoc `@fires` entry of that name.
 */
/**
 * A class as the manifest has it, with what a custom element adds (the schema's own
 * CustomElementDeclaration leaves those fields out).
 * @typedef {import('custom-elements-manifest/schema.js').ClassDeclaration &
 *   import('custom-elements-manifest/schema.js').CustomElement} ElementDeclaration
 */

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function totpGatePlugin() {
  /** @type {Map<string, Set<string>>} class name -> its state fields */
  const stateFields = new Map();
  return {
    name: 'totp-gate',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStaticProperties =
          ts.isPropertyDeclaration(member) &&
          member.name?.getText() === 'properties' &&
          member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStaticProperties || !member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const prop of member.initializer.properties) {
          if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
          const isState = prop.initializer.properties.some(
            (o) =>
              ts.isPropertyAssignment(o) &&
              o.name.getText() === 'state' &&
              o.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (!isState) continue;
          const set = stateFields.get(node.name.getText()) ?? new Set();
          set.add(prop.name.getText());
          stateFields.set(node.name.getText(), set);
        }
      }
    },
    // The analyzer's own types leave the manifest untyped (they import the schema by a path
    // NodeNext cannot resolve), so the parameter names the schema itself.
    /** @param {{ customElementsManifest: import('custom-elements-manifest/schema.js').Package }} params */
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const found of mod.declarations ?? []) {
          // Functions and variables have no attributes, members or events.
          if (found.kind !== 'class' && found.kind !== 'mixin') continue;
          // Seen as a custom element: on any other class the attributes and events are absent,
          // and the checks below leave it as it is.
          const declaration = /** @type {ElementDeclaration} */ (found);
          const state = stateFields.get(declaration.name);
          if (state) {
            declaration.attributes = declaration.attributes?.filter(
              (a) => a.fieldName === undefined || !state.has(a.fieldName),
            );
            declaration.members = declaration.members?.filter((m) => !state.has(m.name));
          }
          if (declaration.events) {
            const byName = new Map();
            for (const event of declaration.events) {
              const name = EVENT_NAMES.get(event.type?.text) ?? event.name;
              if (!name) continue;
              byName.set(name, { ...byName.get(name), ...event, name });
            }
            declaration.events = [...byName.values()];
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  // The package.json already names the manifest; the analyzer must not rewrite it.
  packagejson: false,
  plugins: [totpGatePlugin()],
};
