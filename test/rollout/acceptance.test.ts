import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import type { Blueprint } from '../../src/blueprints/blueprint.ts';
import { DomainState } from '../../src/domain-kit/index.ts';
import type { ChatMessage } from '../../src/models/index.ts';
import { GoldActionError, gradeTrajectory, type GradeInput } from '../../src/rollout/acceptance.ts';
import type { TerminationReason } from '../../src/rollout/termination.ts';
import { verdictSchema, type Verdict } from '../../src/rollout/verdict.ts';
import { cancelBlueprint, identifyByEmail, pendingOrder, retailBase, testBlueprint } from '../support/default-retail.ts';
import { TranscriptBuilder } from '../support/transcript-builder.ts';

const order = pendingOrder();
const email = (identifyByEmail(order.user_id).arguments as { email: string }).email;
const blueprint = cancelBlueprint();
const refund = String(blueprint.outputs[0]);
const cancelArguments = { order_id: order.order_id, reason: 'no longer needed' };
const confirmation = `Shall I cancel order ${order.order_id} because you no longer need it? (yes/no)`;

const grade = (messages: readonly ChatMessage[], termination: TerminationReason = 'user-stop', overrides: Partial<GradeInput> & { blueprint?: GradeInput['blueprint'] } = {}) =>
  gradeTrajectory({ domain: retail as never, base: retailBase() as never, blueprint, messages, termination, ...overrides });

/** Identify, look the order up, ask, and stop right before the human answers the confirmation. */
const untilConfirmation = () =>
  new TranscriptBuilder(retail as never, retailBase() as never)
    .human(`Hi. My email is ${email}. Please cancel order ${order.order_id}, I no longer need it.`)
    .call(['find_user_id_by_email', { email }])
    .call(['get_order_details', { order_id: order.order_id }])
    .agent(confirmation);

/** The whole good conversation: the human agrees, the agent cancels, says the refund, the human stops. */
const goodTranscript = () =>
  untilConfirmation()
    .human('Yes, please go ahead.')
    .call(['cancel_pending_order', cancelArguments])
    .agent(`Done: your order is cancelled and ${refund} will be refunded. Anything else?`)
    .human("No, that's all. ###STOP###").messages;

/** The agent cancels with a reason the human never gave, and says the refund. */
const wrongReasonTranscript = () =>
  untilConfirmation()
    .human('Yes.')
    .call(['cancel_pending_order', { ...cancelArguments, reason: 'ordered by mistake' }])
    .agent(`Refunded ${refund}.`)
    .human('###STOP###').messages;

const indexOf = (messages: readonly ChatMessage[], predicate: (message: ChatMessage) => boolean) => messages.findIndex(predicate);
const isCancelCall = (message: ChatMessage) => message.role === 'assistant' && message.tool_calls?.[0]?.function.name === 'cancel_pending_order';

describe('gradeTrajectory: a trajectory that did the right thing', () => {
  it('is kept: user stop, matching state, outputs said to the user', () => {
    expect(grade(goodTranscript())).toMatchObject({
      kept: true,
      reason: 'accepted',
      termination: 'user-stop',
      state: { match: true, goldChangesState: true, diff: { patch: [], rendered: '' } },
      outputs: { found: [refund], missing: [], rule: 'token' },
      actionMatch: { goldWrites: 1, matched: 1, agentWrites: 1 },
    });
  });

  it('names the first failed condition, with the agent-vs-gold diff', () => {
    const wrongReason = wrongReasonTranscript();
    const verdict = grade(wrongReason);
    expect(verdict).toMatchObject({ kept: false, reason: 'state-mismatch', actionMatch: { goldWrites: 1, matched: 0, agentWrites: 1 } });
    expect(verdict.state.diff.patch).toEqual([{ op: 'replace', path: `/orders/${order.order_id}/cancel_reason`, value: 'ordered by mistake' }]);
    expect(verdict.state.diff.rendered).toContain('~ cancel_reason: "no longer needed" -> "ordered by mistake"');
    const silent = untilConfirmation().human('Yes.').call(['cancel_pending_order', cancelArguments]).agent('Done.').human('###STOP###').messages;
    expect(grade(silent)).toMatchObject({ reason: 'missing-outputs', outputs: { missing: [refund] } });
  });

  it('replays only the calls that ran: malformed arguments change nothing, and their stored error result must match', () => {
    const builder = untilConfirmation().human('Yes.');
    builder.messages.push({ role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'cancel_pending_order', arguments: '{"order_id":' } }] });
    builder.messages.push({ role: 'tool', tool_call_id: 'x', content: `Error: the arguments of cancel_pending_order are not valid JSON (${jsonProblem('{"order_id":')})` });
    const messages = builder.agent(`Refunded ${refund}.`).human('###STOP###').messages;
    expect(grade(messages)).toMatchObject({ reason: 'state-mismatch', actionMatch: { agentWrites: 0 } });
  });
});

function jsonProblem(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe("gradeTrajectory: issue 9's leaks are each rejected, with the reason", () => {
  it('a trajectory whose final ###STOP### message was deleted', () => {
    const deleted = goodTranscript().slice(0, -1);
    const verdict = grade(deleted, 'user-stop');
    expect(verdict).toMatchObject({ kept: false, reason: 'invalid-transcript', termination: 'user-stop', messageIndex: 7 });
    expect(verdict.detail).toBe("the stored termination is user-stop, but the human's last message (message 7) carries no stop token");
    // Stored honestly (the run hit a limit), it is simply no user stop.
    expect(grade(deleted, 'max-turns')).toMatchObject({ kept: false, reason: 'not-user-stop', termination: 'max-turns' });
  });

  it('the user says "No, do not cancel. ###STOP###" and the agent writes anyway', () => {
    const messages = untilConfirmation().human('No, do not cancel. ###STOP###').call(['cancel_pending_order', cancelArguments]).messages;
    const verdict = grade(messages);
    const write = indexOf(messages, isCancelCall);
    expect(verdict).toMatchObject({ kept: false, reason: 'write-after-refusal', termination: 'user-stop', messageIndex: write, state: { match: true } });
    expect(verdict.detail).toBe(`message ${write}: the agent called cancel_pending_order after the human ended the conversation (message ${write - 1})`);
  });

  it('a refusal in the middle of the conversation, then the write, then a stop', () => {
    const messages = untilConfirmation()
      .human("No, don't cancel it yet.")
      .call(['cancel_pending_order', cancelArguments])
      .agent(`Cancelled; ${refund} will be refunded.`)
      .human('###STOP###').messages;
    const write = indexOf(messages, isCancelCall);
    expect(grade(messages)).toMatchObject({ kept: false, reason: 'write-after-refusal', messageIndex: write, detail: `message ${write}: the agent called cancel_pending_order after the human refused it (message ${write - 1}: "No, don't cancel it yet.")` });
    // Asked again and agreed: the refusal is lifted.
    const reasked = untilConfirmation()
      .human('No, wait.')
      .agent(`Understood. Would you like me to cancel order ${order.order_id} now? (yes/no)`)
      .human('Yes, go ahead.')
      .call(['cancel_pending_order', cancelArguments])
      .agent(`Cancelled; ${refund} will be refunded.`)
      .human('###STOP###').messages;
    expect(grade(reasked).reason).toBe('accepted');
  });

  it('one whose tool result was rewritten to a false observation', () => {
    const messages = goodTranscript();
    const result = indexOf(messages, (message) => message.role === 'tool' && message.content.includes('"status"'));
    const tampered = messages.map((message, index) => (index === result && message.role === 'tool' ? { ...message, content: message.content.replace('"pending"', '"delivered"') } : message));
    const verdict = grade(tampered);
    expect(verdict).toMatchObject({ kept: false, reason: 'invalid-transcript', messageIndex: result });
    expect(verdict.detail).toBe(`message ${result}: the stored result of get_order_details (call id "call_1") differs from a fresh replay of the call`);
  });

  it('one with a write call that got no tool result', () => {
    const messages = goodTranscript();
    const write = indexOf(messages, isCancelCall);
    const unanswered = messages.filter((_, index) => index !== write + 1);
    expect(grade(unanswered)).toMatchObject({ kept: false, reason: 'invalid-transcript', messageIndex: write, detail: `message ${write}: cancel_pending_order (call id "call_2") got no tool result` });
  });

  it('a result for a call id no agent call has', () => {
    const messages = [...goodTranscript()];
    messages.splice(3, 0, { role: 'tool', tool_call_id: 'invented', content: 'ok' });
    expect(grade(messages)).toMatchObject({ reason: 'invalid-transcript', messageIndex: 3, detail: 'message 3: a tool result for call id "invented", which no pending agent call has' });
  });

  it('calls left unanswered at the very end are legitimate only when the rollout was cut short, and are not replayed', () => {
    const cut = untilConfirmation().human('Yes.').messages;
    cut.push({ role: 'assistant', content: null, tool_calls: [{ id: 'last', type: 'function', function: { name: 'cancel_pending_order', arguments: JSON.stringify(cancelArguments) } }] });
    expect(grade(cut, 'max-turns')).toMatchObject({ reason: 'not-user-stop', state: { match: false }, actionMatch: { agentWrites: 0 } });
    expect(grade(cut, 'user-stop').reason).toBe('invalid-transcript');
  });
});

describe('gradeTrajectory: termination comes from the messages', () => {
  it('a stored termination that the messages contradict is invalid', () => {
    expect(grade(goodTranscript(), 'transfer')).toMatchObject({ reason: 'invalid-transcript', detail: "the stored termination is transfer, but the conversation ends with the human's user-stop token (message 11)" });
    expect(grade(goodTranscript(), 'max-turns').reason).toBe('invalid-transcript');
  });

  it('protocol notes (and v1 system notes) are harness text, never the human: a stop token there is no user stop', () => {
    const messages = goodTranscript().slice(0, -1);
    const withNote: ChatMessage[] = [...messages, { role: 'user', content: "No, that's all. ###STOP###", note: 'protocol' }];
    expect(grade(withNote, 'user-stop').reason).toBe('invalid-transcript');
    const withSystemNote: ChatMessage[] = [...messages, { role: 'system', content: '###STOP###' }];
    expect(grade(withSystemNote, 'max-turns').reason).toBe('not-user-stop');
    // A note after the human's real stop changes nothing.
    expect(grade([...goodTranscript(), { role: 'user', content: 'Protocol error: ...', note: 'protocol' }]).reason).toBe('accepted');
  });

  it('a failed-job termination is never kept (callers skip such trajectories: they are failed jobs, not verdicts)', () => {
    const cut = goodTranscript().slice(0, 6);
    expect(grade(cut, 'infrastructure-error')).toMatchObject({ kept: false, reason: 'not-user-stop', termination: 'infrastructure-error' });
  });
});

describe('gradeTrajectory: outputs count only in text the user was shown', () => {
  const withoutSaying = () => untilConfirmation().human('Yes.');

  it('not in text beside tool calls (the machine tells the agent that text is not shown)', () => {
    const messages = withoutSaying().call(['cancel_pending_order', cancelArguments], `Cancelling now; ${refund} will be refunded.`).agent('Done. Anything else?').human('###STOP###').messages;
    expect(grade(messages)).toMatchObject({ reason: 'missing-outputs', outputs: { missing: [refund] } });
  });

  it("not in the agent's reasoning, not in protocol notes, not after the human's stop", () => {
    const reasoning = withoutSaying().call(['cancel_pending_order', cancelArguments]).messages;
    reasoning.push({ role: 'assistant', content: 'Done. Anything else?', reasoning: `The refund is ${refund}.` }, { role: 'user', content: '###STOP###' });
    expect(grade(reasoning).reason).toBe('missing-outputs');
    const note = withoutSaying().call(['cancel_pending_order', cancelArguments]).note(`The refund is ${refund}.`).agent('Done.').human('###STOP###').messages;
    expect(grade(note).reason).toBe('missing-outputs');
    const late = withoutSaying().call(['cancel_pending_order', cancelArguments]).agent('Done.').human('###STOP###').agent(`Refunded ${refund}.`).messages;
    expect(grade(late).reason).toBe('missing-outputs');
  });

  it("matches with tau-bench's rule when asked", () => {
    const messages = withoutSaying().call(['cancel_pending_order', cancelArguments]).agent(`Refunded 1${refund}0.`).human('###STOP###').messages;
    expect(grade(messages).reason).toBe('missing-outputs');
    expect(grade(messages, 'user-stop', { outputsMatch: 'tau-bench' })).toMatchObject({ reason: 'accepted', outputs: { rule: 'tau-bench' } });
  });

  it('grades a blueprint with 100,000 outputs (one normalised text per trajectory)', () => {
    const outputs = Array.from({ length: 100_000 }, (_, index) => `code-${index}`);
    const many = { ...blueprint, outputs };
    const messages = withoutSaying().call(['cancel_pending_order', cancelArguments]).agent(`Codes: ${outputs.join(', ')}.`).human('###STOP###').messages;
    expect(grade(messages, 'user-stop', { blueprint: many })).toMatchObject({ kept: true, outputs: { missing: [] } });
    const short = withoutSaying().call(['cancel_pending_order', cancelArguments]).agent(`Codes: ${outputs.slice(1).join(', ')}.`).human('###STOP###').messages;
    expect(grade(short, 'user-stop', { blueprint: many }).outputs.missing).toEqual(['code-0']);
  });
});

describe('gradeTrajectory: a blueprint whose gold changes nothing needs outputs the agent looked up', () => {
  const lookOnly = (outputs: string[]): Blueprint => testBlueprint({ id: 'look', instruction: `Your email is ${email}. You want to know the status of order ${order.order_id}.`, actions: [identifyByEmail(order.user_id), { name: 'get_order_details', arguments: { order_id: order.order_id } }], outputs });
  const lookedUp = (said: string) =>
    new TranscriptBuilder(retail as never, retailBase() as never)
      .human(`Hi, my email is ${email}. What is the status of ${order.order_id}?`)
      .call(['find_user_id_by_email', { email }])
      .call(['get_order_details', { order_id: order.order_id }])
      .agent(said)
      .human('Thanks. ###STOP###').messages;
  const didNothing = (said: string) => new TranscriptBuilder(retail as never, retailBase() as never).human('Hi, I have a question.').agent(said).human('Thanks. ###STOP###').messages;

  it('keeps an output the agent read in a tool result and said', () => {
    expect(grade(lookedUp(`You paid ${refund}.`), 'user-stop', { blueprint: lookOnly([refund]) }).reason).toBe('accepted');
    expect(grade(lookedUp('You paid something.'), 'user-stop', { blueprint: lookOnly([refund]) }).reason).toBe('missing-outputs');
  });

  it('the "77" case: a phone number is not the output, and a do-nothing agent proves nothing', () => {
    const phone = didNothing('I cannot see that. Please call us at 1-800-555-0177.');
    expect(grade(phone, 'user-stop', { blueprint: lookOnly(['77']) })).toMatchObject({ kept: false, reason: 'missing-outputs' });
    // Under tau-bench's substring rule the output is "said", but no tool result had it: unverifiable.
    expect(grade(phone, 'user-stop', { blueprint: lookOnly(['77']), outputsMatch: 'tau-bench' })).toMatchObject({
      kept: false,
      reason: 'unverifiable',
      detail: 'the gold run changes nothing and the agent received no tool result with "77"',
    });
    // Saying it on its own does not help either: it was never looked up.
    expect(grade(didNothing('The answer is 77.'), 'user-stop', { blueprint: lookOnly(['77']) }).reason).toBe('unverifiable');
  });

  it('outputs given by the instruction, or found in no tool result (policy words, arithmetic), prove nothing; the judge decides when configured', () => {
    const fromInstruction = lookOnly([email]);
    expect(grade(lookedUp(`Your email is ${email}.`), 'user-stop', { blueprint: fromInstruction })).toMatchObject({ reason: 'unverifiable', detail: 'the gold run changes nothing and every output is given by the instruction' });
    // A valid cancel reason comes from the policy, never from a tool result: saying it proves nothing.
    expect(grade(lookedUp('Valid reasons are: no longer needed.'), 'user-stop', { blueprint: lookOnly(['no longer needed']) }).reason).toBe('unverifiable');
    // A policy word the agent received in a tool result (the status of the order it looked up) is evidence.
    expect(grade(lookedUp(`It is ${order.status}.`), 'user-stop', { blueprint: lookOnly([order.status]) }).reason).toBe('accepted');
    const judged = (passed: boolean) => grade(lookedUp('Hello'), 'user-stop', { blueprint: lookOnly([]), judge: { model: 'judge', passed, reasoning: 'r' } });
    expect(grade(lookedUp('Hello'), 'user-stop', { blueprint: lookOnly([]) }).reason).toBe('unverifiable');
    expect(judged(true)).toMatchObject({ kept: true, reason: 'accepted', judge: { passed: true } });
    expect(judged(false).reason).toBe('judge-rejected');
  });
});

describe('gradeTrajectory: transfers', () => {
  const transfer = ['transfer_to_human_agents', { summary: 'The user wants a human.' }] as [string, unknown];
  const goldWithTransfer = { ...blueprint, actions: [...blueprint.actions, { name: 'transfer_to_human_agents', arguments: { summary: 'The user wants a human.' } }], outputs: [] };

  it("keeps an agent's transfer when the gold ends with it and the state matches", () => {
    const messages = untilConfirmation().human('Yes.').call(['cancel_pending_order', cancelArguments]).call(transfer).messages;
    expect(grade(messages, 'transfer', { blueprint: goldWithTransfer })).toMatchObject({ kept: true, reason: 'accepted', termination: 'transfer' });
    // Without the write, the state does not match.
    const skipped = untilConfirmation().human('Yes.').call(transfer).messages;
    expect(grade(skipped, 'transfer', { blueprint: goldWithTransfer }).reason).toBe('state-mismatch');
  });

  it('rejects a transfer the gold does not end with (agent call or the human\'s ###TRANSFER###)', () => {
    const messages = untilConfirmation().human('Yes.').call(['cancel_pending_order', cancelArguments]).call(transfer).messages;
    expect(grade(messages, 'transfer')).toMatchObject({ kept: false, reason: 'unexpected-transfer', termination: 'transfer' });
    const byHuman = untilConfirmation().human('Yes.').call(['cancel_pending_order', cancelArguments]).agent(`Refunded ${refund}.`).human('Get me a human. ###TRANSFER###').messages;
    expect(grade(byHuman, 'transfer').reason).toBe('unexpected-transfer');
    expect(grade(byHuman, 'transfer', { blueprint: goldWithTransfer }).reason).toBe('accepted');
  });

  it('a failed transfer call is no transfer', () => {
    const messages = untilConfirmation().human('Yes.').call(['cancel_pending_order', cancelArguments]).call(['transfer_to_human_agents', {}]).messages;
    expect(grade(messages, 'max-turns', { blueprint: goldWithTransfer })).toMatchObject({ reason: 'not-user-stop', termination: 'max-turns' });
  });
});

describe('gradeTrajectory: the gold itself', () => {
  it('refuses a blueprint whose gold action errors without expectError, naming the action', () => {
    const broken = testBlueprint({ id: 'broken', actions: [identifyByEmail(order.user_id), { name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } }], outputs: [] });
    expect(() => grade(goodTranscript(), 'user-stop', { blueprint: broken })).toThrow(GoldActionError);
    expect(() => grade(goodTranscript(), 'user-stop', { blueprint: broken })).toThrow(/^blueprint broken: gold actions\[1\] \(cancel_pending_order\) returned an error and is not marked expectError/);
    const expected = { ...broken, actions: broken.actions.map((action, index) => (index === 1 ? { ...action, expectError: true } : action)) };
    expect(grade(goodTranscript(), 'user-stop', { blueprint: expected }).reason).toBe('state-mismatch');
  });

  it('marks the verdict of an unvalidated blueprint', () => {
    expect(grade(goodTranscript(), 'user-stop', { unvalidated: true })).toMatchObject({ kept: true, unvalidated: true });
    expect(grade(goodTranscript())).not.toHaveProperty('unvalidated');
  });

  it('derives the state from a fresh replay, never from a stored hash', () => {
    const gold = new DomainState(retailBase());
    retail.execute(gold as never, { name: 'cancel_pending_order', arguments: cancelArguments });
    expect(grade(goodTranscript()).state.finalHash).toBe(gold.hash());
  });
});

describe('gradeTrajectory: the states are compared by what they changed', () => {
  const user = retailBase().get('users', order.user_id) as unknown as { address: Record<string, string> };
  const moveTo = (address: Record<string, string>) => ['modify_user_address', { user_id: order.user_id, ...address }] as [string, Record<string, unknown>];
  /** The good conversation, with the user's address changed and changed back on the way. */
  const changedAndRestored = () =>
    untilConfirmation()
      .human('Yes, please go ahead. Oh, and my address is 1 Elm St now. No wait, it is not, put it back.')
      .call(moveTo({ ...user.address, address1: '1 Elm St' }))
      .call(moveTo(user.address))
      .call(['cancel_pending_order', cancelArguments])
      .agent(`Done: your order is cancelled and ${refund} will be refunded. Anything else?`)
      .human("No, that's all. ###STOP###").messages;

  it('an agent that changed a record and restored it matches a gold that never touched it', () => {
    const verdict = grade(changedAndRestored());
    expect(verdict).toMatchObject({ kept: true, reason: 'accepted', state: { match: true, diff: { patch: [] } }, actionMatch: { goldWrites: 1, matched: 1, agentWrites: 3 } });
    expect(verdict.state.finalHash).toBe(verdict.state.goldHash);
  });

  it('a gold that changes a record and restores it changes nothing', () => {
    const [name, movedAway] = moveTo({ ...user.address, zip: '00000' });
    const restoring = testBlueprint({ actions: [{ name, arguments: movedAway }, { name, arguments: moveTo(user.address)[1] }] });
    const verdict = grade(untilConfirmation().human('###STOP###').messages, 'user-stop', { blueprint: restoring });
    expect(verdict.state).toMatchObject({ match: true, goldChangesState: false, goldHash: retailBase().hash(), finalHash: retailBase().hash() });
  });

  it('carries the full state hashes, computed when read: the hashes of the whole gold and agent states', () => {
    const mismatched = wrongReasonTranscript();
    const verdict = grade(mismatched);
    const gold = new DomainState(retailBase());
    retail.execute(gold as never, { name: 'cancel_pending_order', arguments: cancelArguments });
    const agent = new DomainState(retailBase());
    retail.execute(agent as never, { name: 'cancel_pending_order', arguments: { ...cancelArguments, reason: 'ordered by mistake' } });
    const written = JSON.parse(JSON.stringify(verdict)) as Verdict;
    expect(written.state).toMatchObject({ match: false, goldHash: gold.hash(), finalHash: agent.hash() });
    expect(verdictSchema.parse(written)).toEqual(verdict);
    expect(Object.keys(written.state)).toEqual(['match', 'goldHash', 'finalHash', 'goldChangesState', 'diff']);
  });
});
