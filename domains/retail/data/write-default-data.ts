import { fileURLToPath } from 'node:url';
import { writeDataFolder } from '../../../src/domain-kit/index.ts';
import { DEFAULT_SEED, generateRetailData } from './generate.ts';

// Regenerates the shipped database: npx tsx domains/retail/data/write-default-data.ts
writeDataFolder(fileURLToPath(new URL('./', import.meta.url)), generateRetailData({ seed: DEFAULT_SEED }));
