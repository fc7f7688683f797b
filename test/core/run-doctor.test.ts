import { describe, expect, it } from "vitest";
import type { DoctorProbes } from "../../src/core/doctor/doctor-probes.ts";
import { doctorFailed, runDoctor } from "../../src/core/doctor/run-doctor.ts";
import { AppError } from "../../src/errors.ts";

const NOW = new Date("2026-11-28T12:00:00Z");

/** Answers of a sound installation; each test breaks one part. */
function probes(overrides: Partial<DoctorProbes> = {}): DoctorProbes {
  return {
    database: async () => ({ kind: "postgres", applied: 9, pending: [] }),
    slackAuth: async () => ({ team: "Acme", botUser: "ghconnect", scopes: ["commands", "chat:write", "users:read", "channels:read"] }),
    slackChannel: async () => ({ name: "ops", member: true, archived: false }),
    slackSocket: null,
    ghesMeta: async () => ({ version: "3.19.0" }),
    ghesToken: async () => ({ login: "bot", siteAdmin: true, scopes: ["admin:enterprise"], expiresAt: null }),
    ghesAuditLog: async () => ({ enterprise: "github", discovered: false }),
    manage: null,
    reach: async () => [{ target: "https://api.github.com/meta", ok: true, detail: "HTTP 200", date: new Date(NOW.getTime() - 2000) }],
    app: async () => ({ slug: "ghconnect", installations: ["acme"] }),
    monitorToken: null,
    ...overrides,
  };
}
const options = { now: NOW, notifyChannel: "C1", ghesUrl: "https://ghe.example.com", proxy: null };
const statusOf = async (p: DoctorProbes, check: string) =>
  (await runDoctor(p, options)).filter((l) => l.check === check).map((l) => `${l.status} ${l.key}`);

describe("runDoctor's rules", () => {
  it("passes a sound installation, and a missing optional part is not a failure", async () => {
    const lines = await runDoctor(probes(), options);
    expect(doctorFailed(lines)).toBe(false);
    expect(lines.filter((l) => l.status === "skip").map((l) => l.check)).toEqual(["ghes.manage", "github.monitor"]);
  });

  it("fails pending migrations and names them", async () => {
    const lines = await runDoctor(
      probes({ database: async () => ({ kind: "postgres", applied: 8, pending: ["20261201000000_audit_filters"] }) }),
      options,
    );
    expect(lines[0]).toMatchObject({ status: "fail", key: "doctor.database.pending", params: { names: "20261201000000_audit_filters" } });
  });

  it("warns, not fails, when GitHub lists no scopes (fine-grained tokens), and accepts either monitor scope", async () => {
    expect(
      await statusOf(probes({ ghesToken: async () => ({ login: "bot", siteAdmin: true, scopes: null, expiresAt: null }) }), "ghes.token"),
    ).toEqual(["ok doctor.token.okNoExpiry", "warn doctor.token.scopesUnknown"]);
    const monitor = (scopes: string[]) => probes({ monitorToken: async () => ({ login: "owner", scopes, expiresAt: null }) });
    expect(await statusOf(monitor(["admin:enterprise"]), "github.monitor")).toEqual(["ok doctor.token.okNoExpiry"]);
    expect(await statusOf(monitor(["read:org"]), "github.monitor")).toEqual(["fail doctor.token.scopeMissing"]);
  });

  it("warns fourteen days before a token expires, and fails once it has", async () => {
    const expiring = (days: number) =>
      probes({
        ghesToken: async () => ({
          login: "bot",
          siteAdmin: true,
          scopes: ["admin:enterprise"],
          expiresAt: new Date(NOW.getTime() + days * 86_400_000),
        }),
      });
    expect(await statusOf(expiring(15), "ghes.token")).toEqual(["ok doctor.token.ok"]);
    expect(await statusOf(expiring(13.5), "ghes.token")).toEqual(["ok doctor.token.ok", "warn doctor.token.expiresSoon"]);
    expect(await statusOf(expiring(-0.01), "ghes.token")).toEqual(["fail doctor.token.expired"]);
  });

  it("fails a clock more than thirty seconds off GitHub's, either way, and skips it without a Date header", async () => {
    const dated = (offsetMs: number | null) =>
      probes({
        reach: async () => [
          {
            target: "https://api.github.com/meta",
            ok: true,
            detail: "HTTP 200",
            ...(offsetMs === null ? {} : { date: new Date(NOW.getTime() + offsetMs) }),
          },
        ],
      });
    expect(await statusOf(dated(29_000), "github.clock")).toEqual(["ok doctor.clock.ok"]);
    expect(await statusOf(dated(31_000), "github.clock")).toEqual(["fail doctor.clock.skewed"]);
    expect(await statusOf(dated(-31_000), "github.clock")).toEqual(["fail doctor.clock.skewed"]);
    expect(await statusOf(dated(null), "github.clock")).toEqual(["skip doctor.clock.unknown"]);
  });

  it("keeps a coded failure for its own words, and one failing check hides no other", async () => {
    const refused = new AppError("GITHUB_UNAUTHORIZED", { side: "GHES", variable: "GHES_TOKEN" });
    const lines = await runDoctor(
      probes({
        ghesMeta: async () => {
          throw refused;
        },
        slackAuth: async () => {
          throw new Error("socket hang up");
        },
      }),
      options,
    );
    expect(lines.find((l) => l.check === "ghes.api")).toMatchObject({ status: "fail", error: refused });
    expect(lines.find((l) => l.check === "slack.auth")).toMatchObject({
      status: "fail",
      key: "doctor.unexpected",
      params: { detail: "Error" },
    });
    expect(lines.map((l) => l.check)).toEqual(
      expect.arrayContaining(["database", "ghes.token", "ghes.auditLog", "github.reach", "github.app"]),
    );
  });
});
