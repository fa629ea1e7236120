/**
 * A small evaluator of IAM policy documents for one request: does a statement apply, does a policy allow or deny,
 * and what AWS decides from an identity policy and a resource policy together. It answers in three values, because
 * during a preview part of a policy may not be known yet. It covers what replication checks need: Allow and Deny,
 * Principal and NotPrincipal, Action and NotAction, Resource and NotResource with wildcards, and the string, ARN,
 * Bool, Null and numeric condition operators with IfExists and the set prefixes. Other operators (dates, IP
 * addresses, binary) answer "unknown", never a guess. Its verdicts are checked against @cloud-copilot/iam-simulate.
 */
import { wildcardMatch } from "./policyDocuments";
import { isUnknown, listOf } from "./unknowns";

/** true, false, or not decidable from what is known yet. */
export type Tri = boolean | "unknown";

export function or3(...values: Tri[]): Tri {
    return values.includes(true) ? true : values.includes("unknown") ? "unknown" : false;
}

export function and3(...values: Tri[]): Tri {
    return values.includes(false) ? false : values.includes("unknown") ? "unknown" : true;
}

function not3(value: Tri): Tri {
    return value === "unknown" ? value : !value;
}

/** One request: an IAM principal (a role or user ARN) calling `action` on `resource`, with its context keys. */
export interface AccessRequest {
    principal: string;
    action: string;
    /** The resource's ARN, or the unknown sentinel. */
    resource: string;
    /** Context keys present in the request; a value may be the unknown sentinel (present, value not known yet). */
    context: Readonly<Record<string, string>>;
}

export type RawStatement = Record<string, unknown>;

export type ReadDocument = { kind: "statements"; statements: RawStatement[] } | { kind: "unknown" } | { kind: "absent" } | { kind: "invalid" };

/** A policy document given as a JSON string or an object; the unknown sentinel, or one whose statements are, is unknown. */
export function readDocument(policy: unknown): ReadDocument {
    if (policy === undefined || policy === null || policy === "") {
        return { kind: "absent" };
    }
    if (isUnknown(policy)) {
        return { kind: "unknown" };
    }
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return { kind: "invalid" };
        }
    }
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
        return { kind: "invalid" };
    }
    const raw = (document as { Statement?: unknown }).Statement;
    if (isUnknown(raw)) {
        return { kind: "unknown" };
    }
    const statements = listOf(raw);
    if (statements.some(isUnknown)) {
        return { kind: "unknown" };
    }
    return statements.every((statement) => statement !== null && typeof statement === "object" && !Array.isArray(statement))
        ? { kind: "statements", statements: statements as RawStatement[] }
        : { kind: "invalid" };
}

const strings = (value: unknown): string[] => listOf(value).map(String);

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):root$/;
const PRINCIPAL_ACCOUNT = /^arn:aws(?:-cn|-us-gov)?:(?:iam|sts)::(\d{12}):/;

/** The account of an IAM principal ARN. */
export function accountOfPrincipal(arn: string): string | undefined {
    return PRINCIPAL_ACCOUNT.exec(arn)?.[1];
}

/** How a statement's principal names the request's principal: itself (or anyone), its whole account, or not. */
export type PrincipalMatch = "match" | "account" | "none" | "unknown";

function namesPrincipal(entry: string, principal: string): PrincipalMatch {
    if (isUnknown(entry)) {
        return "unknown";
    }
    if (entry === "*" || entry === principal) {
        return "match";
    }
    const account = ACCOUNT_ID.test(entry) ? entry : ACCOUNT_ROOT.exec(entry)?.[1];
    return account !== undefined && account === accountOfPrincipal(principal) ? "account" : "none";
}

/** The AWS principals of a `Principal` or `NotPrincipal` element (`"*"` is everyone). */
function awsPrincipals(element: unknown): string[] | "unknown" {
    if (isUnknown(element)) {
        return "unknown";
    }
    if (element === "*") {
        return ["*"];
    }
    const aws = (element ?? {}) as Record<string, unknown>;
    return isUnknown(aws.AWS) ? "unknown" : strings(aws.AWS);
}

export function principalMatch(statement: RawStatement, principal: string): PrincipalMatch {
    if (statement.NotPrincipal !== undefined) {
        const listed = awsPrincipals(statement.NotPrincipal);
        if (listed === "unknown") {
            return "unknown";
        }
        // Naming the principal or its account in NotPrincipal leaves it out; anyone else is covered.
        const named = listed.map((entry) => namesPrincipal(entry, principal));
        if (named.includes("match") || named.includes("account")) {
            return "none";
        }
        return named.includes("unknown") ? "unknown" : "match";
    }
    const listed = awsPrincipals(statement.Principal);
    if (listed === "unknown") {
        return "unknown";
    }
    const named = listed.map((entry) => namesPrincipal(entry, principal));
    return named.includes("match") ? "match" : named.includes("account") ? "account" : named.includes("unknown") ? "unknown" : "none";
}

function patternsMatch(patterns: string[], value: string, caseInsensitive: boolean): Tri {
    const wanted = caseInsensitive ? value.toLowerCase() : value;
    const results = patterns.map((pattern): Tri => (isUnknown(pattern) ? "unknown" : wildcardMatch(caseInsensitive ? pattern.toLowerCase() : pattern, wanted)));
    return or3(...results);
}

function elementMatch(statement: RawStatement, positive: string, negative: string, value: string, caseInsensitive: boolean): Tri {
    const field = statement[negative] !== undefined ? negative : positive;
    if (isUnknown(statement[field])) {
        return "unknown";
    }
    const patterns = strings(statement[field]);
    if (isUnknown(value)) {
        return patterns.every((pattern) => pattern === "*") ? field === positive : "unknown";
    }
    const matched = patternsMatch(patterns, value, caseInsensitive);
    return field === negative ? not3(matched) : matched;
}

export function actionMatch(statement: RawStatement, action: string): Tri {
    return elementMatch(statement, "Action", "NotAction", action, true);
}

export function resourceMatch(statement: RawStatement, resource: string): Tri {
    return elementMatch(statement, "Resource", "NotResource", resource, false);
}

const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "numericnotequals"]);

function compare(base: string, actual: string, expected: string): Tri {
    switch (base) {
        case "stringequals":
        case "stringnotequals":
            return actual === expected;
        case "stringequalsignorecase":
        case "stringnotequalsignorecase":
            return actual.toLowerCase() === expected.toLowerCase();
        case "stringlike":
        case "stringnotlike":
        case "arnequals":
        case "arnlike":
        case "arnnotequals":
        case "arnnotlike":
            // ArnEquals and ArnLike behave alike: both take wildcards.
            return wildcardMatch(expected, actual);
        case "bool":
            return actual.toLowerCase() === expected.toLowerCase();
        default:
            return compareNumbers(base, actual, expected);
    }
}

function compareNumbers(base: string, actual: string, expected: string): Tri {
    const [a, e] = [Number(actual), Number(expected)];
    if (actual.trim() === "" || Number.isNaN(a) || Number.isNaN(e)) {
        return false;
    }
    switch (base) {
        case "numericequals":
        case "numericnotequals":
            return a === e;
        case "numericlessthan":
            return a < e;
        case "numericlessthanequals":
            return a <= e;
        case "numericgreaterthan":
            return a > e;
        case "numericgreaterthanequals":
            return a >= e;
        default:
            return "unknown";
    }
}

const SUPPORTED = /^(string(not)?(equals(ignorecase)?|like)|arn(not)?(equals|like)|bool|numeric(not)?equals|numeric(less|greater)than(equals)?)$/;

/** One operator's test of one context key against its values. */
export function conditionMatch(operator: string, key: string, values: unknown, context: Readonly<Record<string, string>>): Tri {
    const lower = operator.toLowerCase();
    const set = lower.startsWith("forallvalues:") ? "all" : lower.startsWith("foranyvalue:") ? "any" : undefined;
    const ifExists = lower.endsWith("ifexists");
    const base = lower.replace(/^for(all|any)values?:/, "").replace(/ifexists$/, "");
    const present = Object.keys(context).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (isUnknown(values) || strings(values).some((value) => isUnknown(value) || value.includes("${"))) {
        return "unknown";
    }
    const expected = strings(values);
    if (base === "null") {
        return expected.some((value) => value.toLowerCase() === String(present === undefined));
    }
    if (!SUPPORTED.test(base)) {
        return "unknown";
    }
    if (present === undefined) {
        // AWS: a missing key fails a test, except under IfExists, a negated operator, or ForAllValues.
        return ifExists || set === "all" || (set === undefined && NEGATED.has(base));
    }
    const actual = context[present];
    if (isUnknown(actual)) {
        return "unknown";
    }
    const matched = or3(...expected.map((value) => compare(base, actual, value)));
    return NEGATED.has(base) ? not3(matched) : matched;
}

export function conditionsMatch(statement: RawStatement, context: Readonly<Record<string, string>>): Tri {
    const condition = statement.Condition;
    if (condition === undefined || condition === null) {
        return true;
    }
    if (isUnknown(condition) || typeof condition !== "object") {
        return "unknown";
    }
    const results: Tri[] = [];
    for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
        if (isUnknown(block) || block === null || typeof block !== "object") {
            results.push("unknown");
            continue;
        }
        for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
            results.push(conditionMatch(operator, key, values, context));
        }
    }
    return and3(...results);
}

/** What one policy says about a request. */
export interface PolicyVerdict {
    /** A Deny statement applies (for a resource policy: to the principal or its whole account). */
    deny: Tri;
    /** An Allow statement applies that names the principal itself, or anyone. */
    allow: Tri;
    /** An Allow statement applies that names the principal's account only: the account's IAM policies decide. */
    allowAccount: Tri;
}

export const NOTHING: PolicyVerdict = { deny: false, allow: false, allowAccount: false };

/**
 * Evaluates a policy for a request. An identity policy's statements apply to its own principal; a resource policy's
 * statements apply through their Principal or NotPrincipal.
 */
export function evaluatePolicy(statements: readonly RawStatement[], request: AccessRequest, kind: "identity" | "resource"): PolicyVerdict {
    const deny: Tri[] = [];
    const allow: Tri[] = [];
    const allowAccount: Tri[] = [];
    for (const statement of statements) {
        const who: PrincipalMatch = kind === "identity" ? "match" : principalMatch(statement, request.principal);
        const applies = and3(who === "none" ? false : who === "unknown" ? "unknown" : true, actionMatch(statement, request.action), resourceMatch(statement, request.resource), conditionsMatch(statement, request.context));
        const effect = statement.Effect;
        const denies = isUnknown(effect) ? "unknown" : effect === "Deny";
        const allows = isUnknown(effect) ? "unknown" : effect === "Allow";
        deny.push(and3(applies, denies));
        // An unknown principal could be the principal itself: it counts where a direct grant would.
        allow.push(and3(applies, allows, who === "account" ? false : true));
        allowAccount.push(and3(applies, allows, who === "account" ? true : who === "unknown" ? "unknown" : false));
    }
    return { deny: or3(...deny), allow: or3(...allow), allowAccount: or3(...allowAccount) };
}

/** The accounts of a request: whether the principal's account owns the resource. */
export interface Decision {
    /** The resource's service: KMS keys trust their account's IAM policies only through the key policy. */
    service: "s3" | "kms";
    sameAccount: Tri;
    identity: PolicyVerdict;
    /** The resource policy; NOTHING when the resource has none. */
    resource: PolicyVerdict;
}

/**
 * AWS's decision for a request from one account's principal, without SCPs, RCPs, boundaries or session policies:
 * an explicit deny anywhere wins; in the same account an S3 resource policy or the identity policy suffices, while
 * a KMS key policy must allow the principal or delegate to its account's IAM policies; across accounts both the
 * resource policy (naming the principal or its account) and the identity policy must allow.
 */
export function decide(decision: Decision): Tri {
    const { identity, resource } = decision;
    const denied = or3(identity.deny, resource.deny);
    const within = decision.service === "s3" ? or3(resource.allow, identity.allow) : or3(resource.allow, and3(resource.allowAccount, identity.allow));
    const across = and3(or3(resource.allow, resource.allowAccount), identity.allow);
    const allowed = decision.sameAccount === true ? within : decision.sameAccount === false ? across : within === across ? within : "unknown";
    if (denied === true) {
        return false;
    }
    return denied === "unknown" && allowed !== false ? "unknown" : allowed;
}
