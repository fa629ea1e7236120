import { expect } from "chai";
import { once } from "events";
import { PROJECT_PACK_DIR, ensurePackBuilt } from "../../../tools/policy/packDir";
import { PendingPack, spawnPack } from "../../../tools/policy/spawnPack";
import { runVerify } from "../../../tools/verify/run";
import { startFakeAws } from "../../support/fakeAws/server";
import type { Violation } from "../../../tools/policy/violations";
import { analyzerResources } from "../../../tools/verify/translate";
import { NOW, PROD_BUCKET } from "../../support/fakeAws/accounts";
import type { FakeAccount, FakeBucket } from "../../support/fakeAws/state";
import { PackUnderTest } from "../../support/pack";
import { VAULT_ROLE_NAME, inspectProd, planProd, prodAccount, prodVault, useTestEnv } from "./support";

function bucket(account: FakeAccount): FakeBucket {
    return account.buckets[PROD_BUCKET];
}

function withStatement(policy: string, statement: Record<string, unknown> | undefined, drop?: string): string {
    const document = JSON.parse(policy);
    document.Statement = [...document.Statement.filter((item: { Sid?: string }) => item.Sid !== drop), ...(statement ? [statement] : [])];
    return JSON.stringify(document);
}

/** The pack's verdicts on what is deployed: the same rules as the preview, over the Analyzer protocol. */
async function liveVerdicts(pack: PackUnderTest, account: FakeAccount): Promise<Violation[]> {
    const { inspection } = await inspectProd(account);
    return pack.verdicts(analyzerResources(inspection.live));
}

describe("verify: hardening of what is deployed, judged by the policy pack", () => {
    useTestEnv();
    let pack: PackUnderTest;
    let compliant: Violation[];
    before(async () => {
        pack = await PackUnderTest.start();
        compliant = await liveVerdicts(pack, await prodAccount());
    });
    after(() => pack?.close());

    it("finds no mandatory violation on the bucket, key and account the prod stack deploys", () => {
        expect(compliant.filter((violation) => violation.enforcementLevel === "mandatory")).to.deep.equal([]);
    });

    const rows: { what: string; edit: (account: FakeAccount) => void; policy: string }[] = [
        { what: "versioning suspended in the console", edit: (a) => (bucket(a).versioning = { Status: "Suspended" }), policy: "s3-bucket-versioning-enabled" },
        { what: "one Block Public Access setting off", edit: (a) => ((bucket(a).publicAccessBlock as Record<string, unknown>).RestrictPublicBuckets = false), policy: "s3-bucket-blocks-public-access" },
        { what: "ACLs switched back on", edit: (a) => (bucket(a).ownershipControls = { Rule: { ObjectOwnership: "BucketOwnerPreferred" } }), policy: "s3-bucket-owner-enforced" },
        { what: "the TLS statement removed from the bucket policy", edit: (a) => (bucket(a).policy = withStatement(bucket(a).policy as string, undefined, "DenyInsecureTransport")), policy: "s3-bucket-denies-insecure-transport" },
        {
            what: "a public read statement added to the bucket policy",
            edit: (a) => (bucket(a).policy = withStatement(bucket(a).policy as string, { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${PROD_BUCKET}/*` })),
            policy: "s3-policy-no-public-principal",
        },
        { what: "log expiration shortened to 30 days", edit: (a) => (((bucket(a).lifecycle as { Rule: Record<string, unknown>[] }).Rule[2].Expiration as Record<string, unknown>).Days = 30), policy: "audit-log-retention" },
        {
            what: "the S3 Bucket Key switched off",
            edit: (a) => (bucket(a).encryption = { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: a.keys[0].metadata.Arn }, BucketKeyEnabled: false, BlockedEncryptionTypes: { EncryptionType: ["SSE-C"] } } }),
            policy: "s3-bucket-encryption-declared",
        },
        { what: "key rotation switched off", edit: (a) => (a.keys[0].rotationEnabled = false), policy: "kms-key-rotation-enabled" },
        { what: "the key disabled", edit: (a) => (a.keys[0].metadata.Enabled = false), policy: "audit-log-key-enabled" },
        { what: "the account's public access block removed", edit: (a) => (a.accountPublicAccessBlock = undefined), policy: "s3-account-blocks-public-access" },
        { what: "a website configuration added", edit: (a) => (bucket(a).website = { IndexDocument: { Suffix: "index.html" } }), policy: "audit-log-no-website" },
        { what: "a CORS rule added", edit: (a) => (bucket(a).cors = { CORSRule: [{ AllowedOrigin: ["*"], AllowedMethod: ["GET"] }] }), policy: "audit-log-no-cors" },
        { what: "EventBridge notifications switched off", edit: (a) => (bucket(a).notification = {}), policy: "audit-log-event-notifications" },
    ];
    for (const row of rows) {
        it(`flags ${row.what} under ${row.policy}`, async () => {
            const violations = await liveVerdicts(pack, await prodAccount(row.edit));
            const added = violations.filter((violation) => !compliant.some((known) => known.policy === violation.policy && known.message === violation.message));
            expect(added.map((violation) => violation.policy)).to.include(row.policy);
            expect(added.every((violation) => violation.urn.startsWith("urn:pulumi:prod::audit-log-bucket::"))).to.equal(true);
        });
    }
});

describe("verify: the whole check with its own pack process", () => {
    useTestEnv();

    async function exited(pack: PendingPack): Promise<boolean> {
        if (pack.child.exitCode === null && pack.child.signalCode === null) {
            await once(pack.child, "exit");
        }
        return true;
    }

    async function verifyWith(account: FakeAccount, policyConfig?: Record<string, string>): Promise<{ pack: PendingPack; result: Promise<Awaited<ReturnType<typeof runVerify>>> }> {
        ensurePackBuilt(PROJECT_PACK_DIR);
        const pack = spawnPack(PROJECT_PACK_DIR);
        if (account.buckets[PROD_BUCKET]) {
            await prodVault(account);
        }
        const fake = await startFakeAws(account);
        const result = runVerify({ stack: "prod", plan: await planProd(), endpoint: fake.endpoint, now: NOW, pack, policyConfig, vaultRoleName: VAULT_ROLE_NAME }).finally(() => fake.close());
        return { pack, result };
    }

    it("sums up a compliant deployment as ok, and stops the pack", async () => {
        const { pack, result } = await verifyWith(await prodAccount());
        const document = await result;
        expect(document.summary).to.include({ mandatory: 0, drift: 0, deliveryFindings: 0, vaultFindings: 0, ok: true });
        expect(document.summary.policyPacks[0]).to.match(/^audit-log-bucket@/);
        expect(await exited(pack)).to.equal(true);
    });

    it("runs the pack with the given policy config, as the pull-request check does", async () => {
        const suspended = (a: FakeAccount): void => {
            bucket(a).versioning = { Status: "Suspended" };
        };
        const flagged = await (await verifyWith(await prodAccount(suspended))).result;
        expect(flagged.violations.map((violation) => `${violation.enforcementLevel} ${violation.policy}`)).to.include("mandatory s3-bucket-versioning-enabled");
        const configured = await (await verifyWith(await prodAccount(suspended), { "s3-bucket-versioning-enabled": "disabled" })).result;
        expect(configured.violations.map((violation) => violation.policy)).not.to.include("s3-bucket-versioning-enabled");
        expect(configured.summary).to.include({ mandatory: 0, ok: false, drift: 1 });
    });

    it("stops the pack when the check fails before the verdicts", async () => {
        const { pack, result } = await verifyWith(await prodAccount((a) => (a.buckets = {})));
        const error = await result.then(
            () => undefined,
            (caught: unknown) => caught,
        );
        expect((error as Error).message).to.include("does not exist");
        expect(await exited(pack)).to.equal(true);
    });
});
