import { RESTRICTING_CONDITION_KEYS, hasConditionKey, readPolicy } from "../lib/policyDocuments";
import { Finding, pending, resourcePolicy } from "../lib/rule";
import { TYPES, isNative } from "../lib/types";

/** Public-principal findings of one policy document (bucket or key policy), shared with the key policy rule. */
export function publicPrincipalFindings(document: unknown, name: string, what: string): Finding[] {
    const read = readPolicy(document);
    if (read.kind === "absent") {
        return [];
    }
    if (read.kind === "unknown") {
        return [pending(`the ${what} of ${name} is not known yet.`)];
    }
    if (read.kind === "invalid") {
        return [`The ${what} of ${name} is not valid JSON, so it cannot be checked: fix the document.`];
    }
    return read.statements
        .filter((statement) => statement.effect === "Allow" && statement.principals.any && !hasConditionKey(statement, RESTRICTING_CONDITION_KEYS))
        .map(
            (statement) =>
                `Statement ${statement.sid ?? "(no Sid)"} of ${name} allows anyone (${statement.actions.join(", ") || `all but ${statement.notActions.join(", ")}`}): name the principals, or add a condition on one of ${RESTRICTING_CONDITION_KEYS.join(", ")}.`,
        );
}

export const bucketPolicyNoPublicPrincipal = resourcePolicy(
    {
        name: "s3-policy-no-public-principal",
        description: 'No bucket policy statement allows a public principal ("*" or {"AWS": "*"}) without a condition that restricts it to an account, organization, network or source.',
        enforcementLevel: "mandatory",
        types: [...TYPES.policy, "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
        check: (props, name, type) => publicPrincipalFindings(isNative(type) ? props.policyDocument : props.policy, name, "policy"),
    },
    ["SH S3.2", "SH S3.3", "CKV_AWS_70", "s3_bucket_public_access", "s3_bucket_policy_public_write_access"],
);
