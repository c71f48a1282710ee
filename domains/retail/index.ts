import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineDomain, readDataFolder, type Domain, type DomainData } from '../../src/domain-kit/index.ts';
import { generateRetailData } from './data/generate.ts';
import { retailPolicyRules } from './policy/index.ts';
import { retailIdFields, retailRecordSchemas, type RetailRecords } from './schema.ts';
import { retailTools } from './tools/index.ts';

const dataFolder = fileURLToPath(new URL('./data/', import.meta.url));

export const retail: Domain<RetailRecords> = defineDomain<RetailRecords>({
  name: 'retail',
  policy: readFileSync(new URL('./policy.md', import.meta.url), 'utf8'),
  recordSchemas: retailRecordSchemas,
  idFields: retailIdFields,
  tools: retailTools,
  policyRules: retailPolicyRules,
  loadDefaultData: (): DomainData<RetailRecords> => retail.checkData(readDataFolder(dataFolder, retail.collections), dataFolder) as DomainData<RetailRecords>,
  generateData: generateRetailData,
});
