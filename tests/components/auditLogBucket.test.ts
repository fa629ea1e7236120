import { expect } from "chai";
import type { AuditLogBucketArgs } from "../../components/args";
import { ACCESS_LOG_BUCKET_TYPE, AUDIT_LOG_BUCKET_TYPE } from "../../components/constants";
import { ACCOUNT, REGION, ofType, registerComponent, single } from "../support/mocks";

const BUCKET = `network-compliance-logs-${ACCOUNT}-${REGION}`;
const T = {
    bucket: "aws:s3/bucket:Bucket",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    logging: "aws:s3/bucketLogging:BucketLogging",
    object: "aws:s3/bucketObjectv2:BucketObjectv2",
    notification: "aws:s3/bucketNotification:BucketNotification",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
};

describe("the AuditLogBucket component under mocks", () => {
    it("registers itself with the type token and parents every child to itself", async () => {
        const run = await registerComponent({});
        const component = single(run, AUDIT_LOG_BUCKET_TYPE);
        const children = run.resources.filter((resource) => resource !== component);
        expect(children.length).to.be.greaterThan(5);
        for (const child of children) {
            expect(child.parent, child.name).to.equal(component.urn);
            expect(child.name.startsWith("logs-"), child.name).to.equal(true);
        }
    });

    it("names the bucket <prefix>-<account>-<region>, never force-destroys it, and tags it as audit logs", async () => {
        const bucket = single(await registerComponent({ tags: { team: "security" } }), T.bucket);
        expect(bucket.inputs.bucket).to.equal(BUCKET);
        expect(bucket.inputs.forceDestroy).to.equal(false);
        expect(bucket.inputs.tags).to.deep.include({ purpose: "audit-logs", team: "security" });
        expect(bucket.outputs.arn).to.equal(`arn:aws:s3:::${BUCKET}`);
    });

    it("with allowDeletion force-destroys the bucket and drops the version-delete deny", async () => {
        const kept = await registerComponent({});
        const throwaway = await registerComponent({ allowDeletion: true });
        expect(single(throwaway, T.bucket).inputs.forceDestroy).to.equal(true);
        const sids = (run: typeof kept) => JSON.parse(single(run, T.policy).inputs.policy as string).Statement.map((s: { Sid: string }) => s.Sid);
        expect(sids(kept)).to.include("DenyLogVersionDeletion");
        expect(sids(throwaway)).not.to.include("DenyLogVersionDeletion");
        for (const marker of ofType(throwaway, T.object)) {
            expect(marker.retainOnDelete, marker.name).to.equal(false);
        }
    });

    it("creates the access-log target as its own child component, before logging to it", async () => {
        const run = await registerComponent({ createAccessLogBucket: true, tags: { team: "security" } });
        const component = single(run, AUDIT_LOG_BUCKET_TYPE);
        const target = single(run, ACCESS_LOG_BUCKET_TYPE);
        expect(target.parent).to.equal(component.urn);
        const children = run.resources.filter((resource) => resource.parent === target.urn);
        expect(children.map((child) => child.type).sort()).to.deep.equal([T.bucket, T.lifecycle, T.ownership, T.policy, T.pab, T.sse, T.versioning].sort());
        const bucket = children.find((child) => child.type === T.bucket);
        expect(bucket?.inputs).to.deep.include({ bucket: `s3-access-logs-${ACCOUNT}-${REGION}`, forceDestroy: false });
        expect(bucket?.inputs.objectLockEnabled).to.equal(undefined);
        expect(bucket?.inputs.tags).to.deep.include({ purpose: "s3-access-logs", team: "security" });
        expect(bucket?.protect).to.equal(true);
        // AWS-S3-601: SSE-C blocked on the access-log bucket too
        expect(children.find((child) => child.type === T.sse)?.inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }]);
        const policy = JSON.parse(children.find((child) => child.type === T.policy)?.inputs.policy as string);
        expect(policy.Statement[2].Condition).to.deep.equal({ ArnLike: { "aws:SourceArn": `arn:aws:s3:::${BUCKET}` }, StringEquals: { "aws:SourceAccount": ACCOUNT } });
        const logging = single(run, T.logging);
        expect(logging.inputs).to.include({ targetBucket: `s3-access-logs-${ACCOUNT}-${REGION}`, targetPrefix: `${BUCKET}/` });
        // A dependency on the component waits for its children: the target's policy is in place before logging starts.
        expect(logging.dependsOn).to.include(children.find((child) => child.type === T.policy)?.urn);
        // The audit-log bucket's own resources are unchanged: one of each, plus the target's.
        expect(ofType(run, T.bucket)).to.have.length(2);
    });

    it("creates no access-log bucket when only a target name is given", async () => {
        const run = await registerComponent({ accessLogBucket: "existing-access-logs" });
        expect(ofType(run, ACCESS_LOG_BUCKET_TYPE)).to.have.length(0);
        expect(single(run, T.logging).inputs.targetBucket).to.equal("existing-access-logs");
    });

    it("protects and retains the bucket and key by default, and not when deletion is allowed", async () => {
        const kept = await registerComponent({ encryption: "SSE_KMS" });
        for (const type of [T.bucket, T.key]) {
            expect(single(kept, type).protect, type).to.equal(true);
            expect(single(kept, type).retainOnDelete, type).to.equal(true);
        }
        const throwaway = await registerComponent({ encryption: "SSE_KMS", allowDeletion: true });
        for (const type of [T.bucket, T.key]) {
            expect(single(throwaway, type).protect, type).to.equal(false);
            expect(single(throwaway, type).retainOnDelete, type).to.equal(false);
        }
    });

    it("disables ACLs and blocks all four kinds of public access before the bucket policy is put", async () => {
        const run = await registerComponent({});
        const ownership = single(run, T.ownership);
        const pab = single(run, T.pab);
        expect(ownership.inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
        expect(pab.inputs).to.include({ bucket: BUCKET, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        expect(single(run, T.policy).dependsOn).to.include.members([ownership.urn, pab.urn]);
    });

    it("enables versioning", async () => {
        expect(single(await registerComponent({}), T.versioning).inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
    });

    it("creates the bucket in S3's global namespace unless asked, and in the account-regional one with the -an name (AWS-S3-602)", async () => {
        const global = single(await registerComponent({}), T.bucket);
        expect(global.inputs.bucket).to.equal(BUCKET);
        expect(global.inputs).to.not.have.property("bucketNamespace");
        const run = await registerComponent({ bucketNamespace: "account-regional", createAccessLogBucket: true });
        const bucket = ofType(run, T.bucket).find((resource) => resource.name === "logs-bucket");
        expect(bucket?.inputs).to.deep.include({ bucket: `${BUCKET}-an`, bucketNamespace: "account-regional" });
        // The names derived from the bucket's follow it: the access-log prefix, the bucket policy's ARNs.
        expect(single(run, T.logging).inputs.targetPrefix).to.equal(`${BUCKET}-an/`);
        expect(ofType(run, T.policy).find((resource) => resource.name === "logs-policy")?.inputs.policy).to.include(`arn:aws:s3:::${BUCKET}-an/`);
    });

    it("encrypts with SSE-S3 by default", async () => {
        const sse = single(await registerComponent({}), T.sse);
        expect(sse.inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }]);
    });

    it("blocks SSE-C uploads on every bucket it creates, with either encryption (AWS-S3-600, AWS-S3-601)", async () => {
        for (const encryption of ["SSE_S3", "SSE_KMS"] as const) {
            const run = await registerComponent({ encryption, createAccessLogBucket: true, athena: { databaseName: "audit_logs" } });
            const rules = ofType(run, T.sse).map((resource) => resource.inputs.rules as Record<string, unknown>[]);
            // The audit-log bucket, the access-log target and the Athena results bucket.
            expect(rules, encryption).to.have.length(3);
            for (const rule of rules.flat()) {
                expect(rule.blockedEncryptionTypes, encryption).to.deep.equal(["SSE-C"]);
            }
        }
    });

    it("with SSE-KMS creates a rotating key with a 30-day window and an alias, and turns Bucket Key on", async () => {
        const run = await registerComponent({ encryption: "SSE_KMS" });
        const key = single(run, T.key);
        expect(key.inputs).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
        expect(single(run, T.alias).inputs.name).to.equal(`alias/${BUCKET}`);
        const [rule] = single(run, T.sse).inputs.rules as Record<string, any>[];
        expect(rule.bucketKeyEnabled).to.equal(true);
        expect(rule.blockedEncryptionTypes).to.deep.equal(["SSE-C"]);
        expect(rule.applyServerSideEncryptionByDefault).to.deep.equal({ sseAlgorithm: "aws:kms", kmsMasterKeyId: key.outputs.arn });
        const policy = JSON.parse(key.inputs.policy as string);
        expect(policy.Statement.map((statement: { Sid: string }) => statement.Sid)).to.include.members([
            "EnableAccountAdministration",
            "AllowCloudTrailEncryptLogs",
            "AllowCloudTrailDescribeKey",
            "AllowConfigEncryptDeliveries",
        ]);
    });

    it("uses a given key ARN without creating a key", async () => {
        const given = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const run = await registerComponent({ encryption: "SSE_KMS", kmsKeyArn: given });
        expect(ofType(run, T.key)).to.have.length(0);
        expect((single(run, T.sse).inputs.rules as any[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId).to.equal(given);
    });

    it("archives to Instant Retrieval, or to Glacier then Deep Archive by size, expires at retention, and aborts incomplete uploads after 7 days", async () => {
        const run = await registerComponent({ glacierAfterDays: 30, deepArchiveAfterDays: 120, retentionDays: 400, noncurrentVersionExpirationDays: 60 });
        const lifecycle = single(run, T.lifecycle);
        const rules = lifecycle.inputs.rules as Record<string, any>[];
        expect(rules.find((rule) => rule.id === "archive-audit-logs")?.transitions).to.deep.equal([
            { days: 30, storageClass: "GLACIER" },
            { days: 120, storageClass: "DEEP_ARCHIVE" },
        ]);
        expect(rules.find((rule) => rule.id === "archive-small-audit-logs")?.transitions).to.deep.equal([{ days: 30, storageClass: "GLACIER_IR" }]);
        const expire = rules.find((rule) => rule.expiration?.days);
        expect(expire?.expiration.days).to.equal(400);
        expect(expire?.noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 60 });
        expect(rules.find((rule) => rule.abortIncompleteMultipartUpload)?.abortIncompleteMultipartUpload).to.deep.equal({ daysAfterInitiation: 7 });
        expect(lifecycle.dependsOn).to.include(single(run, T.versioning).urn);
    });

    it("creates a zero-byte marker for each enabled prefix, after encryption is in place", async () => {
        const run = await registerComponent({ sessionManagerWriterArns: [`arn:aws:iam::${ACCOUNT}:role/ssm`] });
        const markers = ofType(run, T.object);
        expect(markers.map((marker) => marker.inputs.key)).to.deep.equal(["cloudtrail-logs/", "config-logs/", "ssm-logs/"]);
        for (const marker of markers) {
            expect(marker.inputs.content).to.equal("");
            expect(marker.dependsOn).to.include(single(run, T.sse).urn);
        }
    });

    it("adds Object Lock and access logging only when asked", async () => {
        const plain = await registerComponent({});
        expect(ofType(plain, T.objectLock)).to.have.length(0);
        expect(ofType(plain, T.logging)).to.have.length(0);
        const full = await registerComponent({ objectLockDays: 30, configDelivery: false, objectLockMode: "COMPLIANCE", accessLogBucket: "access-logs-bucket" });
        expect(single(full, T.bucket).inputs.objectLockEnabled).to.equal(true);
        expect(single(full, T.objectLock).inputs.rule).to.deep.equal({ defaultRetention: { mode: "COMPLIANCE", days: 30 } });
        expect(single(full, T.logging).inputs).to.include({ targetBucket: "access-logs-bucket", targetPrefix: `${BUCKET}/` });
    });

    it("joins every setting to the bucket by name, with a dependency on the bucket resource", async () => {
        const run = await registerComponent({ encryption: "SSE_KMS", objectLockDays: 30, configDelivery: false, accessLogBucket: "access-logs-bucket" });
        const bucket = single(run, T.bucket);
        for (const type of [T.ownership, T.pab, T.versioning, T.sse, T.lifecycle, T.policy, T.objectLock, T.logging, T.notification]) {
            const setting = single(run, type);
            expect(setting.inputs.bucket, type).to.equal(BUCKET);
            expect(setting.propertyDependencies.bucket, type).to.deep.equal([bucket.urn]);
        }
    });

    it("sends the bucket's object-level events to EventBridge by default, in one notification configuration named <name>-event-notifications", async () => {
        const run = await registerComponent({});
        const notification = single(run, T.notification);
        expect(notification.name).to.equal("logs-event-notifications");
        expect(notification.parent).to.equal(single(run, AUDIT_LOG_BUCKET_TYPE).urn);
        // Nothing but the EventBridge switch: no topic, queue or function, so S3 needs no grant on any destination.
        expect(notification.inputs).to.deep.equal({ bucket: BUCKET, eventbridge: true });
    });

    const NOTIFICATION_ROWS: { args: Partial<AuditLogBucketArgs>; registered: boolean }[] = [
        { args: {}, registered: true },
        { args: { eventBridgeNotifications: true }, registered: true },
        { args: { eventBridgeNotifications: false }, registered: false },
        { args: { eventBridgeNotifications: false, encryption: "SSE_KMS", objectLockDays: 30, configDelivery: false }, registered: false },
        { args: { encryption: "SSE_KMS", objectLockDays: 30, configDelivery: false, objectLockMode: "COMPLIANCE" }, registered: true },
        { args: { allowDeletion: true }, registered: true },
    ];
    for (const row of NOTIFICATION_ROWS) {
        it(`${row.registered ? "registers" : "does not register"} the EventBridge notification with ${JSON.stringify(row.args)}`, async () => {
            const run = await registerComponent(row.args);
            expect(ofType(run, T.notification).map((resource) => resource.inputs.eventbridge)).to.deep.equal(row.registered ? [true] : []);
        });
    }

    for (const allowDeletion of [false, true]) {
        it(`gives the notification the protect and retainOnDelete of the bucket's other settings${allowDeletion ? ", with allowDeletion" : ""}`, async () => {
            const run = await registerComponent({ allowDeletion });
            const notification = single(run, T.notification);
            for (const type of [T.versioning, T.lifecycle, T.sse, T.ownership]) {
                const sibling = single(run, type);
                expect([notification.protect, notification.retainOnDelete], type).to.deep.equal([sibling.protect, sibling.retainOnDelete]);
            }
        });
    }

    it("exposes the bucket name, ARN, key ARN, policies and prefixes as outputs", async () => {
        const run = await registerComponent({ encryption: "SSE_KMS" });
        const component = single(run, AUDIT_LOG_BUCKET_TYPE);
        const key = single(run, T.key);
        // registerOutputs is not a registration; the policy the component passed to S3 is the one it exposes.
        expect(component.inputs).to.deep.equal({});
        expect(JSON.parse(single(run, T.policy).inputs.policy as string).Statement[0].Sid).to.equal("DenyInsecureTransport");
        expect(key.outputs.arn).to.match(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`));
    });
});
