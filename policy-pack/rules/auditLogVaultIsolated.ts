import { describe } from "../lib/buckets";
import { destinationsOf, isVault, sameAccountAsSource, sourceAccount } from "../lib/replication";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

export const auditLogVaultIsolated = bucketStackPolicy(
    {
        name: "audit-log-vault-isolated",
        description: "The vault of an audit-log bucket (an Object-Locked replication destination) should be in another account and lock in COMPLIANCE mode: only then can nobody in the source account delete or unlock the copies.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view, _config, context): Finding[] => {
            const findings: Finding[] = [];
            for (const destination of destinationsOf(view, context).filter(isVault)) {
                const vault = `${describe(destination.view!)}, the vault of ${describe(view)},`;
                for (const lock of destination.view!.objectLock) {
                    if (isUnknown(lock.mode)) {
                        findings.push(pending(`${vault} takes its Object Lock mode from a value not known yet.`));
                    } else if (lock.mode !== "COMPLIANCE") {
                        // AWS-S3-154: governance mode yields to special permissions; compliance mode to nobody, the root user included.
                        findings.push(`${vault} locks in ${String(lock.mode ?? "no")} mode, which a principal with s3:BypassGovernanceRetention can lift: use COMPLIANCE (vaultObjectLockMode), under which no user, the root user included, can delete a locked version before its retention ends.`);
                    }
                }
                const same = sameAccountAsSource(view, destination);
                if (same === true) {
                    const account = sourceAccount(view, destination.setting);
                    findings.push(`${vault} is in the source's own account${account ? ` (${account})` : ""}: whoever administers that account also administers the vault (its policy, lifecycle and replication); put it in another account (vaultAccountId and vaultRoleArn in the component).`);
                } else if (same === "unknown") {
                    findings.push(pending(`whether ${vault.slice(0, -1)} is in another account is not known: set the providers' allowedAccountIds.`));
                }
            }
            return findings;
        },
    },
    [],
);
