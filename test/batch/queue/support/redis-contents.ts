import { Redis } from 'ioredis';

/** Every key of a Redis database and every value under it, as text (strings, hashes, lists, sets, sorted sets, streams). */
export async function redisContents(url: string): Promise<string[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  try {
    const texts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        texts.push(key);
        const type = await redis.type(key);
        if (type === 'string') texts.push((await redis.get(key)) ?? '');
        else if (type === 'hash') texts.push(...Object.entries(await redis.hgetall(key)).flat());
        else if (type === 'list') texts.push(...(await redis.lrange(key, 0, -1)));
        else if (type === 'set') texts.push(...(await redis.smembers(key)));
        else if (type === 'zset') texts.push(...(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') texts.push(...(await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]));
      }
    } while (cursor !== '0');
    return texts;
  } finally {
    redis.disconnect();
  }
}
