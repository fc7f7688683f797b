/**
 * English texts. Placeholders are {name}; every key must also exist in ja.ts (the type checks it).
 * Names, as GitHub's own documentation uses them: "GitHub Enterprise Server" (GHES) for the instance; "GitHub
 * Enterprise Cloud" for the other side, its organizations and enterprise accounts, and the identity proven there;
 * "GitHub.com" only for the website where people sign in and where GitHub keeps its records of the connection.
 */
export const en = {
  "side.GHES": "GitHub Enterprise Server",
  "side.CLOUD": "GitHub Enterprise Cloud",
  "kind.org": "organization",
  "kind.enterprise": "enterprise",

  "help.title": "ghconnect: connect this GitHub Enterprise Server to GitHub Enterprise Cloud (GitHub Connect)",
  "help.summary.help": "show this help",
  "help.summary.link": "prove your GitHub Enterprise Server or GitHub Enterprise Cloud identity (device sign-in)",
  "help.summary.unlink": "forget your linked identities (one side, or both)",
  "help.summary.whoami": "show your linked identities and, for an account, whether you may connect it",
  "help.summary.enable": "connect this server to an organization or enterprise account (asks for confirmation)",
  "help.summary.disable": "disconnect this server from an account (asks for confirmation)",
  "help.summary.status": "show the connections and any operation in flight",
  "help.summary.audit": "show the latest audit events (admins only)",
  "help.footer":
    "Enabling needs someone who is both a GHES site administrator and an owner of the GitHub Enterprise Cloud organization or enterprise account, proven with `link ghes` and `link cloud`.",
  "help.start.title": "Getting started",
  "help.start":
    "1. `/ghconnect link ghes`: prove who you are on GitHub Enterprise Server.\n2. `/ghconnect link cloud`: prove who you are on GitHub Enterprise Cloud (you sign in on GitHub.com).\n3. `/ghconnect whoami acme`: check, live, that you may connect the account `acme`.\n4. `/ghconnect enable acme`: the confirmation card is posted in this channel, for everyone here to see; an authorized person confirms it, then makes the one click in GHES.",
  "help.commands": "Commands",
  "error.seeHelp": "See `/ghconnect help` for the commands and how to start.",

  "link.start": "To link your {side} account, open the sign-in page and enter this code:",
  "link.code": "`{code}`",
  "link.open": "Open the {side} sign-in page",
  "link.expires": "The code expires at {expires}. I will tell you here when it is done. Page: {url}",
  "link.next.cloud": "Next: `/ghconnect link cloud`, to prove your GitHub Enterprise Cloud identity.",
  "link.next.ghes": "Next: `/ghconnect link ghes`, to prove your GitHub Enterprise Server identity.",
  "link.next.whoami": "Both sides are linked. Next: check an account with `/ghconnect whoami <account>`.",
  "link.done": "Linked: you are *{login}* on {side}.",
  "link.replaced": "Linked: you are *{login}* on {side} (this replaces your earlier link as {previous}).",
  "unlink.done": "Forgotten: your {side} link as {login}. The token stored for it was deleted.",
  "unlink.none": "You have no linked identity to forget.",

  "whoami.title": "Your identities",
  "home.title": "GitHub Connect",
  "home.unlink": "Unlink",
  "whoami.linked": "{side}: *{login}*",
  "whoami.notLinked": "{side}: not linked. Run `/ghconnect link {command}`.",
  "whoami.verdict.allowed": "✅ You may connect or disconnect the {kind} *{slug}*.",
  "whoami.verdict.denied": "⛔ You may not connect or disconnect the {kind} *{slug}*.",
  "whoami.hint": "Add an account to check it live: `/ghconnect whoami <slug>`.",
  "whoami.next": "To connect this server to it: `/ghconnect enable {kind} {slug}` (and `/ghconnect disable {kind} {slug}` to disconnect).",
  "policy.fix.not_site_admin":
    "To fix: an existing GHES site administrator can promote *{login}* (site admin dashboard, or `ghe-user-promote {login}` on the appliance).",
  "policy.fix.org_not_owner": "To fix: an owner of the organization {slug} can make *{login}* an owner.",
  "policy.fix.org_pending": "To fix: *{login}* must accept the invitation to {slug} on GitHub.com.",
  "policy.fix.org_not_member":
    "To fix: an owner of the organization {slug} can invite *{login}* as an owner, or link the account that is one (`/ghconnect link cloud`).",
  "policy.fix.enterprise_not_owner": "To fix: an owner of the enterprise {slug} can invite *{login}* as an enterprise owner.",
  "policy.fix.enterprise_hidden":
    "To fix: check the name (`/ghconnect whoami enterprise <slug>`), or link the account that owns it (`/ghconnect link cloud`).",

  "policy.GHES.site_admin": "GHES: *{login}* is a site administrator.",
  "policy.GHES.not_site_admin": "GHES: *{login}* is not a site administrator.",
  "policy.CLOUD.org_owner": "GitHub Enterprise Cloud: *{login}* is an owner of the organization {slug}.",
  "policy.CLOUD.org_not_owner": "GitHub Enterprise Cloud: *{login}* is a member of {slug} with the role {role}, not an owner.",
  "policy.CLOUD.org_pending": "GitHub Enterprise Cloud: *{login}*'s membership in {slug} is still pending (invitation not accepted).",
  "policy.CLOUD.org_not_member":
    "GitHub Enterprise Cloud: *{login}* is not a member of the organization {slug} (or the organization is hidden from this token).",
  "policy.CLOUD.enterprise_owner": "GitHub Enterprise Cloud: *{login}* is an owner of the enterprise {slug}.",
  "policy.CLOUD.enterprise_not_owner": "GitHub Enterprise Cloud: *{login}* is not an owner of the enterprise {slug}.",
  "policy.CLOUD.enterprise_hidden": "GitHub Enterprise Cloud: the enterprise {slug} does not exist or is not visible to *{login}*.",
  "policy.side.not_linked": "{side}: not linked. Run `/ghconnect link {command}` first.",
  "policy.side.error": "{side}: could not be checked. {error}",

  "op.denied.enable": "\u26d4 You may not connect this server to the {kind} *{slug}*. Nothing was started.",
  "op.denied.disable": "\u26d4 You may not disconnect this server from the {kind} *{slug}*. Nothing was started.",
  "op.cardPosted": "I posted the confirmation card in this channel. It expires at {expires}.",
  "op.secondApproverNeeded": "Another authorized person (a GHES site admin who owns the account) must confirm it.",
  "op.clickDenied": "You may not confirm or cancel this operation:",
  "op.confirmedByYou": "Confirmed. The card now shows what to do in GHES; I will announce the result.",
  "op.cancelledByYou": "Cancelled. Nothing was changed.",
  "op.stoppedByYou":
    "Stopped. I no longer wait for the click in GHES. This does not undo a click already made there; if GitHub's records show one later, I will still announce it.",

  "preflight.failed.enable": "The checks before I connect this server to the {kind} *{slug}* found problems:",
  "preflight.failed.disable": "The checks before I disconnect this server from the {kind} *{slug}* found problems:",
  "preflight.nothingStarted": "Nothing was started. Fix these and run the command again.",
  "preflight.version": "GHES version",
  "preflight.license": "GHES license",
  "preflight.network": "Network",
  "preflight.state": "Connection state",
  "preflight.evidence": "Verification",
  "preflight.app": "The bot's GitHub App",
  "preflight.license.connect_not_licensed":
    "The GHES license does not allow GitHub Connect (the Manage API reports it off). Ask GitHub to include it in the license.",
  "preflight.network.unreachable":
    "The bot cannot reach {targets}. GitHub Connect needs github.com and api.github.com reachable; check HTTPS_PROXY and the firewall.",
  "preflight.state.already_connected":
    "This server already appears connected to GitHub (the bot's records, the GHES audit log or GitHub's list of connected servers). See `/ghconnect status`.",
  "preflight.state.not_connected": "This server does not appear connected to this account; there is nothing to disconnect.",
  "preflight.evidence.no_evidence_source":
    "The bot could not verify the result: set GHES_ENTERPRISE (to read the GHES audit log) or, for an enterprise, GITHUB_MONITOR_TOKEN.",
  "preflight.app.app_not_installed":
    "The bot's GitHub App is not installed on this account. Install it here, then run the command again: {url}",

  "card.title.enable": "Connect {hostname} to GitHub Enterprise Cloud?",
  "card.title.disable": "Disconnect {hostname} from GitHub Enterprise Cloud?",
  "card.summary": "Account: the {kind} *{slug}*\nInstance: {hostname} (GHES {version})",
  "card.stores":
    "*GitHub.com will store about this instance:*\n• the public key part of the GHES license{fingerprint}\n• the hash of the GHES license\n• the customer name on the license{customer}\n• the hostname: {hostname}\n• the version: {version}\n• the connected account: {slug}\n• an authentication token GHES uses for its requests to GitHub.com",
  "card.creates":
    "GHES also creates a GitHub App owned by *{slug}*. Its credentials (a token valid for one hour, and the private key that mints new ones) are stored on GHES, replicated, and kept in backups.",
  "card.addendum": "Enabling GitHub Connect accepts the GitHub Connect addendum to your GitHub Enterprise license agreement.",
  "card.reassure": "Enabling GitHub Connect does not allow GitHub.com users to make changes to GitHub Enterprise Server.",
  "card.removes":
    "*Disconnecting removes:*\n• the GitHub Connect GitHub App from *{slug}*\n• the credentials stored on GHES for it (its token and private key)\nFeatures that rely on GitHub Connect stop working.",
  "card.expires": "Expires at {expires}. Only a GHES site admin who owns *{slug}* can confirm.",
  "card.expiresSecond": "Expires at {expires}. Only a GHES site admin who owns *{slug}*, other than the requester, can confirm.",
  "card.confirm": "Confirm",
  "card.cancel": "Cancel",
  "card.disconnect": "Approve disconnection",
  "card.dialog.title": "Disconnect from GitHub?",
  "card.dialog.text":
    "GitHub Connect will be disabled for {slug}: the app is removed from the account and the credentials on GHES are deleted.",
  "card.dialog.deny": "Keep connected",
  "card.state.REQUESTED": "Checking…",
  "card.state.CONFIRMED": "Confirmed. Preparing the steps in GHES\u2026",
  "card.state.APPLYING.enable":
    "Now, in this order:\n1. Sign in to both GHES and GitHub.com (on GitHub.com as an owner of *{slug}*).\n2. In GHES, open {where}.\n3. Click *Enable GitHub Connect*: this accepts the GitHub Connect addendum to your GitHub Enterprise license agreement.\n4. Click *Connect* next to *{slug}*.\nI am watching GitHub's records and will update this card (until {deadline}).",
  "card.state.APPLYING.disable":
    "Now:\n1. In GHES, open {where}.\n2. Click *Disable GitHub Connect* next to *{slug}*, read what it removes, and click *Disable GitHub Connect* again.\nI am watching GitHub's records and will update this card (until {deadline}).",
  "card.settingsFallback": "your enterprise's settings (Enterprise settings → GitHub Connect)",
  "card.settingsLink": "Enterprise settings → GitHub Connect",
  "card.state.VERIFIED.enable": "✅ Verified: {hostname} is connected to the {kind} *{slug}*. Evidence: {evidence}",
  "card.state.VERIFIED.disable": "✅ Verified: {hostname} is disconnected from the {kind} *{slug}*. Evidence: {evidence}",
  "card.state.FAILED": "❌ Failed: {reason}",
  "card.state.EXPIRED": "⌛ Expired without confirmation. Nothing was changed.",
  "card.state.CANCELLED": "Cancelled. Nothing was changed.",
  "card.state.superseded": "Superseded by a newer request. Nothing was changed.",
  "card.state.DENIED": "Refused.",
  "evidence.ghesAudit": "GHES audit log: `{action}` by *{actor}*, {at}",
  "evidence.ghesAudit.late": "GHES audit log: `{action}` by *{actor}*, {at} (after ghconnect had stopped waiting)",
  "evidence.cloudLists": "GitHub Enterprise Cloud lists {hostname} as connected",
  "evidence.cloudNoLongerLists": "GitHub Enterprise Cloud no longer lists {hostname}",
  "card.header.APPLYING.enable": "\u23f3 Waiting for the click in GHES: connect {hostname} to GitHub Enterprise Cloud",
  "card.header.APPLYING.disable": "\u23f3 Waiting for the click in GHES: disconnect {hostname} from GitHub Enterprise Cloud",
  "card.header.VERIFIED.enable": "\u2705 {hostname} is connected to GitHub Enterprise Cloud",
  "card.header.VERIFIED.disable": "\u2705 {hostname} is disconnected from GitHub Enterprise Cloud",
  "card.header.FAILED.enable": "\u274c Not verified: connecting {hostname} to GitHub Enterprise Cloud",
  "card.header.FAILED.disable": "\u274c Not verified: disconnecting {hostname} from GitHub Enterprise Cloud",
  "card.header.stopped.enable": "\u23f9 Stopped waiting: connecting {hostname} to GitHub Enterprise Cloud",
  "card.header.stopped.disable": "\u23f9 Stopped waiting: disconnecting {hostname} from GitHub Enterprise Cloud",
  "card.header.ended.enable": "Not started: connecting {hostname} to GitHub Enterprise Cloud",
  "card.header.ended.disable": "Not started: disconnecting {hostname} from GitHub Enterprise Cloud",
  "card.when.requested": "Requested by <@{user}> \u00b7 {at}",
  "card.when.confirmed": "Confirmed by <@{user}> \u00b7 {at}",
  "card.when.selfApproved": "Confirmed by <@{user}>, who requested it (self-approval) \u00b7 {at}",
  "card.when.verified": "Verified in GitHub's records \u00b7 {at}",
  "card.when.expired": "Expired without confirmation \u00b7 {at}",
  "card.when.cancelled": "Cancelled by <@{user}> \u00b7 {at}",
  "card.when.superseded": "Superseded by a newer request from <@{user}> \u00b7 {at}",
  "card.when.stopped": "<@{user}> stopped the wait \u00b7 {at}",
  "card.when.failed": "Ended without verification \u00b7 {at}",
  "card.announcementLink": "See the announcement",
  "card.stop": "Stop waiting",
  "card.stopDialog.title": "Stop waiting?",
  "card.stopDialog.text.enable":
    "ghconnect stops watching for the click and ends this operation. It cannot undo a click already made in GHES: if GitHub Connect was enabled there, it stays enabled.",
  "card.stopDialog.text.disable":
    "ghconnect stops watching for the click and ends this operation. It cannot undo a click already made in GHES: if GitHub Connect was disabled there, it stays disabled.",
  "card.stopDialog.deny": "Keep waiting",
  "notice.cardLink": "See the card",
  "reason.apply_timeout":
    "GitHub's records did not show the change before the time limit. If you did click in GHES, check `/ghconnect status`.",
  "reason.interrupted":
    "ghconnect restarted while preparing the confirmation card (<@{requester}> was not told). Nothing was changed; the command can be run again.",
  "reason.stopped": "Someone stopped waiting for the click in GHES. A click already made there stands: check `/ghconnect status`.",
  "reason.other": "{reason}",
  "announce.VERIFIED.enable":
    "🔗 {hostname} is now connected to the {kind} *{slug}* (GitHub Connect). Requested by <@{requester}>, confirmed by <@{confirmer}>. Evidence: {evidence}",
  "announce.VERIFIED.disable":
    "🔌 {hostname} was disconnected from the {kind} *{slug}* (GitHub Connect). Requested by <@{requester}>, confirmed by <@{confirmer}>. Evidence: {evidence}",
  "announce.FAILED.enable": "\u274c The request to connect this server to the {kind} *{slug}* failed: {reason}",
  "announce.FAILED.disable": "\u274c The request to disconnect this server from the {kind} *{slug}* failed: {reason}",

  "notice.out_of_band.create":
    "⚠️ GitHub Connect was *enabled* in GHES for {hostname}{account} by *{actor}* at {at}, *not through ghconnect*. No confirmation card or second approver was involved. Check with {actor} that this was intended.",
  "notice.out_of_band.destroy":
    "⚠️ GitHub Connect was *disabled* in GHES for {hostname}{account} by *{actor}* at {at}, *not through ghconnect*. GHES removed the Connect app and its credentials; features that rely on GitHub Connect stopped.",
  "notice.account": " (the {kind} *{slug}*)",
  "notice.late":
    "✅ Late confirmation: the change requested for the {kind} *{slug}* (operation {operation}, which had stopped waiting for it) was made in GHES by *{actor}* at {at}. The connection is now recorded.",
  "notice.token.updated": "🔑 GitHub Connect renewed its credentials on {day}: {count} time(s), latest at {latest}.",
  "notice.token.silent":
    "⚠️ GitHub Connect has not renewed its credentials for {hours} hours (last at {last}). Its token is valid for one hour, so features that rely on it may have stopped. Check *Enterprise settings → GitHub Connect* in GHES.",
  "notice.token.resumed": "✅ GitHub Connect renews its credentials again (at {at}; silent since {since}).",
  "notice.credential.expiring":
    "⏳ The bot's token in `{variable}` expires on {expiresAt} ({days} day(s) left). An operator must replace it before then, or the bot stops watching GitHub Connect.",
  "notice.credential.rejected":
    "🚨 GitHub rejected the bot's credentials in `{variable}` ({detail}). The bot cannot watch GitHub Connect with them until an operator fixes `{variable}`.",
  "notice.credential.recovered": "✅ The bot's credentials in `{variable}` work again.",
  "notice.watch.blind":
    "🚨 The bot cannot read {sources} since {since}, so it cannot see changes to GitHub Connect. See `/ghconnect status`.",
  "notice.watch.recovered": "✅ The bot reads {sources} again.",
  "notice.drift.not_connected":
    "⚠️ GitHub.com does not list {hostname} as connected to the {kind} *{slug}*, while GitHub's records on GHES say it is connected. The GitHub Connect app may have been removed on GitHub.com, or the connection is broken. Check *Enterprise settings → GitHub Connect* in GHES.",
  "notice.drift.connected":
    "⚠️ GitHub.com lists {hostname} as connected to the {kind} *{slug}*, while the bot's records say it is not. Check *Enterprise settings → GitHub Connect* in GHES and `/ghconnect status`.",
  "notice.drift.resolved": "✅ GitHub.com and the bot's records agree again about {hostname} and the {kind} *{slug}*.",
  "notice.sync.failed": "⚠️ License sync from this server to the {kind} *{slug}* failed{at}: {detail}",
  "notice.sync.recovered": "✅ License sync to the {kind} *{slug}* succeeds again{at}.",
  "notice.sync.at": " (at {at})",
  "notice.features.changed":
    "GitHub Connect features reported by Server Statistics changed. Now: {now}. Added: {added}. Removed: {removed}.",
  "notice.none": "none",
  "notice.link.created": "🔗 <@{user}> linked the {side} identity *{login}*.",
  "notice.link.replaced": "🔗 <@{user}> linked the {side} identity *{login}* (replacing *{previous}*).",
  "notice.link.removed": "🔗 <@{user}> removed their {side} link (*{login}*).",
  "notice.source.ghes_audit": "the GHES audit log",
  "notice.source.app": "the bot's GitHub App",
  "notice.source.ghec": "GitHub.com's records of connected servers",

  "status.none": "No connection is recorded and no operation is in flight.",
  "status.connection": "{kind} *{slug}*: *{state}* since {since} (by {who}), last verified {verified}. {hostname}, GHES {version}",
  "status.byGhes": "*{login}* in GHES",
  "status.watch.connected": "GitHub Connect, as GitHub's records show it: *connected*{account} since {at}, by *{actor}* ({via}).",
  "status.watch.account": " ({kind} *{slug}*)",
  "status.watch.disconnected": "GitHub Connect, as GitHub's records show it: *not connected* since {at}, by *{actor}* ({via}).",
  "status.watch.unknown": "GitHub's records have shown no connection change since the watch began.",
  "status.watch.via.ghconnect": "through ghconnect",
  "status.watch.via.out_of_band": "not through ghconnect",
  "status.watch.via.late": "through ghconnect, confirmed late",
  "status.watch.renewal": "Last credential renewal by GitHub Connect: {at}{silent}.",
  "status.watch.silent": " ⚠️ silent longer than expected",
  "status.watch.pass": "Watcher: last look {at} (by {holder}).",
  "status.watch.stale": "⚠️ Watcher: no look for {minutes} minutes (last {at}); what is shown may be out of date.",
  "status.watch.never": "⚠️ Watcher: has not looked yet.",
  "status.watch.noSource": "⚠️ Watcher: GHES_ENTERPRISE is not set, so the GHES audit log cannot be read.",
  "status.watch.failing": "⚠️ Cannot read {source} since {since} ({code}).",
  "status.watch.expires": "`{variable}` expires {at}.",
  "status.watch.rejected": "⚠️ `{variable}` was rejected by GitHub ({detail}).",
  "status.watch.github.listed": "GitHub.com lists this server as connected to the enterprise *{slug}*.",
  "status.watch.github.unlisted": "GitHub.com does not list this server as connected to the enterprise *{slug}*.",
  "status.watch.sync": "License sync: {status}{at}{error}.",
  "status.watch.features": "GitHub Connect features (Server Statistics): {features}.",
  "status.watch.givenUp": "⚠️ {count} announcement(s) were refused by Slack for good ({error}): check that the bot is in NOTIFY_CHANNEL.",
  "status.watch.backlog": "⚠️ {count} announcement(s) waiting for Slack{error}.",
  "status.inFlight.enable": "In flight: connect this server to the {kind} *{slug}*: {state}, requested by <@{user}> at {at}",
  "status.inFlight.disable": "In flight: disconnect this server from the {kind} *{slug}*: {state}, requested by <@{user}> at {at}",
  "status.CONNECTED": "connected",
  "status.DISCONNECTED": "disconnected",
  "audit.title": "Latest audit events",
  "audit.none": "No audit events yet.",
  "audit.adminsOnly": "Only a GHES site administrator (proven with `/ghconnect link ghes`) can read the audit log.",

  "error.COMMAND_UNKNOWN": "I don't know the command `{given}`.",
  "error.COMMAND_ARGUMENTS": "That is not how `{command}` is used.",
  "error.COMMAND_INPUT_INVALID.too_long": "The command is longer than {max} characters.",
  "error.COMMAND_INPUT_INVALID.control": "The command contains control or invisible characters. Please type it again.",
  "error.SECRET_IN_INPUT":
    "⚠️ That looked like a token or a secret. I did not run, store or repeat it. Treat it as exposed: revoke it where it was issued (GitHub: Settings → Developer settings; Slack: the app's settings) and create a new one.",
  "error.SLUG_INVALID":
    "`{slug}` is not a valid account name: GitHub names use letters, digits and single hyphens, not at the start or end (organizations at most 39 characters).",
  "error.suggestion": "Did you mean `{suggestion}`?",
  "error.usage": "Usage: `{usage}`",
  "error.SLACK_USER_GUEST": "Guest accounts cannot use ghconnect.",
  "error.SLACK_USER_DELETED": "This Slack account is deactivated.",
  "error.SLACK_USER_BOT": "Bots cannot use ghconnect.",
  "error.SLACK_UNAVAILABLE": "Slack did not tell me who you are ({detail}). Nothing was done; please try again in a minute.",
  "error.NOT_LINKED": "You have not linked your {side} identity. Run `/ghconnect link {command}` first.",
  "error.LINK_EXPIRED": "The sign-in code expired before it was entered. Run `/ghconnect link {command}` to get a new one.",
  "error.LINK_DENIED": "The sign-in was cancelled on {side}. Nothing was linked.",
  "error.LINK_DEVICE_FLOW_DISABLED":
    'Device sign-in is switched off for the app on {side}. An administrator must enable "Device Flow" in the app\'s settings.',
  "error.LINK_CLIENT_INVALID":
    "{side} does not know the configured client ID, so sign-in cannot start. An administrator must check {variable}.",
  "error.LINK_IN_PROGRESS": "A sign-in for {side} is already waiting for you. Use the code I sent, or wait until it expires.",
  "error.TOKEN_REVOKED": "Your {side} link is no longer valid (the token was revoked or expired). Run `/ghconnect link {command}` again.",
  "error.GITHUB_UNAUTHORIZED": "{side} rejected the bot's own credentials. An operator must check the bot's configured token.",
  "error.GITHUB_UNAUTHORIZED.variable":
    "{side} rejected the bot's own credential in `{variable}` (expired, revoked or wrong). Nothing was changed. An operator must replace `{variable}` in the bot's configuration and restart it; `/ghconnect status` shows when it works again.",
  "error.GITHUB_NOT_FOUND.enterprise_audit_log":
    "{side} has no enterprise audit log the bot can read. An operator must check `GHES_ENTERPRISE` (the enterprise's slug in GHES) and that `GHES_TOKEN` has the `admin:enterprise` scope.",
  "error.GITHUB_SSO_REQUIRED": "{side} requires SAML single sign-on for this account. Authorize your session at {url} and try again.",
  "error.GITHUB_FORBIDDEN": "{side} refused the request: {detail}",
  "error.GITHUB_NOT_FOUND": "{side} says {what} does not exist or is not visible to you.",
  "error.GITHUB_RATE_LIMITED": "{side} rate limit reached. Try again after {retryAt}.",
  "error.GITHUB_TIMEOUT": "{side} did not answer within {seconds} seconds. Nothing was changed; try again.",
  "error.GITHUB_UNREACHABLE": "{side} cannot be reached from the bot ({detail}). Check the network and proxy settings.",
  "error.GITHUB_SERVER_ERROR": "{side} answered with a server error ({status}). Nothing was changed; try again later.",
  "error.GITHUB_UNEXPECTED": "{side} gave an answer I did not expect ({detail}).",
  "error.ACCOUNT_NOT_FOUND": "There is no organization or enterprise named `{slug}` visible to your GitHub.com account.",
  "error.ACCOUNT_AMBIGUOUS":
    "Both an organization and an enterprise are named `{slug}`. Say which: `/ghconnect {command} org {slug}` or `/ghconnect {command} enterprise {slug}`.",
  "error.OPERATION_IN_FLIGHT":
    "An operation for `{slug}` is already in progress: {state}{holder}.{where} Wait for it to end; see `/ghconnect status {slug}`.",
  "inFlight.holder": ", requested by <@{user}>",
  "inFlight.card": " Its card is in <#{channel}>.",
  "state.inFlight": "in progress",
  "state.REQUESTED": "being checked",
  "state.AWAITING_CONFIRMATION": "waiting for confirmation",
  "state.CONFIRMED": "confirmed",
  "state.APPLYING": "confirmed, waiting for the change in GHES",
  "error.OPERATION_NOT_FOUND": "This button does not belong to a ghconnect operation. Nothing was done.",
  "error.OPERATION_CARD_MISMATCH":
    "This button does not belong to the card it was clicked on. Nothing was done; use the buttons on the operation's own card.",
  "error.OPERATION_EXPIRED": "This confirmation has expired. Nothing was changed; run the command again.",
  "error.OPERATION_ALREADY_DECIDED": "This operation was already decided; the card shows where it stands.",
  "error.SECOND_APPROVER_REQUIRED": "A second approver is required: someone other than the requester must confirm.",
  "error.CARD_NOT_POSTED":
    "I could not post the confirmation card in this channel ({detail}). Invite me (`/invite @ghconnect`) and try again. Nothing was started.",
  "error.BUSY": "ghconnect is busy and did not run this; nothing was done or recorded. Try again in a minute.",
  "error.SLACK_PAYLOAD_INVALID": "Slack sent this without a workspace id ({detail}); nothing was done.",
  "error.TOKEN_UNREADABLE":
    "Your stored sign-in could not be read ({detail}); ghconnect's ENCRYPTION_KEY may have changed. Run `/ghconnect unlink`, then link both sides again.",
  "error.internal":
    "Something failed inside ghconnect (reference {requestId}). Nothing was changed. An administrator can find the details in the log under that reference.",
} as const;

export type MessageKey = keyof typeof en;
