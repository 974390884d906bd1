import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";

interface Named {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A server that answers its name, echoes a POST's body, and is ready when told. */
async function namedServer(name: string, port = 0): Promise<Named> {
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    response.writeHead(200, { "content-type": "text/plain", "x-served-by": name });
    response.end(request.method === "POST" ? `${name}:${Buffer.concat(chunks).toString()}` : name);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  const bound = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function text(proxy: RoundRobinProxy, init?: RequestInit): Promise<string> {
  const answer = await fetch(`${proxy.url}/anything`, init);
  return answer.text();
}

describe("the round-robin proxy", () => {
  it("sends requests to each server in turn, bodies included", async () => {
    const a = await namedServer("a");
    const b = await namedServer("b");
    const proxy = await startRoundRobinProxy([a, b]);
    open.push(a, b, proxy);
    const served = [];
    for (let i = 0; i < 4; i++) served.push(await text(proxy));
    expect(served).toEqual(["a", "b", "a", "b"]);
    expect(await text(proxy, { method: "POST", body: "hello" })).toBe("a:hello");
    expect(proxy.counts()).toEqual({ byBackend: { [a.url]: 3, [b.url]: 2 }, badGateway: 0 });
  });

  it("sends everything to the server left when one refuses connections, and takes it back once it is ready", async () => {
    const a = await namedServer("a");
    let b: Named | null = await namedServer("b");
    const bPort = b.port;
    const proxy = await startRoundRobinProxy([a, b], { recheckMs: 50 });
    open.push(a, proxy);
    await b.close();
    b = null;
    const served = [];
    for (let i = 0; i < 4; i++) served.push(await text(proxy));
    expect(served).toEqual(["a", "a", "a", "a"]);
    expect(proxy.counts().badGateway).toBe(0);

    b = await namedServer("b", bPort);
    open.push(b);
    const deadline = Date.now() + 10_000;
    let seen = new Set<string>();
    while (!seen.has("b") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      seen = new Set([await text(proxy), await text(proxy)]);
    }
    expect(seen).toEqual(new Set(["a", "b"]));
  });

  it("answers 502 when no server is up", async () => {
    const a = await namedServer("a");
    const proxy = await startRoundRobinProxy([a]);
    open.push(proxy);
    await a.close();
    const answer = await fetch(`${proxy.url}/`);
    expect(answer.status).toBe(502);
    await answer.text();
    expect(proxy.counts().badGateway).toBe(1);
  });
});
