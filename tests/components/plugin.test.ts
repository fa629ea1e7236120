import { expect } from "chai";
import * as path from "path";
import { Provider } from "@pulumi/aws/provider";
import { AuditLogsComponentProvider, withProviderReferences } from "../../components/componentProvider";
import { AUDIT_LOG_BUCKET_TYPE } from "../../components/constants";
import { runUnderMocks } from "../../tools/offline/capture";

const ROOT = path.resolve(__dirname, "..", "..");

// The schema `pulumi package add` generates other languages' SDKs from: inferred by the same component provider
// host components/plugin.ts starts, from this package's TypeScript.
describe("the component's schema for other languages", function () {
    let schema: any;
    before(async function () {
        // The schema is inferred from the package's TypeScript by the compiler: seconds of CPU, more on a loaded machine.
        this.timeout(120000);
        schema = JSON.parse(await new AuditLogsComponentProvider(ROOT).getSchema());
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
                "createAccessLogBucket", "athena", "eventBridgeNotifications", "bucketNamespace", "configDelivery", "vault", "bucketNameSuffix",
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
            "replicationRoleArn", "vaultBucketName", "vaultBucketPolicyJson", "vaultKmsKeyArn",
        ]);
        expect(resource.required.sort()).to.include.members(["bucketArn", "bucketName", "bucketPolicyJson", "prefixes"]);
    });

    it("describes the vault, with its provider as a reference to the aws package's provider", () => {
        const vault = schema.types[schema.resources[AUDIT_LOG_BUCKET_TYPE].inputProperties.vault.$ref.replace("#/types/", "")];
        expect(Object.keys(vault.properties).sort()).to.deep.equal(
            ["accountId", "adminArns", "alarmTopicArn", "objectLockDays", "objectLockMode", "provider", "region", "replicationTimeControl", "roleArn", "storageClass"],
        );
        expect(vault.required.sort()).to.deep.equal(["adminArns", "region"]);
        // Pulumi's schema names an external provider `/<pkg>/v<version>/schema.json#/provider` (pulumi/pulumi's
        // codegen tests, "externalProviderRef"); the analyzer alone would write `#/resources/aws`, which names nothing.
        expect(vault.properties.provider.$ref).to.match(/^\/aws\/v\d+\.\d+\.\d+\/schema\.json#\/provider$/);
        expect(schema.dependencies ?? []).to.deep.include({ name: "aws", version: require("@pulumi/aws/package.json").version });
    });

    it("rewrites only references to a package's own provider", () => {
        const before = { a: { $ref: "/aws/v7.48.0/schema.json#/resources/aws" }, b: [{ $ref: "/aws/v7.48.0/schema.json#/resources/aws:s3/bucket:Bucket" }], c: { $ref: "#/types/x" } };
        expect(JSON.parse(withProviderReferences(JSON.stringify(before)))).to.deep.equal({
            a: { $ref: "/aws/v7.48.0/schema.json#/provider" },
            b: [{ $ref: "/aws/v7.48.0/schema.json#/resources/aws:s3/bucket:Bucket" }],
            c: { $ref: "#/types/x" },
        });
    });

    it("hands construct a vault provider sent as a resource reference as an aws.Provider, and creates the vault with it", async () => {
        // What another language's SDK sends: the inputs serialized with the provider as a resource reference, then
        // read back by the provider host's own deserializer, then constructed by the component provider.
        const rpc = require("@pulumi/pulumi/runtime/rpc");
        const { deserializeInputs } = require("@pulumi/pulumi/provider/server");
        const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js");
        let received: unknown;
        let providerUrn = "";
        const run = await runUnderMocks(
            { project: "test", stack: "test", config: {}, identity: { accountId: "123456789012", region: "us-east-1" } },
            async () => {
                const provider = new Provider("vault", { region: "us-west-2", assumeRoles: [{ roleArn: "arn:aws:iam::555555555555:role/VaultDeployer" }] });
                providerUrn = await new Promise<string>((resolve) => provider.urn.apply(resolve));
                const vault = { region: "us-west-2", accountId: "555555555555", adminArns: ["arn:aws:iam::555555555555:role/VaultDeployer"], provider };
                const wire = await rpc.serializeProperties("test", { accountId: "123456789012", region: "us-east-1", vault }, { keepResources: true });
                expect(JSON.stringify(wire)).to.include(providerUrn);
                // The host is up (plugin.ts constructs the provider first) before any request is read.
                const host = new AuditLogsComponentProvider(ROOT);
                const inputs = await deserializeInputs(Struct.fromJavaScript(wire), new Map());
                received = inputs.vault.provider;
                await host.construct("logs", AUDIT_LOG_BUCKET_TYPE, inputs, {});
            },
            { stack: false },
        );
        expect(Provider.isInstance(received)).to.equal(true);
        const vaultBucket = run.resources.find((resource) => resource.name === "logs-vault-bucket");
        expect(vaultBucket?.inputs).to.include({ bucket: "network-compliance-logs-vault-555555555555-us-west-2", region: "us-west-2" });
        expect(vaultBucket?.provider?.startsWith(`${providerUrn}::`), vaultBucket?.provider).to.equal(true);
        // The replication role and configuration stay with the bucket's own (default) provider.
        for (const name of ["logs-vault-replication-role", "logs-vault-replication"]) {
            expect(run.resources.find((resource) => resource.name === name)?.provider ?? "", name).not.to.include(providerUrn);
        }
    });
});
