import type { Server, Socket } from "node:net";
import { clientOf } from "./client-address.js";

/** What this process's listener has refused, for /metrics (per process, never sent to Redis). */
export type ConnectionStats = { refused: number };

/**
 * Caps the connections one address holds open at once (IPv6 by /64): over the cap a new
 * connection is closed before a byte of it is read, so one client cannot hold thousands of
 * half-sent requests. The cap sees the socket's address, which behind a reverse proxy is the
 * proxy's: there the proxy must cap per client, and this cap stays off (0).
 */
export function capConnectionsPerAddress(server: Server, max: number, stats: ConnectionStats): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    if (!socket.remoteAddress) return; // already gone
    const who = clientOf(socket.remoteAddress);
    const held = open.get(who) ?? 0;
    if (held >= max) {
      stats.refused++;
      socket.destroy();
      return;
    }
    open.set(who, held + 1);
    socket.once("close", () => {
      const left = (open.get(who) ?? 1) - 1;
      if (left > 0) open.set(who, left);
      else open.delete(who);
    });
  });
}
