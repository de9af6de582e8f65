/**
 * Reads the custom elements manifest (`custom-elements.json`, written by
 * @custom-elements-manifest/analyzer during the elements build) into the rows of a component's
 * API tables. Nothing in those tables is written by hand.
 */

/** One row of an API table. */
export interface ApiRow {
  name: string;
  type?: string;
  default?: string;
  description?: string;
  /** For properties: the attribute that reflects it, if any. */
  attribute?: string;
}

/** Everything the API tables show for one element. */
export interface ElementApi {
  tagName: string;
  className: string;
  module: string;
  summary: string;
  description: string;
  attributes: ApiRow[];
  properties: ApiRow[];
  methods: ApiRow[];
  events: ApiRow[];
  slots: ApiRow[];
  cssParts: ApiRow[];
  cssProperties: ApiRow[];
  cssStates: ApiRow[];
}

interface CemType {
  text?: string;
}
interface CemMember {
  kind?: string;
  name?: string;
  type?: CemType;
  default?: string;
  description?: string;
  summary?: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
  fieldName?: string;
  readonly?: boolean;
  parameters?: Array<{ name?: string; type?: CemType; optional?: boolean }>;
  return?: { type?: CemType };
}
interface CemDeclaration extends CemMember {
  customElement?: boolean;
  tagName?: string;
  members?: CemMember[];
  attributes?: CemMember[];
  events?: CemMember[];
  slots?: CemMember[];
  cssParts?: CemMember[];
  cssProperties?: CemMember[];
  cssStates?: CemMember[];
}
interface CemModule {
  path?: string;
  declarations?: CemDeclaration[];
}
/** The parts of a custom elements manifest (schema 2.x) the docs read. */
export interface CustomElementsManifest {
  schemaVersion?: string;
  modules?: CemModule[];
}

function text(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function row(member: CemMember, type?: string): ApiRow {
  const result: ApiRow = { name: member.name ?? '' };
  const typeText = type ?? member.type?.text;
  if (typeText) result.type = text(typeText);
  if (member.default !== undefined) result.default = text(member.default);
  const description = text(member.description || member.summary);
  if (description) result.description = description;
  if (member.attribute) result.attribute = member.attribute;
  return result;
}

function signature(method: CemMember): string {
  const params = (method.parameters ?? [])
    .map((p) => `${p.name ?? ''}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`)
    .join(', ');
  return `(${params}) => ${method.return?.type?.text ?? 'void'}`;
}

const isPublic = (m: CemMember) => (m.privacy ?? 'public') === 'public' && !m.static && !m.name?.startsWith('_');
/** Lifecycle callbacks the browser calls (`formResetCallback` …) are not API a user calls. */
const isCallback = (m: CemMember) => m.kind === 'method' && /Callback$/.test(m.name ?? '');
const byName = (a: ApiRow, b: ApiRow) => a.name.localeCompare(b.name);

/** The API of every custom element in the manifest, by tag name. */
export function elementApis(manifest: CustomElementsManifest): Record<string, ElementApi> {
  const result: Record<string, ElementApi> = {};
  for (const module of manifest.modules ?? []) {
    for (const d of module.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const members = (d.members ?? []).filter((m) => isPublic(m) && !isCallback(m));
      // Lit's internal reactive state can show up as attributes; keep only those of public fields.
      const hidden = new Set((d.members ?? []).filter((m) => !isPublic(m)).map((m) => m.name));
      result[d.tagName] = {
        tagName: d.tagName,
        className: d.name ?? '',
        module: module.path ?? '',
        summary: text(d.summary),
        description: text(d.description),
        attributes: (d.attributes ?? [])
          .filter((a) => !hidden.has(a.fieldName ?? a.name))
          .map((a) => row(a))
          .sort(byName),
        properties: members
          .filter((m) => m.kind === 'field')
          .map((m) => row(m))
          .sort(byName),
        methods: members
          .filter((m) => m.kind === 'method')
          .map((m) => row(m, signature(m)))
          .sort(byName),
        events: (d.events ?? []).filter((e) => e.name).map((e) => row(e)),
        slots: (d.slots ?? []).map((s) => row({ ...s, name: s.name || '(default)' })),
        cssParts: (d.cssParts ?? []).map((p) => row(p)),
        cssProperties: (d.cssProperties ?? []).map((p) => row(p)).sort(byName),
        cssStates: (d.cssStates ?? []).map((p) => row(p)),
      };
    }
  }
  return result;
}

/** The tags every docs page expects; the build fails when one is missing from the manifest. */
export const DOCUMENTED_TAGS = [
  'totp-gate',
  'totp-enroll',
  'totp-challenge',
  'totp-code-input',
  'totp-recovery-codes',
  'totp-qr',
  'totp-manage',
  'totp-admin',
] as const;

/** Checks that every documented element is in the manifest; returns the APIs of those tags. */
export function documentedApis(manifest: CustomElementsManifest): Record<string, ElementApi> {
  const all = elementApis(manifest);
  const missing = DOCUMENTED_TAGS.filter((tag) => !all[tag]);
  if (missing.length) {
    throw new Error(`custom-elements.json has no declaration for ${missing.join(', ')}. Rebuild @totp-gate/elements.`);
  }
  return Object.fromEntries(DOCUMENTED_TAGS.map((tag) => [tag, all[tag]!]));
}
