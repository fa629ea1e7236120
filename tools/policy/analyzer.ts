import type { ChildProcess } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { PendingPack, PolicyPackError, StartOptions, spawnPack, tail } from "./spawnPack";
import type { Remediation, Violation } from "./violations";

export { PolicyPackError, spawnPack };
export type { PendingPack, StartOptions };

// The generated clients and messages, with Struct and Empty from the google-protobuf copy @pulumi/pulumi uses: the
// serializers check `instanceof`, so another copy's messages would fail to serialize.
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const ANALYZER_SERVICE = analyzerGrpc.AnalyzerService as Record<string, { path: string; requestSerialize(message: unknown): Buffer; responseDeserialize(bytes: Buffer): unknown }>;
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] }));
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [PULUMI_DIR] }));

/** A resource as the engine sends it to an analyzer. */
export interface AnalyzerResource {
    urn: string;
    type: string;
    name: string;
    properties: Record<string, unknown>;
    parent?: string;
    provider?: string;
    protect?: boolean;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Violation["enforcementLevel"];
    configSchema?: { properties: Record<string, { type?: string; default?: unknown }> };
}

export interface PackInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

/** Policy config as `pulumi preview --policy-pack-config` reads it: per policy a level, or an object with one. */
export type PolicyConfigFile = Record<string, string | ({ enforcementLevel?: string } & Record<string, unknown>)>;

const LEVELS: Violation["enforcementLevel"][] = ["advisory", "mandatory", "disabled", "remediate"];

/**
 * A policy pack running as its own process, driven over the Analyzer gRPC protocol the way the engine drives it:
 * `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> <pack>` in the pack's folder, port read from the first line
 * of stdout, then ConfigureStack, GetAnalyzerInfo, Configure, Analyze per resource, AnalyzeStack.
 */
export class PolicyPackProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: any,
        private readonly packDir: string,
        private readonly stderr: () => string,
        private readonly callTimeoutMs: number,
    ) {}

    /** Starts the pack and connects to it once it announces its port. */
    static async start(packDir: string, options: StartOptions = {}): Promise<PolicyPackProcess> {
        return PolicyPackProcess.connect(spawnPack(packDir, options), options);
    }

    /** Connects to a pack that `spawnPack` started. */
    static async connect(pending: PendingPack, options: StartOptions = {}): Promise<PolicyPackProcess> {
        const port = await pending.port;
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new PolicyPackProcess(pending.child, client, pending.dir, pending.stderr, options.callTimeoutMs ?? 20000);
    }

    /** The pack's process id, for measuring it. */
    get pid(): number | undefined {
        return this.child.pid;
    }

    async configureStack(stack: { project: string; stack: string; organization?: string; dryRun: boolean; config?: Record<string, string> }): Promise<void> {
        const request = new analyzerProto.AnalyzerStackConfigureRequest();
        request.setProject(stack.project);
        request.setStack(stack.stack);
        request.setOrganization(stack.organization ?? "organization");
        request.setDryRun(stack.dryRun);
        const map = request.getConfigMap();
        for (const [key, value] of Object.entries(stack.config ?? {})) {
            map.set(key, value);
        }
        await this.call("configureStack", request);
    }

    async info(): Promise<PackInfo> {
        const response = await this.call("getAnalyzerInfo", new Empty());
        return {
            name: response.getName(),
            version: response.getVersion(),
            policies: response.getPoliciesList().map((policy: any) => ({
                name: policy.getName(),
                description: policy.getDescription(),
                enforcementLevel: LEVELS[policy.getEnforcementlevel()] ?? "advisory",
                configSchema: policy.getConfigschema() ? { properties: policy.getConfigschema().getProperties()?.toJavaScript() ?? {} } : undefined,
            })),
        };
    }

    /** Sends policy config the way the CLI does: every policy, with an explicit level and its schema's defaults. */
    async configure(info: PackInfo, config: PolicyConfigFile): Promise<void> {
        const request = new analyzerProto.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [policy, level, properties] of reconcileConfig(info, config)) {
            const entry = new analyzerProto.PolicyConfig();
            entry.setEnforcementlevel(LEVELS.indexOf(level));
            entry.setProperties(Struct.fromJavaScript(properties));
            map.set(policy, entry);
        }
        await this.call("configure", request);
    }

    async analyze(resource: AnalyzerResource, encoded?: EncodedResources): Promise<Violation[]> {
        const response = await this.call("analyze", (encoded ?? new EncodedResources([])).analyzeRequest(resource));
        return diagnostics(response).map((violation) => ({ ...violation, urn: violation.urn || resource.urn }));
    }

    /**
     * The Remediate call the engine makes before Analyze: each policy at `remediate` level may return new properties
     * for the resource (applied in order, each seeing the last), or a diagnostic when it could not run.
     */
    async remediate(resource: AnalyzerResource, encoded?: EncodedResources): Promise<RemediateResult[]> {
        const response = await this.call("remediate", (encoded ?? new EncodedResources([])).analyzeRequest(resource));
        return response.getRemediationsList().map((remediation: any) => ({
            policyPack: remediation.getPolicypackname(),
            policyPackVersion: remediation.getPolicypackversion(),
            policy: remediation.getPolicyname(),
            properties: remediation.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
            diagnostic: remediation.getDiagnostic() || undefined,
        }));
    }

    async analyzeStack(resources: readonly AnalyzerResource[], encoded?: EncodedResources): Promise<Violation[]> {
        return diagnostics(await this.call("analyzeStack", (encoded ?? new EncodedResources([])).stackRequest(resources)));
    }

    close(): void {
        this.client.close();
        if (this.child.exitCode === null) {
            this.child.kill("SIGKILL");
        }
    }

    /** A message is serialized as the generated client would; bytes (an encoded request) are sent as they are. */
    private call(method: string, request: unknown): Promise<any> {
        const service = ANALYZER_SERVICE[method];
        const serialize = Buffer.isBuffer(request) ? (bytes: Buffer) => bytes : (message: unknown) => service.requestSerialize(message);
        return new Promise((resolve, reject) => {
            if (this.child.exitCode !== null || this.child.signalCode !== null) {
                reject(new PolicyPackError(`policy pack ${this.packDir} has exited; it wrote:\n${tail(this.stderr())}`));
                return;
            }
            const deadline = new Date(Date.now() + this.callTimeoutMs);
            this.client.makeUnaryRequest(service.path, serialize, service.responseDeserialize, request, new grpc.Metadata(), { deadline }, (error: grpc.ServiceError | null, response: unknown) => {
                if (error) {
                    const crashed = this.child.exitCode !== null || this.child.signalCode !== null;
                    reject(new PolicyPackError(`${method} failed: ${error.details || error.message}${crashed ? `; the pack exited and wrote:\n${tail(this.stderr())}` : ""}`));
                } else {
                    resolve(response);
                }
            });
        });
    }
}

/** One policy's answer to a Remediate call. */
export interface RemediateResult {
    policyPack: string;
    policyPackVersion: string;
    policy: string;
    /** The resource's whole properties after the fix. */
    properties?: Record<string, unknown>;
    /** Why the remediation could not run (a value not known during a preview); the engine shows it as advisory. */
    diagnostic?: string;
}

/** The CLI's reconciliation: each policy gets a level (its own, `all`, or the config's) and its schema defaults. */
export function reconcileConfig(info: PackInfo, config: PolicyConfigFile): [string, Violation["enforcementLevel"], Record<string, unknown>][] {
    const known = new Set(info.policies.map((policy) => policy.name));
    for (const key of Object.keys(config)) {
        if (key !== "all" && !known.has(key)) {
            throw new PolicyPackError(`policy config names "${key}", which pack ${info.name} does not have (policies: ${[...known].join(", ")})`);
        }
    }
    const all = typeof config.all === "string" ? config.all : undefined;
    return info.policies.map((policy) => {
        const entry = config[policy.name];
        const { enforcementLevel, ...properties } = typeof entry === "object" ? entry : { enforcementLevel: entry };
        const level = (enforcementLevel ?? all ?? policy.enforcementLevel) as Violation["enforcementLevel"];
        if (!LEVELS.includes(level)) {
            throw new PolicyPackError(`policy config for ${policy.name}: enforcementLevel "${level}" is not one of ${LEVELS.join(", ")}`);
        }
        const schema = policy.configSchema?.properties ?? {};
        const merged: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(schema)) {
            if (property.default !== undefined) {
                merged[name] = property.default;
            }
        }
        for (const [name, value] of Object.entries(properties)) {
            const expected = schema[name]?.type;
            if (!expected) {
                throw new PolicyPackError(`policy config for ${policy.name}: unknown property "${name}" (known: ${Object.keys(schema).join(", ") || "none"})`);
            }
            if (!matchesType(value, expected)) {
                throw new PolicyPackError(`policy config for ${policy.name}: ${name} must be of type ${expected}, got ${JSON.stringify(value)}`);
            }
            merged[name] = value;
        }
        return [policy.name, level, merged];
    });
}

function matchesType(value: unknown, type: string): boolean {
    switch (type) {
        case "integer":
            return Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "array":
            return Array.isArray(value);
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        default:
            return typeof value === type;
    }
}

/** What an AnalyzeRequest and an AnalyzerResource both carry; options must be set, even when empty. */
function describe<T extends { setUrn(v: string): void; setType(v: string): void; setName(v: string): void; setProperties(v: unknown): void; setOptions(v: unknown): void }>(
    message: T,
    resource: AnalyzerResource,
    properties: unknown,
): T {
    message.setUrn(resource.urn);
    message.setType(resource.type);
    message.setName(resource.name);
    message.setProperties(properties);
    message.setOptions(resourceOptions(resource));
    return message;
}

/**
 * The requests of a run, each resource encoded once and ahead of the calls: an audit encodes while the pack starts
 * (the pack's start-up is the longer of the two), and a resource's properties are encoded once for its Remediate,
 * Analyze and AnalyzeStack. A resource not among those given (one a remediation changed) is encoded when asked for.
 */
export class EncodedResources {
    private readonly given: ReadonlySet<AnalyzerResource>;
    private readonly structs = new Map<AnalyzerResource, unknown>();
    private readonly analyzeRequests = new Map<AnalyzerResource, Buffer>();
    private stack?: Buffer;

    constructor(private readonly resources: readonly AnalyzerResource[]) {
        this.given = new Set(resources);
    }

    /** Encodes every request of a run that does not remediate: Analyze per resource, and AnalyzeStack. */
    static ahead(resources: readonly AnalyzerResource[]): EncodedResources {
        const encoded = new EncodedResources(resources);
        resources.forEach((resource) => encoded.analyzeRequest(resource));
        encoded.stackRequest(resources);
        return encoded;
    }

    /** An AnalyzeRequest (which Remediate takes too). */
    analyzeRequest(resource: AnalyzerResource): Buffer {
        let bytes = this.analyzeRequests.get(resource);
        if (!bytes) {
            bytes = Buffer.from(describe(new analyzerProto.AnalyzeRequest(), resource, this.struct(resource)).serializeBinary());
            if (this.given.has(resource)) {
                this.analyzeRequests.set(resource, bytes);
            }
        }
        return bytes;
    }

    /** An AnalyzeStackRequest; the one encoded ahead when `resources` are exactly those given. */
    stackRequest(resources: readonly AnalyzerResource[]): Buffer {
        const same = resources.length === this.resources.length && resources.every((resource, index) => resource === this.resources[index]);
        if (same && this.stack) {
            return this.stack;
        }
        const request = new analyzerProto.AnalyzeStackRequest();
        const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
        request.setResourcesList(
            resources.map((resource) => {
                const message = describe(new analyzerProto.AnalyzerResource(), resource, this.struct(resource));
                message.setParent(resource.parent ?? "");
                const provider = resource.provider ? byUrn.get(providerUrn(resource.provider)) : undefined;
                if (provider) {
                    message.setProvider(providerResource(provider));
                }
                message.setDependenciesList(resource.dependencies ?? []);
                const dependencies = message.getPropertydependenciesMap();
                for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                    const entry = new analyzerProto.AnalyzerPropertyDependencies();
                    entry.setUrnsList(urns);
                    dependencies.set(property, entry);
                }
                return message;
            }),
        );
        const bytes = Buffer.from(request.serializeBinary());
        if (same) {
            this.stack = bytes;
        }
        return bytes;
    }

    private struct(resource: AnalyzerResource): unknown {
        let struct = this.structs.get(resource);
        if (!struct) {
            struct = Struct.fromJavaScript(jsonSafe(resource.properties));
            if (this.given.has(resource)) {
                this.structs.set(resource, struct);
            }
        }
        return struct;
    }
}

function resourceOptions(resource: AnalyzerResource): unknown {
    const options = new analyzerProto.AnalyzerResourceOptions();
    options.setProtect(resource.protect ?? false);
    options.setParent(resource.parent ?? "");
    return options;
}

/** A provider reference is `<urn>::<id>`. */
function providerUrn(reference: string): string {
    const separator = reference.lastIndexOf("::");
    return separator > 0 ? reference.slice(0, separator) : reference;
}

function providerResource(provider: AnalyzerResource): unknown {
    const message = new analyzerProto.AnalyzerProviderResource();
    message.setUrn(provider.urn);
    message.setType(provider.type);
    message.setName(provider.name);
    message.setProperties(Struct.fromJavaScript(jsonSafe(provider.properties)));
    return message;
}

function diagnostics(response: any): Violation[] {
    return response.getDiagnosticsList().map((diagnostic: any) => ({
        policyPack: diagnostic.getPolicypackname(),
        policyPackVersion: diagnostic.getPolicypackversion(),
        policy: diagnostic.getPolicyname(),
        enforcementLevel: LEVELS[diagnostic.getEnforcementlevel()] ?? "advisory",
        urn: diagnostic.getUrn(),
        message: diagnostic.getMessage(),
    }));
}

/** Struct holds JSON only: drop undefined, keep the rest as the engine would serialize it. */
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
    return JSON.parse(JSON.stringify(value ?? {}));
}

export interface RunPackOptions extends StartOptions {
    project: string;
    stack: string;
    dryRun: boolean;
    policyConfig?: PolicyConfigFile;
    config?: Record<string, string>;
}

export interface PackResult {
    info: PackInfo;
    violations: Violation[];
    /** Changes policies at `remediate` level made, in the order the engine applies them; empty when none. */
    remediations: Remediation[];
}

/**
 * Starts the pack, runs every resource and the stack through it as the engine does, and stops it: per resource,
 * Remediate (only when a policy is at `remediate` level: otherwise the call cannot change anything) then Analyze on
 * the remediated properties; then AnalyzeStack on the remediated resources. The per-resource calls are independent,
 * so they are in flight together rather than one round trip each.
 */
export async function analyzeWithPack(packDir: string | PendingPack, resources: readonly AnalyzerResource[], options: RunPackOptions): Promise<PackResult> {
    const pending = typeof packDir === "string" ? spawnPack(packDir, options) : packDir;
    let encoded: EncodedResources;
    try {
        encoded = EncodedResources.ahead(resources);
    } catch (error) {
        pending.child.kill("SIGKILL");
        throw error;
    }
    const pack = await PolicyPackProcess.connect(pending, options);
    try {
        await pack.configureStack({ project: options.project, stack: options.stack, dryRun: options.dryRun, config: options.config });
        const info = await pack.info();
        if (options.policyConfig) {
            await pack.configure(info, options.policyConfig);
        }
        return { info, ...(await analyzeResources(pack, info, resources, options.policyConfig ?? {}, encoded)) };
    } finally {
        pack.close();
    }
}

/**
 * Runs resources and then the stack through a configured pack, remediating first when a policy is at that level.
 * `encoded` holds requests encoded ahead (by `EncodedResources.ahead` over the same resources); without it, each is
 * encoded as it is sent.
 */
export async function analyzeResources(
    pack: PolicyPackProcess,
    info: PackInfo,
    resources: readonly AnalyzerResource[],
    policyConfig: PolicyConfigFile,
    encoded: EncodedResources = new EncodedResources(resources),
): Promise<{ violations: Violation[]; remediations: Remediation[] }> {
    const remediating = reconcileConfig(info, policyConfig).some(([, level]) => level === "remediate");
    const perResource = await Promise.all(resources.map((resource) => remediateThenAnalyze(pack, resource, remediating, encoded)));
    const violations = perResource.flatMap((result) => result.violations);
    const remediations = perResource.flatMap((result) => result.remediations);
    violations.push(...(await pack.analyzeStack(perResource.map((result) => result.resource), encoded)));
    return { violations, remediations };
}

async function remediateThenAnalyze(
    pack: PolicyPackProcess,
    given: AnalyzerResource,
    remediating: boolean,
    encoded: EncodedResources,
): Promise<{ resource: AnalyzerResource; violations: Violation[]; remediations: Remediation[] }> {
    let resource = given;
    const violations: Violation[] = [];
    const remediations: Remediation[] = [];
    if (remediating) {
        for (const result of await pack.remediate(resource, encoded)) {
            if (result.diagnostic) {
                violations.push({ policyPack: result.policyPack, policyPackVersion: result.policyPackVersion, policy: result.policy, enforcementLevel: "advisory", urn: resource.urn, message: result.diagnostic });
            } else if (result.properties) {
                remediations.push({ urn: resource.urn, policyPack: result.policyPack, policy: result.policy, before: resource.properties, after: result.properties });
                resource = { ...resource, properties: result.properties };
            }
        }
    }
    violations.push(...(await pack.analyze(resource, encoded)));
    return { resource, violations, remediations };
}
