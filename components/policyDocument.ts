/** The IAM policy document shape the builders produce: plain JSON, one statement per grant or deny. */

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export type PolicyPrincipal = "*" | { AWS?: string | string[]; Service?: string | string[] };

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: PolicyPrincipal;
    Action: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: ConditionBlock;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** `[x]` stays a string so documents read like the ones in the AWS guides; several stay a list. */
export function oneOrMany(values: readonly string[]): string | string[] {
    return values.length === 1 ? values[0] : [...values];
}
