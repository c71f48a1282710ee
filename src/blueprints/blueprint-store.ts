import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { InvalidDataError } from '../domain-kit/index.ts';
import { claimWriter } from '../store/single-writer.ts';
import { blueprintSchema, blueprintStatusSchema, type Blueprint } from './blueprint.ts';
import { BLUEPRINT_INDEX_FILE, blueprintFileName, formatBlueprint, listBlueprintFiles, readBlueprintFile } from './blueprint-files.ts';
import { describeIssues } from './problem-path.ts';
import { writeAllOrNothing, type FileToWrite } from './write-all-or-nothing.ts';
import { writtenRecordUpdate } from './written-by-interplay.ts';

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

/** What to run when the index cannot be read (the message every index error ends with). */
export const reindexHint = (folder: string) => `rebuild it from the files with \`interplay blueprints reindex ${folder}\``;

const sortedById = (entries: Record<string, BlueprintIndexEntry>) => Object.fromEntries(Object.entries(entries).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));

/** Reads and zod-parses a store's index (null when it has none yet). For readers; the writer is `BlueprintStore`. */
export async function readBlueprintIndex(folder: string): Promise<BlueprintIndex | null> {
  const file = join(resolve(folder), BLUEPRINT_INDEX_FILE);
  let raw: unknown;
  try {
    raw = await new JSONFile<unknown>(file).read();
  } catch (error) {
    throw new InvalidDataError(`cannot read the blueprint index (${(error as Error).message}); ${reindexHint(folder)}`, file);
  }
  if (raw === null) return null;
  const parsed = blueprintIndexSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError(`not a valid blueprint index; ${reindexHint(folder)}`, file, describeIssues(parsed.error.issues, []));
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

  /**
   * Opens (or creates) a store. Without an index, one is built from the files already there. An index
   * that cannot be read fails the open (naming `interplay blueprints reindex`), unless `ignoreIndex`:
   * then the store starts from an empty index, for `rebuildIndex` to replace.
   */
  static async open(folder: string, clock: { now(): Date }, options: { ignoreIndex?: boolean } = {}): Promise<BlueprintStore> {
    const root = resolve(folder);
    const indexFile = join(root, BLUEPRINT_INDEX_FILE);
    const release = claimWriter(indexFile);
    try {
      mkdirSync(root, { recursive: true });
      const existing = options.ignoreIndex ? null : await readBlueprintIndex(root);
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
    const [file] = await this.saveAll([blueprint]);
    return file as string;
  }

  /**
   * Writes every blueprint's file and index entry, all or nothing: each blueprint is checked first
   * (schema, reserved id, an id another domain holds, an id given twice), then every file is staged
   * and only then moved into place, and the files are recorded as written by interplay. Returns the
   * files' paths, in order.
   */
  async saveAll(blueprints: readonly Blueprint[]): Promise<string[]> {
    const parsed: Blueprint[] = [];
    const seen = new Set<string>();
    for (const blueprint of blueprints) {
      const result = blueprintSchema.safeParse(blueprint);
      if (!result.success) throw new InvalidDataError('refusing to store an invalid blueprint', String(blueprint.id), describeIssues(result.error.issues));
      if (reservedIds.has(blueprint.id)) throw new InvalidDataError(`the id "${blueprint.id}" is reserved for the store's index`, blueprint.id);
      const known = this.database.data.blueprints[blueprint.id];
      if (known && known.domain !== blueprint.domain) {
        throw new InvalidDataError(`the id is already taken by a ${known.domain} blueprint (${known.file})`, `${blueprint.domain}/${blueprint.id}`);
      }
      if (seen.has(blueprint.id)) throw new InvalidDataError('the id is given twice in one save', `${blueprint.domain}/${blueprint.id}`);
      seen.add(blueprint.id);
      parsed.push(result.data);
    }
    const files: FileToWrite[] = parsed.map((blueprint) => ({ file: join(this.folder, blueprint.domain, blueprintFileName(blueprint)), text: formatBlueprint(blueprint) }));
    const domains = [...new Set(parsed.map((blueprint) => blueprint.domain))];
    const records = domains.map((domain) => writtenRecordUpdate(join(this.folder, domain), files.filter((_, position) => parsed[position]?.domain === domain)));
    writeAllOrNothing([...files, ...records]);
    await this.database.update((index) => {
      const entries = { ...index.blueprints };
      parsed.forEach((blueprint, position) => {
        entries[blueprint.id] = this.entryFor(blueprint, (files[position] as FileToWrite).file);
      });
      index.blueprints = sortedById(entries);
    });
    return files.map((entry) => entry.file);
  }

  /** Reads a stored blueprint by id (from its file: the file, not the index, is the truth). */
  read(id: string): Blueprint {
    const entry = this.database.data.blueprints[id];
    if (!entry) throw new InvalidDataError(`no blueprint "${id}" in the store`, this.folder);
    return readBlueprintFile(join(this.folder, entry.file));
  }

  /**
   * Rebuilds the index from the blueprint files under `<folder>/<domain>/` (working folders such as
   * `generated/` are not part of the store). With `domain`, only that domain's entries are rebuilt and
   * the others kept. Every bad or misplaced file is reported at once and the index is left as it was.
   */
  async rebuildIndex(domain?: string): Promise<BlueprintIndex> {
    const entries: Record<string, BlueprintIndexEntry> =
      domain === undefined ? {} : Object.fromEntries(Object.entries(this.database.data.blueprints).filter(([, entry]) => entry.domain !== domain));
    const problems: string[] = [];
    for (const file of this.blueprintFiles(domain)) {
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

  private blueprintFiles(domain?: string): string[] {
    if (!existsSync(this.folder)) return [];
    const domainFolders = readdirSync(this.folder)
      .sort()
      .filter((entry) => !entry.startsWith('.') && (domain === undefined || entry === domain))
      .map((entry) => join(this.folder, entry))
      .filter((path) => statSync(path).isDirectory());
    return domainFolders.length === 0 ? [] : listBlueprintFiles(domainFolders);
  }

  private entryFor(blueprint: Blueprint, file: string): BlueprintIndexEntry {
    return { domain: blueprint.domain, status: blueprint.status, file: relative(this.folder, file).split(sep).join('/'), updatedAt: this.clock.now().toISOString() };
  }
}
