export { agentToolSteps, type AgentToolStep } from './agent-tool-steps.ts';
export { argumentAgreement, argumentDifferences, type ArgumentDifference } from './argument-differences.ts';
export { diagnoseTrajectory, type DiagnoseInput, type TrajectoryDiagnostics } from './diagnose-trajectory.ts';
export { attributeFailure, failureParties, type AttributionRule, type FailureAttribution, type FailureParty } from './failure-attribution.ts';
export { alignWithGold, type Divergence, type GoldActionMatch, type GoldAlignment } from './gold-alignment.ts';
export { factualValues, revealedFacts, type RevealedFact } from './revealed-facts.ts';
export { writeStateDiffs, type WriteSide, type WriteStateDiff } from './write-state-diffs.ts';
export { trajectoryDiagnoser, type TrajectoryDiagnoser } from './trajectory-diagnoser.ts';
export { describeDivergence, explainRejection } from './explain-rejection.ts';
