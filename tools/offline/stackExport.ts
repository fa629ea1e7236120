import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { StackPlan } from "./plan";
import { PACKAGE_ROOT } from "../launch/packageRoot";
import { ROOT_STACK_TYPE } from "./capture";

/** The time the committed example export carries, so that regenerating it changes nothing but what the plan changed. */
export const EXAMPLE_EXPORT_TIME = "2026-12-01T00:00:00.000Z";

/** The SDK version the plan ran on, as the manifest's version (there is no CLI offline). */
function sdkVersion(): string {
    return `v${(JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version}`;
}

/**
 * The plan as `pulumi stack export` writes it after a `pulumi up`: deployment version 3; a manifest with the
 * time, the version and its magic (the SHA-256 of the version, as the engine computes it); the root stack first,
 * holding the stack's outputs; components without an id; URNs with the parent type chain, as the engine assigns
 * them (see engineUrn).
 */
export function planAsStackExport(plan: StackPlan, options: { time?: string } = {}): Record<string, unknown> {
    const version = sdkVersion();
    return {
        version: 3,
        deployment: {
            manifest: { time: options.time ?? new Date().toISOString(), magic: crypto.createHash("sha256").update(version).digest("hex"), version },
            resources: plan.resources.map((resource) => ({
                urn: resource.urn,
                custom: resource.custom,
                id: resource.custom ? resource.id : undefined,
                type: resource.type,
                inputs: resource.inputs,
                outputs: resource.type === ROOT_STACK_TYPE ? plan.outputs : resource.outputs,
                parent: resource.parent,
                protect: resource.protect || undefined,
                retainOnDelete: resource.retainOnDelete || undefined,
                provider: resource.provider,
                dependencies: resource.dependsOn,
                propertyDependencies: resource.propertyDependencies,
            })),
        },
    };
}

/** The committed example export of the prod stack, as deployed. */
export const EXAMPLE_EXPORT = path.join(PACKAGE_ROOT, "examples", "stack-export.prod.json");

/** The example export's text, generated from the prod plan as deployed (what `npm run example-export` writes). */
export async function exampleExportText(): Promise<string> {
    const { planStack } = await import("./plan");
    const plan = await planStack({ stack: "prod", asDeployed: true });
    return `${JSON.stringify(planAsStackExport(plan, { time: EXAMPLE_EXPORT_TIME }), null, 2)}\n`;
}

if (require.main === module) {
    exampleExportText().then(
        (text) => {
            fs.writeFileSync(EXAMPLE_EXPORT, text);
            console.log(`wrote ${path.relative(process.cwd(), EXAMPLE_EXPORT)}`);
        },
        (error) => {
            console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
            process.exitCode = 2;
        },
    );
}
