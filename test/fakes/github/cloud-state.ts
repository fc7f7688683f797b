// Mutable scenario of the fake GitHub Enterprise Cloud (api.github.com + github.com).
import { createPublicKey, type KeyObject } from "node:crypto";
import { Accounts } from "./accounts.ts";
import { DeviceFlow } from "./device-flow.ts";
import { randomToken } from "./http-util.ts";

export type OrgRole = "admin" | "member" | "billing_manager";
export interface OrgMembership {
  login: string;
  role: OrgRole;
  state: "active" | "pending";
}

export interface FakeOrg {
  login: string;
  id: number;
  name: string;
  members: Map<string, OrgMembership>;
  /** Org enforces SAML SSO: user-token calls on its resources get 403 + x-github-sso. */
  ssoRequired: boolean;
  /** OAuth/GitHub App access restrictions block the caller: user-token calls get 403. */
  appBlocked: boolean;
  serverStatistics: Record<string, unknown>[];
}

export interface ServerInstallation {
  id: string;
  hostName: string;
  customerName: string;
  isConnected: boolean;
  createdAt: string;
  updatedAt: string;
  /** User-license uploads (GraphQL `userAccountsUploads`), oldest first. */
  uploads: Array<{ syncState: "PENDING" | "SUCCESS" | "FAILURE"; createdAt: string }>;
}

export interface LicenseSyncInstance {
  server_id: string;
  hostname: string;
  last_sync: { date: string; status: string; error: string };
}

export interface FakeEnterprise {
  slug: string;
  id: number;
  name: string;
  owners: Set<string>;
  billingManagers: Set<string>;
  /** Plain members (neither owner nor billing manager). */
  members: Set<string>;
  /** When true, GraphQL answers NOT_FOUND to viewers who are not owners/billing managers/members. */
  hidden: boolean;
  serverInstallations: ServerInstallation[];
  licenseSync: LicenseSyncInstance[];
  serverStatistics: Record<string, unknown>[];
  /** Enterprise audit log (enterprise_installation.* among others). */
  auditLog: Array<{ _document_id: string; action: string; actor: string; "@timestamp": number }>;
}

export interface FakeApp {
  id: number;
  slug: string;
  clientId: string;
  name: string;
  /** PEM (SPKI) public key used to verify app JWTs. */
  publicKeyPem: string;
  owner: { login: string; id: number; type: "Organization" | "User" };
  permissions: Record<string, string>;
  events: string[];
}

export interface AddAppOptions {
  id: number;
  slug: string;
  publicKey: string | KeyObject;
  clientId?: string;
  name?: string;
  owner?: { login: string; type?: "Organization" | "User" };
  permissions?: Record<string, string>;
  events?: string[];
}

export interface FakeInstallation {
  id: number;
  appId: number;
  targetType: "Organization" | "Enterprise";
  /** Org login or enterprise slug. */
  account: string;
  permissions: Record<string, string>;
  repositorySelection: "all" | "selected";
  suspended: boolean;
}

export interface ManifestCode {
  app: AddAppOptions;
  privateKeyPem: string;
  createdAt: number;
  used: boolean;
}

const lower = (s: string): string => s.toLowerCase();

export class CloudState extends Accounts {
  /** Set by startFakeGithub. */
  webUrl = "";
  apiUrl = "";
  readonly device: DeviceFlow;
  readonly orgs = new Map<string, FakeOrg>();
  readonly enterprises = new Map<string, FakeEnterprise>();
  readonly apps = new Map<number, FakeApp>();
  readonly installations = new Map<number, FakeInstallation>();
  readonly manifestCodes = new Map<string, ManifestCode>();
  private nextEntityId = 9;

  constructor() {
    super(100);
    this.device = new DeviceFlow(this, () => this.webUrl);
  }

  addOrg(login: string, opts: { id?: number; name?: string } = {}): FakeOrg {
    const org: FakeOrg = {
      login,
      id: opts.id ?? this.nextEntityId++,
      name: opts.name ?? login,
      members: new Map(),
      ssoRequired: false,
      appBlocked: false,
      serverStatistics: [],
    };
    this.orgs.set(lower(login), org);
    return org;
  }

  org(login: string): FakeOrg | undefined {
    return this.orgs.get(lower(login));
  }

  addOrgMember(org: string, login: string, role: OrgRole = "member", state: "active" | "pending" = "active"): void {
    const o = this.org(org);
    if (!o) throw new Error(`fake github: unknown org '${org}'`);
    if (!this.user(login)) this.addUser(login);
    o.members.set(lower(login), { login, role, state });
  }

  addEnterprise(slug: string, opts: { id?: number; name?: string; hidden?: boolean } = {}): FakeEnterprise {
    const e: FakeEnterprise = {
      slug,
      id: opts.id ?? this.nextEntityId++,
      name: opts.name ?? slug,
      owners: new Set(),
      billingManagers: new Set(),
      members: new Set(),
      hidden: opts.hidden ?? false,
      serverInstallations: [],
      licenseSync: [],
      serverStatistics: [],
      auditLog: [],
    };
    this.enterprises.set(lower(slug), e);
    return e;
  }

  enterprise(slug: string): FakeEnterprise | undefined {
    return this.enterprises.get(lower(slug));
  }

  private mustEnterprise(slug: string): FakeEnterprise {
    const e = this.enterprise(slug);
    if (!e) throw new Error(`fake github: unknown enterprise '${slug}'`);
    return e;
  }

  addEnterpriseOwner(slug: string, login: string): void {
    if (!this.user(login)) this.addUser(login);
    this.mustEnterprise(slug).owners.add(lower(login));
  }

  addEnterpriseBillingManager(slug: string, login: string): void {
    if (!this.user(login)) this.addUser(login);
    this.mustEnterprise(slug).billingManagers.add(lower(login));
  }

  addEnterpriseMember(slug: string, login: string): void {
    if (!this.user(login)) this.addUser(login);
    this.mustEnterprise(slug).members.add(lower(login));
  }

  addServerInstallation(slug: string, opts: { hostName: string; customerName?: string; isConnected?: boolean }): ServerInstallation {
    const e = this.mustEnterprise(slug);
    const s: ServerInstallation = {
      id: `ESI_${e.serverInstallations.length + 1}`,
      hostName: opts.hostName,
      customerName: opts.customerName ?? e.name,
      isConnected: opts.isConnected ?? true,
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
      uploads: [],
    };
    e.serverInstallations.push(s);
    return s;
  }

  /** Append an enterprise audit-log event; `@timestamp` defaults to now (ms). */
  addEnterpriseAuditEvent(slug: string, event: { action: string; actor: string; "@timestamp"?: number }): void {
    const e = this.mustEnterprise(slug);
    e.auditLog.push({
      _document_id: `cloud-doc-${e.auditLog.length + 1}-${Math.random().toString(36).slice(2, 8)}`,
      ...event,
      "@timestamp": event["@timestamp"] ?? this.now(),
    });
  }

  /** Register a GitHub App (its client id also becomes a device-flow client). */
  addApp(opts: AddAppOptions): FakeApp {
    const key = typeof opts.publicKey === "string" ? createPublicKey(opts.publicKey) : opts.publicKey;
    const ownerLogin = opts.owner?.login ?? "acme";
    const app: FakeApp = {
      id: opts.id,
      slug: opts.slug,
      clientId: opts.clientId ?? `Iv1.${randomToken("", 16).toLowerCase()}`,
      name: opts.name ?? opts.slug,
      publicKeyPem: key.export({ type: "spki", format: "pem" }).toString(),
      owner: { login: ownerLogin, id: this.org(ownerLogin)?.id ?? this.nextEntityId++, type: opts.owner?.type ?? "Organization" },
      permissions: opts.permissions ?? { members: "read" },
      events: opts.events ?? [],
    };
    this.apps.set(app.id, app);
    if (!this.device.clients.has(app.clientId)) this.device.addClient(app.clientId);
    return app;
  }

  install(
    appId: number,
    target: { org: string } | { enterprise: string },
    opts: { id?: number; permissions?: Record<string, string>; repositorySelection?: "all" | "selected" } = {},
  ): FakeInstallation {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`fake github: unknown app ${appId}`);
    const isOrg = "org" in target;
    const inst: FakeInstallation = {
      id: opts.id ?? this.nextEntityId++,
      appId,
      targetType: isOrg ? "Organization" : "Enterprise",
      account: isOrg ? target.org : target.enterprise,
      permissions: opts.permissions ?? { ...app.permissions },
      repositorySelection: isOrg ? (opts.repositorySelection ?? "all") : "selected",
      suspended: false,
    };
    this.installations.set(inst.id, inst);
    return inst;
  }

  uninstall(installationId: number): void {
    this.installations.delete(installationId);
    for (const r of this.tokens.values()) if (r.installationId === installationId) r.revoked = true;
  }

  /** Issue an installation token directly (like POST .../access_tokens); default lifetime 1 h. */
  issueInstallationToken(installationId: number, expiresInSec = 3600): { token: string; expiresAt: number } {
    if (!this.installations.has(installationId)) throw new Error(`fake github: unknown installation ${installationId}`);
    const token = randomToken("ghs_");
    const expiresAt = this.now() + expiresInSec * 1000;
    this.tokens.set(token, { token, kind: "installation", installationId, expiresAt, revoked: false });
    return { token, expiresAt };
  }

  /** A one-shot manifest code for POST /app-manifests/{code}/conversions (valid 1 h). */
  addManifestCode(code: string, app: AddAppOptions, privateKeyPem: string): void {
    this.manifestCodes.set(code, { app, privateKeyPem, createdAt: this.now(), used: false });
  }
}
