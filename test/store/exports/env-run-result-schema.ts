import { z } from 'zod';

/**
 * tau-bench's own pydantic models (tau_bench/types.py), field for field: `EnvRunResult` with an `info`
 * that holds an `EnvInfo`-like `task` and `reward_info`. pydantic would coerce "7" to 7 but never
 * "retail-cancel-soundbar-order": a task id must be an integer, so the schema says so strictly.
 */
const actionSchema = z.object({ name: z.string(), kwargs: z.record(z.string(), z.unknown()) });
const taskSchema = z.object({ user_id: z.string(), actions: z.array(actionSchema), instruction: z.string(), outputs: z.array(z.string()) });
const rewardOutputInfoSchema = z.object({ r_outputs: z.number(), outputs: z.record(z.string(), z.boolean()) });
const rewardActionInfoSchema = z.object({ r_actions: z.number(), gt_data_hash: z.string() });
const rewardResultSchema = z.object({ reward: z.number(), info: z.union([rewardOutputInfoSchema, rewardActionInfoSchema]), actions: z.array(actionSchema) });
export const envRunResultSchema = z.object({
  task_id: z.number().int(),
  reward: z.number(),
  info: z.looseObject({ task: taskSchema, reward_info: rewardResultSchema }),
  traj: z.array(z.record(z.string(), z.unknown())),
  trial: z.number().int(),
});
