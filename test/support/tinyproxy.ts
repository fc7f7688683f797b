import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CANDIDATES = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"];

/** Where Debian's tinyproxy is, or why a test must skip: the message says how to get it. */
export function findTinyproxy(): { path: string } | { missing: string } {
  const path = CANDIDATES.find((p) => existsSync(p));
  return path
    ? { path }
    : { missing: "tinyproxy is not installed (Debian: `apt-get install -y --no-install-recommends tinyproxy`; .ci/run installs it)" };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

export interface Tinyproxy {
  url: string;
  /** Every destination the proxy was asked for, in order: `host:port` for CONNECT, the URL for a plain request. */
  destinations(): string[];
  close(): Promise<void>;
}

/**
 * A real proxy server from Debian's packages, in the foreground, logging each request line. With no
 * `ConnectPort` line it tunnels to any port (the fakes listen on random ones); `Listen` keeps it on loopback.
 */
export async function startTinyproxy(binary: string): Promise<Tinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), "ghconnect-tinyproxy-"));
  const log = join(dir, "proxy.log");
  let child: ChildProcess | undefined;
  let stderr = "";
  // The free port may be taken between the check and the start: try a few.
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    const port = await freePort();
    writeFileSync(join(dir, "proxy.conf"), `Port ${port}\nListen 127.0.0.1\nLogFile "${log}"\nLogLevel Connect\nTimeout 120\n`);
    const started = spawn(binary, ["-d", "-c", join(dir, "proxy.conf")], { stdio: ["ignore", "ignore", "pipe"] });
    started.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<"exited">((resolve) => started.once("exit", () => resolve("exited")));
    for (let poll = 0; poll < 200; poll++) {
      if (await accepting(port)) {
        child = started;
        break;
      }
      if ((await Promise.race([exited, new Promise((r) => setTimeout(r, 50, "waiting"))])) === "exited") break;
    }
    if (child) {
      const proxyPort = port;
      return {
        url: `http://127.0.0.1:${proxyPort}`,
        destinations: () =>
          (existsSync(log) ? readFileSync(log, "utf8") : "")
            .split("\n")
            .map((line) => /Request \(file descriptor \d+\): (\S+) (\S+) HTTP/.exec(line))
            .filter((m): m is RegExpExecArray => m !== null)
            .map((m) => m[2] as string),
        async close() {
          const gone = new Promise((resolve) => started.once("exit", resolve));
          started.kill("SIGTERM");
          await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    started.kill("SIGKILL");
  }
  throw new Error(`tinyproxy did not start: ${stderr.trim() || "no output"}`);
}
