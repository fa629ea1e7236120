/** Reading IAM policy documents (bucket and key policies) as the rules need them: statements normalised to lists. */
import { containsUnknown, isUnknown } from "./unknowns";

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    /** `any`: `"*"`, `{"AWS": "*"}`, or a `NotPrincipal` (everyone but the named). */
    principals: { any: boolean; aws: string[]; service: string[]; federated: string[] };
    actions: string[];
    notActions: string[];
    resources: string[];
    conditions: Record<string, Record<string, string[]>>;
    /** Some value of the statement is not known until `pulumi up`. */
    unknown: boolean;
}

export type ReadPolicy = { kind: "statements"; statements: Statement[] } | { kind: "unknown" } | { kind: "invalid" } | { kind: "absent" };

/** A policy given as a JSON string or an object (aws-native), told apart from one not known yet or not readable. */
export function readPolicy(policy: unknown): ReadPolicy {
    if (policy === undefined || policy === null || policy === "") {
        return { kind: "absent" };
    }
    if (isUnknown(policy) || statementsUnknown(policy)) {
        return { kind: "unknown" };
    }
    const statements = parseStatements(policy);
    return statements ? { kind: "statements", statements } : { kind: "invalid" };
}

/**
 * Whether an object document's statement list, or a whole statement in it, is not known yet (aws-native documents
 * are objects whose parts can be computed): the policy cannot be judged, which is not the same as unreadable.
 */
function statementsUnknown(policy: unknown): boolean {
    if (policy === null || typeof policy !== "object" || Array.isArray(policy)) {
        return false;
    }
    const raw = (policy as { Statement?: unknown }).Statement;
    return isUnknown(raw) || (Array.isArray(raw) && raw.some(isUnknown));
}

/** The statements of a policy given as a JSON string or an object; undefined when it cannot be read. */
export function parseStatements(policy: unknown): Statement[] | undefined {
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return undefined;
        }
    }
    if (!document || typeof document !== "object" || Array.isArray(document)) {
        return undefined;
    }
    const raw = (document as { Statement?: unknown }).Statement;
    const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
    if (!statements.every((statement) => statement !== null && typeof statement === "object")) {
        return undefined;
    }
    return statements.map((statement: Record<string, unknown>) => ({
        sid: typeof statement.Sid === "string" ? statement.Sid : undefined,
        effect: statement.Effect === "Deny" ? "Deny" : "Allow",
        principals: statement.NotPrincipal !== undefined ? { any: true, aws: [], service: [], federated: [] } : principalsOf(statement.Principal),
        actions: list(statement.Action),
        notActions: list(statement.NotAction),
        resources: list(statement.Resource),
        conditions: conditionsOf(statement.Condition),
        unknown: containsUnknown(statement),
    }));
}

function principalsOf(principal: unknown): Statement["principals"] {
    if (principal === "*") {
        return { any: true, aws: [], service: [], federated: [] };
    }
    const value = (principal ?? {}) as Record<string, unknown>;
    const aws = list(value.AWS);
    return { any: aws.includes("*"), aws, service: list(value.Service), federated: list(value.Federated) };
}

function conditionsOf(condition: unknown): Statement["conditions"] {
    const result: Statement["conditions"] = {};
    for (const [operator, block] of Object.entries((condition ?? {}) as Record<string, Record<string, unknown>>)) {
        result[operator] = {};
        for (const [key, values] of Object.entries(block ?? {})) {
            result[operator][key.toLowerCase()] = list(values);
        }
    }
    return result;
}

function list(value: unknown): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    return (Array.isArray(value) ? value : [value]).map(String);
}

/** The values a statement's conditions give `key` (lower-cased), under any operator matching `operator`. */
export function conditionValues(statement: Statement, key: string, operator?: RegExp): string[] {
    return Object.entries(statement.conditions)
        .filter(([op]) => !operator || operator.test(op))
        .flatMap(([, block]) => block[key.toLowerCase()] ?? []);
}

export function hasConditionKey(statement: Statement, keys: readonly string[]): boolean {
    const wanted = keys.map((key) => key.toLowerCase());
    return Object.values(statement.conditions).some((block) => Object.keys(block).some((key) => wanted.includes(key)));
}

/** Whether the statement applies to `action`: an `Action` pattern covers it (`s3:*`, `*`, `s3:Put*`), or a `NotAction` leaves it out. */
export function coversAction(statement: Statement, action: string): boolean {
    const matches = (patterns: string[]): boolean => patterns.some((pattern) => wildcardMatch(pattern.toLowerCase(), action.toLowerCase()));
    if (statement.notActions.length > 0) {
        return !matches(statement.notActions);
    }
    return matches(statement.actions);
}

// A stack check runs per bucket and per statement: each pattern is compiled once per pack process.
const compiled = new Map<string, RegExp>();

export function wildcardMatch(pattern: string, value: string): boolean {
    let regex = compiled.get(pattern);
    if (!regex) {
        regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
        compiled.set(pattern, regex);
    }
    return regex.test(value);
}

/** The partitions whose ARNs the rules accept: commercial, China and GovCloud (US). */
export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

/** The ARN of a bucket in each partition. */
export function bucketArns(bucket: string): string[] {
    return PARTITIONS.map((partition) => `arn:${partition}:s3:::${bucket}`);
}

/** Whether a statement's resources include objects of the bucket (any key), in any partition. */
export function coversObjectsOf(statement: Statement, bucket: string): boolean {
    return bucketArns(bucket).some((arn) => statement.resources.some((resource) => wildcardMatch(resource, `${arn}/any-key`)));
}

const ACCOUNT_ID = /^\d{12}$/;
const PRINCIPAL_ARN = /^arn:aws(?:-cn|-us-gov)?:(?:iam|sts)::(\d{12}):/;

/** The account an AWS principal belongs to (`123456789012`, an IAM or STS ARN); `*` for anyone; undefined when unknown. */
export function principalAccount(principal: string): string | undefined {
    if (principal === "*") {
        return "*";
    }
    if (ACCOUNT_ID.test(principal)) {
        return principal;
    }
    return PRINCIPAL_ARN.exec(principal)?.[1];
}

/** Condition keys that confine a public principal to a known account, organization, network or source. */
export const RESTRICTING_CONDITION_KEYS = [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceIp",
    "aws:userid",
    "kms:CallerAccount",
];
