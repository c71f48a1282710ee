import { InterplayError } from '../domain-kit/index.ts';

/** A run configuration that still holds something that looks like a credential. */
export class UnredactedSecretError extends InterplayError {
  override readonly name = 'UnredactedSecretError';
  constructor(readonly paths: readonly string[]) {
    super(`the run config must be redacted before it is stored; it holds credential-like values at ${paths.join(', ')}`);
  }
}

/** Key names (lower-cased, separators removed) that name a credential. */
const secretKeyNames = new Set(['apikey', 'authorization', 'token', 'secret', 'accesstoken', 'authtoken', 'bearertoken', 'refreshtoken', 'clientsecret', 'password']);

/** Values that are credentials whatever their key: OpenAI-style keys and bearer headers. */
const secretValuePatterns = [/^sk-[A-Za-z0-9_-]{16,}$/, /^Bearer\s+\S{8,}/i];

/** A URL that carries a password or a key-like query value that was not redacted to `***`. */
function isUrlWithCredentials(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.password !== '' && url.password !== '***') return true;
  return [...url.searchParams].some(([name, value]) => /key|token|secret|password/i.test(name) && value !== '***');
}

function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return secretKeyNames.has(normalized) || normalized.endsWith('apikey');
}

/** The paths (such as `models.agent.apiKey`) of every credential-like key or value in `value`. */
export function findSecrets(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    const secret = secretValuePatterns.some((pattern) => pattern.test(value)) || isUrlWithCredentials(value);
    return secret ? [path || '(root)'] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const childPath = path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && isSecretKey(key)) found.push(childPath);
    else found.push(...findSecrets(item, childPath));
  }
  return found;
}

/** Refuses a configuration that still carries a credential: the caller redacts, this is the safety net. */
export function assertNoSecrets(config: unknown): void {
  const found = findSecrets(config);
  if (found.length > 0) throw new UnredactedSecretError(found);
}
