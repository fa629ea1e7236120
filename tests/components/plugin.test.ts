import { expect } from "chai";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";
import * as path from "path";
import { AuditLogBucket } from "../../components/auditLogBucket";
import { AUDIT_LOG_BUCKET_TYPE } from "../../components/constants";

// The schema `pulumi package add` generates other languages' SDKs from: inferred by the same component provider
// host components/plugin.ts starts, from this package's TypeScript.
describe("the component's schema for other languages", function () {
    let schema: any;
    before(async () => {
        const provider = new ComponentProvider({ name: "audit-logs", components: [AuditLogBucket], dirname: path.resolve(__dirname, "..", "..") });
        schema = JSON.parse(await provider.getSchema());
    });

    it("names the component audit-logs:index:AuditLogBucket, the token the component registers with", () => {
        expect(schema.name).to.equal("audit-logs");
        expect(Object.keys(schema.resources)).to.deep.equal([AUDIT_LOG_BUCKET_TYPE]);
        expect(schema.resources[AUDIT_LOG_BUCKET_TYPE].isComponent).to.equal(true);
    });

    it("lists every input with its type, optionality and the JSDoc description", () => {
        const resource = schema.resources[AUDIT_LOG_BUCKET_TYPE];
        const inputs = resource.inputProperties;
        expect(Object.keys(inputs).sort()).to.deep.equal(
            [
                "accountId", "region", "namePrefix", "encryption", "kmsKeyArn", "glacierAfterDays", "deepArchiveAfterDays", "retentionDays",
                "noncurrentVersionExpirationDays", "archiveMinObjectSizeBytes", "instantRetrievalMinObjectSizeBytes", "organizationId",
                "cloudTrailArns", "readerArns", "sessionManagerWriterArns", "securityHubWriterArns", "objectLockDays", "objectLockMode",
                "accessLogBucket", "accessLogPrefix", "prefixes", "tags", "allowDeletion", "managementAccountId", "sourceAccountIds", "sourceOrgPaths",
                "createAccessLogBucket", "athena", "eventBridgeNotifications", "bucketNamespace",
            ].sort(),
        );
        expect(resource.requiredInputs.sort()).to.deep.equal(["accountId", "region"]);
        for (const [name, property] of Object.entries<any>(inputs)) {
            expect(property.description, name).to.be.a("string").and.not.equal("");
            expect(property.optional === true, name).to.equal(!["accountId", "region"].includes(name));
        }
        expect(inputs.retentionDays.type).to.equal("number");
        expect(inputs.readerArns).to.deep.include({ type: "array", items: { type: "string" } });
        expect(inputs.tags.type).to.equal("object");
        expect(inputs.allowDeletion.type).to.equal("boolean");
        expect(inputs.eventBridgeNotifications.type).to.equal("boolean");
        expect(inputs.prefixes.$ref).to.match(/LogPrefixes$/);
        const athena = schema.types[inputs.athena.$ref.replace("#/types/", "")];
        expect(Object.keys(athena.properties).sort()).to.deep.equal(["bytesScannedCutoffPerQuery", "databaseName", "projectionStartDate", "regions", "resultsRetentionDays", "workgroupName"]);
    });

    it("turns the encryption and Object Lock modes and the bucket namespace into enums", () => {
        const encryption = schema.types[schema.resources[AUDIT_LOG_BUCKET_TYPE].inputProperties.encryption.$ref.replace("#/types/", "")];
        expect(encryption.enum.map((member: { value: string }) => member.value)).to.deep.equal(["SSE_S3", "SSE_KMS"]);
        const lock = schema.types[schema.resources[AUDIT_LOG_BUCKET_TYPE].inputProperties.objectLockMode.$ref.replace("#/types/", "")];
        expect(lock.enum.map((member: { value: string }) => member.value)).to.deep.equal(["GOVERNANCE", "COMPLIANCE"]);
        const namespace = schema.types[schema.resources[AUDIT_LOG_BUCKET_TYPE].inputProperties.bucketNamespace.$ref.replace("#/types/", "")];
        expect(namespace.enum.map((member: { value: string }) => member.value)).to.deep.equal(["global", "account-regional"]);
    });

    it("lists every output", () => {
        const resource = schema.resources[AUDIT_LOG_BUCKET_TYPE];
        expect(Object.keys(resource.properties).sort()).to.deep.equal([
            "athenaDatabaseName", "athenaReaderPolicyJson", "athenaResultsBucketName", "athenaWorkgroupName",
            "bucketArn", "bucketName", "bucketPolicyJson", "keyPolicyJson", "kmsKeyArn", "prefixes",
        ]);
        expect(resource.required.sort()).to.include.members(["bucketArn", "bucketName", "bucketPolicyJson", "prefixes"]);
    });
});
