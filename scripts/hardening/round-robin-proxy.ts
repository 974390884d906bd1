/**
 * A small load balancer on loopback, as the hardening run needs one in front
 * of two app servers: each request goes to the next server in turn. Like
 * nginx's default, a request whose connection a server refuses (it is down)
 * is sent to the next one, since nothing of it reached the first; a server
 * that refused is left out until its readiness check answers again. A server
 * that dies with a request in flight leaves that request without an answer
 * (502), as a real balancer would: the client's retry is what carries it.
 */
import http from "node:http";

export interface Backend {
  url: string;
}

export interface RoundRobinProxy {
  readonly url: string;
  /** Requests forwarded to each backend (by URL), and the 502s answered. */
  counts(): { byBackend: Record<string, number>; badGateway: number };
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

function forwardedHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

export async function startRoundRobinProxy(
  backends: readonly Backend[],
  options: { port?: number; readyPath?: string; recheckMs?: number } = {},
): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error("a proxy needs at least one backend");
  const readyPath = options.readyPath ?? "/api/ready";
  const recheckMs = options.recheckMs ?? 1_000;
  const down = new Set<string>();
  const byBackend: Record<string, number> = Object.fromEntries(backends.map((b) => [b.url, 0]));
  let badGateway = 0;
  let next = 0;

  // A new connection per request: a kept-alive one can be closed by the
  // server's idle timeout just as a request goes out on it, a 502 that says
  // nothing about the app (balancers avoid it by timing out idle upstream
  // connections first; on loopback a connection costs next to nothing).
  const agent = new http.Agent({ keepAlive: false, maxSockets: 256 });

  const recheck = setInterval(() => {
    for (const url of down) {
      // The timeout covers reading the body too: every step stays in this
      // chain, so that a slow answer is one more failed check, never an
      // unhandled rejection.
      fetch(new URL(readyPath, url), { signal: AbortSignal.timeout(2_000) })
        .then(async (answer) => {
          await answer.arrayBuffer();
          if (answer.ok) down.delete(url);
        })
        .catch(() => {});
    }
  }, recheckMs);
  recheck.unref();

  /** The next backend believed up, in turn; if all are down, the next in turn anyway. */
  function pick(excluding: ReadonlySet<string>): Backend | null {
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[(next + i) % backends.length]!;
      if (!excluding.has(backend.url) && !down.has(backend.url)) {
        next = (next + i + 1) % backends.length;
        return backend;
      }
    }
    const untried = backends.find((b) => !excluding.has(b.url));
    return untried ?? null;
  }

  const server = http.createServer(async (request, response) => {
    // The body is read first, so that a refused connection can be retried elsewhere with it.
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of request) chunks.push(chunk as Buffer);
    } catch {
      // The client went away mid-request (its own timeout): nothing to forward.
      response.destroy();
      return;
    }
    const body = Buffer.concat(chunks);
    const tried = new Set<string>();

    const attempt = () => {
      const backend = pick(tried);
      if (!backend) {
        badGateway++;
        response.writeHead(502, { "content-type": "text/plain" }).end("No app server answered.");
        return;
      }
      tried.add(backend.url);
      const target = new URL(request.url ?? "/", backend.url);
      const upstream = http.request(
        target,
        {
          method: request.method,
          headers: { ...forwardedHeaders(request.headers), "content-length": String(body.length) },
          agent,
        },
        (answer) => {
          byBackend[backend.url] = (byBackend[backend.url] ?? 0) + 1;
          response.writeHead(answer.statusCode ?? 502, forwardedHeaders(answer.headers));
          answer.pipe(response);
          answer.on("error", () => response.destroy());
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED" && !response.headersSent) {
          down.add(backend.url);
          attempt();
          return;
        }
        badGateway++;
        if (!response.headersSent)
          response.writeHead(502, { "content-type": "text/plain" }).end("The app server went away.");
        else response.destroy();
      });
      upstream.end(body);
    };
    attempt();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ byBackend: { ...byBackend }, badGateway }),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(recheck);
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
