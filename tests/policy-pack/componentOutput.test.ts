import { expect } from "chai";
import * as fc from "fast-check";
import { validateArgs } from "../../components/validation";
import { THROWAWAY, args, componentResources, mandatory, partitionOf } from "./componentArgs";
import { inProcessVerdicts } from "./harness";

describe("the component's output under the pack, for any valid arguments", function () {
    this.timeout(240000);

    it("raises no mandatory violation, as deployed and in a preview, in all three partitions (in process)", async () => {
        const partitions = new Set<string>();
        await fc.assert(
            fc.asyncProperty(args, fc.boolean(), async (input, preview) => {
                fc.pre(validateArgs(input).length === 0);
                partitions.add(partitionOf(input.region));
                const resources = await componentResources(input, preview);
                const violations = inProcessVerdicts(resources, input.allowDeletion ? THROWAWAY : {});
                expect(mandatory(violations), JSON.stringify(input)).to.deep.equal([]);
                expect(violations.filter((v) => v.message.includes("can't run")), JSON.stringify(input)).to.deep.equal([]);
                // AWS-S3-600: every bucket the component creates blocks SSE-C, so the advisory never fires on it.
                expect(violations.filter((v) => v.policy === "audit-log-blocks-sse-c"), JSON.stringify(input)).to.deep.equal([]);
            }),
            { numRuns: 120 },
        );
        expect([...partitions].sort()).to.deep.equal(["aws", "aws-cn", "aws-us-gov"]);
    });

    it("reports the component's audit-log bucket once if its encryption stopped blocking SSE-C (AWS-S3-601)", async () => {
        const declared = await componentResources({ accountId: "123456789012", region: "us-east-1", encryption: "SSE_KMS" }, true);
        const ours = (resources: typeof declared) => inProcessVerdicts(resources).filter((v) => v.policy === "audit-log-blocks-sse-c").map((v) => v.message.split("\n")[1]);
        expect(ours(declared)).to.deep.equal([]);
        const resources = declared.map((resource) =>
            resource.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
                ? { ...resource, properties: { ...resource.properties, rules: (resource.properties.rules as Record<string, unknown>[]).map(({ blockedEncryptionTypes: _blocked, ...rule }) => rule) } }
                : resource,
        );
        expect(ours(resources)).to.deep.equal([
            `bucket "network-compliance-logs-123456789012-us-east-1" (logs-bucket) does not declare SSE-C blocked, so it depends on S3's default, which covers only buckets created since April 2026: set blockedEncryptionTypes: ["SSE-C"] on its default encryption rule.`,
        ]);
    });

});
