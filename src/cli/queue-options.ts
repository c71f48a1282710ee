import { InvalidArgumentError, type Command } from 'commander';
import type { Redis } from 'ioredis';
import { connectToQueue, DEFAULT_QUEUE_NAME, parseQueueUrl, RedisUnreachableError, type QueueLocation } from '../batch/queue/queue-connection.ts';
import { FailedJobsError } from './exit-codes.ts';

export interface QueueFlags {
  queue?: string;
  queueName: string;
}

/** commander's check of a flag's value: a bad one is a usage error (exit 2) naming the flag. */
const checked = (check: (text: string) => void) => (text: string) => {
  try {
    check(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return text;
};

/** `--queue` and `--queue-name`: where a queue-backed run or a worker meets its Redis. */
export function addQueueOptions(command: Command, description: string, required = false): Command {
  const parse = checked((text) => parseQueueUrl(text));
  const withQueue = required ? command.requiredOption('--queue <url>', description, parse) : command.option('--queue <url>', description, parse);
  return withQueue.option('--queue-name <name>', 'the queue on that Redis: runs and workers meet by name', checked((text) => parseQueueUrl('redis://127.0.0.1', text)), DEFAULT_QUEUE_NAME);
}

/** The queue the flags name, if any. */
export const queueLocationOf = (flags: QueueFlags): QueueLocation | undefined => (flags.queue === undefined ? undefined : parseQueueUrl(flags.queue, flags.queueName));

/** A checked connection to the queue's Redis; one line and exit 3 (the world) when none answers. */
export async function openQueueConnection(location: QueueLocation): Promise<Redis> {
  try {
    return await connectToQueue(location);
  } catch (error) {
    if (error instanceof RedisUnreachableError) throw new FailedJobsError(error.message);
    throw error;
  }
}
