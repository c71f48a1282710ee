import type { ChatModel, ChatRequest, ChatResponse } from '../models/index.ts';
import type { AccountedRole, UsageLedger } from './usage-ledger.ts';

export interface MeteringOptions {
  ledger: UsageLedger;
  role: AccountedRole;
  /** The model's name for the price table (the configuration's `model`, not its id). */
  priceName: string;
}

/** A ChatModel whose every answered call is written to the ledger with the usage the server reported. */
export function withMetering(model: ChatModel, options: MeteringOptions): ChatModel {
  return {
    id: model.id,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const response = await model.complete(request);
      options.ledger.recordCall(options.role, model.id, options.priceName, response.usage);
      return response;
    },
  };
}
