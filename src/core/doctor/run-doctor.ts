import { AppError } from "../../errors.ts";
import type { MessageKey, Params } from "../messages/translate.ts";
import type { ReachabilityResult } from "../operations/instance-ports.ts";
import type { DoctorProbes, TokenFacts } from "./doctor-probes.ts";

export type DoctorStatus = "ok" | "warn" | "fail" | "skip";

export interface DoctorLine {
  /** A stable name an operator can search the README for. */
  check: string;
  status: DoctorStatus;
  key: MessageKey;
  params: Params;
  /** When the other side refused or could not be asked: the coded failure, worded with its own advice. */
  error?: AppError;
}

/** manifest.yml's bot scopes the bot cannot work without (test/manifest.test.ts keeps the two lists equal). */
export const SLACK_SCOPES_NEEDED = ["commands", "chat:write", "users:read"] as const;
/** Read NOTIFY_CHANNEL's membership: public channels need the first, private ones the second. */
export const SLACK_CHANNEL_SCOPES = { public: "channels:read", private: "groups:read" } as const;
/** GitHub's audit-log endpoint asks classic tokens for this scope. */
export const GHES_TOKEN_SCOPE = "admin:enterprise";
/** The GHEC enterprise reads of the monitor token accept either. */
export const MONITOR_TOKEN_SCOPES = ["read:enterprise", "admin:enterprise"] as const;
export const EXPIRY_WARNING_DAYS = 14;
/** GitHub refuses an app JWT whose times are off; auth-app corrects small skews itself, so only a large one is a failure. */
export const CLOCK_SKEW_LIMIT_MS = 30_000;

export interface DoctorOptions {
  now: Date;
  notifyChannel: string;
  ghesUrl: string;
  /** Where outbound calls go: a proxy URL without its credentials, or null for direct. */
  proxy: string | null;
}

const DAY_MS = 86_400_000;

function line(check: string, status: DoctorStatus, key: MessageKey, params: Params = {}): DoctorLine {
  return { check, status, key, params };
}

/** A probe that throws becomes its check's failure line; one check failing never hides the others. */
async function settle(check: string, fn: () => Promise<DoctorLine[]>): Promise<DoctorLine[]> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) return [{ check, status: "fail", key: "doctor.failed", params: {}, error }];
    const e = error as { code?: string; name?: string };
    return [line(check, "fail", "doctor.unexpected", { detail: e?.code ?? e?.name ?? "error" })];
  }
}

function tokenLines(check: string, variable: string, facts: TokenFacts, needed: readonly string[], now: Date): DoctorLine[] {
  const out: DoctorLine[] = [];
  if (facts.scopes === null) out.push(line(check, "warn", "doctor.token.scopesUnknown", { variable }));
  else if (!needed.some((s) => facts.scopes?.includes(s)))
    out.push(line(check, "fail", "doctor.token.scopeMissing", { variable, scope: needed.join("` or `") }));
  const expiry = facts.expiresAt;
  if (expiry && expiry.getTime() <= now.getTime())
    out.push(line(check, "fail", "doctor.token.expired", { variable, date: expiry.toISOString() }));
  else if (expiry && expiry.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS)
    out.push(
      line(check, "warn", "doctor.token.expiresSoon", {
        variable,
        days: Math.floor((expiry.getTime() - now.getTime()) / DAY_MS),
        date: expiry.toISOString(),
      }),
    );
  if (out.every((l) => l.status !== "fail"))
    out.unshift(
      line(check, "ok", expiry ? "doctor.token.ok" : "doctor.token.okNoExpiry", {
        variable,
        login: facts.login,
        ...(expiry ? { date: expiry.toISOString() } : {}),
      }),
    );
  return out;
}

function reachLines(results: ReachabilityResult[], proxy: string | null, now: Date): DoctorLine[] {
  const route = proxy ?? "";
  const down = results.filter((r) => !r.ok);
  const out = [
    down.length
      ? line("github.reach", "fail", proxy ? "doctor.reach.failedProxy" : "doctor.reach.failed", {
          targets: down.map((d) => `${d.target} (${d.detail})`).join(", "),
          proxy: route,
        })
      : line("github.reach", "ok", proxy ? "doctor.reach.okProxy" : "doctor.reach.ok", {
          targets: results.map((r) => r.target).join(", "),
          proxy: route,
        }),
  ];
  const dated = results.find((r) => r.date);
  if (!dated?.date) out.push(line("github.clock", "skip", "doctor.clock.unknown"));
  else {
    const skew = now.getTime() - dated.date.getTime();
    // The Date header has whole seconds: a second of difference is rounding, not skew.
    const seconds = Math.round(skew / 1000);
    out.push(
      Math.abs(skew) > CLOCK_SKEW_LIMIT_MS
        ? line("github.clock", "fail", "doctor.clock.skewed", { seconds, target: dated.target })
        : line("github.clock", "ok", "doctor.clock.ok", { seconds: Math.abs(seconds) }),
    );
  }
  return out;
}

/**
 * Every check of a configured bot, the way an operator reads them: one line each, all of them run even when
 * the first fails, and each failure says what to do. Reads only: nothing is created, changed or posted.
 */
export async function runDoctor(probes: DoctorProbes, o: DoctorOptions): Promise<DoctorLine[]> {
  const groups = await Promise.all([
    settle("database", async () => {
      const db = await probes.database();
      if (db.kind === "pglite" && db.pending === undefined)
        return [
          line("database", db.exists ? "skip" : "ok", db.exists ? "doctor.database.pgliteClosed" : "doctor.database.pgliteNew", {
            dir: db.dataDir,
          }),
        ];
      const pending = db.pending ?? [];
      if (pending.length)
        return [line("database", "fail", "doctor.database.pending", { count: pending.length, names: pending.join(", ") })];
      return [
        line("database", "ok", db.kind === "postgres" ? "doctor.database.postgres" : "doctor.database.pglite", {
          applied: db.applied ?? 0,
        }),
      ];
    }),
    (async () => {
      let scopes: string[] | null = null;
      let botUser = "";
      const auth = await settle("slack.auth", async () => {
        const facts = await probes.slackAuth();
        scopes = facts.scopes;
        botUser = facts.botUser;
        return [line("slack.auth", "ok", "doctor.slack.auth", { user: facts.botUser, team: facts.team })];
      });
      const socket = probes.slackSocket;
      const socketLines = socket
        ? await settle("slack.socket", async () => {
            await socket();
            return [line("slack.socket", "ok", "doctor.slack.socket")];
          })
        : [];
      // The checks that need the bot token say nothing more once it is refused; the app token is checked apart.
      if (auth[0]?.status === "fail") return [...auth, ...socketLines];
      const granted = scopes as string[] | null;
      const missing = granted === null ? [] : SLACK_SCOPES_NEEDED.filter((s) => !granted.includes(s));
      const scopeLine =
        granted === null
          ? line("slack.scopes", "warn", "doctor.slack.scopesUnknown")
          : missing.length
            ? line("slack.scopes", "fail", "doctor.slack.scopesMissing", { missing: missing.join(", ") })
            : line("slack.scopes", "ok", "doctor.slack.scopes", { scopes: SLACK_SCOPES_NEEDED.join(", ") });
      const channel = await settle("slack.channel", async () => {
        const facts = await probes.slackChannel(o.notifyChannel, granted);
        const params = { channel: o.notifyChannel, user: botUser };
        if ("notFound" in facts) return [line("slack.channel", "fail", "doctor.slack.channelNotFound", params)];
        if ("unknown" in facts) return [line("slack.channel", "warn", "doctor.slack.channelUnknown", { ...params, scope: facts.scope })];
        if (facts.archived) return [line("slack.channel", "fail", "doctor.slack.archived", { ...params, name: facts.name })];
        if (!facts.member) return [line("slack.channel", "fail", "doctor.slack.notMember", { ...params, name: facts.name })];
        return [line("slack.channel", "ok", "doctor.slack.channel", { ...params, name: facts.name })];
      });
      return [...auth, scopeLine, ...channel, ...socketLines];
    })(),
    settle("ghes.api", async () => {
      const meta = await probes.ghesMeta();
      return [line("ghes.api", "ok", "doctor.ghes.api", { url: o.ghesUrl, version: meta.version })];
    }),
    settle("ghes.token", async () => {
      const facts = await probes.ghesToken();
      if (facts.siteAdmin === false) return [line("ghes.token", "fail", "doctor.ghes.notSiteAdmin", { login: facts.login })];
      return tokenLines("ghes.token", "GHES_TOKEN", facts, [GHES_TOKEN_SCOPE], o.now);
    }),
    settle("ghes.auditLog", async () => {
      const found = await probes.ghesAuditLog();
      return [
        line("ghes.auditLog", "ok", found.discovered ? "doctor.ghes.auditLogDiscovered" : "doctor.ghes.auditLog", {
          enterprise: found.enterprise,
        }),
      ];
    }),
    probes.manage
      ? settle("ghes.manage", async () => {
          const facts = await (probes.manage as () => Promise<{ connectAllowed: boolean }>)();
          return [
            line(
              "ghes.manage",
              facts.connectAllowed ? "ok" : "fail",
              facts.connectAllowed ? "doctor.ghes.manage" : "doctor.ghes.notLicensed",
            ),
          ];
        })
      : Promise.resolve([line("ghes.manage", "skip", "doctor.ghes.manageUnset")]),
    settle("github.reach", async () => reachLines(await probes.reach(), o.proxy, o.now)),
    settle("github.app", async () => {
      const app = await probes.app();
      return [
        app.installations.length
          ? line("github.app", "ok", "doctor.github.app", {
              slug: app.slug,
              count: app.installations.length,
              accounts: app.installations.join(", "),
            })
          : line("github.app", "warn", "doctor.github.appNotInstalled", { slug: app.slug }),
      ];
    }),
    probes.monitorToken
      ? settle("github.monitor", async () =>
          tokenLines(
            "github.monitor",
            "GITHUB_MONITOR_TOKEN",
            await (probes.monitorToken as () => Promise<TokenFacts>)(),
            MONITOR_TOKEN_SCOPES,
            o.now,
          ),
        )
      : Promise.resolve([line("github.monitor", "skip", "doctor.github.monitorUnset")]),
  ]);
  return groups.flat();
}

export function doctorFailed(lines: DoctorLine[]): boolean {
  return lines.some((l) => l.status === "fail");
}
