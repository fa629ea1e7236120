import { expect } from "chai";
import { inProcessVerdicts } from "./harness";
import { AUDIT, STYLES, Style, UNKNOWN } from "./styles";
import { SOURCE_PROVIDER, VAULT, VAULT_ARN, VaultStack, provider, vaultStack } from "./vaultFixtures";

const SOURCE = `bucket "${AUDIT}" (${AUDIT}-bucket)`;
const messages = (stack: VaultStack, policy: string, style: Style = "v7 split resources", config = {}): string[] =>
    inProcessVerdicts(vaultStack(stack, style), config)
        .filter((v) => v.policy === policy)
        .map((v) => `${v.enforcementLevel}: ${v.message.split("\n").slice(1).join("\n")}`);

describe("the pack on an audit-log bucket replicated into a vault", () => {
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

        it("still offers both ways to a bucket that does not receive Config", () => {
            const [found] = messages({ source: { statements: [] }, replication: { rules: [{ destination: "arn:aws:s3:::elsewhere" }] } }, "audit-log-object-lock");
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

        it("reads a resource's own v7 region over its provider's", () => {
            const stack = vaultStack({ vaultProvider: SOURCE_PROVIDER, sourceProvider: SOURCE_PROVIDER }).map((r) => (r.name === `${VAULT}-bucket` ? { ...r, properties: { ...r.properties, region: "eu-west-1" } } : r));
            expect(inProcessVerdicts(stack).filter((v) => v.policy === "audit-log-replication")).to.deep.equal([]);
            expect(VAULT_ARN).to.equal(`arn:aws:s3:::${VAULT}`);
        });
    });
});
