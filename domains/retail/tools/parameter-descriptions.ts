import { z } from 'zod';

/** Parameters and descriptions several retail tools share, in one place so that they read the same everywhere. */
export const describeOrderId = "The order's id, written such as '#W0000000'. Note the leading '#' sign: it is part of the id.";

export const describePaymentMethodId =
  "The id of the payment method that pays the price difference or receives the refund, such as 'gift_card_0000000' or 'credit_card_0000000'. The user's or the order's details list these ids.";

export const describeUserId = "The user's id, such as 'sara_doe_496'.";

/** The six address parameters of modify_user_address and modify_pending_order_address, as tau-bench orders them. */
export const addressParams = {
  address1: z.string().describe("The address's first line, such as '123 Main St'."),
  address2: z.string().describe("The address's second line, such as 'Apt 1', or '' when there is none."),
  city: z.string().describe("The city, such as 'San Francisco'."),
  state: z.string().describe("The state, such as 'CA'."),
  country: z.string().describe("The country, such as 'USA'."),
  zip: z.string().describe("The zip code, such as '12345'."),
};
