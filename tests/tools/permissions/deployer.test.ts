import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT, StackPlan, planStack } from "../../../tools/offline/plan";
import { listStacks } from "../../../tools/stackConfig";
import { DEPLOYER_PERMISSIONS, PlannedResource, conditionHolds, deployerPermissionsList, requiredActions, typesWithoutRow } from "../../../tools/permissions/deployer";

const README = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const DOC = fs.readFileSync(path.join(REPO_ROOT, "docs", "aws-requirements.md"), "utf8");

/** The README's generated list, between its markers. */
function readmeList(text: string = README): string {
    const between = /<!-- deployer-permissions:start -->\n([\s\S]*?)\n {2}<!-- deployer-permissions:end -->/.exec(text)?.[1];
    if (between === undefined) {
        throw new Error("the README has no deployer-permissions markers");
    }
    return between;
}

/** The IAM actions a list names, in backquotes. */
function namedActions(list: string): Set<string> {
    return new Set([...list.matchAll(/`([a-z0-9-]+:[A-Za-z*]+)`/g)].map((match) => match[1]));
}

const missingFrom = (list: string, actions: readonly string[]): string[] => actions.filter((action) => !namedActions(list).has(action));

// The vault's resource types (issue 19): the table must know them before the vault plans them.
const VAULT_TYPES = ["aws:iam/role:Role", "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "aws:iam/rolePolicy:RolePolicy", "aws:cloudwatch/metricAlarm:MetricAlarm"];

describe("the deployer permissions (tools/permissions/deployer.ts)", function () {
    this.timeout(120000);
    const plans = new Map<string, StackPlan>();
    before(async () => {
        for (const stack of listStacks(REPO_ROOT)) {
            plans.set(stack, await planStack({ stack }));
        }
    });

    it("plans every shipped stack", () => {
        expect([...plans.keys()]).to.include.members(["dev", "log-archive", "prod"]);
    });

    it("has a row for every resource type a shipped stack plans, the Athena child's Glue and Athena resources included (AWS-PROV-601, AWS-PROV-606)", () => {
        for (const [stack, plan] of plans) {
            expect(typesWithoutRow(plan.resources), stack).to.deep.equal([]);
        }
        const planned = new Set([...plans.values()].flatMap((plan) => plan.resources.map((resource) => resource.type)));
        expect([...planned]).to.include.members(["aws:glue/catalogDatabase:CatalogDatabase", "aws:glue/catalogTable:CatalogTable", "aws:athena/workgroup:Workgroup", "aws:athena/namedQuery:NamedQuery"]);
    });

    it("has a row for each type the vault will plan: its role, role policy, replication and alarm (AWS-PROV-607)", () => {
        expect(typesWithoutRow(VAULT_TYPES.map((type) => ({ type, custom: true, inputs: {} })))).to.deep.equal([]);
    });

    it("fails on a planned type it has no row for, naming the type", () => {
        const plan: PlannedResource[] = [{ type: "aws:sns/topic:Topic", custom: true, inputs: {} }, { type: "audit-logs:index:AuditLogBucket", custom: false, inputs: {} }];
        expect(typesWithoutRow(plan)).to.deep.equal(["aws:sns/topic:Topic"]);
        expect(() => requiredActions(plan)).to.throw(/aws:sns\/topic:Topic/);
    });

    it("is what the README's list holds, exactly as generated", () => {
        expect(readmeList()).to.equal(deployerPermissionsList());
    });

    it("leaves out of the README no action a shipped stack's create, refresh, update or destroy needs", () => {
        for (const [stack, plan] of plans) {
            expect(missingFrom(readmeList(), requiredActions(plan.resources, { withDelete: true })), stack).to.deep.equal([]);
        }
    });

    it("asks for kms:GenerateDataKey where a prefix marker is uploaded to an SSE-KMS bucket, and only there (AWS-S3-604)", () => {
        const prod = plans.get("prod") as StackPlan;
        const dev = plans.get("dev") as StackPlan;
        expect(requiredActions(prod.resources)).to.include("kms:GenerateDataKey");
        expect(requiredActions(dev.resources)).to.not.include("kms:GenerateDataKey");
        // The README's old list lacked it: a list without it fails the check above.
        expect(missingFrom(readmeList().replace("`kms:GenerateDataKey`", ""), requiredActions(prod.resources))).to.deep.equal(["kms:GenerateDataKey"]);
    });

    it("asks for the Glue and Athena create calls where Athena is on (AWS-PROV-606)", () => {
        const actions = requiredActions((plans.get("log-archive") as StackPlan).resources);
        expect(actions).to.include.members(["glue:CreateDatabase", "glue:CreateTable", "athena:CreateWorkGroup", "athena:CreateNamedQuery"]);
        expect(requiredActions((plans.get("dev") as StackPlan).resources).filter((action) => /^(glue|athena):/.test(action))).to.deep.equal([]);
    });

    it("asks for replication, PassRole and the IAM calls for the vault's resources (AWS-PROV-607)", () => {
        const vault = VAULT_TYPES.map((type) => ({ type, custom: true, inputs: { tags: { purpose: "audit-logs" } } }));
        expect(requiredActions(vault)).to.include.members(["s3:PutReplicationConfiguration", "iam:PassRole", "iam:CreateRole", "iam:PutRolePolicy", "cloudwatch:PutMetricAlarm"]);
        expect(missingFrom(readmeList(), requiredActions(vault, { withDelete: true }))).to.deep.equal([]);
    });

    it("turns the calls of tags, Object Lock and force-destroy on from the planned inputs (AWS-PROV-602)", () => {
        const bucket = (inputs: Record<string, unknown>): PlannedResource => ({ type: "aws:s3/bucket:Bucket", custom: true, inputs: { bucket: "b", ...inputs } });
        expect(requiredActions([bucket({})])).to.not.include.members(["s3:TagResource"]);
        expect(requiredActions([bucket({ tags: { team: "sec" } })])).to.include.members(["s3:TagResource", "s3:ListTagsForResource"]);
        expect(requiredActions([bucket({ objectLockEnabled: true })])).to.include("s3:PutBucketObjectLockConfiguration");
        expect(requiredActions([bucket({ forceDestroy: true })], { withDelete: true })).to.include.members(["s3:DeleteBucket", "s3:ListBucketVersions", "s3:DeleteObjectVersion"]);
        expect(requiredActions([bucket({})], { withDelete: true })).to.not.include("s3:DeleteObjectVersion");
        expect(conditionHolds("inSseKmsBucket", { type: "aws:s3/bucketObjectv2:BucketObjectv2", custom: true, inputs: { bucket: "b" } }, [])).to.equal(false);
    });

    it("maps each S3 call to the IAM action that authorizes it, not to its own name (AWS-PROV-603, AWS-PROV-604)", () => {
        const calls = DEPLOYER_PERMISSIONS.flatMap((row) => [...row.create, ...row.read, ...row.delete]);
        const actionOf = (api: string) => [...new Set(calls.filter((call) => call.api === api).map((call) => call.action))];
        expect(actionOf("HeadBucket")).to.deep.equal(["s3:ListBucket"]);
        expect(actionOf("PutBucketEncryption")).to.deep.equal(["s3:PutEncryptionConfiguration"]);
        expect(actionOf("DeleteBucketEncryption")).to.deep.equal(["s3:PutEncryptionConfiguration"]);
        expect(actionOf("GetObjectLockConfiguration")).to.deep.equal(["s3:GetBucketObjectLockConfiguration"]);
        expect(actionOf("PutBucketLifecycleConfiguration")).to.deep.equal(["s3:PutLifecycleConfiguration"]);
    });

    it("reads the key's create, read and delete calls from the provider's key.go (AWS-PROV-605)", () => {
        const key = DEPLOYER_PERMISSIONS.find((row) => row.type === "aws:kms/key:Key");
        expect(key?.create.map((call) => call.action)).to.include.members(["kms:CreateKey", "kms:EnableKeyRotation"]);
        expect(key?.read.map((call) => call.action)).to.deep.equal(["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"]);
        expect(key?.delete.map((call) => call.action)).to.include("kms:ScheduleKeyDeletion");
    });

    it("names for each row a provider source file and an entry of docs/aws-requirements.md (AWS-PROV-600)", () => {
        for (const row of DEPLOYER_PERMISSIONS) {
            expect(row.source, row.type).to.match(/^internal\/(service\/[a-z0-9]+|provider)\/[a-z_]+\.go$/);
            expect(DOC, row.type).to.include(`### ${row.fact}: `);
            expect([...row.create, ...row.read].length, row.type).to.be.greaterThan(0);
        }
    });
});
