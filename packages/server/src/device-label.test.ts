/** Labels of remembered devices (S58): browser and system from the user agent, nothing else. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceLabel, UNKNOWN_DEVICE } from './device-label.js';

describe('S58 device labels', () => {
  it('S58 names browser and system, never a version, and stays short for any header', () => {
    const cases: [string | null, string][] = [
      ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
        'Edge on Windows',
      ],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
        'Safari on macOS',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
        'Chrome on iOS',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
        'Chrome on Android',
      ],
      [
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
        'Chrome on Linux',
      ],
      ['curl/8.5.0', UNKNOWN_DEVICE],
      ['<script>alert(1)</script> Windows', 'Browser on Windows'],
      [null, UNKNOWN_DEVICE],
      [`${'x'.repeat(1_000_000)} Firefox/1`, UNKNOWN_DEVICE],
    ];
    for (const [ua, label] of cases) assert.equal(deviceLabel(ua), label, String(ua).slice(0, 80));
  });
});
