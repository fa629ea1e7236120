import { planStack, StackPlan } from "../../../tools/offline/plan";
import { Inspection, inspect } from "../../../tools/verify/run";
import { NOW, PROD_BUCKET, compliantProdAccount } from "../../support/fakeAws/accounts";
import { PROD_VAULT_ACCOUNT, PROD_VAULT_BUCKET, PROD_VAULT_KEY_ID, PROD_VAULT_REGION, VAULT_ROLE_NAME, admitVaultRole, compliantVaultAccount, replicate } from "../../support/fakeAws/vault";
import { FakeAws, startFakeAws } from "../../support/fakeAws/server";
import type { FakeAccount, ServedRequest } from "../../support/fakeAws/state";

/** Static test credentials and no instance-metadata probe (its address is not loopback): nothing leaves the machine. */
export const TEST_ENV = {
    AWS_ACCESS_KEY_ID: "AKIAVERIFYTEST000001",
    AWS_SECRET_ACCESS_KEY: "verify-test-secret",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

/** Sets the test environment for a describe block and restores what was there. */
export function useTestEnv(): void {
    const saved: Record<string, string | undefined> = {};
    before(() => {
        for (const [name, value] of Object.entries(TEST_ENV)) {
            saved[name] = process.env[name];
            process.env[name] = value;
        }
        saved.AWS_ENDPOINT_URL = process.env.AWS_ENDPOINT_URL;
        delete process.env.AWS_ENDPOINT_URL;
    });
    after(() => {
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) {
                delete process.env[name];
            } else {
                process.env[name] = value;
            }
        }
    });
}

let prodPlan: Promise<StackPlan> | undefined;

/** The prod stack's plan, made once per test file. */
export function planProd(): Promise<StackPlan> {
    prodPlan ??= planStack({ stack: "prod" });
    return prodPlan;
}

/** The policies the prod program generates, as a deployment would have put them. */
export async function prodPolicies(): Promise<{ bucketPolicy: string; keyPolicy: string }> {
    const plan = await planProd();
    const bucketPolicy = plan.resources.find((resource) => resource.type === "aws:s3/bucketPolicy:BucketPolicy")?.inputs.policy;
    const keyPolicy = plan.resources.find((resource) => resource.type === "aws:kms/key:Key")?.inputs.policy;
    if (typeof bucketPolicy !== "string" || typeof keyPolicy !== "string") {
        throw new Error("the prod plan has no bucket or key policy");
    }
    return { bucketPolicy, keyPolicy };
}

/** A compliant prod account, changed by `edit`. */
export async function prodAccount(edit: (account: FakeAccount) => void = () => undefined): Promise<FakeAccount> {
    const account = compliantProdAccount(await prodPolicies());
    edit(account);
    return account;
}

/** The vault's bucket and key policies the prod program generates (the vault's resources carry its region). */
export async function prodVaultPolicies(): Promise<{ bucketPolicy: string; keyPolicy: string }> {
    const plan = await planProd();
    const there = plan.resources.filter((resource) => resource.inputs.region === PROD_VAULT_REGION);
    const bucketPolicy = there.find((resource) => resource.type === "aws:s3/bucketPolicy:BucketPolicy")?.inputs.policy;
    const keyPolicy = there.find((resource) => resource.type === "aws:kms/key:Key")?.inputs.policy;
    if (typeof bucketPolicy !== "string" || typeof keyPolicy !== "string") {
        throw new Error("the prod plan has no vault bucket or key policy");
    }
    return { bucketPolicy, keyPolicy };
}

/**
 * The prod stack's vault account (stacks/Pulumi.prod.yaml: 555555555555, us-west-2, COMPLIANCE for 365 days) holding
 * a replica of every object of `prod`, whose objects are COMPLETED; `prod` may assume the vault's role. Changed by `edit`.
 */
export async function prodVault(prod: FakeAccount, edit: (vault: FakeAccount) => void = () => undefined): Promise<FakeAccount> {
    const vault = compliantVaultAccount({ account: PROD_VAULT_ACCOUNT, region: PROD_VAULT_REGION, bucket: PROD_VAULT_BUCKET, keyId: PROD_VAULT_KEY_ID, ...(await prodVaultPolicies()), lock: { mode: "COMPLIANCE", days: 365 }, retentionDays: 2555 });
    replicate(prod.buckets[PROD_BUCKET], vault.buckets[PROD_VAULT_BUCKET]);
    admitVaultRole(prod, vault);
    edit(vault);
    return vault;
}

/** Inspects the prod stack against a fake account; the endpoint is always closed. */
export async function inspectProd(account: FakeAccount, options: { maxAgeHours?: number; now?: Date; plan?: StackPlan; vaultRoleName?: string } = {}): Promise<{ inspection: Inspection; requests: ServedRequest[] }> {
    const fake: FakeAws = await startFakeAws(account);
    try {
        const inspection = await inspect({ stack: "prod", plan: options.plan ?? (await planProd()), endpoint: fake.endpoint, now: options.now ?? NOW, maxAgeHours: options.maxAgeHours, vaultRoleName: options.vaultRoleName });
        return { inspection, requests: fake.requests };
    } finally {
        await fake.close();
    }
}

export { VAULT_ROLE_NAME };

/** A copy of a fake account with one account id replaced everywhere, as the same stack deployed in another account. */
export function relabel<T>(value: T, from: string, to: string): T {
    if (typeof value === "string") {
        return value.split(from).join(to) as T;
    }
    if (Array.isArray(value)) {
        return value.map((item) => relabel(item, from, to)) as T;
    }
    if (value instanceof Set) {
        return new Set([...value].map((item) => relabel(item, from, to))) as T;
    }
    if (value && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value)) {
        return Object.fromEntries(Object.entries(value).map(([key, member]) => [relabel(key, from, to), relabel(member, from, to)])) as T;
    }
    return value;
}
