// Runs the Dockerfile's steps without Docker (this machine has no Docker daemon, and Docker Hub is out of reach):
// each stage in its own empty folder, COPY from the checkout or the earlier stage, RUN with sh, ENV applied; then
// the image's CMD is started against the test fakes and must become ready on /readyz, and `node dist/doctor.js`
// must pass. What it cannot check is said: the base image, USER, VOLUME, HEALTHCHECK and RUNs on absolute paths.
// Usage: npx tsx scripts/check-image-steps.ts   (CI runs it; a failed step exits 1)
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { startScriptFakes } from "../test/fakes/fake-env.ts";

const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "ghconnect-image-"));
const say = (line: string) => process.stdout.write(`image-steps: ${line}\n`);

interface Stage {
  name: string;
  dir: string;
  env: Record<string, string>;
}

// Continuation lines joined; comments and blank lines dropped.
const lines = readFileSync(join(root, "Dockerfile"), "utf8")
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

// What `docker build` leaves out of the context, left out of the copies from the checkout too.
const ignored = readFileSync(join(root, ".dockerignore"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));
const inContext = (path: string) => {
  const rel = relative(root, path);
  return !ignored.some((pattern) =>
    pattern.startsWith("*") ? rel.endsWith(pattern.slice(1)) : rel === pattern || rel.startsWith(`${pattern}/`),
  );
};

const stages: Stage[] = [];
let cmd: string[] = [];
for (const line of lines) {
  const [instruction = "", ...rest] = line.split(/\s+/);
  const args = rest.join(" ");
  const stage = stages.at(-1);
  switch (instruction.toUpperCase()) {
    case "FROM": {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.length}`;
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      stages.push({ name, dir, env: {} });
      say(`FROM ${args} (the base image is not pulled here: Node ${process.version} of this machine stands in for it)`);
      break;
    }
    case "WORKDIR":
      break;
    case "ENV": {
      if (!stage) throw new Error("ENV before FROM");
      for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) stage.env[key as string] = value as string;
      break;
    }
    case "COPY": {
      if (!stage) throw new Error("COPY before FROM");
      const from = /^--from=(\S+)\s+/.exec(args)?.[1];
      const parts = args.replace(/^--from=\S+\s+/, "").split(/\s+/);
      const dest = parts.pop() as string;
      const base = from ? (stages.find((s) => s.name === from)?.dir ?? "") : root;
      for (const source of parts) {
        const target =
          dest.endsWith("/") || parts.length > 1 ? join(stage.dir, dest, source.split("/").pop() as string) : join(stage.dir, dest);
        cpSync(join(base, from ? source.replace(/^\/app\/?/, "") : source), target, {
          recursive: true,
          ...(from ? {} : { filter: inContext }),
        });
      }
      say(`COPY ${args}`);
      break;
    }
    case "RUN": {
      if (!stage) throw new Error("RUN before FROM");
      if (/(^|\s)\/(data|var|etc|usr)\b/.test(args)) {
        say(`RUN ${args} (not run here: it changes the image's own folders)`);
        break;
      }
      say(`RUN ${args}`);
      execSync(args, { cwd: stage.dir, stdio: "inherit", env: { ...process.env, ...stage.env } });
      break;
    }
    case "CMD":
      cmd = JSON.parse(args) as string[];
      break;
    default:
      say(`${instruction} (not checked here)`);
  }
}

const image = stages.at(-1);
if (!image || cmd.length === 0) throw new Error("the Dockerfile has no final stage with a CMD");
for (const dev of ["typescript", "vitest", "@biomejs/biome"])
  if (existsSync(join(image.dir, "node_modules", dev))) throw new Error(`the image holds the dev dependency ${dev}`);
const size = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const path = join(dir, e.name);
    return sum + (e.isDirectory() ? size(path) : e.isFile() ? statSync(path).size : 0);
  }, 0);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
say(
  `the image holds no dev dependency (typescript, vitest, biome); its node_modules ${mib(size(join(image.dir, "node_modules")))}, dist ${mib(size(join(image.dir, "dist")))} (the build stage's node_modules: ${mib(size(join(stages[0]?.dir ?? image.dir, "node_modules")))})`,
);

const { slack, github, env } = await startScriptFakes({ name: "image", signingSecret: "image-signing-secret-0123456789" });
const runEnv = { PATH: process.env.PATH ?? "", ...image.env, ...env, DATA_DIR: join(work, "data"), PORT: "0", LOG_LEVEL: "info" };
// The image runs as `node`, not root: run as an unprivileged user too (nobody), when this script runs as root and
// setpriv is there, with the image's files readable and only DATA_DIR writable, as in the image.
const asUser =
  process.getuid?.() === 0 && existsSync("/usr/bin/setpriv")
    ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    : [];
chmodSync(work, 0o755);
mkdirSync(runEnv.DATA_DIR);
if (asUser.length) chownSync(runEnv.DATA_DIR, 65534, 65534);
say(
  asUser.length
    ? "the image's processes run as uid 65534 (nobody), as the image's USER would"
    : "USER not checked (not root, or no setpriv)",
);

let child: ChildProcess | undefined;
try {
  say(`CMD ${cmd.join(" ")}`);
  const [file, ...args] = [...asUser, ...cmd];
  child = spawn(file as string, args, { cwd: image.dir, env: runEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 120_000;
  let ready = false;
  while (!ready && Date.now() < deadline && child.exitCode === null) {
    const port = /health on :(\d+)\/healthz/.exec(out)?.[1];
    if (port)
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  if (!ready) throw new Error(`the image's CMD did not become ready on /readyz:\n${out}`);
  say("the bot started from the image's files is ready on /readyz");
  child.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) => child?.once("exit", resolve));
  if (code !== 0) throw new Error(`the bot exited ${code} on SIGTERM:\n${out}`);
  say("and stopped with exit code 0 on SIGTERM");

  const [doctorFile, ...doctorArgs] = [...asUser, process.execPath, "dist/doctor.js"];
  const doctor = spawn(doctorFile as string, doctorArgs, {
    cwd: image.dir,
    env: { ...runEnv, GHES_ENTERPRISE: "ghes-ent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let report = "";
  doctor.stdout?.on("data", (d: Buffer) => (report += d.toString()));
  doctor.stderr?.on("data", (d: Buffer) => (report += d.toString()));
  const doctorCode = await new Promise<number | null>((resolve) => doctor.once("exit", resolve));
  process.stdout.write(report);
  if (doctorCode !== 0) throw new Error(`node dist/doctor.js exited ${doctorCode} in the image's files`);
  say("node dist/doctor.js passes in the image's files");
} finally {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await slack.close();
  await github.close();
  rmSync(work, { recursive: true, force: true });
}
