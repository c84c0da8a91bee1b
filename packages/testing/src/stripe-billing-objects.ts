/**
 * The billing objects of the Stripe stand-in (prices, invoices, refunds, credit notes), shaped as
 * stripe-node 23 types them (API 2025-03-31 and later): an invoice names its subscription in
 * `parent.subscription_details`, its lines name their price in `pricing.price_details.price`,
 * and its payments (`payments`, expandable) name the PaymentIntent a refund points at.
 */
export type PriceInterval = 'day' | 'week' | 'month' | 'year';

export interface StandInPrice {
  id: string;
  object: 'price';
  active: true;
  created: number;
  currency: string;
  unit_amount: number;
  product: string;
  type: 'recurring';
  recurring: { interval: PriceInterval; interval_count: number; usage_type: 'licensed' };
  livemode: false;
}

export interface StandInInvoiceLine {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  invoice: string;
  quantity: number;
  period: { start: number; end: number };
  pricing: {
    type: 'price_details';
    price_details: { price: string; product: string };
    unit_amount_decimal: string;
  };
  parent: {
    type: 'subscription_item_details';
    subscription_item_details: { subscription: string; subscription_item: string; proration: false };
  };
  subscription: string;
  livemode: false;
  metadata: Record<string, string>;
}

export type StandInInvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface StandInInvoice {
  id: string;
  object: 'invoice';
  customer: string;
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  subtotal: number;
  total: number;
  attempt_count: number;
  attempted: boolean;
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update';
  collection_method: 'charge_automatically';
  created: number;
  period_start: number;
  period_end: number;
  status: StandInInvoiceStatus;
  status_transitions: {
    finalized_at: number | null;
    paid_at: number | null;
    marked_uncollectible_at: null;
    voided_at: null;
  };
  parent: {
    type: 'subscription_details';
    quote_details: null;
    subscription_details: { subscription: string; metadata: Record<string, string> };
  };
  lines: { object: 'list'; data: StandInInvoiceLine[]; has_more: false; url: string };
  payments: {
    object: 'list';
    data: {
      id: string;
      object: 'invoice_payment';
      amount_paid: number | null;
      amount_requested: number;
      currency: string;
      invoice: string;
      is_default: true;
      payment: { type: 'payment_intent'; payment_intent: string };
      status: 'open' | 'paid';
      created: number;
      livemode: false;
    }[];
    has_more: false;
    url: string;
  };
  metadata: Record<string, string>;
  livemode: false;
}

export interface StandInRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge: null;
  customer: string;
  payment_intent: string;
  created: number;
  status: 'succeeded';
  reason: null;
  metadata: Record<string, string>;
}

export interface StandInCreditNote {
  id: string;
  object: 'credit_note';
  amount: number;
  total: number;
  subtotal: number;
  currency: string;
  customer: string;
  invoice: string;
  created: number;
  effective_at: number;
  out_of_band_amount: number | null;
  post_payment_amount: number;
  pre_payment_amount: number;
  refunds: { refund: string; amount_refunded: number; type: 'payment_record_refund' | null }[];
  status: 'issued';
  type: 'post_payment';
  reason: null;
  memo: null;
  metadata: Record<string, string>;
  livemode: false;
}
