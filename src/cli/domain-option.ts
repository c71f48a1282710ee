import { resolve } from 'node:path';
import { getDomain } from '../../domains/index.ts';
import { BaseState, readDataFolder, type Domain } from '../domain-kit/index.ts';

/** The domain a `--domain` flag names, and its base state (`--data` folder or the shipped default). */
export function loadDomain(name: string | undefined, dataFolder: string | undefined, cwd: string): { domain: Domain; base: BaseState } {
  const domain = getDomain(name ?? 'retail');
  if (!dataFolder) return { domain, base: domain.createBase() };
  const folder = resolve(cwd, dataFolder);
  return { domain, base: domain.createBase(domain.checkData(readDataFolder(folder, domain.collections), folder)) };
}
