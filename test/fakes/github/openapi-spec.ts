// Validates requests to, and 2xx answers of, the fakes against @octokit/openapi descriptions (ghes-3.x, ghec).
// Parsing an 11-14 MB description takes half a second idle and seconds on a busy machine, so test/global-setup.ts
// prepares each one (prepareDescription) into node_modules/.cache; a worker then only JSON.parses the ~1 MB copy,
// once per process. Without the cache (a run with another config) the same preparation happens in memory.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { byLiteralness, compileTemplate, matchTemplate, type PathTemplate } from "./path-template.ts";
import { isObject } from "./types.ts";

export type SpecName = "ghes-3.17" | "ghes-3.18" | "ghes-3.19" | "ghec";

interface ParamObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: object;
}
interface MediaObject {
  schema?: object;
}
interface BodyObject {
  required?: boolean;
  content?: Record<string, MediaObject>;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
}
interface BreakingChange {
  version: string;
  patch?: { responses?: Record<string, ResponseObject | null> };
}
interface OperationObject {
  parameters?: ParamObject[];
  requestBody?: BodyObject;
  responses?: Record<string, ResponseObject>;
  "x-github-breaking-changes"?: BreakingChange[];
}

export interface FoundOperation {
  spec: OpenApiSpec;
  method: string;
  template: string;
  params: Record<string, string>;
  operation: OperationObject;
  pathParameters: ParamObject[];
}

const require = createRequire(import.meta.url);
const cache = new Map<SpecName, OpenApiSpec>();
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

export const SPEC_NAMES: readonly SpecName[] = ["ghes-3.17", "ghes-3.18", "ghes-3.19", "ghec"];

/** The part of a description the validator reads; everything else is dropped when preparing. */
interface Description {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

/** Bump whenever prepareDescription changes, so copies prepared by older code are not used. */
const PREPARED_FORMAT = 1;

export function specForGhesVersion(version: string): SpecName {
  if (version.startsWith("3.17")) return "ghes-3.17";
  if (version.startsWith("3.18")) return "ghes-3.18";
  return "ghes-3.19";
}

export class OpenApiSpec {
  private readonly ajv: Ajv;
  private readonly templates: PathTemplate[];
  private readonly validators = new WeakMap<object, ValidateFunction>();

  static get(name: SpecName): OpenApiSpec {
    let spec = cache.get(name);
    if (!spec) {
      spec = new OpenApiSpec(name);
      cache.set(name, spec);
    }
    return spec;
  }

  private readonly doc: Description;

  private constructor(readonly name: SpecName) {
    this.doc = loadDescription(name);
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    addFormatsModule.default(this.ajv);
    for (const f of ["int32", "int64", "float", "double", "byte", "binary", "password"]) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ $id: name, components: this.doc.components });
    this.templates = Object.keys(this.doc.paths).map(compileTemplate).sort(byLiteralness);
  }

  /** Resolve a local "$ref" (one level at a time until a non-ref object). */
  private deref<T>(value: unknown): T {
    let v = value;
    while (isObject(v) && typeof v.$ref === "string") {
      const parts = v.$ref.replace(/^#\//, "").split("/");
      let target: unknown = this.doc;
      for (const p of parts) target = isObject(target) ? target[p] : undefined;
      v = target;
    }
    return v as T;
  }

  find(method: string, path: string): FoundOperation | undefined {
    const m = method.toLowerCase();
    for (const t of this.templates) {
      const params = matchTemplate(t, path);
      if (!params) continue;
      const item = this.doc.paths[t.template] ?? {};
      if (!METHODS.includes(m) || !isObject(item[m])) continue;
      const pathParameters = ((item.parameters as unknown[] | undefined) ?? []).map((p) => this.deref<ParamObject>(p));
      return { spec: this, method: m, template: t.template, params, operation: item[m] as OperationObject, pathParameters };
    }
    return undefined;
  }

  private validator(schema: object): ValidateFunction {
    let v = this.validators.get(schema);
    if (!v) {
      const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${this.name}#/`)) as object;
      v = this.ajv.compile(rewritten);
      this.validators.set(schema, v);
    }
    return v;
  }

  private check(schema: object, data: unknown, what: string): string[] {
    const v = this.validator(schema);
    if (v(data)) return [];
    return [`${what}: ${this.ajv.errorsText(v.errors, { dataVar: what }).slice(0, 800)}`];
  }

  validateRequest(found: FoundOperation, query: Record<string, string>, body: unknown, contentType: string | undefined): string[] {
    const errors: string[] = [];
    const params = [...found.pathParameters, ...(found.operation.parameters ?? []).map((p) => this.deref<ParamObject>(p))];
    for (const p of params) {
      if (p.in !== "query") continue;
      const raw = query[p.name];
      if (raw === undefined) {
        if (p.required) errors.push(`required query parameter '${p.name}' is missing`);
        continue;
      }
      if (p.schema) errors.push(...this.check(p.schema, coerce(raw, this.deref<{ type?: string }>(p.schema)), `query.${p.name}`));
    }
    for (const p of params) {
      if (p.in !== "path" || !p.schema) continue;
      const raw = found.params[p.name];
      if (raw !== undefined) errors.push(...this.check(p.schema, coerce(raw, this.deref<{ type?: string }>(p.schema)), `path.${p.name}`));
    }
    const rb = found.operation.requestBody ? this.deref<BodyObject>(found.operation.requestBody) : undefined;
    if (!rb) {
      if (body !== undefined) errors.push("a request body was sent but the operation defines none");
      return errors;
    }
    const schema = rb.content?.["application/json"]?.schema;
    if (body === undefined) {
      if (rb.required) errors.push("the operation requires a JSON request body");
      return errors;
    }
    if (!contentType?.includes("json")) errors.push(`request body content-type is '${contentType ?? ""}', expected JSON`);
    if (schema) errors.push(...this.check(schema, body, "body"));
    return errors;
  }

  /** Validate a 2xx answer of the fake itself. `apiVersion` applies x-github-breaking-changes patches. */
  validateResponse(found: FoundOperation, status: number, body: unknown, apiVersion: string | undefined): string[] {
    const responses: Record<string, ResponseObject | null> = { ...(found.operation.responses ?? {}) };
    for (const change of found.operation["x-github-breaking-changes"] ?? []) {
      if (apiVersion !== undefined && apiVersion >= change.version) Object.assign(responses, change.patch?.responses ?? {});
    }
    const declared = responses[String(status)];
    if (!declared)
      return [
        `status ${status} is not documented (documented: ${Object.keys(responses)
          .filter((k) => responses[k])
          .join(", ")})`,
      ];
    const schema = this.deref<ResponseObject>(declared).content?.["application/json"]?.schema;
    if (!schema) return body === undefined ? [] : [`status ${status} documents no body but one was sent`];
    if (body === undefined) return [`status ${status} documents a JSON body but none was sent`];
    return this.check(schema, body, "response");
  }
}

function coerce(raw: string, schema: { type?: string }): unknown {
  if (schema.type === "integer" || schema.type === "number") return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (schema.type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  if (schema.type === "array") return raw.split(",");
  return raw;
}

/** Where the prepared copy of a description lives, keyed so a new @octokit/openapi or preparation is rebuilt. */
export function preparedDescriptionFile(name: SpecName): string {
  const packageFile = require.resolve("@octokit/openapi/package.json");
  const { version } = JSON.parse(readFileSync(packageFile, "utf8")) as { version: string };
  const nodeModules = join(dirname(packageFile), "..", "..");
  return join(nodeModules, ".cache", "ghconnect-openapi", `${version}-format${PREPARED_FORMAT}`, `${name}.json`);
}

/**
 * Writes the prepared copy of a description unless it is there already. Written to a temporary file and then
 * renamed, so a worker (or a second run) reading it never sees half a file.
 */
export function ensurePreparedDescription(name: SpecName): "cached" | "prepared" {
  const file = preparedDescriptionFile(name);
  if (existsSync(file)) return "cached";
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(prepareDescription(name)));
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
  return "prepared";
}

function loadDescription(name: SpecName): Description {
  const file = preparedDescriptionFile(name);
  if (!existsSync(file)) return prepareDescription(name);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Description;
  } catch (error) {
    throw new Error(`the prepared OpenAPI description ${file} is unreadable; delete it to have it rebuilt`, { cause: error });
  }
}

/**
 * The description as the validator needs it: OpenAPI 3.0 `nullable` becomes `anyOf [..., {type: "null"}]`
 * (Ajv refuses `nullable` without `type`), and only the paths and the components they reach are kept, without
 * prose, examples or x-github documentation (x-github-breaking-changes stays: it changes answers).
 */
export function prepareDescription(name: SpecName): Description {
  const file = require.resolve(`@octokit/openapi/generated/${name}.json`);
  const full = JSON.parse(readFileSync(file, "utf8"), nullableAsAnyOf) as Description;
  const paths = withoutDocs(full.paths, true) as Description["paths"];
  const components = withoutDocs(full.components, false) as Description["components"];
  return { paths, components: reachedFrom(paths, components) };
}

function nullableAsAnyOf(_key: string, value: unknown): unknown {
  if (isObject(value) && value.nullable === true) {
    const { nullable: _drop, ...rest } = value;
    return { anyOf: [rest, { type: "null" }] };
  }
  return value;
}

/** Documentation only: never read by find() or the validators. */
const DOC_KEYS = new Set(["example", "examples", "externalDocs", "tags", "x-github", "x-octokit"]);
/** Prose; dropped only as strings, so a property that happens to be named "description" can never be lost. */
const PROSE_KEYS = new Set(["description", "summary", "title"]);
/** Values that map names to objects (properties, paths, status codes, media types): their keys are not docs. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "paths",
  "schemas",
  "parameters",
  "responses",
  "requestBodies",
  "headers",
  "content",
  "encoding",
  "links",
  "callbacks",
  "securitySchemes",
  "mapping",
  "variables",
]);
/** Values that are data (allowed or default values), kept as they are. */
const DATA_KEYS = new Set(["enum", "const", "default"]);

/** A copy without documentation. `namesHere`: the keys of this object are names, so none of them is dropped. */
function withoutDocs(value: unknown, namesHere: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutDocs(item, false));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (namesHere) out[key] = withoutDocs(child, false);
    else if (DOC_KEYS.has(key) || (PROSE_KEYS.has(key) && typeof child === "string")) continue;
    else out[key] = DATA_KEYS.has(key) ? child : withoutDocs(child, NAME_MAPS.has(key));
  }
  return out;
}

/** The components that `root` refers to, directly or through other components ("#/components/<kind>/<name>"). */
function reachedFrom(root: unknown, components: Description["components"]): Description["components"] {
  const kept: Description["components"] = {};
  const pending = refsIn(root);
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const [, kind, name] = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref) ?? [];
    if (kind === undefined || name === undefined || kept[kind]?.[name] !== undefined) continue;
    const target = components[kind]?.[name];
    if (target === undefined) continue;
    kept[kind] = { ...kept[kind], [name]: target };
    pending.push(...refsIn(target));
  }
  return kept;
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") found.push(child);
      else refsIn(child, found);
    }
  }
  return found;
}
