import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBlueprints } from '../blueprints/blueprint-files.ts';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { UsageError } from './cli-io.ts';

/** The blueprints interplay ships, one folder per domain. */
export const shippedBlueprintFolder = (domain: string) => fileURLToPath(new URL(`../../blueprints/${domain}`, import.meta.url));

/**
 * Blueprints named by file, folder or id. An id is looked up in ./blueprints/<domain>/ and then in
 * the shipped blueprints. Every name must resolve; the blueprints must be for `domain` when given.
 */
export function resolveBlueprints(references: readonly string[], cwd: string, domain?: string): Blueprint[] {
  const paths = references.map((reference) => {
    const asPath = resolve(cwd, reference);
    if (existsSync(asPath)) return asPath;
    const candidates = domain ? [join(cwd, 'blueprints', domain, `${reference}.json`), join(shippedBlueprintFolder(domain), `${reference}.json`)] : [];
    const found = candidates.find((candidate) => existsSync(candidate));
    if (!found) throw new UsageError(`no blueprint file or id "${reference}"${domain ? ` (looked in ./blueprints/${domain}/ and the shipped blueprints)` : ' (pass --domain to look ids up)'}`);
    return found;
  });
  const blueprints = readBlueprints(paths);
  const foreign = domain ? blueprints.find((blueprint) => blueprint.domain !== domain) : undefined;
  if (foreign) throw new UsageError(`blueprint ${foreign.id} is for domain ${foreign.domain}, not ${domain}`);
  const seen = new Set<string>();
  for (const blueprint of blueprints) {
    if (seen.has(blueprint.id)) throw new UsageError(`blueprint id ${blueprint.id} appears twice`);
    seen.add(blueprint.id);
  }
  return blueprints;
}
