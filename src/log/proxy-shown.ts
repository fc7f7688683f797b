/** A proxy URL as it may be shown: a user name and password in it are credentials. */
export function proxyShown(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(HTTPS_PROXY)";
  }
}
