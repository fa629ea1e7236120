import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_PACK_DIR, ensurePackBuilt } from "../../../tools/policy/packDir";
import { spawnPack } from "../../../tools/policy/spawnPack";
import { deliveryScopeOfPolicy, inspectBucket, runVerifyBucket } from "../../../tools/verify/run";
import { NOW, PROD_ACCOUNT, PROD_BUCKET, PROD_ORG, compliantProdAccount } from "../../support/fakeAws/accounts";
import { startFakeAws } from "../../support/fakeAws/server";
import type { FakeAccount } from "../../support/fakeAws/state";
import { TS_LOADER, fixtureMaxAgeHours } from "../../support/toolProcess";
import { TEST_ENV, prodAccount, useTestEnv } from "./support";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const EXPORT = path.join(ROOT, "examples", "stack-export.prod.json");

interface ExportedResource {
    type: string;
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

/** The account the example export describes: its bucket and key policies, and its key's id and ARN. */
function exportedAccount(edit: (account: FakeAccount) => void = () => undefined): FakeAccount {
    const resources = JSON.parse(fs.readFileSync(EXPORT, "utf8")).deployment.resources as ExportedResource[];
    const of = (type: string): ExportedResource => resources.find((resource) => resource.type === type) as ExportedResource;
    const key = of("aws:kms/key:Key");
    const account = compliantProdAccount({ bucketPolicy: of("aws:s3/bucketPolicy:BucketPolicy").inputs.policy as string, keyPolicy: key.inputs.policy as string });
    const arn = key.outputs.arn as string;
    const keyId = (key.outputs.keyId ?? key.id) as string;
    account.keys[0].metadata = { ...account.keys[0].metadata, Arn: arn, KeyId: keyId };
    account.aliases = { [`alias/${PROD_BUCKET}`]: keyId };
    account.buckets[PROD_BUCKET].encryption = { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: arn }, BucketKeyEnabled: true, BlockedEncryptionTypes: { EncryptionType: ["SSE-C"] } } };
    edit(account);
    return account;
}

async function withFake<T>(account: FakeAccount, use: (endpoint: string) => Promise<T>): Promise<T> {
    const fake = await startFakeAws(account);
    try {
        return await use(fake.endpoint);
    } finally {
        await fake.close();
    }
}

describe("verify --bucket: one bucket of any program, without a stack plan", () => {
    useTestEnv();

    it("reads the bucket alone: no drift, and the CloudTrail and Config deliveries its bucket policy admits (organization path included)", async () => {
        const inspection = await withFake(await prodAccount(), (endpoint) => inspectBucket({ bucket: PROD_BUCKET, region: "us-east-1", endpoint, now: NOW }));
        expect(inspection.document).to.include({ bucket: PROD_BUCKET, account: PROD_ACCOUNT, region: "us-east-1" });
        expect(inspection.document.buckets).to.deep.equal([PROD_BUCKET]);
        expect(inspection.document.drift).to.deep.equal([]);
        expect(inspection.document.deliveries.map((delivery) => [delivery.service, delivery.prefix, delivery.account, delivery.finding])).to.deep.equal([
            ["cloudTrail", "cloudtrail-logs/", PROD_ACCOUNT, null],
            ["config", "config-logs/", PROD_ACCOUNT, null],
        ]);
        expect(inspection.document.deliveries[0].newestKey).to.include(`AWSLogs/${PROD_ORG}/${PROD_ACCOUNT}/CloudTrail/`);
        // The key the bucket encrypts with is read, so the pack judges it too.
        expect(inspection.live.keys.map((key) => key.arn)).to.have.length(1);
    });

    it("finds a delivery that stopped, with no plan to name the prefix", async () => {
        const account = await prodAccount((a) => (a.buckets[PROD_BUCKET].objects = a.buckets[PROD_BUCKET].objects.filter((object) => !object.key.includes("/Config/"))));
        const inspection = await withFake(account, (endpoint) => inspectBucket({ bucket: PROD_BUCKET, region: "us-east-1", endpoint, now: NOW }));
        expect(inspection.document.deliveries.find((delivery) => delivery.service === "config")?.finding).to.include(`no Config delivery for account ${PROD_ACCOUNT}`);
    });

    it("measures drift against --state: none when AWS holds what the export says, the setting when it does not", async () => {
        const clean = await withFake(exportedAccount(), (endpoint) => inspectBucket({ bucket: PROD_BUCKET, state: EXPORT, endpoint, now: NOW }));
        expect(clean.document).to.include({ stack: "prod", region: "us-east-1" });
        expect(clean.document.drift).to.deep.equal([]);
        expect(clean.document.deliveries.map((delivery) => delivery.prefix)).to.deep.equal(["cloudtrail-logs/", "config-logs/", "ssm-logs/", "securityhub-findings/"]);
        expect(clean.document.deliveries.every((delivery) => delivery.finding === null)).to.equal(true);
        const drifted = await withFake(exportedAccount((a) => (a.buckets[PROD_BUCKET].versioning = { Status: "Suspended" })), (endpoint) => inspectBucket({ bucket: PROD_BUCKET, state: EXPORT, endpoint, now: NOW }));
        expect(drifted.document.drift).to.deep.include({ bucket: PROD_BUCKET, setting: "versioning.versioningConfiguration.status", expected: "Enabled", actual: "Suspended" });
    });

    it("measures drift against --program <dir> --stack <s>: the program's plan", async () => {
        const inspection = await withFake(await prodAccount((a) => (a.buckets[PROD_BUCKET].versioning = { Status: "Suspended" })), (endpoint) =>
            inspectBucket({ bucket: PROD_BUCKET, program: { root: ROOT, stack: "prod" }, endpoint, now: NOW }),
        );
        expect(inspection.document.stack).to.equal("prod");
        expect(inspection.document.drift).to.deep.equal([{ bucket: PROD_BUCKET, setting: "versioning.versioningConfiguration.status", expected: "Enabled", actual: "Suspended" }]);
    });

    it("refuses a bucket the export does not hold, naming the ones it does", async () => {
        const failure = await withFake(exportedAccount(), (endpoint) => inspectBucket({ bucket: "someone-elses-bucket", state: EXPORT, endpoint, now: NOW })).catch((error: Error) => error);
        expect((failure as Error).message).to.include("has no bucket someone-elses-bucket").and.include(PROD_BUCKET);
    });

    it("judges the live bucket with the pack: a mandatory violation makes it not ok, and the pack is stopped", async () => {
        ensurePackBuilt(PROJECT_PACK_DIR);
        const pack = spawnPack(PROJECT_PACK_DIR);
        const account = await prodAccount((a) => (a.buckets[PROD_BUCKET].versioning = { Status: "Suspended" }));
        const document = await withFake(account, (endpoint) => runVerifyBucket({ bucket: PROD_BUCKET, region: "us-east-1", endpoint, now: NOW, pack }));
        expect(document.violations.map((violation) => violation.policy)).to.include("s3-bucket-versioning-enabled");
        expect(document.summary).to.include({ drift: 0, ok: false });
        expect(pack.child.exitCode !== null || pack.child.signalCode !== null || pack.child.killed).to.equal(true);
    });

    it("reads the CloudTrail and Config scope from a policy: prefixes, accounts and the organization", () => {
        const policy = JSON.stringify({
            Statement: [
                { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: ["arn:aws:s3:::b/trail/AWSLogs/111111111111/*", "arn:aws:s3:::b/trail/AWSLogs/o-abc123/*"] },
                { Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["s3:PutObject"], Resource: "arn:aws:s3:::b/AWSLogs/222222222222/Config/*" },
                { Effect: "Deny", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::b/denied/AWSLogs/333333333333/*" },
                { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::other/AWSLogs/444444444444/*" },
            ],
        });
        expect(deliveryScopeOfPolicy(policy, "b")).to.deep.equal({
            prefixes: [
                { service: "cloudTrail", prefix: "trail/" },
                { service: "config", prefix: "" },
            ],
            accounts: ["111111111111", "222222222222"],
            organizationId: "o-abc123",
        });
        expect(deliveryScopeOfPolicy(undefined, "b")).to.deep.equal({ prefixes: [], accounts: [], organizationId: undefined });
    });
});

/** The environment without any AWS setting of the machine running the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "verify-bucket-home-"));
    return { ...env, HOME: home, AWS_CONFIG_FILE: path.join(home, "none"), AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"), AWS_EC2_METADATA_DISABLED: "true", AWS_ACCESS_KEY_ID: TEST_ENV.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: TEST_ENV.AWS_SECRET_ACCESS_KEY, ...extra };
}

/** `audit-log-bucket verify ...` through the package's bin (or another command), stdout read through a pipe. */
function bin(args: string[], env: NodeJS.ProcessEnv, command: readonly string[] = [path.join(ROOT, "bin", "audit-log-bucket.js"), "verify"]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...command, ...args], { cwd: ROOT, env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const timer = setTimeout(() => child.kill("SIGKILL"), 90000);
        child.on("error", reject);
        child.on("close", (status) => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr });
        });
    });
}

describe("audit-log-bucket verify --bucket", function () {
    // Each case starts the command as its own process: Node, the transpile cache and the pack, on a shared machine.
    this.timeout(120000);

    it("passes --bucket with --state examples/stack-export.prod.json through: one JSON document, exit 0", async () => {
        const { status, stdout, stderr } = await withFake(exportedAccount(), (endpoint) => bin(["--bucket", PROD_BUCKET, "--state", "examples/stack-export.prod.json", "--endpoint-url", endpoint, "--max-age-hours", fixtureMaxAgeHours(NOW), "--json"], cleanEnv()));
        expect(status, stderr).to.equal(0);
        const document = JSON.parse(stdout);
        expect(document).to.include({ stack: "prod", bucket: PROD_BUCKET, account: PROD_ACCOUNT, region: "us-east-1" });
        expect(document.summary).to.include({ mandatory: 0, drift: 0, deliveryFindings: 0, ok: true });
    });

    it("exits 1 with the violation named when the live bucket breaks a mandatory rule", async () => {
        const account = await prodAccount((a) => (a.buckets[PROD_BUCKET].versioning = { Status: "Suspended" }));
        const { status, stdout } = await withFake(account, (endpoint) => bin(["--bucket", PROD_BUCKET, "--endpoint-url", endpoint, "--max-age-hours", fixtureMaxAgeHours(NOW)], cleanEnv({ AWS_REGION: "us-east-1" })));
        expect(status, stdout).to.equal(1);
        expect(stdout).to.match(/\[mandatory\] s3-bucket-versioning-enabled/);
    });

    const badInput: { args: string[]; says: string }[] = [
        { args: ["--bucket", "Not_A_Bucket"], says: '--bucket "Not_A_Bucket" is not a bucket name' },
        { args: ["--bucket", "audit-logs", "--state", EXPORT, "--program", "."], says: "--state and --program both" },
        { args: ["--bucket", "audit-logs", "--program", "."], says: "--program . needs --stack" },
        { args: ["--bucket", "audit-logs", "--stack", "prod"], says: "--stack prod with --bucket needs --program" },
        { args: ["--bucket", "audit-logs", "--all"], says: "--bucket verifies one bucket: leave out --all" },
        { args: ["--bucket", "audit-logs", "--region", "mars"], says: '--region "mars" is not a region name' },
        { args: ["--bucket", "audit-logs", "--state", "/nonexistent/export.json"], says: "cannot read /nonexistent/export.json" },
        { args: ["--bucket", "audit-logs", "--program", os.tmpdir(), "--stack", "prod"], says: "is not a Pulumi program" },
        { args: ["--state", EXPORT], says: "--state goes with --bucket <name>" },
        { args: ["--bucket", "audit-logs", "--endpoint-url", "http://127.0.0.1:9"], says: "no region for bucket audit-logs: give --region" },
    ];
    for (const row of badInput) {
        // The tool itself, as the bin runs it but without the pack's early start: bad input never needs the pack.
        it(`exits 2 with the problem named: ${row.args.map((arg) => arg.replace(ROOT, ".")).join(" ")}`, async () => {
            const { status, stdout, stderr } = await bin(row.args, cleanEnv(), [...TS_LOADER, path.join(ROOT, "tools", "verify.ts")]);
            expect(status, stdout + stderr).to.equal(2);
            expect(stdout + stderr).to.include(row.says);
        });
    }
});
