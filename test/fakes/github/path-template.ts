// Matching of OpenAPI-style path templates ("/orgs/{org}/installation") against concrete paths.

export interface PathTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  /** Number of {param} segments; literal segments win over parameters when sorting. */
  paramCount: number;
}

export function compileTemplate(template: string): PathTemplate {
  const names: string[] = [];
  const source = template
    .split("/")
    .map((segment) =>
      segment.replace(/\{([^}]+)\}|[^{}]+/g, (part, name: string | undefined) => {
        if (name !== undefined) {
          names.push(name);
          return "([^/]+)";
        }
        return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      }),
    )
    .join("/");
  return { template, regex: new RegExp(`^${source}$`), names, paramCount: names.length };
}

export function matchTemplate(t: PathTemplate, path: string): Record<string, string> | undefined {
  const m = t.regex.exec(path);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  t.names.forEach((name, i) => {
    params[name] = decodeURIComponent(m[i + 1] ?? "");
  });
  return params;
}

/** Sort so that more literal templates are tried first. */
export function byLiteralness(a: PathTemplate, b: PathTemplate): number {
  return a.paramCount - b.paramCount;
}
