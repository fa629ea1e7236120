import { expect } from "chai";
import { validateArgs } from "../../components/validation";
import { ACCOUNT, REGION, ofType, registerComponent, single } from "../support/mocks";

const T = {
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    key: "aws:kms/key:Key",
    object: "aws:s3/bucketObjectv2:BucketObjectv2",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    table: "aws:glue/catalogTable:CatalogTable",
    query: "aws:athena/namedQuery:NamedQuery",
};

type Run = Awaited<ReturnType<typeof registerComponent>>;
// The audit-log bucket's own policy and key (Athena's results bucket has a policy of its own).
const sids = (run: Run, type: string, property: string): string[] =>
    JSON.parse(ofType(run, type).find((resource) => resource.name === (type === T.key ? "logs-key" : "logs-policy"))?.inputs[property] as string).Statement.map(
        (statement: { Sid: string }) => statement.Sid,
    );

describe("configDelivery", () => {
    const logArchive = { encryption: "SSE_KMS" as const, organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777", athena: {} };

    it("by default admits AWS Config in the bucket and key policies, marks its prefix and gives Athena its table", async () => {
        const run = await registerComponent(logArchive);
        expect(sids(run, T.policy, "policy")).to.include.members(["AWSConfigBucketDelivery", "AWSConfigOrganizationBucketDelivery"]);
        expect(sids(run, T.key, "policy")).to.include.members(["AllowConfigEncryptDeliveries", "AllowOrganizationConfigEncryptDeliveries"]);
        expect(ofType(run, T.object).map((marker) => marker.inputs.key)).to.include("config-logs/");
        expect(ofType(run, T.table).map((table) => table.inputs.name)).to.include("config_history");
        expect(ofType(run, T.query).map((query) => query.inputs.name)).to.have.length(5);
    });

    it("with false leaves out every Config statement, the Config prefix marker, the Config table and its query", async () => {
        const run = await registerComponent({ ...logArchive, configDelivery: false });
        expect(sids(run, T.policy, "policy").filter((sid) => sid.includes("Config"))).to.deep.equal([]);
        expect(sids(run, T.key, "policy").filter((sid) => sid.includes("Config"))).to.deep.equal([]);
        expect(sids(run, T.policy, "policy")).to.include("AWSCloudTrailOrganizationWrite");
        expect(ofType(run, T.object).map((marker) => marker.inputs.key)).to.deep.equal(["cloudtrail-logs/"]);
        expect(ofType(run, T.table).map((table) => table.inputs.name)).to.deep.equal(["cloudtrail_logs"]);
        expect(ofType(run, T.query).map((query) => String(query.inputs.query))).not.to.satisfy((queries: string[]) => queries.some((q) => q.includes("config_history")));
    });

    // AWS-CFG-200: only Config is refused; AWS-S3-200 and AWS-SSM-200: CloudTrail and Session Manager writers are not
    // documented as failing against a default retention, so a bucket without Config may keep Object Lock.
    it("lets a bucket without AWS Config keep Object Lock, Session Manager writers included (AWS-CFG-200, AWS-S3-200, AWS-SSM-200)", async () => {
        const args = { configDelivery: false, objectLockDays: 365, sessionManagerWriterArns: [`arn:aws:iam::${ACCOUNT}:role/ssm`] };
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, ...args })).to.deep.equal([]);
        const run = await registerComponent(args);
        expect(single(run, T.objectLock).inputs.rule).to.deep.equal({ defaultRetention: { mode: "GOVERNANCE", days: 365 } });
    });
});
