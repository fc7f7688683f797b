import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import type { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCard } from "../support/cards.ts";
import { OP_ENV, setUpAdmins } from "../support/operations-setup.ts";
import { startTestBot, type TestBot } from "../support/start-test-bot.ts";
import { findTinyproxy, startTinyproxy, type Tinyproxy } from "../support/tinyproxy.ts";

// This file runs in its own process (vitest forks): the proxy dispatcher the bot installs globally stays here.

/**
 * A proxy the test controls, for what a packaged proxy cannot do on demand (refuse one destination, mid-test).
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

const tinyproxy = findTinyproxy();

describe.skipIf("missing" in tinyproxy)(
  `every outbound call through a real proxy server (Debian's tinyproxy)${"missing" in tinyproxy ? `: skipped, ${tinyproxy.missing}` : ""}`,
  () => {
    let t: TestBot;
    let proxy: Tinyproxy;
    beforeAll(async () => {
      proxy = await startTinyproxy((tinyproxy as { path: string }).path);
      t = await startTestBot({ ...OP_ENV, HTTPS_PROXY: proxy.url, NO_PROXY: "" });
      await setUpAdmins(t);
    }, 60_000);
    afterAll(async () => {
      await t?.stop();
      await proxy?.close();
    });
    const hostOf = (url: string) => new URL(url).host;

    it("sends every GitHub call, the reachability checks (uploads included) and the Slack Web API through the proxy", async () => {
      await t.command("enable org acme", "UA");
      expect(latestCard(t)?.buttons).toHaveLength(2);
      const seen = proxy.destinations();
      expect(seen).toContain(hostOf(t.github.ghesUrl));
      expect(seen).toContain(hostOf(t.github.cloudApiUrl));
      expect(seen).toContain(hostOf(t.env.GITHUB_URL as string));
      expect(seen).toContain(hostOf(t.env.GITHUB_UPLOADS_URL as string));
      expect(seen).toContain(hostOf(t.slack.apiUrl));
      // Nothing went anywhere else. (The bot's own port is there too: the test's Slack, in this process, posts
      // to the bot with the global fetch the bot pointed at the proxy.)
      const known = new Set(
        [
          t.github.ghesUrl,
          t.github.cloudApiUrl,
          t.github.cloudWebUrl,
          t.slack.apiUrl,
          t.slack.newResponseUrl(),
          `http://127.0.0.1:${t.bot.port}`,
        ].map(hostOf),
      );
      expect(seen.filter((d) => !known.has(d))).toEqual([]);
    });

    it("posts the replies to response_url through the proxy, to their own host", async () => {
      const answer = await t.command("help", "UA");
      expect(answer.text).toContain("/ghconnect");
      const responseHost = hostOf(t.slack.newResponseUrl());
      expect(responseHost).not.toBe(hostOf(t.slack.apiUrl));
      expect(proxy.destinations()).toContain(responseHost);
    });

    it("opens the Socket Mode WebSocket through the proxy", async () => {
      const socketBot = await startTestBot({
        SLACK_SIGNING_SECRET: "",
        SLACK_APP_TOKEN: "xapp-1-A0TEST-proxy",
        HTTPS_PROXY: proxy.url,
        NO_PROXY: "",
      });
      try {
        await socketBot.socket?.connected();
        expect(proxy.destinations()).toContain(hostOf(socketBot.socket?.url as string));
      } finally {
        await socketBot.stop();
      }
    }, 60_000);
  },
);

describe("a proxy that refuses a destination", () => {
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

  it("names an unreachable github.com when the proxy refuses it", async () => {
    await t.command("enable org acme", "UA");
    expect(proxy.seen).toContain(new URL(t.github.cloudWebUrl).host);
    proxy.block(new URL(t.github.cloudWebUrl).host);
    const answer = await t.command("enable org acme", "UB");
    expect(answer.text).toContain(`The bot cannot reach ${t.github.cloudWebUrl}/`);
    expect(answer.text).toContain("check HTTPS_PROXY");
  });
});
