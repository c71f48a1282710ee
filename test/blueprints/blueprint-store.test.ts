import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blueprintSchema } from '../../src/blueprints/blueprint.ts';
import { formatBlueprint, readBlueprints } from '../../src/blueprints/blueprint-files.ts';
import { BlueprintStore, readBlueprintIndex } from '../../src/blueprints/blueprint-store.ts';
import { isUnchangedFromInterplay } from '../../src/blueprints/written-by-interplay.ts';
import { WriterBusyError } from '../../src/store/single-writer.ts';
import { cancelBlueprint, tickingClock } from '../support/default-retail.ts';

const clock = () => ({ now: tickingClock() });
const newFolder = () => join(mkdtempSync(join(tmpdir(), 'interplay-store-')), 'blueprints');

describe('the blueprint store', () => {
  it('writes one JSON file per blueprint and indexes it', async () => {
    const folder = newFolder();
    const store = await BlueprintStore.open(folder, clock());
    try {
      const blueprint = { ...cancelBlueprint(), status: 'validated' as const };
      const file = await store.save(blueprint);
      expect(file).toBe(join(folder, 'retail', 'cancel-pending.json'));
      // Written in the schema's key order, whatever order the object had.
      expect(readFileSync(file, 'utf8')).toBe(formatBlueprint(blueprintSchema.parse(blueprint)));
      expect(await readBlueprintIndex(folder)).toEqual({
        schemaVersion: 1,
        blueprints: { 'cancel-pending': { domain: 'retail', status: 'validated', file: 'retail/cancel-pending.json', updatedAt: '2026-01-01T00:00:00.000Z' } },
      });
      await store.save({ ...blueprint, id: 'another', status: 'rejected' });
      await store.save({ ...blueprint, status: 'approved' });
      expect(Object.keys(store.index.blueprints)).toEqual(['another', 'cancel-pending']);
      expect(store.index.blueprints['cancel-pending']).toMatchObject({ status: 'approved', updatedAt: '2026-01-01T00:00:02.000Z' });
      expect(store.read('cancel-pending').status).toBe('approved');
    } finally {
      store.close();
    }
  });

  it('keeps the index out of blueprint reads', async () => {
    const folder = newFolder();
    const store = await BlueprintStore.open(folder, clock());
    await store.save(cancelBlueprint());
    store.close();
    expect(existsSync(join(folder, 'index.json'))).toBe(true);
    expect(readBlueprints([folder]).map((blueprint) => blueprint.id)).toEqual(['cancel-pending']);
    expect(readBlueprints([join(folder, 'retail')]).map((blueprint) => blueprint.id)).toEqual(['cancel-pending']);
  });

  it('rebuilds the index from the files (and builds it on open when it is missing)', async () => {
    const folder = newFolder();
    mkdirSync(join(folder, 'retail'), { recursive: true });
    writeFileSync(join(folder, 'retail', 'cancel-pending.json'), formatBlueprint({ ...cancelBlueprint(), status: 'approved' }));
    const store = await BlueprintStore.open(folder, clock());
    expect(store.index.blueprints).toEqual({ 'cancel-pending': { domain: 'retail', status: 'approved', file: 'retail/cancel-pending.json', updatedAt: '2026-01-01T00:00:00.000Z' } });
    rmSync(join(folder, 'retail', 'cancel-pending.json'));
    writeFileSync(join(folder, 'retail', 'second.json'), formatBlueprint({ ...cancelBlueprint(), id: 'second' }));
    await store.rebuildIndex();
    expect(Object.keys((await readBlueprintIndex(folder))?.blueprints ?? {})).toEqual(['second']);

    writeFileSync(join(folder, 'retail', 'misplaced.json'), formatBlueprint({ ...cancelBlueprint(), id: 'elsewhere' }));
    writeFileSync(join(folder, 'retail', 'broken.json'), '{');
    await expect(store.rebuildIndex()).rejects.toThrow(/cannot rebuild the blueprint index: 2 file\(s\) are not valid\n.*broken.json: cannot read a blueprint.*\n.*misplaced.json: blueprint retail\/elsewhere belongs in .*retail\/elsewhere.json/);
    expect(Object.keys(store.index.blueprints)).toEqual(['second']);
    store.close();
  });

  it('has one writer, refuses the reserved id and an id taken by another domain', async () => {
    const folder = newFolder();
    const store = await BlueprintStore.open(folder, clock());
    try {
      await expect(BlueprintStore.open(folder, clock())).rejects.toThrow(WriterBusyError);
      await expect(store.save({ ...cancelBlueprint(), id: 'index' })).rejects.toThrow('the id "index" is reserved for the store\'s index');
      await store.save(cancelBlueprint());
      await expect(store.save({ ...cancelBlueprint(), domain: 'airline' })).rejects.toThrow('airline/cancel-pending: the id is already taken by a retail blueprint (retail/cancel-pending.json)');
      await expect(store.save({ ...cancelBlueprint(), id: 'bad id' })).rejects.toThrow('refusing to store an invalid blueprint');
    } finally {
      store.close();
    }
    const reopened = await BlueprintStore.open(folder, clock());
    expect(Object.keys(reopened.index.blueprints)).toEqual(['cancel-pending']);
    reopened.close();
  });

  it('names an invalid index and says to rebuild it', async () => {
    const folder = newFolder();
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'index.json'), JSON.stringify({ schemaVersion: 2, blueprints: {} }));
    await expect(readBlueprintIndex(folder)).rejects.toThrow(/index.json: not a valid blueprint index; rebuild it from the files with `interplay blueprints reindex .*blueprints`\n\s+schemaVersion: expected 1/);
    await expect(BlueprintStore.open(folder, clock())).rejects.toThrow('interplay blueprints reindex');
    writeFileSync(join(folder, 'index.json'), '{');
    await expect(readBlueprintIndex(folder)).rejects.toThrow(/cannot read the blueprint index .*; rebuild it from the files with `interplay blueprints reindex /);
    const store = await BlueprintStore.open(folder, clock(), { ignoreIndex: true });
    await store.rebuildIndex();
    store.close();
    expect(await readBlueprintIndex(folder)).toEqual({ schemaVersion: 1, blueprints: {} });
  });

  it('saves a set all or nothing: when one file cannot be staged, no file is written and the index is unchanged', async () => {
    const folder = newFolder();
    const store = await BlueprintStore.open(folder, clock());
    try {
      await store.save(cancelBlueprint());
      const before = readFileSync(join(folder, 'retail', 'cancel-pending.json'), 'utf8');
      // A file where the airline folder should be: staging the airline blueprint fails.
      writeFileSync(join(folder, 'airline'), 'not a folder');
      const set = [{ ...cancelBlueprint(), status: 'approved' as const }, { ...cancelBlueprint(), id: 'new-one' }, { ...cancelBlueprint(), id: 'flight', domain: 'airline' }];
      await expect(store.saveAll(set)).rejects.toThrow();
      expect(readFileSync(join(folder, 'retail', 'cancel-pending.json'), 'utf8')).toBe(before);
      expect(existsSync(join(folder, 'retail', 'new-one.json'))).toBe(false);
      expect(readdirSync(join(folder, 'retail')).sort()).toEqual(['.interplay-written.json', 'cancel-pending.json']);
      expect(Object.keys(store.index.blueprints)).toEqual(['cancel-pending']);
      await expect(store.saveAll([cancelBlueprint(), cancelBlueprint()])).rejects.toThrow('retail/cancel-pending: the id is given twice in one save');
      rmSync(join(folder, 'airline'));
      expect(await store.saveAll(set)).toEqual([join(folder, 'retail', 'cancel-pending.json'), join(folder, 'retail', 'new-one.json'), join(folder, 'airline', 'flight.json')]);
      expect(Object.keys(store.index.blueprints)).toEqual(['cancel-pending', 'flight', 'new-one']);
      // Every file it wrote is recorded as interplay's, unchanged since.
      expect(isUnchangedFromInterplay(join(folder, 'retail', 'new-one.json'))).toBe(true);
      expect(isUnchangedFromInterplay(join(folder, 'airline', 'flight.json'))).toBe(true);
      writeFileSync(join(folder, 'retail', 'new-one.json'), formatBlueprint({ ...cancelBlueprint(), id: 'new-one', instruction: 'edited by hand' }));
      expect(isUnchangedFromInterplay(join(folder, 'retail', 'new-one.json'))).toBe(false);
    } finally {
      store.close();
    }
  });

  it('rebuilds one domain only, keeping the others, and leaves the generated/ working folder out', async () => {
    const folder = newFolder();
    const store = await BlueprintStore.open(folder, clock());
    try {
      await store.saveAll([cancelBlueprint(), { ...cancelBlueprint(), id: 'flight', domain: 'airline' }]);
      mkdirSync(join(folder, 'retail', 'generated'), { recursive: true });
      writeFileSync(join(folder, 'retail', 'generated', 'draft.json'), formatBlueprint({ ...cancelBlueprint(), id: 'draft' }));
      writeFileSync(join(folder, 'retail', 'second.json'), formatBlueprint({ ...cancelBlueprint(), id: 'second' }));
      rmSync(join(folder, 'airline', 'flight.json'));
      await store.rebuildIndex('retail');
      expect(Object.keys(store.index.blueprints)).toEqual(['cancel-pending', 'flight', 'second']);
      await store.rebuildIndex();
      expect(Object.keys(store.index.blueprints)).toEqual(['cancel-pending', 'second']);
    } finally {
      store.close();
    }
    expect(readBlueprints([folder]).map((blueprint) => blueprint.id)).toEqual(['cancel-pending', 'second']);
    expect(readBlueprints([join(folder, 'retail', 'generated')]).map((blueprint) => blueprint.id)).toEqual(['draft']);
  });
});
