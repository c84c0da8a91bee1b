import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeStripeForm, type FormObject, formString, formStringMap } from './stripe-form.js';
import { StripeState } from './stripe-state.js';
import {
  buildStripeEvent,
  type SignedDelivery,
  type StandInEvent,
  signStripeDelivery,
} from './stripe-webhook-events.js';

/**
 * A local stand-in for Stripe's API on 127.0.0.1:0, speaking its form-encoded protocol for
 * exactly the calls Hark makes: create/retrieve customers, create Checkout and Customer Portal
 * sessions, list subscriptions (with `starting_after` pagination), retrieve and list prices,
 * invoices, refunds, credit notes and checkout sessions. Its billing (invoices on start and
 * renewal, failed payments, trials, upgrades, refunds) is driven through `state`, on `state.clock`. It keeps state, records every
 * request, honours idempotency keys, and can inject failures and latency. Point stripe-node at it
 * with host 127.0.0.1, its port and protocol http (STRIPE_API_BASE=stand-in url).
 */
export interface RecordedStripeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: FormObject;
  contentType: string | undefined;
  idempotencyKey: string | undefined;
}

interface Answer {
  status: number;
  body: unknown;
}

export const STAND_IN_SECRET_KEY = 'sk_test_standin';
export const STAND_IN_WEBHOOK_SECRET = 'whsec_standin';

const stripeError = (status: number, message: string, type = 'invalid_request_error'): Answer => ({
  status,
  body: { error: { type, message } },
});

/** One page of a list, newest first, with Stripe's `limit`, `starting_after` and `created[gte|lt]`. */
function listPage(
  all: { id: string; created: number }[],
  query: Record<string, string>,
  url: string,
): Answer {
  const limit = Math.min(Math.max(Number(query.limit ?? 10), 1), 100);
  const gte = Number(query['created[gte]'] ?? Number.NEGATIVE_INFINITY);
  const lt = Number(query['created[lt]'] ?? Number.POSITIVE_INFINITY);
  const inRange = all.filter((object) => object.created >= gte && object.created < lt);
  const after = query.starting_after;
  const start = after ? inRange.findIndex((object) => object.id === after) + 1 : 0;
  if (after && start === 0) return stripeError(400, `No such object: '${after}'`);
  const data = inRange.slice(start, start + limit);
  return { status: 200, body: { object: 'list', data, has_more: start + limit < inRange.length, url } };
}

const newestFirst = <T>(objects: Iterable<T>): T[] => [...objects].reverse();

export class StripeStandIn {
  readonly state: StripeState;
  readonly requests: RecordedStripeRequest[] = [];
  readonly secretKey = STAND_IN_SECRET_KEY;
  readonly webhookSecret = STAND_IN_WEBHOOK_SECRET;
  /** Delay of subscription list answers, to widen race windows in concurrency tests. */
  listLatencyMs = 0;
  private readonly idempotent = new Map<string, { body: string; answer: Answer }>();
  private readonly faults: { pathPrefix: string; remaining: number; status: number }[] = [];
  private readonly listsInFlight = new Map<string, number>();
  private maxListsInFlight = 0;
  private readonly server = createServer((request, response) => void this.handle(request, response));

  private constructor() {
    this.state = new StripeState(() => this.url);
  }

  static async start(): Promise<StripeStandIn> {
    const standIn = new StripeStandIn();
    standIn.server.listen(0, '127.0.0.1');
    await once(standIn.server, 'listening');
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next `times` requests whose path starts with `pathPrefix` fail with `status` (not retried by the SDK). */
  failNext(pathPrefix: string, times: number, status = 500): void {
    this.faults.push({ pathPrefix, remaining: times, status });
  }

  /** Stripe works again: injected failures not used up yet are dropped. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Most subscription lists for one customer that were ever in flight at once. */
  get maxConcurrentListsPerCustomer(): number {
    return this.maxListsInFlight;
  }

  requestsTo(method: string, path: string): RecordedStripeRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  /**
   * An event about `object` as it is now, and its signed delivery (signed now unless a timestamp
   * is given). `created` (unix seconds) dates the event itself, for tests that move a clock.
   */
  event(
    type: string,
    object: unknown,
    options: { timestamp?: number; secret?: string; created?: number } = {},
  ) {
    const event = buildStripeEvent(type, object, options.created ?? this.state.now());
    return { event, delivery: this.sign(event, options) };
  }

  sign(event: StandInEvent, options: { timestamp?: number; secret?: string } = {}): SignedDelivery {
    return signStripeDelivery(event, options.secret ?? this.webhookSecret, options);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const recorded: RecordedStripeRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form: decodeStripeForm(rawBody),
      contentType: request.headers['content-type'],
      idempotencyKey: header(request, 'idempotency-key'),
    };
    this.requests.push(recorded);
    const answer = await this.answer(recorded, rawBody, request.headers.authorization);
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': `req_standin_${this.requests.length}`,
      // Injected faults are final: the SDK's own retries must not hide them from the service.
      ...(answer.status >= 500 ? { 'stripe-should-retry': 'false' } : {}),
    });
    response.end(JSON.stringify(answer.body));
  }

  private async answer(
    request: RecordedStripeRequest,
    rawBody: string,
    authorization?: string,
  ): Promise<Answer> {
    if (authorization !== `Bearer ${this.secretKey}`) return stripeError(401, 'Invalid API Key provided');
    const fault = this.faults.find(
      (candidate) => candidate.remaining > 0 && request.path.startsWith(candidate.pathPrefix),
    );
    if (fault) {
      fault.remaining -= 1;
      return stripeError(fault.status, 'stand-in: injected failure', 'api_error');
    }
    const key = request.idempotencyKey ? `${request.method} ${request.path} ${request.idempotencyKey}` : null;
    const earlier = key ? this.idempotent.get(key) : undefined;
    if (earlier) {
      if (earlier.body === rawBody) return earlier.answer;
      return stripeError(
        400,
        'Keys for idempotent requests can only be used with the same parameters',
        'idempotency_error',
      );
    }
    const answer = await this.route(request);
    if (key && answer.status < 500) this.idempotent.set(key, { body: rawBody, answer });
    return answer;
  }

  private async route(request: RecordedStripeRequest): Promise<Answer> {
    const { method, path, form } = request;
    if (method === 'POST' && path === '/v1/customers') {
      const customer = this.state.createCustomer({
        email: formString(form, 'email'),
        name: formString(form, 'name'),
        metadata: formStringMap(form, 'metadata'),
      });
      return { status: 200, body: customer };
    }
    const customerId = /^\/v1\/customers\/([\w-]+)$/.exec(path)?.[1];
    if (method === 'GET' && customerId) {
      const customer = this.state.customers.get(customerId);
      return customer
        ? { status: 200, body: customer }
        : stripeError(404, `No such customer: '${customerId}'`);
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createCheckout(form);
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const customer = formString(form, 'customer');
      if (!customer || !this.state.customers.has(customer))
        return stripeError(400, `No such customer: '${customer}'`);
      return {
        status: 200,
        body: this.state.createPortalSession(customer, formString(form, 'return_url') ?? null),
      };
    }
    if (method === 'GET' && path === '/v1/subscriptions') return this.listSubscriptions(request.query);
    if (method === 'GET') return this.readBilling(path, request.query);
    return stripeError(404, `Unrecognized request URL (${method}: ${path})`);
  }

  private createCheckout(form: FormObject): Answer {
    const customer = formString(form, 'customer') ?? null;
    if (customer && !this.state.customers.has(customer))
      return stripeError(400, `No such customer: '${customer}'`);
    if (formString(form, 'mode') !== 'subscription')
      return stripeError(400, 'stand-in supports mode=subscription only');
    const price = formString(form, 'line_items', '0', 'price') ?? null;
    if (!price) return stripeError(400, 'Missing required param: line_items[0][price]');
    const session = this.state.createCheckoutSession({
      mode: 'subscription',
      customer,
      client_reference_id: formString(form, 'client_reference_id') ?? null,
      metadata: formStringMap(form, 'metadata'),
      subscription_metadata: formStringMap(form, 'subscription_data', 'metadata'),
      price,
      success_url: formString(form, 'success_url') ?? null,
      cancel_url: formString(form, 'cancel_url') ?? null,
    });
    return { status: 200, body: session };
  }

  /** Retrieve and list prices, subscriptions, invoices, refunds, credit notes and checkout sessions. */
  private readBilling(path: string, query: Record<string, string>): Answer {
    const { state } = this;
    const stores: Record<string, { name: string; objects: Map<string, { id: string; created: number }> }> = {
      prices: { name: 'price', objects: state.prices },
      subscriptions: { name: 'subscription', objects: state.subscriptions },
      invoices: { name: 'invoice', objects: state.invoices },
      refunds: { name: 'refund', objects: state.refunds },
      credit_notes: { name: 'credit_note', objects: state.creditNotes },
      'checkout/sessions': { name: 'checkout session', objects: state.checkoutSessions },
    };
    const match =
      /^\/v1\/(prices|subscriptions|invoices|refunds|credit_notes|checkout\/sessions)(?:\/([\w-]+))?$/.exec(
        path,
      );
    const store = match ? stores[match[1]!] : undefined;
    if (!match || !store) return stripeError(404, `Unrecognized request URL (GET: ${path})`);
    const id = match[2];
    if (id) {
      const object = store.objects.get(id);
      return object ? { status: 200, body: object } : stripeError(404, `No such ${store.name}: '${id}'`);
    }
    if (match[1] === 'invoices') {
      const filter = { customer: query.customer, status: query.status, subscription: query.subscription };
      return listPage(state.listInvoices(filter), query, '/v1/invoices');
    }
    const all = newestFirst(store.objects.values()).filter(
      (object) => !query.customer || (object as { customer?: string }).customer === query.customer,
    );
    return listPage(all, query, `/v1/${match[1]}`);
  }

  private async listSubscriptions(query: Record<string, string>): Promise<Answer> {
    const customer = query.customer;
    if (customer) this.enterList(customer);
    try {
      if (this.listLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.listLatencyMs));
      const all = this.state.listSubscriptions({ customer, status: query.status });
      return listPage(all, query, '/v1/subscriptions');
    } finally {
      if (customer) this.listsInFlight.set(customer, (this.listsInFlight.get(customer) ?? 1) - 1);
    }
  }

  private enterList(customer: string): void {
    const inFlight = (this.listsInFlight.get(customer) ?? 0) + 1;
    this.listsInFlight.set(customer, inFlight);
    this.maxListsInFlight = Math.max(this.maxListsInFlight, inFlight);
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
