/** The JSON each section writes, read by the report. */
import type { Cores } from './http/cores.js';

export interface Sizes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeRow {
  id: string;
  label: string;
  kind: 'ours' | 'floor' | 'ui' | 'headless';
  versions?: Record<string, string | undefined>;
  method: 'bundled' | 'shipped' | 'file';
  what?: string;
  /** What `npm test` fails above (a guard against growth). */
  budget?: number;
  /** The size the issues ask for. */
  target?: number;
  figure?: 'eager' | 'all';
  eager?: Sizes;
  all?: Sizes;
  top?: { pkg: string; bytes: number; eager: number }[];
  note?: string;
}

export interface SizesResult {
  rows: SizeRow[];
}

/** One measured HTTP run (see http/load.ts). */
export interface HttpRun {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  cpuMicros: number;
  statuses: Record<string, number>;
  errors: number;
}

export interface HttpRow {
  id: string;
  label: string;
  kind: 'floor' | 'peer' | 'ours';
  /** Wrong codes (answered 400) or right ones (200, each accepted once). */
  code: 'wrong' | 'right';
  connections: number;
  /** Why the row was not measured (its database server could not start). */
  skipped?: string;
  /** One per round, in round order. */
  runs: HttpRun[];
}

export interface InProcessRow {
  id: string;
  label: string;
  perSecond: number;
  runs: number[];
}

export interface ThroughputResult {
  http: HttpRow[];
  users: number;
  rounds: number;
  /** Requests per run at 32 connections (a quarter at 1). */
  amount: number;
  inProcess: InProcessRow[];
  /** The CPUs the servers and the load generator were pinned to; null when nothing was. */
  cores: Cores | null;
  note?: string;
}

/** One browser figure: ours and its floor, the median of each run in milliseconds. */
export interface BrowserMeasure {
  id: string;
  label: string;
  /** The page it is read from and the figure's name there; its floor is `floorPage`, else `<page>-floor`. */
  page: string;
  floorPage?: string;
  key: string;
  /** What the issues ask for, in ms (median). */
  target?: number;
  ours: number[];
  floor: number[];
}

export interface BrowserResult {
  skipped?: string;
  runs?: number;
  samplesPerRun?: number;
  chromium?: string;
  files?: number;
  measures?: BrowserMeasure[];
}

export interface MemoryResult {
  users: number;
  heapBytes: number;
  heapBefore: number;
  heapAfter: number;
  /** Enrolling every user through the service's actions into the memory store. */
  memoryMs: number;
  /** Missing when the time limit stopped the section before the SQLite part finished. */
  fileBytes?: number;
  /** Copying the same records into the SQLite store. */
  sqliteMs?: number;
}
