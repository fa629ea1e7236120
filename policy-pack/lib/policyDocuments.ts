/** Reading IAM policy documents as the rules need them: statements normalised to lists. */

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    principals: { any: boolean; aws: string[]; service: string[]; federated: string[] };
    actions: string[];
    notActions: string[];
    resources: string[];
    conditions: Record<string, Record<string, string[]>>;
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
    if (!document || typeof document !== "object") {
        return undefined;
    }
    const raw = (document as { Statement?: unknown }).Statement;
    const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
    return statements.map((statement: Record<string, unknown>) => ({
        sid: statement.Sid as string | undefined,
        effect: statement.Effect === "Deny" ? "Deny" : "Allow",
        principals: principalsOf(statement.Principal),
        actions: list(statement.Action),
        notActions: list(statement.NotAction),
        resources: list(statement.Resource),
        conditions: conditionsOf(statement.Condition),
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

/** Whether an action pattern of the statement covers `action` (`s3:*`, `*`, `s3:Put*`, ...). */
export function coversAction(statement: Statement, action: string): boolean {
    return statement.actions.some((pattern) => wildcardMatch(pattern.toLowerCase(), action.toLowerCase()));
}

export function wildcardMatch(pattern: string, value: string): boolean {
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    return regex.test(value);
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
];
