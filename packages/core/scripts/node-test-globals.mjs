// Core's tests use mocha's globals (they run in Chromium under web-test-runner); under Node the
// same files run with node:test, whose describe, it and hooks take the same arguments.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

Object.assign(globalThis, { describe, it, before, after, beforeEach, afterEach });
