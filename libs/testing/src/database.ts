// Gives each test its own database on a MongoDB-wire server, and says which server that is.
import { randomUUID } from 'node:crypto';
import { type DatabaseCapabilities, probeCapabilities } from './capabilities.js';
import mongoose from 'mongoose';
import { startEmbeddedDatabase } from './embedded-database.js';

export type DatabaseKind = 'mongo-url' | 'testcontainers' | 'embedded-congodb';

export interface DatabaseServer {
  kind: DatabaseKind;
  /** mongodb:// URL without a database name. */
  url: string;
  capabilities: DatabaseCapabilities;
  stop(): Promise<void>;
}

export interface TestDatabase {
  kind: DatabaseKind;
  dbName: string;
  /** URL including the database name, as services take it in MONGO_URL. */
  url: string;
  capabilities: DatabaseCapabilities;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** Replaces the database path of a mongodb:// URL, keeping credentials and options. */
export function withDatabaseName(url: string, dbName: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${dbName}`;
  return parsed.toString();
}

async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    return await getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
  } catch {
    return false;
  }
}

async function startMongoContainer(): Promise<{ url: string; stop(): Promise<void> }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('mongo:7.0')
    .withCommand(['--replSet', 'rs0', '--bind_ip_all'])
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .start();
  // A single-node replica set: transactions and change streams work as in production.
  await container.exec(['mongosh', '--quiet', '--eval', "rs.initiate({_id:'rs0',members:[{_id:0,host:'127.0.0.1:27017'}]})"]);
  const url = `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/?directConnection=true`;
  return { url, stop: async () => void (await container.stop()) };
}

async function capabilitiesOf(url: string): Promise<DatabaseCapabilities> {
  const conn = await mongoose.createConnection(withDatabaseName(url, `probe_${randomUUID().slice(0, 8)}`)).asPromise();
  try {
    return await probeCapabilities(conn);
  } finally {
    await conn.db?.dropDatabase().catch(() => undefined);
    await conn.close();
  }
}

let shared: Promise<DatabaseServer> | undefined;

/** Stops a server this process started once the whole test file is done, so the process can exit. */
async function stopAtEnd(server: DatabaseServer): Promise<DatabaseServer> {
  const { default: tap } = await import('tap');
  tap.teardown(() => server.stop());
  return reported(server);
}

/** Says in the test output which server the tests ran against and what it guarantees. */
async function reported(server: DatabaseServer): Promise<DatabaseServer> {
  const { default: tap } = await import('tap');
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  tap.comment(
    `database: ${server.kind} (unique indexes: ${yesNo(server.capabilities.uniqueIndexes)}, transactions: ${yesNo(server.capabilities.transactions)})`,
  );
  return server;
}

/**
 * The server this test process uses: MONGO_URL if set; else MongoDB in a container where a
 * container runtime exists; else the embedded CongoDB. Started once per process.
 */
export function databaseServer(env: Record<string, string | undefined> = process.env): Promise<DatabaseServer> {
  shared ??= (async () => {
    if (env['MONGO_URL']) {
      const url = env['MONGO_URL'];
      return reported({ kind: 'mongo-url' as const, url, capabilities: await capabilitiesOf(url), stop: async () => {} });
    }
    if (await containerRuntimeAvailable()) {
      const mongo = await startMongoContainer();
      return stopAtEnd({ kind: 'testcontainers' as const, ...mongo, capabilities: await capabilitiesOf(mongo.url) });
    }
    const embedded = await startEmbeddedDatabase();
    return stopAtEnd({
      kind: 'embedded-congodb' as const,
      url: embedded.url,
      capabilities: await capabilitiesOf(embedded.url),
      stop: embedded.stop,
    });
  })();
  return shared;
}

/** A fresh, uniquely named database for one test; dropped when the test ends. */
export async function testDatabase(t: Teardown, prefix = 'test'): Promise<TestDatabase> {
  const server = await databaseServer();
  const dbName = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const url = withDatabaseName(server.url, dbName);
  t.teardown(async () => {
    const conn = await mongoose.createConnection(url).asPromise();
    await conn.db?.dropDatabase().catch(() => undefined);
    await conn.close();
  });
  return { kind: server.kind, dbName, url, capabilities: server.capabilities };
}

/**
 * For tests that need a guarantee the server may lack. Returns tap options that skip the test,
 * naming the missing guarantee and the server, only where it is missing.
 */
export async function needs(...guarantees: (keyof DatabaseCapabilities)[]): Promise<{ skip?: string }> {
  const server = await databaseServer();
  const missing = guarantees.filter((g) => !server.capabilities[g]);
  return missing.length === 0
    ? {}
    : { skip: `needs ${missing.join(' and ')}, which the ${server.kind} server lacks; run with MONGO_URL or Docker for a real MongoDB` };
}
