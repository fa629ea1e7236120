import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { AwsMocks, MockIdentity } from "./awsMocks";

/** One resource as the program registered it with the engine (here, the SDK's mock monitor). */
export interface RegisteredResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    provider?: string;
    /** The inputs exactly as the program passed them (policy documents as strings). */
    inputs: Record<string, unknown>;
    /** What the mocks returned as the resource's state: ids and ARNs computed the way AWS would. */
    outputs: Record<string, unknown>;
    id?: string;
    protect: boolean;
    retainOnDelete: boolean;
    dependsOn: string[];
    /** For each input, the resources its value came from (how the engine joins a setting to its bucket). */
    propertyDependencies: Record<string, string[]>;
    aliases: AliasRecord[];
}

export type AliasRecord = { urn: string } | { name?: string; type?: string; parentUrn?: string; noParent?: boolean; stack?: string; project?: string };

export interface ProgramRun {
    resources: RegisteredResource[];
    outputs: Record<string, unknown>;
}

export interface MockRunOptions {
    project: string;
    stack: string;
    /** Fully qualified config (`namespace:key` → raw string), as the engine hands it to a program. */
    config: Record<string, string>;
    identity: MockIdentity;
    /** Where registrations are collected; pass one to keep them when the program throws. */
    sink?: RegisteredResource[];
}

/**
 * Runs `program` on the real Pulumi SDK with the mock monitor, the way the Node language host runs a stack
 * (`runInPulumiStack`), and returns every registration with its options. Rejects with the program's own error.
 */
export async function runUnderMocks(options: MockRunOptions, program: () => unknown, mode: { stack: boolean } = { stack: true }): Promise<ProgramRun> {
    pulumi.runtime.setAllConfig(options.config);
    await pulumi.runtime.setMocks(new AwsMocks(options.identity), options.project, options.stack, true);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
    const resources: RegisteredResource[] = options.sink ?? [];
    const failures: unknown[] = [];
    const registerResource = monitor.registerResource.bind(monitor);
    (monitor as { registerResource: MockMonitor["registerResource"] }).registerResource = (req, callback) =>
        registerResource(req, (err: unknown, response: RegistrationResponse | undefined) => {
            if (response) {
                resources.push(toRecord(req as RegistrationRequest, response));
            }
            callback(err, response);
        });

    // Errors thrown inside applies surface as unhandled rejections in the real language host too: collect them.
    const onRejection = (reason: unknown): void => {
        failures.push(reason);
    };
    process.on("unhandledRejection", onRejection);
    try {
        // The program's own error is recorded, not rethrown: the Stack would turn it into an unhandled rejection.
        const run = async (): Promise<unknown> => {
            try {
                const exported = program();
                return exported instanceof Function ? await exported() : await exported;
            } catch (error) {
                failures.push(error);
                return undefined;
            }
        };
        // A component test registers no root stack, so that "nothing was registered" means exactly that.
        const outputs = (mode.stack ? await pulumi.runtime.runInPulumiStack(run) : await run()) as Record<string, unknown> | undefined;
        await settle();
        // Node reports a rejection nobody handled after the microtask queue drains: give it that turn.
        await new Promise((resolve) => setImmediate(resolve));
        if (failures.length > 0) {
            throw failures[0];
        }
        return { resources, outputs: outputs ?? {} };
    } finally {
        process.off("unhandledRejection", onRejection);
    }
}

/** Lets pending applies and registrations finish: the RPC queue drains when every registration has answered. */
async function settle(): Promise<void> {
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };
    await settings.waitForRPCs();
}

interface RegistrationRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getObject(): unknown;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getDependenciesList(): string[];
    getAliasesList(): AliasProto[];
    getPropertydependenciesMap(): { forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void };
}
interface RegistrationResponse {
    getUrn(): string;
    getId(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface AliasProto {
    getUrn(): string;
    getSpec(): { getName(): string; getType(): string; getParenturn(): string; getNoparent(): boolean; getStack(): string; getProject(): string } | undefined;
}

function toRecord(req: RegistrationRequest, response: RegistrationResponse): RegisteredResource {
    const deserialize = pulumi.runtime.deserializeProperties as (struct: unknown) => Record<string, unknown>;
    return {
        urn: response.getUrn(),
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent() || undefined,
        provider: req.getProvider() || undefined,
        inputs: deserialize(req.getObject()),
        outputs: response.getObject()?.toJavaScript() ?? {},
        id: response.getId() || undefined,
        protect: Boolean(req.getProtect()),
        retainOnDelete: Boolean(req.getRetainondelete()),
        dependsOn: req.getDependenciesList(),
        propertyDependencies: propertyDependencies(req),
        aliases: req.getAliasesList().map((alias) => {
            const spec = alias.getSpec();
            if (!spec) {
                return { urn: alias.getUrn() };
            }
            const record = {
                name: spec.getName() || undefined,
                type: spec.getType() || undefined,
                parentUrn: spec.getParenturn() || undefined,
                noParent: spec.getNoparent() || undefined,
                stack: spec.getStack() || undefined,
                project: spec.getProject() || undefined,
            };
            return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
        }),
    };
}

function propertyDependencies(req: RegistrationRequest): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
        result[key] = value.getUrnsList();
    });
    return result;
}
