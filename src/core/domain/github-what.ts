/**
 * What a GitHub call asked for, named by the adapter that made it and put into words (in the reader's language)
 * only when an error is described: `slug` fills the names that carry one.
 */
export type GithubWhat =
  | "it"
  | "user"
  | "enterprise"
  | "org"
  | "membership"
  | "serverInstallations"
  | "licenseSync"
  | "enterpriseAuditLog"
  | "serverStatistics"
  | "connectedServers"
  | "manageApi"
  | "meta"
  | "botApp"
  | "botAppInstallation";
