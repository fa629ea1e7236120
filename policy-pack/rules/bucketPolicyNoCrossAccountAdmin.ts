import { BucketView, bucketStatements, describe, policyNotKnown } from "../lib/buckets";
import { Statement, conditionValues, coversAction, principalAccount } from "../lib/policyDocuments";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown, plainProps } from "../lib/unknowns";

/**
 * Actions that change who can reach the logs or destroy them: policy, ACL, encryption, lifecycle, versioning, public
 * access, ownership and Object Lock changes, deleting the bucket, and deleting object versions (which a delete
 * marker does not do). A wildcard (`s3:*`, `s3:Put*`, `s3:Delete*`) covers some of them and counts.
 */
export const ADMIN_ACTIONS = [
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutObjectAcl",
    "s3:PutEncryptionConfiguration",
    "s3:PutLifecycleConfiguration",
    "s3:PutBucketVersioning",
    "s3:PutBucketPublicAccessBlock",
    "s3:PutBucketOwnershipControls",
    "s3:PutBucketObjectLockConfiguration",
    "s3:PutObjectRetention",
    "s3:PutObjectLegalHold",
    "s3:BypassGovernanceRetention",
    "s3:DeleteBucket",
    "s3:DeleteObjectVersion",
];

/** The accounts that own the bucket: the policy's `accountIds`, else the bucket's provider's `allowedAccountIds`. */
function ownerAccounts(view: BucketView, configured: readonly string[]): string[] {
    if (configured.length > 0) {
        return [...configured];
    }
    const allowed = plainProps(view.bucket.provider?.props).allowedAccountIds;
    // Provider inputs carry list-valued config as a JSON string.
    let list: unknown = allowed;
    if (typeof allowed === "string" && !isUnknown(allowed)) {
        try {
            const parsed: unknown = JSON.parse(allowed);
            list = Array.isArray(parsed) ? parsed : [allowed];
        } catch {
            list = [allowed];
        }
    }
    return Array.isArray(list) ? list.filter((account): account is string => typeof account === "string" && /^\d{12}$/.test(account)) : [];
}

function grantedAdminActions(statement: Statement): string[] {
    return ADMIN_ACTIONS.filter((action) => coversAction(statement, action));
}

export const bucketPolicyNoCrossAccountAdmin = bucketStackPolicy<{ accountIds?: string[] }>(
    {
        name: "s3-policy-no-cross-account-admin",
        description: "No bucket policy grants administrative or destructive S3 actions (policy, ACL, encryption, lifecycle, versioning or Object Lock changes, DeleteBucket, DeleteObjectVersion) to a principal outside the bucket's account; read-only grants stay allowed.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                accountIds: {
                    type: "array",
                    items: { type: "string" },
                    default: [],
                    description: "Accounts that own the stack's buckets; when empty, the bucket's provider's allowedAccountIds.",
                },
            },
        },
        check: (view, config): Finding[] => {
            const owners = ownerAccounts(view, config.accountIds ?? []);
            const { statements, unknown } = bucketStatements(view);
            const findings: Finding[] = [];
            for (const statement of statements.filter((candidate) => candidate.effect === "Allow")) {
                const actions = grantedAdminActions(statement);
                if (actions.length === 0) {
                    continue;
                }
                const granted = `statement ${statement.sid ?? "(no Sid)"} of ${describe(view)} grants ${actions.join(", ")}`;
                if (statement.principals.any) {
                    const confined = conditionValues(statement, "aws:PrincipalAccount", /^StringEquals$/);
                    if (confined.length > 0 && owners.length === 0) {
                        findings.push(pending(`${granted} to accounts ${confined.join(", ")}; the bucket's own account is not known: set the provider's allowedAccountIds or this policy's accountIds.`));
                    } else if (confined.length === 0 || confined.some((account) => !owners.includes(account))) {
                        findings.push(`${granted} to principals outside its account: grant them to roles of the bucket's account only.`);
                    }
                    continue;
                }
                for (const principal of statement.principals.aws) {
                    if (isUnknown(principal)) {
                        findings.push(pending(`${granted} to a principal not known yet.`));
                        continue;
                    }
                    const account = principalAccount(principal);
                    if (account === undefined) {
                        continue;
                    }
                    if (owners.length === 0) {
                        findings.push(pending(`${granted} to ${principal}; the bucket's own account is not known: set the provider's allowedAccountIds or this policy's accountIds.`));
                    } else if (!owners.includes(account)) {
                        findings.push(`${granted} to ${principal} of account ${account}, outside the bucket's account (${owners.join(", ")}): remove the grant, or grant read-only actions.`);
                    }
                }
            }
            return unknown.length > 0 ? [...findings, policyNotKnown(view, unknown)] : findings;
        },
    },
    ["SH S3.6", "s3_bucket_cross_account_access"],
);
