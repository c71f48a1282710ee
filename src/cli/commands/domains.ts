import { domains, getDomain } from '../../../domains/index.ts';
import type { Domain } from '../../domain-kit/index.ts';
import type { CliIo } from '../cli-io.ts';

/** A domain's tool count and the record count of each collection of its shipped database. */
function domainCounts(domain: Domain): { name: string; tools: number; records: Record<string, number> } {
  const base = domain.createBase();
  return { name: domain.name, tools: domain.tools.length, records: Object.fromEntries(base.collections.map((collection) => [collection, base.ids(collection).length])) };
}

/** What `interplay domains` does (its command line is in domains-command.ts). */
export function domainsAction(io: CliIo) {
  return (name: string | undefined, options: { json?: boolean }) => {
    if (!name) {
      if (options.json) {
        io.out(`${JSON.stringify([...domains.values()].map(domainCounts), null, 2)}\n`);
        return;
      }
      for (const domain of domains.values()) io.out(`${domain.name.padEnd(8)} ${domain.tools.length} tools, collections: ${domain.collections.join(', ')}\n`);
      return;
    }
    const domain = getDomain(name);
    if (options.json) {
      io.out(`${JSON.stringify(domain.toolSchemas(), null, 2)}\n`);
      return;
    }
    const base = domain.createBase();
    io.out(`${domain.name}\n  default data: ${base.collections.map((collection) => `${base.ids(collection).length} ${collection}`).join(', ')}\n`);
    io.out(`  state hash:   ${base.hash()}\n  tools:\n`);
    for (const tool of domain.tools) io.out(`    ${tool.name.padEnd(36)} ${tool.kind}\n`);
  };
}
