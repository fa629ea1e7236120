import * as fs from "fs";
import * as path from "path";
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { AuditLogBucket } from "./auditLogBucket";

/**
 * The entry point `pulumi package add` runs (package.json `main`, PulumiPlugin.yaml): serves AuditLogBucket as
 * `audit-logs:index:AuditLogBucket` so Python, Go, .NET and YAML programs get a generated SDK. The host infers the
 * schema from the TypeScript sources of the package root.
 */
componentProviderHost({ name: "audit-logs", components: [AuditLogBucket], dirname: packageRoot(__dirname) });

function packageRoot(start: string): string {
    let dir = start;
    while (!fs.existsSync(path.join(dir, "PulumiPlugin.yaml"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no PulumiPlugin.yaml above ${start}`);
        }
        dir = parent;
    }
    return dir;
}
