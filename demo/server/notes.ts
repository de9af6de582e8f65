/**
 * The protected data of the portal: internal notes that only a fully signed-in person may read.
 * Fictional, but shaped like what a real intranet keeps behind its sign-in.
 */

/** One internal note. */
export interface Note {
  id: string;
  title: string;
  body: string;
  author: string;
  updatedAt: string;
  tag: string;
}

/** The notes every signed-in person sees. */
export const NOTES: readonly Note[] = Object.freeze([
  {
    id: 'n-roadmap',
    title: 'Roadmap: rocket skates, winter edition',
    body: 'Production moves to the new Tucson line in January. Prototype brakes pass every test except the cliff one.',
    author: 'Product team',
    updatedAt: '2026-11-20T09:30:00Z',
    tag: 'Product',
  },
  {
    id: 'n-payroll',
    title: 'Payroll closes on the 25th',
    body: 'Expense reports filed after the 25th are paid with the next month. Receipts over $500 need a second approver.',
    author: 'Finance',
    updatedAt: '2026-11-18T14:05:00Z',
    tag: 'Finance',
  },
  {
    id: 'n-security',
    title: 'Authenticator codes are now required',
    body: 'Every staff and admin account signs in with a code from an authenticator app. Keep your recovery codes somewhere safe, not in your email.',
    author: 'Security',
    updatedAt: '2026-11-02T08:00:00Z',
    tag: 'Security',
  },
  {
    id: 'n-office',
    title: 'Office closed on December 24–26',
    body: 'The support hotline stays open. On-call rota is in the operations handbook.',
    author: 'People team',
    updatedAt: '2026-10-30T16:45:00Z',
    tag: 'Office',
  },
]);
