// Checks an OpenAPI document: its structure (OpenAPI 3.1, checked with ajv), every schema in it compiles, and its
// paths are exactly the routes the app registered — so the document cannot drift from the code.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';

const Parameter = {
  type: 'object',
  required: ['name', 'in'],
  properties: {
    name: { type: 'string', minLength: 1 },
    in: { enum: ['path', 'query', 'header', 'cookie'] },
    required: { type: 'boolean' },
    schema: { type: 'object' },
    description: { type: 'string' },
  },
  // A path parameter is required and has a schema.
  anyOf: [{ properties: { in: { not: { const: 'path' } } } }, { required: ['required', 'schema'], properties: { required: { const: true } } }],
};
const Response = {
  type: 'object',
  required: ['description'],
  properties: {
    description: { type: 'string' },
    content: { type: 'object', additionalProperties: { type: 'object', properties: { schema: { type: 'object' } } } },
    headers: { type: 'object' },
  },
};
const Operation = {
  type: 'object',
  required: ['responses'],
  properties: {
    operationId: { type: 'string' },
    summary: { type: 'string' },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    parameters: { type: 'array', items: Parameter },
    requestBody: {
      type: 'object',
      required: ['content'],
      properties: { content: { type: 'object', minProperties: 1, additionalProperties: { type: 'object', properties: { schema: { type: 'object' } } } } },
    },
    responses: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^(default|[1-5](XX|[0-9]{2}))$' },
      additionalProperties: Response,
    },
    security: { type: 'array' },
  },
};
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The parts of the OpenAPI 3.1 schema a generated document can get wrong. */
const OpenApi31 = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: { type: 'object', required: ['title', 'version'], properties: { title: { type: 'string' }, version: { type: 'string' } } },
    servers: { type: 'array', items: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } } },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        properties: Object.fromEntries(METHODS.map((m) => [m, Operation])),
        additionalProperties: false,
      },
    },
    components: { type: 'object', properties: { schemas: { type: 'object', additionalProperties: { type: 'object' } } } },
  },
};

type Doc = { paths?: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: object }[]; requestBody?: { content: Record<string, { schema?: object }> }; responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>>; components?: { schemas?: Record<string, object> } };

/** Every problem found in `doc` (empty when it is sound and in step with `routes`, as `app.registeredRoutes()` lists them). */
export function openApiProblems(doc: unknown, routes: string[]): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const problems: string[] = [];
  if (!ajv.validate(OpenApi31, doc)) {
    for (const e of ajv.errors ?? []) problems.push(`structure: ${e.instancePath || '/'} ${e.message}`);
    return problems;
  }
  const d = doc as Doc;
  // Schemas must be usable JSON Schema 2020-12 (what OpenAPI 3.1 uses): compile each, components first for $refs.
  const schemaAjv = new Ajv2020({ strict: false, validateFormats: false });
  schemaAjv.addSchema({ $id: 'openapi-components', components: d.components ?? {} });
  const documented: string[] = [];
  for (const [path, item] of Object.entries(d.paths ?? {})) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(item)) {
      documented.push(`${method.toUpperCase()} ${path}`);
      const where = `${method.toUpperCase()} ${path}`;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      for (const name of templated) if (!pathParams.includes(name as string)) problems.push(`${where}: path parameter ${name} is not described`);
      for (const name of pathParams) if (!templated.includes(name)) problems.push(`${where}: parameter ${name} is not in the path`);
      const schemas = [
        ...(op.parameters ?? []).map((p) => p.schema),
        ...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema),
        ...Object.values(op.responses ?? {}).flatMap((r) => Object.values(r.content ?? {}).map((c) => c.schema)),
      ];
      for (const schema of schemas) {
        if (!schema) continue;
        try {
          schemaAjv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi-components#/components/')));
        } catch (err) {
          problems.push(`${where}: a schema does not compile: ${(err as Error).message}`);
        }
      }
    }
  }
  const want = new Set(routes);
  const have = new Set(documented);
  for (const r of want) if (!have.has(r)) problems.push(`route ${r} is not documented`);
  for (const r of have) if (!want.has(r)) problems.push(`${r} is documented but no such route exists`);
  return problems;
}

/** Fetches `/openapi.json` from `app` like a client would and checks it against the app's routes. */
export async function checkServedOpenApi(app: FastifyInstance): Promise<{ status: number; problems: string[]; doc: unknown }> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  const doc: unknown = res.statusCode === 200 ? res.json() : undefined;
  return { status: res.statusCode, doc, problems: res.statusCode === 200 ? openApiProblems(doc, app.registeredRoutes()) : [`GET /openapi.json answered ${res.statusCode}`] };
}
