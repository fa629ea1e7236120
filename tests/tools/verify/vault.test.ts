import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { CALLS } from "../../../tools/verify/calls";
import { verifyStackIntegrity } from "../../../tools/verify/integrity/stack";
import { verifyAll } from "../../../tools/verify/integrity/fleet";
import { PROJECT_PACK_DIR, ensurePackBuilt } from "../../../tools/policy/packDir";
import { spawnPack } from "../../../tools/policy/spawnPack";
import { PENDING_LIMIT_MINUTES, replicationFinding } from "../../../tools/verify/replicationHealth";
import { exitStatus, withVerdicts } from "../../../tools/verify/run";
import { lockFinding } from "../../../tools/verify/vaultCheck";
import { renderReport } from "../../../tools/verify/render";
import { NOW, PROD_ACCOUNT, PROD_BUCKET, PROD_ORG } from "../../support/fakeAws/accounts";
import { startFakeAws } from "../../support/fakeAws/server";
import type { FakeAccount, FakeObject, XmlDocument } from "../../support/fakeAws/state";
import { TrailWriter } from "../../support/fakeAws/trailFiles";
import { PROD_VAULT_ACCOUNT, PROD_VAULT_BUCKET } from "../../support/fakeAws/vault";
import { trailKeys } from "./integritySupport";
import { VAULT_ROLE_NAME, inspectProd, prodAccount, prodVault, relabel, useTestEnv } from "./support";

const MINUTE = 60 * 1000;
const ROOT = path.resolve(__dirname, "..", "..", "..");
const VAULT_ROLE = `arn:aws:iam::${PROD_VAULT_ACCOUNT}:role/${VAULT_ROLE_NAME}`;
const PACK_INFO = { name: "audit-log-bucket", version: "test" };

/** The newest CloudTrail object of the prod fixture (two hours before NOW). */
function newestTrailObject(account: FakeAccount): FakeObject {
    const trail = account.buckets[PROD_BUCKET].objects.filter((object) => object.key.includes("/CloudTrail/"));
    return trail.sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime())[0];
}

/** An object written `minutesAgo` before NOW under today's CloudTrail partition, with its replication status. */
function freshTrailObject(minutesAgo: number, status: FakeObject["replicationStatus"]): FakeObject {
    const at = new Date(NOW.getTime() - minutesAgo * MINUTE);
    return { key: `cloudtrail-logs/AWSLogs/${PROD_ORG}/${PROD_ACCOUNT}/CloudTrail/us-east-1/2026/03/05/${PROD_ACCOUNT}_CloudTrail_us-east-1_20260305T0555Z_fresh.json.gz`, lastModified: at, size: 1024, replicationStatus: status };
}

/** The prod account and its replicated vault, each changed by its edit; inspected with --vault-role-name unless told. */
async function inspectWithVault(edit: (prod: FakeAccount, vault: FakeAccount) => void = () => undefined, vaultRoleName: string | null = VAULT_ROLE_NAME) {
    const prod = await prodAccount();
    const vault = await prodVault(prod);
    edit(prod, vault);
    return inspectProd(prod, { vaultRoleName: vaultRoleName ?? undefined });
}

function withoutTimeControl(account: FakeAccount): void {
    const rules = (account.buckets[PROD_BUCKET].replication as { Rule: { Destination: XmlDocument }[] }).Rule;
    delete rules[0].Destination.ReplicationTime;
}

describe("verify reads the vault (issue 18 item 5, issue 20 items 2 and 3)", function () {
    this.timeout(120000);
    useTestEnv();

    it("reads a healthy vault in another account through --vault-role-name: its settings without drift, its lock, each sampled object COMPLETED with its replica (AWS-S3-700, AWS-S3-704, AWS-STS-701)", async () => {
        const { inspection, requests } = await inspectWithVault();
        const { document } = inspection;
        expect(document.drift).to.deep.equal([]);
        expect(document.buckets).to.deep.equal([PROD_BUCKET, PROD_VAULT_BUCKET]);
        const vault = document.vault!;
        expect(vault).to.deep.include({ bucket: PROD_VAULT_BUCKET, region: "us-west-2", account: PROD_VAULT_ACCOUNT, role: VAULT_ROLE, read: true, replicationTimeControl: true, findings: [] });
        expect(vault.objectLock).to.deep.equal({ expected: { mode: "COMPLIANCE", days: 365 }, actual: { enabled: true, mode: "COMPLIANCE", days: 365, years: null } });
        // Today's and yesterday's partitions: 2 CloudTrail objects, 4 Config objects; no Session Manager or Security Hub object.
        expect(vault.replication.map((sample) => [sample.prefix, sample.status, sample.replicaPresent])).to.deep.equal([
            ["cloudtrail-logs/", "COMPLETED", true],
            ["cloudtrail-logs/", "COMPLETED", true],
            ["config-logs/", "COMPLETED", true],
            ["config-logs/", "COMPLETED", true],
            ["config-logs/", "COMPLETED", true],
            ["config-logs/", "COMPLETED", true],
        ]);
        // The vault's reads: signed for its region with the assumed role's session, never with the caller's keys.
        const assumed = requests.filter((request) => request.call === "sts:AssumeRole");
        expect(assumed.length).to.equal(1);
        const vaultReads = requests.filter((request) => request.region === "us-west-2" && request.call !== "sts:AssumeRole");
        expect(vaultReads.length).to.be.above(10);
        expect(vaultReads.every((request) => request.accessKeyId?.startsWith("ASIA"))).to.equal(true);
        expect(new Set(vaultReads.map((request) => request.call))).to.include("s3:GetObjectLockConfiguration").and.to.include("s3:HeadObject").and.to.include("kms:GetKeyPolicy");
        const published = new Set(Object.keys(CALLS));
        expect(requests.filter((request) => !published.has(request.call)).map((request) => request.call)).to.deep.equal([]);
        expect(new Set(requests.map((request) => request.method))).to.deep.equal(new Set(["GET", "HEAD", "POST"]));
        const summary = withVerdicts(document, PACK_INFO, []);
        expect(summary.summary).to.include({ vaultFindings: 0, ok: true });
        expect(exitStatus(summary)).to.equal(0);
        expect(renderReport(summary)).to.include(`Vault s3://${PROD_VAULT_BUCKET} (account ${PROD_VAULT_ACCOUNT}, us-west-2, read through ${VAULT_ROLE})`).and.to.include("6/6 of the newest objects replicated");
    });

    it("reports a vault in another account as not read without --vault-role-name, says why and how, and exits 2", async () => {
        const { inspection, requests } = await inspectWithVault(undefined, null);
        const vault = inspection.document.vault!;
        expect(vault.read).to.equal(false);
        expect(vault.notRead).to.include(`is in account ${PROD_VAULT_ACCOUNT}, not ${PROD_ACCOUNT}`).and.to.include("--vault-role-name").and.to.include(`arn:aws:iam::${PROD_VAULT_ACCOUNT}:role/<name>`);
        expect(requests.some((request) => request.region === "us-west-2")).to.equal(false);
        const document = withVerdicts(inspection.document, PACK_INFO, []);
        expect(document.summary).to.include({ drift: 0, vaultFindings: 0, ok: false });
        expect(exitStatus(document)).to.equal(2);
        expect(renderReport(document)).to.include("NOT READ: the vault").and.to.include("the vault NOT READ");
    });

    it("reports the vault role refused (its trust policy does not admit the caller) as not read, naming the role and the caller (AWS-STS-701)", async () => {
        const { inspection } = await inspectWithVault(undefined, "SomeoneElsesRole");
        const vault = inspection.document.vault!;
        expect(vault.read).to.equal(false);
        expect(vault.role).to.equal(`arn:aws:iam::${PROD_VAULT_ACCOUNT}:role/SomeoneElsesRole`);
        expect(vault.notRead).to.include(`sts:AssumeRole on arn:aws:iam::${PROD_VAULT_ACCOUNT}:role/SomeoneElsesRole was refused for arn:aws:iam::${PROD_ACCOUNT}:role/AuditVerifier`);
        expect(exitStatus(withVerdicts(inspection.document, PACK_INFO, []))).to.equal(2);
    });

    const refusals: { what: string; edit: (prod: FakeAccount, vault: FakeAccount) => void; names: string }[] = [
        { what: "a vault setting refused to the vault role", edit: (_prod, vault) => vault.denied.add("s3:GetBucketPolicy"), names: `s3:GetBucketPolicy on bucket ${PROD_VAULT_BUCKET} was refused` },
        { what: "HeadObject refused on the audit bucket (no s3:GetObject)", edit: (prod) => (prod.deniedObjects = new Set([`${PROD_BUCKET}/${newestTrailObject(prod).key}`])), names: "the caller needs s3:GetObject" },
    ];
    for (const row of refusals) {
        it(`reports ${row.what} as the vault not verified, naming the call (AWS-S3-301)`, async () => {
            const { inspection } = await inspectWithVault(row.edit);
            expect(inspection.document.vault!.read).to.equal(false);
            expect(inspection.document.vault!.notRead).to.include("access denied").and.to.include(row.names);
        });
    }

    const states: { what: string; edit: (prod: FakeAccount, vault: FakeAccount) => void; kind: string | null; message?: string }[] = [
        { what: "FAILED", edit: (prod) => (newestTrailObject(prod).replicationStatus = "FAILED"), kind: "replication-status", message: "replication FAILED: S3 does not retry it" },
        { what: "PENDING for 2 h with Replication Time Control", edit: (prod) => (newestTrailObject(prod).replicationStatus = "PENDING"), kind: "replication-status", message: "still PENDING after 2 h, beyond the 15 min of Replication Time Control" },
        {
            what: "PENDING for 25 h without Replication Time Control",
            edit: (prod) => {
                withoutTimeControl(prod);
                const yesterday = prod.buckets[PROD_BUCKET].objects.find((object) => object.key.includes("/CloudTrail/us-east-1/2026/03/04/"))!;
                yesterday.lastModified = new Date(NOW.getTime() - 25 * 60 * MINUTE);
                yesterday.replicationStatus = "PENDING";
            },
            kind: "replication-status",
            message: "still PENDING after 25 h, beyond the 24 h the verifier allows without Replication Time Control",
        },
        { what: "PENDING for 2 h without Replication Time Control", edit: (prod) => (withoutTimeControl(prod), (newestTrailObject(prod).replicationStatus = "PENDING")), kind: null },
        { what: "PENDING for 5 min with Replication Time Control", edit: (prod) => prod.buckets[PROD_BUCKET].objects.push(freshTrailObject(5, "PENDING")), kind: null },
        { what: "with no replication status (written before the rule)", edit: (prod) => delete newestTrailObject(prod).replicationStatus, kind: "replication-status", message: "no x-amz-replication-status" },
        {
            what: "COMPLETED with its replica missing in the vault",
            edit: (prod, vault) => {
                const key = newestTrailObject(prod).key;
                vault.buckets[PROD_VAULT_BUCKET].objects = vault.buckets[PROD_VAULT_BUCKET].objects.filter((object) => object.key !== key);
            },
            kind: "replica-missing",
            message: `s3://${PROD_VAULT_BUCKET}/`,
        },
    ];
    for (const row of states) {
        it(`${row.kind ? "reports" : "does not report"} an object ${row.what}${row.kind ? ` as ${row.kind}` : ""} (AWS-S3-700, AWS-S3-702, AWS-S3-703)`, async () => {
            const { inspection } = await inspectWithVault(row.edit);
            const vault = inspection.document.vault!;
            expect(vault.read).to.equal(true);
            const replicationFindings = vault.findings.filter((finding) => finding.kind !== "object-lock");
            if (row.kind === null) {
                expect(replicationFindings).to.deep.equal([]);
                expect(vault.replication.map((sample) => sample.status)).to.include("PENDING");
                return;
            }
            expect(replicationFindings.map((finding) => finding.kind)).to.deep.equal([row.kind]);
            expect(replicationFindings[0].message).to.include(row.message);
            expect(exitStatus(withVerdicts(inspection.document, PACK_INFO, []))).to.equal(1);
        });
    }

    it("reports a lock retention other than the stack's (GOVERNANCE for 30 days) as a vault finding and as drift against the plan (AWS-S3-704)", async () => {
        const { inspection } = await inspectWithVault((_prod, vault) => (vault.buckets[PROD_VAULT_BUCKET].objectLock = { ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: "GOVERNANCE", Days: 30 } } }));
        const { document } = inspection;
        expect(document.vault!.findings).to.deep.equal([{ kind: "object-lock", message: `s3://${PROD_VAULT_BUCKET} locks new replicas in GOVERNANCE mode for 30 days, but the stack asks COMPLIANCE for 365 days (vaultObjectLockMode, vaultObjectLockDays)` }]);
        expect(document.drift.map((entry) => [entry.bucket, entry.setting, entry.actual])).to.deep.equal([
            [PROD_VAULT_BUCKET, "objectLock.rule.defaultRetention.days", 30],
            [PROD_VAULT_BUCKET, "objectLock.rule.defaultRetention.mode", "GOVERNANCE"],
        ]);
    });

    it("validates the vault's copies in --integrity through the vault role: a replica that differs from its digest is a finding", async () => {
        const prod = await prodAccount((state) => {
            const bucket = state.buckets[PROD_BUCKET];
            bucket.objects = bucket.objects.filter((object) => !object.key.includes("/CloudTrail/"));
            new TrailWriter(bucket, { bucket: PROD_BUCKET, prefix: "cloudtrail-logs/", account: PROD_ACCOUNT, region: "us-east-1", trail: "organization-trail", organizationId: PROD_ORG }).writeHours(new Date("2026-03-03T23:00:00Z"), 27, 4, () => trailKeys().a);
        });
        prod.publicKeys = { "us-east-1": [trailKeys().a] };
        const vault = await prodVault(prod);
        const changed = vault.buckets[PROD_VAULT_BUCKET].objects.find((object) => object.key.includes("/CloudTrail/us-east-1/2026/03/04/"))!;
        changed.body = gzipSync(Buffer.from('{"Records":[{"eventName":"Forged"}]}'));
        const fake = await startFakeAws(prod);
        try {
            const { inspect } = await import("../../../tools/verify/run");
            const inspection = await inspect({ stack: "prod", endpoint: fake.endpoint, now: NOW, vaultRoleName: VAULT_ROLE_NAME, plan: await (await import("./support")).planProd() });
            expect(inspection.vaultReplica).to.deep.include({ bucket: PROD_VAULT_BUCKET, region: "us-west-2" });
            const checked = await verifyStackIntegrity(withVerdicts(inspection.document, PACK_INFO, []), { from: new Date("2026-03-04T00:30:00Z"), to: new Date("2026-03-04T23:30:00Z"), endpoint: fake.endpoint, replica: inspection.vaultReplica });
            expect(checked.integrity.replica?.bucket).to.equal(PROD_VAULT_BUCKET);
            expect(checked.integrity.findings.map((finding) => `${finding.kind} ${finding.key}`)).to.deep.equal([`replica-log-differs s3://${PROD_VAULT_BUCKET}/${changed.key}`]);
            expect(checked.summary).to.include({ integrityFindings: 1, ok: false });
            const replicaReads = fake.requests.filter((request) => request.call === "s3:GetObject" && request.region === "us-west-2");
            expect(replicaReads.length).to.be.above(24);
            expect(replicaReads.every((request) => request.accessKeyId?.startsWith("ASIA"))).to.equal(true);
        } finally {
            await fake.close();
        }
    });

    it("verify --all --vault-role-name: a stack in another account and its vault in a third, each read through its own role", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-all-vault-"));
        const member = "444444444444";
        fs.writeFileSync(path.join(dir, "Pulumi.member.yaml"), fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "utf8").split(PROD_ACCOUNT).join(member));
        const source = await prodAccount();
        const vault = await prodVault(source);
        const stack = relabel(source, PROD_ACCOUNT, member);
        const vaultOfMember = relabel({ ...vault, roles: undefined }, PROD_ACCOUNT, member);
        const caller = await prodAccount();
        caller.roles = { [`arn:aws:iam::${member}:role/AuditVerifier`]: stack, [VAULT_ROLE]: vaultOfMember };
        const fake = await startFakeAws(caller);
        ensurePackBuilt(PROJECT_PACK_DIR);
        try {
            const fleet = await verifyAll({ pack: spawnPack(PROJECT_PACK_DIR), endpoint: fake.endpoint, roleName: "AuditVerifier", vaultRoleName: VAULT_ROLE_NAME, stacksDir: dir, now: NOW });
            const row = fleet.stacks[0];
            expect("document" in row ? row.document.vault : row.error).to.deep.include({ read: true, role: VAULT_ROLE, findings: [] });
            expect(fleet.summary).to.deep.equal({ stacks: 1, ok: ["member"], failed: [], errors: [], exitCode: 0 });
            const assumed = fake.requests.filter((request) => request.call === "sts:AssumeRole");
            expect(assumed.length).to.equal(2);
            // Both roles are assumed with the caller's own credentials, not one through the other.
            expect(assumed.every((request) => request.accessKeyId === process.env.AWS_ACCESS_KEY_ID)).to.equal(true);
        } finally {
            await fake.close();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("the vault's verdicts, case by case", () => {
    const pending = PENDING_LIMIT_MINUTES;
    const rows: [string | null, number, boolean, RegExp | null][] = [
        ["COMPLETED", 5000, true, null],
        ["FAILED", 1, true, /FAILED/],
        ["PENDING", pending.timeControl, true, null],
        ["PENDING", pending.timeControl + 1, true, /beyond the 15 min/],
        ["PENDING", pending.noTimeControl, false, null],
        ["PENDING", pending.noTimeControl + 1, false, /beyond the 24 h/],
        ["REPLICA", 1, true, /itself a replica/],
        [null, 1, true, /no x-amz-replication-status/],
        ["SOMETHING", 1, true, /none of PENDING/],
    ];
    for (const [status, age, timeControl, expected] of rows) {
        it(`judges ${status ?? "no status"} at ${age} min ${timeControl ? "with" : "without"} Replication Time Control ${expected ? "a finding" : "fine"} (AWS-S3-700, AWS-S3-702, AWS-S3-703)`, () => {
            const finding = replicationFinding(status, age, timeControl);
            if (expected === null) {
                expect(finding).to.equal(null);
            } else {
                expect(finding).to.match(expected);
            }
        });
    }

    const locks: [string, Parameters<typeof lockFinding>[1], RegExp | null][] = [
        ["the stack's retention", { enabled: true, mode: "COMPLIANCE", days: 365, years: null }, null],
        ["no Object Lock", { enabled: false, mode: null, days: null, years: null }, /has no Object Lock/],
        ["no default retention", { enabled: true, mode: null, days: null, years: null }, /no default retention/],
        ["a retention in years", { enabled: true, mode: "COMPLIANCE", days: null, years: 1 }, /for 1 year\(s\)/],
        ["another mode", { enabled: true, mode: "GOVERNANCE", days: 365, years: null }, /GOVERNANCE mode/],
    ];
    for (const [what, actual, expected] of locks) {
        it(`judges ${what} against COMPLIANCE for 365 days (AWS-S3-704)`, () => {
            const finding = lockFinding({ mode: "COMPLIANCE", days: 365 }, actual);
            if (expected === null) {
                expect(finding).to.equal(null);
            } else {
                expect(finding).to.match(expected);
            }
        });
    }
});
