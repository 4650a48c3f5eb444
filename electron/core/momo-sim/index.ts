/**
 * A MoMo sandbox simulator: an HTTP server on 127.0.0.1 that answers every
 * call the client makes the way MTN's sandbox does (docs/momo.md "Sandbox
 * behaviour"), with fault injection for tests. Training mode runs on it.
 *
 * Status is computed from the clock (`now`) at each GET, so no timers run
 * between requests; memory is bounded (oldest transactions are forgotten).
 * This file wires the parts (README.md names them) and serves a request:
 * route, fault, gateway, then the product's handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountRoutes } from './accounts';
import { createAuth } from './auth';
import { collectionRoutes } from './collection';
import { disbursementRoutes } from './disbursement';
import { createFaults, faultAnswer } from './faults';
import type { Timing } from './outcomes';
import { findRoute } from './routes';
import { listenOnLoopback, LOOPBACK, readBody, write } from './server';
import { createBook, type ProductContext } from './transactions';
import type { Answer, Handler, MomoSimulator, MomoSimulatorOptions, SimProduct } from './types';
import { checkMoney, GATEWAY, productionTextRefusal } from './validation';
import { createWallet } from './wallet';

export { REQUEST_TO_PAY_OUTCOMES, TRANSFER_OUTCOMES, INACTIVE_ACCOUNTS, type OutcomeOverride } from './outcomes';
export type { FaultKind, FaultRule, MomoSimulator, MomoSimulatorOptions, ReceivedRequestToPay, SimProduct, SimProfile, SimulatorStats } from './types';
export { LOOPBACK } from './server';

const DEFAULT_SLOW_MS = 2_000;

export async function startMomoSimulator(options: MomoSimulatorOptions = {}): Promise<MomoSimulator> {
  if (options.host !== undefined && options.host !== LOOPBACK) {
    throw new Error(`The MoMo simulator listens on ${LOOPBACK} only, not on ${options.host}.`);
  }
  const now = options.now ?? Date.now;
  const timing: Timing = {
    approvalDelayMs: options.approvalDelayMs ?? 3_000,
    slowApprovalDelayMs: options.slowApprovalDelayMs ?? 20_000,
    disbursementDelayMs: options.disbursementDelayMs ?? 0,
  };
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath && !basePath.startsWith('/')) throw new Error('basePath must start with "/".');
  const currencies = options.currencies ? new Set(options.currencies) : undefined;
  const production = options.profile === 'production';

  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));

  const counters = { requests: 0 };
  const byOperation: Record<string, number> = {};
  const faults = createFaults(options.faults);
  const auth = createAuth(options, now);
  const book = createBook({ options, now, users: auth.users, later });
  const products: ProductContext = {
    options,
    timing,
    book,
    textRefusal: (body, required, optional = []) => (production ? productionTextRefusal(body, required, optional) : undefined),
    checkMoney: (amount, currency) => checkMoney(amount, currency, currencies),
  };
  const handlers: Record<string, Handler> = {
    ...auth.handlers,
    ...collectionRoutes(products),
    ...accountRoutes(products, createWallet(options.openingBalance ?? '1000000')),
    ...disbursementRoutes(products),
  };

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    counters.requests += 1;
    let path = new URL(request.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (basePath) {
      if (!path.startsWith(`${basePath}/`)) return write(response, { status: 404, json: GATEWAY.notFound });
      path = path.slice(basePath.length);
    }
    const matched = findRoute(request.method, path);
    if (!matched) {
      byOperation.unknown = (byOperation.unknown ?? 0) + 1;
      return write(response, { status: 404, json: GATEWAY.notFound });
    }
    const { route, found } = matched;
    const product: SimProduct = route.product === 'from-path' ? (found[1] as SimProduct) : route.product;
    byOperation[route.operation] = (byOperation[route.operation] ?? 0) + 1;

    const fault = faults.take(route.operation, product);
    if (fault?.kind === 'drop-before') {
      request.socket.destroy();
      return;
    }
    if (fault && (fault.kind === 'http500' || fault.kind === 'http503' || fault.kind === 'unauthorized')) return write(response, faultAnswer(fault));
    if ((product === 'collection' || product === 'disbursement') && options.notWhitelisted?.includes(product)) return write(response, { status: 403, json: GATEWAY.forbidden });

    const bodyText = await readBody(request);
    let answer: Answer;
    if (bodyText === undefined) {
      answer = { status: 413, json: { statusCode: 413, message: 'Request body too large.' } };
    } else {
      const allowed = auth.authorise(route, product, request.headers);
      book.beginRequest(path.includes('/v2_0/') ? 2 : 1);
      answer = 'status' in allowed ? allowed : handlers[route.operation]!(found, request.headers, bodyText, allowed.apiUser);
      book.endRequest();
    }
    if (fault?.kind === 'drop-after') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'malformed') answer = faultAnswer(fault);
    if (fault?.kind === 'slow') await sleep(fault.delayMs ?? DEFAULT_SLOW_MS);
    write(response, answer);
  }

  const server = await listenOnLoopback(options.port ?? 0, serve);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${server.port}${basePath}`,
    port: server.port,
    close() {
      closing ??= (() => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        book.closeCallbacks();
        return server.close();
      })();
      return closing;
    },
    injectFault: faults.inject,
    clearFaults: faults.clear,
    decide: book.decide,
    requestToPayCount: (referenceId) => book.postsReceived('requestToPay', referenceId),
    postsReceived: (kind, referenceId) => book.postsReceived(kind, referenceId),
    requestsToPay: () => book.receivedOf('requestToPay'),
    invoices: () => book.receivedOf('invoice'),
    deliveryNotifications: (referenceId) => [...(book.notifications.get(referenceId) ?? [])],
    tokenRequests: auth.tokenRequests,
    callbacksSent: book.callbacksSent,
    stats: () => ({
      requests: counters.requests,
      byOperation: { ...byOperation },
      transactions: book.transactions.size,
      tokensIssued: auth.tokensIssued(),
      users: auth.users.size,
      faultsApplied: faults.applied(),
      faultsPending: faults.pending(),
    }),
  };
}
