// The `connections` collection: one leader's link to one provider account, with its tokens sealed at rest.
import type { ProviderName } from '@ledarsteg/calendar';
import { type OutboxMessage, outboxPath } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';
import type { Sealed } from '../tokens/token-cipher.js';

export type ConnectionStatus = 'active' | 'needs_reauth' | 'disconnected';

export interface StoredWatch {
  channelId: string;
  resourceId: string;
  expiresAt: Date;
  /** The channel token / clientState, sealed with context `${connectionId}:watch`. */
  secret: Sealed;
  /** Google only: the highest X-Goog-Message-Number acted on for this channel; anything not above it is a replay. */
  lastMessageNumber?: number;
}

export interface StoredConnection {
  /** Random UUID; documents are keyed by it (never by `_id`). */
  connectionId: string;
  userId: string;
  provider: ProviderName;
  accountId: string;
  email: string;
  displayName?: string;
  timeZone: string;
  status: ConnectionStatus;
  /** Sealed with context = connectionId. Absent once disconnected. */
  accessToken?: Sealed;
  refreshToken?: Sealed;
  expiresAt?: Date;
  /** The provider's sync token / deltaLink; absent until a full sync finished. */
  cursor?: string;
  lastSyncedAt?: Date;
  /** Set after a rate limit: no provider call for this connection before then. */
  notBefore?: Date;
  watch?: StoredWatch;
  /** How many syncs have started; sync requests between two starts share one message id. */
  syncRuns?: number;
  /** Held by the one sync running for this connection. */
  syncLeaseUntil?: Date;
  syncOwner?: string;
  /** Outbox: set with needs_reauth, cleared once the needs-reauth message is published. */
  reauthPending?: { reason: string; detectedAt: Date };
  /** ISO weeks changed by pages already applied but not yet announced (survives an interrupted sync). */
  pendingWeeks?: string[];
  /** The revision counter of this connection's events: the highest revision handed out. */
  rev?: number;
  /** Outbox: the highest revision published on calendar.events.changed.v1; everything above it is still to announce. */
  announcedRev?: number;
  linkedAt: Date;
  updatedAt: Date;
  /** Messages written with a change of this connection (its disconnect), relayed until JetStream confirmed them. */
  outbox?: OutboxMessage[];
}

const sealed = { keyId: { type: String, required: true }, data: { type: String, required: true } };

const connectionSchema = new Schema<StoredConnection>(
  {
    connectionId: { type: String, required: true },
    userId: { type: String, required: true },
    provider: { type: String, required: true, enum: ['google', 'microsoft'] },
    accountId: { type: String, required: true },
    // Absent once disconnected: the address goes with the grant.
    email: { type: String, required: false },
    displayName: String,
    timeZone: { type: String, required: true },
    status: { type: String, required: true, enum: ['active', 'needs_reauth', 'disconnected'] },
    accessToken: { type: new Schema(sealed, { _id: false }), required: false },
    refreshToken: { type: new Schema(sealed, { _id: false }), required: false },
    expiresAt: Date,
    cursor: String,
    lastSyncedAt: Date,
    notBefore: Date,
    watch: {
      type: new Schema(
        {
          channelId: { type: String, required: true },
          resourceId: { type: String, required: true },
          expiresAt: { type: Date, required: true },
          secret: { type: new Schema(sealed, { _id: false }), required: true },
          lastMessageNumber: Number,
        },
        { _id: false },
      ),
      required: false,
    },
    syncRuns: Number,
    syncLeaseUntil: Date,
    syncOwner: String,
    reauthPending: { type: new Schema({ reason: { type: String, required: true }, detectedAt: { type: Date, required: true } }, { _id: false }), required: false },
    pendingWeeks: { type: [String], default: undefined },
    rev: Number,
    announcedRev: Number,
    linkedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    outbox: outboxPath,
  },
  { versionKey: false, timestamps: false, collection: Collections.connections },
);
connectionSchema.index({ connectionId: 1 }, { unique: true });
// One connection per provider account: linking relies on it (a concurrent second link must update, not insert).
connectionSchema.index({ provider: 1, accountId: 1 }, { unique: true });
connectionSchema.index({ 'watch.channelId': 1 });
connectionSchema.index({ status: 1 });

export function connectionModel(conn: Connection): Model<StoredConnection> {
  return (conn.models['CalendarConnection'] as Model<StoredConnection> | undefined) ?? conn.model<StoredConnection>('CalendarConnection', connectionSchema);
}

/** AAD for a watch secret: bound to the connection but distinct from its tokens. */
export const watchSecretContext = (connectionId: string) => `${connectionId}:watch`;
