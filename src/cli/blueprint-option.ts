import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { readBlueprints } from '../blueprints/blueprint-files.ts';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { packagePath } from '../package-root.ts';
import { UsageError } from './cli-io.ts';

/** The blueprints interplay ships, one folder per domain. */
export const shippedBlueprintFolder = (domain: string) => packagePath('blueprints', domain);

/** The flags that name blueprints, as commander stores them. */
export interface BlueprintFlags {
  blueprints?: string[];
  blueprint?: string[];
}

/**
 * Adds `--blueprints <file|dir|id...>` and its twin `--blueprint` (the same option under the other
 * name, accepted everywhere so neither spelling is a mistake; the help shows one).
 */
export function addBlueprintOptions(command: Command): Command {
  return command
    .option('--blueprints <file|dir|id...>', 'blueprint files, folders or ids (also spelled --blueprint)')
    .addOption(new Option('--blueprint <file|dir|id...>', 'the same as --blueprints').hideHelp());
}

/** Every blueprint named by `--blueprints` and `--blueprint`, in the order given. */
export const blueprintReferences = (flags: BlueprintFlags): string[] => [...(flags.blueprints ?? []), ...(flags.blueprint ?? [])];

/** The blueprints named on the command line; naming none is a usage error (exit 2), as a missing required option is. */
export function requireBlueprintReferences(command: Command, flags: BlueprintFlags): string[] {
  const references = blueprintReferences(flags);
  if (references.length === 0) command.error("error: required option '--blueprints <file|dir|id...>' not specified", { code: 'commander.missingMandatoryOptionValue', exitCode: 2 });
  return references;
}

/**
 * Blueprints named by file, folder or id. An id is looked up in ./blueprints/<domain>/ and then in
 * the shipped blueprints. Every name must resolve, to at least one blueprint in all; the blueprints must
 * be for `domain` when given.
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
  if (blueprints.length === 0) throw new UsageError(`no blueprint files in ${references.join(', ')}: nothing to run`);
  const foreign = domain ? blueprints.find((blueprint) => blueprint.domain !== domain) : undefined;
  if (foreign) throw new UsageError(`blueprint ${foreign.id} is for domain ${foreign.domain}, not ${domain}`);
  const seen = new Set<string>();
  for (const blueprint of blueprints) {
    if (seen.has(blueprint.id)) throw new UsageError(`blueprint id ${blueprint.id} appears twice`);
    seen.add(blueprint.id);
  }
  return blueprints;
}
