/**
 * A real DNS server on this machine for the tests (the npm package dns2, over UDP): it answers TXT queries from
 * a table the test fills — in memory, or from a JSON file the e2e specs write to (`recordsFile`) — and NXDOMAIN
 * for anything else. The app asks it through Node's own resolver (DNS_SERVERS=127.0.0.1:<port>), exactly as it
 * asks a municipality's name servers in production.
 */
import { existsSync, readFileSync } from "node:fs";
import dns2 from "dns2";

const { Packet } = dns2;

export type TestDnsServer = {
  port: number;
  /** `host:port`, for DNS_SERVERS. */
  server: string;
  /** Publishes (or replaces) the TXT records of a name. */
  setTxt(name: string, values: string[]): void;
  close(): Promise<void>;
};

export async function startTestDnsServer(
  options: { port?: number; recordsFile?: string } = {},
): Promise<TestDnsServer> {
  const records = new Map<string, string[]>();
  const lookup = (name: string): string[] | undefined => {
    const key = name.toLowerCase().replace(/\.$/, "");
    if (options.recordsFile && existsSync(options.recordsFile)) {
      const fromFile = JSON.parse(readFileSync(options.recordsFile, "utf8")) as Record<string, string[]>;
      if (fromFile[key]) return fromFile[key];
    }
    return records.get(key);
  };
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const values = question && question.type === Packet.TYPE.TXT ? lookup(question.name) : undefined;
      if (question && values) {
        for (const value of values) {
          // dns2's own example pushes plain records; its typings ask for a method the encoder does not use.
          const record = { name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data: value };
          response.answers.push(record as unknown as (typeof response.answers)[number]);
        }
      } else {
        response.header.rcode = 3; // NXDOMAIN
      }
      void send(response);
    },
  });
  await server.listen({ udp: { port: options.port ?? 0, address: "127.0.0.1" } });
  const address = server.addresses().udp;
  if (!address) throw new Error("the test DNS server did not start");
  const port = address.port;
  return {
    port,
    server: `127.0.0.1:${port}`,
    setTxt: (name, values) => void records.set(name.toLowerCase(), values),
    close: () => server.close(),
  };
}
