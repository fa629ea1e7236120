import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NOW, PROD_ACCOUNT, PROD_BUCKET, PROD_ORG } from "../../support/fakeAws/accounts";
import { PROD_VAULT_BUCKET } from "../../support/fakeAws/vault";
import { startFakeAws } from "../../support/fakeAws/server";
import type { FakeAccount } from "../../support/fakeAws/state";
import { TrailWriter } from "../../support/fakeAws/trailFiles";
import { planStack } from "../../../tools/offline/plan";
import { stackIamPolicy } from "../../../tools/verify/integrity/policy";
import { VAULT_ROLE_NAME, prodAccount, prodVault, relabel } from "./support";
import { trailKeys } from "./integritySupport";
import { TS_LOADER, fixtureMaxAgeHours } from "../../support/toolProcess";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const WINDOW = ["--from", "2026-03-04T00:30:00Z", "--to", "2026-03-04T23:30:00Z"];

/** `npm run verify` as its own process, its stdout read through a pipe; the fake answers from this process. */
function verify(args: string[], endpoint: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "verify-home-"));
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...TS_LOADER, path.join(ROOT, "tools", "verify.ts"), ...args, "--endpoint-url", endpoint, "--max-age-hours", fixtureMaxAgeHours(NOW)], {
            cwd: ROOT,
            env: { ...env, HOME: home, AWS_CONFIG_FILE: path.join(home, "none"), AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"), AWS_EC2_METADATA_DISABLED: "true", AWS_ACCESS_KEY_ID: "AKIAVERIFYTEST000001", AWS_SECRET_ACCESS_KEY: "verify-test-secret" },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const timer = setTimeout(() => child.kill("SIGKILL"), 110000);
        child.on("error", reject);
        child.on("close", (status) => {
            clearTimeout(timer);
            fs.rmSync(home, { recursive: true, force: true });
            resolve({ status, stdout, stderr });
        });
    });
}

/** The prod account with the organization trail's day written into its bucket, and CloudTrail's keys. */
async function prodWithTrail(): Promise<FakeAccount> {
    const account = await prodAccount((state) => {
        const bucket = state.buckets[PROD_BUCKET];
        // The delivery fixtures' CloudTrail objects have no content: a trail day of real files stands in for them.
        bucket.objects = bucket.objects.filter((object) => !object.key.includes("/CloudTrail/"));
        new TrailWriter(bucket, { bucket: PROD_BUCKET, prefix: "cloudtrail-logs/", account: PROD_ACCOUNT, region: "us-east-1", trail: "organization-trail", organizationId: PROD_ORG }).writeHours(new Date("2026-03-03T23:00:00Z"), 27, 4, () => trailKeys().a);
    });
    account.publicKeys = { "us-east-1": [trailKeys().a] };
    return account;
}

describe("npm run verify -- --integrity and --all, as processes", function () {
    this.timeout(240000);

    it("prints one JSON document with the integrity result, the vault's copies included, through a pipe and exits 0 for an intact day", async () => {
        const account = await prodWithTrail();
        await prodVault(account);
        const fake = await startFakeAws(account);
        try {
            const { status, stdout, stderr } = await verify(["--stack", "prod", "--json", "--integrity", ...WINDOW, "--vault-role-name", VAULT_ROLE_NAME], fake.endpoint);
            expect(status, stderr).to.equal(0);
            const document = JSON.parse(stdout);
            expect(Object.keys(document.integrity)).to.deep.equal(["from", "to", "chains", "digests", "logFiles", "gaps", "findings", "replica"]);
            expect(document.integrity.replica).to.deep.equal({ bucket: PROD_VAULT_BUCKET, digests: { valid: 24, invalid: 0, missing: 0 }, logFiles: { valid: 96, invalid: 0, missing: 0, archived: 0, unreadable: 0 } });
            expect(document.vault).to.include({ read: true, bucket: PROD_VAULT_BUCKET });
            expect(document.integrity).to.deep.include({ from: "2026-03-04T00:30:00Z", to: "2026-03-04T23:30:00Z", chains: 1, digests: { valid: 24, invalid: 0, missing: 0 }, gaps: [], findings: [] });
            expect(document.integrity.logFiles).to.deep.equal({ valid: 96, invalid: 0, missing: 0, archived: 0, unverified: 0, unreadable: 0 });
            expect(document.summary).to.include({ integrityFindings: 0, ok: true });
        } finally {
            await fake.close();
        }
    });

    it("exits 2 naming cloudtrail:ListPublicKeys when it is denied", async () => {
        const account = await prodWithTrail();
        account.denied.add("cloudtrail:ListPublicKeys");
        const fake = await startFakeAws(account);
        try {
            const { status, stdout } = await verify(["--stack", "prod", "--json", "--integrity", ...WINDOW], fake.endpoint);
            expect(status).to.equal(2);
            expect(JSON.parse(stdout).error.message).to.include("cloudtrail:ListPublicKeys").and.to.include("access denied");
        } finally {
            await fake.close();
        }
    });

    it("--all over three stacks, one of them denied: each stack read in its own account, the denied one its row, a vault in another account without --vault-role-name reported as not read, exit 2 (AWS-STS-300)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-all-"));
        const prod = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "utf8");
        const accounts = { alpha: PROD_ACCOUNT, bravo: "444444444444", charlie: "555555555555" };
        for (const [stack, id] of Object.entries(accounts)) {
            fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), prod.split(PROD_ACCOUNT).join(id));
        }
        const caller = await prodAccount();
        const bravo = relabel(await prodAccount(), PROD_ACCOUNT, accounts.bravo);
        caller.roles = { [`arn:aws:iam::${accounts.bravo}:role/AuditVerifier`]: bravo };
        const fake = await startFakeAws(caller);
        try {
            const { status, stdout, stderr } = await verify(["--all", "--stacks-dir", dir, "--json", "--concurrency", "3"], fake.endpoint);
            expect(status, stderr).to.equal(2);
            const fleet = JSON.parse(stdout);
            const rows = Object.fromEntries(fleet.stacks.map((row: { stack: string; exitCode: number; error?: { message: string }; document?: { account: string; summary: { ok: boolean }; vault: { read: boolean; notRead: string } } }) => [row.stack, row]));
            expect(rows.alpha.document.account).to.equal(PROD_ACCOUNT);
            expect(rows.bravo.document.account).to.equal(accounts.bravo);
            // Everything else of both holds: their vault (account 555555555555) is what was not read.
            for (const row of [rows.alpha, rows.bravo]) {
                expect(row.exitCode).to.equal(2);
                expect(row.document.summary).to.include({ mandatory: 0, drift: 0, deliveryFindings: 0, vaultFindings: 0, ok: false });
                expect(row.document.vault.read).to.equal(false);
                expect(row.document.vault.notRead).to.include("--vault-role-name");
            }
            expect(rows.charlie.exitCode).to.equal(2);
            expect(rows.charlie.error.message).to.include(`sts:AssumeRole on arn:aws:iam::${accounts.charlie}:role/AuditVerifier was refused`);
            expect(fleet.summary).to.deep.equal({ stacks: 3, ok: [], failed: [], errors: ["alpha", "bravo", "charlie"], exitCode: 2 });
            expect(fake.requests.filter((request) => request.call === "sts:AssumeRole").length).to.equal(2);
        } finally {
            await fake.close();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("--print-iam-policy's document names the stack's own buckets and vault, their log prefixes, their keys and the vault account's role", async () => {
        const policy = stackIamPolicy(await planStack({ stack: "prod" }));
        const resources = Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement.Resource]));
        expect(resources.ReadStackBucketSettings).to.include(`arn:aws:s3:::${PROD_BUCKET}`);
        expect(resources.ReadLogObjects).to.include(`arn:aws:s3:::${PROD_BUCKET}/cloudtrail-logs/*`).and.to.include(`arn:aws:s3:::${PROD_VAULT_BUCKET}/config-logs/*`);
        expect(resources.ReadStackKey).to.deep.equal([`arn:aws:kms:us-east-1:${PROD_ACCOUNT}:key/*`, "arn:aws:kms:us-west-2:555555555555:key/*"]);
        expect(resources.AssumeVaultVerifierRole).to.equal("arn:aws:iam::555555555555:role/AuditVerifier");
        expect(stackIamPolicy(await planStack({ stack: "prod" }), { vaultRoleName: VAULT_ROLE_NAME }).Statement.find((statement) => statement.Sid === "AssumeVaultVerifierRole")?.Resource).to.equal(`arn:aws:iam::555555555555:role/${VAULT_ROLE_NAME}`);
    });
});
