// Writes dist/openapi.json (`@totp-gate/core/openapi.json`) from the compiled schemas: the REST
// contract v1 as OpenAPI 3.1. Runs after tsc in `npm run build`.
import { writeFileSync } from 'node:fs';
import { contractOpenApi } from '../dist/openapi.js';

writeFileSync(new URL('../dist/openapi.json', import.meta.url), `${JSON.stringify(contractOpenApi(), null, 2)}\n`);
