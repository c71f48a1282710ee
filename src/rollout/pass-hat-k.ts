/** C(n, k), exactly for the small numbers trials use. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let index = 1; index <= k; index++) result = (result * (n - k + index)) / index;
  return result;
}

/**
 * pass^k (tau-bench): the chance that k trials drawn from a task's n trials all succeed, averaged over
 * tasks: mean of C(c, k) / C(n, k), where c of the task's n trials succeeded. Tasks with fewer than k
 * trials are left out; undefined when none has k.
 */
export function passHatK(tasks: Iterable<{ trials: number; successes: number }>, k: number): number | undefined {
  let sum = 0;
  let count = 0;
  for (const { trials, successes } of tasks) {
    if (trials < k) continue;
    sum += choose(successes, k) / choose(trials, k);
    count++;
  }
  return count === 0 ? undefined : sum / count;
}
