/**
 * Decides whether a resource policy (a bucket policy or a key policy) admits one request, the way IAM evaluates a
 * resource policy: a matching Deny wins over any Allow, no matching Allow is an implicit deny. Values not known until
 * `pulumi up` (in the document or in the request) make a match three-valued: a verdict that depends on one is
 * "Unknown", never a guess. The suite checks every verdict against @cloud-copilot/iam-simulate, which stays a dev
 * dependency (AGPL): nothing here imports it.
 */
import { UNKNOWN, isUnknown } from "./unknowns";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied" | "Unknown";

/** A context value: one string, a list (a multivalued key), or the unknown sentinel (or a list holding it). */
export type ContextValue = string | readonly string[];

export interface MatchRequest {
    /** A service principal (`cloudtrail.amazonaws.com`), an IAM/STS ARN, an account id, or `*` for anonymous. */
    principal: string;
    action: string;
    /** The ARN the request acts on: a bucket, an object, a key. */
    resource: string;
    /** The request context, keyed by condition key (any case): `aws:SourceArn`, `s3:x-amz-acl`, ... */
    context: Readonly<Record<string, ContextValue>>;
}

export interface Verdict {
    decision: Decision;
    /** The Sids (or `#<index>`) of the statements that decided: the matching denies, else the matching allows. */
    statements: string[];
}

/** Three-valued truth: true, false, or not known until `pulumi up`. */
type Tri = boolean | "unknown";

function and(values: Iterable<Tri>): Tri {
    let result: Tri = true;
    for (const value of values) {
        if (value === false) {
            return false;
        }
        if (value === "unknown") {
            result = "unknown";
        }
    }
    return result;
}

function or(values: Iterable<Tri>): Tri {
    let result: Tri = false;
    for (const value of values) {
        if (value === true) {
            return true;
        }
        if (value === "unknown") {
            result = "unknown";
        }
    }
    return result;
}

function not(value: Tri): Tri {
    return value === "unknown" ? "unknown" : !value;
}

/**
 * Several documents read as one (a bucket with an inline policy and a BucketPolicy resource, a key with a KeyPolicy):
 * a document not known yet stands as one unknown statement.
 */
export function joinPolicies(documents: readonly unknown[]): { Statement: unknown[] } {
    return { Statement: documents.flatMap((document) => rawStatements(document) ?? [UNKNOWN]) };
}

/** The document's statements as raw objects; undefined when the document (or its statement list) is unknown. */
function rawStatements(policy: unknown): unknown[] | undefined {
    let document = policy;
    if (typeof policy === "string") {
        if (isUnknown(policy)) {
            return undefined;
        }
        try {
            document = JSON.parse(policy);
        } catch {
            return [];
        }
    }
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
        return [];
    }
    const raw = (document as Record<string, unknown>).Statement;
    if (isUnknown(raw)) {
        return undefined;
    }
    return Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
}

function list(value: unknown): unknown[] {
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/** `*` matches any run of characters, `?` exactly one; everything else literally. */
function globRegex(pattern: string, ignoreCase: boolean): RegExp {
    return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, ignoreCase ? "si" : "s");
}

export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
    return globRegex(pattern, ignoreCase).test(value);
}

/**
 * ARN matching (Resource, ArnLike, ArnEquals): each of the six colon-separated parts is matched on its own, so a
 * wildcard never crosses a colon of the first five (IAM, "ARN condition operators").
 */
export function arnMatch(pattern: string, value: string): boolean {
    if (pattern === "*") {
        return true;
    }
    // A pattern of fewer than six parts with a wildcard stands for its missing parts as `*`; without one it names nothing.
    const short = pattern.split(":").length < 6;
    if (short && !pattern.includes("*")) {
        return false;
    }
    const patternParts = splitArn(short ? [...pattern.split(":"), ...Array(6 - pattern.split(":").length).fill("*")].join(":") : pattern);
    const valueParts = splitArn(value);
    if (!patternParts || !valueParts) {
        return false;
    }
    return patternParts.every((part, index) => globMatch(part, valueParts[index]));
}

function splitArn(arn: string): string[] | undefined {
    const parts = arn.split(":");
    if (parts.length < 6) {
        return undefined;
    }
    return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** The context value of `key` (case-insensitive), as a list; undefined when the key is absent. */
function contextValues(context: Readonly<Record<string, ContextValue>>, key: string): readonly string[] | undefined {
    const wanted = key.toLowerCase();
    for (const [name, value] of Object.entries(context)) {
        if (name.toLowerCase() === wanted) {
            return typeof value === "string" ? [value] : value;
        }
    }
    return undefined;
}

/**
 * Replaces `${key}` policy variables with the request's value (and `${*}`, `${?}`, `${$}` with the characters they
 * escape). A variable whose key is absent makes the element not match; an unknown value makes it unknown.
 */
function substitute(value: string, context: Readonly<Record<string, ContextValue>>): string | false | "unknown" {
    if (!value.includes("${")) {
        return value;
    }
    let missing = false;
    let unknown = false;
    const replaced = value.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
        if (name === "*" || name === "?" || name === "$") {
            return name;
        }
        const [key, fallback] = name.split(/\s*,\s*/);
        const found = contextValues(context, key.trim());
        if (found === undefined || found.length !== 1) {
            const quoted = fallback !== undefined ? /^'(.*)'$/.exec(fallback.trim()) : null;
            if (quoted) {
                return quoted[1];
            }
            missing = true;
            return "";
        }
        if (isUnknown(found[0])) {
            unknown = true;
        }
        return found[0];
    });
    return unknown ? "unknown" : missing ? false : replaced;
}

function matchesAction(patterns: unknown[], action: string): Tri {
    return or(patterns.map((pattern) => (isUnknown(pattern) ? "unknown" : typeof pattern === "string" && globMatch(pattern, action, true))));
}

function matchesResource(patterns: unknown[], resource: string, context: Readonly<Record<string, ContextValue>>): Tri {
    return or(
        patterns.map((pattern): Tri => {
            if (typeof pattern !== "string") {
                return false;
            }
            // `*` matches a resource not known yet (a key policy's Resource, for a key created in this preview).
            if (pattern === "*") {
                return true;
            }
            if (isUnknown(pattern) || isUnknown(resource)) {
                return "unknown";
            }
            const resolved = substitute(pattern, context);
            return resolved === "unknown" ? "unknown" : resolved !== false && arnMatch(resolved, resource);
        }),
    );
}

const ACCOUNT = /^\d{12}$/;
const IAM_ARN = /^arn:[^:]+:(iam|sts)::(\d{12}):(.*)$/;

/** The account a principal ARN or id belongs to. */
function accountOf(principal: string): string | undefined {
    if (ACCOUNT.test(principal)) {
        return principal;
    }
    return IAM_ARN.exec(principal)?.[2];
}

/** An assumed-role session is its role, for matching a role ARN named in a policy. */
function roleOf(principal: string): string | undefined {
    const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
    return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
}

function principalEntryMatches(entry: unknown, kind: string, principal: string): Tri {
    if (isUnknown(entry)) {
        return "unknown";
    }
    if (typeof entry !== "string") {
        return false;
    }
    if (kind === "service" || kind === "federated" || kind === "canonicaluser") {
        return entry === principal;
    }
    if (entry === "*") {
        return true;
    }
    // An account (its id or its root ARN) names every principal of that account.
    const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry)?.[1];
    const named = root ?? (ACCOUNT.test(entry) ? entry : undefined);
    if (named !== undefined) {
        return accountOf(principal) === named;
    }
    return entry === principal || roleOf(principal) === entry;
}

/** Whether a `Principal` (or `NotPrincipal`) block names the request's principal. */
function matchesPrincipal(block: unknown, principal: string): Tri {
    if (isUnknown(block)) {
        return "unknown";
    }
    if (block === "*") {
        return true;
    }
    if (block === null || typeof block !== "object" || Array.isArray(block)) {
        return false;
    }
    const service = principal.endsWith(".amazonaws.com") || principal.endsWith(".amazonaws.com.cn");
    return or(
        Object.entries(block as Record<string, unknown>).map(([kind, entries]) => {
            const lower = kind.toLowerCase();
            // A service principal is named by Service only: {"AWS": "*"} does not name it.
            if ((lower === "aws" && service) || (lower === "service" && !service)) {
                return false;
            }
            return or(list(entries).map((entry) => principalEntryMatches(entry, lower, principal)));
        }),
    );
}

interface Operator {
    set?: "any" | "all";
    base: string;
    ifExists: boolean;
}

function parseOperator(name: string): Operator {
    let rest = name;
    let set: Operator["set"];
    if (/^ForAnyValue:/i.test(rest)) {
        set = "any";
        rest = rest.slice("ForAnyValue:".length);
    } else if (/^ForAllValues:/i.test(rest)) {
        set = "all";
        rest = rest.slice("ForAllValues:".length);
    }
    const ifExists = /IfExists$/i.test(rest);
    return { set, base: ifExists ? rest.slice(0, -"IfExists".length) : rest, ifExists };
}

/** Operators that match when the value matches none of the policy's values, and whose absent key matches. */
const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "numericnotequals", "datenotequals", "arnnotequals", "arnnotlike", "notipaddress"]);

/** The positive form of each operator: how one request value is compared with one policy value. */
const COMPARE: Record<string, (actual: string, expected: string) => boolean> = {
    stringequals: (actual, expected) => actual === expected,
    stringequalsignorecase: (actual, expected) => actual.toLowerCase() === expected.toLowerCase(),
    stringlike: (actual, expected) => globMatch(expected, actual),
    numericequals: (actual, expected) => numeric(actual, expected, (a, b) => a === b),
    numericlessthan: (actual, expected) => numeric(actual, expected, (a, b) => a < b),
    numericlessthanequals: (actual, expected) => numeric(actual, expected, (a, b) => a <= b),
    numericgreaterthan: (actual, expected) => numeric(actual, expected, (a, b) => a > b),
    numericgreaterthanequals: (actual, expected) => numeric(actual, expected, (a, b) => a >= b),
    dateequals: (actual, expected) => dated(actual, expected, (a, b) => a === b),
    datelessthan: (actual, expected) => dated(actual, expected, (a, b) => a < b),
    datelessthanequals: (actual, expected) => dated(actual, expected, (a, b) => a <= b),
    dategreaterthan: (actual, expected) => dated(actual, expected, (a, b) => a > b),
    dategreaterthanequals: (actual, expected) => dated(actual, expected, (a, b) => a >= b),
    bool: (actual, expected) => actual.toLowerCase() === expected.toLowerCase(),
    binaryequals: (actual, expected) => actual === expected,
    arnequals: (actual, expected) => arnMatch(expected, actual),
    arnlike: (actual, expected) => arnMatch(expected, actual),
    ipaddress: (actual, expected) => inCidr(actual, expected),
};

const POSITIVE: Record<string, string> = {
    stringnotequals: "stringequals",
    stringnotequalsignorecase: "stringequalsignorecase",
    stringnotlike: "stringlike",
    numericnotequals: "numericequals",
    datenotequals: "dateequals",
    arnnotequals: "arnequals",
    arnnotlike: "arnlike",
    notipaddress: "ipaddress",
};

function numeric(actual: string, expected: string, compare: (a: number, b: number) => boolean): boolean {
    const a = Number(actual);
    const b = Number(expected);
    return actual.trim() !== "" && expected.trim() !== "" && !Number.isNaN(a) && !Number.isNaN(b) && compare(a, b);
}

function dated(actual: string, expected: string, compare: (a: number, b: number) => boolean): boolean {
    const time = (value: string): number => (/^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value));
    const a = time(actual);
    const b = time(expected);
    return !Number.isNaN(a) && !Number.isNaN(b) && compare(a, b);
}

function inCidr(address: string, cidr: string): boolean {
    const toNumber = (ip: string): number | undefined => {
        const parts = ip.split(".");
        if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
            return undefined;
        }
        return parts.reduce((total, part) => total * 256 + Number(part), 0);
    };
    const [network, bits = "32"] = cidr.split("/");
    const a = toNumber(address);
    const n = toNumber(network);
    const size = Number(bits);
    if (a === undefined || n === undefined || !/^\d{1,2}$/.test(bits) || size > 32) {
        return false;
    }
    const block = 2 ** (32 - size);
    return Math.floor(a / block) === Math.floor(n / block);
}

// AWS-IAM-100: absent keys, negated operators, IfExists, Null and the set operators.
/** One condition key under one operator: the request's values against the policy's values. */
function conditionHolds(operatorName: string, key: string, policyValues: unknown[], context: Readonly<Record<string, ContextValue>>): Tri {
    const operator = parseOperator(operatorName);
    const base = operator.base.toLowerCase();
    const actual = contextValues(context, key);
    if (base === "null") {
        // Null: "true" asks that the key be absent, "false" that it be present.
        return or(policyValues.map((value) => (isUnknown(value) ? "unknown" : String(value).toLowerCase() === "true" ? actual === undefined : actual !== undefined)));
    }
    const negated = NEGATED.has(base);
    const compare = COMPARE[negated ? POSITIVE[base] : base];
    if (!compare) {
        // An operator this matcher does not know: it cannot decide.
        return "unknown";
    }
    if (actual === undefined || actual.length === 0) {
        if (operator.ifExists) {
            return true;
        }
        if (operator.set === "all") {
            return true;
        }
        if (operator.set === "any") {
            return false;
        }
        return negated;
    }
    // One request value against every policy value: a match with any of them (values are ORed).
    const one = (value: string): Tri =>
        isUnknown(value)
            ? "unknown"
            : or(
                  policyValues.map((expected): Tri => {
                      if (isUnknown(expected)) {
                          return "unknown";
                      }
                      const resolved = substitute(String(expected), context);
                      return resolved === "unknown" ? "unknown" : resolved !== false && compare(value, resolved);
                  }),
              );
    const each = actual.map((value) => (negated ? not(one(value)) : one(value)));
    // A single-valued operator on a multivalued key, and ForAnyValue: some value matches; ForAllValues: every one.
    return operator.set === "all" ? and(each) : or(each);
}

function matchesConditions(condition: unknown, context: Readonly<Record<string, ContextValue>>): Tri {
    if (condition === undefined || condition === null) {
        return true;
    }
    if (isUnknown(condition) || typeof condition !== "object") {
        return isUnknown(condition) ? "unknown" : false;
    }
    return and(
        Object.entries(condition as Record<string, unknown>).flatMap(([operator, block]) => {
            if (isUnknown(block)) {
                return ["unknown" as Tri];
            }
            return Object.entries((block ?? {}) as Record<string, unknown>).map(([key, values]) => (isUnknown(values) ? "unknown" : conditionHolds(operator, key, list(values), context)));
        }),
    );
}

/** Whether one statement applies to the request, and its effect. */
function applies(statement: unknown, request: MatchRequest): { effect: Tri | "Allow" | "Deny"; applies: Tri } {
    if (isUnknown(statement) || statement === null || typeof statement !== "object") {
        return { effect: "unknown", applies: isUnknown(statement) ? "unknown" : false };
    }
    const raw = statement as Record<string, unknown>;
    const effect = isUnknown(raw.Effect) ? "unknown" : raw.Effect === "Deny" ? "Deny" : raw.Effect === "Allow" ? "Allow" : undefined;
    if (effect === undefined) {
        return { effect: false, applies: false };
    }
    if (isUnknown(request.principal) || isUnknown(request.action)) {
        return { effect, applies: "unknown" };
    }
    const principal = raw.NotPrincipal !== undefined ? not(matchesPrincipal(raw.NotPrincipal, request.principal)) : matchesPrincipal(raw.Principal, request.principal);
    const action = raw.NotAction !== undefined ? not(matchesAction(list(raw.NotAction), request.action)) : matchesAction(list(raw.Action), request.action);
    const resource = raw.NotResource !== undefined ? not(matchesResource(list(raw.NotResource), request.resource, request.context)) : matchesResource(list(raw.Resource), request.resource, request.context);
    return { effect, applies: and([principal, action, resource, matchesConditions(raw.Condition, request.context)]) };
}

// AWS-IAM-101: an explicit Deny wins; no Allow is an implicit deny.
/**
 * The policy's verdict on the request. A Deny that applies wins; one that may apply (a value unknown) leaves the
 * verdict unknown unless another Deny surely applies; then an Allow that applies admits the request.
 */
export function evaluatePolicy(policy: unknown, request: MatchRequest): Verdict {
    const statements = rawStatements(policy);
    if (statements === undefined) {
        return { decision: "Unknown", statements: [] };
    }
    const denies: string[] = [];
    const allows: string[] = [];
    let denyUnknown = false;
    let allowUnknown = false;
    statements.forEach((statement, index) => {
        const { effect, applies: result } = applies(statement, request);
        if (result === false) {
            return;
        }
        const sid = statement !== null && typeof statement === "object" && typeof (statement as { Sid?: unknown }).Sid === "string" ? ((statement as { Sid: string }).Sid as string) : `#${index}`;
        if (effect === "unknown") {
            denyUnknown = true;
            allowUnknown = true;
        } else if (effect === "Deny") {
            if (result === true) {
                denies.push(sid);
            } else {
                denyUnknown = true;
            }
        } else if (result === true) {
            allows.push(sid);
        } else {
            allowUnknown = true;
        }
    });
    if (denies.length > 0) {
        return { decision: "ExplicitlyDenied", statements: denies };
    }
    if (denyUnknown) {
        return { decision: "Unknown", statements: [] };
    }
    if (allows.length > 0) {
        return { decision: "Allowed", statements: allows };
    }
    return { decision: allowUnknown ? "Unknown" : "ImplicitlyDenied", statements: [] };
}
