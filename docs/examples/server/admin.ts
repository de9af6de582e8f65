// The admin routes of TOTP Gate, mounted next to the contract and protected by the app's own
// administrator check. `currentUser` and `allUsers` stand for your session and user directory.
import { createTotpAdmin, type AdminFacts, type TotpService } from '@totp-gate/server';

export interface AppUser {
  id: string;
  email: string;
  roles: string[];
  /** When TOTP became mandatory for this user (the grace period counts from here). */
  requiredSince: Date;
}

export function adminRoutes(
  service: TotpService,
  currentUser: (request: Request) => AppUser | null,
  allUsers: () => AppUser[],
) {
  const factsOf = (user: AppUser): AdminFacts => ({
    roles: user.roles,
    requiredSince: user.requiredSince,
    account: user.email,
  });
  return createTotpAdmin({
    service,
    basePath: '/api/totp-admin',
    // Required: who is an administrator is your app's decision. Anyone else gets 403.
    authorize(request) {
      const user = currentUser(request);
      return user?.roles.includes('admin') ? { adminId: user.id } : null;
    },
    // Roles and labels for the list, its filters and the exports.
    facts(userIds) {
      const byId = new Map(allUsers().map((user) => [user.id, user]));
      const found = new Map<string, AdminFacts>();
      for (const id of userIds) {
        const user = byId.get(id);
        if (user) found.set(id, factsOf(user));
      }
      return found;
    },
    // Every user, also those who never signed in since TOTP Gate was added, for dry runs.
    users: () => allUsers().map((user) => ({ userId: user.id, ...factsOf(user) })),
    onError: (error) => console.error(error),
  });
}
// In a fetch-style server:
//   if (url.pathname.startsWith('/api/totp-admin/')) return admin.handle(request)
// In Express: app.use('/api/totp-admin', admin.node)
