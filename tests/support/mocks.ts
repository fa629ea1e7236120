import { AuditLogBucket } from "../../components/auditLogBucket";
import type { AuditLogBucketArgs } from "../../components/args";
import { ProgramRun, RegisteredResource, runUnderMocks } from "../../tools/offline/capture";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

/** Registers one component under the SDK's mocks (no root stack) and returns every registration. */
export async function registerComponent(args: Partial<AuditLogBucketArgs>, name = "logs", opts?: ConstructorParameters<typeof AuditLogBucket>[2]): Promise<ProgramRun> {
    return runUnderMocks(
        { project: "test", stack: "test", config: {}, identity: { accountId: ACCOUNT, region: REGION } },
        () => {
            new AuditLogBucket(name, { accountId: ACCOUNT, region: REGION, ...args } as AuditLogBucketArgs, opts);
        },
        { stack: false },
    );
}

/** Runs `program` under mocks and returns what was registered before it threw, with the error. */
export async function registrationsBeforeError(program: () => void): Promise<{ error: unknown; resources: RegisteredResource[] }> {
    const resources: RegisteredResource[] = [];
    try {
        await runUnderMocks({ project: "test", stack: "test", config: {}, identity: { accountId: ACCOUNT, region: REGION }, sink: resources }, program, { stack: false });
        return { error: undefined, resources };
    } catch (error) {
        return { error, resources };
    }
}

export function ofType(run: ProgramRun, type: string): RegisteredResource[] {
    return run.resources.filter((resource) => resource.type === type);
}

export function single(run: ProgramRun, type: string): RegisteredResource {
    const found = ofType(run, type);
    if (found.length !== 1) {
        throw new Error(`expected one ${type}, found ${found.length}`);
    }
    return found[0];
}
