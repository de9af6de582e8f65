import type { Messages } from './en.js';
import { en } from './en.js';

/** Placeholder until translated: falls back to English. */
export const de: Messages = { ...en };
