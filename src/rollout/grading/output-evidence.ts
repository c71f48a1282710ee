import { outputsIndex, type OutputsMatchRule } from './outputs-match.ts';

/**
 * A blueprint whose gold actions change nothing is proven only by its outputs, and only by outputs the
 * agent could not have said without looking them up. An output counts as evidence when:
 * - the instruction does not give it (the human would say it: "#W1556891" in "cancel order #W1556891");
 * - and the agent looked it up: it appears in some tool result the agent received in this trajectory.
 * The trajectory is verifiable when the blueprint has at least one output the instruction does not give
 * and every such output was looked up. An output that comes only from the policy (a valid cancel reason)
 * or from the agent's own arithmetic is in no tool result: it proves nothing, and the judge decides. (A
 * policy word that the agent also received in a tool result, like the status of the order it looked up,
 * counts: the lookup is the evidence.) Outputs the instruction gives must still be said; they prove nothing.
 */
export interface OutputEvidence {
  verifiable: boolean;
  /** For people: why the outputs do or do not prove the work. */
  explanation: string;
}

export function outputEvidence(outputs: readonly string[], sources: { instruction?: string; toolResults: readonly string[] }, rule: OutputsMatchRule): OutputEvidence {
  const instruction = outputsIndex(sources.instruction === undefined ? [] : [sources.instruction], rule);
  const given = instruction.found(outputs);
  const nonTrivial = outputs.filter((output) => !given.has(output));
  if (nonTrivial.length === 0) {
    return { verifiable: false, explanation: outputs.length === 0 ? 'the gold run changes nothing and the blueprint names no outputs' : 'the gold run changes nothing and every output is given by the instruction' };
  }
  const results = outputsIndex(sources.toolResults, rule);
  const lookedUp = results.found(nonTrivial);
  const guessed = nonTrivial.filter((output) => !lookedUp.has(output));
  if (guessed.length > 0) return { verifiable: false, explanation: `the gold run changes nothing and the agent received no tool result with ${guessed.map((output) => JSON.stringify(output)).join(', ')}` };
  return { verifiable: true, explanation: 'every output the instruction and policy do not give was looked up' };
}
