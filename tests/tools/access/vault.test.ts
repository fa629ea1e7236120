import { expect } from "chai";
import { VaultMatrixSubject, VaultStackInputs, evaluateVaultRow, vaultAccessRows, vaultMatrixSubject } from "../../../tools/access/vault";

// The vault under the real IAM evaluator (@cloud-copilot/iam-simulate): the vault's bucket and key policies, the
// source bucket's and key's, and the replication role's own policy, as the component's builders make them. Requests
// carry what AWS puts in them: TLS, aws:PrincipalArn (a role session's is the role), and for KMS through S3 the
// kms:ViaService and the S3 encryption context (the bucket ARN, with Bucket Key on).

const SAME_ACCOUNT: VaultStackInputs = {
    label: "same-account vault",
    partition: "aws",
    namePrefix: "network-compliance-logs",
    source: { accountId: "222222222222", region: "us-east-1" },
    vault: { accountId: "222222222222", region: "us-west-2", adminArns: ["arn:aws:iam::222222222222:role/VaultAdmin"] },
    kms: true,
    readerArns: ["arn:aws:iam::222222222222:role/SecurityAuditor", "arn:aws:iam::333333333333:role/SiemIngest"],
    writerArns: ["arn:aws:iam::222222222222:role/SsmSessionLogging"],
};

const CROSS_ACCOUNT: VaultStackInputs = {
    ...SAME_ACCOUNT,
    label: "cross-account vault",
    vault: { accountId: "555555555555", region: "us-west-2", adminArns: ["arn:aws:iam::555555555555:role/AuditVaultDeployer", "arn:aws:iam::555555555555:role/AuditVaultAdmin"] },
};

const SSE_S3_GOVERNANCE_THROWAWAY: VaultStackInputs = { ...SAME_ACCOUNT, label: "SSE-S3 throwaway vault", kms: false, allowDeletion: true };

async function failuresOf(subject: VaultMatrixSubject): Promise<string[]> {
    const failures: string[] = [];
    for (const row of vaultAccessRows(subject)) {
        const verdict = await evaluateVaultRow(subject, row);
        if (verdict.actual !== row.expected || verdict.ignoredContextKeys.length > 0) {
            failures.push(
                `✗ [${row.step}] ${row.what}: ${row.principal} ${row.action} ${row.resource}\n` +
                    `  expected ${row.expected}, got ${verdict.actual}` +
                    (verdict.ignoredContextKeys.length > 0 ? `; ignored context keys: ${verdict.ignoredContextKeys.join(", ")}` : "") +
                    `\n${verdict.explanation}`,
            );
        }
    }
    return failures;
}

describe("the vault's access matrix under a real IAM evaluator", () => {
    for (const inputs of [SAME_ACCOUNT, CROSS_ACCOUNT, SSE_S3_GOVERNANCE_THROWAWAY]) {
        // AWS-S3-201, AWS-S3-202, AWS-S3-203, AWS-KMS-200, AWS-KMS-201, AWS-IAM-200, AWS-S3-210.
        it(`gives every row of the ${inputs.label} the verdict it promises, with no ignored context key`, async () => {
            const failures = await failuresOf(vaultMatrixSubject(inputs));
            expect(failures, failures.join("\n\n")).to.deep.equal([]);
        });
    }

    it("has rows for the role, readers, writers, both accounts' administrators, an outsider and an anonymous caller", () => {
        const rows = vaultAccessRows(vaultMatrixSubject(CROSS_ACCOUNT));
        const principals = new Set(rows.filter((row) => row.expected === "ExplicitlyDenied").map((row) => row.principal));
        expect([...principals]).to.include.members([
            "arn:aws:iam::222222222222:role/audit-logs-vault-replication-role-1a2b3c4",
            ...SAME_ACCOUNT.readerArns,
            ...SAME_ACCOUNT.writerArns,
            "arn:aws:iam::222222222222:role/AccountAdministrator",
            "arn:aws:iam::555555555555:role/OrganizationAccountAccessRole",
            "arn:aws:iam::999999999999:role/Administrator",
            "anonymous",
        ]);
        expect(rows.filter((row) => row.expected === "Allowed" && row.action === "s3:PutBucketPolicy").map((row) => row.principal)).to.include.members([
            ...CROSS_ACCOUNT.vault.adminArns,
            "arn:aws:iam::555555555555:root",
        ]);
    });
});
