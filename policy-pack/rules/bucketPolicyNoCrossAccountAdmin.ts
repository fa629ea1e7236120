import { BucketView, bucketStatements, describe, policyNotKnown } from "../lib/buckets";
import { Statement, conditionValues, coversAction, principalAccount } from "../lib/policyDocuments";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { whereDeployed } from "../lib/accounts";
import { isUnknown } from "../lib/unknowns";

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
                    description: "Accounts that own the stack's buckets; when empty, the bucket's provider's allowedAccountIds, else the one account the stack shows for that provider (its keys' ARNs, the account public access block, the component's bucket naming).",
                },
            },
        },
        check: (view, config, context): Finding[] => {
            // The bucket's own account: configured, the provider's allowedAccountIds, or learnt from the stack.
            const where = whereDeployed(view.bucket, context.resources, config.accountIds ?? []);
            const owners = where.accounts;
            const ownersSaid = where.accountsFrom && where.accountsFrom !== "the policy's accountIds" && where.accountsFrom !== "the provider's allowedAccountIds" ? `${owners.join(", ")}, from ${where.accountsFrom}` : owners.join(", ");
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
                        findings.push(pending(`${granted} to accounts ${confined.join(", ")}; the bucket's own account is not known: set the provider's allowedAccountIds or this policy's accountIds (the stack shows no single account for its provider).`));
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
                        findings.push(pending(`${granted} to ${principal}; the bucket's own account is not known: set the provider's allowedAccountIds or this policy's accountIds (the stack shows no single account for its provider).`));
                    } else if (!owners.includes(account)) {
                        findings.push(`${granted} to ${principal} of account ${account}, outside the bucket's account (${ownersSaid}): remove the grant, or grant read-only actions.`);
                    }
                }
            }
            return unknown.length > 0 ? [...findings, policyNotKnown(view, unknown)] : findings;
        },
    },
    ["SH S3.6", "s3_bucket_cross_account_access"],
);
