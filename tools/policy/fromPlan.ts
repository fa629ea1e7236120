import type { RegisteredResource } from "../offline/capture";
import type { AnalyzerResource } from "./analyzer";

/** What the engine would send an analyzer for a registered resource: its inputs, options and dependencies. */
export function analyzerResource(resource: RegisteredResource): AnalyzerResource {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        properties: resource.inputs,
        parent: resource.parent,
        provider: resource.provider,
        protect: resource.protect,
        dependencies: resource.dependsOn,
        propertyDependencies: resource.propertyDependencies,
    };
}
