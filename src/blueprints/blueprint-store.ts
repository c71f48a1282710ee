import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { InvalidDataError } from '../domain-kit/index.ts';
import { claimWriter } from '../store/single-writer.ts';
import { blueprintSchema, blueprintStatusSchema, type Blueprint } from './blueprint.ts';
import { BLUEPRINT_INDEX_FILE, blueprintFileName, listBlueprintFiles, readBlueprintFile, writeBlueprintFile } from './blueprint-files.ts';
import { describeIssues } from './problem-path.ts';

export const BLUEPRINT_INDEX_SCHEMA_VERSION = 1;

export const blueprintIndexEntrySchema = z.object({
  domain: z.string().min(1),
  status: blueprintStatusSchema,
  /** The blueprint's file, relative to the store's folder, with forward slashes (`retail/<id>.json`). */
  file: z.string().min(1),
  updatedAt: z.iso.datetime(),
});

export const blueprintIndexSchema = z.object({
  schemaVersion: z.literal(BLUEPRINT_INDEX_SCHEMA_VERSION),
  /** By blueprint id, sorted. */
  blueprints: z.record(z.string(), blueprintIndexEntrySchema),
});

export type BlueprintIndexEntry = z.infer<typeof blueprintIndexEntrySchema>;
export type BlueprintIndex = z.infer<typeof blueprintIndexSchema>;

/** An id the store cannot take: its file would be mistaken for the index. */
const reservedIds = new Set([BLUEPRINT_INDEX_FILE.replace(/\.json$/, '')]);

const emptyIndex = (): BlueprintIndex => ({ schemaVersion: BLUEPRINT_INDEX_SCHEMA_VERSION, blueprints: {} });

const sortedById = (entries: Record<string, BlueprintIndexEntry>) => Object.fromEntries(Object.entries(entries).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));

/** Reads and zod-parses a store's index (null when it has none yet). For readers; the writer is `BlueprintStore`. */
export async function readBlueprintIndex(folder: string): Promise<BlueprintIndex | null> {
  const file = join(resolve(folder), BLUEPRINT_INDEX_FILE);
  let raw: unknown;
  try {
    raw = await new JSONFile<unknown>(file).read();
  } catch (error) {
    throw new InvalidDataError(`cannot read the blueprint index (${(error as Error).message}); rebuild it from the files`, file);
  }
  if (raw === null) return null;
  const parsed = blueprintIndexSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError('not a valid blueprint index; rebuild it from the files', file, describeIssues(parsed.error.issues, []));
  return parsed.data;
}

/**
 * The blueprint store: one reviewable JSON file per blueprint under `<folder>/<domain>/<id>.json`, and
 * a lowdb index `<folder>/index.json` of id -> {domain, status, file, updatedAt} that can always be
 * rebuilt from the files. One writer per store (a second `open` in the process throws).
 */
export class BlueprintStore {
  private constructor(
    readonly folder: string,
    private readonly database: Low<BlueprintIndex>,
    private readonly clock: { now(): Date },
    private readonly release: () => void,
  ) {}

  get indexFile(): string {
    return join(this.folder, BLUEPRINT_INDEX_FILE);
  }

  /** The index as last written. */
  get index(): BlueprintIndex {
    return this.database.data;
  }

  /** Opens (or creates) a store. Without an index, one is built from the files already there. */
  static async open(folder: string, clock: { now(): Date }): Promise<BlueprintStore> {
    const root = resolve(folder);
    const indexFile = join(root, BLUEPRINT_INDEX_FILE);
    const release = claimWriter(indexFile);
    try {
      mkdirSync(root, { recursive: true });
      const existing = await readBlueprintIndex(root);
      const database = new Low<BlueprintIndex>(new JSONFile<BlueprintIndex>(indexFile), existing ?? emptyIndex());
      const store = new BlueprintStore(root, database, clock, release);
      if (!existing) await store.rebuildIndex();
      return store;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Writes the blueprint's file (atomically) and its index entry. Returns the file's path. */
  async save(blueprint: Blueprint): Promise<string> {
    const parsed = blueprintSchema.safeParse(blueprint);
    if (!parsed.success) throw new InvalidDataError('refusing to store an invalid blueprint', String(blueprint.id), describeIssues(parsed.error.issues));
    if (reservedIds.has(blueprint.id)) throw new InvalidDataError(`the id "${blueprint.id}" is reserved for the store's index`, blueprint.id);
    const known = this.database.data.blueprints[blueprint.id];
    if (known && known.domain !== blueprint.domain) {
      throw new InvalidDataError(`the id is already taken by a ${known.domain} blueprint (${known.file})`, `${blueprint.domain}/${blueprint.id}`);
    }
    const file = writeBlueprintFile(join(this.folder, blueprint.domain), parsed.data);
    await this.database.update((index) => {
      index.blueprints = sortedById({ ...index.blueprints, [blueprint.id]: this.entryFor(parsed.data, file) });
    });
    return file;
  }

  /** Reads a stored blueprint by id (from its file: the file, not the index, is the truth). */
  read(id: string): Blueprint {
    const entry = this.database.data.blueprints[id];
    if (!entry) throw new InvalidDataError(`no blueprint "${id}" in the store`, this.folder);
    return readBlueprintFile(join(this.folder, entry.file));
  }

  /**
   * Rebuilds the index from the blueprint files under `<folder>/<domain>/`. Every bad or misplaced file
   * is reported at once and the index is left as it was.
   */
  async rebuildIndex(): Promise<BlueprintIndex> {
    const entries: Record<string, BlueprintIndexEntry> = {};
    const problems: string[] = [];
    for (const file of this.blueprintFiles()) {
      try {
        const blueprint = readBlueprintFile(file);
        const expected = join(this.folder, blueprint.domain, blueprintFileName(blueprint));
        if (resolve(file) !== expected) problems.push(`${file}: blueprint ${blueprint.domain}/${blueprint.id} belongs in ${expected}`);
        else if (entries[blueprint.id]) problems.push(`${file}: the id "${blueprint.id}" is also used by ${entries[blueprint.id]?.file}`);
        else entries[blueprint.id] = this.entryFor(blueprint, file);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (problems.length > 0) throw new InvalidDataError(`cannot rebuild the blueprint index: ${problems.length} file(s) are not valid`, this.folder, problems);
    this.database.data = { schemaVersion: BLUEPRINT_INDEX_SCHEMA_VERSION, blueprints: sortedById(entries) };
    await this.database.write();
    return this.database.data;
  }

  /** Gives up the store's writer claim. */
  close(): void {
    this.release();
  }

  private blueprintFiles(): string[] {
    if (!existsSync(this.folder)) return [];
    const domainFolders = readdirSync(this.folder)
      .sort()
      .map((entry) => join(this.folder, entry))
      .filter((path) => statSync(path).isDirectory());
    return domainFolders.length === 0 ? [] : listBlueprintFiles(domainFolders);
  }

  private entryFor(blueprint: Blueprint, file: string): BlueprintIndexEntry {
    return { domain: blueprint.domain, status: blueprint.status, file: relative(this.folder, file).split(sep).join('/'), updatedAt: this.clock.now().toISOString() };
  }
}
