import * as fs from "fs";
import * as path from "path";
import type { AnalyzerResource } from "./analyzer";

export class StackExportError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackExportError";
    }
}

export interface StackExport {
    project: string;
    stack: string;
    resources: AnalyzerResource[];
}

interface ExportedResource {
    urn?: unknown;
    type?: unknown;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    provider?: string;
    protect?: boolean;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    delete?: boolean;
}

/** Reads a `pulumi stack export` file (deployment version 3) into the resources an analyzer is sent. */
export function readStackExport(file: string): StackExport {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new StackExportError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let document: { version?: unknown; deployment?: { resources?: unknown } };
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new StackExportError(`${file} is not a stack export: it is not JSON (${(error as Error).message})`);
    }
    if (!document || typeof document !== "object" || document.deployment === undefined) {
        throw new StackExportError(`${file} is not a stack export: it has no "deployment" (make one with: pulumi stack export --file ${freshExportName(file)})`);
    }
    if (document.version !== 3) {
        throw new StackExportError(`${file} is deployment version ${JSON.stringify(document.version)}; this reads version 3 (pulumi stack export from a current CLI)`);
    }
    const resources = document.deployment.resources ?? [];
    if (!Array.isArray(resources)) {
        throw new StackExportError(`${file} is not a stack export: deployment.resources is not a list`);
    }
    const analyzed: AnalyzerResource[] = [];
    resources.forEach((resource: ExportedResource, index: number) => {
        if (typeof resource?.urn !== "string" || typeof resource.type !== "string" || !resource.urn.startsWith("urn:pulumi:")) {
            throw new StackExportError(`${file} is not a stack export: deployment.resources[${index}] has no valid urn and type`);
        }
        if (resource.delete) {
            return;
        }
        analyzed.push({
            urn: resource.urn,
            type: resource.type,
            name: resource.urn.slice(resource.urn.lastIndexOf("::") + 2),
            // The inputs, and the resource's own ARN from its outputs: the pack learns an account from it.
            properties: resource.inputs ? { ...resource.inputs, ...(typeof resource.outputs?.arn === "string" && resource.inputs.arn === undefined ? { arn: resource.outputs.arn } : {}) } : (resource.outputs ?? {}),
            parent: resource.parent,
            provider: resource.provider,
            protect: resource.protect,
            dependencies: resource.dependencies ?? [],
            propertyDependencies: resource.propertyDependencies ?? {},
        });
    });
    const [, stack = "unknown", project = "unknown"] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(analyzed[0]?.urn ?? "") ?? [];
    return { project, stack, resources: analyzed };
}

/**
 * A file name for `pulumi stack export --file` next to `file`, which exists (it was just read) and would be
 * overwritten: `stack-export.json`, or the first `stack-export-<n>.json` that does not exist yet.
 */
export function freshExportName(file: string): string {
    const dir = path.dirname(file);
    for (let n = 0; ; n++) {
        const candidate = path.join(dir, n === 0 ? "stack-export.json" : `stack-export-${n}.json`);
        if (!fs.existsSync(candidate)) {
            return candidate;
        }
    }
}
