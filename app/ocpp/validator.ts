/**
 * Validation of OCPP 1.6 payloads against the JSON schemas shipped by the maintained `ocpp-rpc`
 * package (MIT; the OCA's 1.6 schemas plus the security whitepaper's actions, in draft-07 form).
 * Every schema is compiled once per process; validation returns issues as values, never throws.
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OcppErrorCode } from './errors.ts';
import { isDateTime } from './date-time.ts';

export type PayloadKind = 'req' | 'conf';

export interface SchemaIssue {
  /** JSON pointer into the payload, "" for the payload itself. */
  readonly path: string;
  readonly message: string;
  /** The ajv keyword that failed (type, required, enum, maxLength, additionalProperties, format, …). */
  readonly keyword: string;
  /** The CALLERROR code a strict peer answers this violation with. */
  readonly code: OcppErrorCode;
}

interface SchemaDoc {
  $id: string;
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS; under ESM its default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let compiled: Map<string, ValidateFunction> | undefined;

function validators(): Map<string, ValidateFunction> {
  if (compiled) return compiled;
  const schemas = require('ocpp-rpc/lib/schemas/ocpp1_6.json') as SchemaDoc[];
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The same judgement without allocating per timestamp (date-time.ts).
  ajv.addFormat('date-time', isDateTime);
  compiled = new Map();
  for (const schema of schemas) {
    // $id is "urn:BootNotification.req"
    // and newer ajv (fast-uri) refuses such id-less URNs, so the id is dropped before compiling.
    const { $id, ...body } = schema;
    compiled.set($id.replace(/^urn:/, ''), ajv.compile(body));
  }
  return compiled;
}

/** True if the schemas know this action at all. */
export function hasSchema(action: string, kind: PayloadKind): boolean {
  return validators().has(`${action}.${kind}`);
}

/** What a valid payload has: one frozen list shared by every frame (nothing allocated per frame). */
const NO_ISSUES: readonly SchemaIssue[] = Object.freeze([]);

export function validatePayload(action: string, kind: PayloadKind, payload: unknown): readonly SchemaIssue[] {
  const validate = validators().get(`${action}.${kind}`);
  if (!validate) return NO_ISSUES;
  if (validate(payload)) return NO_ISSUES;
  return (validate.errors ?? []).map(toIssue);
}

function toIssue(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    path = `${path}/${String(params.missingProperty)}`;
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    path = `${path}/${String(params.additionalProperty)}`;
    message = 'is not a field of this message';
  } else if (error.keyword === 'enum') {
    message = `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
  }
  return { path, message, keyword: error.keyword, code: codeFor(error.keyword) };
}

/** OCPP-J 1.6 §4.2.3 names which violation is which. */
function codeFor(keyword: string): OcppErrorCode {
  switch (keyword) {
    case 'type':
      return 'TypeConstraintViolation';
    case 'required':
      return 'OccurenceConstraintViolation';
    case 'additionalProperties':
      return 'FormationViolation';
    default:
      return 'PropertyConstraintViolation';
  }
}

const SEVERITY: OcppErrorCode[] = ['FormationViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation', 'PropertyConstraintViolation'];

/** The one code to answer a set of violations with: the structurally most serious one. */
export function answerCodeFor(issues: readonly SchemaIssue[]): OcppErrorCode {
  for (const code of SEVERITY) if (issues.some((i) => i.code === code)) return code;
  return 'GenericError';
}

/** Compile all schemas now (start-up), instead of on the first frame. */
export function warmUpValidator(): number {
  return validators().size;
}
