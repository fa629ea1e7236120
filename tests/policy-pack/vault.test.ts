import { expect } from "chai";
import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { resource, urnOf } from "../support/fixtures";
import { PackProcess, inProcessVerdicts, key } from "./harness";
import { AUDIT, BucketSpec, STYLES, Style, UNKNOWN, compliantSpec, render, tlsDeny } from "./styles";
import {
    DEFAULT_RULE,
    ROLE_ARN,
    SOURCE_ACCOUNT,
    SOURCE_PROVIDER,
    VAULT,
    VAULT_ACCOUNT,
    VAULT_ARN,
    VAULT_KEY_ARN,
    VAULT_PROVIDER,
    VaultStack,
    keyGrant,
    protectVault,
    provider,
    replicateGrant,
    using,
    vaultKey,
    vaultStack,
} from "./vaultFixtures";

const SOURCE = `bucket "${AUDIT}" (${AUDIT}-bucket)`;
const messages = (stack: VaultStack, policy: string, style: Style = "v7 split resources", config = {}): string[] =>
    inProcessVerdicts(vaultStack(stack, style), config)
        .filter((v) => v.policy === policy)
        .map((v) => `${v.enforcementLevel}: ${v.message.split("\n").slice(1).join("\n")}`);

describe("the pack on an audit-log bucket replicated into a vault", () => {
    // AWS-S3-153: the vault's TLS deny (tlsDeny) does not refuse the replication role.
    for (const style of STYLES) {
        it(`raises nothing on an unlocked Config bucket replicating into a locked vault in another region (${style})`, () => {
            expect(inProcessVerdicts(vaultStack({}, style))).to.deep.equal([]);
        });
    }

    describe("audit-log-object-lock: met by a vault with an Object Lock default retention (AWS-S3-152)", () => {
        for (const style of STYLES) {
            it(`counts the vault's retention, and holds it to the policy's minimum and mode (${style})`, () => {
                expect(messages({}, "audit-log-object-lock", style)).to.deep.equal([]);
                expect(messages({ vault: { objectLock: { mode: "GOVERNANCE", days: 30 } } }, "audit-log-object-lock", style, { "audit-log-object-lock": { minObjectLockDays: 365, requireComplianceMode: true } })).to.deep.equal([
                    `advisory: the vault bucket "${VAULT}" (${VAULT}-bucket) of ${SOURCE} keeps objects locked 30 days by default, shorter than the required 365: set defaultRetention.days to 365 or more.`,
                    `advisory: the vault bucket "${VAULT}" (${VAULT}-bucket) of ${SOURCE} uses Object Lock mode GOVERNANCE, which a privileged user can bypass: set defaultRetention.mode to "COMPLIANCE".`,
                ]);
            });

            it(`does not push a Config bucket towards Object Lock, but towards a vault (AWS-CFG-150) (${style})`, () => {
                expect(messages({ vault: { objectLock: undefined } }, "audit-log-object-lock", style)).to.deep.equal([
                    `advisory: ${SOURCE} has no WORM copy, and receives AWS Config, which does not deliver to a bucket with Object Lock: do not lock it; replicate the bucket into an Object-Locked vault bucket in another region instead (vaultRegion in this package's component).`,
                ]);
            });
        }

        it("leaves a bucket that replicates outside the stack undecided: whether that copy is locked cannot be seen", () => {
            const [found] = messages({ source: { statements: [] }, replication: { rules: [{ destination: "arn:aws:s3:::elsewhere" }] } }, "audit-log-object-lock");
            expect(found).to.equal(`advisory: not decided until \`pulumi up\`: ${SOURCE} replicates to elsewhere, outside what is checked here, so whether that copy is Object-Locked cannot be seen.`);
        });

        it("still offers both ways to a bucket that does not receive Config", () => {
            const [found] = messages({ source: { statements: [] }, vault: { objectLock: undefined } }, "audit-log-object-lock");
            expect(found).to.equal(
                `advisory: ${SOURCE} has no Object Lock: create the bucket with objectLockEnabled: true and add a BucketObjectLockConfiguration default retention (objectLockDays in the component), or replicate the bucket into an Object-Locked vault bucket in another region instead (vaultRegion in this package's component).`,
            );
        });

        it("does not count a vault whose only rule is disabled, and waits for a vault retention not known yet", () => {
            expect(messages({ replication: { rules: [{ enabled: false }] } }, "audit-log-object-lock")).to.have.length(1);
            expect(messages({ vault: { objectLock: { mode: "COMPLIANCE", days: UNKNOWN } } }, "audit-log-object-lock")).to.deep.equal([
                `advisory: not decided until \`pulumi up\`: the vault bucket "${VAULT}" (${VAULT}-bucket) of ${SOURCE} takes its Object Lock retention from a value not known yet.`,
            ]);
        });

        it("joins a destination named by an ARN not known yet through the rules' dependency on the vault", () => {
            const unknownArn = (vaultUrn: string) => ({ rules: [{ destination: UNKNOWN }], dependsOn: [vaultUrn] });
            const stack = vaultStack({});
            const vaultUrn = stack.find((r) => r.name === `${VAULT}-bucket`)?.urn as string;
            expect(messages({ replication: unknownArn(vaultUrn) }, "audit-log-object-lock")).to.deep.equal([]);
            expect(messages({ replication: { rules: [{ destination: UNKNOWN }] } }, "audit-log-object-lock")).to.have.length(1);
        });
    });

    describe("audit-log-replication: met by a destination in another region", () => {
        const sameRegion = provider({ name: "vault-same-region", region: "us-east-1", account: "210987654321" });
        const ROWS: [string, VaultStack, string[]][] = [
            ["a vault of the stack in another region, by provider region", {}, []],
            ["a vault in the same region", { vaultProvider: sameRegion }, [`advisory: ${SOURCE} replicates only within its own region: replicate to a bucket in another region (vaultRegion in the component), so a regional outage cannot reach every copy.`]],
            ["a vault on the source's own provider, with no region set", { vaultProvider: SOURCE_PROVIDER, sourceProvider: SOURCE_PROVIDER }, [`advisory: ${SOURCE} replicates only within its own region: replicate to a bucket in another region (vaultRegion in the component), so a regional outage cannot reach every copy.`]],
            ["a vault whose provider's region is not known yet", { vaultProvider: provider({ name: "vault-unknown", region: UNKNOWN }) }, [`advisory: not decided until \`pulumi up\`: ${SOURCE} replicates to a bucket of the stack whose region is not known yet.`]],
            ["a vault on a provider without a region", { vaultProvider: provider({ name: "vault-default" }) }, [`advisory: not decided until \`pulumi up\`: ${SOURCE} replicates to a bucket of the stack whose region is not known yet.`]],
            ["a destination outside the stack, whose region cannot be known", { vault: null }, []],
            ["two rules, one to the same region and one outside the stack", { vaultProvider: sameRegion, replication: { rules: [{}, { destination: "arn:aws:s3:::elsewhere" }] } }, []],
        ];
        for (const [what, stack, expected] of ROWS) {
            it(`judges ${what}`, () => {
                expect(messages(stack, "audit-log-replication")).to.deep.equal(expected);
            });
        }

        it("does not ask a vault that is itself an audit-log bucket to replicate again: it is the second copy", () => {
            const named = `network-compliance-logs-vault-${VAULT_ACCOUNT}-us-west-2`;
            const stack = vaultStack({ replication: { rules: [{ ...DEFAULT_RULE, destination: `arn:aws:s3:::${named}` }] }, vault: null, key: null });
            const vault = using(render(compliantSpec(named, { replication: false, objectLock: { mode: "COMPLIANCE", days: 365 } }), "v7 split resources"), VAULT_PROVIDER);
            expect(inProcessVerdicts([...stack, ...vault]).filter((v) => v.policy === "audit-log-replication")).to.deep.equal([]);
            expect(inProcessVerdicts([VAULT_PROVIDER, ...vault]).filter((v) => v.policy === "audit-log-replication")).to.have.length(1);
        });

        it("reads a resource's own v7 region over its provider's", () => {
            const stack = vaultStack({ vaultProvider: SOURCE_PROVIDER, sourceProvider: SOURCE_PROVIDER }).map((r) => (r.name === `${VAULT}-bucket` ? { ...r, properties: { ...r.properties, region: "eu-west-1" } } : r));
            expect(inProcessVerdicts(stack).filter((v) => v.policy === "audit-log-replication")).to.deep.equal([]);
            expect(VAULT_ARN).to.equal(`arn:aws:s3:::${VAULT}`);
        });
    });
});

describe("s3-replication-role-admitted: the role may write into the vault and use its key", () => {
    const RULE = `replication rule vault of ${SOURCE}`;
    const VAULT_BUCKET = `bucket "${VAULT}" (${VAULT}-bucket)`;
    const admitted = (stack: VaultStack, style: Style = "v7 split resources"): string[] => messages(stack, "s3-replication-role-admitted", style);
    const SAME_ACCOUNT_KEY = `arn:aws:kms:us-west-2:${SOURCE_ACCOUNT}:key/0000aaaa-12ab-34cd-56ef-1234567890ab`;
    const sameAccountVault = provider({ name: "vault-same-account", region: "us-west-2", account: SOURCE_ACCOUNT });
    const sameAccountKey = vaultKey({ statements: [{ Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SOURCE_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] }).map((r) => ({ ...r, properties: { ...r.properties, arn: SAME_ACCOUNT_KEY } }));
    const sameAccount = (extra: AnalyzerResource[], vault: Partial<BucketSpec> = { statements: [tlsDeny(VAULT), protectVault()] }): VaultStack => ({
        vaultProvider: sameAccountVault,
        vault,
        key: sameAccountKey,
        replication: { rules: [{ ...DEFAULT_RULE, replicaKmsKeyId: SAME_ACCOUNT_KEY }] },
        extra: using(extra, SOURCE_PROVIDER),
    });
    const role = resource("aws:iam/role:Role", "replication-role", { name: "audit-replication", assumeRolePolicy: "{}" });
    const rolePolicy = (statements: Record<string, unknown>[]) => resource("aws:iam/rolePolicy:RolePolicy", "replication-policy", { role: "audit-replication", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
    const REPLICATES = { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateTags"], Resource: `${VAULT_ARN}/*` };
    const ENCRYPTS = { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt"], Resource: SAME_ACCOUNT_KEY };

    for (const style of STYLES) {
        it(`reports a cross-account vault whose bucket policy does not admit the role (AWS-S3-151) (${style})`, () => {
            expect(admitted({ vault: { statements: [tlsDeny(VAULT), protectVault()] } }, style)).to.deep.equal([
                `mandatory: ${RULE} cannot write into ${VAULT_BUCKET} (s3:ReplicateObject) as ${ROLE_ARN}: it is not granted by the destination's bucket policy, which must name the role or its account when they are in different accounts. Replication would leave objects FAILED.`,
            ]);
        });

        it(`reports a vault key whose policy does not admit the role (AWS-KMS-150, AWS-KMS-151) (${style})`, () => {
            expect(admitted({ key: vaultKey({ statements: [{ Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VAULT_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] }) }, style)).to.deep.equal([
                `mandatory: ${RULE} cannot use KMS key vault-key (kms:Encrypt) as ${ROLE_ARN}: it is not granted by the key policy, which must name the role or its account when they are in different accounts. Replication would leave objects FAILED.`,
                `mandatory: ${RULE} cannot use KMS key vault-key (kms:Decrypt) as ${ROLE_ARN}: it is not granted by the key policy, which must name the role or its account when they are in different accounts. Replication would leave objects FAILED.`,
            ]);
        });
    }

    const ROWS: [string, VaultStack, (string | RegExp)[]][] = [
        ["a vault that denies the role ReplicateObject with its admins' exemption", { vault: { statements: [tlsDeny(VAULT), replicateGrant(), protectVault(["s3:Replicate*"])] } }, [/cannot write into .* \(s3:ReplicateObject\) .*: it is denied by the destination's bucket policy \(exempt the role from that Deny, for example by aws:PrincipalArn\)\./]],
        // AWS-S3-150: delete markers need s3:ReplicateDelete, which the vault denies to all but its administrators.
        ["delete markers replicated into a vault that denies ReplicateDelete", { replication: { rules: [{ ...DEFAULT_RULE, deleteMarkers: true }] } }, [/cannot write into .* \(s3:ReplicateDelete\) .*: it is denied by the destination's bucket policy/]],
        ["a grant to the source account's root (the cross-account page's own example)", { vault: { statements: [tlsDeny(VAULT), replicateGrant(`arn:aws:iam::${SOURCE_ACCOUNT}:root`)] } }, []],
        ["a grant on another prefix only", { vault: { statements: [tlsDeny(VAULT), { ...replicateGrant(), Resource: `${VAULT_ARN}/other/*` }] } }, [/cannot write into .* \(s3:ReplicateObject\)/]],
        ["a rule confined to a prefix the grant covers", { replication: { rules: [{ ...DEFAULT_RULE, prefix: "other/" }] }, vault: { statements: [tlsDeny(VAULT), { ...replicateGrant(), Resource: `${VAULT_ARN}/other/*` }] } }, []],
        ["a key grant through S3 of another region", { key: vaultKey({ statements: [keyGrant(undefined, { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } })] }) }, [/\(kms:Encrypt\)/, /\(kms:Decrypt\)/]],
        ["a key grant of Encrypt only, with a Bucket Key on the vault", { key: vaultKey({ statements: [keyGrant(["kms:Encrypt", "kms:GenerateDataKey"])] }) }, [/cannot use KMS key vault-key \(kms:Decrypt\)/]],
        // AWS-KMS-153: no kms:GenerateDataKey is asked of the role.
        ["a key grant of Encrypt only, without a Bucket Key anywhere", { source: { encryption: { algorithm: "aws:kms", kmsKeyId: "k", bucketKey: false } }, vault: { encryption: { algorithm: "aws:kms", kmsKeyId: VAULT_KEY_ARN, bucketKey: false } }, key: vaultKey({ statements: [keyGrant(["kms:Encrypt"], { StringLike: { "kms:EncryptionContext:aws:s3:arn": `${VAULT_ARN}/*` } })] }) }, []],
        ["a key grant confined to the vault's bucket ARN, as with a Bucket Key", { key: vaultKey({ statements: [keyGrant(undefined, { StringEquals: { "kms:EncryptionContext:aws:s3:arn": VAULT_ARN, "kms:CallerAccount": SOURCE_ACCOUNT } })] }) }, []],
        ["a key grant confined to object ARNs while a Bucket Key is on", { key: vaultKey({ statements: [keyGrant(undefined, { StringLike: { "kms:EncryptionContext:aws:s3:arn": `${VAULT_ARN}/*` } })] }) }, [/\(kms:Encrypt\)/, /\(kms:Decrypt\)/]],
        ["a key with a separate KeyPolicy that admits the role", { key: vaultKey({}, "aws.kms.Key with aws.kms.KeyPolicy") }, []],
        // AWS-KMS-152: the default key policy admits only the key's own account.
        ["a key without a policy of its own (the default: its account's IAM)", { key: vaultKey({ statements: undefined }) }, [/\(kms:Encrypt\) .*not granted by the key policy/, /\(kms:Decrypt\)/]],
        ["a key policy that denies callers of other accounts", { key: vaultKey({ statements: [keyGrant(), { Sid: "OnlyMine", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringNotEquals: { "kms:CallerAccount": VAULT_ACCOUNT } } }] }) }, [/\(kms:Encrypt\) .*denied by the key policy/, /\(kms:Decrypt\) .*denied by the key policy/]],
        ["a vault and key outside the stack", { vault: null, key: null }, []],
        [
            "a key without a policy, in an account not known, beside a vault whose account is not known either",
            {
                vaultProvider: provider({ name: "vault-anywhere", region: "us-west-2" }),
                vault: { statements: [tlsDeny(VAULT)] },
                key: vaultKey({ statements: undefined }).map((r) => ({ ...r, properties: { ...r.properties, arn: undefined } })),
                replication: { rules: [{ ...DEFAULT_RULE, replicaKmsKeyId: UNKNOWN }], dependsOn: [urnOf("aws:kms/key:Key", "vault-key")] },
            },
            [/^advisory: not decided until `pulumi up`: whether .* may write into .* \(s3:ReplicateObject\) as .* depends on a policy or an account not known yet\.$/],
        ],
        ["a rule without SSE-KMS selection (no replica key in play)", { replication: { rules: [{ id: "vault" }] }, key: vaultKey({ statements: [] }) }, []],
        ["a disabled rule", { replication: { rules: [{ ...DEFAULT_RULE, enabled: false }] }, vault: { statements: [tlsDeny(VAULT)] } }, []],
        ["a vault whose policy is not known yet", { vault: { policyDocument: UNKNOWN } }, [`advisory: not decided until \`pulumi up\`: ${RULE}: the bucket policy of ${VAULT_BUCKET} is not known yet.`]],
        ["a role not known yet, with no role resource", { replication: { role: UNKNOWN } }, [`advisory: not decided until \`pulumi up\`: ${RULE} replicates as a role not known yet.`]],
        ["a key policy condition value not known yet", { key: vaultKey({ statements: [keyGrant(undefined, { StringEquals: { "kms:ViaService": UNKNOWN } })] }) }, [/^advisory: not decided until `pulumi up`: whether .* may use KMS key vault-key \(kms:Encrypt\) as .* depends on a policy or an account not known yet\.$/, /\(kms:Decrypt\)/]],
        ["a replica key not known yet that the rules do not depend on", { replication: { rules: [{ ...DEFAULT_RULE, replicaKmsKeyId: UNKNOWN }], dependsOn: [] }, vaultProvider: provider({ name: "vault-nowhere", account: VAULT_ACCOUNT }), vault: null }, []],
        ["same account: the role's IAM policy allows, the vault's policy is silent", sameAccount([role, rolePolicy([REPLICATES, ENCRYPTS])]), []],
        ["same account: the role's IAM policy does not allow ReplicateObject", sameAccount([role, rolePolicy([ENCRYPTS])]), [/cannot write into .* \(s3:ReplicateObject\) .*: it is not allowed by the role's own IAM policies\./]],
        ["same account: the role's IAM policy denies ReplicateObject", sameAccount([role, rolePolicy([REPLICATES, ENCRYPTS, { Effect: "Deny", Action: "s3:ReplicateObject", Resource: "*" }])]), [/\(s3:ReplicateObject\) .*: it is denied by the role's own IAM policy\./]],
        ["same account: a key that delegates to IAM, and a role policy without kms:Encrypt", sameAccount([role, rolePolicy([REPLICATES])]), [/\(kms:Encrypt\) .*not allowed by the role's own IAM policies/, /\(kms:Decrypt\)/]],
        ["same account: the role's policy through an aws.iam.Policy attachment", sameAccount([role, resource("aws:iam/policy:Policy", "replication-managed", { arn: `arn:aws:iam::${SOURCE_ACCOUNT}:policy/replication`, policy: JSON.stringify({ Statement: [REPLICATES, ENCRYPTS] }) }), resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", { role: "audit-replication", policyArn: `arn:aws:iam::${SOURCE_ACCOUNT}:policy/replication` })]), []],
        ["same account: the role's inline policies on aws.iam.Role", sameAccount([{ ...role, properties: { ...role.properties, inlinePolicies: [{ name: "p", policy: JSON.stringify({ Statement: [REPLICATES, ENCRYPTS] }) }] } }]), []],
        ["same account: a policy attached from outside the stack may allow", sameAccount([role, rolePolicy([]), resource("aws:iam/policyAttachment:PolicyAttachment", "outside", { roles: ["audit-replication"], policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" })]), []],
        ["same account: a role policy not known yet", sameAccount([role, { ...rolePolicy([]), properties: { role: "audit-replication", policy: UNKNOWN } }]), [/^advisory: .*\(s3:ReplicateObject\)/, /^advisory: .*\(kms:Encrypt\)/, /^advisory: .*\(kms:Decrypt\)/]],
        ["same account: a key without a statement for its account's root", sameAccount([role, rolePolicy([REPLICATES, ENCRYPTS])]).key ? { ...sameAccount([role, rolePolicy([REPLICATES, ENCRYPTS])]), key: sameAccountKey.map((r) => ({ ...r, properties: { ...r.properties, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SOURCE_ACCOUNT}:role/admin` }, Action: "kms:*", Resource: "*" }] }) } })) } : {}, [/\(kms:Encrypt\) .*not granted by the key policy, which must name the role or delegate to its account/, /\(kms:Decrypt\)/]],
    ];
    for (const [what, stack, expected] of ROWS) {
        it(`judges ${what}`, () => {
            const found = admitted(stack);
            expect(found, JSON.stringify(found, null, 2)).to.have.length(expected.length);
            expected.forEach((pattern, index) => (typeof pattern === "string" ? expect(found[index]).to.equal(pattern) : expect(found[index]).to.match(pattern)));
        });
    }

    it("builds a created role's ARN from its name and its provider's account, and joins it by dependency", () => {
        const created = { ...role, provider: `${SOURCE_PROVIDER.urn}::source-id`, properties: { ...role.properties, arn: UNKNOWN } };
        const stack = vaultStack({ replication: { role: UNKNOWN, dependsOn: [created.urn] }, vault: { statements: [tlsDeny(VAULT), protectVault()] }, extra: [created] });
        const withDependency = stack.map((r) => (r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig" ? { ...r, propertyDependencies: { ...r.propertyDependencies, role: [created.urn] } } : r));
        expect(inProcessVerdicts(withDependency).filter((v) => v.policy === "s3-replication-role-admitted").map((v) => v.message.split("\n")[1])).to.deep.equal([
            `${RULE} cannot write into ${VAULT_BUCKET} (s3:ReplicateObject) as ${ROLE_ARN}: it is not granted by the destination's bucket policy, which must name the role or its account when they are in different accounts. Replication would leave objects FAILED.`,
            // A role the stack declares is judged by the policies the stack gives it: here none.
            `${RULE} cannot use KMS key vault-key (kms:Encrypt) as ${ROLE_ARN}: it is not allowed by the role's own IAM policies. Replication would leave objects FAILED.`,
            `${RULE} cannot use KMS key vault-key (kms:Decrypt) as ${ROLE_ARN}: it is not allowed by the role's own IAM policies. Replication would leave objects FAILED.`,
        ]);
    });
});

describe("audit-log-vault-isolated: only a cross-account COMPLIANCE vault keeps the promise", () => {
    const VAULT_OF = `bucket "${VAULT}" (${VAULT}-bucket), the vault of ${SOURCE},`;
    const isolated = (stack: VaultStack, style: Style = "v7 split resources"): string[] => messages(stack, "audit-log-vault-isolated", style);
    for (const style of STYLES) {
        it(`reports a GOVERNANCE vault in the source's own account (AWS-S3-154) (${style})`, () => {
            const sameAccount = provider({ name: "vault-same-account", region: "us-west-2", account: SOURCE_ACCOUNT });
            expect(isolated({ vaultProvider: sameAccount, vault: { objectLock: { mode: "GOVERNANCE", days: 30 } } }, style)).to.deep.equal([
                `advisory: ${VAULT_OF} locks in GOVERNANCE mode, which a principal with s3:BypassGovernanceRetention can lift: use COMPLIANCE (vaultObjectLockMode), under which no user, the root user included, can delete a locked version before its retention ends.`,
                `advisory: ${VAULT_OF} is in the source's own account (${SOURCE_ACCOUNT}): whoever administers that account also administers the vault (its policy, lifecycle and replication); put it in another account (vaultAccountId and vaultRoleArn in the component).`,
            ]);
        });
    }

    const ROWS: [string, VaultStack, string[]][] = [
        ["a COMPLIANCE vault in another account", {}, []],
        ["a COMPLIANCE vault whose provider assumes a role of another account", { vaultProvider: provider({ name: "vault-assumed", region: "us-west-2", assumeRoleArn: `arn:aws:iam::${VAULT_ACCOUNT}:role/deployer` }) }, []],
        ["a vault on the source's own provider", { vaultProvider: SOURCE_PROVIDER }, [`advisory: ${VAULT_OF} is in the source's own account (${SOURCE_ACCOUNT}): whoever administers that account also administers the vault (its policy, lifecycle and replication); put it in another account (vaultAccountId and vaultRoleArn in the component).`]],
        ["a vault named for owner override in the source's account", { replication: { rules: [{ ...DEFAULT_RULE, account: SOURCE_ACCOUNT }] } }, [`advisory: ${VAULT_OF} is in the source's own account (${SOURCE_ACCOUNT}): whoever administers that account also administers the vault (its policy, lifecycle and replication); put it in another account (vaultAccountId and vaultRoleArn in the component).`]],
        ["a vault whose account is not known", { vaultProvider: provider({ name: "vault-anywhere", region: "us-west-2" }) }, [`advisory: not decided until \`pulumi up\`: whether ${VAULT_OF.slice(0, -1)} is in another account is not known: set the providers' allowedAccountIds.`]],
        ["a vault whose mode is not known yet", { vault: { objectLock: { mode: UNKNOWN, days: 30 } } }, [`advisory: not decided until \`pulumi up\`: ${VAULT_OF} takes its Object Lock mode from a value not known yet.`]],
        ["a destination without Object Lock (no vault)", { vault: { objectLock: undefined } }, []],
        ["a destination outside the stack", { vault: null }, []],
    ];
    for (const [what, stack, expected] of ROWS) {
        it(`judges ${what}`, () => {
            expect(isolated(stack)).to.deep.equal(expected);
        });
    }
});

describe("the vault rules, driven over the Analyzer protocol", function () {
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start();
    });
    after(() => pack?.close());

    const STACKS: [string, VaultStack, string[]][] = [
        ["a Config bucket replicating into a cross-account COMPLIANCE vault", {}, []],
        ["a vault whose policy does not admit the role", { vault: { statements: [tlsDeny(VAULT), protectVault()] } }, ["s3-replication-role-admitted"]],
        ["a vault key that does not admit the role", { key: vaultKey({ statements: [] }) }, ["s3-replication-role-admitted", "s3-replication-role-admitted"]],
        // On the source's provider the vault is in us-east-1, where the key's grant (through s3.us-west-2) does not apply.
        ["a GOVERNANCE vault on the source's provider", { vaultProvider: SOURCE_PROVIDER, vault: { objectLock: { mode: "GOVERNANCE", days: 30 } } }, ["audit-log-replication", "audit-log-vault-isolated", "audit-log-vault-isolated", "s3-replication-role-admitted", "s3-replication-role-admitted"]],
        ["a locked Config bucket", { source: { objectLock: { mode: "COMPLIANCE", days: 30 } } }, ["s3-config-delivery-no-object-lock"]],
    ];
    for (const style of STYLES) {
        for (const [what, stack, policies] of STACKS) {
            it(`judges ${what} as in process (${style})`, async () => {
                const resources = vaultStack(stack, style);
                const violations = await pack.verdicts(resources);
                expect(violations.map((v) => v.policy).sort()).to.deep.equal([...policies].sort());
                expect(inProcessVerdicts(resources).map(key).sort()).to.deep.equal(violations.map(key).sort());
            });
        }
    }
});
