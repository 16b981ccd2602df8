// Public entry of service-kit: the server factory, config loading, logging, errors, health, hygiene and start-up.
export * from './config.js';
export * from './logger.js';
export * from './errors.js';
export * from './health.js';
export * from './server.js';
export * from './run-service.js';
export * from './infrastructure.js';
export * from './openapi.js';
export * from './openapi-check.js';
export * from './hygiene-check.js';
export * from './rate-limits.js';
export * from './security-headers.js';
export type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
