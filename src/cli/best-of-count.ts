import { DEFAULT_BEST_OF } from '../rollout/model-human.ts';
import type { ConversationFlags } from './conversation-options.ts';
import { wholeNumber } from './number-option.ts';

// Apart from conversation-options.ts (which declares `--best-of`): the default comes from the model
// human, whose module loads the model client, and declaring the flags must not load it.

/** Best-of-N's N, or undefined when the human answers once. */
export const bestOfCount = (flags: ConversationFlags): number | undefined =>
  flags.bestOf === true ? DEFAULT_BEST_OF : flags.bestOf ? wholeNumber('--best-of', flags.bestOf, 1, 16) : undefined;
