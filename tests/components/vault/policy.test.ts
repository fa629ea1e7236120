import { expect } from "chai";
import { VAULT_ADMIN_ONLY_ACTIONS, VAULT_KEY_POLICY_SIDS, VAULT_POLICY_SIDS, buildVaultBucketPolicy, buildVaultKeyPolicy, replicationSourceKeyStatement, withStatement } from "../../../components/vault/policy";
import type { PolicyStatement } from "../../../components/policyDocument";

const ROLE = "arn:aws:iam::111111111111:role/audit-logs-vault-replication-role";
const ADMIN = "arn:aws:iam::555555555555:role/VaultAdmin";
const INPUTS = { partition: "aws", accountId: "555555555555", region: "us-west-2", bucketName: "logs-vault-555555555555-us-west-2", replicationRoleArn: ROLE, adminArns: [ADMIN] };
const VAULT = "arn:aws:s3:::logs-vault-555555555555-us-west-2";

function statement(statements: PolicyStatement[], sid: string): PolicyStatement {
    const found = statements.find((candidate) => candidate.Sid === sid);
    expect(found, sid).not.to.equal(undefined);
    return found as PolicyStatement;
}

describe("the vault's bucket policy", () => {
    const policy = buildVaultBucketPolicy(INPUTS).Statement;

    it("starts with the TLS-only pair", () => {
        expect(policy.slice(0, 2).map((s) => s.Sid)).to.deep.equal(["DenyInsecureTransport", "DenyOutdatedTls"]);
    });

    it("lets the replication role replicate objects and tags, and check the bucket, and nothing else (AWS-S3-201, AWS-S3-203)", () => {
        expect(statement(policy, VAULT_POLICY_SIDS.replicate)).to.deep.include({ Effect: "Allow", Principal: { AWS: ROLE }, Action: ["s3:ReplicateObject", "s3:ReplicateTags"], Resource: `${VAULT}/*` });
        expect(statement(policy, VAULT_POLICY_SIDS.replicationBucketChecks)).to.deep.include({ Effect: "Allow", Principal: { AWS: ROLE }, Action: ["s3:GetBucketVersioning", "s3:ListBucket"], Resource: VAULT });
        const granted = policy.filter((s) => s.Effect === "Allow").flatMap((s) => [s.Action].flat());
        expect(granted).not.to.include.members(["s3:ReplicateDelete", "s3:PutBucketVersioning"]);
    });

    it("denies every version delete to everyone, with no exception", () => {
        const deny = statement(policy, VAULT_POLICY_SIDS.denyVersionDeletion);
        expect(deny).to.deep.include({ Effect: "Deny", Principal: "*", Action: "s3:DeleteObjectVersion", Resource: `${VAULT}/*` });
        expect(deny.Condition).to.equal(undefined);
    });

    it("denies setting changes to all but the admins and the vault account's root, by aws:PrincipalArn (AWS-IAM-200, AWS-S3-210)", () => {
        const deny = statement(policy, VAULT_POLICY_SIDS.denyChanges);
        expect(deny).to.deep.include({ Effect: "Deny", Principal: "*", Resource: [VAULT, `${VAULT}/*`] });
        expect(deny.Action).to.include.members(["s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutLifecycleConfiguration", "s3:PutBucketObjectLockConfiguration", "s3:PutReplicationConfiguration", "s3:PutBucketOwnershipControls", "s3:BypassGovernanceRetention"]);
        expect(deny.Action).to.deep.equal([...VAULT_ADMIN_ONLY_ACTIONS]);
        expect(deny.Condition).to.deep.equal({ ArnNotLike: { "aws:PrincipalArn": [ADMIN, "arn:aws:iam::555555555555:root"] } });
    });

    it("with allowDeletion lets only the admins delete versions, so a destroy run as one of them can empty a GOVERNANCE vault", () => {
        const deny = statement(buildVaultBucketPolicy({ ...INPUTS, allowDeletion: true }).Statement, VAULT_POLICY_SIDS.denyVersionDeletion);
        expect(deny.Condition).to.deep.equal({ ArnNotLike: { "aws:PrincipalArn": [ADMIN, "arn:aws:iam::555555555555:root"] } });
    });

    it("follows the partition in every ARN", () => {
        const text = JSON.stringify(buildVaultBucketPolicy({ ...INPUTS, partition: "aws-cn", replicationRoleArn: ROLE.replace("arn:aws:", "arn:aws-cn:"), adminArns: ["arn:aws-cn:iam::555555555555:role/VaultAdmin"] }));
        expect(text).to.include("arn:aws-cn:s3:::").and.include("arn:aws-cn:iam::555555555555:root");
        expect(text).not.to.include("arn:aws:");
    });
});

describe("the vault's key policy and the source key's statement", () => {
    it("lets the vault account administer the key and the role encrypt, generate and decrypt through S3 in the vault region for the vault only (AWS-KMS-200, AWS-KMS-201)", () => {
        const [admin, encrypt] = buildVaultKeyPolicy(INPUTS).Statement;
        expect(admin).to.deep.include({ Sid: VAULT_KEY_POLICY_SIDS.accountAdministration, Principal: { AWS: "arn:aws:iam::555555555555:root" }, Action: "kms:*" });
        expect(encrypt).to.deep.include({ Principal: { AWS: ROLE }, Action: ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"] });
        // AWS-KMS-201: with Bucket Key the context is the bucket ARN; without, the object's.
        expect(encrypt.Condition).to.deep.equal({
            StringEquals: { "kms:ViaService": "s3.us-west-2.amazonaws.com" },
            StringLike: { "kms:EncryptionContext:aws:s3:arn": [VAULT, `${VAULT}/*`] },
        });
    });

    it("lets the role decrypt source objects through S3 in the source region for the source bucket only (AWS-KMS-200)", () => {
        const decrypt = replicationSourceKeyStatement({ partition: "aws-cn", region: "cn-north-1", bucketName: "logs-1-cn-north-1", replicationRoleArn: ROLE });
        expect(decrypt).to.deep.include({ Sid: VAULT_KEY_POLICY_SIDS.replicationDecryptSource, Effect: "Allow", Principal: { AWS: ROLE }, Action: "kms:Decrypt" });
        expect(decrypt.Condition).to.deep.equal({
            StringEquals: { "kms:ViaService": "s3.cn-north-1.amazonaws.com.cn" },
            StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws-cn:s3:::logs-1-cn-north-1", "arn:aws-cn:s3:::logs-1-cn-north-1/*"] },
        });
    });

    it("appends a statement to a document, or leaves it as it is", () => {
        const document = buildVaultKeyPolicy(INPUTS);
        const extra = replicationSourceKeyStatement({ partition: "aws", region: "us-east-1", bucketName: "b", replicationRoleArn: ROLE });
        expect(withStatement(document, extra).Statement).to.deep.equal([...document.Statement, extra]);
        expect(withStatement(document, undefined)).to.equal(document);
    });
});

describe("the vault's policies, whole", () => {
    it("are the TLS pair, the role's two grants and the two denies, in that order, with no deletion exception by default", () => {
        expect(buildVaultBucketPolicy(INPUTS)).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [VAULT, `${VAULT}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [VAULT, `${VAULT}/*`], Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
                { Sid: VAULT_POLICY_SIDS.replicate, Effect: "Allow", Principal: { AWS: ROLE }, Action: ["s3:ReplicateObject", "s3:ReplicateTags"], Resource: `${VAULT}/*` },
                { Sid: VAULT_POLICY_SIDS.replicationBucketChecks, Effect: "Allow", Principal: { AWS: ROLE }, Action: ["s3:GetBucketVersioning", "s3:ListBucket"], Resource: VAULT },
                { Sid: VAULT_POLICY_SIDS.denyVersionDeletion, Effect: "Deny", Principal: "*", Action: "s3:DeleteObjectVersion", Resource: `${VAULT}/*` },
                {
                    Sid: VAULT_POLICY_SIDS.denyChanges,
                    Effect: "Deny",
                    Principal: "*",
                    Action: [...VAULT_ADMIN_ONLY_ACTIONS],
                    Resource: [VAULT, `${VAULT}/*`],
                    Condition: { ArnNotLike: { "aws:PrincipalArn": [ADMIN, "arn:aws:iam::555555555555:root"] } },
                },
            ],
        });
        expect(buildVaultBucketPolicy({ ...INPUTS, allowDeletion: false }).Statement[4]).not.to.have.property("Condition");
    });

    it("gives the key to the vault account's root and the replication role, and to nobody else", () => {
        expect(buildVaultKeyPolicy(INPUTS)).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                { Sid: "EnableAccountAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::555555555555:root" }, Action: "kms:*", Resource: "*" },
                {
                    Sid: "AllowReplicationRoleEncryptReplicas",
                    Effect: "Allow",
                    Principal: { AWS: ROLE },
                    Action: ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
                    Resource: "*",
                    Condition: { StringEquals: { "kms:ViaService": "s3.us-west-2.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [VAULT, `${VAULT}/*`] } },
                },
            ],
        });
        expect(replicationSourceKeyStatement({ partition: "aws", region: "us-east-1", bucketName: "b", replicationRoleArn: ROLE })).to.deep.include({ Sid: "AllowReplicationRoleDecryptSources", Resource: "*" });
    });
});
