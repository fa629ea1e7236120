import { expect } from "chai";
import { UNKNOWN } from "../../../tools/offline/capture";
import { StackPlan, planStack } from "../../../tools/offline/plan";

function resource(plan: StackPlan, type: string) {
    const found = plan.resources.find((candidate) => candidate.type === type);
    if (!found) {
        throw new Error(`no ${type} in the plan`);
    }
    return found;
}

const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";

describe("the offline plan runs as a preview unless asked for as deployed", () => {
    let preview: StackPlan;
    let deployed: StackPlan;
    before(async () => {
        preview = await planStack({ stack: "prod" });
        deployed = await planStack({ stack: "prod", asDeployed: true });
    });

    it("leaves the created key's ARN unknown in the bucket's encryption settings, as the engine's sentinel", () => {
        const byDefault = (resource(preview, ENCRYPTION).inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[])[0].applyServerSideEncryptionByDefault;
        expect(byDefault.kmsMasterKeyId).to.equal(UNKNOWN);
    });

    it("computes the key's ARN as AWS would when as deployed", () => {
        const byDefault = (resource(deployed, ENCRYPTION).inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[])[0].applyServerSideEncryptionByDefault;
        expect(byDefault.kmsMasterKeyId).to.match(/^arn:aws:kms:us-east-1:222222222222:key\/[0-9a-f-]{36}$/);
    });

    it("gives created resources no id in a preview, and ids as deployed", () => {
        const custom = preview.resources.filter((candidate) => candidate.custom);
        expect(custom.length).to.be.greaterThan(10);
        expect(custom.map((candidate) => candidate.id)).to.deep.equal(custom.map(() => undefined));
        expect(resource(deployed, "aws:s3/bucket:Bucket").id).to.equal("network-compliance-logs-222222222222-us-east-1");
    });

    it("keeps what the program gave (the bucket name, policy documents) known in a preview", () => {
        expect(resource(preview, "aws:s3/bucket:Bucket").inputs.bucket).to.equal("network-compliance-logs-222222222222-us-east-1");
        const policy = resource(preview, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy as string;
        expect(JSON.parse(policy).Statement.length).to.be.greaterThan(3);
        expect(resource(preview, "aws:s3/bucket:Bucket").outputs).to.deep.include({ bucket: "network-compliance-logs-222222222222-us-east-1" });
    });

    it("leaves computed attributes out of a created resource's state in a preview", () => {
        const bucket = resource(preview, "aws:s3/bucket:Bucket").outputs;
        expect(bucket).not.to.have.any.keys("arn", "bucketDomainName", "tagsAll");
        expect(resource(deployed, "aws:s3/bucket:Bucket").outputs).to.include({ arn: "arn:aws:s3:::network-compliance-logs-222222222222-us-east-1" });
    });

    it("exports unknown stack outputs as the sentinel and known ones as values", () => {
        expect(preview.outputs.bucketArn).to.equal(UNKNOWN);
        expect(preview.outputs.kmsKeyArn).to.equal(UNKNOWN);
        expect(preview.outputs.bucketName).to.equal("network-compliance-logs-222222222222-us-east-1");
        expect(deployed.outputs.bucketArn).to.equal("arn:aws:s3:::network-compliance-logs-222222222222-us-east-1");
    });

    it("registers the same resources either way", () => {
        // The same set: registration order follows when each resource's inputs and dependencies resolve, which differs.
        expect(preview.resources.map((candidate) => candidate.urn).sort()).to.deep.equal(deployed.resources.map((candidate) => candidate.urn).sort());
    });
});
