import type { Notice } from "../domain/notice.ts";
import type { AccountRef } from "../ports.ts";
import type { CloudServer, LicenseSync } from "./watch-ports.ts";
import type { WatchState } from "./watch-state.ts";

export interface CloudReadings {
  account: AccountRef;
  servers?: CloudServer[];
  licenseSync?: LicenseSync[];
  /** undefined: not read this pass; null: Server Statistics off. */
  features?: string[] | null;
}

/** GitHub.com lists a new connection (and drops a removed one) with some delay: no drift alert inside it. */
export const DRIFT_GRACE_MS = 15 * 60_000;

/** Only what says it failed is a failure: "unknown" (never synced yet) or a pending sync is not news. */
const FAILED_SYNC = new Set(["failure", "failed", "error"]);
const OK_SYNC = new Set(["success", "succeeded"]);

/**
 * GitHub.com's view against ours: a connection GitHub.com does not list (or lists when we think there is none),
 * license sync failing, and a changed feature set, each told once, with its end told once.
 */
export function planCloud(
  start: WatchState,
  r: CloudReadings,
  hostname: string,
  recordsConnected: boolean,
  recordsSince: Date | null,
  now: Date,
  thread: string | null,
): { state: WatchState; notices: Notice[] } {
  const notices: Notice[] = [];
  let cloud = { ...start.cloud, enterprise: r.account.kind === "enterprise" ? r.account.slug : start.cloud.enterprise };
  const account = r.account;
  const stamp = now.toISOString();

  if (r.servers) {
    const server = r.servers.find((s) => s.hostName === hostname.toLowerCase());
    const listed = server?.isConnected ?? false;
    const settled = !recordsSince || now.getTime() - recordsSince.getTime() > DRIFT_GRACE_MS;
    const drift = listed !== recordsConnected && settled;
    if (drift && !cloud.driftSince) {
      notices.push({
        key: `drift:${hostname}:${stamp}`,
        thread,
        broadcast: thread !== null,
        message: { kind: "cloud.drift", github: listed ? "connected" : "not_connected", account, hostname },
      });
      cloud = { ...cloud, driftSince: stamp };
    } else if (!drift && cloud.driftSince && listed === recordsConnected) {
      notices.push({ key: `drift-resolved:${hostname}:${stamp}`, thread, message: { kind: "cloud.drift_resolved", account, hostname } });
      cloud = { ...cloud, driftSince: null };
    }
    cloud = { ...cloud, listedConnected: listed };
    const upload = server?.lastUpload;
    if (upload && upload.syncState === "FAILURE" && !r.licenseSync) {
      r = { ...r, licenseSync: [{ hostname, date: upload.at, status: "failure", error: "user accounts upload failed" }] };
    }
  }

  if (r.licenseSync) {
    const sync = r.licenseSync.find((s) => s.hostname === hostname.toLowerCase());
    if (sync) {
      const failing = FAILED_SYNC.has(sync.status.toLowerCase()) || sync.error.trim() !== "";
      if (failing && !cloud.syncFailingSince) {
        notices.push({
          key: `sync-failed:${hostname}:${sync.date ?? stamp}`,
          thread,
          broadcast: thread !== null,
          message: { kind: "license_sync.failed", account, detail: sync.error || sync.status, at: sync.date },
        });
        cloud = { ...cloud, syncFailingSince: sync.date ?? stamp };
      } else if (!failing && cloud.syncFailingSince && OK_SYNC.has(sync.status.toLowerCase())) {
        notices.push({
          key: `sync-recovered:${hostname}:${sync.date ?? stamp}`,
          thread,
          message: { kind: "license_sync.recovered", account, at: sync.date },
        });
        cloud = { ...cloud, syncFailingSince: null };
      }
      cloud = { ...cloud, sync: { status: sync.status, date: sync.date, error: sync.error } };
    }
  }

  if (r.features !== undefined) {
    const before = cloud.features;
    const now_ = r.features;
    if (before && now_) {
      const added = now_.filter((f) => !before.includes(f));
      const removed = before.filter((f) => !now_.includes(f));
      if (added.length || removed.length) {
        notices.push({
          key: `features:${hostname}:${now_.join(",")}:${stamp}`,
          thread,
          message: { kind: "features.changed", added, removed, now: now_ },
        });
      }
    }
    // Server Statistics switched off says nothing about the features: the last known set is kept.
    cloud = { ...cloud, features: now_ ?? before };
  }
  return { state: { ...start, cloud: { ...cloud, readAt: stamp } }, notices };
}
