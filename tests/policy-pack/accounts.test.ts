import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import { partitionOfRegion, whereDeployed } from "../../policy-pack/lib/accounts";
import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { resource } from "../support/fixtures";
import { TS_LOADER } from "../support/toolProcess";
import { PackProcess, inProcessVerdicts, key } from "./harness";
import { ACCOUNT, AUDIT, KEY_ARN, PLAIN, UNKNOWN, compliantKey, compliantSpec, render, renderKey, tlsDeny } from "./styles";

const ROOT = path.resolve(__dirname, "..", "..");
const OTHER = "999999999999";
const POLICY = "s3-policy-no-cross-account-admin";
const PROVIDER = "urn:pulumi:test::fixtures::pulumi:providers:aws::default";
const SECOND = "urn:pulumi:test::fixtures::pulumi:providers:aws::second";

/** A bucket whose policy lets another account's root replace it and delete log versions. */
function grantingBucket(name: string, change: Parameters<typeof compliantSpec>[1] = {}): AnalyzerResource[] {
    const grant = { Sid: "Takeover", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ["s3:PutBucketPolicy", "s3:DeleteObjectVersion"], Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`] };
    return render(compliantSpec(name, { statements: [tlsDeny(name), grant], ...change }), "v7 split resources");
}

const onProvider = (resources: AnalyzerResource[], provider = PROVIDER): AnalyzerResource[] => resources.map((r) => ({ ...r, provider: `${provider}::id` }));
const providerResource = (urn: string, properties: Record<string, unknown> = {}): AnalyzerResource => ({ urn, type: "pulumi:providers:aws", name: urn.split("::").pop() as string, properties, dependencies: [] });

/** An audit-log bucket encrypted with the stack's key, named by its ARN, as in a state export or an existing stack. */
function keyedBucket(name: string, keyProvider = PROVIDER, keyArnKnown = true): AnalyzerResource[] {
    const [keyResource] = renderKey(compliantKey("logs-key"), "aws.kms.Key");
    const created = { ...keyResource, provider: `${keyProvider}::id`, properties: { ...keyResource.properties, ...(keyArnKnown ? { arn: KEY_ARN } : {}) } };
    return [created, ...onProvider(grantingBucket(name, { encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: true, keyUrn: keyResource.urn } }))];
}

const verdicts = (resources: AnalyzerResource[]): string[] =>
    inProcessVerdicts([providerResource(PROVIDER), providerResource(SECOND), ...resources])
        .filter((v) => v.policy === POLICY)
        .map((v) => `${v.enforcementLevel}: ${v.message.split("\n").pop()}`);

describe("the bucket's account, learnt from the stack when neither accountIds nor allowedAccountIds gives it", () => {
    const ROWS: [string, AnalyzerResource[], RegExp][] = [
        ["the ARN of a key of the same provider", keyedBucket(PLAIN), /^mandatory: statement Takeover of .* grants s3:PutBucketPolicy, s3:DeleteObjectVersion to arn:aws:iam::999999999999:root of account 999999999999, outside the bucket's account \(123456789012, from the ARN of logs-key\)/],
        ["the ARN the bucket's encryption names for a key of the stack and of the same provider", keyedBucket(PLAIN, PROVIDER, false), /^mandatory: .*outside the bucket's account \(123456789012, from the ARN of key logs-key\)/],
        [
            "the account public access block of the same provider",
            [...onProvider(grantingBucket(PLAIN)), ...onProvider([resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account-block", { accountId: ACCOUNT, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true })])],
            /^mandatory: .*outside the bucket's account \(123456789012, from the account public access block account-block\)/,
        ],
        ["the component's bucket naming, network-compliance-logs-<account>-<region>", onProvider(grantingBucket(AUDIT)), /^mandatory: .*outside the bucket's account \(123456789012, from the name of network-compliance-logs-123456789012-us-east-1-bucket\)/],
        ["the ARN of another resource of the same provider", [...onProvider(grantingBucket(PLAIN)), ...onProvider([resource("aws:sns/topic:Topic", "alerts", { arn: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts` })])], /^mandatory: .*\(123456789012, from the ARN of alerts\)/],
        ["the default provider of both (no provider named)", [...grantingBucket(PLAIN), resource("aws:sns/topic:Topic", "alerts", { arn: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts` })], /^mandatory: .*\(123456789012, from the ARN of alerts\)/],
    ];
    for (const [what, resources, expected] of ROWS) {
        it(`is ${what}: a cross-account admin grant is mandatory`, () => {
            const found = verdicts(resources);
            expect(found, found.join("\n")).to.have.length(1);
            expect(found[0]).to.match(expected);
        });
    }

    const UNDECIDED: [string, AnalyzerResource[]][] = [
        ["a key of another provider", keyedBucket(PLAIN, SECOND)],
        ["a key of another provider that the encryption names", keyedBucket(PLAIN, SECOND, false)],
        ["a resource of another provider", [...onProvider(grantingBucket(PLAIN)), ...onProvider([resource("aws:sns/topic:Topic", "alerts", { arn: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts` })], SECOND)]],
        ["two accounts shown for one provider", [...onProvider(grantingBucket(PLAIN)), ...onProvider([resource("aws:sns/topic:Topic", "a", { arn: `arn:aws:sns:us-east-1:${ACCOUNT}:a` }), resource("aws:sns/topic:Topic", "b", { arn: `arn:aws:sns:us-east-1:${OTHER}:b` })])]],
        ["an ARN not known yet", [...onProvider(grantingBucket(PLAIN)), ...onProvider([resource("aws:sns/topic:Topic", "alerts", { arn: UNKNOWN })])]],
        ["a bucket named like the component's but for no region", onProvider(grantingBucket(`network-compliance-logs-${ACCOUNT}-logs`))],
        ["a key ARN naming a key outside the stack", onProvider(grantingBucket(PLAIN))],
        ["an account public access block without a known account", [...onProvider(grantingBucket(PLAIN)), ...onProvider([resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account-block", { accountId: UNKNOWN })])]],
    ];
    for (const [what, resources] of UNDECIDED) {
        it(`is not learnt from ${what}: the grant waits, advisory`, () => {
            expect(verdicts(resources)).to.deep.equal([
                `advisory: not decided until \`pulumi up\`: statement Takeover of bucket "${resources.find((r) => r.type === "aws:s3/bucket:Bucket")?.properties.bucket}" (${resources.find((r) => r.type === "aws:s3/bucket:Bucket")?.name}) grants s3:PutBucketPolicy, s3:DeleteObjectVersion to arn:aws:iam::999999999999:root; the bucket's own account is not known: set the provider's allowedAccountIds or this policy's accountIds (the stack shows no single account for its provider).`,
            ]);
        });
    }

    it("takes the provider's allowedAccountIds over what the stack shows", () => {
        const resources = [providerResource(PROVIDER, { allowedAccountIds: JSON.stringify([OTHER]) }), ...keyedBucket(PLAIN)];
        expect(inProcessVerdicts(resources).filter((v) => v.policy === POLICY)).to.deep.equal([]);
    });

    it("gives the same verdicts over the Analyzer protocol, the real pack as its own process", async function () {
        this.timeout(120000);
        const pack = await PackProcess.start();
        try {
            for (const resources of [keyedBucket(PLAIN), onProvider(grantingBucket(AUDIT)), onProvider(grantingBucket(PLAIN))]) {
                const all = [providerResource(PROVIDER), ...resources];
                expect((await pack.verdicts(all)).map(key).sort()).to.deep.equal(inProcessVerdicts(all).map(key).sort());
            }
        } finally {
            pack.close();
        }
    });

    it("is learnt in a state export too: npm run audit fails the grant, reading the key's ARN from its outputs", () => {
        const resources = keyedBucket(PLAIN);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-"));
        const file = path.join(dir, "state.json");
        const exported = resources.map((r) => {
            const { arn, ...inputs } = r.properties as Record<string, unknown>;
            return { urn: r.urn, type: r.type, inputs, outputs: arn === undefined ? {} : { arn }, provider: r.provider, propertyDependencies: r.propertyDependencies ?? {} };
        });
        fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources: exported } }));
        const result = spawnSync(process.execPath, [...TS_LOADER, path.join(ROOT, "tools", "audit.ts"), "--state", file, "--json"], { cwd: ROOT, encoding: "utf8", timeout: 120000 });
        fs.rmSync(dir, { recursive: true, force: true });
        const report = JSON.parse(result.stdout) as { violations: { policy: string; enforcementLevel: string; message: string }[] };
        const raised = report.violations.filter((v) => v.policy === POLICY);
        expect(raised.map((v) => v.enforcementLevel), result.stdout).to.deep.equal(["mandatory"]);
        expect(raised[0].message).to.include("outside the bucket's account (123456789012, from the ARN of logs-key)");
        expect(result.status).to.not.equal(0);
    });
});

describe("whereDeployed: the account, region and partition of a resource, as the stack shows them", () => {
    const PROVIDED = "urn:pulumi:test::fixtures::pulumi:providers:aws::default";
    /** A resource as @pulumi/policy hands it to a stack policy, on the provider whose props are given. */
    const on = (type: string, name: string, props: Record<string, unknown>, provider: Record<string, unknown> | undefined = {}): PolicyResource =>
        ({ type, name, urn: `urn:pulumi:test::fixtures::${type}::${name}`, props, opts: {}, dependencies: [], propertyDependencies: {}, ...(provider ? { provider: { type: "pulumi:providers:aws", urn: PROVIDED, name: "default", props: provider } } : {}) }) as unknown as PolicyResource;
    const bucket = (provider?: Record<string, unknown>, props: Record<string, unknown> = { bucket: "plain-logs" }) => on("aws:s3/bucket:Bucket", "logs", props, provider);

    const PARTITIONS: [string, string][] = [
        ["us-east-1", "aws"],
        ["cn-north-1", "aws-cn"],
        ["us-gov-west-1", "aws-us-gov"],
        ["eu-cn-1", "aws"],
        ["us-govx-1", "aws"],
    ];
    for (const [region, partition] of PARTITIONS) {
        it(`puts ${region} in partition ${partition}`, () => {
            expect(partitionOfRegion(region)).to.equal(partition);
        });
    }

    it("takes the pack's accountIds first, as a copy, and the resource's own region over its provider's", () => {
        const configured = ["111111111111", "222222222222"];
        const where = whereDeployed(on("aws:s3/bucket:Bucket", "logs", { bucket: "x", region: "cn-north-1" }, { region: "us-east-1", allowedAccountIds: [OTHER] }), [], configured);
        expect(where).to.deep.equal({ region: "cn-north-1", partition: "aws-cn", accounts: configured, accountsFrom: "the policy's accountIds" });
        expect(where.accounts).not.to.equal(configured);
    });

    const ALLOWED: [string, unknown, string[]][] = [
        ["a JSON list, as @pulumi/policy hands provider config over", JSON.stringify(["111111111111", "222222222222"]), ["111111111111", "222222222222"]],
        ["a list", ["111111111111"], ["111111111111"]],
        ["one account as a plain string", "111111111111", ["111111111111"]],
        ["a JSON value that is not a list", "111111111111.0", []],
        ["entries that are not 12-digit accounts, left out", ["1111", 111111111111, "111111111111"], ["111111111111"]],
    ];
    for (const [what, allowedAccountIds, accounts] of ALLOWED) {
        it(`reads the provider's allowedAccountIds given as ${what}`, () => {
            const where = whereDeployed(bucket({ region: "us-east-1", allowedAccountIds }), []);
            expect(where.accounts).to.deep.equal(accounts);
            expect(where.accountsFrom).to.equal(accounts.length > 0 ? "the provider's allowedAccountIds" : undefined);
        });
    }

    it("does not read allowedAccountIds not known yet, and falls back to the stack's evidence", () => {
        const self = bucket({ allowedAccountIds: UNKNOWN });
        const topic = on("aws:sns/topic:Topic", "alerts", { arn: `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts` });
        expect(whereDeployed(self, [self, topic])).to.deep.equal({ region: "eu-west-1", partition: "aws", accounts: [ACCOUNT], accountsFrom: "the ARN of alerts" });
    });

    it("learns the partition from an ARN without a region, and no region from it", () => {
        const self = bucket({});
        const role = on("aws:iam/role:Role", "deploy", { arn: `arn:aws-us-gov:iam::${ACCOUNT}:role/deploy` });
        expect(whereDeployed(self, [self, role])).to.deep.equal({ region: undefined, partition: "aws-us-gov", accounts: [ACCOUNT], accountsFrom: "the ARN of deploy" });
    });

    it("learns account, region and partition from the component's bucket naming, by bucket or bucketName", () => {
        for (const props of [{ bucket: `network-compliance-logs-${ACCOUNT}-us-gov-west-1` }, { bucketName: `network-compliance-logs-${ACCOUNT}-cn-north-1` }]) {
            const self = bucket({}, props);
            const where = whereDeployed(self, [self]);
            expect(where.accounts).to.deep.equal([ACCOUNT]);
            expect([where.region, where.partition]).to.deep.equal(props.bucket ? ["us-gov-west-1", "aws-us-gov"] : ["cn-north-1", "aws-cn"]);
        }
    });

    it("reads the account public access block's accountId only from that resource type", () => {
        const self = bucket({});
        const block = on("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "block", { accountId: ACCOUNT });
        const other = on("aws:sns/topic:Topic", "t", { accountId: ACCOUNT });
        expect(whereDeployed(self, [self, block]).accountsFrom).to.equal("the account public access block block");
        expect(whereDeployed(self, [self, other]).accounts).to.deep.equal([]);
        expect(whereDeployed(self, [self, on("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "bad", { accountId: "12" })]).accounts).to.deep.equal([]);
    });

    it("shows no account when the evidence names two, but keeps the region it shows", () => {
        const self = bucket({});
        const a = on("aws:sns/topic:Topic", "a", { arn: `arn:aws:sns:eu-west-1:${ACCOUNT}:a` });
        const b = on("aws:sns/topic:Topic", "b", { arn: `arn:aws:sns:eu-west-1:${OTHER}:b` });
        expect(whereDeployed(self, [self, a, b])).to.deep.equal({ region: "eu-west-1", partition: "aws", accounts: [] });
        expect(whereDeployed(self, [self, a, a])).to.deep.equal({ region: "eu-west-1", partition: "aws", accounts: [ACCOUNT], accountsFrom: "the ARN of a" });
    });

    it("shows nothing for a resource alone with no evidence", () => {
        expect(whereDeployed(bucket(undefined), [])).to.deep.equal({ region: undefined, partition: undefined, accounts: [] });
    });
});
