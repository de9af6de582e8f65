/**
 * The English message catalogue, and the shape every locale follows. A message is a string
 * with `{name}` placeholders or a function (for plurals and dates). Messages are always
 * rendered as text, never as markup.
 */
import { enChallengeViews } from './en-challenge-views.js';
import { enEnroll } from './en-enroll.js';
import { enSignIn } from './en-sign-in.js';

export type MessageParams = Record<string, string | number>;
export type MessageFn = (params: MessageParams, locale: string) => string;
export type Message = string | MessageFn;

/**
 * The complete English catalogue. The elements never import it: `<totp-gate>`, `<totp-challenge>`
 * and `<totp-code-input>` use the sign-in part (`en-sign-in.ts`) and the enrollment elements add
 * the rest (`en-enroll.ts`), so that signing in does not download the enrollment texts; the
 * challenge's recovery-code and lock-out views bring theirs (`en-challenge-views.ts`).
 */
export const en = { ...enSignIn, ...enChallengeViews, ...enEnroll };

/** A key of the catalogue. */
export type MessageKey = keyof typeof en;

/** A complete catalogue. */
export type Messages = Record<MessageKey, Message>;
