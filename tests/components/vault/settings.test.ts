import { expect } from "chai";
import { argsFromStackConfig } from "../../../components/config";
import { VAULT_CONFIG_KEYS, VaultContext, resolveVaultSettings, validateVaultArgs, vaultArgsFromConfig, vaultBucketName, vaultConfigKeyOf } from "../../../components/vault/settings";

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

describe("the vault's args, checked against the bucket's settings", () => {
    const CONTEXT: VaultContext = { accountId: "222222222222", region: "us-east-1", namePrefix: "logs", retentionDays: 400, allowDeletion: false };
    const SAME = { region: "us-west-2", adminArns: ["arn:aws:iam::222222222222:role/VaultAdmin"] };
    const CROSS = { region: "us-west-2", accountId: "555555555555", roleArn: "arn:aws:iam::555555555555:role/Deployer", adminArns: ["arn:aws:iam::555555555555:role/Deployer"] };

    it("accepts a same-account vault with administrators, and a cross-account one deployed by one of its administrators", () => {
        expect(validateVaultArgs(SAME, CONTEXT)).to.deep.equal([]);
        expect(validateVaultArgs(CROSS, CONTEXT)).to.deep.equal([]);
        expect(validateVaultArgs({ ...CROSS, roleArn: undefined, provider: {} }, CONTEXT)).to.deep.equal([]);
        expect(validateVaultArgs({ ...SAME, objectLockMode: "COMPLIANCE", objectLockDays: 400, storageClass: "DEEP_ARCHIVE", replicationTimeControl: false }, CONTEXT)).to.deep.equal([]);
    });

    const NOT_OBJECT: unknown[] = [undefined, null, "us-west-2", [SAME]];
    for (const vault of NOT_OBJECT) {
        it(`refuses ${JSON.stringify(vault) ?? "undefined"} as the vault: it must be an object`, () => {
            expect(validateVaultArgs(vault, CONTEXT)).to.deep.equal([{ field: "vault", value: vault, rule: "must be an object with at least region and adminArns" }]);
        });
    }

    /** Args, the bucket's context, and the problems expected as `<field>: <rule pattern>`, one row per line. */
    const BAD: [string, Record<string, unknown>, Partial<VaultContext>, [string, RegExp][]][] = [
        ["a region that is not AWS's", { ...SAME, region: "mars-1" }, {}, [["vault.region", /^must be an AWS region, one of us-east-1, /]]],
        ["a region that is not a string", { ...SAME, region: 1 }, {}, [["vault.region", /^must be an AWS region/]]],
        ["the bucket's own region", { ...SAME, region: "us-east-1" }, {}, [["vault.region", /^must differ from the bucket's region us-east-1: /]]],
        ["a region of another partition", { ...SAME, region: "cn-north-1" }, {}, [["vault.region", /^must be in the bucket's partition aws, not aws-cn: .*\(AWS-S3-209\)$/]]],
        ["an account id that is not 12 digits", { ...SAME, accountId: "5555" }, {}, [["vault.accountId", /^must be a 12-digit AWS account id$/]]],
        ["an account id that is a number", { ...SAME, accountId: 555555555555 }, {}, [["vault.accountId", /12-digit/]]],
        ["another account without provider or roleArn", { ...CROSS, roleArn: undefined }, {}, [["vault.provider", /^must be set for a vault in another account \(555555555555\), or roleArn: an aws.Provider with region us-west-2 .*bucket's account 222222222222$/]]],
        ["a roleArn that is not an ARN", { ...CROSS, roleArn: "Deployer" }, {}, [["vault.roleArn", /^must be an IAM role ARN such as /]]],
        ["a roleArn that is not a string", { ...CROSS, roleArn: 7 }, {}, [["vault.roleArn", /^must be an IAM role ARN/]]],
        ["a roleArn of another service", { ...CROSS, roleArn: "arn:aws:sts::555555555555:role/Deployer" }, {}, [["vault.roleArn", /^must be an IAM role ARN/]]],
        ["a roleArn without an account", { ...CROSS, roleArn: "arn:aws:iam::aws:role/Deployer" }, {}, [["vault.roleArn", /^must be an IAM role ARN/]]],
        ["a roleArn of another partition", { ...CROSS, roleArn: "arn:aws-cn:iam::555555555555:role/Deployer" }, {}, [["vault.roleArn", /^must be in the bucket's partition aws, not aws-cn$/]]],
        ["a roleArn of the bucket's account for a vault given no account", { ...SAME, roleArn: "arn:aws:iam::555555555555:role/Deployer" }, {}, [["vault.roleArn", /^must be a role of the vault account 222222222222: .* \(set the vault's accountId\)$/]]],
        ["a roleArn of another account than the vault's given one", { ...CROSS, roleArn: "arn:aws:iam::666666666666:role/Deployer" }, {}, [["vault.roleArn", /^must be a role of the vault account 555555555555: it is assumed to create the vault there$/]]],
        ["a roleArn not among the administrators", { ...CROSS, roleArn: "arn:aws:iam::555555555555:role/Other" }, {}, [["vault.roleArn", /^must also be one of adminArns/]]],
        ["no administrators", { ...SAME, adminArns: [] }, {}, [["vault.adminArns", /^must list at least one IAM role or user of the vault account/]]],
        ["administrators that are not a list", { ...SAME, adminArns: "arn:aws:iam::222222222222:role/A" }, {}, [["vault.adminArns", /^must list at least one/]]],
        ["an administrator that is not a string", { ...SAME, adminArns: [SAME.adminArns[0], 5] }, {}, [["vault.adminArns[1]", /^must be a string$/]]],
        ["an administrator of another partition", { ...SAME, adminArns: ["arn:aws-cn:iam::222222222222:role/A"] }, {}, [["vault.adminArns[0]", /partition/]]],
        ["an administrator of another account", { ...SAME, adminArns: [SAME.adminArns[0], "arn:aws:iam::555555555555:role/A"] }, {}, [["vault.adminArns[1]", /^must be a role or user of the vault account 222222222222: /]]],
        ["a lock mode AWS does not have", { ...SAME, objectLockMode: "governance" }, {}, [["vault.objectLockMode", /^must be "GOVERNANCE" or "COMPLIANCE"$/]]],
        ["lock days of 0", { ...SAME, objectLockDays: 0 }, {}, [["vault.objectLockDays", /^must be a whole number of days from 1 to retentionDays \(400\)$/]]],
        ["lock days that are not whole", { ...SAME, objectLockDays: 1.5 }, {}, [["vault.objectLockDays", /whole number/]]],
        ["lock days given as a string", { ...SAME, objectLockDays: "30" }, {}, [["vault.objectLockDays", /whole number/]]],
        ["lock days past S3's largest number of days", { ...SAME, objectLockDays: 2147483648 }, { retentionDays: 2147483648 }, [["vault.objectLockDays", /whole number/]]],
        ["lock days one over the retention", { ...SAME, objectLockDays: 401 }, {}, [["vault.objectLockDays", /^must not exceed retentionDays \(400\): /]]],
        ["a storage class S3 replication does not take", { ...SAME, storageClass: "ONEZONE" }, {}, [["vault.storageClass", /^must be one of STANDARD, /]]],
        ["RTC that is not a boolean", { ...SAME, replicationTimeControl: "true" }, {}, [["vault.replicationTimeControl", /^must be true or false$/]]],
        ["allowDeletion with a COMPLIANCE vault", { ...SAME, objectLockMode: "COMPLIANCE" }, { allowDeletion: true }, [["allowDeletion", /^cannot be combined with a COMPLIANCE vault/]]],
        ["a name prefix that makes the vault's bucket name too long", SAME, { namePrefix: "l".repeat(40) }, [["vault.region", /^gives the vault the bucket name "l{40}-vault-222222222222-us-west-2", which S3 rejects: a bucket name /]]],
    ];
    for (const [what, vault, context, expected] of BAD) {
        it(`refuses ${what}, naming the field and the rule`, () => {
            const problems = validateVaultArgs(vault, { ...CONTEXT, ...context });
            expect(problems.map((problem) => problem.field), JSON.stringify(problems)).to.deep.equal(expected.map(([field]) => field));
            expected.forEach(([, rule], index) => expect(problems[index].rule).to.match(rule));
        });
    }

    it("takes the default lock days down to a shorter retention, and accepts GOVERNANCE with allowDeletion", () => {
        expect(validateVaultArgs(SAME, { ...CONTEXT, retentionDays: 30 })).to.deep.equal([]);
        expect(validateVaultArgs(SAME, { ...CONTEXT, allowDeletion: true })).to.deep.equal([]);
    });

    it("resolves a cross-account vault to its own account, and keeps the provider, role and alarm topic given", () => {
        const provider = {} as never;
        const settings = resolveVaultSettings({ region: "cn-northwest-1", accountId: "555555555555", adminArns: ["a"], provider, roleArn: "r", alarmTopicArn: "t", objectLockMode: "COMPLIANCE", objectLockDays: 30, storageClass: "STANDARD", replicationTimeControl: false }, { accountId: "222222222222", namePrefix: "logs" });
        expect(settings).to.deep.equal({
            region: "cn-northwest-1",
            partition: "aws-cn",
            accountId: "555555555555",
            crossAccount: true,
            bucketName: "logs-vault-555555555555-cn-northwest-1",
            adminArns: ["a"],
            objectLockMode: "COMPLIANCE",
            objectLockDays: 30,
            storageClass: "STANDARD",
            replicationTimeControl: false,
            provider,
            roleArn: "r",
            alarmTopicArn: "t",
        });
    });

    const CONFIG_KEYS: [string, string | undefined][] = [
        ["vault.region", "vaultRegion"],
        ["vault.adminArns[2]", "vaultAdminArns"],
        ["vault.provider", "vaultRoleArn"],
        ["vault.objectLockDays", "vaultObjectLockDays"],
        ["vault", undefined],
        ["retentionDays", undefined],
    ];
    for (const [field, key] of CONFIG_KEYS) {
        it(`says ${field} is set by ${key ?? "no vault config key"}`, () => {
            expect(vaultConfigKeyOf(field)).to.equal(key);
        });
    }

    const CONFIG_VALUES: [string, Record<string, string>, Record<string, unknown>][] = [
        ["lock days with spaces around", { vaultObjectLockDays: " 30 " }, { objectLockDays: 30 }],
        ["RTC on", { vaultReplicationTimeControl: "true" }, { replicationTimeControl: true }],
        ["administrators as a JSON list", {}, { adminArns: ["arn:aws:iam::222222222222:role/A"] }],
    ];
    for (const [what, values, expected] of CONFIG_VALUES) {
        it(`reads ${what} from the stack config`, () => {
            const read = vaultArgsFromConfig((key) => ({ vaultRegion: "us-west-2", vaultAdminArns: '["arn:aws:iam::222222222222:role/A"]', ...values })[key]);
            expect(read.problems).to.deep.equal([]);
            expect(read.vault).to.deep.include(expected);
            expect(read.vault).not.to.have.property("accountId");
            expect(read.roleArn).to.equal(undefined);
        });
    }

    it("refuses administrators given as a JSON list of other than strings, and lock days that are negative", () => {
        const read = vaultArgsFromConfig((key) => ({ vaultRegion: "us-west-2", vaultAdminArns: "[1]", vaultObjectLockDays: "-1" })[key]);
        expect(read.problems.map((problem) => [problem.key, problem.field, problem.value])).to.deep.equal([
            ["vaultAdminArns", "vaultAdminArns", "[1]"],
            ["vaultObjectLockDays", "vaultObjectLockDays", "-1"],
        ]);
        expect(read.vault).to.deep.equal({ region: "us-west-2" });
    });
});
