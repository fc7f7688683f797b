/** Lines grouped into blocks under Slack's 3,000 characters a section, none cut. */
export function sectionChunks(lines: string[], max = 2900): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max && current) {
      out.push(current);
      current = line;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}
