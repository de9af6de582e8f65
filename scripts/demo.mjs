// `npm run demo [-- --port N]`: starts the Acme Portal demo (Vite with the demo API as middleware)
// and prints its address and accounts. Ctrl+C stops it; the data stays in demo/.data/.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const root = new URL('..', import.meta.url);
const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, strict: false });
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(2);
}

for (const pkg of ['core', 'elements', 'server']) {
  if (!existsSync(new URL(`packages/${pkg}/dist/index.js`, root))) {
    console.error(`@totp-gate/${pkg} is not built yet. Run \`npm run build\` (npm install runs it), then try again.`);
    process.exit(1);
  }
}

const server = await createServer({
  configFile: new URL('vite.config.ts', root).pathname,
  server: { ...(port ? { port, strictPort: true } : {}), ...(values.host ? { host: String(values.host) } : {}) },
});
await server.listen();
console.log('\n  Acme Portal, protected by TOTP Gate');
server.printUrls();
const plugin = server.config.plugins.find((p) => p.name === 'acme-demo-api');
console.log(`\n${plugin?.api?.banner() ?? ''}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
