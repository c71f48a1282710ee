import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineDomain, readDataFolder, type Domain, type DomainData } from '../../src/domain-kit/index.ts';
import { generateAirlineData } from './data/generate.ts';
import { airlinePolicyRules } from './policy/index.ts';
import { airlineIdFields, airlineRecordSchemas, type AirlineRecords } from './schema.ts';
import { airlineTools } from './tools/index.ts';

const dataFolder = fileURLToPath(new URL('./data/', import.meta.url));

export const airline: Domain<AirlineRecords> = defineDomain<AirlineRecords>({
  name: 'airline',
  policy: readFileSync(new URL('./policy.md', import.meta.url), 'utf8'),
  recordSchemas: airlineRecordSchemas,
  idFields: airlineIdFields,
  tools: airlineTools,
  policyRules: airlinePolicyRules,
  loadDefaultData: (): DomainData<AirlineRecords> => airline.checkData(readDataFolder(dataFolder, airline.collections), dataFolder) as DomainData<AirlineRecords>,
  generateData: generateAirlineData,
});
