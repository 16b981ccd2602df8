// Public entry of the test harness: NATS and database per test, free ports, the embedded database.
export * from './free-port.js';
export * from './embedded-database.js';
export * from './database.js';
export * from './nats-server.js';
export * from './eventually.js';
export * from './service-process.js';
export * from './capabilities.js';
export * from './consumer-idle.js';
export * from './provider-env.js';
export * from './own-collections.js';
export * from './smtp-sink.js';
