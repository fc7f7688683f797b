import type { Notice } from "../domain/notice.ts";
import type { CredentialObservation } from "./watch-ports.ts";
import type { CredentialStatus, WatchState } from "./watch-state.ts";

const DAY_MS = 86_400_000;
/** Warned once each as a token's expiry comes closer; a restart or a second replica does not warn again. */
export const EXPIRY_BANDS = [14, 7, 1] as const;

export function bandOf(expiresAt: Date, now: Date): number | null {
  const days = (expiresAt.getTime() - now.getTime()) / DAY_MS;
  let band: number | null = null;
  for (const b of EXPIRY_BANDS) if (days <= b) band = b;
  return band;
}

/** Expiry bands and rejections of the bot's own credentials, each told once, with its recovery. */
export function planCredentialAlerts(
  observations: readonly CredentialObservation[],
  start: WatchState,
  now: Date,
): { state: WatchState; notices: Notice[] } {
  const credentials = { ...start.credentials };
  const notices: Notice[] = [];
  for (const o of observations) {
    const before: CredentialStatus | undefined = credentials[o.variable];
    const expiresAt = o.expiresAt?.toISOString() ?? null;
    // A new token (another expiry) starts its bands afresh.
    let band = before && before.expiresAt === expiresAt ? before.band : null;
    if (o.expiresAt && !o.rejected) {
      const due = bandOf(o.expiresAt, now);
      if (due !== null && (band === null || due < band)) {
        const days = Math.max(0, Math.ceil((o.expiresAt.getTime() - now.getTime()) / DAY_MS));
        notices.push({
          key: `credential:${o.variable}:${expiresAt}:${due}`,
          thread: null,
          message: { kind: "credential.expiring", variable: o.variable, expiresAt: expiresAt as string, days },
        });
        band = due;
      }
    }
    const at = o.at.toISOString();
    if (o.rejected && !before?.rejected) {
      notices.push({
        key: `credential-rejected:${o.variable}:${at}`,
        thread: null,
        message: { kind: "credential.rejected", variable: o.variable, detail: o.detail ?? "HTTP 401" },
      });
    } else if (!o.rejected && before?.rejected) {
      notices.push({
        key: `credential-recovered:${o.variable}:${at}`,
        thread: null,
        message: { kind: "credential.recovered", variable: o.variable },
      });
    }
    credentials[o.variable] = { expiresAt, band, rejected: o.rejected, detail: o.rejected ? (o.detail ?? "HTTP 401") : null, at };
  }
  return { state: { ...start, credentials }, notices };
}

/**
 * Silence is news too: once GitHub Connect has been seen renewing its credentials, a renewal gap longer than
 * `silenceMs` while connected is an alert (told once; the next renewal tells the recovery).
 */
export function planTokenSilence(
  start: WatchState,
  now: Date,
  silenceMs: number,
  thread: string | null,
  connected: boolean,
): { state: WatchState; notices: Notice[] } {
  const last = start.token.last;
  if (!last || !connected || start.token.silentSince) return { state: start, notices: [] };
  // A renewal from before the current connection says nothing about it: silence counts from the later of the two.
  const since = Math.max(Date.parse(last), start.instance?.connected ? Date.parse(start.instance.at) : 0);
  if (now.getTime() - since <= silenceMs) return { state: start, notices: [] };
  const hours = Math.floor((now.getTime() - since) / 3_600_000);
  return {
    state: { ...start, token: { ...start.token, silentSince: last } },
    notices: [{ key: `token-silent:${last}`, thread, broadcast: thread !== null, message: { kind: "token.silent", last, hours } }],
  };
}

/** A source that stays unreadable longer than `blindMs` is announced once; its return is announced once. */
export function planBlindness(start: WatchState, now: Date, blindMs: number): { state: WatchState; notices: Notice[] } {
  const notices: Notice[] = [];
  let alerted = [...start.blindAlerted];
  for (const [name, s] of Object.entries(start.sources)) {
    const isAlerted = alerted.includes(name);
    if (!s.ok && s.failingSince && !isAlerted && now.getTime() - Date.parse(s.failingSince) > blindMs) {
      notices.push({
        key: `blind:${name}:${s.failingSince}`,
        thread: null,
        message: { kind: "watch.blind", sources: [name], since: s.failingSince },
      });
      alerted.push(name);
    } else if (s.ok && isAlerted) {
      notices.push({ key: `seeing:${name}:${s.at}`, thread: null, message: { kind: "watch.recovered", sources: [name] } });
      alerted = alerted.filter((a) => a !== name);
    }
  }
  return { state: { ...start, blindAlerted: alerted }, notices };
}
