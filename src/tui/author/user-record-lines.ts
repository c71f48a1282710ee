import type { Reservation, User as AirlineUser } from '../../../domains/airline/schema.ts';
import type { Order, User as RetailUser } from '../../../domains/retail/schema.ts';
import { DomainState, type BaseState, type DeepReadonly } from '../../domain-kit/index.ts';
import { personName } from './user-directory.ts';

type PaymentMethod = { source: string; id: string; brand?: string; last_four?: string; balance?: number; amount?: number };

const money = (amount: number) => `$${amount}`;

function describePaymentMethod(method: PaymentMethod): string {
  if (method.source === 'credit_card') return `${method.id} (${method.brand ?? 'card'} ${method.last_four ?? ''})`.replace(' )', ')');
  if (method.source === 'gift_card') return `${method.id} (gift card ${money(method.balance ?? method.amount ?? 0)})`;
  if (method.source === 'certificate') return `${method.id} (certificate ${money(method.amount ?? 0)})`;
  return method.id;
}

const paymentLine = (methods: Readonly<Record<string, DeepReadonly<PaymentMethod>>>) => `payment: ${Object.values(methods).map((method) => describePaymentMethod(method as PaymentMethod)).join(' · ') || '(none)'}`;

function addressText(address: Readonly<Record<string, unknown>> | undefined): string {
  if (!address) return '';
  const part = (key: string) => (typeof address[key] === 'string' ? (address[key] as string) : '');
  return [part('address1'), part('address2'), `${part('city')} ${part('state')} ${part('zip')}`.trim(), part('country')].filter(Boolean).join(', ');
}

function retailLines(state: DomainState, userId: string, user: DeepReadonly<RetailUser>): string[] {
  const lines = [`${personName(user.name)} <${user.email}> · ${addressText(user.address)}`, paymentLine(user.payment_methods)];
  lines.push(`orders (${user.orders.length}):`);
  for (const orderId of user.orders) {
    const order = state.get('orders', orderId) as DeepReadonly<Order> | undefined;
    if (!order) {
      lines.push(`${orderId} (not in the data)`);
      continue;
    }
    const paid = order.payment_history.filter((entry) => entry.transaction_type === 'payment').reduce((sum, entry) => sum + entry.amount, 0);
    const owner = order.user_id === userId ? '' : ` (user ${order.user_id})`;
    lines.push(`${order.order_id} ${order.status} · ${order.items.length} item(s) · paid ${money(Math.round(paid * 100) / 100)}${owner}`);
    for (const item of order.items) lines.push(`  ${item.item_id} ${item.name} (${Object.values(item.options).join(', ')}) ${money(item.price)} · product ${item.product_id}`);
  }
  return lines;
}

function airlineLines(state: DomainState, user: DeepReadonly<AirlineUser>): string[] {
  const lines = [`${personName(user.name)} <${user.email}> · ${user.membership} member · born ${user.dob}`, paymentLine(user.payment_methods as Record<string, PaymentMethod>)];
  if (user.saved_passengers.length > 0) lines.push(`saved passengers: ${user.saved_passengers.map((passenger) => `${personName(passenger)} (${passenger.dob})`).join(' · ')}`);
  lines.push(`reservations (${user.reservations.length}):`);
  for (const reservationId of user.reservations) {
    const reservation = state.get('reservations', reservationId) as DeepReadonly<Reservation> | undefined;
    if (!reservation) {
      lines.push(`${reservationId} (not in the data)`);
      continue;
    }
    const status = reservation.status ? ` · ${reservation.status}` : '';
    lines.push(
      `${reservation.reservation_id} ${reservation.origin}->${reservation.destination} ${reservation.flight_type} ${reservation.cabin} · ${reservation.passengers.length} passenger(s) · bags ${reservation.total_baggages} (${reservation.nonfree_baggages} paid) · insurance ${reservation.insurance}${status}`,
    );
    for (const flight of reservation.flights) lines.push(`  ${flight.flight_number} ${flight.date} ${flight.origin}->${flight.destination} ${money(flight.price)}`);
  }
  return lines;
}

/**
 * The user's records, compactly, one line each: retail shows the orders with their status and items
 * (item ids, for forms), airline the reservations with their flights; both show payment methods.
 * Another domain gets the user record as JSON.
 */
export function describeUserRecords(domainName: string, base: BaseState, userId: string): string[] {
  const state = new DomainState(base);
  const user = base.hasCollection('users') ? state.get('users', userId) : undefined;
  if (!user) return [`no user "${userId}" in the data`];
  if (domainName === 'retail') return retailLines(state, userId, user as DeepReadonly<RetailUser>);
  if (domainName === 'airline') return airlineLines(state, user as DeepReadonly<AirlineUser>);
  return JSON.stringify(user, null, 1).split('\n');
}
