import { DomainState, type DomainData, type ToolExecution } from '../../../src/domain-kit/index.ts';
import { retail } from '../../../domains/retail/index.ts';
import type { RetailRecords } from '../../../domains/retail/schema.ts';

/**
 * A tiny retail world written by hand in tau-bench's record shape: three products, three users and
 * eight orders covering every status the tools look at.
 *
 * - olivia_lee_1234: gift card (60.5), visa, paypal. #W1000001 pending (keyboard + the same water bottle
 *   twice, paid by gift card), #W1000002 delivered (chair + bottle, visa), #W1000003 processed,
 *   #W1000004 pending (one bottle, visa).
 * - noah_kim_5678 (email in mixed case): mastercard, gift card (5). #W2000001 delivered, #W2000002
 *   pending and paid in two parts (gift card + mastercard), #W2000003 cancelled, #W2000004 pending.
 * - olivia_lee_9999: another Olivia Lee, in another zip code, with no orders.
 */
export function fixtureData(): DomainData<RetailRecords> {
  return {
    orders: {
      '#W1000001': {
        order_id: '#W1000001',
        user_id: 'olivia_lee_1234',
        address: oliviaAddress(),
        items: [
          { name: 'Mechanical Keyboard', product_id: '1656367028', item_id: '1151293680', price: 272.33, options: keyboardLinear() },
          { name: 'Water Bottle', product_id: '8310926033', item_id: '6469567736', price: 47.84, options: bottleGlass() },
          { name: 'Water Bottle', product_id: '8310926033', item_id: '6469567736', price: 47.84, options: bottleGlass() },
        ],
        fulfillments: [],
        status: 'pending',
        payment_history: [{ transaction_type: 'payment', amount: 368.01, payment_method_id: 'gift_card_1111111' }],
      },
      '#W1000002': {
        order_id: '#W1000002',
        user_id: 'olivia_lee_1234',
        address: oliviaAddress(),
        items: [
          { name: 'Office Chair', product_id: '4794339885', item_id: '8426249116', price: 488.81, options: chairFabric() },
          { name: 'Water Bottle', product_id: '8310926033', item_id: '3453331371', price: 52.79, options: bottleSteel() },
        ],
        fulfillments: [{ tracking_id: ['357962501027'], item_ids: ['8426249116', '3453331371'] }],
        status: 'delivered',
        payment_history: [{ transaction_type: 'payment', amount: 541.6, payment_method_id: 'credit_card_2222222' }],
      },
      '#W1000003': {
        order_id: '#W1000003',
        user_id: 'olivia_lee_1234',
        address: oliviaAddress(),
        items: [{ name: 'Mechanical Keyboard', product_id: '1656367028', item_id: '7706410293', price: 269.16, options: keyboardClicky() }],
        fulfillments: [{ tracking_id: ['468830347216'], item_ids: ['7706410293'] }],
        status: 'processed',
        payment_history: [{ transaction_type: 'payment', amount: 269.16, payment_method_id: 'paypal_3333333' }],
      },
      '#W1000004': {
        order_id: '#W1000004',
        user_id: 'olivia_lee_1234',
        address: oliviaAddress(),
        items: [{ name: 'Water Bottle', product_id: '8310926033', item_id: '7199146548', price: 48.02, options: bottlePlastic() }],
        fulfillments: [],
        status: 'pending',
        payment_history: [{ transaction_type: 'payment', amount: 48.02, payment_method_id: 'credit_card_2222222' }],
      },
      '#W2000001': {
        order_id: '#W2000001',
        user_id: 'noah_kim_5678',
        address: noahAddress(),
        items: [{ name: 'Mechanical Keyboard', product_id: '1656367028', item_id: '1151293680', price: 272.33, options: keyboardLinear() }],
        fulfillments: [{ tracking_id: ['580826237185'], item_ids: ['1151293680'] }],
        status: 'delivered',
        payment_history: [{ transaction_type: 'payment', amount: 272.33, payment_method_id: 'credit_card_4444444' }],
      },
      '#W2000002': {
        order_id: '#W2000002',
        user_id: 'noah_kim_5678',
        address: noahAddress(),
        items: [{ name: 'Office Chair', product_id: '4794339885', item_id: '4274709903', price: 544.29, options: chairMesh() }],
        fulfillments: [],
        status: 'pending',
        payment_history: [
          { transaction_type: 'payment', amount: 44.29, payment_method_id: 'gift_card_5555555' },
          { transaction_type: 'payment', amount: 500, payment_method_id: 'credit_card_4444444' },
        ],
      },
      '#W2000003': {
        order_id: '#W2000003',
        user_id: 'noah_kim_5678',
        address: noahAddress(),
        items: [{ name: 'Water Bottle', product_id: '8310926033', item_id: '6469567736', price: 47.84, options: bottleGlass() }],
        fulfillments: [],
        status: 'cancelled',
        payment_history: [
          { transaction_type: 'payment', amount: 47.84, payment_method_id: 'credit_card_4444444' },
          { transaction_type: 'refund', amount: 47.84, payment_method_id: 'credit_card_4444444' },
        ],
        cancel_reason: 'ordered by mistake',
      },
      '#W2000004': {
        order_id: '#W2000004',
        user_id: 'noah_kim_5678',
        address: noahAddress(),
        items: [{ name: 'Water Bottle', product_id: '8310926033', item_id: '3453331371', price: 52.79, options: bottleSteel() }],
        fulfillments: [],
        status: 'pending',
        payment_history: [{ transaction_type: 'payment', amount: 52.79, payment_method_id: 'credit_card_4444444' }],
      },
    },
    products: {
      '1656367028': {
        name: 'Mechanical Keyboard',
        product_id: '1656367028',
        variants: {
          '1151293680': { item_id: '1151293680', options: keyboardLinear(), available: true, price: 272.33 },
          '7706410293': { item_id: '7706410293', options: keyboardClicky(), available: true, price: 269.16 },
          '6342039236': { item_id: '6342039236', options: { 'switch type': 'clicky', backlight: 'white', size: 'full size' }, available: false, price: 244.91 },
          '4843487907': { item_id: '4843487907', options: { 'switch type': 'tactile', backlight: 'RGB', size: '80%' }, available: true, price: 282.71 },
        },
      },
      '8310926033': {
        name: 'Water Bottle',
        product_id: '8310926033',
        variants: {
          '6469567736': { item_id: '6469567736', options: bottleGlass(), available: true, price: 47.84 },
          '3453331371': { item_id: '3453331371', options: bottleSteel(), available: true, price: 52.79 },
          '7199146548': { item_id: '7199146548', options: bottlePlastic(), available: true, price: 48.02 },
        },
      },
      '4794339885': {
        name: 'Office Chair',
        product_id: '4794339885',
        variants: {
          '8426249116': { item_id: '8426249116', options: chairFabric(), available: true, price: 488.81 },
          '4274709903': { item_id: '4274709903', options: chairMesh(), available: true, price: 544.29 },
          '3704016729': {
            item_id: '3704016729',
            options: { material: 'leather', color: 'black', armrest: 'adjustable', 'backrest height': 'high-back' },
            available: true,
            price: 601.06,
          },
        },
      },
    },
    users: {
      olivia_lee_1234: {
        name: { first_name: 'Olivia', last_name: 'Lee' },
        address: oliviaAddress(),
        email: 'olivia.lee1234@example.com',
        payment_methods: {
          gift_card_1111111: { source: 'gift_card', balance: 60.5, id: 'gift_card_1111111' },
          credit_card_2222222: { source: 'credit_card', brand: 'visa', last_four: '1234', id: 'credit_card_2222222' },
          paypal_3333333: { source: 'paypal', id: 'paypal_3333333' },
        },
        orders: ['#W1000001', '#W1000002', '#W1000003', '#W1000004'],
      },
      noah_kim_5678: {
        name: { first_name: 'Noah', last_name: 'Kim' },
        address: noahAddress(),
        email: 'Noah.Kim5678@Example.com',
        payment_methods: {
          credit_card_4444444: { source: 'credit_card', brand: 'mastercard', last_four: '9876', id: 'credit_card_4444444' },
          gift_card_5555555: { source: 'gift_card', balance: 5, id: 'gift_card_5555555' },
        },
        orders: ['#W2000001', '#W2000002', '#W2000003', '#W2000004'],
      },
      olivia_lee_9999: {
        name: { first_name: 'Olivia', last_name: 'Lee' },
        address: { address1: '9 Ocean Avenue', address2: '', city: 'Seattle', country: 'USA', state: 'WA', zip: '98101' },
        email: 'olivia.lee9999@example.com',
        payment_methods: { paypal_6666666: { source: 'paypal', id: 'paypal_6666666' } },
        orders: [],
      },
    },
  };
}

function oliviaAddress() {
  return { address1: '445 Maple Drive', address2: 'Suite 394', city: 'New York', country: 'USA', state: 'NY', zip: '10001' };
}
function noahAddress() {
  return { address1: '12 Hillcrest Drive', address2: '', city: 'San Francisco', country: 'USA', state: 'CA', zip: '94105' };
}
const keyboardLinear = () => ({ 'switch type': 'linear', backlight: 'RGB', size: 'full size' });
const keyboardClicky = () => ({ 'switch type': 'clicky', backlight: 'none', size: 'full size' });
const bottleGlass = () => ({ capacity: '1000ml', material: 'glass', color: 'blue' });
const bottleSteel = () => ({ capacity: '500ml', material: 'stainless steel', color: 'black' });
const bottlePlastic = () => ({ capacity: '750ml', material: 'plastic', color: 'black' });
const chairFabric = () => ({ material: 'fabric', color: 'black', armrest: 'fixed', 'backrest height': 'standard' });
const chairMesh = () => ({ material: 'mesh', color: 'red', armrest: 'none', 'backrest height': 'standard' });

/** A fresh state over the fixture (or over `data`, e.g. a fixture edited to be inconsistent). */
export function fixtureState(data: DomainData<RetailRecords> = fixtureData()): DomainState<RetailRecords> {
  return new DomainState(retail.createBase(retail.checkData(data, 'retail test fixture')));
}

/** Runs one tool call the way a rollout does. */
export const runTool = (state: DomainState<RetailRecords>, name: string, args: unknown): ToolExecution => retail.execute(state, { name, arguments: args });

/** The fixture with `edit` applied: for the inconsistent data under which tau-bench raises KeyError or IndexError. */
export function editedFixture(edit: (data: DomainData<RetailRecords>) => void): DomainData<RetailRecords> {
  const data = fixtureData();
  edit(data);
  return data;
}

/** Orders #W1000001, #W1000002 and #W1000004 belong to a user who does not exist. */
export const fixtureWithMissingUser = () =>
  editedFixture((data) => {
    for (const orderId of ['#W1000001', '#W1000002', '#W1000004']) data.orders[orderId]!.user_id = 'ghost_user';
  });

/** The first item of #W1000001 and of #W1000002 names a product that does not exist. */
export const fixtureWithMissingProduct = () =>
  editedFixture((data) => {
    for (const orderId of ['#W1000001', '#W1000002']) data.orders[orderId]!.items[0]!.product_id = '0000000000';
  });

/** Olivia's gift card is gone, though #W1000001 was paid with it. */
export const fixtureWithoutGiftCard = () =>
  editedFixture((data) => {
    delete data.users.olivia_lee_1234!.payment_methods.gift_card_1111111;
  });

/** "gift_card_1111111" is a paypal account without a balance. */
export const fixtureWithGiftCardWithoutBalance = () =>
  editedFixture((data) => {
    data.users.olivia_lee_1234!.payment_methods.gift_card_1111111 = { source: 'paypal', id: 'gift_card_1111111' };
  });

/** #W1000002 and #W1000004 have no payment at all. */
export const fixtureWithEmptyPaymentHistory = () =>
  editedFixture((data) => {
    data.orders['#W1000002']!.payment_history = [];
    data.orders['#W1000004']!.payment_history = [];
  });

/** The only transaction of #W1000004 is a refund. */
export const fixtureWithRefundFirst = () =>
  editedFixture((data) => {
    data.orders['#W1000004']!.payment_history[0]!.transaction_type = 'refund';
  });

/** #W1000001 holds the keyboard, the glass bottle (6469567736) and the steel bottle (3453331371). */
export const fixtureWithTwoDifferentBottles = () =>
  editedFixture((data) => {
    data.orders['#W1000001']!.items[2] = {
      name: 'Water Bottle',
      product_id: '8310926033',
      item_id: '3453331371',
      price: 52.79,
      options: { capacity: '500ml', material: 'stainless steel', color: 'black' },
    };
  });
