export { BaseState, type DomainData, type RecordKey, type RecordTypes } from './base-state.ts';
export { CanonicalIndex, type RecordChange, type StateChanges } from './canonical-index.ts';
export { ChangeSet, type ChangedRecordTexts } from './change-set.ts';
export { canonicalJson, canonicalJsonOnce, NonFiniteNumberError } from './canonical-json.ts';
export { defineDomain, parseArguments, type Domain, type DomainDefinition, type GenerateOptions, type ToolCall, type ToolExecution } from './domain.ts';
export { DomainState } from './domain-state.ts';
export { InterplayError, InvalidDataError, UnknownDomainError, UnknownRecordError } from './errors.ts';
export { cloneJson, deepFreeze, findNonFiniteNumber, type DeepReadonly, type JsonObject, type JsonValue } from './json.ts';
export { findExcessNesting, findSyntaxError, formatBytes, JsonFileError, lineAndColumn, parseJsonText, readJsonFile, type JsonFileLimits } from './json-text.ts';
export { pythonJsonDumps } from './python-json.ts';
export { diffStates, renderDiff, type PatchOperation, type StateDiff } from './state-diff.ts';
export { defineTool, fail, ok, toFunctionSchema, type FunctionToolSchema, type ToolDefinition, type ToolKind, type ToolParams, type ToolResult } from './tool.ts';
export { collectionFile, formatCollection, readDataFolder, writeDataFolder } from './data-folder.ts';
export { describeCallProblems, replayActions } from './replay.ts';
export { checkPolicy, definePolicyRule, tracePolicy, type ActionStep, type PolicyRule, type PolicyTrace, type PolicyViolation } from './policy-rule.ts';
export { defineCalculateTool, defineThinkTool, defineTransferToHumanAgentsTool } from './common-tools/index.ts';
export {
  calculateLikePython,
  compareCodePoints,
  indexErrorText,
  keyErrorText,
  lastCodePoints,
  parsePythonInt,
  pythonFloatRepr,
  pythonNumberText,
  pythonRound,
  pythonStringRepr,
  sortedLikePython,
} from './python/index.ts';
