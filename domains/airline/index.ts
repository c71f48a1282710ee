import { readFileSync } from 'node:fs';
import { defineDomain, readDataFolder, type Domain, type DomainData } from '../../src/domain-kit/index.ts';
import { packagePath } from '../../src/package-root.ts';
import { airlinePolicyRules } from './policy/index.ts';
import { airlineIdFields, airlineRecordSchemas, type AirlineRecords } from './schema.ts';
import { airlineTools } from './tools/index.ts';

// From the package root, not this module: the compiled module runs from dist/, the data stays here.
const dataFolder = packagePath('domains', 'airline', 'data');

export const airline: Domain<AirlineRecords> = defineDomain<AirlineRecords>({
  name: 'airline',
  policy: readFileSync(packagePath('domains', 'airline', 'policy.md'), 'utf8'),
  recordSchemas: airlineRecordSchemas,
  idFields: airlineIdFields,
  tools: airlineTools,
  policyRules: airlinePolicyRules,
  loadDefaultData: (): DomainData<AirlineRecords> => airline.checkData(readDataFolder(dataFolder, airline.collections), dataFolder) as DomainData<AirlineRecords>,
  // The generator (and faker) loads only when data is generated: replaying or grading needs none of it.
  generateData: async (options) => (await import('./data/generate.ts')).generateAirlineData(options),
});
