import * as fs from "fs";
import * as path from "path";
import { AuditLogBucket } from "../../components/auditLogBucket";
import { runUnderMocks } from "../offline/capture";

/**
 * A `pulumi stack export` (version 3) of a program with `buckets` audit-log buckets as deployed (every output known),
 * written to `dir`; returns the file and its resource count. The audit benchmark compares 1 and 100 buckets.
 */
export async function writeAuditExport(dir: string, buckets: number): Promise<{ file: string; resources: number }> {
    const run = await runUnderMocks({ project: "bench", stack: "bench", config: {}, identity: { accountId: "100000000000", region: "us-east-1" }, preview: false }, () => {
        for (let index = 0; index < buckets; index++) {
            new AuditLogBucket(`logs-${index}`, { accountId: "100000000000", region: "us-east-1", namePrefix: `audit-${index}` });
        }
    });
    const resources = run.resources.map((resource) => ({
        urn: resource.urn,
        type: resource.type,
        custom: true,
        inputs: resource.inputs,
        outputs: resource.outputs,
        parent: resource.parent,
        provider: resource.provider,
        protect: resource.protect || undefined,
        dependencies: resource.dependsOn,
        propertyDependencies: resource.propertyDependencies,
    }));
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `audit-${buckets}.json`);
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources } }));
    return { file, resources: resources.length };
}

if (require.main === module) {
    const [dir, count] = process.argv.slice(2);
    writeAuditExport(dir, Number(count)).then((result) => console.log(JSON.stringify(result)));
}
