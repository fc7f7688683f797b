import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import type { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCard } from "../support/cards.ts";
import { OP_ENV, setUpAdmins } from "../support/operations-setup.ts";
import { startTestBot, type TestBot } from "../support/start-test-bot.ts";

// This file runs in its own process (vitest forks): the proxy dispatcher the bot installs globally stays here.

/**
 * An HTTP proxy as undici's ProxyAgent uses one: every request, http or https, is tunnelled with CONNECT.
 * It records the targets and can refuse one the way a blocking proxy does (403 to the CONNECT).
 */
async function startProxy() {
  const seen: string[] = [];
  const blocked = new Set<string>();
  const tunnels = new Map<string, Set<Duplex>>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on("connect", (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = req.url ?? "";
    seen.push(target);
    if (blocked.has(target)) {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const open = tunnels.get(target) ?? new Set<Duplex>();
    tunnels.set(target, open.add(client));
    client.on("close", () => open.delete(client));
    const [host, port] = target.split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    /** Refuses new tunnels to `target` and cuts the open ones (clients pool their connections). */
    block(target: string) {
      blocked.add(target);
      for (const socket of tunnels.get(target) ?? []) socket.destroy();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

describe("outbound calls through HTTPS_PROXY", () => {
  let t: TestBot;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    proxy = await startProxy();
    t = await startTestBot({ ...OP_ENV, HTTPS_PROXY: proxy.url, NO_PROXY: "" });
    await setUpAdmins(t);
  });
  afterAll(async () => {
    await t?.stop();
    await proxy?.close();
  });

  it("sends every GitHub call, and the reachability checks, through the proxy", async () => {
    await t.command("enable org acme", "UA");
    expect(latestCard(t)?.buttons).toHaveLength(2);
    for (const url of [t.github.ghesUrl, t.github.cloudApiUrl, t.github.cloudWebUrl]) {
      expect(proxy.seen).toContain(new URL(url).host);
    }
  });

  it("sends the Slack Web API calls and the replies to response_url through the proxy too", async () => {
    // Slack's API and its response_url share the fake's host; the reply of this command is a response_url post.
    const answer = await t.command("help", "UA");
    expect(answer.text).toContain("/ghconnect");
    expect(proxy.seen).toContain(new URL(t.slack.apiUrl).host);
  });

  it("names an unreachable github.com when the proxy refuses it", async () => {
    proxy.block(new URL(t.github.cloudWebUrl).host);
    const answer = await t.command("enable org acme", "UB");
    expect(answer.text).toContain(`The bot cannot reach ${t.github.cloudWebUrl}/`);
    expect(answer.text).toContain("check HTTPS_PROXY");
  });
});

describe("Socket Mode through HTTPS_PROXY", () => {
  it("opens the WebSocket to Slack through the proxy", async () => {
    const proxy = await startProxy();
    const t = await startTestBot({
      SLACK_SIGNING_SECRET: "",
      SLACK_APP_TOKEN: "xapp-1-A0TEST-proxy",
      HTTPS_PROXY: proxy.url,
      NO_PROXY: "",
    });
    try {
      await t.socket?.connected();
      expect(proxy.seen).toContain(new URL(t.socket?.url as string).host);
    } finally {
      await t.stop();
      await proxy.close();
    }
  });
});
