/** The IAM policy document shape the builders produce: plain JSON, one statement per grant or deny. */

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export type PolicyPrincipal = "*" | { AWS?: string | string[]; Service?: string | string[] };

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: PolicyPrincipal;
    /** What the statement covers; a statement has `Action` or, for a deny of everything but a few calls, `NotAction`. */
    Action?: string | string[];
    NotAction?: string | string[];
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

/** The Sids of the TLS-only pair every bucket policy here starts with. */
export const TLS_ONLY_SIDS = { denyInsecureTransport: "DenyInsecureTransport", denyOutdatedTls: "DenyOutdatedTls" } as const;

/**
 * Deny every request to the bucket and its objects without TLS, or with TLS older than 1.2 (AWS endpoints have
 * required 1.2 since February 2024: the second deny costs nothing and documents intent).
 */
export function tlsOnlyStatements(bucketArn: string): PolicyStatement[] {
    const resources = [bucketArn, `${bucketArn}/*`];
    return [
        { Sid: TLS_ONLY_SIDS.denyInsecureTransport, Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: TLS_ONLY_SIDS.denyOutdatedTls, Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
    ];
}

/** `[x]` stays a string so documents read like the ones in the AWS guides; several stay a list. */
export function oneOrMany(values: readonly string[]): string | string[] {
    return values.length === 1 ? values[0] : [...values];
}
