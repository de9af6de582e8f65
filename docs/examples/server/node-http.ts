import { createServer } from 'node:http';
import { createTotpService, memoryStore, toNodeHandler } from '@totp-gate/server';
import { identify } from './session.js';
import { sendResponse, toWebRequest } from './node-request.js';

const totp = createTotpService({
  store: memoryStore(), // sqliteStore(path) to survive restarts
  issuer: 'Acme',
  identify,
  basePath: '/api/totp',
});
const handleTotp = toNodeHandler(totp);

createServer(async (req, res) => {
  if (req.url?.startsWith('/api/totp/')) return handleTotp(req, res);

  const denied = await totp.guard(toWebRequest(req));
  if (denied) return sendResponse(res, denied);

  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ notes: ['Only for users who passed TOTP in this session.'] }));
}).listen(3000);
