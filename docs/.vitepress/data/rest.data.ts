/** Build-time data for the REST contract page: examples checked against the zod schemas. */
import { defineLoader } from 'vitepress';
import { restContract, type RestContract } from './rest-contract.js';

declare const data: RestContract;
export { data };

export default defineLoader({
  load: (): RestContract => restContract(),
});
