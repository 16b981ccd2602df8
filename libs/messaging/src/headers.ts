// Header names the library writes, in one place so producers, consumers and dead-letter readers agree.
export const Headers = {
  correlationId: 'Ledarsteg-Correlation-Id',
  causationId: 'Ledarsteg-Causation-Id',
  contentType: 'Content-Type',
  originalSubject: 'Ledarsteg-Original-Subject',
  streamSequence: 'Ledarsteg-Stream-Sequence',
  stream: 'Ledarsteg-Stream',
  durable: 'Ledarsteg-Durable',
  deliveryCount: 'Ledarsteg-Delivery-Count',
  reason: 'Ledarsteg-Dead-Letter-Reason',
  error: 'Ledarsteg-Error',
  service: 'Ledarsteg-Service',
} as const;
