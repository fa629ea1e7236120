import { expect } from "chai";
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import { AccessRequest, NOTHING, Tri, actionMatch, and3, conditionMatch, conditionsMatch, decide, evaluatePolicy, or3, principalMatch, readDocument, resourceMatch } from "../../policy-pack/lib/accessEvaluator";
import { UNKNOWN } from "./styles";

const SOURCE = "111111111111";
const VAULT = "222222222222";
const ROLE = `arn:aws:iam::${SOURCE}:role/replication`;
const OTHER_ROLE = `arn:aws:iam::${SOURCE}:role/other`;
const VAULT_OBJECT = "arn:aws:s3:::vault/AWSLogs/x.json.gz";
const KEY = `arn:aws:kms:us-west-2:${VAULT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SAME_ACCOUNT_KEY = `arn:aws:kms:us-west-2:${SOURCE}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

type Document = { Version: string; Statement: Record<string, unknown>[] };
const doc = (...statements: Record<string, unknown>[]): Document => ({ Version: "2012-10-17", Statement: statements });
const allow = (statement: Record<string, unknown>): Record<string, unknown> => ({ Effect: "Allow", ...statement });
const deny = (statement: Record<string, unknown>): Record<string, unknown> => ({ Effect: "Deny", ...statement });

interface Row {
    what: string;
    action: string;
    resource: string;
    /** The account that owns the resource. */
    owner: string;
    identity: Document;
    resourcePolicy?: Document;
    context?: Record<string, string>;
}

const REPLICATE = { Action: ["s3:ReplicateObject", "s3:ReplicateTags"], Resource: "arn:aws:s3:::vault/*" };
const ROLE_MAY_REPLICATE = doc(allow(REPLICATE));
const KMS_CONTEXT = { "kms:ViaService": "s3.us-west-2.amazonaws.com", "kms:CallerAccount": SOURCE, "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::vault" };
const ROLE_MAY_ENCRYPT = doc(allow({ Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], Resource: KEY }));

/** Requests whose verdict the pack's evaluator and the real evaluator must agree on, one row per line. */
const ROWS: Row[] = [
    { what: "cross-account vault policy names the role", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE })) },
    { what: "cross-account vault policy names the source account root", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, ...REPLICATE })) },
    { what: "cross-account vault policy names the source account by id", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: SOURCE }, ...REPLICATE })) },
    { what: "cross-account vault policy names another role", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: OTHER_ROLE }, ...REPLICATE })) },
    { what: "cross-account vault with no policy", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE },
    { what: "cross-account vault admits the role, the role's policy does not", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: doc(allow({ Action: "s3:GetObject", Resource: "*" })), resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE })) },
    { what: "same-account vault, no bucket policy, role allowed", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: SOURCE, identity: ROLE_MAY_REPLICATE },
    { what: "same-account vault, bucket policy alone allows", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: SOURCE, identity: doc(), resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE })) },
    { what: "same-account vault, account-root grant, no identity grant", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: SOURCE, identity: doc(), resourcePolicy: doc(allow({ Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, ...REPLICATE })) },
    { what: "vault denies everyone but its admins by ArnNotLike", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ Principal: "*", Action: "s3:Replicate*", Resource: "arn:aws:s3:::vault/*", Condition: { ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${VAULT}:role/admin` } } })) },
    { what: "vault denies version deletes to all but admins (replication unaffected)", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ Principal: "*", Action: "s3:DeleteObjectVersion", Resource: "arn:aws:s3:::vault/*", Condition: { ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${VAULT}:role/admin` } } })) },
    { what: "vault denies the source account root ReplicateTags", action: "s3:ReplicateTags", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: "s3:ReplicateTags", Resource: "arn:aws:s3:::vault/*" })) },
    { what: "vault denies through NotPrincipal naming only admins", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ NotPrincipal: { AWS: `arn:aws:iam::${VAULT}:role/admin` }, Action: "s3:*", Resource: "arn:aws:s3:::vault/*" })) },
    { what: "vault denies through NotPrincipal naming the source account", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ NotPrincipal: { AWS: SOURCE }, Action: "s3:*", Resource: "arn:aws:s3:::vault/*" })) },
    { what: "vault allows through NotAction and a wildcard resource", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: doc(allow({ NotAction: "s3:Delete*", Resource: "*" })), resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, NotAction: ["s3:Delete*", "s3:Put*"], Resource: "arn:aws:s3:::vault/AWSLogs/*" })) },
    { what: "vault grant confined to another prefix", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "s3:ReplicateObject", Resource: "arn:aws:s3:::vault/other/*" })) },
    { what: "vault grant with NotResource leaving the logs out", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "s3:Replicate*", NotResource: "arn:aws:s3:::vault/AWSLogs/*" })) },
    { what: "vault grant to anyone of the source account by aws:PrincipalAccount", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: "*", ...REPLICATE, Condition: { StringEquals: { "aws:PrincipalAccount": SOURCE } } })), context: { "aws:PrincipalAccount": SOURCE } },
    { what: "vault grant by aws:PrincipalArn StringLike to another path", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: "*", ...REPLICATE, Condition: { StringLike: { "aws:PrincipalArn": `arn:aws:iam::${SOURCE}:role/ops/*` } } })), context: { "aws:PrincipalArn": ROLE } },
    { what: "TLS deny with the request over TLS", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::vault/*", Condition: { Bool: { "aws:SecureTransport": "false" } } })), context: { "aws:SecureTransport": "true" } },
    { what: "a deny when a key is missing, under StringNotEqualsIfExists", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::vault/*", Condition: { StringNotEqualsIfExists: { "aws:SourceVpce": "vpce-1" } } })) },
    { what: "a deny when a key is absent, under Null", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: VAULT, identity: ROLE_MAY_REPLICATE, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, ...REPLICATE }), deny({ Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::vault/*", Condition: { Null: { "aws:SourceVpce": "true" } } })) },
    { what: "identity deny of ReplicateObject", action: "s3:ReplicateObject", resource: VAULT_OBJECT, owner: SOURCE, identity: doc(allow(REPLICATE), deny({ Action: "s3:ReplicateObject", Resource: "*" })) },
    { what: "cross-account key policy names the role, role may encrypt", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-west-2.amazonaws.com" } } })), context: KMS_CONTEXT },
    { what: "cross-account key policy names the role, not Decrypt", action: "kms:Decrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: "*" })), context: KMS_CONTEXT },
    { what: "cross-account key policy through S3 of another region", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "kms:Encrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } })), context: KMS_CONTEXT },
    { what: "cross-account key policy names the source account root", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: "kms:*", Resource: "*" })), context: KMS_CONTEXT },
    { what: "cross-account key with only its own account's root admin", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: `arn:aws:iam::${VAULT}:root` }, Action: "kms:*", Resource: "*" })), context: KMS_CONTEXT },
    { what: "same-account key delegating to IAM, role may encrypt", action: "kms:Encrypt", resource: SAME_ACCOUNT_KEY, owner: SOURCE, identity: doc(allow({ Action: "kms:Encrypt", Resource: SAME_ACCOUNT_KEY })), resourcePolicy: doc(allow({ Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: "kms:*", Resource: "*" })), context: KMS_CONTEXT },
    { what: "same-account key without the root statement, role's IAM policy alone", action: "kms:Encrypt", resource: SAME_ACCOUNT_KEY, owner: SOURCE, identity: doc(allow({ Action: "kms:Encrypt", Resource: SAME_ACCOUNT_KEY })), resourcePolicy: doc(allow({ Principal: { AWS: OTHER_ROLE }, Action: "kms:*", Resource: "*" })), context: KMS_CONTEXT },
    { what: "same-account key naming the role, no IAM policy", action: "kms:Encrypt", resource: SAME_ACCOUNT_KEY, owner: SOURCE, identity: doc(), resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "kms:Encrypt", Resource: "*" })), context: KMS_CONTEXT },
    { what: "key policy confines the encryption context to another bucket", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "kms:Encrypt", Resource: "*", Condition: { StringLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::other*" } } })), context: KMS_CONTEXT },
    { what: "key policy confines the encryption context to the vault", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "kms:Encrypt", Resource: "*", Condition: { StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::vault", "kms:CallerAccount": SOURCE } } })), context: KMS_CONTEXT },
    { what: "key policy denies callers of other accounts by kms:CallerAccount", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "kms:*", Resource: "*" }), deny({ Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringNotEquals: { "kms:CallerAccount": VAULT } } })), context: KMS_CONTEXT },
    { what: "key policy allows by StringEqualsIgnoreCase on the service", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: ROLE }, Action: "kms:Encrypt", Resource: "*", Condition: { StringEqualsIgnoreCase: { "kms:ViaService": "S3.US-WEST-2.AMAZONAWS.COM" } } })), context: KMS_CONTEXT },
    { what: "key policy allows by ArnLike on the principal", action: "kms:Encrypt", resource: KEY, owner: VAULT, identity: ROLE_MAY_ENCRYPT, resourcePolicy: doc(allow({ Principal: { AWS: "*" }, Action: "kms:Encrypt", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${SOURCE}:role/repl*` } } })), context: { ...KMS_CONTEXT, "aws:PrincipalArn": ROLE } },
];

const needsUnsafe = (row: Row): boolean => Object.keys(row.context ?? {}).some((key) => key.startsWith("kms:EncryptionContext:"));

async function realVerdict(row: Row): Promise<string> {
    const simulation: Simulation = {
        request: { principal: ROLE, action: row.action, resource: { resource: row.resource, accountId: row.owner }, contextVariables: row.context ?? {} },
        identityPolicies: [{ name: "identity", policy: row.identity }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: row.resourcePolicy,
    };
    if (needsUnsafe(row)) {
        // As tools/access/evaluate.ts: runSimulation drops kms:EncryptionContext:<key>, so these go through the unsafe engine.
        const resourcePolicy = row.resourcePolicy ? createValidatedPolicy(row.resourcePolicy, validateResourcePolicy, { name: "resource" }) : undefined;
        return runUnsafeSimulation({ ...simulation, resourcePolicy }, {}) as string;
    }
    const response = await runSimulation(simulation, {});
    if (response.resultType === "error") {
        throw new Error(JSON.stringify(response.errors));
    }
    const result = response.resultType === "single" ? response.result : response.results[0];
    expect(result.ignoredContextKeys ?? [], row.what).to.deep.equal([]);
    return response.overallResult;
}

/** The pack's answer in the real evaluator's words: allowed, an explicit deny, or no allow. */
function packVerdict(row: Row): string {
    const request: AccessRequest = { principal: ROLE, action: row.action, resource: row.resource, context: row.context ?? {} };
    const statements = (document: Document | undefined) => {
        const read = readDocument(document && JSON.stringify(document));
        return read.kind === "statements" ? read.statements : [];
    };
    const identity = evaluatePolicy(statements(row.identity), request, "identity");
    const resource = row.resourcePolicy ? evaluatePolicy(statements(row.resourcePolicy), request, "resource") : NOTHING;
    const allowed: Tri = decide({ service: row.action.startsWith("kms:") ? "kms" : "s3", sameAccount: row.owner === SOURCE, identity, resource });
    expect(allowed, `${row.what}: every value is known`).to.not.equal("unknown");
    return allowed ? "Allowed" : or3(identity.deny, resource.deny) === true ? "ExplicitlyDenied" : "ImplicitlyDenied";
}

describe("policy-pack/lib/accessEvaluator: the pack's own policy evaluator", () => {
    for (const row of ROWS) {
        it(`agrees with @cloud-copilot/iam-simulate: ${row.what}`, async () => {
            const real = await realVerdict(row);
            expect(packVerdict(row), row.what).to.equal(real);
        });
    }

    it("has rows of both verdicts, so agreement means something", async () => {
        const verdicts = await Promise.all(ROWS.map(realVerdict));
        expect(new Set(verdicts)).to.deep.equal(new Set(["Allowed", "ImplicitlyDenied", "ExplicitlyDenied"]));
    });

    it("tells an explicit deny from a missing allow", () => {
        const request: AccessRequest = { principal: ROLE, action: "s3:ReplicateObject", resource: VAULT_OBJECT, context: {} };
        expect(evaluatePolicy([deny({ Principal: "*", Action: "s3:*", Resource: "*" })], request, "resource")).to.deep.equal({ deny: true, allow: false, allowAccount: false });
        expect(evaluatePolicy([allow({ Principal: { AWS: SOURCE }, Action: "s3:*", Resource: "*" })], request, "resource")).to.deep.equal({ deny: false, allow: false, allowAccount: true });
    });

    describe("values not known until `pulumi up`", () => {
        const request: AccessRequest = { principal: ROLE, action: "s3:ReplicateObject", resource: VAULT_OBJECT, context: { "aws:PrincipalArn": ROLE } };
        const ROWS_UNKNOWN: [string, Record<string, unknown>, Partial<Record<"deny" | "allow" | "allowAccount", Tri>>][] = [
            ["a principal not known yet may be the role", allow({ Principal: { AWS: UNKNOWN }, Action: "s3:*", Resource: "*" }), { allow: "unknown", allowAccount: "unknown" }],
            ["a whole Principal not known yet", allow({ Principal: UNKNOWN, Action: "s3:*", Resource: "*" }), { allow: "unknown", allowAccount: "unknown" }],
            ["an Effect not known yet", { Effect: UNKNOWN, Principal: "*", Action: "s3:*", Resource: "*" }, { deny: "unknown", allow: "unknown" }],
            ["a Resource not known yet", deny({ Principal: "*", Action: "s3:*", Resource: UNKNOWN }), { deny: "unknown" }],
            ["one Resource not known yet beside one that matches", deny({ Principal: "*", Action: "s3:*", Resource: [UNKNOWN, "arn:aws:s3:::vault/*"] }), { deny: true }],
            ["an Action list not known yet", deny({ Principal: "*", Action: UNKNOWN, Resource: "*" }), { deny: "unknown" }],
            ["a Condition not known yet", deny({ Principal: "*", Action: "s3:*", Resource: "*", Condition: UNKNOWN }), { deny: "unknown" }],
            ["a condition value not known yet", deny({ Principal: "*", Action: "s3:*", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": UNKNOWN } } }), { deny: "unknown" }],
            ["a NotPrincipal not known yet", deny({ NotPrincipal: { AWS: [UNKNOWN] }, Action: "s3:*", Resource: "*" }), { deny: "unknown" }],
            ["a NotPrincipal naming the role beside an unknown", deny({ NotPrincipal: { AWS: [UNKNOWN, ROLE] }, Action: "s3:*", Resource: "*" }), {}],
            ["a date condition, which this evaluator does not decide", deny({ Principal: "*", Action: "s3:*", Resource: "*", Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } } }), { deny: "unknown" }],
            ["a policy variable in a condition value", allow({ Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalArn": "${aws:username}" } } }), { allow: "unknown" }],
        ];
        for (const [what, statement, expected] of ROWS_UNKNOWN) {
            it(`judges ${what}`, () => {
                expect(evaluatePolicy([statement], request, "resource")).to.deep.equal({ deny: false, allow: false, allowAccount: false, ...expected });
            });
        }

        it("decides unknown only where the unknown could change the answer", () => {
            const allowed = { deny: false, allow: true, allowAccount: false } as const;
            expect(decide({ service: "s3", sameAccount: false, identity: allowed, resource: { ...allowed, deny: "unknown" } })).to.equal("unknown");
            expect(decide({ service: "s3", sameAccount: false, identity: NOTHING, resource: { ...allowed, deny: "unknown" } })).to.equal(false);
            expect(decide({ service: "s3", sameAccount: "unknown", identity: allowed, resource: allowed })).to.equal(true);
            expect(decide({ service: "s3", sameAccount: "unknown", identity: allowed, resource: NOTHING })).to.equal("unknown");
            expect(decide({ service: "kms", sameAccount: true, identity: allowed, resource: { deny: false, allow: false, allowAccount: "unknown" } })).to.equal("unknown");
        });

        it("reads a resource ARN not known yet as matching only a Resource of *", () => {
            const unknownResource = { ...request, resource: UNKNOWN };
            expect(evaluatePolicy([deny({ Principal: "*", Action: "s3:*", Resource: "*" })], unknownResource, "resource").deny).to.equal(true);
            expect(evaluatePolicy([deny({ Principal: "*", Action: "s3:*", NotResource: "*" })], unknownResource, "resource").deny).to.equal(false);
            expect(evaluatePolicy([deny({ Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::vault/*" })], unknownResource, "resource").deny).to.equal("unknown");
        });
    });

    it("reads policy documents as JSON strings or objects, told apart from absent, unknown and unreadable ones", () => {
        expect(readDocument(undefined)).to.deep.equal({ kind: "absent" });
        expect(readDocument("")).to.deep.equal({ kind: "absent" });
        expect(readDocument(UNKNOWN)).to.deep.equal({ kind: "unknown" });
        expect(readDocument({ Statement: UNKNOWN })).to.deep.equal({ kind: "unknown" });
        expect(readDocument({ Statement: [UNKNOWN] })).to.deep.equal({ kind: "unknown" });
        expect(readDocument("{ nope")).to.deep.equal({ kind: "invalid" });
        expect(readDocument("[1]")).to.deep.equal({ kind: "invalid" });
        expect(readDocument({ Statement: ["x"] })).to.deep.equal({ kind: "invalid" });
        expect(readDocument({ Statement: { Effect: "Allow" } })).to.deep.equal({ kind: "statements", statements: [{ Effect: "Allow" }] });
    });

    it("tests each condition operator as AWS documents it", () => {
        const context = { "aws:PrincipalArn": ROLE, n: "5", flag: "true", empty: " " };
        const CASES: [string, string, unknown, Tri][] = [
            ["StringEquals", "aws:PrincipalArn", ROLE, true],
            ["StringEquals", "aws:principalarn", [OTHER_ROLE, ROLE], true],
            ["StringNotEquals", "aws:PrincipalArn", ROLE, false],
            ["StringNotEquals", "absent", "x", true],
            ["StringLike", "aws:PrincipalArn", "arn:aws:iam::*:role/repl?cation", true],
            ["StringNotLike", "aws:PrincipalArn", "*:role/other", true],
            ["StringEquals", "absent", "x", false],
            ["StringEqualsIfExists", "absent", "x", true],
            ["StringEqualsIgnoreCase", "aws:PrincipalArn", ROLE.toUpperCase(), true],
            ["StringNotEqualsIgnoreCase", "aws:PrincipalArn", ROLE.toUpperCase(), false],
            ["ArnEquals", "aws:PrincipalArn", "arn:aws:iam::111111111111:role/*", true],
            ["ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::111111111111:role/*", false],
            ["ArnNotEquals", "absent", "arn:aws:iam::1:role/x", true],
            ["Bool", "flag", "TRUE", true],
            ["Bool", "flag", "false", false],
            ["Null", "absent", "true", true],
            ["Null", "flag", "true", false],
            ["Null", "flag", "false", true],
            ["NumericLessThan", "n", "6", true],
            ["NumericLessThanEquals", "n", "5", true],
            ["NumericGreaterThan", "n", "5", false],
            ["NumericGreaterThanEquals", "n", "5", true],
            ["NumericEquals", "n", "5", true],
            ["NumericNotEquals", "n", "5", false],
            ["NumericEquals", "flag", "5", false],
            ["ForAllValues:StringEquals", "absent", "x", true],
            ["ForAnyValue:StringEquals", "aws:PrincipalArn", ROLE, true],
            ["ForAnyValue:StringEquals", "absent", "x", false],
            ["IpAddress", "aws:SourceIp", "10.0.0.0/8", "unknown"],
            ["NumericLessThan", "n", "5", false],
            ["NumericLessThanEquals", "n", "4", false],
            ["NumericGreaterThan", "n", "4", true],
            ["NumericGreaterThanEquals", "n", "6", false],
            ["NumericEquals", "n", "x", false],
            ["NumericEquals", "empty", "0", false],
            ["StringNotEqualsIgnoreCase", "absent", "x", true],
            ["StringNotLike", "absent", "x", true],
            ["StringLikeIfExists", "aws:PrincipalArn", "*:role/other", false],
            ["ForAllValues:StringEquals", "aws:PrincipalArn", "x", false],
            ["StringEquals", "aws:PrincipalArn", "${aws:username}", "unknown"],
            ["StringEquals", "aws:PrincipalArn", [ROLE, UNKNOWN], "unknown"],
            ["StringEquals", "aws:PrincipalArn", UNKNOWN, "unknown"],
        ];
        for (const [operator, key, values, expected] of CASES) {
            expect(conditionMatch(operator, key, values, context), `${operator} ${key} ${JSON.stringify(values)}`).to.equal(expected);
        }
        expect(conditionMatch("StringEquals", "k", "x", { k: UNKNOWN })).to.equal("unknown");
    });

    it("matches principals, actions (any case) and resources (exact case), and reads malformed conditions as unknown", () => {
        const CASES: [Record<string, unknown>, string][] = [
            [{ Principal: { AWS: `x${SOURCE}` } }, "none"],
            [{ Principal: { AWS: `arn:aws:iam::${SOURCE}:rootx` } }, "none"],
            [{ Principal: { AWS: `arn:aws-us-gov:iam::${SOURCE}:root` } }, "account"],
            [{ Principal: { AWS: [OTHER_ROLE, UNKNOWN] } }, "unknown"],
            [{ Principal: { AWS: [UNKNOWN, SOURCE] } }, "account"],
            [{ Principal: { Service: "s3.amazonaws.com" } }, "none"],
            [{ NotPrincipal: UNKNOWN }, "unknown"],
            [{ NotPrincipal: { AWS: OTHER_ROLE } }, "match"],
            [{ NotPrincipal: { AWS: `arn:aws:iam::${SOURCE}:root` } }, "none"],
        ];
        for (const [statement, expected] of CASES) {
            expect(principalMatch(statement, ROLE), JSON.stringify(statement)).to.equal(expected);
        }
        expect(actionMatch({ Action: "S3:REPLICATE*" }, "s3:ReplicateObject")).to.equal(true);
        expect(actionMatch({ NotAction: UNKNOWN }, "s3:ReplicateObject")).to.equal("unknown");
        expect(resourceMatch({ Resource: "ARN:AWS:S3:::vault/*" }, VAULT_OBJECT)).to.equal(false);
        expect(resourceMatch({ NotResource: "arn:aws:s3:::other/*" }, VAULT_OBJECT)).to.equal(true);
        expect(conditionsMatch({ Condition: null }, {})).to.equal(true);
        expect(conditionsMatch({ Condition: "x" }, {})).to.equal("unknown");
        expect(conditionsMatch({ Condition: { StringEquals: "x" } }, {})).to.equal("unknown");
        expect(conditionsMatch({ Condition: { StringEquals: { a: "1" }, Bool: { b: "true" } } }, { a: "1", b: "false" })).to.equal(false);
        expect(readDocument("null")).to.deep.equal({ kind: "invalid" });
        expect(readDocument({ Statement: [null] })).to.deep.equal({ kind: "invalid" });
        expect(readDocument(null)).to.deep.equal({ kind: "absent" });
        expect(readDocument({})).to.deep.equal({ kind: "statements", statements: [] });
    });

    it("combines three-valued answers", () => {
        expect([or3(false, "unknown"), or3(true, "unknown"), or3(false, false), or3()]).to.deep.equal(["unknown", true, false, false]);
        expect([and3(true, "unknown"), and3(false, "unknown"), and3(true, true), and3()]).to.deep.equal(["unknown", false, true, true]);
    });
});
