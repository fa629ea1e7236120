import { expect } from "chai";
import { argsFromStackConfig } from "../../../components/config";
import { VAULT_CONFIG_KEYS, resolveVaultSettings, vaultArgsFromConfig, vaultBucketName } from "../../../components/vault/settings";

const ADMINS = '["arn:aws:iam::555555555555:role/AuditVaultDeployer", "arn:aws:iam::555555555555:role/AuditVaultAdmin"]';
const FULL: Record<string, string> = {
    vaultRegion: "us-west-2",
    vaultAccountId: "555555555555",
    vaultRoleArn: "arn:aws:iam::555555555555:role/AuditVaultDeployer",
    vaultAdminArns: ADMINS,
    vaultObjectLockMode: "COMPLIANCE",
    vaultObjectLockDays: "365",
    vaultStorageClass: "DEEP_ARCHIVE",
    vaultReplicationTimeControl: "false",
    vaultAlarmTopicArn: "arn:aws:sns:us-east-1:222222222222:audit-alerts",
};
const fromConfig = (values: Record<string, string>) =>
    argsFromStackConfig((key) => values[key], "us-east-1", "222222222222", Object.fromEntries(Object.entries(values).map(([key, value]) => [`audit-log-bucket:${key}`, value])));

describe("the vault's settings", () => {
    it("names the vault <namePrefix>-vault-<vault account>-<vault region> and applies the defaults", () => {
        expect(vaultBucketName("logs", "555555555555", "us-west-2")).to.equal("logs-vault-555555555555-us-west-2");
        expect(resolveVaultSettings({ region: "us-west-2", adminArns: ["a"] }, { accountId: "111111111111", namePrefix: "logs" })).to.deep.include({
            accountId: "111111111111",
            crossAccount: false,
            bucketName: "logs-vault-111111111111-us-west-2",
            objectLockMode: "GOVERNANCE",
            objectLockDays: 365,
            storageClass: "GLACIER_IR",
            replicationTimeControl: true,
        });
    });

    it("reads every vault key from the stack config, vaultRegion turning it on, and hands vaultRoleArn to the program", () => {
        expect(Object.keys(FULL).sort()).to.deep.equal([...VAULT_CONFIG_KEYS].sort());
        const { args, problems, vaultRoleArn } = fromConfig(FULL);
        expect(problems).to.deep.equal([]);
        expect(vaultRoleArn).to.equal(FULL.vaultRoleArn);
        expect(args.vault).to.deep.equal({
            region: "us-west-2",
            accountId: "555555555555",
            adminArns: JSON.parse(ADMINS),
            objectLockMode: "COMPLIANCE",
            objectLockDays: 365,
            storageClass: "DEEP_ARCHIVE",
            replicationTimeControl: false,
            alarmTopicArn: FULL.vaultAlarmTopicArn,
            roleArn: FULL.vaultRoleArn,
        });
        expect(fromConfig({}).args.vault).to.equal(undefined);
    });

    const BAD: [string, Record<string, string>, string, RegExp][] = [
        ["a vault key without vaultRegion", { vaultStorageClass: "GLACIER" }, "vaultStorageClass", /needs vaultRegion/],
        ["vaultRegion without administrators", { vaultRegion: "us-west-2" }, "vaultAdminArns", /must be set with vaultRegion/],
        ["administrators that are not a JSON list", { vaultRegion: "us-west-2", vaultAdminArns: "arn:aws:iam::222222222222:role/A" }, "vaultAdminArns", /JSON array of strings/],
        ["a vault region equal to the bucket's", { vaultRegion: "us-east-1", vaultAdminArns: '["arn:aws:iam::222222222222:role/A"]' }, "vaultRegion", /must differ from the bucket's region/],
        ["a vault account without vaultRoleArn", { vaultRegion: "us-west-2", vaultAccountId: "555555555555", vaultAdminArns: '["arn:aws:iam::555555555555:role/A"]' }, "vaultRoleArn", /another account \(555555555555\)/],
        ["a vaultRoleArn of another account", { ...FULL, vaultRoleArn: "arn:aws:iam::222222222222:role/AuditVaultDeployer" }, "vaultRoleArn", /role of the vault account 555555555555/],
        ["a vaultRoleArn not among the administrators", { ...FULL, vaultRoleArn: "arn:aws:iam::555555555555:role/Other" }, "vaultRoleArn", /must also be one of adminArns/],
        ["a vaultRoleArn that is not a role", { ...FULL, vaultRoleArn: "arn:aws:iam::555555555555:user/deployer" }, "vaultRoleArn", /IAM role ARN/],
        ["vault lock days that are not a number", { ...FULL, vaultObjectLockDays: "a year" }, "vaultObjectLockDays", /whole number of days/],
        ["vault lock days above the retention", { ...FULL, vaultObjectLockDays: "3000" }, "vaultObjectLockDays", /must not exceed retentionDays/],
        ["vault RTC that is not a boolean", { ...FULL, vaultReplicationTimeControl: "on" }, "vaultReplicationTimeControl", /true or false/],
        ["a root vault administrator", { ...FULL, vaultAdminArns: '["arn:aws:iam::555555555555:root"]', vaultRoleArn: "arn:aws:iam::555555555555:root" }, "vaultAdminArns[0]", /not an account root/],
        ["allowDeletion with a COMPLIANCE vault", { ...FULL, allowDeletion: "true" }, "allowDeletion", /COMPLIANCE vault/],
    ];
    for (const [what, values, key, rule] of BAD) {
        it(`refuses ${what}, naming audit-log-bucket:${key.replace(/\[\d+\]$/, "")}`, () => {
            const { problems } = fromConfig(values);
            const found = problems.filter((problem) => problem.field === key);
            expect(found, JSON.stringify(problems)).to.have.length.greaterThan(0);
            expect(found.some((problem) => rule.test(problem.rule)), JSON.stringify(found)).to.equal(true);
            expect(found[0].configKey).to.equal(`audit-log-bucket:${key.replace(/\[\d+\]$/, "")}`);
        });
    }

    it("reads nothing when vaultRegion is absent", () => {
        expect(vaultArgsFromConfig(() => undefined)).to.deep.equal({ problems: [] });
    });
});
