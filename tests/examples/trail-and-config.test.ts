import { expect } from "chai";
import * as path from "path";
import { planStack } from "../../tools/offline/plan";
import { analyzerResource } from "../../tools/policy/fromPlan";
import { inProcessVerdicts } from "../support/inProcessPack";

describe("the example consumer: a trail and a Config delivery channel", () => {
    it("wires the trail and the channel to the component's bucket, prefixes and key", async () => {
        const plan = await planStack({ root: path.join(__dirname, "..", "..", "examples", "trail-and-config"), stack: "example" });
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
        expect(inProcessVerdicts(plan.resources.map(analyzerResource)).filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
    });
});
