export { createFallibleAgent, mistakeKinds, planFallibleAgent, type FallibleAgentPlan, type MistakeKind } from './fallible-agent.ts';
export { OracleAgent, type OracleAgentOptions } from './oracle-agent.ts';
export { inFirstPerson, ScriptedHuman, type ScriptedHumanOptions } from './scripted-human.ts';
export { pick, seededRandom } from './seeded-random.ts';
