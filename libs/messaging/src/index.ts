// Public entry of @ledarsteg/messaging: NATS connection, JetStream topology, typed publish and validating consumers.
export { connectNats, type ConnectNatsOptions, type ReconnectOptions } from './connect.js';
export {
  backoffDelay,
  type ConsumerStats,
  type Handler,
  type HandlerContext,
  type RunningConsumer,
  type StartConsumerOptions,
  startConsumer,
} from './consumer.js';
export type { DeadLetterReason } from './dead-letter.js';
export * from './errors.js';
export { Headers } from './headers.js';
export type { MessagingLogger } from './logger.js';
export { type ConsumeOptions, type Messaging, type MessagingPluginOptions, messaging } from './plugin.js';
export { createPublisher, type Publish, type Published, type PublisherOptions, type PublishOptions } from './publisher.js';
export { ensureConsumer, ensureStreams, type EnsureAction, type EnsureResult, type TopologyOptions } from './topology.js';
