import { fileURLToPath } from 'node:url';
import { writeDataFolder } from '../../../src/domain-kit/index.ts';
import { DEFAULT_SEED, generateAirlineData } from './generate.ts';

/** Regenerates the shipped airline database: `npx tsx domains/airline/data/write-default-data.ts`. */
writeDataFolder(fileURLToPath(new URL('./', import.meta.url)), generateAirlineData({ seed: DEFAULT_SEED }));
