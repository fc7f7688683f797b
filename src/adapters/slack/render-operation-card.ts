import type { Operation } from "../../core/domain/operation.ts";
import { evidenceWords } from "../../core/messages/evidence-words.ts";
import { readerTime } from "../../core/messages/reader-time.ts";
import { reasonWords } from "../../core/messages/reason-words.ts";
import type { Translate } from "../../core/messages/translate.ts";

export const CONFIRM_ACTION = "op-confirm";
export const CANCEL_ACTION = "op-cancel";
export const STOP_ACTION = "op-stop";

type Block = Record<string, unknown>;
const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } });
const contextBlock = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text: text.slice(0, 2000) }] });
const plain = (text: string, max: number) => ({ type: "plain_text", text: text.slice(0, max) });

/** The colour bar beside the card: blue asks, yellow waits for GHES, green is verified, red failed, grey ended. */
export const CARD_COLOUR: Record<Operation["state"], string> = {
  REQUESTED: "#1264A3",
  AWAITING_CONFIRMATION: "#1264A3",
  CONFIRMED: "#ECB22E",
  APPLYING: "#ECB22E",
  VERIFIED: "#2EB67D",
  FAILED: "#E01E5A",
  DENIED: "#868686",
  CANCELLED: "#868686",
  EXPIRED: "#868686",
};

function header(t: Translate, op: Operation, hostname: string): string {
  switch (op.state) {
    case "CONFIRMED":
    case "APPLYING":
      return t(`card.header.APPLYING.${op.kind}`, { hostname });
    case "VERIFIED":
      return t(`card.header.VERIFIED.${op.kind}`, { hostname });
    case "FAILED":
      return op.reason === "stopped" ? t(`card.header.stopped.${op.kind}`, { hostname }) : t(`card.header.FAILED.${op.kind}`, { hostname });
    case "CANCELLED":
    case "EXPIRED":
    case "DENIED":
      return t(`card.header.ended.${op.kind}`, { hostname });
    default:
      return t(`card.title.${op.kind}`, { hostname });
  }
}

function stateLine(t: Translate, op: Operation): string | null {
  const kind = t(`kind.${op.account.kind}`);
  const f = op.facts;
  switch (op.state) {
    case "AWAITING_CONFIRMATION":
      return null;
    case "APPLYING":
      return t(`card.state.APPLYING.${op.kind}`, {
        where: f?.settingsUrl ? `<${f.settingsUrl}|${t("card.settingsLink")}>` : t("card.settingsFallback"),
        slug: op.account.slug,
        deadline: readerTime(op.applyDeadline, "time"),
      });
    case "VERIFIED":
      return t(`card.state.VERIFIED.${op.kind}`, {
        hostname: f?.hostname ?? "?",
        kind,
        slug: op.account.slug,
        evidence: evidenceWords(t, op.reason),
      });
    case "FAILED":
      return t("card.state.FAILED", { reason: reasonWords(t, op.reason, op.requestedBy.user) });
    case "CANCELLED":
      return op.reason === "superseded" ? t("card.state.superseded") : t("card.state.CANCELLED");
    case "CONFIRMED":
      return t("card.state.CONFIRMED");
    default:
      return t(`card.state.${op.state}`);
  }
}

/** Who did what and when, kept on the card to its end. */
function timeline(t: Translate, op: Operation, announcement: string | undefined): string {
  const lines = [t("card.when.requested", { user: op.requestedBy.user, at: readerTime(op.createdAt) })];
  if (op.confirmedBy) {
    const self = op.confirmedBy.user === op.requestedBy.user && op.confirmedBy.team === op.requestedBy.team;
    lines.push(t(self ? "card.when.selfApproved" : "card.when.confirmed", { user: op.confirmedBy.user, at: readerTime(op.confirmedAt) }));
  }
  const ended = readerTime(op.endedAt);
  const by = op.endedBy?.user ?? "?";
  if (op.state === "VERIFIED") lines.push(t("card.when.verified", { at: readerTime(op.verifiedAt ?? op.endedAt) }));
  else if (op.state === "EXPIRED") lines.push(t("card.when.expired", { at: readerTime(op.expiresAt) }));
  else if (op.state === "CANCELLED" && op.reason === "superseded") lines.push(t("card.when.superseded", { user: by, at: ended }));
  else if (op.state === "CANCELLED") lines.push(t("card.when.cancelled", { user: by, at: ended }));
  else if (op.state === "FAILED" && op.reason === "stopped") lines.push(t("card.when.stopped", { user: by, at: ended }));
  else if (op.state === "FAILED") lines.push(t("card.when.failed", { at: ended }));
  if (announcement) lines.push(`<${announcement}|${t("card.announcementLink")}>`);
  return lines.join("\n");
}

function confirmButtons(t: Translate, op: Operation): Block {
  const slug = op.account.slug;
  const confirm: Block = {
    type: "button",
    action_id: CONFIRM_ACTION,
    value: op.id,
    text: plain(op.kind === "disable" ? t("card.disconnect") : t("card.confirm"), 75),
    style: op.kind === "disable" ? "danger" : "primary",
  };
  if (op.kind === "disable") {
    confirm.confirm = {
      title: plain(t("card.dialog.title"), 100),
      text: plain(t("card.dialog.text", { slug }), 300),
      confirm: plain(t("card.disconnect"), 30),
      deny: plain(t("card.dialog.deny"), 30),
      style: "danger",
    };
  }
  const cancel: Block = { type: "button", action_id: CANCEL_ACTION, value: op.id, text: plain(t("card.cancel"), 75) };
  return { type: "actions", block_id: `op-${op.id}`, elements: [confirm, cancel] };
}

/** While the bot waits for the click in GHES, one can stop it waiting; the dialog says what that cannot undo. */
function stopButton(t: Translate, op: Operation): Block {
  return {
    type: "actions",
    block_id: `op-${op.id}`,
    elements: [
      {
        type: "button",
        action_id: STOP_ACTION,
        value: op.id,
        text: plain(t("card.stop"), 75),
        confirm: {
          title: plain(t("card.stopDialog.title"), 100),
          text: plain(t(`card.stopDialog.text.${op.kind}`), 300),
          confirm: plain(t("card.stop"), 30),
          deny: plain(t("card.stopDialog.deny"), 30),
        },
      },
    ],
  };
}

/**
 * The card as a pure function of the operation (and the link to its announcement, once posted): its header and
 * colour follow the state, who did what stays on it, and buttons exist only while a click can still matter.
 * Buttons carry nothing but the operation id.
 */
export function renderOperationCard(
  t: Translate,
  op: Operation,
  requireSecondApprover: boolean,
  links: { announcement?: string } = {},
): { text: string; blocks: Block[]; attachments: Block[] } {
  const f = op.facts;
  const hostname = f?.hostname ?? "?";
  const kind = t(`kind.${op.account.kind}`);
  const slug = op.account.slug;
  const title = header(t, op, hostname);
  const blocks: Block[] = [
    { type: "header", text: plain(title, 150) },
    section(t("card.summary", { kind, slug, hostname, version: f?.ghesVersion ?? "?" })),
  ];
  if (op.kind === "enable") {
    blocks.push(
      section(
        t("card.stores", {
          hostname,
          version: f?.ghesVersion ?? "?",
          slug,
          fingerprint: f?.licenseFingerprint ? ` (SHA-256 ${f.licenseFingerprint})` : "",
          customer: f?.customerName ? `: ${f.customerName}` : "",
        }),
      ),
      section(t("card.creates", { slug })),
      // One sentence an element: Japanese text takes no space between sentences, English does. The blockers are
      // GitHub's own ("Enabling GitHub Connect for GitHub.com"): no API tells them before the click.
      {
        type: "context",
        elements: [t("card.addendum"), t("card.reassure"), t("card.blockers")].map((text) => ({ type: "mrkdwn", text })),
      },
    );
  } else {
    blocks.push(section(t("card.removes", { slug })));
  }
  const state = stateLine(t, op);
  if (state === null) {
    blocks.push(
      contextBlock(t(requireSecondApprover ? "card.expiresSecond" : "card.expires", { expires: readerTime(op.expiresAt, "time"), slug })),
    );
    blocks.push(confirmButtons(t, op));
  } else {
    blocks.push(section(state));
    if (op.state === "APPLYING") blocks.push(stopButton(t, op));
  }
  const attachments = [{ color: CARD_COLOUR[op.state], blocks: [contextBlock(timeline(t, op, links.announcement))] }];
  return { text: state ? `${title} ${state}`.slice(0, 3000) : title, blocks, attachments };
}
