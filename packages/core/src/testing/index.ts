export * from './contract.js';
export * from './fake.js';
