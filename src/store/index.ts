export { writeFileAtomically } from './atomic-file.ts';
export { assertNoSecrets, findSecrets, UnredactedSecretError } from './config-secrets.ts';
export { FAILED_JOB_SCHEMA_VERSION, FAILED_JOBS_FILE, FailedJobLog, failedJobRecordSchema, outstandingFailedJobs, readFailedJobs, type FailedJobRecord } from './failed-job-log.ts';
export { readFileLines, type FileLine } from './line-reader.ts';
export { parseTrajectory } from './parse-trajectory.ts';
export {
  readRunManifest,
  RUN_MANIFEST_FILE,
  RunFolder,
  runFolderPaths,
  type CreateRunFolderOptions,
  type RunDescription,
  type RunFolderCheckpoint,
  type RunFolderPaths,
  type RunFolderWriterOptions,
} from './run-folder.ts';
export {
  acquireRunLock,
  describeRunLockTakeover,
  isProcessAlive,
  releaseHeldRunLocksSync,
  RUN_LOCK_FILE,
  RUN_LOCK_TAKEOVER_FILE,
  RunLock,
  RunLockedError,
  runLockSchema,
  thisProcessWriter,
  type RunLockOptions,
  type RunLockRecord,
  type RunLockTakeover,
  type RunWriter,
} from './run-lock.ts';
export { addToRunCounts, emptyRunCounts, RUN_MANIFEST_SCHEMA_VERSION, runCountsSchema, runManifestSchema, type RunCounts, type RunManifest } from './run-manifest.ts';
export { claimWriter, WriterBusyError } from './single-writer.ts';
export {
  describeDuplicates,
  iterateTrajectoryLog,
  iterateUniqueTrajectories,
  readTrajectoryLog,
  TRAJECTORY_LOG_FILE,
  TrajectoryLogWriter,
  type DuplicateTrajectories,
  type IterateTrajectoryLogOptions,
  type IterateUniqueTrajectoriesOptions,
  type TornTail,
  type TrajectoryLogContents,
} from './trajectory-log.ts';
export { systemPromptOf, trainingMessages, type ExportContext, type ExportItem } from './exports/export-context.ts';
export { exportFormatNames, exportFormats, isExportFormatName, serializeRecords, type ExportFormat, type ExportFormatName, type ExportLayout } from './exports/export-formats.ts';
export { exportRun, type ExportRunOptions, type ExportSummary, type VerdictNotHeld } from './exports/export-run.ts';
export { openRunGrading, outputsMatchOf, regradeTrajectory, tauBenchTaskId, type GradingData, type LoadGradingData, type RunGrading } from './exports/run-grading.ts';
export { parseToolText } from './exports/tool-text.ts';
export { toOpenAiFineTuningRecord, type OpenAiFineTuningMessage, type OpenAiFineTuningRecord } from './exports/openai-fine-tuning.ts';
export { toShareGptRecord, type ShareGptRecord, type ShareGptSpeaker, type ShareGptTurn } from './exports/sharegpt.ts';
export { toTauBenchResult, type TauBenchResult, type TauBenchRewardInfo, type TauBenchTaskRecord } from './exports/tau-bench-results.ts';
export { readRunInputs, RUN_INPUTS_FILE, runInputsSchema, writeRunInputs, type RunInputs, type RunInputsContent } from './run-inputs.ts';
