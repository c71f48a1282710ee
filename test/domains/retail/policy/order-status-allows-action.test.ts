import { describe, expect, it } from 'vitest';
import { orderStatusAllowsAction } from '../../../../domains/retail/policy/order-status-allows-action.ts';
import { cancel, changeOrderAddress, changePayment, check, firstOrder, originalPayment, otherOptions, paymentMethods, returnItems, swapItems, userOf, withStatus } from './policy-fixtures.ts';

const tellInstead = 'Tell the user so instead of calling the tool.';
const pending = firstOrder((order) => order.status === 'pending' && order.items.some((item) => otherOptions(item.product_id, item.item_id).length > 0), 'pending order with an item that has other options');
const delivered = withStatus('delivered');
const processed = withStatus('processed');
const cancelled = withStatus('cancelled');
const swappable = pending.items.find((item) => otherOptions(item.product_id, item.item_id).length > 0)!;

describe('order-status-allows-action', () => {
  it('passes when pending orders are cancelled or modified and delivered orders returned or exchanged', () => {
    expect(check(orderStatusAllowsAction, pending.user_id, [changeOrderAddress(pending), cancel(pending)])).toEqual([]);
    expect(check(orderStatusAllowsAction, delivered.user_id, [returnItems(delivered, [delivered.items[0]!.item_id], originalPayment(delivered))])).toEqual([]);
  });

  it('names a cancellation or modification of an order that is not pending', () => {
    expect(check(orderStatusAllowsAction, processed.user_id, [cancel(processed)])).toEqual([
      { actionIndex: 0, message: `cancel_pending_order on order ${processed.order_id} acts on an order whose status is 'processed': only pending orders can be cancelled. ${tellInstead}` },
    ]);
    expect(check(orderStatusAllowsAction, delivered.user_id, [changeOrderAddress(delivered)])).toEqual([
      { actionIndex: 0, message: `modify_pending_order_address on order ${delivered.order_id} acts on an order whose status is 'delivered': only pending orders can be modified. ${tellInstead}` },
    ]);
    const otherMethod = paymentMethods(userOf(cancelled)).find((method) => method.id !== originalPayment(cancelled))?.id ?? originalPayment(cancelled);
    expect(check(orderStatusAllowsAction, cancelled.user_id, [changePayment(cancelled, otherMethod)])).toEqual([
      { actionIndex: 0, message: `modify_pending_order_payment on order ${cancelled.order_id} acts on an order whose status is 'cancelled': only pending orders can be modified. ${tellInstead}` },
    ]);
  });

  it('names a return or exchange of an order that is not delivered', () => {
    const item = pending.items[0]!;
    expect(check(orderStatusAllowsAction, pending.user_id, [returnItems(pending, [item.item_id], originalPayment(pending))])).toEqual([
      { actionIndex: 0, message: `return_delivered_order_items on order ${pending.order_id} acts on an order whose status is 'pending': only delivered orders can be returned. ${tellInstead}` },
    ]);
    expect(check(orderStatusAllowsAction, processed.user_id, [swapItems('exchange_delivered_order_items', processed, [processed.items[0]!.item_id], [processed.items[0]!.item_id], originalPayment(processed))])).toEqual([
      { actionIndex: 0, message: `exchange_delivered_order_items on order ${processed.order_id} acts on an order whose status is 'processed': only delivered orders can be exchanged. ${tellInstead}` },
    ]);
  });

  it('says why an order whose items were modified can be neither modified nor cancelled', () => {
    const replacement = otherOptions(swappable.product_id, swappable.item_id)[0]!;
    const modify = swapItems('modify_pending_order_items', pending, [swappable.item_id], [replacement.item_id], originalPayment(pending));
    const locked = "acts on an order whose status is 'pending (item modified)': its items were already modified, and after that it can be neither modified nor cancelled.";
    expect(check(orderStatusAllowsAction, pending.user_id, [modify, changeOrderAddress(pending), cancel(pending)])).toEqual([
      { actionIndex: 1, message: `modify_pending_order_address on order ${pending.order_id} ${locked} ${tellInstead}` },
      { actionIndex: 2, message: `cancel_pending_order on order ${pending.order_id} ${locked} ${tellInstead}` },
    ]);
  });

  it('leaves calls on orders that do not exist to the tool', () => {
    expect(check(orderStatusAllowsAction, pending.user_id, [cancel({ order_id: '#W0000000' })])).toEqual([]);
  });
});
