import { z } from 'zod';

/**
 * Records of the retail domain, exactly as tau-bench stores them. Objects are loose: a field we do
 * not know is kept, never dropped, so imported data hashes as it did in tau-bench.
 */
export const addressSchema = z.looseObject({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  country: z.string(),
  state: z.string(),
  zip: z.string(),
});

export const paymentMethodSchema = z.discriminatedUnion('source', [
  z.looseObject({ source: z.literal('credit_card'), id: z.string(), brand: z.string(), last_four: z.string() }),
  z.looseObject({ source: z.literal('paypal'), id: z.string() }),
  z.looseObject({ source: z.literal('gift_card'), id: z.string(), balance: z.number() }),
]);

export const userSchema = z.looseObject({
  name: z.looseObject({ first_name: z.string(), last_name: z.string() }),
  address: addressSchema,
  email: z.string(),
  payment_methods: z.record(z.string(), paymentMethodSchema),
  orders: z.array(z.string()),
});

export const variantSchema = z.looseObject({
  item_id: z.string(),
  options: z.record(z.string(), z.string()),
  available: z.boolean(),
  price: z.number(),
});

export const productSchema = z.looseObject({
  name: z.string(),
  product_id: z.string(),
  variants: z.record(z.string(), variantSchema),
});

export const orderItemSchema = z.looseObject({
  name: z.string(),
  product_id: z.string(),
  item_id: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});

export const fulfillmentSchema = z.looseObject({
  tracking_id: z.array(z.string()),
  item_ids: z.array(z.string()),
});

export const paymentTransactionSchema = z.looseObject({
  transaction_type: z.enum(['payment', 'refund']),
  amount: z.number(),
  payment_method_id: z.string(),
});

/**
 * Order statuses: tau-bench's data has pending, processed, delivered and cancelled; its tools add
 * "pending (item modified)", "exchange requested" and "return requested".
 */
export const orderStatusSchema = z.string();

export const orderSchema = z.looseObject({
  order_id: z.string(),
  user_id: z.string(),
  address: addressSchema,
  items: z.array(orderItemSchema),
  fulfillments: z.array(fulfillmentSchema),
  status: orderStatusSchema,
  payment_history: z.array(paymentTransactionSchema),
  cancel_reason: z.string().optional(),
  exchange_items: z.array(z.string()).optional(),
  exchange_new_items: z.array(z.string()).optional(),
  exchange_payment_method_id: z.string().optional(),
  exchange_price_difference: z.number().optional(),
  return_items: z.array(z.string()).optional(),
  return_payment_method_id: z.string().optional(),
});

export type Address = z.infer<typeof addressSchema>;
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type User = z.infer<typeof userSchema>;
export type Variant = z.infer<typeof variantSchema>;
export type Product = z.infer<typeof productSchema>;
export type OrderItem = z.infer<typeof orderItemSchema>;
export type Order = z.infer<typeof orderSchema>;

/** Collection name -> record type; the key order of the state document is orders, products, users. */
export type RetailRecords = { orders: Order; products: Product; users: User };

export const retailRecordSchemas = { orders: orderSchema, products: productSchema, users: userSchema };
export const retailIdFields = { orders: 'order_id', products: 'product_id' } as const;
