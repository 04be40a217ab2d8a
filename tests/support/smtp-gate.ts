import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of an SMTP server that can be closed for a while: while closed, its port
 * refuses connections (and the connections it had are cut), as an SMTP server that is down would.
 */
export interface SmtpGate {
  smtpUrl: string;
  readonly open: boolean;
  /** Connections refused by a closed gate are not counted (the kernel refuses them); cut ones are. */
  readonly cut: number;
  close(): Promise<void>;
  reopen(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSmtpGate(target: string): Promise<SmtpGate> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<net.Socket>();
  let cut = 0;
  let server = createRelay();
  let open = true;

  function createRelay(): net.Server {
    return net.createServer((client) => {
      const upstream = net.connect(Number(targetPort), hostname);
      sockets.add(client);
      sockets.add(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const close = async () => {
    if (!open) return;
    open = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    cut += [...sockets].length / 2;
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    get open() {
      return open;
    },
    get cut() {
      return cut;
    },
    close,
    async reopen() {
      if (open) return;
      server = createRelay();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
      open = true;
    },
    stop: close,
  };
}
