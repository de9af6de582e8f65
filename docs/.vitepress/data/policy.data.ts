/** Build-time data for the policy page: every option, its default and allowed values. */
import { defineLoader } from 'vitepress';
import { policyRows, type PolicyRow } from './policy.js';

declare const data: PolicyRow[];
export { data };

export default defineLoader({
  load: (): PolicyRow[] => policyRows(),
});
