/** A description of the machine a run happened on, for the report. */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { findChromium } from '../../../scripts/chromium.mjs';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  loadAverage: string[];
}

export function describeMachine(): Machine {
  const list = cpus();
  const browser = findChromium();
  const version = browser
    ? spawnSync(browser, ['--version'], { encoding: 'utf8', timeout: 10_000 }).stdout?.trim()
    : '';
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    chromium: version || (browser ? browser : 'not found'),
    loadAverage: loadavg().map((n) => n.toFixed(2)),
  };
}
