import type { Operation } from "../../core/domain/operation.ts";
import { readerTime } from "../../core/messages/reader-time.ts";
import type { Translate } from "../../core/messages/translate.ts";

export const CONFIRM_ACTION = "op-confirm";
export const CANCEL_ACTION = "op-cancel";

type Block = Record<string, unknown>;
const hhmm = (d: Date | null) => readerTime(d, "time");
const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } });
const contextBlock = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text: text.slice(0, 2000) }] });

function reasonText(t: Translate, op: Operation): string {
  if (op.reason === "apply_timeout") return t("reason.apply_timeout");
  return t("reason.other", { reason: op.reason ?? "unknown" });
}

function stateLine(t: Translate, op: Operation): string | null {
  const kind = t(`kind.${op.account.kind}`);
  const f = op.facts;
  const user = op.confirmedBy?.user ?? op.requestedBy.user;
  switch (op.state) {
    case "AWAITING_CONFIRMATION":
      return null;
    case "APPLYING":
      return t(`card.state.APPLYING.${op.kind}`, {
        user,
        where: f?.settingsUrl ? `<${f.settingsUrl}|${t("card.settingsLink")}>` : t("card.settingsFallback"),
        slug: op.account.slug,
        deadline: hhmm(op.applyDeadline),
      });
    case "VERIFIED":
      return t(`card.state.VERIFIED.${op.kind}`, { hostname: f?.hostname ?? "?", kind, slug: op.account.slug, evidence: op.reason ?? "" });
    case "FAILED":
      return t("card.state.FAILED", { reason: reasonText(t, op) });
    case "CANCELLED":
      return op.reason === "superseded" ? t("card.state.superseded") : t("card.state.CANCELLED");
    case "CONFIRMED":
      return t("card.state.CONFIRMED", { user });
    default:
      return t(`card.state.${op.state}`);
  }
}

/**
 * The confirmation card as a pure function of the operation: buttons exist only while it awaits
 * confirmation, and they carry nothing but the operation id.
 */
export function renderOperationCard(t: Translate, op: Operation, requireSecondApprover: boolean): { text: string; blocks: Block[] } {
  const f = op.facts;
  const hostname = f?.hostname ?? "?";
  const kind = t(`kind.${op.account.kind}`);
  const slug = op.account.slug;
  const title = t(`card.title.${op.kind}`, { hostname });
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: title.slice(0, 150) } },
    section(t("card.summary", { kind, slug, hostname, version: f?.ghesVersion ?? "?", user: op.requestedBy.user })),
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
      contextBlock(`${t("card.addendum")} ${t("card.reassure")}`),
    );
  } else {
    blocks.push(section(t("card.removes", { slug })));
  }
  const state = stateLine(t, op);
  if (state === null) {
    blocks.push(contextBlock(t(requireSecondApprover ? "card.expiresSecond" : "card.expires", { expires: hhmm(op.expiresAt), slug })));
    const confirm: Block = {
      type: "button",
      action_id: CONFIRM_ACTION,
      value: op.id,
      text: { type: "plain_text", text: op.kind === "disable" ? t("card.disconnect") : t("card.confirm") },
    };
    if (op.kind === "disable") {
      confirm.style = "danger";
      confirm.confirm = {
        title: { type: "plain_text", text: t("card.dialog.title").slice(0, 100) },
        text: { type: "plain_text", text: t("card.dialog.text", { slug }).slice(0, 300) },
        confirm: { type: "plain_text", text: t("card.disconnect").slice(0, 30) },
        deny: { type: "plain_text", text: t("card.dialog.deny").slice(0, 30) },
        style: "danger",
      };
    } else {
      confirm.style = "primary";
    }
    const cancel: Block = { type: "button", action_id: CANCEL_ACTION, value: op.id, text: { type: "plain_text", text: t("card.cancel") } };
    blocks.push({ type: "actions", block_id: `op-${op.id}`, elements: [confirm, cancel] });
  } else {
    blocks.push(section(state));
  }
  return { text: state ? `${title} ${state}`.slice(0, 3000) : title, blocks };
}
