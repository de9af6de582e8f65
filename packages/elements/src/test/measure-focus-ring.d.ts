/** See measure-focus-ring.js: the focused control's ring against the background behind it. */
export function measureFocusRing(): { ratio: number; ring: string; background: string };
