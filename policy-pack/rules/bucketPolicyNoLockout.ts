import { Statement, coversAction, readPolicy } from "../lib/policyDocuments";
import { Finding, pending, resourcePolicy } from "../lib/rule";
import { TYPES, isNative } from "../lib/types";
import { containsUnknown, isUnknown, listOf } from "../lib/unknowns";

/**
 * The action whose denial locks a bucket's policy: with it denied to every principal of the owner account, only the
 * owner's root user, which S3 always lets get, put and delete the bucket policy (PutBucketPolicy, "as a security
 * precaution"), can fix the policy. Checkov's CKV_AWS_93 fails a Deny with no Condition and no NotAction, to `*`,
 * of `s3:PutBucketPolicy` or a pattern that covers it (`s3:*BucketPolicy`, `s3:Put*`, `s3:*`, `*`); this rule fails
 * those too, and the same lockout written with NotAction, NotPrincipal or the account root.
 */
export const LOCKOUT_ACTION = "s3:PutBucketPolicy";

/** Whether one part of a statement makes it a lockout: yes, no, or not known until `pulumi up`. */
type Verdict = "yes" | "no" | "unknown";

const ACCOUNT_PRINCIPAL = /^(?:arn:aws(?:-cn|-us-gov)?:iam::\d{12}:root|\d{12})$/;

/** The raw statements of a document already read as `statements`, in the same order (`parseStatements` keeps it). */
function rawStatements(document: unknown): Record<string, unknown>[] {
    const parsed: unknown = typeof document === "string" ? JSON.parse(document) : document;
    return listOf((parsed as { Statement?: unknown }).Statement) as Record<string, unknown>[];
}

function effectVerdict(raw: Record<string, unknown>): Verdict {
    return isUnknown(raw.Effect) ? "unknown" : raw.Effect === "Deny" ? "yes" : "no";
}

// Any condition leaves some requests through (the TLS deny lets HTTPS in; aws:PrincipalArn exempts an admin role):
// like CKV_AWS_93, a conditioned deny is not a lockout.
function unconditionedVerdict(raw: Record<string, unknown>): Verdict {
    if (isUnknown(raw.Condition)) {
        return "unknown";
    }
    return raw.Condition === undefined || raw.Condition === null || Object.keys(raw.Condition).length === 0 ? "yes" : "no";
}

function actionVerdict(statement: Statement, raw: Record<string, unknown>): Verdict {
    if (raw.NotAction !== undefined) {
        // An unknown entry of NotAction may be the very action the statement leaves out.
        return containsUnknown(raw.NotAction) ? "unknown" : coversAction(statement, LOCKOUT_ACTION) ? "yes" : "no";
    }
    if (coversAction(statement, LOCKOUT_ACTION)) {
        return "yes";
    }
    return containsUnknown(raw.Action) ? "unknown" : "no";
}

/** Who a statement reaches, when that is every principal of an account; otherwise whether it may be. */
type Reach = { verdict: "yes"; who: string } | { verdict: "no" } | { verdict: "unknown" };

/**
 * Who the deny reaches, when it is every principal of an account: `*`; a `NotPrincipal` that spares no IAM user or
 * role (account roots only, whose root users S3 exempts anyway); or an account root or bare account id, which
 * stands for every principal of that account (IAM guide, "AWS account principals"). Denying PutBucketPolicy to
 * another account changes nothing, since only the owner's principals may call it; to the owner, it is a lockout.
 */
function principalReach(raw: Record<string, unknown>): Reach {
    if (raw.NotPrincipal !== undefined) {
        if (containsUnknown(raw.NotPrincipal)) {
            return { verdict: "unknown" };
        }
        const spared = typeof raw.NotPrincipal === "string" ? [raw.NotPrincipal] : listOf((raw.NotPrincipal as Record<string, unknown>).AWS).map(String);
        if (!spared.every((principal) => ACCOUNT_PRINCIPAL.test(principal))) {
            return { verdict: "no" };
        }
        return { verdict: "yes", who: `everyone but ${spared.length > 0 ? spared.join(", ") : "the principals it names"}` };
    }
    if (raw.Principal === "*") {
        return { verdict: "yes", who: "everyone" };
    }
    if (isUnknown(raw.Principal)) {
        return { verdict: "unknown" };
    }
    const aws = listOf((raw.Principal ?? {}) as Record<string, unknown>).flatMap((principal) => listOf((principal as Record<string, unknown>).AWS)).map(String);
    if (aws.includes("*")) {
        return { verdict: "yes", who: "everyone" };
    }
    const accounts = aws.filter((principal) => ACCOUNT_PRINCIPAL.test(principal));
    if (accounts.length > 0) {
        return { verdict: "yes", who: `every principal of ${accounts.join(", ")}` };
    }
    return aws.some(isUnknown) ? { verdict: "unknown" } : { verdict: "no" };
}

/**
 * Whether the statement reaches the bucket itself (PutBucketPolicy acts on the bucket's ARN, not on objects). A
 * bucket policy may only name its own bucket and its objects, so a pattern without a "/" can only be the bucket
 * (`*`, `arn:aws:s3:::name`), and a pattern with one only objects.
 */
function resourceVerdict(raw: Record<string, unknown>): Verdict {
    const notResource = raw.NotResource !== undefined;
    const patterns = listOf(notResource ? raw.NotResource : raw.Resource).map(String);
    if (patterns.some(isUnknown)) {
        return "unknown";
    }
    const namesBucket = patterns.some((pattern) => !pattern.includes("/"));
    return namesBucket !== notResource ? "yes" : "no";
}

function combine(verdicts: readonly Verdict[]): Verdict {
    return verdicts.includes("no") ? "no" : verdicts.includes("unknown") ? "unknown" : "yes";
}

/** Lockout findings of one bucket policy document. */
export function lockoutFindings(document: unknown, name: string): Finding[] {
    const read = readPolicy(document);
    if (read.kind === "absent" || read.kind === "invalid") {
        // An unreadable document is reported by s3-policy-no-public-principal, once.
        return [];
    }
    if (read.kind === "unknown") {
        return [pending(`the policy of ${name} is not known yet.`)];
    }
    const raws = rawStatements(document);
    return read.statements.flatMap((statement, index): Finding[] => {
        const raw = raws[index];
        const reach = principalReach(raw);
        const rest = combine([effectVerdict(raw), unconditionedVerdict(raw), actionVerdict(statement, raw), resourceVerdict(raw)]);
        const sid = statement.sid ?? "(no Sid)";
        if (rest === "no" || reach.verdict === "no") {
            return [];
        }
        if (rest === "unknown" || reach.verdict === "unknown") {
            return [pending(`statement ${sid} of ${name} may deny ${LOCKOUT_ACTION} to every principal of the account, from values not known yet.`)];
        }
        return [
            `Statement ${sid} of ${name} denies ${LOCKOUT_ACTION} to ${reach.who} on the bucket with no condition: only the owner account's root user could change or remove the policy. Name the principals to deny, add a condition, or leave ${LOCKOUT_ACTION} out.`,
        ];
    });
}

export const bucketPolicyNoLockout = resourcePolicy(
    {
        name: "s3-policy-no-lockout",
        description: "No bucket policy statement denies s3:PutBucketPolicy, without a condition, to every principal of the owner account (\"*\", a NotPrincipal that spares no role or user, or the account root): that leaves only the root user able to fix the policy.",
        enforcementLevel: "mandatory",
        types: [...TYPES.policy, "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
        check: (props, name, type) => lockoutFindings(isNative(type) ? props.policyDocument : props.policy, name),
    },
    ["CKV_AWS_93"],
);
