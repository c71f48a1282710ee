import { retail } from '../../../domains/retail/index.ts';
import type { ChatModel } from '../../../src/models/index.ts';
import type { HumanRole } from '../../../src/rollout/human-role.ts';
import { createModelHuman } from '../../../src/rollout/model-human.ts';
import { OracleAgent, ScriptedHuman } from '../../../src/rollout/offline/index.ts';
import type { ProtocolNoteRole } from '../../../src/rollout/protocol-notes.ts';
import type { RolloutEvent } from '../../../src/rollout/rollout-events.ts';
import type { RolloutLimits } from '../../../src/rollout/rollout-machine.ts';
import { runRollout, type RunRolloutOptions } from '../../../src/rollout/run-rollout.ts';
import { cancelBlueprint, retailBase, tickingClock } from '../../support/default-retail.ts';

/** The offline scripted human of a blueprint's instruction, as a model-backed human. */
export const scriptedHuman = (instruction: string, seed = 1, stopsWhileAgreeing = false) => createModelHuman(new ScriptedHuman({ instruction, seed, stopsWhileAgreeing }), { instruction });

/** One retail rollout of a blueprint (the cancel blueprint by default), its events collected. */
export function rollout(options: {
  /** Any chat model (scripted, the OpenAI adapter), or the options of an oracle agent. */
  agent: ConstructorParameters<typeof OracleAgent>[0] | ChatModel;
  human?: HumanRole;
  seed?: number;
  blueprint?: ReturnType<typeof cancelBlueprint>;
  limits?: Partial<RolloutLimits>;
  protocolNotes?: ProtocolNoteRole;
  signal?: AbortSignal;
  judge?: RunRolloutOptions['judge'];
}) {
  const blueprint = options.blueprint ?? cancelBlueprint();
  const agent = 'complete' in options.agent ? options.agent : new OracleAgent(options.agent);
  const events: RolloutEvent[] = [];
  const run = runRollout({
    domain: retail as never,
    base: retailBase() as never,
    blueprint,
    attempt: 0,
    seed: options.seed ?? 1,
    human: options.human ?? scriptedHuman(blueprint.instruction),
    agent,
    clock: tickingClock(),
    onEvent: (event) => events.push(event),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.protocolNotes ? { protocolNotes: options.protocolNotes } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.judge ? { judge: options.judge } : {}),
  });
  return { run, events };
}

/** The oracle agent's options for a blueprint. */
export const oracleFor = (blueprint = cancelBlueprint()) => ({ domain: retail as never, actions: blueprint.actions, outputs: blueprint.outputs });
