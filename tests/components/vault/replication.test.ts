import { expect } from "chai";
import {
    REPLICATION_SERVICE_PRINCIPAL,
    VAULT_REPLICATION_RULE_ID,
    replicationAlarms,
    replicationMetricDimensions,
    replicationRoleName,
    replicationRolePolicy,
    replicationTrustPolicy,
    vaultLifecycleRules,
    vaultReplicationRules,
} from "../../../components/vault/replication";

const SOURCE = "arn:aws:s3:::logs-111111111111-us-east-1";
const VAULT = "arn:aws:s3:::logs-vault-555555555555-us-west-2";
const KEYS = { sourceKeyArn: "arn:aws:kms:us-east-1:111111111111:key/source", vaultKeyArn: "arn:aws:kms:us-west-2:555555555555:key/vault" };
const ROLE_INPUTS = { partition: "aws", sourceRegion: "us-east-1", sourceBucketName: "logs-111111111111-us-east-1", vaultRegion: "us-west-2", vaultBucketName: "logs-vault-555555555555-us-west-2" };

describe("the replication role", () => {
    describe("is named <source bucket>-replication, within IAM's 64 characters (AWS-IAM-004)", () => {
        const ROWS: [string, string][] = [
            ["a short bucket name", "logs-111111111111-us-east-1"],
            ["a name that just fits (52 characters)", "a".repeat(52)],
        ];
        for (const [what, bucket] of ROWS) {
            it(`keeps ${what} whole`, () => {
                expect(replicationRoleName(bucket)).to.equal(`${bucket}-replication`);
            });
        }

        it("stands a digest of the name in for the end of a name one character too long, keeping 64 characters", () => {
            const bucket = "b".repeat(53);
            const name = replicationRoleName(bucket);
            expect(name).to.have.length(64);
            expect(name).to.match(/^b{43}-[0-9a-f]{8}-replication$/);
        });

        it("tells apart long names that share their first 43 characters, and names one bucket the same each time", () => {
            const [a, b] = [`${"c".repeat(60)}-one`, `${"c".repeat(60)}-two`];
            expect(replicationRoleName(a)).not.to.equal(replicationRoleName(b));
            expect(replicationRoleName(a)).to.equal(replicationRoleName(a));
            expect(replicationRoleName(a).slice(0, 43)).to.equal(a.slice(0, 43));
        });
    });


    it("is assumed by S3 only (AWS-S3-201)", () => {
        expect(replicationTrustPolicy().Statement).to.deep.equal([{ Sid: "AllowS3ToAssumeForReplication", Effect: "Allow", Principal: { Service: REPLICATION_SERVICE_PRINCIPAL }, Action: "sts:AssumeRole" }]);
        expect(REPLICATION_SERVICE_PRINCIPAL).to.equal("s3.amazonaws.com");
    });

    it("reads the source's configuration and versions with their Object Lock state, and replicates objects and tags, and no more (AWS-S3-201, AWS-S3-202)", () => {
        const statements = replicationRolePolicy(ROLE_INPUTS).Statement;
        expect(statements.map(({ Action, Resource }) => ({ Action, Resource }))).to.deep.equal([
            { Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: SOURCE },
            {
                Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"],
                Resource: `${SOURCE}/*`,
            },
            { Action: ["s3:ReplicateObject", "s3:ReplicateTags"], Resource: `${VAULT}/*` },
        ]);
    });

    it("with SSE-KMS decrypts with the source key and encrypts with the vault key, each through S3 in its region for its bucket (AWS-KMS-200, AWS-KMS-201)", () => {
        const [, , , decrypt, encrypt] = replicationRolePolicy({ ...ROLE_INPUTS, ...KEYS }).Statement;
        expect(decrypt).to.deep.equal({
            Sid: "DecryptSourceObjects",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: KEYS.sourceKeyArn,
            Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [SOURCE, `${SOURCE}/*`] } },
        });
        expect(encrypt).to.deep.equal({
            Sid: "EncryptReplicas",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
            Resource: KEYS.vaultKeyArn,
            Condition: { StringEquals: { "kms:ViaService": "s3.us-west-2.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [VAULT, `${VAULT}/*`] } },
        });
    });
});

describe("the replication rule", () => {
    const base = { partition: "aws", vaultBucketName: "logs-vault-555555555555-us-west-2", storageClass: "DEEP_ARCHIVE" as const, replicationTimeControl: true };

    it("is one rule for every prefix that never replicates delete markers, with RTC and metrics at 15 minutes (AWS-S3-206, AWS-S3-207)", () => {
        expect(vaultReplicationRules(base)).to.deep.equal([
            {
                id: VAULT_REPLICATION_RULE_ID,
                priority: 1,
                status: "Enabled",
                filter: { prefix: "" },
                deleteMarkerReplication: { status: "Disabled" },
                destination: {
                    bucket: VAULT,
                    storageClass: "DEEP_ARCHIVE",
                    replicationTime: { status: "Enabled", time: { minutes: 15 } },
                    metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
                },
            },
        ]);
    });

    it("keeps the metrics when RTC is opted out (AWS-S3-207)", () => {
        const [rule] = vaultReplicationRules({ ...base, replicationTimeControl: false });
        expect(rule.destination).not.to.have.property("replicationTime");
        expect(rule.destination.metrics).to.deep.equal({ status: "Enabled" });
    });

    it("with SSE-KMS selects KMS-encrypted objects and re-encrypts them with the vault key; no owner override (AWS-S3-205, AWS-S3-204)", () => {
        const [rule] = vaultReplicationRules({ ...base, vaultKeyArn: KEYS.vaultKeyArn });
        expect(rule.sourceSelectionCriteria).to.deep.equal({ sseKmsEncryptedObjects: { status: "Enabled" } });
        expect(rule.destination.encryptionConfiguration).to.deep.equal({ replicaKmsKeyId: KEYS.vaultKeyArn });
        expect(rule.destination).not.to.have.property("accessControlTranslation");
        expect(rule.destination).not.to.have.property("account");
    });
});

describe("the vault's lifecycle and alarms", () => {
    it("keeps every replica, current or noncurrent, at least the retention period", () => {
        const [expire, housekeeping] = vaultLifecycleRules(2555);
        expect(expire).to.deep.include({ filter: { objectSizeGreaterThan: 0 }, expiration: { days: 2555 }, noncurrentVersionExpiration: { noncurrentDays: 2555 } });
        expect(expire).not.to.have.property("transitions");
        expect(housekeeping).to.deep.include({ expiration: { expiredObjectDeleteMarker: true }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } });
    });

    it("alarms on failed operations and on a latency above 15 minutes, per rule (AWS-S3-208)", () => {
        expect(replicationAlarms().map(({ metricName, statistic, threshold }) => ({ metricName, statistic, threshold }))).to.deep.equal([
            { metricName: "OperationsFailedReplication", statistic: "Sum", threshold: 0 },
            { metricName: "ReplicationLatency", statistic: "Maximum", threshold: 900 },
        ]);
        expect(replicationMetricDimensions("a", "b")).to.deep.equal({ SourceBucket: "a", DestinationBucket: "b", RuleId: VAULT_REPLICATION_RULE_ID });
    });
});
