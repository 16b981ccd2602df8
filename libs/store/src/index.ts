// Public entry of the store: the connection plugin, the side-effect ledger, the outbox, erasure marks and the duplicate-key helper; each service keeps its own models.
export * from './connection.js';
export * from './ledger.js';
export * from './duplicate-key.js';
export * from './outbox.js';
export * from './erasures.js';
