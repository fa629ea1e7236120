import { expect } from "chai";
import type { PolicyResource } from "@pulumi/policy";
import { NOTHING, type Tri } from "../../policy-pack/lib/accessEvaluator";
import { bucketViews } from "../../policy-pack/lib/buckets";
import { keyViews } from "../../policy-pack/lib/keys";
import { accountOf, configDelivery, destinationAccount, destinationsOf, isVault, objectLockEnabled, ofType, regionOf, sameAccountAsSource, sameRegion, sourceAccount } from "../../policy-pack/lib/replication";
import { identityVerdict, keyPlace, keyPolicyDocuments, replicaKeyOf, resourceVerdict, roleContext, roleOf, rolePolicies, usesBucketKey, viaService } from "../../policy-pack/lib/replicationAccess";
import type { StackContext } from "../../policy-pack/lib/rule";
import { UNKNOWN } from "./styles";

/** A resource as @pulumi/policy hands it to a stack policy: plain props, dependencies as resources, the provider's props. */
function policyResource(type: string, name: string, props: Record<string, unknown>, extra: { provider?: Record<string, unknown>; dependencies?: Record<string, PolicyResource[]> } = {}): PolicyResource {
    return {
        type,
        name,
        urn: `urn:pulumi:test::fixtures::${type}::${name}`,
        props,
        opts: {},
        dependencies: [],
        propertyDependencies: extra.dependencies ?? {},
        ...(extra.provider ? { provider: { type: "pulumi:providers:aws", urn: `urn:pulumi:test::fixtures::pulumi:providers:aws::${name}-provider`, name: `${name}-provider`, props: extra.provider } } : {}),
    } as unknown as PolicyResource;
}

const context = (resources: PolicyResource[]): StackContext => ({ resources, buckets: bucketViews(resources), keys: keyViews(resources) });
const ROLE = "arn:aws:iam::111111111111:role/ops/replication";

describe("policy-pack/lib/replication and replicationAccess: what the stack tells about a replication", () => {
    it("reads an account from a single allowed account, else from the one role the provider assumes", () => {
        const at = (provider: Record<string, unknown>) => accountOf(policyResource("aws:s3/bucket:Bucket", "b", {}, { provider }));
        expect(at({ allowedAccountIds: '["111111111111"]' })).to.equal("111111111111");
        expect(at({ allowedAccountIds: ["111111111111"] })).to.equal("111111111111");
        expect(at({ allowedAccountIds: '["111111111111","222222222222"]' })).to.equal(undefined);
        expect(at({ allowedAccountIds: "not json" })).to.equal(undefined);
        expect(at({ assumeRoles: '[{"roleArn":"arn:aws:iam::222222222222:role/deploy"}]' })).to.equal("222222222222");
        expect(at({ assumeRoles: [{ roleArn: "arn:aws-cn:iam::333333333333:role/deploy" }] })).to.equal("333333333333");
        expect(at({ assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/a" }, { roleArn: "arn:aws:iam::333333333333:role/b" }] })).to.equal(undefined);
        expect(at({ assumeRoles: [{ roleArn: UNKNOWN }, "x"] })).to.equal(undefined);
        expect(accountOf(policyResource("aws:s3/bucket:Bucket", "b", {}))).to.equal(undefined);
    });

    it("reads a region from the resource's own region first, and tells when two resources share one", () => {
        const a = policyResource("aws:s3/bucket:Bucket", "a", {}, { provider: { region: "us-east-1" } });
        const own = policyResource("aws:s3/bucket:Bucket", "own", { region: "eu-west-1" }, { provider: { region: "us-east-1" } });
        const unknownOwn = policyResource("aws:s3/bucket:Bucket", "u", { region: UNKNOWN });
        expect(regionOf(a)).to.deep.equal({ region: "us-east-1", unknown: false, own: false });
        expect(regionOf(own)).to.deep.equal({ region: "eu-west-1", unknown: false, own: true });
        expect(regionOf(unknownOwn)).to.deep.equal({ region: undefined, unknown: true, own: true });
        expect(regionOf(policyResource("aws:s3/bucket:Bucket", "none", {}))).to.deep.equal({ region: undefined, unknown: true, own: false });
        expect([sameRegion(a, own), sameRegion(a, a), sameRegion(unknownOwn, unknownOwn)]).to.deep.equal([false, true, "unknown"]);
    });

    it("counts Object Lock from the bucket flag or a retention, and a vault only with a default retention", () => {
        const views = bucketViews([
            policyResource("aws:s3/bucket:Bucket", "flag", { bucket: "flag", objectLockEnabled: true }),
            policyResource("aws:s3/bucket:Bucket", "maybe", { bucket: "maybe", objectLockEnabled: UNKNOWN }),
            policyResource("aws:s3/bucket:Bucket", "off", { bucket: "off" }),
            policyResource("aws:s3/bucket:Bucket", "inline", { bucket: "inline", objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", days: 1 } } } }),
        ]);
        expect(views.map(objectLockEnabled)).to.deep.equal([true, "unknown", false, true]);
        const destination = (index: number) => ({ setting: {} as never, rule: {} as never, view: views[index] });
        expect([isVault(destination(0)), isVault(destination(3)), isVault({ setting: {} as never, rule: {} as never })]).to.deep.equal([false, true, false]);
    });

    it("joins a destination by ARN, or by the one bucket the rules depend on, and names none when two could be it", () => {
        const a = policyResource("aws:s3/bucket:Bucket", "a", { bucket: "a" });
        const b = policyResource("aws:s3/bucket:Bucket", "b", { bucket: "b" });
        const source = (rules: unknown, dependencies: PolicyResource[]) =>
            policyResource("aws:s3/bucket:Bucket", "src", { bucket: "src", replicationConfiguration: { role: ROLE, rules } }, { dependencies: { replicationConfiguration: dependencies } });
        const joined = (resources: PolicyResource[]) => {
            const ctx = context(resources);
            return destinationsOf(ctx.buckets.find((view) => view.name === "src")!, ctx).map((destination) => destination.view?.name ?? destination.name ?? "-");
        };
        expect(joined([a, b, source([{ status: "Enabled", destination: { bucket: "arn:aws-cn:s3:::b" } }], [])])).to.deep.equal(["b"]);
        expect(joined([a, b, source([{ status: "Enabled", destination: { bucket: UNKNOWN } }], [a])])).to.deep.equal(["a"]);
        expect(joined([a, b, source([{ status: "Enabled", destination: { bucket: UNKNOWN } }], [a, b])])).to.deep.equal(["-"]);
        expect(joined([a, source([{ status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }, { status: "Disabled", destination: { bucket: "arn:aws:s3:::a" } }, { destination: { bucket: "arn:aws:s3:::a" } }], [])])).to.deep.equal(["elsewhere"]);
        expect(joined([a, source([UNKNOWN], [a])])).to.deep.equal(["a"]);
    });

    it("takes the source account from its provider, else from the replication role", () => {
        const [view] = bucketViews([policyResource("aws:s3/bucket:Bucket", "s", { bucket: "s" })]);
        expect(sourceAccount(view, { role: ROLE } as never)).to.equal("111111111111");
        expect(sourceAccount(view, { role: UNKNOWN } as never)).to.equal(undefined);
    });

    it("finds the role by ARN or name, or builds a created role's ARN from its name, path and account", () => {
        const declared = policyResource("aws:iam/role:Role", "r", { name: "replication", path: "/ops/" }, { provider: { allowedAccountIds: '["111111111111"]' } });
        const ctx = context([declared]);
        expect(roleOf({ role: ROLE, dependencyUrns: [] }, ctx)).to.deep.equal({ arn: ROLE, resource: declared });
        expect(roleOf({ role: UNKNOWN, dependencyUrns: [declared.urn] }, ctx)).to.deep.equal({ arn: ROLE, resource: declared });
        expect(roleOf({ role: UNKNOWN, dependencyUrns: [] }, ctx)).to.deep.equal({});
        const unnamed = policyResource("aws:iam/role:Role", "u", { name: UNKNOWN });
        expect(roleOf({ role: UNKNOWN, dependencyUrns: [unnamed.urn] }, context([unnamed]))).to.deep.equal({ arn: undefined, resource: unnamed });
        const byArn = policyResource("aws:iam/role:Role", "a", { arn: "arn:aws:iam::111111111111:role/x" });
        expect(roleOf({ role: "arn:aws:iam::111111111111:role/x", dependencyUrns: [] }, context([byArn])).resource).to.equal(byArn);
    });

    it("gathers the role's policies from inline policies, RolePolicy, attachments and managedPolicyArns, and says when one is outside", () => {
        const role = policyResource("aws:iam/role:Role", "r", { name: "replication", inlinePolicies: [{ name: "i", policy: '{"Statement":{"Effect":"Allow","Action":"s3:A","Resource":"*"}}' }], managedPolicyArns: ["arn:aws:iam::111111111111:policy/m"] });
        const managed = policyResource("aws:iam/policy:Policy", "m", { arn: "arn:aws:iam::111111111111:policy/m", policy: '{"Statement":[{"Effect":"Allow","Action":"s3:B","Resource":"*"}]}' });
        const byDependency = policyResource("aws:iam/policy:Policy", "d", { arn: UNKNOWN, policy: '{"Statement":[{"Effect":"Allow","Action":"s3:C","Resource":"*"}]}' });
        const inline = policyResource("aws:iam/rolePolicy:RolePolicy", "p", { role: UNKNOWN, policy: '{"Statement":[{"Effect":"Deny","Action":"s3:D","Resource":"*"}]}' }, { dependencies: { role: [role] } });
        const attachment = policyResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "replication", policyArn: UNKNOWN }, { dependencies: { policyArn: [byDependency] } });
        const found = rolePolicies(role, context([role, managed, byDependency, inline, attachment]));
        expect(found.statements.map((statement) => statement.Action)).to.deep.equal(["s3:A", "s3:D", "s3:C", "s3:B"]);
        expect([found.complete, found.unknown]).to.deep.equal([true, false]);
        const outside = policyResource("aws:iam/policyAttachment:PolicyAttachment", "o", { roles: ["replication"], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
        expect(rolePolicies(role, context([role, outside])).complete).to.equal(false);
        const other = policyResource("aws:iam/rolePolicy:RolePolicy", "q", { role: "someone-else", policy: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}' });
        expect(rolePolicies(role, context([role, managed, other])).statements).to.have.length(2);
        const pendingRole = policyResource("aws:iam/role:Role", "u", { name: "u", inlinePolicies: UNKNOWN });
        expect(rolePolicies(pendingRole, context([pendingRole])).unknown).to.equal(true);
        const pendingPolicy = policyResource("aws:iam/rolePolicy:RolePolicy", "pp", { role: "u", policy: UNKNOWN });
        expect(rolePolicies(policyResource("aws:iam/role:Role", "u", { name: "u" }), context([pendingPolicy])).unknown).to.equal(true);
    });

    it("judges identity and resource sides: a role not declared may act, one with outside policies may be allowed", () => {
        const request = { principal: ROLE, action: "s3:ReplicateObject", resource: "arn:aws:s3:::v/k", context: roleContext(ROLE) };
        expect(identityVerdict(undefined, request)).to.deep.equal({ deny: false, allow: true, allowAccount: false });
        expect(identityVerdict({ statements: [], unknown: false, complete: true }, request)).to.deep.equal(NOTHING);
        expect(identityVerdict({ statements: [], unknown: false, complete: false }, request).allow).to.equal(true);
        expect(identityVerdict({ statements: [], unknown: true, complete: true }, request)).to.deep.equal({ deny: "unknown", allow: "unknown", allowAccount: false });
        expect(resourceVerdict([], request)).to.equal(NOTHING);
        expect(resourceVerdict(["{ broken"], request)).to.equal(NOTHING);
        expect(resourceVerdict([UNKNOWN], request)).to.deep.equal({ deny: "unknown", allow: "unknown", allowAccount: "unknown" });
        expect(roleContext(ROLE)).to.deep.equal({ "aws:PrincipalArn": ROLE, "aws:PrincipalAccount": "111111111111", "aws:SecureTransport": "true" });
        expect(roleContext("AROAEXAMPLE")["aws:PrincipalAccount"]).to.equal(UNKNOWN);
    });

    it("places a key by its ARN, the rule's key ARN, or its provider, and reads its policy in force", () => {
        const keyResource = (props: Record<string, unknown>, provider?: Record<string, unknown>) => keyViews([policyResource("aws:kms/key:Key", "k", props, { provider })])[0];
        expect(keyPlace(keyResource({ arn: "arn:aws:kms:eu-west-1:222222222222:key/k" }), UNKNOWN)).to.deep.equal({ arn: "arn:aws:kms:eu-west-1:222222222222:key/k", account: "222222222222", region: "eu-west-1" });
        expect(keyPlace(keyResource({}), "arn:aws-cn:kms:cn-north-1:333333333333:key/k")).to.deep.equal({ arn: "arn:aws-cn:kms:cn-north-1:333333333333:key/k", account: "333333333333", region: "cn-north-1" });
        expect(keyPlace(keyResource({}, { region: "us-west-2", allowedAccountIds: '["444444444444"]' }), "alias/x")).to.deep.equal({ arn: undefined, account: "444444444444", region: "us-west-2" });
        const withPolicies = keyViews([
            policyResource("aws:kms/key:Key", "k", { policy: "own" }),
            policyResource("aws:kms/keyPolicy:KeyPolicy", "kp", { keyId: UNKNOWN, policy: "separate" }, { dependencies: { keyId: [policyResource("aws:kms/key:Key", "k", {})] } }),
        ])[0];
        expect(keyPolicyDocuments(withPolicies, undefined)).to.deep.equal(["separate"]);
        expect(keyPolicyDocuments(keyResource({}), undefined)).to.equal(undefined);
        expect(keyPolicyDocuments(keyResource({}), "222222222222")).to.deep.equal([{ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "kms:*", Resource: "*" }] }]);
        expect([viaService("us-west-2"), viaService("cn-north-1"), viaService(undefined)]).to.deep.equal(["s3.us-west-2.amazonaws.com", "s3.cn-north-1.amazonaws.com.cn", UNKNOWN]);
    });

    it("tells a bucket with a Bucket Key on from one without", () => {
        const views = bucketViews([
            policyResource("aws:s3/bucket:Bucket", "on", { bucket: "on", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true } } }),
            policyResource("aws:s3/bucket:Bucket", "off", { bucket: "off", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: UNKNOWN } } }),
        ]);
        expect([usesBucketKey(views[0]), usesBucketKey(views[1]), usesBucketKey(undefined)]).to.deep.equal([true, false, false]);
    });

    describe("tells what makes a bucket an AWS Config delivery target (AWS-CFG-151)", () => {
        const bucket = (policy?: unknown) => policyResource("aws:s3/bucket:Bucket", "logs", { bucket: "logs", ...(policy === undefined ? {} : { policy: JSON.stringify(policy) }) });
        const grant = (statement: Record<string, unknown>) => ({ Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::logs/*", ...statement }] });
        const channel = (name: string, props: Record<string, unknown>, dependencies: Record<string, PolicyResource[]> = {}, type = "aws:cfg/deliveryChannel:DeliveryChannel") => policyResource(type, name, props, { dependencies });
        const ROWS: [string, (logs: PolicyResource) => PolicyResource[], { by: string[]; maybe: string[] }][] = [
            ["a bucket policy letting config.amazonaws.com s3:PutObject", () => [bucket(grant({ Sid: "ConfigWrite" }))], { by: ["its bucket policy's statement ConfigWrite lets config.amazonaws.com s3:PutObject"], maybe: [] }],
            ["such a grant without a Sid", () => [bucket(grant({}))], { by: ["its bucket policy's statement (no Sid) lets config.amazonaws.com s3:PutObject"], maybe: [] }],
            ["a Deny for config.amazonaws.com is no delivery", () => [bucket(grant({ Effect: "Deny" }))], { by: [], maybe: [] }],
            ["an Allow to CloudTrail is no Config delivery", () => [bucket(grant({ Principal: { Service: "cloudtrail.amazonaws.com" } }))], { by: [], maybe: [] }],
            ["an Allow to Config of s3:GetBucketAcl only is no delivery", () => [bucket(grant({ Action: "s3:GetBucketAcl" }))], { by: [], maybe: [] }],
            ["a delivery channel naming the bucket", () => [bucket(), channel("ch", { s3BucketName: "logs" })], { by: ["Config delivery channel ch names it"], maybe: [] }],
            ["an aws-native delivery channel naming the bucket", () => [bucket(), channel("native", { s3BucketName: "logs" }, {}, "aws-native:configuration:DeliveryChannel")], { by: ["Config delivery channel native names it"], maybe: [] }],
            ["a delivery channel depending on the bucket for its name", (logs) => [logs, channel("ch", { s3BucketName: UNKNOWN }, { s3BucketName: [logs] })], { by: ["Config delivery channel ch names it"], maybe: [] }],
            ["a delivery channel whose bucket is not known yet", () => [bucket(), channel("ch", { s3BucketName: UNKNOWN })], { by: [], maybe: ["Config delivery channel ch names a bucket not known yet"] }],
            ["a delivery channel naming another bucket", () => [bucket(), channel("ch", { s3BucketName: "other" })], { by: [], maybe: [] }],
            ["a delivery channel depending on another bucket", () => [bucket(), channel("ch", { s3BucketName: "other" }, { s3BucketName: [policyResource("aws:s3/bucket:Bucket", "other", { bucket: "other" })] })], { by: [], maybe: [] }],
        ];
        for (const [what, resources, expected] of ROWS) {
            it(what, () => {
                const logs = bucket();
                const ctx = context(resources(logs));
                expect(configDelivery(ctx.buckets.find((view) => view.name === "logs")!, ctx)).to.deep.equal(expected);
            });
        }

        it("does not take a bucket without a known name for the one a channel names", () => {
            const unnamed = policyResource("aws:s3/bucket:Bucket", "unnamed", { bucket: UNKNOWN });
            const ctx = context([unnamed, policyResource("aws:cfg/deliveryChannel:DeliveryChannel", "ch", { s3BucketName: "logs" })]);
            expect(configDelivery(ctx.buckets[0], ctx)).to.deep.equal({ by: [], maybe: [] });
        });
    });

    it("picks resources by kind, among every type token of that kind", () => {
        const resources = [
            policyResource("aws:cfg/deliveryChannel:DeliveryChannel", "a", {}),
            policyResource("aws:iam/role:Role", "r", {}),
            policyResource("aws-native:configuration:DeliveryChannel", "b", {}),
        ];
        expect(ofType(resources, "deliveryChannel").map((resource) => resource.name)).to.deep.equal(["a", "b"]);
        expect(ofType(resources, "role").map((resource) => resource.name)).to.deep.equal(["r"]);
        expect(ofType(resources, "policyAttachment")).to.deep.equal([]);
    });

    describe("tells whether a destination is in the source's account", () => {
        const provider = (account: string) => ({ allowedAccountIds: [account] });
        const bucketOn = (name: string, account?: string) => policyResource("aws:s3/bucket:Bucket", name, { bucket: name }, account ? { provider: provider(account) } : {});
        const rule = (destinationAccount?: string) => ({ destinationAccount } as never);
        const ROWS: [string, () => { source: PolicyResource; target?: PolicyResource; ruleAccount?: string; role?: string }, Tri, string | undefined][] = [
            ["both providers name the same account", () => ({ source: bucketOn("src", "111111111111"), target: bucketOn("dst", "111111111111") }), true, "111111111111"],
            ["the providers name two accounts", () => ({ source: bucketOn("src", "111111111111"), target: bucketOn("dst", "222222222222") }), false, "222222222222"],
            ["the rule's owner override names another account than the role's", () => ({ source: bucketOn("src"), ruleAccount: "222222222222", role: ROLE }), false, "222222222222"],
            ["the rule's owner override names the role's account", () => ({ source: bucketOn("src"), ruleAccount: "111111111111", role: ROLE }), true, "111111111111"],
            ["both buckets on the default provider, no account known", () => ({ source: bucketOn("src"), target: bucketOn("dst") }), true, undefined],
            ["a destination outside the stack, no account known", () => ({ source: bucketOn("src") }), "unknown", undefined],
        ];
        for (const [what, make, expected, account] of ROWS) {
            it(`${what}: ${String(expected)}`, () => {
                const { source, target, ruleAccount, role } = make();
                const views = bucketViews(target ? [source, target] : [source]);
                const destination = { setting: { role: role ?? UNKNOWN } as never, rule: rule(ruleAccount), view: target ? views[1] : undefined };
                expect(destinationAccount(destination)).to.equal(account);
                expect(sameAccountAsSource(views[0], destination)).to.equal(expected);
            });
        }

        it("is unknown for buckets of two providers with no account known", () => {
            const views = bucketViews([
                policyResource("aws:s3/bucket:Bucket", "src", { bucket: "src" }, { provider: { region: "us-east-1" } }),
                policyResource("aws:s3/bucket:Bucket", "dst", { bucket: "dst" }, { provider: { region: "us-west-2" } }),
            ]);
            expect(sameAccountAsSource(views[0], { setting: { role: UNKNOWN } as never, rule: rule(), view: views[1] })).to.equal("unknown");
        });
    });

    describe("finds the destination's key for SSE-KMS replicas", () => {
        const KEY = "arn:aws:kms:us-west-2:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const first = policyResource("aws:kms/key:Key", "first", { arn: KEY });
        const second = policyResource("aws:kms/key:Key", "second", { arn: "arn:aws:kms:us-west-2:222222222222:key/other" });
        const ctx = context([first, second]);
        const destination = (rule: Record<string, unknown>, dependencyUrns: string[] = []) => ({ setting: { dependencyUrns } as never, rule: rule as never });
        const ROWS: [string, Record<string, unknown>, string[], string | undefined][] = [
            ["the stack's key the rule names by ARN", { sseKmsSelected: true, replicaKmsKeyId: KEY }, [], "first"],
            ["none when SSE-KMS objects are not selected", { sseKmsSelected: false, replicaKmsKeyId: KEY }, [], undefined],
            ["none when SSE-KMS selection is not known yet", { sseKmsSelected: UNKNOWN, replicaKmsKeyId: KEY }, [], undefined],
            ["none when the rule names no replica key", { sseKmsSelected: true }, [], undefined],
            ["none for a key outside the stack", { sseKmsSelected: true, replicaKmsKeyId: "arn:aws:kms:us-west-2:222222222222:key/elsewhere" }, [], undefined],
            ["the one key the rules depend on, for a key not known yet", { sseKmsSelected: true, replicaKmsKeyId: UNKNOWN }, [second.urn], "second"],
            ["none for a key not known yet when two keys could be it", { sseKmsSelected: true, replicaKmsKeyId: UNKNOWN }, [first.urn, second.urn], undefined],
            ["none for a key not known yet the rules do not depend on", { sseKmsSelected: true, replicaKmsKeyId: UNKNOWN }, [], undefined],
        ];
        for (const [what, rule, dependencyUrns, expected] of ROWS) {
            it(what, () => {
                expect(replicaKeyOf(destination(rule, dependencyUrns), ctx)?.key.name).to.equal(expected);
            });
        }
    });

    describe("reads a provider's account from its allowed accounts or the roles it assumes", () => {
        const at = (provider: Record<string, unknown>) => accountOf(policyResource("aws:s3/bucket:Bucket", "b", {}, { provider }));
        const ROWS: [string, Record<string, unknown>, string | undefined][] = [
            ["one allowed account given as a plain string", { allowedAccountIds: "111111111111" }, "111111111111"],
            ["an allowed account of 13 digits, not counted", { allowedAccountIds: ["1111111111112"] }, undefined],
            ["an allowed account with a prefix, not counted", { allowedAccountIds: ["x111111111111"] }, undefined],
            ["allowed accounts not known yet, then the assumed role", { allowedAccountIds: UNKNOWN, assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deploy" }] }, "222222222222"],
            ["an assumed role beside an entry that is null", { assumeRoles: [null, { roleArn: "arn:aws:iam::222222222222:role/deploy" }] }, "222222222222"],
            ["an assumed role beside one whose ARN is not a role's", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/a" }, { roleArn: "not-an-arn" }] }, "222222222222"],
            ["two roles of one account", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/a" }, { roleArn: "arn:aws:iam::222222222222:role/b" }] }, "222222222222"],
        ];
        for (const [what, provider, expected] of ROWS) {
            it(`${what}: ${expected ?? "none"}`, () => {
                expect(at(provider)).to.equal(expected);
            });
        }
    });

    it("tells two resources of one provider without regions of their own in the same region, and one with a region not known yet undecided", () => {
        const shared = { type: "pulumi:providers:aws", urn: "urn:pulumi:test::fixtures::pulumi:providers:aws::shared", name: "shared", props: {} };
        const onShared = (name: string, props: Record<string, unknown>) => ({ ...policyResource("aws:s3/bucket:Bucket", name, props), provider: shared }) as unknown as PolicyResource;
        const [a, b, pending] = [onShared("a", {}), onShared("b", {}), onShared("p", { region: UNKNOWN })];
        expect([sameRegion(a, b), sameRegion(a, pending), sameRegion(pending, a), sameRegion(a, policyResource("aws:s3/bucket:Bucket", "c", {}))]).to.deep.equal([true, "unknown", "unknown", "unknown"]);
    });
});
