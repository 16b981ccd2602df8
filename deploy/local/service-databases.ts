// Each service owns its data: the name of its own database on a shared MongoDB server (ledarsteg_calendar_sync, …).
import { withDatabaseName } from '@ledarsteg/testing';

export function serviceDatabaseName(service: string): string {
  return `ledarsteg_${service.replaceAll('-', '_')}`;
}

/** `serverUrl` with the service's database in place of any database it names; credentials and options are kept. */
export function serviceDatabaseUrl(serverUrl: string, service: string): string {
  return withDatabaseName(serverUrl, serviceDatabaseName(service));
}
