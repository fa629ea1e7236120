import { expect } from "chai";
import { argsFromStackConfig } from "../../components/config";
import { ACCOUNT, REGION, registerComponent } from "../support/mocks";

describe("bucketNameSuffix", () => {
    it("names the bucket <namePrefix>-<account>-<region>-<suffix>, and its key alias and access-log prefix after it", async () => {
        const run = await registerComponent({ bucketNameSuffix: "v2", encryption: "SSE_KMS", createAccessLogBucket: true });
        const name = `network-compliance-logs-${ACCOUNT}-${REGION}-v2`;
        expect(run.resources.find((r) => r.name === "logs-bucket")?.inputs.bucket).to.equal(name);
        expect(run.resources.find((r) => r.name === "logs-key-alias")?.inputs.name).to.equal(`alias/${name}`);
        expect(run.resources.find((r) => r.name === "logs-access-logging")?.inputs.targetPrefix).to.equal(`${name}/`);
    });

    it("is read from audit-log-bucket:bucketNameSuffix", () => {
        const { args, problems } = argsFromStackConfig((key) => (key === "bucketNameSuffix" ? "v2" : undefined), "eu-west-1", "123456789012", { "audit-log-bucket:bucketNameSuffix": "v2" });
        expect(problems).to.deep.equal([]);
        expect(args.bucketNameSuffix).to.equal("v2");
    });
});
