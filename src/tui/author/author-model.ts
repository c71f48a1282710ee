import { BLUEPRINT_SCHEMA_VERSION, blueprintSchema, type Blueprint, type BlueprintAction, type BlueprintStatus, type Provenance } from '../../blueprints/blueprint.ts';
import type { StageResult } from '../../blueprints/validation-result.ts';
import { diffStates, DomainState, renderDiff, type BaseState, type Domain, type StateDiff, type ToolExecution } from '../../domain-kit/index.ts';

/** What running the actions in order on a fresh state gives: each action's result and the diff from the initial state. */
export interface SessionEvaluation {
  /** Result of action i, run after actions 0..i-1 (an action that fails changes nothing). */
  results: readonly ToolExecution[];
  diff: StateDiff;
  /** The diff as `renderDiff` reads it. */
  diffText: string;
}

/** The outcome of the last check run, and the content revision it was run on. */
export interface SessionChecks {
  revision: number;
  /** `draft` when the committee had no quorum (undecided): no verdict, so the blueprint stays a draft. */
  status: Extract<BlueprintStatus, 'validated' | 'approved' | 'rejected' | 'draft'>;
  stages: readonly StageResult[];
  /** The checked blueprint with its checks, reviews and history (absent when it did not have the blueprint schema). */
  blueprint?: Blueprint;
}

/** An editing session of one blueprint. Pure data: change it only through `reduceSession`. */
export interface AuthorSession {
  readonly domain: Domain;
  readonly base: BaseState;
  readonly id: string;
  readonly userId: string | undefined;
  readonly persona: string | undefined;
  readonly instruction: string;
  readonly outputs: readonly string[];
  readonly actions: readonly BlueprintAction[];
  readonly provenance: Provenance;
  /** Set when the blueprint was first saved (or kept from the blueprint loaded). */
  readonly createdAt: string | undefined;
  readonly evaluation: SessionEvaluation;
  /** Bumped by every change of what the blueprint asks or does (not by renaming it). */
  readonly revision: number;
  readonly dirty: boolean;
  readonly checks: SessionChecks | undefined;
  /** The file the blueprint was loaded from or last saved to. */
  readonly file: string | undefined;
}

export type SessionEvent =
  | { type: 'set-id'; id: string }
  | { type: 'set-user'; userId: string }
  | { type: 'set-instruction'; instruction: string }
  | { type: 'set-outputs'; outputs: readonly string[] }
  | { type: 'add-action'; action: BlueprintAction; at?: number }
  | { type: 'replace-action'; index: number; action: BlueprintAction }
  | { type: 'move-action'; index: number; offset: -1 | 1 }
  | { type: 'delete-action'; index: number }
  | { type: 'toggle-expect-error'; index: number }
  | { type: 'checks-finished'; checks: SessionChecks }
  | { type: 'saved'; file: string; createdAt: string };

/** Runs the actions in order on a fresh state over `base` and diffs the final state against the initial one. */
export function evaluateActions(domain: Domain, base: BaseState, actions: readonly BlueprintAction[]): SessionEvaluation {
  const state = new DomainState(base);
  const results = actions.map((action) => domain.execute(state, { name: action.name, arguments: action.arguments }));
  const diff = diffStates(new DomainState(base), state);
  return { results, diff, diffText: renderDiff(diff) };
}

/**
 * What `action` would do at position `index` (after the actions before it), without adding it: its
 * result and the diff it alone makes. For previewing a form before it is submitted.
 */
export function previewAction(session: AuthorSession, index: number, action: BlueprintAction): { result: ToolExecution; diff: StateDiff } {
  const state = new DomainState(session.base);
  for (const earlier of session.actions.slice(0, index)) session.domain.execute(state, { name: earlier.name, arguments: earlier.arguments });
  const before = state.fork();
  const result = session.domain.execute(state, { name: action.name, arguments: action.arguments });
  return { result, diff: diffStates(before, state) };
}

export interface NewSessionOptions {
  domain: Domain;
  base: BaseState;
  author?: string;
  userId?: string;
}

export function createSession({ domain, base, author, userId }: NewSessionOptions): AuthorSession {
  return {
    domain,
    base,
    id: '',
    userId,
    persona: undefined,
    instruction: '',
    outputs: [],
    actions: [],
    provenance: author ? { kind: 'authored', author } : { kind: 'authored' },
    createdAt: undefined,
    evaluation: evaluateActions(domain, base, []),
    revision: 0,
    dirty: false,
    checks: undefined,
    file: undefined,
  };
}

/** A session editing an existing blueprint: its id, provenance and creation time are kept. */
export function sessionFromBlueprint(domain: Domain, base: BaseState, blueprint: Blueprint, file?: string): AuthorSession {
  return {
    ...createSession({ domain, base, userId: blueprint.userId }),
    id: blueprint.id,
    persona: blueprint.persona,
    instruction: blueprint.instruction,
    outputs: blueprint.outputs,
    actions: blueprint.actions,
    provenance: blueprint.provenance,
    createdAt: blueprint.createdAt,
    evaluation: evaluateActions(domain, base, blueprint.actions),
    file,
  };
}

const moved = <T>(items: readonly T[], index: number, offset: number): T[] => {
  const copy = [...items];
  const [item] = copy.splice(index, 1) as [T];
  copy.splice(index + offset, 0, item);
  return copy;
};

/** The session after a content change: re-evaluated when the actions changed, marked dirty, revision bumped. */
function changed(session: AuthorSession, update: Partial<AuthorSession>): AuthorSession {
  const next = { ...session, ...update, dirty: true, revision: session.revision + 1 };
  return update.actions ? { ...next, evaluation: evaluateActions(session.domain, session.base, update.actions) } : next;
}

const inRange = (session: AuthorSession, index: number) => Number.isInteger(index) && index >= 0 && index < session.actions.length;

/** The editing session's reducer. Events that point at no action leave the session as it is. */
export function reduceSession(session: AuthorSession, event: SessionEvent): AuthorSession {
  switch (event.type) {
    case 'set-id':
      return event.id === session.id ? session : { ...session, id: event.id, dirty: true };
    case 'set-user':
      return event.userId === session.userId ? session : changed(session, { userId: event.userId });
    case 'set-instruction':
      return event.instruction === session.instruction ? session : changed(session, { instruction: event.instruction });
    case 'set-outputs':
      return changed(session, { outputs: [...event.outputs] });
    case 'add-action': {
      const at = event.at === undefined ? session.actions.length : Math.max(0, Math.min(event.at, session.actions.length));
      return changed(session, { actions: [...session.actions.slice(0, at), event.action, ...session.actions.slice(at)] });
    }
    case 'replace-action':
      if (!inRange(session, event.index)) return session;
      return changed(session, { actions: session.actions.map((action, index) => (index === event.index ? event.action : action)) });
    case 'move-action':
      if (!inRange(session, event.index) || !inRange(session, event.index + event.offset)) return session;
      return changed(session, { actions: moved(session.actions, event.index, event.offset) });
    case 'delete-action':
      if (!inRange(session, event.index)) return session;
      return changed(session, { actions: session.actions.filter((_, index) => index !== event.index) });
    case 'toggle-expect-error': {
      if (!inRange(session, event.index)) return session;
      const actions = session.actions.map((action, index) => {
        if (index !== event.index) return action;
        const { expectError, ...rest } = action;
        return expectError ? rest : { ...rest, expectError: true };
      });
      return changed(session, { actions });
    }
    case 'checks-finished':
      return { ...session, checks: event.checks };
    case 'saved':
      return { ...session, file: event.file, createdAt: event.createdAt, dirty: false };
  }
}

/** Whether the last check run saw the blueprint as it is now. */
export const checksAreCurrent = (session: AuthorSession): boolean => session.checks !== undefined && session.checks.revision === session.revision;

/** An id the blueprint schema accepts, or the reason it does not. */
export function checkBlueprintId(id: string): string | undefined {
  const parsed = blueprintSchema.shape.id.safeParse(id);
  return parsed.success ? undefined : id === '' ? 'give the blueprint an id' : (parsed.error.issues[0]?.message ?? 'not a valid id');
}

/**
 * The session as a blueprint candidate (not yet checked): status draft, no validation records. The id
 * and creation time fall back to the given ones while the session has none.
 */
export function sessionCandidate(session: AuthorSession, fallback: { id: string; createdAt: string }): Record<string, unknown> {
  return {
    schemaVersion: BLUEPRINT_SCHEMA_VERSION,
    id: session.id === '' ? fallback.id : session.id,
    domain: session.domain.name,
    userId: session.userId ?? '',
    ...(session.persona !== undefined ? { persona: session.persona } : {}),
    instruction: session.instruction,
    actions: session.actions,
    outputs: session.outputs,
    provenance: session.provenance,
    status: 'draft',
    createdAt: session.createdAt ?? fallback.createdAt,
  };
}

/**
 * The blueprint to save: the checked blueprint (with its status, checks, reviews and history) when the
 * checks are current, renamed to the session's id and dated `createdAt`. Undefined when the checks are
 * missing, stale, or the blueprint did not have the schema.
 */
export function blueprintToSave(session: AuthorSession, createdAt: string): Blueprint | undefined {
  if (!checksAreCurrent(session) || !session.checks?.blueprint || checkBlueprintId(session.id) !== undefined) return undefined;
  return { ...session.checks.blueprint, id: session.id, createdAt, status: session.checks.status };
}
