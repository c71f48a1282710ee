import { createActor, toPromise } from 'xstate';
import { pipelineMachine, type PipelineInput, type PipelineOutput } from './pipeline-machine.ts';

/**
 * Runs a batch to its end: resolves when every job has been recorded, or when the spending limit or
 * `signal` stopped it (running jobs finish first; cancelled ones are not recorded). Rejects on a harness
 * failure — the store or the runner failing — after the running jobs have stopped.
 */
export async function runPipeline(input: PipelineInput, signal?: AbortSignal): Promise<PipelineOutput> {
  const actor = createActor(pipelineMachine, { input });
  const abort = () => actor.send({ type: 'ABORT' });
  signal?.addEventListener('abort', abort, { once: true });
  try {
    actor.start();
    if (signal?.aborted) abort();
    const output = await toPromise(actor);
    if (output.error !== undefined) throw output.error;
    return output;
  } finally {
    signal?.removeEventListener('abort', abort);
    await input.runner.close();
  }
}
