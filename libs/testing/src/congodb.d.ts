// Types for the deep import of CongoDB (the package has no exports map for it).
declare module '@push.rocks/smartmongo/dist_ts/congodb/index.js' {
  export class CongoServer {
    constructor(options?: { port?: number; host?: string; storage?: 'memory' | 'file'; storagePath?: string });
    start(): Promise<void>;
    stop(): Promise<void>;
    getConnectionUri(): string;
  }
}
