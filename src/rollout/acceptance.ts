import type { Blueprint } from '../blueprints/blueprint.ts';
import { goldEndsWithTransfer } from '../blueprints/stages/judge-required.ts';
import { canonicalJson, diffStates, renderDiff, type BaseState, type Domain, type StateDiff } from '../domain-kit/index.ts';
import type { ChatMessage } from '../models/index.ts';
import { goldOutcome } from './grading/gold-memo.ts';
import { outputEvidence } from './grading/output-evidence.ts';
import { outputsIndex, type OutputsMatchRule } from './grading/outputs-match.ts';
import { writeAfterRefusal } from './grading/refusals.ts';
import { isShownEnding, terminationContradiction, transcriptEnding } from './grading/transcript-ending.ts';
import { replayTranscript, type ReplayedWrite, type TranscriptProblem } from './grading/transcript-replay.ts';
import type { TerminationReason } from './termination.ts';
import { agentTexts } from './transcript.ts';
import type { Verdict, VerdictReason } from './verdict.ts';

export { outputFound, outputsIndex, type OutputsMatchRule } from './grading/outputs-match.ts';
export { GoldActionError } from './grading/gold-replay.ts';

export interface GradeInput {
  domain: Domain;
  /** The data the rollout started from. */
  base: BaseState;
  /** `id` names the blueprint in errors; `instruction` tells trivially present outputs (no-change blueprints). */
  blueprint: Pick<Blueprint, 'actions' | 'outputs'> & Partial<Pick<Blueprint, 'id' | 'instruction'>>;
  messages: readonly ChatMessage[];
  /** The stored termination: only cross-checked against the messages, which decide. */
  termination: TerminationReason;
  /** Default `token`. */
  outputsMatch?: OutputsMatchRule;
  /** A judge's verdict on the conversation, used only when the gold run changes nothing and the outputs prove nothing. */
  judge?: { model: string; passed: boolean; reasoning: string };
  /** The blueprint failed validation stages 1–3 and was rolled out anyway: the verdict says so. */
  unvalidated?: boolean;
}

const noDiff = (): StateDiff => ({ patch: [], previous: [] });

/** How many gold writes the agent made with the same arguments (each agent write matches at most once). */
function countMatchedWrites(domain: Domain, gold: Blueprint['actions'], agentWrites: readonly ReplayedWrite[]): { goldWrites: number; matched: number } {
  const key = (name: string, args: unknown) => `${name}:${canonicalJson(args ?? {})}`;
  const available = new Map<string, number>();
  for (const write of agentWrites) available.set(key(write.name, write.arguments), (available.get(key(write.name, write.arguments)) ?? 0) + 1);
  let goldWrites = 0;
  let matched = 0;
  for (const action of gold) {
    if (domain.tool(action.name)?.kind !== 'write') continue;
    goldWrites++;
    const left = available.get(key(action.name, action.arguments)) ?? 0;
    if (left > 0) {
      matched++;
      available.set(key(action.name, action.arguments), left - 1);
    }
  }
  return { goldWrites, matched };
}

/**
 * The acceptance verdict, a pure function of (blueprint, messages, domain data): everything is derived
 * from the transcript, the stored record is only cross-checked. In order, the first failed condition:
 * 1. invalid-transcript: every tool call re-executed on a fresh state must reproduce its stored result,
 *    every call that the conversation went on after must have one, and the stored termination must agree
 *    with the messages;
 * 2. not-user-stop: the human's last message must carry ###STOP### (or the episode ended by a transfer);
 * 3. unexpected-transfer: a transfer is kept only when the gold's last action is the transfer tool;
 * 4. write-after-refusal: no successful write after the human refused it or ended the conversation;
 * 5. state-mismatch: the agent's final state must equal the gold's, compared as change sets relative to the
 *    base (a write that restores the base's record is no change), at the cost of the changes, not of the
 *    database (a gold action that errors without `expectError` throws `GoldActionError`: the blueprint
 *    cannot grade anything);
 * 6. missing-outputs: every output must be in text the human was shown (agent messages without tool calls,
 *    before the human's stop), under the outputs rule;
 * 7. a blueprint whose gold changes nothing needs outputs the agent looked up (see output-evidence.ts) or the
 *    agent's transfer the gold ends with; otherwise the judge decides (judge-rejected), or it is unverifiable.
 * A failed-job termination (outage, refused credentials, cancellation) is no verdict: callers skip those
 * trajectories (`isFailedJobTermination`); graded anyway, they are never kept.
 */
export function gradeTrajectory(input: GradeInput): Verdict {
  const { domain, base, blueprint, messages } = input;
  const rule = input.outputsMatch ?? 'token';
  // The gold is the same for every trial of a blueprint: replayed, and its change set made, once.
  const { state: gold, changes: goldChanges } = goldOutcome(domain, base, blueprint.actions, blueprint.id);
  const replay = replayTranscript(domain, base, messages, { trailingCallsMayBeUnanswered: !isShownEnding(input.termination) });
  const ending = transcriptEnding(messages, replay.transfers);
  const termination = ending.reason ?? input.termination;
  // Equal states are equal change sets: comparing them costs the size of the changes, not of the database.
  const finalChanges = replay.state.changeSet();
  const stateMatch = goldChanges.equals(finalChanges);
  // Equal change sets (one base) are equal records: the diff of matching states is empty, and is not walked.
  const diff = stateMatch ? noDiff() : diffStates(gold, replay.state);
  // Text after the human's stop was never read by the human.
  const shown = agentTexts(ending.by === 'human' ? messages.slice(0, ending.messageIndex) : messages);
  const said = outputsIndex(shown, rule);
  const saidOutputs = said.found(blueprint.outputs);
  const found = blueprint.outputs.filter((output) => saidOutputs.has(output));
  const missing = blueprint.outputs.filter((output) => !saidOutputs.has(output));
  const goldChangesState = !goldChanges.isEmpty;
  const endsWithTransfer = goldEndsWithTransfer(domain, blueprint.actions);

  let reason: VerdictReason = 'accepted';
  let problem: TranscriptProblem | undefined = replay.problem ?? terminationContradiction(input.termination, ending);
  let detail: string | undefined;
  if (problem) reason = 'invalid-transcript';
  else if (termination !== 'user-stop' && termination !== 'transfer') reason = 'not-user-stop';
  else if (termination === 'transfer' && !endsWithTransfer) {
    reason = 'unexpected-transfer';
    detail = `the episode ended by ${ending.by === 'agent' ? "the agent's transfer call" : "the human's transfer token"}, but the gold actions do not end with the transfer tool`;
  } else if ((problem = writeAfterRefusal(messages, replay.writes, ending))) reason = 'write-after-refusal';
  else if (!stateMatch) reason = 'state-mismatch';
  else if (missing.length > 0) reason = 'missing-outputs';
  else if (!goldChangesState && !(termination === 'transfer' && ending.by === 'agent')) {
    const evidence = outputEvidence(blueprint.outputs, { ...(blueprint.instruction === undefined ? {} : { instruction: blueprint.instruction }), toolResults: replay.toolResults }, rule);
    if (!evidence.verifiable) {
      reason = input.judge ? (input.judge.passed ? 'accepted' : 'judge-rejected') : 'unverifiable';
      detail = evidence.explanation;
    }
  }
  if (problem) detail = problem.text;

  return {
    kept: reason === 'accepted',
    reason,
    termination,
    state: {
      match: stateMatch,
      // The full state hashes are read where they are carried (the trajectory as written, exports), not to
      // grade: each is computed on first read, once per distinct change set (see ChangeSet.hash).
      get goldHash() {
        return goldChanges.hash();
      },
      get finalHash() {
        return stateMatch ? goldChanges.hash() : finalChanges.hash();
      },
      goldChangesState,
      diff: { patch: diff.patch, rendered: stateMatch ? '' : renderDiff(diff) },
    },
    outputs: { expected: [...blueprint.outputs], found, missing, rule },
    actionMatch: { ...countMatchedWrites(domain, blueprint.actions, replay.writes), agentWrites: replay.writes.length },
    ...(input.judge ? { judge: input.judge } : {}),
    ...(detail ? { detail } : {}),
    ...(problem ? { messageIndex: problem.messageIndex } : {}),
    ...(input.unvalidated ? { unvalidated: true as const } : {}),
  };
}
