import type { StackPlan } from "./plan";

/** The plan as `pulumi stack export` would write it after a `pulumi up` (deployment version 3). */
export function planAsStackExport(plan: StackPlan): Record<string, unknown> {
    return {
        version: 3,
        deployment: {
            manifest: { time: new Date(0).toISOString(), magic: "", version: "offline-preview" },
            resources: plan.resources.map((resource) => ({
                urn: resource.urn,
                custom: resource.custom,
                id: resource.id,
                type: resource.type,
                inputs: resource.inputs,
                outputs: resource.outputs,
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
