/** Loopback helpers for tests that need MTN to be unreachable. */
import net from 'node:net';

/** A port on 127.0.0.1 where nothing listens (taken, then let go): a connection to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
