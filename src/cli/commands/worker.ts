import { getDomain } from '../../../domains/index.ts';
import { createNodeHttpTransport } from '../../models/index.ts';
import type { CliIo } from '../cli-io.ts';
import { resolveModelRoles } from '../model-roles.ts';
import { wholeNumber } from '../number-option.ts';
import { openQueueConnection, queueLocationOf, type QueueFlags } from '../queue-options.ts';
import { systemClock } from '../system-clock.ts';

/** What a caller may plug into the command: when to stop (the process's SIGINT/SIGTERM by default). */
export interface WorkerCommandHooks {
  /** Each call waits for the next stop request: the first finishes the running jobs, the second leaves them. */
  nextStop?: () => Promise<string>;
}

interface WorkerOptions extends QueueFlags {
  concurrency: string;
  config?: string;
  stalledInterval?: string;
  lockDuration?: string;
}

/** The next SIGINT or SIGTERM this process gets. */
const nextProcessSignal = () =>
  new Promise<string>((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });

/** What `interplay worker` does with its parsed options (its command line is in worker-command.ts). */
export function workerAction(io: CliIo, hooks: WorkerCommandHooks = {}) {
  return async (options: WorkerOptions) => {
    const location = queueLocationOf(options);
    if (!location) throw new Error('--queue is required');
    const concurrency = wholeNumber('--concurrency', options.concurrency, 1, 10_000);
    const stalledIntervalMs = options.stalledInterval !== undefined ? wholeNumber('--stalled-interval', options.stalledInterval, 50) : undefined;
    const lockDurationMs = options.lockDuration !== undefined ? wholeNumber('--lock-duration', options.lockDuration, 50) : undefined;
    const ownModels = options.config !== undefined ? resolveModelRoles({ config: options.config }, io) : undefined;
    const connection = await openQueueConnection(location);
    try {
      // BullMQ is loaded by this command alone: the CLI's other commands start without it.
      const { startQueueWorker } = await import('../../batch/queue/queue-worker.ts');
      const worker = await startQueueWorker({
        location,
        connection,
        concurrency,
        clock: systemClock(io),
        domainByName: getDomain,
        apiKeyOf: (variable) => io.env[variable],
        ...(ownModels ? { ownModels } : {}),
        transport: createNodeHttpTransport(),
        ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
        ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
        onJobError: (jobId, message) => io.err(`job ${jobId} failed: ${message}\n`),
      });
      io.out(`worker: taking jobs from queue ${location.name} at ${location.url}, ${concurrency} at once\n`);
      const nextStop = hooks.nextStop ?? nextProcessSignal;
      const first = await nextStop();
      io.out(`worker: ${first}: finishing the running jobs (again to stop at once)\n`);
      const finished = await Promise.race([worker.close().then(() => true), nextStop().then(() => false)]);
      if (!finished) {
        io.out('worker: stopped; its running jobs go to another worker\n');
        // At once means at once: with its Redis gone, BullMQ's close can wait for ever (its jobs' locks expire
        // anyway, and another worker takes them). A process stopped by signals ends here.
        if (!hooks.nextStop) process.exit(0);
        await worker.abandon();
      } else io.out(`worker: stopped after ${worker.done} job(s)\n`);
    } finally {
      connection.disconnect();
    }
  };
}
