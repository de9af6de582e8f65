import '@totp-gate/elements/admin';
import { createAdminClient } from '@totp-gate/core/admin';

// The element makes its own client from `endpoint="/api/totp-admin"`; give it one instead when
// every request needs a header, e.g. your CSRF token, or when a dry run over very many users
// needs more than the default two minutes (other calls keep their 15 seconds).
const csrfToken = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
const client = createAdminClient({
  baseUrl: '/api/totp-admin',
  headers: { 'x-csrf-token': csrfToken },
  dryRunTimeoutMs: 300_000,
});

const admin = document.querySelector('totp-admin')!;
admin.client = client;
admin.addEventListener('totp-admin-change', (event) => {
  console.info(`${event.change} for ${event.userId}`);
});

// The same client serves scripts too: everyone who still has to enroll, page by page.
export async function mustEnroll(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await client.list({ standing: 'must-enroll', cursor, limit: 500 });
    ids.push(...page.users.map((user) => user.userId));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

// A download link for the user list as CSV (the browser fetches it with its own cookies).
export const exportLink = client.exportUrl('users', 'csv', { standing: 'locked' });
