/**
 * The simulator's HTTP plumbing: a server on 127.0.0.1 only, bodies read up
 * to 64 KiB, answers written as MoMo writes them (JSON, no-store on tokens),
 * and a close that does not wait for keep-alive sockets.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Answer } from './types';
import { momoError } from './validation';

export const LOOPBACK = '127.0.0.1';
const BODY_LIMIT = 64 * 1024;

export interface SimServer {
  port: number;
  /** Stops listening and ends every open connection; resolves once the server is closed. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (`port` 0: any free one) and hands every request to `serve`; an error it throws is answered 500. */
export async function listenOnLoopback(port: number, serve: (request: IncomingMessage, response: ServerResponse) => Promise<void>): Promise<SimServer> {
  const server = http.createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) write(response, momoError(500, 'INTERNAL_PROCESSING_ERROR', `Simulator error: ${String(error)}`));
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  if (address.address !== LOOPBACK) {
    server.close();
    throw new Error(`The MoMo simulator refused to listen on ${address.address}.`);
  }
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open for seconds: end them now.
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

export function header(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The field as a one-key object when the body has it, else nothing (for spreading into an answer). */
export function pick(body: Record<string, unknown>, field: string): Record<string, unknown> {
  return body[field] !== undefined ? { [field]: body[field] } : {};
}

/** The body as text, or undefined beyond BODY_LIMIT. */
export function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function write(response: ServerResponse, answer: Answer): void {
  if (response.destroyed || response.writableEnded) return;
  const body = answer.text ?? (answer.json !== undefined ? JSON.stringify(answer.json) : '');
  const headers: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(body) };
  if (body) headers['Content-Type'] = 'application/json;charset=utf-8';
  if (answer.json !== undefined && (answer.json as { access_token?: unknown }).access_token !== undefined) {
    headers['Cache-Control'] = 'no-store';
    headers.Pragma = 'no-cache';
  }
  response.writeHead(answer.status, headers);
  response.end(body);
}
