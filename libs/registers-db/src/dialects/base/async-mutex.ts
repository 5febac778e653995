/** A FIFO lock; `locked` lets callers take a synchronous fast path when it is free. */
export class AsyncMutex {
  private waiters: Array<() => void> = [];
  private held = false;

  get locked(): boolean {
    return this.held;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}
