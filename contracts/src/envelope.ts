// The envelope every message travels in, and the validator a consumer runs before trusting one.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import './formats.js';
import { Id, Instant } from './primitives.js';
import { PayloadSchemas, type Subject } from './subjects.js';

export function envelopeOf<S extends Subject, T extends TSchema>(subject: S, data: T) {
  return Type.Object(
    {
      id: Id,
      subject: Type.Literal(subject),
      occurredAt: Instant,
      correlationId: Id,
      causationId: Type.Optional(Id),
      data,
    },
    { additionalProperties: false },
  );
}

export type Payload<S extends Subject> = Static<(typeof PayloadSchemas)[S]>;

export interface Envelope<S extends Subject = Subject> {
  id: string;
  subject: S;
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  data: Payload<S>;
}

const checks = new Map<Subject, TypeCheck<TSchema>>();
function checkFor(subject: Subject): TypeCheck<TSchema> {
  let check = checks.get(subject);
  if (!check) {
    check = TypeCompiler.Compile(envelopeOf(subject, PayloadSchemas[subject]));
    checks.set(subject, check);
  }
  return check;
}

export function isSubject(value: string): value is Subject {
  return Object.hasOwn(PayloadSchemas, value);
}

export type EnvelopeCheck<S extends Subject> =
  | { ok: true; envelope: Envelope<S> }
  | { ok: false; errors: string[] };

/** Validates an already-parsed message against the envelope schema of `subject`. */
export function checkEnvelope<S extends Subject>(subject: S, value: unknown): EnvelopeCheck<S> {
  const check = checkFor(subject);
  if (check.Check(value)) return { ok: true, envelope: value as Envelope<S> };
  const errors = [...check.Errors(value)].slice(0, 10).map((e) => `${e.path || '/'}: ${e.message}`);
  return { ok: false, errors };
}
