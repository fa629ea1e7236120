import { expect } from "chai";
import { Provider } from "@pulumi/aws/provider";
import { AUDIT_LOG_VAULT_TYPE } from "../../../components/vault/auditLogVault";
import { replicationRoleName } from "../../../components/vault/replication";
import { ACCOUNT, REGION, ofType, registerComponent, single } from "../../support/mocks";
import { AuditLogBucket } from "../../../components/auditLogBucket";
import { RegisteredResource, runUnderMocks } from "../../../tools/offline/capture";

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/VaultAdmin`;
const SAME_ACCOUNT = { region: "us-west-2", adminArns: [ADMIN] };
const T = {
    bucket: "aws:s3/bucket:Bucket",
    key: "aws:kms/key:Key",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};

const named = (run: { resources: RegisteredResource[] }, name: string): RegisteredResource => {
    const found = run.resources.find((resource) => resource.name === name);
    expect(found, name).not.to.equal(undefined);
    return found as RegisteredResource;
};

describe("the vault under mocks", () => {
    it("is a child component of the bucket, named <namePrefix>-vault-<account>-<region>, in its own region, locked from creation (AWS-S3-211)", async () => {
        const run = await registerComponent({ vault: SAME_ACCOUNT });
        const vault = single(run, AUDIT_LOG_VAULT_TYPE);
        const bucket = named(run, "logs-vault-bucket");
        expect(bucket.parent).to.equal(vault.urn);
        expect(bucket.inputs).to.include({ bucket: `network-compliance-logs-vault-${ACCOUNT}-us-west-2`, region: "us-west-2", objectLockEnabled: true, forceDestroy: false });
        expect(bucket.inputs.tags).to.deep.include({ purpose: "audit-log-vault" });
        expect(bucket.protect).to.equal(true);
        expect(named(run, "logs-vault-object-lock").inputs.rule).to.deep.equal({ defaultRetention: { mode: "GOVERNANCE", days: 365 } });
        for (const child of run.resources.filter((resource) => resource.parent === vault.urn && resource.name !== "logs-vault-replication-role" && resource.name !== "logs-vault-replication-policy" && resource.name !== "logs-vault-replication")) {
            expect(child.inputs.region, child.name).to.equal("us-west-2");
        }
    });

    it("is hardened like every bucket here: ACLs off, public access blocked, versioned, SSE-S3 with SSE-C blocked", async () => {
        const run = await registerComponent({ vault: SAME_ACCOUNT });
        expect(named(run, "logs-vault-ownership").inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
        expect(named(run, "logs-vault-public-access-block").inputs).to.include({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        expect(named(run, "logs-vault-versioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
        expect(named(run, "logs-vault-encryption").inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }]);
        expect(ofType(run, T.key)).to.deep.equal([]);
    });

    it("puts its policy last, after every setting only the admins may change", async () => {
        const run = await registerComponent({ vault: SAME_ACCOUNT });
        const dependsOn = named(run, "logs-vault-policy").dependsOn;
        for (const setting of ["ownership", "public-access-block", "versioning", "encryption", "object-lock", "lifecycle"]) {
            expect(dependsOn.some((urn) => urn.endsWith(`::logs-vault-${setting}`)), setting).to.equal(true);
        }
    });

    it("with SSE-KMS gets a key of its own whose policy names the replication role, and the bucket's key admits the role too (AWS-KMS-200)", async () => {
        const run = await registerComponent({ encryption: "SSE_KMS", vault: SAME_ACCOUNT });
        const roleArn = named(run, "logs-vault-replication-role").outputs.arn as string;
        const vaultKey = named(run, "logs-vault-key");
        expect(vaultKey.inputs.region).to.equal("us-west-2");
        expect(vaultKey.dependsOn.some((urn) => urn.endsWith("::logs-vault-replication-role")), "KMS refuses a policy naming a role not yet created").to.equal(true);
        expect(JSON.parse(vaultKey.inputs.policy as string).Statement[1].Principal).to.deep.equal({ AWS: roleArn });
        const sourceKey = named(run, "logs-key");
        const decrypt = JSON.parse(sourceKey.inputs.policy as string).Statement.find((s: { Sid: string }) => s.Sid === "AllowReplicationRoleDecryptSources");
        expect(decrypt.Principal).to.deep.equal({ AWS: roleArn });
        expect(sourceKey.dependsOn.some((urn) => urn.endsWith("::logs-vault-replication-role"))).to.equal(true);
        expect(named(run, "logs-vault-encryption").inputs.rules).to.deep.equal([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: vaultKey.outputs.arn }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] },
        ]);
        const [rule] = named(run, "logs-vault-replication").inputs.rules as { destination: { encryptionConfiguration: unknown } }[];
        expect(rule.destination.encryptionConfiguration).to.deep.equal({ replicaKmsKeyId: vaultKey.outputs.arn });
    });

    it("configures replication on the bucket, after both versionings, the vault's policy and the role's permissions", async () => {
        const run = await registerComponent({ vault: SAME_ACCOUNT });
        const replication = single(run, T.replication);
        expect(replication.inputs.bucket).to.equal(`network-compliance-logs-${ACCOUNT}-${REGION}`);
        expect(replication.inputs.role).to.equal(named(run, "logs-vault-replication-role").outputs.arn);
        expect(replication.inputs).not.to.have.property("region");
        for (const before of ["logs-versioning", "logs-vault-versioning", "logs-vault-policy", "logs-vault-replication-policy"]) {
            expect(replication.dependsOn.some((urn) => urn.endsWith(`::${before}`)), before).to.equal(true);
        }
    });

    it("in another account creates the vault's side with the given provider and keeps the role and replication on the bucket's", async () => {
        let providerUrn = "";
        const run = await runUnderMocks({ project: "test", stack: "test", config: {}, identity: { accountId: ACCOUNT, region: REGION } }, () => {
            const provider = new Provider("vault", { region: "us-west-2" });
            provider.urn.apply((urn) => (providerUrn = urn));
            new AuditLogBucket("logs", { accountId: ACCOUNT, region: REGION, vault: { region: "us-west-2", accountId: "555555555555", adminArns: ["arn:aws:iam::555555555555:role/VaultAdmin"], provider } });
        }, { stack: false });
        expect(named(run, "logs-vault-bucket").inputs.bucket).to.equal("network-compliance-logs-vault-555555555555-us-west-2");
        for (const name of ["logs-vault-bucket", "logs-vault-policy", "logs-vault-object-lock", "logs-vault-lifecycle"]) {
            expect(named(run, name).provider?.startsWith(`${providerUrn}::`), name).to.equal(true);
        }
        for (const name of ["logs-vault-replication-role", "logs-vault-replication-policy", "logs-vault-replication"]) {
            expect(named(run, name).provider ?? "", name).not.to.include("::vault::");
        }
    });

    it("with roleArn and no provider builds a provider for the vault region that assumes it, used by the vault's side only", async () => {
        const roleArn = "arn:aws:iam::555555555555:role/VaultAdmin";
        const run = await registerComponent({ vault: { region: "us-west-2", accountId: "555555555555", adminArns: [roleArn], roleArn } });
        const provider = named(run, "logs-vault-provider");
        expect(provider.type).to.equal("pulumi:providers:aws");
        expect(provider.inputs).to.deep.include({ region: "us-west-2" });
        expect(JSON.stringify(provider.inputs.assumeRoles)).to.include(roleArn);
        expect(named(run, "logs-vault-bucket").provider?.startsWith(`${provider.urn}::`)).to.equal(true);
        expect(named(run, "logs-vault-replication").provider ?? "").not.to.include(provider.urn);
    });

    it("names the replication role after the bucket, so the policies naming it are known in a preview, and waits for it", async () => {
        const run = await registerComponent({ encryption: "SSE_KMS", vault: SAME_ACCOUNT }, "logs", undefined);
        const role = named(run, "logs-vault-replication-role");
        expect(role.inputs.name).to.equal(`network-compliance-logs-${ACCOUNT}-${REGION}-replication`);
        expect(replicationRoleName("a".repeat(63))).to.have.length(64).and.match(/-[0-9a-f]{8}-replication$/);
        for (const name of ["logs-key", "logs-vault-key", "logs-vault-policy"]) {
            expect(named(run, name).dependsOn, name).to.include(role.urn);
        }
    });

    it("with allowDeletion (GOVERNANCE) may be destroyed: forceDestroy and no protect", async () => {
        const run = await registerComponent({ allowDeletion: true, vault: SAME_ACCOUNT });
        const bucket = named(run, "logs-vault-bucket");
        expect(bucket.inputs.forceDestroy).to.equal(true);
        expect(bucket.protect).to.equal(false);
    });

    it("with an alarm topic alarms on the replication metrics in the bucket's region (AWS-S3-208)", async () => {
        const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:audit-alerts`;
        const run = await registerComponent({ vault: { ...SAME_ACCOUNT, alarmTopicArn: topic } });
        const alarms = ofType(run, T.alarm);
        expect(alarms.map((alarm) => alarm.inputs.metricName)).to.deep.equal(["OperationsFailedReplication", "ReplicationLatency"]);
        for (const alarm of alarms) {
            expect(alarm.inputs).to.deep.include({ namespace: "AWS/S3", alarmActions: [topic], treatMissingData: "ignore" });
            expect(alarm.inputs).not.to.have.property("region");
        }
        expect(ofType(await registerComponent({ vault: SAME_ACCOUNT }), T.alarm)).to.deep.equal([]);
    });

    it("exposes its names and policy on the bucket component", async () => {
        const run = await registerComponent({ vault: SAME_ACCOUNT });
        expect(ofType(run, T.rolePolicy)).to.have.length(1);
        expect(JSON.parse(named(run, "logs-vault-policy").inputs.policy as string).Statement.map((s: { Sid: string }) => s.Sid)).to.include("DenyVaultChangesExceptAdministrators");
    });
});

