import { readFileSync } from 'node:fs';
import { defineDomain, readDataFolder, type Domain, type DomainData } from '../../src/domain-kit/index.ts';
import { packagePath } from '../../src/package-root.ts';
import { retailPolicyRules } from './policy/index.ts';
import { retailIdFields, retailRecordSchemas, type RetailRecords } from './schema.ts';
import { retailTools } from './tools/index.ts';

// From the package root, not this module: the compiled module runs from dist/, the data stays here.
const dataFolder = packagePath('domains', 'retail', 'data');

export const retail: Domain<RetailRecords> = defineDomain<RetailRecords>({
  name: 'retail',
  policy: readFileSync(packagePath('domains', 'retail', 'policy.md'), 'utf8'),
  recordSchemas: retailRecordSchemas,
  idFields: retailIdFields,
  tools: retailTools,
  policyRules: retailPolicyRules,
  loadDefaultData: (): DomainData<RetailRecords> => retail.checkData(readDataFolder(dataFolder, retail.collections), dataFolder) as DomainData<RetailRecords>,
  // The generator (and faker) loads only when data is generated: replaying or grading needs none of it.
  generateData: async (options) => (await import('./data/generate.ts')).generateRetailData(options),
});
