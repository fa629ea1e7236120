import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NOW, PROD_BUCKET } from "../../support/fakeAws/accounts";
import { startFakeAws } from "../../support/fakeAws/server";
import type { FakeAccount } from "../../support/fakeAws/state";
import { TEST_ENV, VAULT_ROLE_NAME, prodAccount, prodVault } from "./support";
import { TS_LOADER, fixtureMaxAgeHours } from "../../support/toolProcess";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** The environment without any AWS setting of the machine running the tests. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "verify-home-"));
    return { ...env, HOME: home, AWS_CONFIG_FILE: path.join(home, "none"), AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"), AWS_EC2_METADATA_DISABLED: "true", ...extra };
}

/** Processes still alive that inherited `mark` in their environment: children the command left behind. */
function survivors(mark: string): number[] {
    return fs
        .readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
            try {
                return fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(mark);
            } catch {
                return false;
            }
        })
        .map(Number);
}

/** `npm run verify` as package.json runs it, asynchronously: the fake endpoint answers from this process. */
function verify(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string; survivors: number[] }> {
    const mark = `VERIFY_TEST_MARK=${process.pid}-${Math.random().toString(36).slice(2)}`;
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...TS_LOADER, path.join(ROOT, "tools", "verify.ts"), ...args], { cwd: ROOT, env: { ...env, VERIFY_TEST_MARK: mark.split("=")[1] } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const timer = setTimeout(() => child.kill("SIGKILL"), 60000);
        child.on("error", reject);
        child.on("close", (status) => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr, survivors: survivors(mark) });
        });
    });
}

async function withFake<T>(account: FakeAccount, use: (endpoint: string, served: () => number) => Promise<T>): Promise<T> {
    const fake = await startFakeAws(account);
    try {
        return await use(fake.endpoint, () => fake.requests.length);
    } finally {
        await fake.close();
    }
}

describe("npm run verify", function () {
    // Each case starts the command as its own process: ts-node, the plan and the pack, on a shared machine.
    this.timeout(120000);

    it("prints one JSON document and exits 0 for a compliant deployment and its vault, with AWS_ENDPOINT_URL standing in for the flag", async () => {
        const account = await prodAccount();
        await prodVault(account);
        const { status, stdout, stderr, survivors: left } = await withFake(account, (endpoint) =>
            verify(["--stack", "prod", "--json", "--max-age-hours", fixtureMaxAgeHours(NOW), "--vault-role-name", VAULT_ROLE_NAME], cleanEnv({ AWS_ACCESS_KEY_ID: TEST_ENV.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: TEST_ENV.AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL: endpoint })),
        );
        expect(status, stderr).to.equal(0);
        const document = JSON.parse(stdout);
        expect(Object.keys(document)).to.include.members(["stack", "bucket", "account", "region", "violations", "drift", "deliveries", "summary"]);
        expect(document).to.include({ stack: "prod", bucket: PROD_BUCKET, account: "222222222222", region: "us-east-1" });
        expect(document.drift).to.deep.equal([]);
        expect(document.summary).to.include({ mandatory: 0, drift: 0, deliveryFindings: 0, vaultFindings: 0, ok: true });
        expect(document.vault).to.include({ read: true, account: "555555555555", region: "us-west-2", role: `arn:aws:iam::555555555555:role/${VAULT_ROLE_NAME}` });
        expect(Object.keys(document.deliveries[0]).sort()).to.deep.equal(["account", "finding", "markerPresent", "newestAgeHours", "newestKey", "prefix", "service"]);
        expect(stderr).not.to.include("NodeVersionSupportWarning");
        expect(left, "processes the command left running").to.deep.equal([]);
    });

    it("exits 1 on drift and prints the setting, the expected and the live value", async () => {
        const account = await prodAccount((a) => (a.buckets[PROD_BUCKET].versioning = { Status: "Suspended" }));
        await prodVault(account);
        const { status, stdout } = await withFake(account, (endpoint) =>
            verify(["--stack", "prod", "--endpoint-url", endpoint, "--max-age-hours", fixtureMaxAgeHours(NOW), "--vault-role-name", VAULT_ROLE_NAME], cleanEnv({ AWS_ACCESS_KEY_ID: TEST_ENV.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: TEST_ENV.AWS_SECRET_ACCESS_KEY })),
        );
        expect(status, stdout).to.equal(1);
        expect(stdout).to.include(`${PROD_BUCKET} versioning.versioningConfiguration.status: expected Enabled, live Suspended`);
        expect(stdout).to.match(/\[mandatory\] s3-bucket-versioning-enabled/);
    });

    it("fails fast without credentials, says how to provide them, and never reaches the endpoint", async () => {
        const { status, stderr, served } = await withFake(await prodAccount(), async (endpoint, served) => ({ ...(await verify(["--stack", "prod", "--endpoint-url", endpoint], cleanEnv({}))), served: served() }));
        expect(status).to.equal(2);
        expect(stderr).to.include("no AWS credentials found").and.include("AWS_ACCESS_KEY_ID").and.include("AWS_PROFILE");
        expect(stderr).not.to.match(/\n\s+at /);
        expect(served).to.equal(0);
    });

    it("exits 2 with a JSON error when the bucket does not exist", async () => {
        const { status, stdout, survivors: left } = await withFake(await prodAccount((a) => (a.buckets = {})), (endpoint) =>
            verify(["--stack", "prod", "--json", "--endpoint-url", endpoint], cleanEnv({ AWS_ACCESS_KEY_ID: TEST_ENV.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: TEST_ENV.AWS_SECRET_ACCESS_KEY })),
        );
        expect(status).to.equal(2);
        expect(JSON.parse(stdout).error.message).to.include(`bucket ${PROD_BUCKET} does not exist`);
        expect(left, "processes the command left running").to.deep.equal([]);
    });

    const badInput: { args: string[]; says: string }[] = [
        { args: ["--json"], says: "--stack is required" },
        { args: ["--stack", "prod", "--max-age-hours", "soon"], says: '--max-age-hours "soon" must be a positive number' },
        { args: ["--stack", "staging"], says: 'no stack "staging"' },
        { args: ["--stack", "prod", "--endpoint-url", "localhost"], says: '--endpoint-url "localhost"' },
        { args: ["--stack", "prod", "--policy-config", "/nonexistent/policy.json"], says: "/nonexistent/policy.json" },
    ];
    for (const row of badInput) {
        it(`exits 2 on bad input: ${row.args.join(" ")}`, async () => {
            const { status, stdout, stderr } = await verify(row.args, cleanEnv({ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "x" }));
            expect(status).to.equal(2);
            expect(stdout + stderr).to.include(row.says);
        });
    }
});
