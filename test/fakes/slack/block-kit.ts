// Block Kit limit checks used by the fake Slack (slack-facts A4).
// `errors` are things real Slack rejects (invalid_blocks / invalid_arguments);
// `warnings` are accepted by Slack but are still bugs in the caller (missing fallback text, overlong text).

type Obj = Record<string, unknown>;

export interface BlockKitReport {
  errors: string[];
  warnings: string[];
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The string inside a text object ({type, text}) or a bare string. */
function textOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (isObj(v) && typeof v.text === "string") return v.text;
  return undefined;
}

function maxLen(out: string[], where: string, value: unknown, limit: number): void {
  const s = textOf(value);
  if (s !== undefined && s.length > limit) out.push(`${where} is ${s.length} chars (limit ${limit})`);
}

function maxCount(out: string[], where: string, value: unknown, limit: number): void {
  if (Array.isArray(value) && value.length > limit) out.push(`${where} has ${value.length} items (limit ${limit})`);
}

function checkConfirm(out: string[], where: string, confirm: unknown): void {
  if (!isObj(confirm)) {
    out.push(`${where} is not an object`);
    return;
  }
  if (textOf(confirm.text) === undefined) out.push(`${where}.text is required`);
  maxLen(out, `${where}.title`, confirm.title, 100);
  maxLen(out, `${where}.text`, confirm.text, 300);
  maxLen(out, `${where}.confirm`, confirm.confirm, 30);
  maxLen(out, `${where}.deny`, confirm.deny, 30);
}

function checkElement(out: string[], where: string, el: unknown): void {
  if (!isObj(el)) {
    out.push(`${where} is not an object`);
    return;
  }
  maxLen(out, `${where}.action_id`, el.action_id, 255);
  if (el.type === "button") {
    const label = textOf(el.text);
    if (label === undefined || label.length === 0) out.push(`${where} (button) has no text`);
    maxLen(out, `${where} (button) text`, el.text, 75);
    maxLen(out, `${where} (button) value`, el.value, 2000);
    maxLen(out, `${where} (button) url`, el.url, 3000);
  }
  if (el.confirm !== undefined) checkConfirm(out, `${where}.confirm`, el.confirm);
  maxCount(out, `${where}.options`, el.options, el.type === "overflow" ? 5 : 100);
  if (Array.isArray(el.options)) {
    for (const [i, o] of el.options.entries()) if (isObj(o)) maxLen(out, `${where}.options[${i}].text`, o.text, 75);
  }
}

function checkBlock(out: string[], where: string, block: Obj): void {
  switch (block.type) {
    case "section":
      maxLen(out, `${where} (section) text`, block.text, 3000);
      maxCount(out, `${where} (section) fields`, block.fields, 10);
      if (Array.isArray(block.fields)) {
        for (const [i, f] of block.fields.entries()) maxLen(out, `${where} (section) fields[${i}]`, f, 2000);
      }
      if (block.accessory !== undefined) checkElement(out, `${where}.accessory`, block.accessory);
      break;
    case "header":
      maxLen(out, `${where} (header) text`, block.text, 150);
      break;
    case "actions": {
      if (!Array.isArray(block.elements)) {
        out.push(`${where} (actions) has no elements array`);
        break;
      }
      maxCount(out, `${where} (actions) elements`, block.elements, 25);
      const seen = new Set<string>();
      block.elements.forEach((el, i) => {
        checkElement(out, `${where}.elements[${i}]`, el);
        const id = isObj(el) ? el.action_id : undefined;
        if (typeof id === "string") {
          if (seen.has(id)) out.push(`${where} (actions) duplicates action_id "${id}"`);
          seen.add(id);
        }
      });
      break;
    }
    case "context":
      maxCount(out, `${where} (context) elements`, block.elements, 10);
      break;
    case "input":
      maxLen(out, `${where} (input) label`, block.label, 2000);
      if (block.element !== undefined) checkElement(out, `${where}.element`, block.element);
      break;
    default:
      break;
  }
}

export function checkBlocks(out: string[], where: string, blocks: unknown, limit: number): void {
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) {
    out.push(`${where} is not an array`);
    return;
  }
  maxCount(out, where, blocks, limit);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${where}[${i}]`;
    if (!isObj(block) || typeof block.type !== "string") {
      out.push(`${at} has no type`);
      return;
    }
    if (typeof block.block_id === "string") {
      maxLen(out, `${at}.block_id`, block.block_id, 255);
      if (blockIds.has(block.block_id)) out.push(`${at} duplicates block_id "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
    checkBlock(out, at, block);
  });
}

/** chat.postMessage / chat.update / chat.postEphemeral arguments, or a response_url body. */
export function checkMessage(msg: Obj): BlockKitReport {
  const report: BlockKitReport = { errors: [], warnings: [] };
  maxLen(report.warnings, "text", msg.text, 4000);
  const hasBlocks = Array.isArray(msg.blocks) && msg.blocks.length > 0;
  const text = typeof msg.text === "string" ? msg.text : "";
  if (hasBlocks && text.trim() === "") report.warnings.push("message has blocks but no top-level text (fallback)");
  checkBlocks(report.errors, "blocks", msg.blocks, 50);
  if (Array.isArray(msg.attachments)) {
    for (const [i, a] of msg.attachments.entries()) if (isObj(a)) checkBlocks(report.errors, `attachments[${i}].blocks`, a.blocks, 50);
  }
  return report;
}

/** views.open / views.publish / views.update `view` argument. */
export function checkView(view: unknown): BlockKitReport {
  const report: BlockKitReport = { errors: [], warnings: [] };
  if (!isObj(view)) {
    report.errors.push("view is not an object");
    return report;
  }
  if (view.type !== "modal" && view.type !== "home") report.errors.push(`view.type "${String(view.type)}" is not modal or home`);
  if (view.type === "modal" && textOf(view.title) === undefined) report.errors.push("modal view has no title");
  for (const key of ["title", "submit", "close"] as const) maxLen(report.errors, `view.${key}`, view[key], 24);
  maxLen(report.errors, "view.callback_id", view.callback_id, 255);
  maxLen(report.errors, "view.private_metadata", view.private_metadata, 3000);
  if (!Array.isArray(view.blocks)) report.errors.push("view.blocks is not an array");
  else checkBlocks(report.errors, "view.blocks", view.blocks, 100);
  return report;
}
