import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
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
    /**
     * What the mocks returned as the resource's state. In a preview, computed values (ids, ARNs) are absent, and
     * values that depend on them are the engine's unknown sentinel; as deployed, they are computed as AWS would.
     */
    outputs: Record<string, unknown>;
    /** Undefined in a preview: a resource being created has no id until `up`. */
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
    /** The stack's outputs as the engine records them; in a preview, unknown values are the sentinel. */
    outputs: Record<string, unknown>;
}

/** The engine's encoding of a value that is not known until `up` (`pulumi preview --json` shows it as is). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface MockRunOptions {
    project: string;
    stack: string;
    /** Fully qualified config (`namespace:key` → raw string), as the engine hands it to a program. */
    config: Record<string, string>;
    identity: MockIdentity;
    /** Where registrations are collected; pass one to keep them when the program throws. */
    sink?: RegisteredResource[];
    /**
     * Run as `pulumi preview` does: computed outputs of the resources being created are unknown. When false, the
     * program sees every value as it would be after `pulumi up` (ids and ARNs computed as AWS would).
     * @default false
     */
    preview?: boolean;
}

/**
 * Runs `program` on the real Pulumi SDK with the mock monitor, the way the Node language host runs a stack
 * (`runInPulumiStack`), and returns every registration with its options. Rejects with the program's own error.
 */
export async function runUnderMocks(options: MockRunOptions, program: () => unknown, mode: { stack: boolean } = { stack: true }): Promise<ProgramRun> {
    pulumi.runtime.setAllConfig(options.config);
    const preview = options.preview ?? false;
    await pulumi.runtime.setMocks(new AwsMocks(options.identity, { preview }), options.project, options.stack, preview);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
    // URNs as the engine assigns them, not as the SDK's mock monitor does (it keeps only the parent's last type).
    (monitor as unknown as { newUrn(parent: string, type: string, name: string): string }).newUrn = (parent, type, name) => engineUrn(options.stack, options.project, parent, type, name);
    const resources: RegisteredResource[] = options.sink ?? [];
    // The stack's outputs as the engine receives them: serialized, with unknowns as the sentinel.
    let stackOutputs: Record<string, unknown> | undefined;
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    (monitor as { registerResourceOutputs: MockMonitor["registerResourceOutputs"] }).registerResourceOutputs = (req, callback) => {
        const outputsRequest = req as { getUrn(): string; getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined };
        if (outputsRequest.getUrn().split("::")[2] === "pulumi:pulumi:Stack") {
            stackOutputs = unwrapSecrets(outputsRequest.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        return registerResourceOutputs(req, callback);
    };
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
        return { resources, outputs: stackOutputs ?? outputs ?? {} };
    } finally {
        process.off("unhandledRejection", onRejection);
    }
}

/** The engine's root stack type: a child of the stack does not carry it in its URN. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The URN the engine assigns: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where a resource's
 * qualified type is its parent's qualified type, `$`, and its own type, unless the parent is the root stack, whose
 * type is left out (the engine's resource.NewURN: `if parentType != "" && parentType != RootStackType`). So a
 * component's child reads `audit-logs:index:AuditLogBucket$aws:kms/key:Key`, and a child of a child component
 * carries both component types.
 */
export function engineUrn(stack: string, project: string, parent: string | undefined, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
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
        inputs: withSentinels(deserialize(req.getObject())) as Record<string, unknown>,
        outputs: unwrapSecrets(response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
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

/**
 * The SDK turns the engine's unknown sentinel into an `Unknown` object in a preview; the engine and the policy pack
 * see the sentinel string, so the records keep that.
 */
function withSentinels(value: unknown): unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map(withSentinels);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withSentinels(inner)]));
    }
    return value;
}

const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
const SPECIAL_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** Serialized state wraps secrets in a signed object; the records hold the plain value, as `deserialize` does. */
function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[SPECIAL_SIGNATURE_KEY] === SECRET_SIGNATURE) {
            return unwrapSecrets(record.value);
        }
        return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, unwrapSecrets(inner)]));
    }
    return value;
}
