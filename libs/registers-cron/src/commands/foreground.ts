const STOP_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Runs a foreground command (`cron start`): awaits `start`, waits for SIGTERM or SIGINT, then
 * awaits `stop` and resolves with the signal, so the console exits 0. While it waits, the SIGINT
 * listeners installed before it (the cli's "Ctrl-C exits 130") are set aside and put back
 * afterwards. A second signal during `stop` ends the process at once with exit code 1.
 */
export async function runUntilStopSignal(steps: {
  start: () => Promise<void>;
  stop: () => Promise<void>;
}): Promise<NodeJS.Signals> {
  const setAside = process.listeners('SIGINT');
  for (const listener of setAside) process.off('SIGINT', listener);
  let stopping = false;
  let received!: (signal: NodeJS.Signals) => void;
  const signalled = new Promise<NodeJS.Signals>((resolve) => (received = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting for running handlers.\n`);
      process.exit(1);
    }
    stopping = true;
    received(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    await steps.start();
    const signal = await signalled;
    await steps.stop();
    return signal;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    for (const listener of setAside) process.on('SIGINT', listener as NodeJS.SignalsListener);
  }
}
