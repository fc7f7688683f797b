// Validates requests to, and 2xx answers of, the fakes against @octokit/openapi descriptions (ghes-3.x, ghec).
// Each description is loaded lazily once per process and cached; `nullable` (OpenAPI 3.0) is rewritten to
// `anyOf [..., {type: null}]` while parsing because Ajv refuses `nullable` without `type`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { byLiteralness, compileTemplate, matchTemplate, type PathTemplate } from "./path-template.ts";
import { isObject } from "./types.ts";

export type SpecName = "ghes-3.17" | "ghes-3.18" | "ghes-3.19" | "ghec";

interface ParamObject { name: string; in: string; required?: boolean; schema?: object }
interface MediaObject { schema?: object }
interface BodyObject { required?: boolean; content?: Record<string, MediaObject> }
interface ResponseObject { content?: Record<string, MediaObject> }
interface BreakingChange { version: string; patch?: { responses?: Record<string, ResponseObject | null> } }
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

  private readonly doc: { paths: Record<string, Record<string, unknown>>; components: Record<string, Record<string, unknown>> };

  private constructor(readonly name: SpecName) {
    const file = require.resolve(`@octokit/openapi/generated/${name}.json`);
    this.doc = JSON.parse(readFileSync(file, "utf8"), (_key, value: unknown) => {
      if (isObject(value) && value.nullable === true) {
        const { nullable: _drop, ...rest } = value;
        return { anyOf: [rest, { type: "null" }] };
      }
      return value;
    }) as OpenApiSpec["doc"];
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

  validateRequest(
    found: FoundOperation,
    query: Record<string, string>,
    body: unknown,
    contentType: string | undefined,
  ): string[] {
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
    if (!declared) return [`status ${status} is not documented (documented: ${Object.keys(responses).filter((k) => responses[k]).join(", ")})`];
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
