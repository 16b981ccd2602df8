// Public entry of the store: the connection plugin, the side-effect ledger and the shared models.
export * from './connection.js';
export * from './ledger.js';
export * from './event-model.js';
export * from './profile-model.js';
