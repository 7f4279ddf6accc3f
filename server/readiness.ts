/** What `/ready` answers: 503 when `unavailable`, 200 otherwise (degraded still serves other rooms). */
export interface ReadinessReport {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: Record<string, 'ok' | string>;
  shuttingDown: boolean;
  /** Rooms whose last load failed (their names are in the logs, not here: this answer is public). */
  failedRooms: number;
}

/**
 * Readiness of this node: its dependencies answer (storage, Redis in multi-node mode), it is not
 * shutting down, and whether some rooms failed to load (degraded: the node still serves the others,
 * so a load balancer keeps it, but an operator sees it).
 */
export class Readiness {
  private shuttingDown = false;
  private readonly failed = new Set<string>();

  constructor(
    private readonly checks: Record<string, () => Promise<unknown>>,
    private readonly timeoutMs = 2_000,
  ) {}

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  roomFailed(name: string): void {
    this.failed.add(name);
  }

  roomLoaded(name: string): void {
    this.failed.delete(name);
  }

  get failedRoomCount(): number {
    return this.failed.size;
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(Object.entries(this.checks).map(async ([name, check]) => [name, await this.run(check)] as const));
    const checks = Object.fromEntries(entries);
    const down = this.shuttingDown || entries.some(([, result]) => result !== 'ok');
    return {
      status: down ? 'unavailable' : this.failed.size > 0 ? 'degraded' : 'ready',
      checks,
      shuttingDown: this.shuttingDown,
      failedRooms: this.failed.size,
    };
  }

  private async run(check: () => Promise<unknown>): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
    });
    try {
      return await Promise.race([
        check().then(
          () => 'ok',
          (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 200) || 'failed',
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
