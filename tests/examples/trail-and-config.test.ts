import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { planStack } from "../../tools/offline/plan";
import { analyzerResource } from "../../tools/policy/fromPlan";
import { inProcessVerdicts } from "../policy-pack/harness";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "trail-and-config");

describe("the example consumer: a trail and a Config delivery channel", () => {
    it("runs offline with the command the README documents, listing what it would create", () => {
        // npm run example, from the repository root.
        const result = spawnSync("npm", ["run", "-s", "example"], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stdout).to.match(/\+ aws:cloudtrail\/trail:Trail\s+trail/);
        expect(result.stdout).to.match(/\+ aws:s3\/bucket:Bucket\s+audit-logs-bucket\s+\[protect,retainOnDelete\]/);
        expect(result.stdout).to.match(/\+ \d+ to create/);
    });

    it("wires the trail and the channel to the component's bucket, prefixes and key", async () => {
        const plan = await planStack({ root: EXAMPLE, stack: "example", asDeployed: true });
        const find = (type: string) => plan.resources.find((resource) => resource.type === type);
        const bucket = find("aws:s3/bucket:Bucket");
        const key = find("aws:kms/key:Key");
        const trail = find("aws:cloudtrail/trail:Trail");
        const channel = find("aws:cfg/deliveryChannel:DeliveryChannel");
        expect(bucket?.inputs.bucket).to.equal("network-compliance-logs-555555555555-eu-central-1");
        expect(trail?.inputs).to.include({ s3BucketName: bucket?.inputs.bucket, s3KeyPrefix: "cloudtrail-logs", kmsKeyId: key?.outputs.arn, isMultiRegionTrail: true });
        expect(channel?.inputs).to.include({ s3BucketName: bucket?.inputs.bucket, s3KeyPrefix: "config-logs", s3KmsKeyArn: key?.outputs.arn });
        // The trail is created after the bucket policy and key policy that admit it.
        const policy = find("aws:s3/bucketPolicy:BucketPolicy");
        expect(trail?.dependsOn).to.include.members([policy?.urn, key?.urn]);
        const statements = JSON.parse(policy?.inputs.policy as string).Statement;
        const write = statements.find((s: { Sid: string }) => s.Sid === "AWSCloudTrailWrite");
        expect(write.Condition.StringEquals["aws:SourceArn"]).to.equal(trail?.outputs.arn);
        expect(plan.outputs.trailArn).to.equal("arn:aws:cloudtrail:eu-central-1:555555555555:trail/management-events");
        // AWS-CT-005: Bucket Key is on, so CreateTrail needs kms:Decrypt for this trail; AWS-CT-004 the data keys.
        const keyStatements = JSON.parse(key?.inputs.policy as string).Statement as { Sid: string; Action: string; Condition: Record<string, Record<string, unknown>> }[];
        const bySid = (sid: string) => keyStatements.find((s) => s.Sid === sid);
        expect(bySid("AllowCloudTrailDecryptWithBucketKey")).to.deep.include({ Action: "kms:Decrypt", Condition: { StringEquals: { "aws:SourceArn": trail?.outputs.arn } } });
        expect(bySid("AllowCloudTrailEncryptLogs")?.Condition).to.deep.equal({
            StringEquals: { "aws:SourceArn": trail?.outputs.arn },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trail?.outputs.arn },
        });
        expect(bySid("AllowCloudTrailDescribeKey")?.Condition).to.deep.equal({ StringEquals: { "aws:SourceArn": trail?.outputs.arn } });
        expect(bySid("AllowConfigEncryptDeliveries")?.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": "555555555555" } });
        const encryption = find("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
        expect((encryption?.inputs.rules as { bucketKeyEnabled?: boolean }[])[0].bucketKeyEnabled).to.equal(true);
        expect(inProcessVerdicts(plan.resources.map(analyzerResource)).filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
    });
});
