/**
 * A TCP port nothing listens on, so that a test run, a load test or a benchmark does not collide with another
 * app, a development server or a second run on the same machine.
 */
import net from "node:net";

function connectable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

/** The first port in [from, to] nothing listens on (neither on 127.0.0.1 nor on any address). */
export async function freePort(from = 3300, to = 3399): Promise<number> {
  for (let port = from; port <= to; port++) {
    if (!(await connectable(port)) && (await listenable(port))) return port;
  }
  throw new Error(`no free port in ${from}–${to}: stop what listens there, or set the port explicitly`);
}
