/**
 * The cancellation of one attempt (lease lost, timeout, shutdown). Node's AbortController
 * is costly to make (an EventTarget per attempt: the largest item of a busy pool's own CPU
 * in a profile), and most handlers never read `ctx.signal`, so the controller is made only
 * when the handler asks for its signal; the race that stops waiting for a handler needs
 * no controller.
 */
export class AttemptAbort {
  private controller?: AbortController;
  private rejectRace?: (reason: unknown) => void;
  private abortedWith?: { reason: unknown };

  get aborted(): boolean {
    return this.abortedWith !== undefined;
  }

  get reason(): unknown {
    return this.abortedWith?.reason;
  }

  /** The handler's `ctx.signal`, aborted with the attempt. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortedWith) this.controller.abort(this.abortedWith.reason);
    }
    return this.controller.signal;
  }

  /** The first call wins; later ones change nothing. */
  abort(reason: unknown): void {
    if (this.abortedWith) return;
    this.abortedWith = { reason };
    this.controller?.abort(reason);
    this.rejectRace?.(reason);
  }

  /** Settles like `work`, or rejects with the reason as soon as the attempt is aborted. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.abortedWith) return Promise.reject(this.abortedWith.reason);
    return new Promise<T>((resolve, reject) => {
      this.rejectRace = reject;
      work.then(resolve, reject);
    });
  }
}
