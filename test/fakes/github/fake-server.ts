// One fake GitHub HTTP server (node:http on 127.0.0.1, port 0): record, fault injection, OpenAPI checks, routing.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FaultList, replacesAnswer } from "./fault-list.ts";
import { delay, headerMap, parseBody, readBody } from "./http-util.ts";
import { type FoundOperation, OpenApiSpec, type SpecName } from "./openapi-spec.ts";
import { byLiteralness, compileTemplate, matchTemplate } from "./path-template.ts";
import type { Ctx, RecordedRequest, Reply, Route, ServerName } from "./types.ts";

export interface ServerConfig {
  name: ServerName;
  routes: Route[];
  /** Which OpenAPI description (and path inside it) covers a request path; undefined = not a REST path. */
  specFor(path: string): { spec: SpecName; path: string } | undefined;
  /** Rate-limit resource for API paths ("core", "graphql"); undefined = no rate-limit headers. */
  rateResource(path: string): string | undefined;
  /** Headers on every answer (e.g. X-GitHub-Enterprise-Version). */
  extraHeaders(): Record<string, string>;
  /** Server clock in epoch ms (Date and x-ratelimit-reset). */
  now(): number;
}

export interface Shared {
  requests: RecordedRequest[];
  unexpected: string[];
  faults: FaultList;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const RATE_LIMIT = 5000;

export async function startServer(cfg: ServerConfig, shared: Shared): Promise<RunningServer> {
  const routes = cfg.routes.map((r) => ({ route: r, t: compileTemplate(r.path) }));
  routes.sort((a, b) => byLiteralness(a.t, b.t));
  const used = new Map<string, number>();
  const resetAt = Math.floor(cfg.now() / 1000) + 3600;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const headers = headerMap(req);
    const parsed = parseBody(await readBody(req), headers["content-type"]);
    const query = Object.fromEntries(url.searchParams);
    shared.requests.push({ server: cfg.name, method, path, query, headers, body: parsed.body });
    const where = `[${cfg.name}] ${method} ${path}`;
    const report = (m: string): void => {
      shared.unexpected.push(`${where}: ${m}`);
    };
    if (parsed.error) report(parsed.error);
    const ctx: Ctx = { server: cfg.name, method, path, query, headers, body: parsed.body, report, responseHeaders: {} };

    const fault = shared.faults.take(cfg.name, method, path, query);
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault?.until !== undefined) await fault.until.catch(() => {});

    const specRef = cfg.specFor(path);
    let found: FoundOperation | undefined;
    if (specRef) {
      const spec = OpenApiSpec.get(specRef.spec);
      found = spec.find(method, specRef.path);
      if (!found) report(`openapi(${specRef.spec}): no operation ${method} ${specRef.path}`);
      else
        for (const e of spec.validateRequest(found, query, parsed.body, headers["content-type"]))
          report(`openapi(${specRef.spec}) request ${e}`);
    }
    if (fault?.hang) return heldUntilClosed(res);

    let reply: Reply;
    if (fault && replacesAnswer(fault)) {
      const body = fault.body ?? (fault.status === undefined || fault.status >= 400 ? { message: "fake: injected fault" } : undefined);
      reply = { status: fault.status ?? 500, headers: fault.headers ?? {}, ...(typeof body === "string" ? { raw: body } : { body }) };
      found = undefined; // injected answers are not checked against the description
    } else {
      reply = await route(ctx, method, path, report);
    }

    if (found && reply.status >= 200 && reply.status < 300 && !reply.unchecked && reply.raw === undefined) {
      const apiVersion = headers["x-github-api-version"];
      for (const e of found.spec.validateResponse(found, reply.status, reply.body, apiVersion))
        report(`openapi(${found.spec.name}) fake answer ${e}`);
    }
    send(res, reply, { ...rateHeaders(path), ...cfg.extraHeaders(), ...ctx.responseHeaders });
  };

  const route = async (ctx: Ctx, method: string, path: string, report: (m: string) => void): Promise<Reply> => {
    for (const { route: r, t } of routes) {
      if (r.method !== method) continue;
      const params = matchTemplate(t, path);
      if (params) return r.handle(ctx, params);
    }
    report("unknown route");
    return { status: 404, body: { message: `fake: unknown route ${method} ${path}`, documentation_url: "https://docs.github.com/rest" } };
  };

  const rateHeaders = (path: string): Record<string, string> => {
    const resource = cfg.rateResource(path);
    if (resource === undefined) return {};
    const n = (used.get(resource) ?? 0) + 1;
    used.set(resource, n);
    return {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(Math.max(RATE_LIMIT - n, 0)),
      "x-ratelimit-used": String(n),
      "x-ratelimit-reset": String(resetAt),
      "x-ratelimit-resource": resource,
    };
  };

  const send = (res: ServerResponse, reply: Reply, base: Record<string, string>): void => {
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...base, date: new Date(cfg.now()).toUTCString() };
    let payload = "";
    if (reply.raw !== undefined) payload = reply.raw;
    else if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      headers["content-type"] = "application/json; charset=utf-8";
    }
    for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k.toLowerCase()] = v;
    res.writeHead(reply.status, headers);
    res.end(payload);
  };

  // close() below destroys every connection, held ones included, so a hanging fault never blocks it.
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      shared.unexpected.push(
        `[${cfg.name}] ${req.method ?? ""} ${req.url ?? ""}: fake crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "fake: internal error" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Resolves when the exchange ends without an answer: the client gave up or the server closed the socket. */
function heldUntilClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.closed) return resolve();
    res.once("close", () => resolve());
  });
}
