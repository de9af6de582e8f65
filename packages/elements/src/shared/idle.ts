/**
 * Work that makes a later step faster but that no one waits for yet (fetching the QR encoder
 * while the start step is read): run when the page is idle, or soon where browsers have no idle
 * callbacks (Safari).
 */
export const whenIdle = (work: () => void): void => void (globalThis.requestIdleCallback ?? setTimeout)(work);
