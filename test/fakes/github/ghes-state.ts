// Mutable scenario of the fake GHES instance (REST, web device flow, Manage API).
import { Accounts, type FakeUser } from "./accounts.ts";
import { DeviceFlow } from "./device-flow.ts";

export interface AuditLogEvent {
  action: string;
  actor: string;
  /** Epoch milliseconds. */
  "@timestamp": number;
  [key: string]: unknown;
}

export interface GhesLicense {
  seats: number | string;
  seats_used: number;
  seats_available: number | string;
  kind: string;
  days_until_expiration: number;
  expire_at: string;
}

export interface ManageNode {
  hostname: string;
  platform: "ami" | "azure" | "esx" | "gce" | "hyperv" | "kvm";
  build_id: string;
  build_date: string;
}

export interface ManageState {
  nodes: ManageNode[];
  /** Body of GET /manage/v1/config/license (ghes-license-info). */
  license: Record<string, unknown>;
  /** When true, the license is answered in the `[ {...} ]` form of the spec example. */
  licenseAsArray: boolean;
  licenseStatus: "valid" | "invalid" | "expired" | "cluster mode not supported";
  /** Body of GET /manage/v1/config/settings (ghes-get-settings). */
  settings: Record<string, unknown>;
}

export class GhesState extends Accounts {
  /** Set by startFakeGithub: the web root, e.g. http://127.0.0.1:1234 */
  webUrl = "";
  managePassword = "manage-password";
  /**
   * The instance's enterprise slug, as GraphQL's `viewer.enterprises` names it to a site admin; the audit log then
   * answers 404 for any other slug. null (the default): GraphQL names none, and the audit log takes any slug.
   */
  enterprise: string | null = null;
  readonly device: DeviceFlow;
  readonly auditLog: AuditLogEvent[] = [];
  private documentSeq = 0;
  license: GhesLicense = {
    seats: 1400,
    seats_used: 1316,
    seats_available: 84,
    kind: "standard",
    days_until_expiration: 365,
    expire_at: "2016/02/06 12:41:52 -0600",
  };
  readonly manage: ManageState;

  constructor(public version: string) {
    super(1);
    this.device = new DeviceFlow(this, () => this.webUrl);
    this.manage = {
      nodes: [{ hostname: "ghe-primary", platform: "kvm", build_id: "fc542058", build_date: "2025-10-01" }],
      license: {
        company: "Acme",
        croquetSupport: true,
        expireAt: "2026-01-02T07:59:59Z",
        seats: 0,
        unlimitedSeating: true,
        evaluation: false,
        perpetual: false,
        referenceNumber: "32a145",
        clusterSupport: false,
        sshAllowed: true,
        supportKey: "ssh-rsa AAAAB3N....",
        customTerms: false,
        advancedSecurityEnabled: false,
        advancedSecuritySeats: 0,
        insightsEnabled: false,
        insightsExpireAt: "0001-01-01T00:00:00Z",
        learningLabEvaluationExpires: "0001-01-01T00:00:00Z",
        learningLabSeats: 0,
      },
      licenseAsArray: false,
      licenseStatus: "valid",
      settings: {
        github_hostname: "ghe.acme.test",
        private_mode: false,
        public_pages: false,
        subdomain_isolation: true,
        signup_enabled: false,
        auth_mode: "default",
        customer: {
          name: "Acme",
          email: "admin@acme.test",
          uuid: "af6cac80-e4e1-012e-d822-1231380e52e9",
          public_key_data: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nfake\n-----END PGP PUBLIC KEY BLOCK-----",
          secret_key_data: "-----BEGIN PGP PRIVATE KEY BLOCK-----\nfake-secret-never-log\n-----END PGP PRIVATE KEY BLOCK-----",
        },
        license: {
          seats: 0,
          evaluation: false,
          perpetual: false,
          unlimited_seating: true,
          support_key: "ssh-rsa AAAAB3N....",
          ssh_allowed: true,
          cluster_support: false,
          expire_at: "2026-01-02T07:59:59Z",
        },
      },
    };
  }

  /** Add a site admin (enterprise owner on GHES). */
  addSiteAdmin(login: string): FakeUser {
    return this.addUser(login, { siteAdmin: true });
  }

  /** Append an audit-log event; `@timestamp` defaults to now (ms), `_document_id` to a new unique id. */
  addAuditEvent(event: { action: string; actor: string; "@timestamp"?: number; [key: string]: unknown }): AuditLogEvent {
    const full: AuditLogEvent = {
      _document_id: `doc-${++this.documentSeq}-${Math.random().toString(36).slice(2, 10)}`,
      ...event,
      "@timestamp": event["@timestamp"] ?? this.now(),
    };
    this.auditLog.push(full);
    return full;
  }
}
