import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../domain-kit/index.ts';
import { assistantMessageSchema, type ChatResponse } from '../models/index.ts';

const CACHE_ENTRY_VERSION = 1;

const cachedResponseSchema = z.object({
  message: assistantMessageSchema,
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number(), totalTokens: z.number() }).optional(),
  finishReason: z.string().optional(),
  model: z.string(),
});

const cacheEntrySchema = z.object({ version: z.literal(CACHE_ENTRY_VERSION), key: z.string(), response: cachedResponseSchema });

/** The cache key of a request description: SHA-256 of its RFC 8785 canonical JSON. */
export const cacheKeyOf = (description: unknown) => createHash('sha256').update(canonicalJson(description)).digest('hex');

/**
 * Model answers on disk, one file per entry (`<folder>/<2 hex>/<key>.json`). An entry is written to a
 * temporary file and renamed into place, so a reader sees a whole entry or none; an entry that does not
 * parse, or names another key, is a miss (and is overwritten by the next answer). Only answers are ever
 * stored: the decorator never puts an error.
 */
export class ResponseCache {
  #temporaries = 0;

  constructor(readonly folder: string) {}

  #file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError(`not a cache key: ${key}`);
    return join(this.folder, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<ChatResponse | undefined> {
    let text: string;
    try {
      text = await readFile(this.#file(key), 'utf8');
    } catch {
      return undefined;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = cacheEntrySchema.safeParse(raw);
    if (!parsed.success || parsed.data.key !== key) return undefined;
    const { message, usage, finishReason, model } = parsed.data.response;
    return { message, model, ...(usage ? { usage } : {}), ...(finishReason !== undefined ? { finishReason } : {}) };
  }

  async put(key: string, response: ChatResponse): Promise<void> {
    const file = this.#file(key);
    await mkdir(join(this.folder, key.slice(0, 2)), { recursive: true });
    const temporary = `${file}.${(this.#temporaries += 1)}.tmp`;
    const entry = { version: CACHE_ENTRY_VERSION, key, response: { message: response.message, model: response.model, usage: response.usage, finishReason: response.finishReason } };
    try {
      await writeFile(temporary, JSON.stringify(entry));
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
