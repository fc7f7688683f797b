/**
 * Last line of defence: whatever reaches a log line, an audit row or a Slack message passes through here,
 * so a token that slipped into an error message is still not printed.
 */
const PATTERNS: RegExp[] = [
  /\bgh[opusr]_[A-Za-z0-9_]{10,}\b/g, // GitHub tokens: PAT, OAuth, user-to-server, installation, refresh
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{8,}\b/g, // Slack bot, user and config tokens
  /\bxapp-[A-Za-z0-9-]{8,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----|$)/g,
  /\bv1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\b/g, // our own encrypted envelopes
  /\b(Bearer|token|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g, // JWTs
  /\b(device_code|access_token|refresh_token|client_secret|password)=([^&\s]+)/gi,
];

export function redact(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, ...groups) => {
      const key = typeof groups[0] === "string" && /=/.test(match) ? match.slice(0, match.indexOf("=") + 1) : "";
      return `${key}[redacted]`;
    });
  }
  return out;
}

/** Registers values known to be secret at start-up (configured tokens, passwords) for exact-match redaction. */
export function secretRedactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const known = secrets.filter((s): s is string => typeof s === "string" && s.length >= 6);
  return (text) => {
    let out = redact(text);
    for (const secret of known) out = out.split(secret).join("[redacted]");
    return out;
  };
}
