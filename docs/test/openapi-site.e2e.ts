// The built docs site serves the REST contract's OpenAPI 3.1 document at /openapi.json, byte
// for byte the one @totp-gate/core ships, and the REST contract page links to it as a download.
// Run after `npm run docs:build`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { useBuiltSite } from './static-server.js';

const shipped = readFileSync(createRequire(import.meta.url).resolve('@totp-gate/core/openapi.json'), 'utf8');

describe('docs site: the OpenAPI document', () => {
  const site = useBuiltSite({ browser: false });

  it('the REST contract page links to /openapi.json as a download, and the link serves core’s document', async () => {
    const page = await fetch(`${site.url}/server/rest-contract.html`);
    assert.equal(page.status, 200);
    const link = /<a href="([^"]+)" download="([^"]+)">/.exec(await page.text());
    assert.ok(link, 'a download link on the REST contract page');
    assert.equal(link[2], 'totp-gate-openapi.json');

    const answer = await fetch(new URL(link[1]!, `${site.url}/server/rest-contract.html`));
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    const body = await answer.text();
    assert.equal(body, shipped, 'the same bytes as @totp-gate/core/openapi.json');
    const document = JSON.parse(body) as { openapi: string; paths: Record<string, unknown> };
    assert.match(document.openapi, /^3\.1\./);
    for (const path of ['/status', '/enrollment', '/enrollment/confirm', '/verify', '/recovery'])
      assert.ok(
        Object.keys(document.paths).some((p) => p.endsWith(path)),
        `documents ${path}`,
      );
  });
});
