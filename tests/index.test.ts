import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planStack } from "../tools/offline/plan";

describe("the stack program", () => {
    it("plans the dev stack: SSE-S3, one-year retention, one reader, no key", async () => {
        const plan = await planStack({ stack: "dev" });
        const types = plan.resources.map((resource) => resource.type);
        expect(types).not.to.include("aws:kms/key:Key");
        expect(plan.outputs.bucketName).to.equal("network-compliance-logs-111111111111-eu-west-1");
        expect(plan.outputs).not.to.have.property("kmsKeyArn");
        const lifecycle = plan.resources.find((resource) => resource.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
        expect((lifecycle?.inputs.rules as { expiration?: { days?: number } }[]).map((rule) => rule.expiration?.days)).to.include(365);
    });

    it("plans the prod stack: a key it creates, the organization trail, all four prefixes, access logging, no Object Lock on the bucket Config delivers to, and a COMPLIANCE vault in another region and account", async () => {
        const plan = await planStack({ stack: "prod", asDeployed: true });
        const types = plan.resources.map((resource) => resource.type);
        expect(types).to.include.members(["aws:kms/key:Key", "aws:s3/bucketLogging:BucketLogging"]);
        // AWS-CFG-200: Config does not deliver to a bucket with Object Lock; the WORM copy is the vault in another region and account.
        expect(plan.resources.find((r) => r.name === "audit-logs-bucket")?.inputs.objectLockEnabled).to.equal(undefined);
        expect(plan.resources.find((r) => r.name === "audit-logs-vault-bucket")?.inputs).to.include({ bucket: "network-compliance-logs-vault-555555555555-us-west-2", objectLockEnabled: true, region: "us-west-2" });
        expect(plan.resources.find((r) => r.name === "audit-logs-vault-object-lock")?.inputs.rule).to.deep.equal({ defaultRetention: { mode: "COMPLIANCE", days: 365 } });
        const vaultProvider = plan.resources.find((r) => r.type === "pulumi:providers:aws" && r.name === "vault");
        expect(vaultProvider?.inputs).to.deep.include({ region: "us-west-2" });
        expect(JSON.stringify(vaultProvider?.inputs.assumeRoles)).to.include("arn:aws:iam::555555555555:role/AuditVaultDeployer");
        expect(plan.outputs.prefixes).to.deep.equal(["cloudtrail-logs/", "config-logs/", "ssm-logs/", "securityhub-findings/"]);
        expect(plan.outputs.kmsKeyArn).to.match(/^arn:aws:kms:us-east-1:222222222222:key\//);
        const policy = JSON.parse(plan.outputs.bucketPolicy as string);
        expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).to.include("AWSCloudTrailOrganizationWrite");
        expect(JSON.parse(plan.outputs.keyPolicy as string).Statement[0].Sid).to.equal("EnableAccountAdministration");
    });

    it("fails on a misspelt config key, naming it and the key it was probably meant to be", async () => {
        const error = await planStack({ stack: "dev", overrides: ["retentionDay=10"] }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).to.include('retentionDay (config audit-log-bucket:retentionDay) = "10": is not a config key of audit-log-bucket');
        expect(error?.message).to.include("did you mean audit-log-bucket:retentionDays?");
    });

    it("plans the log-archive stack: central mode for the organization, an access-log bucket and Athena's results bucket it creates", async () => {
        const plan = await planStack({ stack: "log-archive" });
        const policy = JSON.parse(plan.resources.find((r) => r.name === "audit-logs-policy")?.inputs.policy as string);
        const sids = policy.Statement.map((s: { Sid: string }) => s.Sid);
        expect(sids).to.include.members(["AWSCloudTrailOrganizationWrite", "AWSConfigOrganizationBucketDelivery"]);
        const buckets = plan.resources.filter((r) => r.type === "aws:s3/bucket:Bucket").map((r) => r.inputs.bucket);
        expect(buckets).to.deep.equal([
            "network-compliance-logs-666666666666-eu-west-1",
            "s3-access-logs-666666666666-eu-west-1",
            "audit-query-results-666666666666-eu-west-1",
            "network-compliance-logs-vault-999999999999-eu-central-1",
        ]);
        const workgroup = plan.resources.find((r) => r.type === "aws:athena/workgroup:Workgroup");
        expect(workgroup?.inputs.configuration).to.nested.include({ enforceWorkgroupConfiguration: true, "resultConfiguration.outputLocation": "s3://audit-query-results-666666666666-eu-west-1/" });
        expect(plan.outputs).to.include({ athenaDatabase: "audit_logs", athenaWorkgroup: "audit-logs" });
        const logging = plan.resources.find((r) => r.type === "aws:s3/bucketLogging:BucketLogging");
        expect(logging?.inputs).to.include({ targetBucket: "s3-access-logs-666666666666-eu-west-1", targetPrefix: "network-compliance-logs-666666666666-eu-west-1/" });
    });

    it("takes the account from the caller identity when the config has none", async () => {
        // A stack without accountId: the mocks answer getCallerIdentity from aws:allowedAccountIds, as credentials would.
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
        fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: audit-log-bucket\nruntime: nodejs\nstackConfigDir: stacks\n");
        fs.mkdirSync(path.join(root, "stacks"));
        fs.writeFileSync(path.join(root, "stacks", "Pulumi.sandbox.yaml"), 'config:\n  aws:region: ap-southeast-2\n  aws:allowedAccountIds: ["444444444444"]\n');
        const plan = await planStack({ root, stack: "sandbox", program: path.join(__dirname, "..", "index.ts") });
        expect(plan.outputs.bucketName).to.equal("network-compliance-logs-444444444444-ap-southeast-2");
    });
});
