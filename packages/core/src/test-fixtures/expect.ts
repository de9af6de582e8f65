/// <reference types="chai" />
/**
 * chai's `expect` for core's tests, from chai's ES build, which loads in Chromium and in Node
 * alike (`@open-wc/testing` also brings DOM helpers that core's tests do not use).
 */
// @ts-expect-error The ES build has no declarations of its own: its types are @types/chai's.
import { expect as chaiExpect } from '@esm-bundle/chai/esm/chai.js';

export const expect: Chai.ExpectStatic = chaiExpect;
