import type { PolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { cancelReasonAllowed } from './cancel-reason-allowed.ts';
import { giftCardCoversAmount } from './gift-card-covers-amount.ts';
import { identifyUserFirst } from './identify-user-first.ts';
import { itemsChangedOnce } from './items-changed-once.ts';
import { oneUserPerConversation } from './one-user-per-conversation.ts';
import { orderStatusAllowsAction } from './order-status-allows-action.ts';
import { paymentChangeDiffers } from './payment-change-differs.ts';
import { refundToOriginalOrGiftCard } from './refund-to-original-or-gift-card.ts';
import { sameProductNewOption } from './same-product-new-option.ts';
import { transferEndsConversation } from './transfer-ends-conversation.ts';
import { writesOnOwnRecords } from './writes-on-own-records.ts';

/**
 * The executable rules of the retail policy, checked over a blueprint's actions and the states around each
 * (README.md lists every rule of the policy and which file checks it). Some restate what a tool refuses, so a
 * gold action the tool would reject is named with the rule it breaks.
 */
export const retailPolicyRules: readonly PolicyRule<RetailRecords>[] = [
  identifyUserFirst,
  oneUserPerConversation,
  writesOnOwnRecords,
  orderStatusAllowsAction,
  cancelReasonAllowed,
  itemsChangedOnce,
  sameProductNewOption,
  paymentChangeDiffers,
  giftCardCoversAmount,
  refundToOriginalOrGiftCard,
  transferEndsConversation,
];
