// Fault switches: the next N matching Graph or identity requests fail, throttle or answer slowly.
export interface FaultRule {
  /** Status to answer with (429, 500, 503, 504, …). Omit for a slow-only fault. */
  status?: number;
  /** Graph error code; defaults by status. */
  code?: string;
  /** Sent as Retry-After (seconds) when set. */
  retryAfterSeconds?: number;
  /** Delay before answering (or before handling normally, for slow-only faults). */
  delayMs?: number;
  /** How many matching requests it applies to; default 1. */
  times?: number;
  /** Only requests of this account (Graph only; identity requests have no account until authenticated). */
  accountId?: string;
  method?: string;
  /** Substring the request path must contain, e.g. `/calendarView/delta`. */
  pathIncludes?: string;
  area?: 'graph' | 'identity';
}

interface ActiveFault extends FaultRule {
  remaining: number;
}

export const defaultCodeForStatus = (status: number): string =>
  ({ 429: 'TooManyRequests', 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceNotAvailable', 504: 'GatewayTimeout' })[status] ??
  'UnknownError';

export class FaultBoard {
  private faults: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes (consumes one use of) the first fault matching the request. */
  take(area: 'graph' | 'identity', method: string, path: string, accountId: string | undefined): FaultRule | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.area ?? 'graph') === area &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.pathIncludes || path.includes(f.pathIncludes)) &&
        (!f.accountId || f.accountId === accountId),
    );
    if (!fault) return undefined;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }
}
