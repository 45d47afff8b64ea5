/**
 * The API contract: every request and response shape, defined once as a zod schema with its type
 * inferred. Routes validate with these schemas and OpenAPI is generated from them; the web imports
 * the types with `import type` only, so no server code reaches the browser bundle.
 */
export * from './appeals.js';
export * from './audit.js';
export * from './common.js';
export * from './evaluations.js';
export * from './pakn.js';
export * from './periods.js';
export * from './province.js';
export * from './registry.js';
export * from './reports.js';
export * from './rules.js';
export * from './sources.js';
export * from './users.js';
export * from './mail.js';
export * from './review.js';
export * from './news.js';
