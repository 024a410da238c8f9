/**
 * A TCP proxy on loopback to put between the service and a server (PostgreSQL) and cut at will:
 * `cut()` resets every open connection and every new one until `restore()`, the way a network
 * partition or a dead server looks to the client.
 */
import { createServer, connect, type Socket } from "node:net";

export type TcpProxy = { port: number; cut(): void; restore(): void; close(): Promise<void>; readonly connections: number };

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let down = false;
  const kill = (s: Socket) => (s.destroyed ? undefined : s.resetAndDestroy());
  const server = createServer((client) => {
    if (down) return void kill(client);
    const upstream = connect(target.port, target.host);
    open.add(client).add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      kill(client);
      kill(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const cut = () => {
    down = true;
    for (const s of [...open]) kill(s);
    open.clear();
  };
  return {
    port: (server.address() as { port: number }).port,
    get connections() {
      return open.size / 2;
    },
    cut,
    restore() {
      down = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
