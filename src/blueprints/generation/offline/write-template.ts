import type { DomainState } from '../../../domain-kit/index.ts';
import type { BlueprintAction } from '../../blueprint.ts';

/** What a template is given: the state so far (after the blueprint's earlier writes), the user, one target record. */
export interface TemplateInput {
  state: DomainState;
  userId: string;
  /** The id of the record to act on (or the user's id for user-level tools). */
  targetId: string;
  random: () => number;
}

/** One request of the customer: the sentence that asks for it, the calls that fulfil it, what the agent must say. */
export interface TemplateOutput {
  wish: string;
  actions: BlueprintAction[];
  outputs: string[];
}

/** Fills one write tool's request from a target record, or says it does not fit (undefined). */
export type WriteTemplate = (input: TemplateInput) => TemplateOutput | undefined;

/** How the customer identifies themselves: the sentence of the instruction, and the call that identifies them with it. */
export interface Identity {
  sentence: string;
  action: BlueprintAction;
}

/**
 * A domain's templates: how its customers identify themselves (every blueprint starts with that call,
 * as the policy asks), and one template per write tool it knows.
 */
export interface DomainTemplates {
  identity(state: DomainState, userId: string, walk: readonly string[], random: () => number): Identity;
  templates: Readonly<Record<string, WriteTemplate>>;
}

export interface PaymentMethodRecord {
  source: string;
  id: string;
  brand?: string;
  last_four?: string;
  balance?: number;
  amount?: number;
}

/** A payment method as a customer names it: by kind and the digits they can see, never by its id alone. */
export function describePaymentMethod(method: PaymentMethodRecord): string {
  const digits = method.id.replace(/\D/g, '').slice(-4);
  switch (method.source) {
    case 'credit_card':
      return `your ${method.brand ?? ''} credit card ending in ${method.last_four ?? digits}`.replace(/ {2,}/g, ' ');
    case 'paypal':
      return 'your PayPal account';
    case 'gift_card':
      return `your gift card (the one whose number ends in ${digits})`;
    case 'certificate':
      return `your travel certificate (the one whose number ends in ${digits})`;
    default:
      return `your ${method.source.replace(/_/g, ' ')} (ending in ${digits})`;
  }
}

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface AddressRecord {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

export const formatAddress = (address: AddressRecord) =>
  [address.address1, address.address2, `${address.city}, ${address.state} ${address.zip}`, address.country].filter((part) => part !== '').join(', ');

/** The persona as a sentence of the instruction. */
export const personaSentence = (persona: string) => `In the conversation you are ${persona.charAt(0).toLowerCase()}${persona.slice(1)}`;
