/**
 * The shapes of the HTTP API: the server's contract (src/contract), types only. `export type`
 * is erased at build time, so the browser bundle never pulls server code.
 */
export type * from '../../../src/contract/index.js';
