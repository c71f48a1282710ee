import { addUsage, type ChatResponse, type TokenUsage } from '../models/index.ts';

/** The model roles of validation whose calls are counted. */
export type ValidationRole = 'committee' | 'feedback' | 'generator';

/** Calls and tokens one role spent. */
export interface RoleUsage extends TokenUsage {
  calls: number;
}

export type ValidationUsage = Partial<Record<ValidationRole, RoleUsage>>;

/** `usage` plus the calls and tokens of `responses`. */
export function countUsage(usage: RoleUsage | undefined, responses: readonly Pick<ChatResponse, 'usage'>[]): RoleUsage {
  let tokens: TokenUsage | undefined = usage;
  for (const response of responses) tokens = addUsage(tokens, response.usage);
  return { ...addUsage(tokens, undefined), calls: (usage?.calls ?? 0) + responses.length };
}

/** Both usages added, role by role. */
export function mergeUsage(left: ValidationUsage, right: ValidationUsage): ValidationUsage {
  const merged: ValidationUsage = { ...left };
  for (const [role, more] of Object.entries(right) as [ValidationRole, RoleUsage][]) {
    const previous = merged[role];
    merged[role] = { ...addUsage(previous, more), calls: (previous?.calls ?? 0) + more.calls };
  }
  return merged;
}
