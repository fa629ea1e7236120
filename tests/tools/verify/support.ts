import { planStack, StackPlan } from "../../../tools/offline/plan";
import { Inspection, inspect } from "../../../tools/verify/run";
import { NOW, compliantProdAccount } from "../../support/fakeAws/accounts";
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

/** Inspects the prod stack against a fake account; the endpoint is always closed. */
export async function inspectProd(account: FakeAccount, options: { maxAgeHours?: number; now?: Date; plan?: StackPlan } = {}): Promise<{ inspection: Inspection; requests: ServedRequest[] }> {
    const fake: FakeAws = await startFakeAws(account);
    try {
        const inspection = await inspect({ stack: "prod", plan: options.plan ?? (await planProd()), endpoint: fake.endpoint, now: options.now ?? NOW, maxAgeHours: options.maxAgeHours });
        return { inspection, requests: fake.requests };
    } finally {
        await fake.close();
    }
}
