import { createHash } from 'node:crypto';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../domain-kit/index.ts';
import { assistantMessageSchema, type ChatResponse } from '../models/index.ts';

/** The response cache of a run folder: one JSON line per answer, appended. */
export const RESPONSE_CACHE_FILE = 'model-cache.jsonl';
/** Where earlier versions kept the cache (one file per answer): still read, so a resumed run keeps its hits. */
export const LEGACY_RESPONSE_CACHE_FOLDER = 'model-cache';

const CACHE_ENTRY_SCHEMA_VERSION = 1;
const NEWLINE = 0x0a;

const cachedResponseSchema = z.object({
  message: assistantMessageSchema,
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number(), totalTokens: z.number() }).optional(),
  finishReason: z.string().optional(),
  model: z.string(),
});

const cacheEntrySchema = z.object({ schemaVersion: z.literal(CACHE_ENTRY_SCHEMA_VERSION), key: z.string(), response: cachedResponseSchema });
const legacyCacheEntrySchema = z.object({ version: z.literal(1), key: z.string(), response: cachedResponseSchema });

/** The hash of a request description: SHA-256 of its RFC 8785 canonical JSON. */
export const cacheKeyOf = (description: unknown) => createHash('sha256').update(canonicalJson(description)).digest('hex');

/** Which answer an entry holds: the request's hash, and how many identical requests of its scope came before. */
export interface CacheKey {
  request: string;
  occurrence: number;
}

/** An entry's key in the file: the request hash and the occurrence (hashed once per call, never twice). */
const entryKeyOf = (key: CacheKey) => `${key.request}/${key.occurrence}`;

/** Every line starts so (JSON.stringify keeps the order the entry is built in), which lets the index read keys without parsing lines. */
const ENTRY_PREFIX = `{"schemaVersion":${CACHE_ENTRY_SCHEMA_VERSION},"key":"`;

/** Where a whole line sits in the file (without its newline). */
interface EntrySpan {
  offset: number;
  length: number;
}

interface PendingAppend {
  key: string;
  line: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const toResponse = (response: z.infer<typeof cachedResponseSchema>): ChatResponse => {
  const { message, usage, finishReason, model } = response;
  return { message, model, ...(usage ? { usage } : {}), ...(finishReason !== undefined ? { finishReason } : {}) };
};

/**
 * Model answers on disk, as an append-only JSON-lines file (`<run>/model-cache.jsonl`) with an index in
 * memory (key → where its line is), built once when the cache is first used; a hit reads that one line,
 * a miss touches no file. Every fresh answer is appended once (concurrent answers share one write). A
 * line is zod-parsed when it is read: one that does not parse, or names another key, is a miss, and the
 * next answer for that key is appended after it and wins. A last line cut short by a crash is cut off
 * when the file is opened. Answers of an earlier version's cache folder (`<run>/model-cache/`) are still
 * found. Only answers are ever stored — the decorator never puts an error — and never any key or header.
 */
export class ResponseCache {
  #index = new Map<string, EntrySpan>();
  #handle: FileHandle | undefined;
  #opening: Promise<FileHandle> | undefined;
  /** The file's length: where the next appended line starts. */
  #size = 0;
  #legacyFolderExists = false;
  #queue: PendingAppend[] = [];
  #flushing: Promise<void> | undefined;

  /**
   * @param file the cache file (created on first use)
   * @param legacyFolder a cache folder of the per-file layout, read on a miss when it exists
   */
  constructor(
    readonly file: string,
    readonly legacyFolder?: string,
  ) {}

  /** The cache of a run folder: its `model-cache.jsonl`, and the `model-cache/` folder of an earlier version. */
  static ofRun(folder: string): ResponseCache {
    return new ResponseCache(join(folder, RESPONSE_CACHE_FILE), join(folder, LEGACY_RESPONSE_CACHE_FOLDER));
  }

  #open(): Promise<FileHandle> {
    return (this.#opening ??= this.#load());
  }

  /** Opens the file, cuts a torn last line, and indexes every line by the key it starts with. */
  async #load(): Promise<FileHandle> {
    this.#legacyFolderExists = this.legacyFolder !== undefined && (await stat(this.legacyFolder).then((found) => found.isDirectory(), () => false));
    const handle = await open(this.file, 'a+');
    try {
      const content = await handle.readFile();
      let start = 0;
      for (let end = content.indexOf(NEWLINE); end !== -1; start = end + 1, end = content.indexOf(NEWLINE, start)) {
        const head = content.toString('latin1', start, Math.min(end, start + ENTRY_PREFIX.length + 200));
        if (!head.startsWith(ENTRY_PREFIX)) continue;
        const keyEnd = head.indexOf('"', ENTRY_PREFIX.length);
        if (keyEnd !== -1) this.#index.set(head.slice(ENTRY_PREFIX.length, keyEnd), { offset: start, length: end - start });
      }
      if (start < content.length) await handle.truncate(start);
      this.#size = start;
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    return handle;
  }

  async get(key: CacheKey): Promise<ChatResponse | undefined> {
    const handle = await this.#open();
    const entryKey = entryKeyOf(key);
    const span = this.#index.get(entryKey);
    if (span) {
      const line = Buffer.allocUnsafe(span.length);
      const { bytesRead } = await handle.read(line, 0, span.length, span.offset);
      const entry = parseLine(line.toString('utf8', 0, bytesRead), cacheEntrySchema);
      return entry && entry.key === entryKey ? toResponse(entry.response) : undefined;
    }
    return this.#legacyFolderExists ? this.#getLegacy(key) : undefined;
  }

  /** An answer of the per-file layout (`<folder>/<2 hex>/<key>.json`, its key one more hash of the request hash and occurrence). */
  async #getLegacy(key: CacheKey): Promise<ChatResponse | undefined> {
    const legacyKey = cacheKeyOf({ base: key.request, occurrence: key.occurrence });
    const text = await readFile(join(this.legacyFolder as string, legacyKey.slice(0, 2), `${legacyKey}.json`), 'utf8').catch(() => undefined);
    const entry = text === undefined ? undefined : parseLine(text, legacyCacheEntrySchema);
    return entry && entry.key === legacyKey ? toResponse(entry.response) : undefined;
  }

  /** Appends the answer; resolves once its line is written (answers that arrive meanwhile go in the same write). */
  async put(key: CacheKey, response: ChatResponse): Promise<void> {
    await this.#open();
    const entryKey = entryKeyOf(key);
    const entry = { schemaVersion: CACHE_ENTRY_SCHEMA_VERSION, key: entryKey, response: { message: response.message, model: response.model, usage: response.usage, finishReason: response.finishReason } };
    const line = Buffer.from(`${JSON.stringify(entry)}\n`);
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ key: entryKey, line, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const handle = this.#handle as FileHandle;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0);
      const lines = batch.map((pending) => pending.line);
      const bytes = lines.reduce((total, line) => total + line.length, 0);
      try {
        const { bytesWritten } = await handle.writev(lines);
        if (bytesWritten !== bytes) {
          // A short write (a full disk): take the part back, so no torn line sits before the next entry.
          await handle.truncate(this.#size);
          throw new Error(`${this.file}: wrote ${bytesWritten} of ${bytes} bytes`);
        }
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        continue;
      }
      for (const pending of batch) {
        this.#index.set(pending.key, { offset: this.#size, length: pending.line.length - 1 });
        this.#size += pending.line.length;
        pending.resolve();
      }
    }
    this.#flushing = undefined;
  }

  /** Waits for the appends under way and closes the file; the cache opens it again if used after. */
  async close(): Promise<void> {
    const handle = await this.#opening?.catch(() => undefined);
    await this.#flushing;
    this.#handle = undefined;
    this.#opening = undefined;
    this.#index.clear();
    await handle?.close();
  }
}

function parseLine<Schema extends z.ZodType>(text: string, schema: Schema): z.infer<Schema> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
