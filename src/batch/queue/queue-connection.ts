import type { ConnectionOptions } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';

/** The default name runs and workers meet on (`--queue-name`). */
export const DEFAULT_QUEUE_NAME = 'interplay';

/** Where a queue lives: a Redis server (and database) and the queue's name on it. */
export interface QueueLocation {
  /** The URL as given, for messages (it never holds a password: see `parseQueueUrl`). */
  url: string;
  host: string;
  port: number;
  db: number;
  name: string;
}

/** A `--queue` value that is not `redis://host:port[/db]`. */
export class QueueUrlError extends Error {
  override readonly name = 'QueueUrlError';
}

/** Redis did not answer at the queue's address. */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/**
 * Reads `redis://host:port[/db]`. A password in the URL is refused: it would travel in argv and process
 * lists; a Redis that needs one is out of scope for now (run it on a private network or loopback).
 */
export function parseQueueUrl(text: string, name: string = DEFAULT_QUEUE_NAME): QueueLocation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUrlError(`--queue must be a URL like redis://127.0.0.1:6379 or redis://host:port/db, got "${text}"`);
  }
  if (url.protocol !== 'redis:') throw new QueueUrlError(`--queue must start with redis://, got "${text}"`);
  if (url.username || url.password) throw new QueueUrlError(`--queue must not carry a user or password (it would show in process lists), got a URL with one`);
  if (!url.hostname) throw new QueueUrlError(`--queue names no host: "${text}"`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\/+/, '');
  if (path !== '' && !/^\d{1,2}$/.test(path)) throw new QueueUrlError(`--queue's path is the database number (0-15), got "/${path}"`);
  if (url.search || url.hash) throw new QueueUrlError(`--queue takes no query or fragment, got "${text}"`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new QueueUrlError(`--queue-name must be 1-64 letters, digits, - or _, got "${name}"`);
  return { url: text, host: url.hostname.replace(/^\[|\]$/g, ''), port, db: path === '' ? 0 : Number(path), name };
}

/** ioredis options for a location: BullMQ wants `maxRetriesPerRequest: null` (blocking commands wait for ever). */
export function redisOptions(location: QueueLocation): RedisOptions {
  return { host: location.host, port: location.port, db: location.db, maxRetriesPerRequest: null };
}

/** The same, as BullMQ's connection options (each Queue, Worker and QueueEvents opens its own connections). */
export const bullConnection = (location: QueueLocation): ConnectionOptions => ({ host: location.host, port: location.port, db: location.db, maxRetriesPerRequest: null });

/**
 * A connection to the queue's Redis, checked with a PING: an unreachable server is one clear error
 * instead of BullMQ's endless reconnection attempts.
 */
export async function connectToQueue(location: QueueLocation): Promise<Redis> {
  // Loaded when a queue is used: every other command starts without the Redis client.
  const { Redis } = await import('ioredis');
  const probe = new Redis({ ...redisOptions(location), lazyConnect: true, connectTimeout: 5_000, retryStrategy: () => null, maxRetriesPerRequest: 1 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    probe.disconnect();
    throw new RedisUnreachableError(`no Redis answers at ${location.url} (${(error as Error).message || 'connection refused'}): start one (redis-server --port ${location.port}) or fix --queue`);
  }
  probe.disconnect();
  const connection = new Redis(redisOptions(location));
  // Errors of a live connection (a Redis restart) are retried by ioredis; the commands waiting on it fail alone.
  connection.on('error', () => undefined);
  return connection;
}
