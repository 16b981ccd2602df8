// Public entry of the store: the connection plugin, the side-effect ledger and the duplicate-key helper; each service keeps its own models.
export * from './connection.js';
export * from './ledger.js';
export * from './duplicate-key.js';
